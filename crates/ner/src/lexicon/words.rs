//! How the entity stages key a word: the FNV-1a hash of its normalised lower-case form (curly
//! apostrophes and quotes straight, dashes to hyphens, digits to `0`), so that CoNLL's tokens
//! and the project's look alike. The tagger's trained features and every word list of the
//! lexicon use these hashes, so they must never change without retraining.

use newsgraph_model::hash::{FNV_OFFSET as SEED, FNV_PRIME as PRIME};

/// The hash of the empty word, the seed every word hash starts from.
pub(crate) const HASH_SEED: u64 = SEED;

/// One character into an FNV-1a hash, byte by byte of its code point.
#[inline]
pub(crate) fn fnv_char(h: u64, c: char) -> u64 {
    let mut h = h;
    let mut v = c as u32;
    loop {
        h = (h ^ (v & 0xff) as u64).wrapping_mul(PRIME);
        v >>= 8;
        if v == 0 {
            break;
        }
    }
    h
}

/// The normalised form of a character: typographic marks made plain, digits made `0`.
#[inline]
pub(crate) fn norm_char(c: char) -> char {
    match c {
        '’' | '‘' | '`' => '\'',
        '“' | '”' | '„' => '"',
        '–' | '—' => '-',
        d if d.is_ascii_digit() => '0',
        _ => c,
    }
}

/// Hash of the normalised lower-case form of a word.
pub fn lower_hash(word: &str) -> u64 {
    let mut h = SEED;
    // Most words are ASCII: lower-case them byte by byte (the same hash, without the Unicode
    // case tables; this runs for every token several times).
    if word.is_ascii() {
        for b in word.bytes() {
            let c = if b.is_ascii_digit() {
                '0'
            } else {
                b.to_ascii_lowercase() as char
            };
            h = fnv_char(h, if c == '`' { '\'' } else { c });
        }
        return h;
    }
    lower_hash_chars(word)
}

/// [`lower_hash`] through the Unicode case tables, for any word.
fn lower_hash_chars(word: &str) -> u64 {
    let mut h = SEED;
    for c in word.chars() {
        for l in c.to_lowercase() {
            h = fnv_char(h, norm_char(l));
        }
    }
    h
}

/// The normalised lower-case form as a string (for the cluster lexicon and tools).
pub fn lower_form(word: &str) -> String {
    word.chars()
        .flat_map(|c| c.to_lowercase())
        .map(norm_char)
        .collect()
}

/// The capitalisation band of a word seen `cap` times capitalised and `low` times in lower
/// case inside sentences: 0 (almost never capitalised, a common word) to 4 (almost always, a
/// name); `None` under three sightings.
pub fn caps_band(cap: u32, low: u32) -> Option<u8> {
    let total = cap + low;
    if total < 3 {
        return None;
    }
    let share = cap as f64 / total as f64;
    Some(match share {
        s if s < 0.02 => 0,
        s if s < 0.2 => 1,
        s if s < 0.6 => 2,
        s if s < 0.95 => 3,
        _ => 4,
    })
}

/// Word statistics as the cluster lexicon stores them in one number: cluster id plus one in
/// the low 16 bits, capitalisation band plus one in the next four (0 = unknown for either).
pub fn pack_word_stats(cluster: Option<u32>, band: Option<u8>) -> u32 {
    cluster.map_or(0, |c| (c + 1) & 0xFFFF) | band.map_or(0, |b| ((b as u32 + 1) & 0xF) << 16)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ascii_lower_hash_is_the_unicode_one() {
        for word in [
            "Putin",
            "U.S.",
            "1996-08-30",
            "`quoted'",
            "McDONALD'S",
            "",
            "x",
        ] {
            assert_eq!(lower_hash(word), lower_hash_chars(word), "{word}");
        }
    }
}
