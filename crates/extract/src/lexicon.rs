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

// The project's one fast hasher (newsgraph_model::hash): the lexicons are looked up once per
// word with short keys, where SipHash costs more than the rest of a stage.
/// A hash map keyed by lexicon words, with the fast hasher.
pub type WordMap<K, V> = newsgraph_model::hash::FastMap<K, V>;
/// A hash set of lexicon words, with the fast hasher.
pub type WordSet<K> = newsgraph_model::hash::FastSet<K>;
