//! Word name classes for tagger features (`data/ner-words.tsv`): given names, surnames,
//! organisation and place designators, person titles. One lookup per token by the hash of its
//! lower-case form; a trailing period is ignored ("Lt." is "lt").

use super::words::lower_hash;
use newsgraph_knowledge::{Knowledge, KnowledgeError};
use newsgraph_model::hash::FastMap;

/// Class bits of [`NameClasses::classes`].
pub use newsgraph_knowledge::name_class as class;

/// The name classes of `ner-words.tsv`, by the hash of a word's lower-case form.
#[derive(Debug, Default)]
pub struct NameClasses {
    by_hash: FastMap<u64, u8>,
}

impl NameClasses {
    /// The classes of `k`'s `ner-words.tsv`.
    pub fn new(k: &Knowledge) -> Result<NameClasses, KnowledgeError> {
        let mut by_hash = FastMap::default();
        for w in k.ner_words()? {
            if w.classes != 0 {
                *by_hash.entry(lower_hash(w.word)).or_insert(0) |= w.classes;
            }
        }
        Ok(NameClasses { by_hash })
    }

    /// The class bits of a word by the [`lower_hash`] of its form (0 when unlisted).
    pub fn classes_of_hash(&self, hash: u64) -> u8 {
        self.by_hash.get(&hash).copied().unwrap_or(0)
    }

    /// A capitalised title word ("Senator", "Gov.", "Brigadier").
    pub fn is_title(&self, word: &str) -> bool {
        word.starts_with(char::is_uppercase) && self.classes(word) & class::TITLE != 0
    }

    /// A listed given name ("Darrell", "Manuel"), whatever its case.
    pub fn is_given_name(&self, word: &str) -> bool {
        self.classes(word) & class::GIVEN != 0
    }

    /// A word that ends or marks organisation names ("Association", "FC"), whatever its case.
    pub fn is_org_word(&self, word: &str) -> bool {
        self.classes(word) & class::ORG != 0
    }

    /// The class bits of a word (0 when unlisted).
    pub fn classes(&self, word: &str) -> u8 {
        let word = word.strip_suffix('.').unwrap_or(word);
        if word.is_empty() {
            return 0;
        }
        self.classes_of_hash(lower_hash(word))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_knowledge::Sources;

    #[test]
    fn reads_classes_of_any_case() {
        let k = Knowledge::new(Sources {
            ner_words: "# header\nben\tgiven|surname\nuniversity\torg\n",
            ..Sources::EMPTY
        });
        let names = NameClasses::new(&k).expect("valid rows");
        assert_eq!(names.classes("Ben"), class::GIVEN | class::SURNAME);
        assert!(names.is_org_word("UNIVERSITY") && !names.is_given_name("University"));
        assert_eq!(names.classes("x"), 0);
    }
}
