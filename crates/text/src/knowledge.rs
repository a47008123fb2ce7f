//! The crate's knowledge files, parsed and compiled once per process.
//!
//! The files are embedded in the binary (`include_str!`), so nothing is read at run time and
//! a malformed row is a build-time mistake: it is skipped (and counted in `skipped_rows`, which
//! a unit test keeps at zero) rather than turned into a panic.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use std::sync::OnceLock;

const FURNITURE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/furniture.tsv"
));
const ABBREVIATIONS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/abbreviations.tsv"
));
const STOPWORDS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/stopwords.tsv"
));

/// How a furniture pattern must sit in a line to fire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleKind {
    Exact,
    /// Exact, and the headline list that follows goes too.
    Section,
    Prefix,
    Suffix,
    Contains,
    /// Among the last few words of the line.
    Tail,
}

/// One row of `furniture.tsv`.
#[derive(Debug, Clone)]
pub struct FurnitureRule {
    pub kind: RuleKind,
    pub reason: &'static str,
    pub max_words: usize,
    /// What the automaton looks for (the part before " * ").
    pub pattern: &'static str,
    /// "A * B": B must also occur after A (ASCII-case-insensitively).
    pub and_then: Option<&'static str>,
    /// Written in capitals: must match in capitals.
    pub case_sensitive: bool,
}

/// What a period after an abbreviation means for sentence splitting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AbbrevKind {
    /// Never ends a sentence ("Mr.", "Gen.").
    Title,
    /// No break before a number ("Sept. 5").
    Month,
    /// No break before a number ("No. 1").
    Number,
    /// Breaks only before a common sentence opener ("Inc.", "U.S.").
    Other,
}

/// Everything the stages of this crate look up, compiled.
pub struct Knowledge {
    pub furniture: Vec<FurnitureRule>,
    /// Matches every furniture pattern, ASCII-case-insensitively, overlapping.
    pub furniture_matcher: AhoCorasick,
    /// No furniture rule fires on a line of more words than this (lets long paragraphs skip
    /// the matcher).
    pub furniture_max_words: usize,
    pub abbreviations: HashMap<&'static str, AbbrevKind>,
    /// Lower-case English function words: a capitalised one after "Inc." opens a sentence.
    pub sentence_openers: HashMap<&'static str, ()>,
    /// Language codes, in `stopwords.tsv` order; bit `i` of a profile mask is `languages[i]`.
    pub languages: Vec<&'static str>,
    /// Lower-case word -> bit mask of the languages whose profile holds it.
    pub stopword_langs: HashMap<&'static str, u32>,
    /// Rows that could not be read (a data-file mistake; a unit test keeps this at zero).
    pub skipped_rows: Vec<String>,
}

/// A map keyed by short words, with the project's one fast hasher (the lookups sit on the
/// per-word path of every article).
pub type HashMap<K, V> = newsgraph_model::hash::FastMap<K, V>;

static KNOWLEDGE: OnceLock<Knowledge> = OnceLock::new();

impl Knowledge {
    /// The compiled knowledge, built on first use.
    pub fn get() -> &'static Knowledge {
        KNOWLEDGE.get_or_init(Knowledge::build)
    }

    fn build() -> Knowledge {
        let mut skipped_rows = Vec::new();

        let mut furniture = Vec::new();
        for line in data_rows(FURNITURE) {
            let cols: Vec<&'static str> = line.split('\t').collect();
            let parsed = (|| {
                let [kind, reason, max_words, pattern] = cols.as_slice() else {
                    return None;
                };
                let kind = match *kind {
                    "exact" => RuleKind::Exact,
                    "section" => RuleKind::Section,
                    "prefix" => RuleKind::Prefix,
                    "suffix" => RuleKind::Suffix,
                    "contains" => RuleKind::Contains,
                    "tail" => RuleKind::Tail,
                    _ => return None,
                };
                let max_words = if *max_words == "-" {
                    usize::MAX
                } else {
                    max_words.parse().ok()?
                };
                let (pattern, and_then) = match pattern.split_once(" * ") {
                    Some((a, b)) => (a, Some(b)),
                    None => (*pattern, None),
                };
                let case_sensitive = pattern.chars().filter(|c| c.is_alphabetic()).count() >= 2
                    && !pattern.chars().any(char::is_lowercase);
                (!pattern.is_empty()).then_some(FurnitureRule {
                    kind,
                    reason,
                    max_words,
                    pattern,
                    and_then,
                    case_sensitive,
                })
            })();
            match parsed {
                Some(rule) => furniture.push(rule),
                None => skipped_rows.push(format!("furniture.tsv: {line}")),
            }
        }
        let furniture_matcher = AhoCorasickBuilder::new()
            .kind(Some(AhoCorasickKind::DFA))
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(furniture.iter().map(|r| r.pattern))
            .unwrap_or_else(|_| {
                AhoCorasick::new(Vec::<&str>::new()).expect("empty automaton builds")
            });

        let mut abbreviations = HashMap::default();
        for line in data_rows(ABBREVIATIONS) {
            let mut cols = line.split('\t');
            let kind = match (cols.next(), cols.next()) {
                (Some(word), Some("title")) => Some((word, AbbrevKind::Title)),
                (Some(word), Some("month")) => Some((word, AbbrevKind::Month)),
                (Some(word), Some("number")) => Some((word, AbbrevKind::Number)),
                (Some(word), Some("other")) => Some((word, AbbrevKind::Other)),
                _ => None,
            };
            match kind {
                Some((word, kind)) if !word.is_empty() => {
                    abbreviations.insert(word, kind);
                }
                _ => skipped_rows.push(format!("abbreviations.tsv: {line}")),
            }
        }

        let mut languages = Vec::new();
        let mut stopword_langs: HashMap<&'static str, u32> = HashMap::default();
        let mut sentence_openers = HashMap::default();
        for line in data_rows(STOPWORDS) {
            let Some((lang, words)) = line.split_once('\t') else {
                skipped_rows.push(format!("stopwords.tsv: {line}"));
                continue;
            };
            if languages.len() >= 32 {
                skipped_rows.push(format!("stopwords.tsv: more than 32 languages: {lang}"));
                continue;
            }
            let bit = 1u32 << languages.len();
            languages.push(lang);
            for word in words.split('|').filter(|w| !w.is_empty()) {
                *stopword_langs.entry(word).or_default() |= bit;
                if lang == "en" {
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
        Knowledge {
            furniture_max_words,
            furniture,
            furniture_matcher,
            abbreviations,
            sentence_openers,
            languages,
            stopword_langs,
            skipped_rows,
        }
    }
}

/// The data lines of a knowledge file: comments and blank lines skipped.
fn data_rows(file: &'static str) -> impl Iterator<Item = &'static str> {
    file.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_knowledge_row_is_read() {
        let k = Knowledge::get();
        assert!(
            k.skipped_rows.is_empty(),
            "unreadable rows: {:?}",
            k.skipped_rows
        );
        assert!(k.furniture.len() > 100);
        assert_eq!(k.abbreviations.get("Gen"), Some(&AbbrevKind::Title));
        assert_eq!(k.languages.first(), Some(&"en"));
        assert!(k.sentence_openers.contains_key("the"));
    }
}
