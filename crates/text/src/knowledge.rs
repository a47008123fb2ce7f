//! What the text stages look up, compiled once from the knowledge layer's tables
//! (`furniture.tsv`, `abbreviations.tsv`, `stopwords.tsv`, `languages.tsv`, the English rows of
//! `months.tsv`) when the stages are built.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
pub use newsgraph_knowledge::{AbbrevKind, FurnitureRule, RuleKind};
use newsgraph_knowledge::{Knowledge, KnowledgeError};

/// Everything the stages of this crate look up, compiled.
pub struct TextKnowledge {
    /// The phrase rules of `furniture.tsv` (`label` rows too; not the word rows below).
    pub furniture: Vec<FurnitureRule>,
    /// Matches every furniture pattern, ASCII-case-insensitively, overlapping.
    pub furniture_matcher: AhoCorasick,
    /// No furniture rule fires on a line of more words than this (lets long paragraphs skip
    /// the matcher).
    pub furniture_max_words: usize,
    /// Lead labels, lower case with their colon ("read more:"), and their reasons.
    pub labels: Vec<(String, &'static str)>,
    /// Lower-case words of share bars: `true` for a social network's name, `false` for a word
    /// that may stand between them ("send", "permalink").
    pub share_words: HashMap<&'static str, bool>,
    /// Finds the network names of `share_words` in a line (a cheap test before a word-by-word
    /// look for a share bar).
    pub network_matcher: AhoCorasick,
    /// Lower-case function words that, capitalised, start a sentence (`opener` rows).
    pub openers: HashMap<&'static str, ()>,
    pub abbreviations: HashMap<&'static str, AbbrevKind>,
    /// Lower-case English function words: a capitalised one after "Inc." opens a sentence.
    pub sentence_openers: HashMap<&'static str, ()>,
    /// Language codes, in `stopwords.tsv` order; bit `i` of a profile mask is `languages[i]`.
    pub languages: Vec<&'static str>,
    /// Lower-case word -> bit mask of the languages whose profile holds it.
    pub stopword_langs: HashMap<&'static str, u32>,
    /// ISO 639-3 -> ISO 639-1 (`languages.tsv`), for the trigram language model's codes.
    pub iso639_1: HashMap<&'static str, &'static str>,
    /// English month names and abbreviations (`months.tsv`, language `en`), lower case, with
    /// their month (1..12), for datelines and dates written out in the text.
    pub english_months: Vec<(&'static str, u8)>,
}

/// A map keyed by short words, with the project's one fast hasher (the lookups sit on the
/// per-word path of every article).
pub type HashMap<K, V> = newsgraph_model::hash::FastMap<K, V>;

impl TextKnowledge {
    /// Compile the tables of `k` that the text stages read.
    pub fn new(k: &Knowledge) -> Result<TextKnowledge, KnowledgeError> {
        let mut furniture = Vec::new();
        let mut labels = Vec::new();
        let mut share_words = HashMap::default();
        let mut openers = HashMap::default();
        for rule in k.furniture()? {
            match rule.kind {
                RuleKind::Network | RuleKind::Share => {
                    share_words.insert(rule.pattern, rule.kind == RuleKind::Network);
                }
                RuleKind::Opener => {
                    openers.insert(rule.pattern, ());
                }
                RuleKind::Label => {
                    labels.push((rule.pattern.to_lowercase(), rule.reason));
                    furniture.push(rule.clone());
                }
                _ => furniture.push(rule.clone()),
            }
        }
        let networks: Vec<&str> = share_words
            .iter()
            .filter(|(_, &is_network)| is_network)
            .map(|(w, _)| *w)
            .collect();
        let network_matcher = AhoCorasickBuilder::new()
            .kind(Some(AhoCorasickKind::DFA))
            .ascii_case_insensitive(true)
            .build(networks)
            .unwrap_or_else(|_| {
                AhoCorasick::new(Vec::<&str>::new()).expect("empty automaton builds")
            });
        let furniture_matcher = AhoCorasickBuilder::new()
            .kind(Some(AhoCorasickKind::DFA))
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(furniture.iter().map(|r| r.pattern))
            .unwrap_or_else(|_| {
                AhoCorasick::new(Vec::<&str>::new()).expect("empty automaton builds")
            });

        let mut abbreviations = HashMap::default();
        for a in k.abbreviations()? {
            abbreviations.insert(a.word, a.kind);
        }

        let mut languages = Vec::new();
        let mut stopword_langs: HashMap<&'static str, u32> = HashMap::default();
        let mut sentence_openers = HashMap::default();
        for profile in k.stopwords()? {
            if languages.len() >= 32 {
                return Err(KnowledgeError {
                    file: newsgraph_knowledge::sources::file::STOPWORDS,
                    line: 0,
                    message: format!("more than 32 languages: {}", profile.language),
                });
            }
            let bit = 1u32 << languages.len();
            languages.push(profile.language);
            for word in profile.words() {
                *stopword_langs.entry(word).or_default() |= bit;
                if profile.language == "en" {
                    sentence_openers.insert(word, ());
                }
            }
        }

        let furniture_max_words = furniture
            .iter()
            .map(|r| {
                if r.max_words == usize::MAX {
                    r.pattern.split_whitespace().count() + 1
                } else {
                    r.max_words
                }
            })
            .max()
            .unwrap_or(0);
        let iso639_1 = k
            .languages()?
            .iter()
            .map(|l| (l.iso639_3, l.iso639_1))
            .collect();
        let english_months = k
            .months()?
            .iter()
            .filter(|m| m.language == "en")
            .flat_map(|m| m.names().map(move |name| (name, m.month)))
            .collect();
        Ok(TextKnowledge {
            iso639_1,
            english_months,
            furniture_max_words,
            labels,
            share_words,
            network_matcher,
            openers,
            furniture,
            furniture_matcher,
            abbreviations,
            sentence_openers,
            languages,
            stopword_langs,
        })
    }
}

/// The embedded knowledge, compiled once for the crate's unit tests.
#[cfg(test)]
pub(crate) fn for_tests() -> &'static TextKnowledge {
    static K: std::sync::OnceLock<TextKnowledge> = std::sync::OnceLock::new();
    K.get_or_init(|| match TextKnowledge::new(Knowledge::embedded()) {
        Ok(k) => k,
        Err(e) => panic!("{e}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_tables_compile() {
        let k = for_tests();
        assert!(k.furniture.len() > 100);
        assert_eq!(k.abbreviations.get("Gen"), Some(&AbbrevKind::Title));
        assert_eq!(k.languages.first(), Some(&"en"));
        assert!(k.sentence_openers.contains_key("the"));
        assert!(k.english_months.contains(&("sept", 9)));
    }
}
