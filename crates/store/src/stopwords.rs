//! English function words, ignored when choosing an article's distinctive terms. They come from
//! the `en` profile of `data/stopwords.tsv` (the list language identification uses too),
//! through the knowledge layer, compiled once per [`crate::Linker`].

use newsgraph_knowledge::{FastSet, Knowledge, KnowledgeError};

/// The English function words of a knowledge set.
#[derive(Debug, Clone)]
pub struct Stopwords(FastSet<&'static str>);

impl Stopwords {
    /// The `en` profile of `k`'s `stopwords.tsv`.
    pub fn new(k: &Knowledge) -> Result<Stopwords, KnowledgeError> {
        Ok(Stopwords(k.english_function_words()?.collect()))
    }

    pub fn contains(&self, word: &str) -> bool {
        self.0.contains(word)
    }
}

impl Default for Stopwords {
    /// The embedded list (the knowledge crate's tests keep its files clean; were one bad, no
    /// word would be a stopword, never a panic).
    fn default() -> Stopwords {
        Stopwords::new(Knowledge::embedded()).unwrap_or(Stopwords(FastSet::default()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_function_words_are_known() {
        let words = Stopwords::default();
        assert!(words.contains("the"));
        assert!(!words.contains("truce"));
    }
}
