//! The data files this crate embeds, and a reader for their shared TSV shape.
//!
//! Each file is compiled into the binary (`include_str!`) and parsed once, on first use, into
//! the matcher of the stage that reads it. A malformed row is skipped, not fatal: the tests of
//! each stage check that every row of its file is understood.

/// `data/numbers.tsv`: number words.
pub const NUMBERS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/numbers.tsv"
));
/// `data/calendar.tsv`: month and weekday names, relative day words.
pub const CALENDAR: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/calendar.tsv"
));
/// `data/counts.tsv`: count triggers, objects, fillers, modifiers.
pub const COUNTS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/counts.tsv"
));
/// `data/themes.tsv`: the theme taxonomy.
pub const THEMES: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/themes.tsv"
));
/// `data/tone-lexicon.tsv`: positive and negative words (derived from VADER).
pub const TONE_LEXICON: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/tone-lexicon.tsv"
));
/// `data/tone-reference.tsv`: activity words and self/group reference words.
pub const TONE_REFERENCE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/tone-reference.tsv"
));

/// The data rows of a TSV file: comment lines (`#`) and blank lines skipped, cells split on tabs.
pub fn rows(file: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    file.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::trim).collect())
}

/// FNV-1a: the lexicons are looked up once per word with short keys, where SipHash (the std
/// default, built to resist flooding by untrusted keys) costs more than the rest of a stage.
/// Our keys come from our own files, so flooding is not a concern.
#[derive(Default, Clone, Copy)]
pub struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A hash map keyed by lexicon words, with the fast hasher.
pub type WordMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<Fnv>>;
/// A hash set of lexicon words, with the fast hasher.
pub type WordSet<K> = std::collections::HashSet<K, std::hash::BuildHasherDefault<Fnv>>;
