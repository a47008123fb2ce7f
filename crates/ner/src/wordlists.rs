//! Word name classes for tagger features (`data/ner-words.tsv`): given names, surnames,
//! organisation and place designators, person titles. One lookup per token by the hash of its
//! lower-case form; a trailing period is ignored ("Lt." is "lt").

use crate::features::lower_hash;
use crate::knowledge::FastMap;
use std::sync::OnceLock;

/// Class bits of [`classes`].
pub mod class {
    pub const GIVEN: u8 = 1;
    pub const SURNAME: u8 = 1 << 1;
    pub const ORG: u8 = 1 << 2;
    pub const LOC: u8 = 1 << 3;
    pub const TITLE: u8 = 1 << 4;
    /// Number of classes.
    pub const COUNT: u32 = 5;
}

fn parse(text: &str) -> FastMap<u64, u8> {
    let mut map = FastMap::default();
    for line in text.lines() {
        if line.starts_with('#') {
            continue;
        }
        let Some((word, classes)) = line.split_once('\t') else {
            continue;
        };
        let mut bits = 0u8;
        for c in classes.split('|') {
            bits |= match c.trim() {
                "given" => class::GIVEN,
                "surname" => class::SURNAME,
                "org" => class::ORG,
                "loc" => class::LOC,
                "title" => class::TITLE,
                _ => 0,
            };
        }
        if bits != 0 {
            *map.entry(lower_hash(word)).or_insert(0) |= bits;
        }
    }
    map
}

fn table() -> &'static FastMap<u64, u8> {
    static T: OnceLock<FastMap<u64, u8>> = OnceLock::new();
    T.get_or_init(|| parse(crate::embedded::NER_WORDS))
}

/// The class bits of a word by the [`lower_hash`] of its form (0 when unlisted).
pub fn classes_of_hash(hash: u64) -> u8 {
    table().get(&hash).copied().unwrap_or(0)
}

/// A capitalised title word ("Senator", "Gov.", "Brigadier").
pub fn is_title(word: &str) -> bool {
    word.starts_with(char::is_uppercase) && classes(word) & class::TITLE != 0
}

/// A listed given name ("Darrell", "Manuel"), whatever its case.
pub fn is_given_name(word: &str) -> bool {
    classes(word) & class::GIVEN != 0
}

/// A word that ends or marks organisation names ("Association", "FC"), whatever its case.
pub fn is_org_word(word: &str) -> bool {
    classes(word) & class::ORG != 0
}

/// The class bits of a word (0 when unlisted).
pub fn classes(word: &str) -> u8 {
    let word = word.strip_suffix('.').unwrap_or(word);
    if word.is_empty() {
        return 0;
    }
    table().get(&lower_hash(word)).copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_classes_and_skips_bad_rows() {
        let map = parse("# header\nben\tgiven|surname\nuniversity\torg\nbroken row\nx\tnope\n");
        assert_eq!(
            map.get(&lower_hash("Ben")).copied(),
            Some(class::GIVEN | class::SURNAME)
        );
        assert_eq!(
            map.get(&lower_hash("university")).copied(),
            Some(class::ORG)
        );
        assert_eq!(map.len(), 2);
    }
}
