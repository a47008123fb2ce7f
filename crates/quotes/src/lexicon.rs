//! The word lists the quotes stage reads: speech verbs and the verbs that say what somebody
//! called something (`data/speech-verbs.tsv`), words that
//! name a speaker without naming them (`data/speaker-nouns.tsv`), and the titles written with a
//! full stop that ends no sentence ("Sen.", "Gov.": the `title` rows of the text stage's
//! `data/abbreviations.tsv`), and the English function words of the text stage's
//! `data/stopwords.tsv`.
//!
//! Both files are embedded in the binary and parsed once, on first use, into hash maps keyed
//! by the lower-case word. Lookups lower-case into a stack buffer, so asking never allocates.

use newsgraph_model::EntityType;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

const STOPWORDS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/stopwords.tsv"
));

const ABBREVIATIONS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/abbreviations.tsv"
));

const SPEECH_VERBS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/speech-verbs.tsv"
));
const SPEAKER_NOUNS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/speaker-nouns.tsv"
));

/// How a speaker noun stands for someone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NounKind {
    /// "he", "she", "it".
    Pronoun,
    /// "president", "ministry": the head of a phrase like "the American president".
    Role,
    /// "a", "one", "another": opens a phrase that brings in somebody not named before.
    Indefinite,
    /// "but", "and", "meanwhile": opens a clause before its subject; read past.
    Opener,
    /// "who", "whose", "which": opens a clause that describes the subject and is not it.
    Relative,
}

/// The compiled word lists.
pub struct Lexicon {
    verbs: HashMap<String, String>,
    /// Verbs that say what somebody called something ("branded it", "accused them of"): they
    /// give a woven quotation its speaker, but introduce no whole quotation.
    naming_verbs: HashSet<String>,
    nouns: HashMap<String, (NounKind, EntityType)>,
    /// "former", "vice", "deputy": words that make a role another one ("Vice President").
    modifiers: HashSet<String>,
    titles: HashSet<String>,
    function_words: HashSet<String>,
}

/// Rows of a TSV file: `#` lines and blank lines skipped, cells split on tabs.
fn rows(tsv: &str) -> impl Iterator<Item = Vec<&str>> {
    tsv.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
}

impl Lexicon {
    fn parse(verbs_tsv: &str, nouns_tsv: &str, abbreviations_tsv: &str) -> Lexicon {
        let mut verbs = HashMap::new();
        let mut naming_verbs = HashSet::new();
        for cells in rows(verbs_tsv) {
            match cells.as_slice() {
                [form, _, kind, ..] if kind.trim() == "naming" => {
                    naming_verbs.insert(form.trim().to_lowercase());
                }
                [form, lemma, ..] => {
                    verbs.insert(form.trim().to_lowercase(), lemma.trim().to_string());
                }
                _ => {}
            }
        }
        let modifiers = rows(nouns_tsv)
            .filter_map(|cells| match cells.as_slice() {
                [word, kind, ..] if kind.trim() == "modifier" => Some(word.trim().to_lowercase()),
                _ => None,
            })
            .collect();
        let nouns = rows(nouns_tsv)
            .filter_map(|cells| {
                let [word, kind, ty, ..] = cells.as_slice() else {
                    return None;
                };
                let kind = match kind.trim() {
                    "pronoun" => NounKind::Pronoun,
                    "role" => NounKind::Role,
                    "indefinite" => NounKind::Indefinite,
                    "opener" => NounKind::Opener,
                    "relative" => NounKind::Relative,
                    _ => return None,
                };
                let ty = match ty.trim() {
                    "PERSON" => EntityType::Person,
                    "ORGANIZATION" => EntityType::Organization,
                    "LOCATION" => EntityType::Location,
                    _ => return None,
                };
                Some((word.trim().to_lowercase(), (kind, ty)))
            })
            .collect();
        let titles = rows(abbreviations_tsv)
            .filter_map(|cells| match cells.as_slice() {
                [word, kind, ..] if kind.trim() == "title" => Some(word.trim().to_lowercase()),
                _ => None,
            })
            .collect();
        let function_words = rows(STOPWORDS)
            .filter_map(|cells| match cells.as_slice() {
                [lang, words, ..] if lang.trim() == "en" => Some(
                    words
                        .split('|')
                        .map(|w| w.trim().to_lowercase())
                        .collect::<Vec<_>>(),
                ),
                _ => None,
            })
            .flatten()
            .collect();
        Lexicon {
            verbs,
            naming_verbs,
            nouns,
            modifiers,
            titles,
            function_words,
        }
    }

    /// Whether `word` is an English function word ("the", "and"; the `en` row of the text
    /// stage's `data/stopwords.tsv`): capitalised, it opens a sentence rather than a name.
    pub fn is_function_word(&self, word: &str) -> bool {
        with_lower(word, |w| self.function_words.contains(w)).unwrap_or(false)
    }

    /// Whether `word` is a title written with a full stop before a name ("Sen", "Gov").
    pub fn is_title(&self, word: &str) -> bool {
        with_lower(word, |w| self.titles.contains(w)).unwrap_or(false)
    }

    /// Whether `word` is a speech verb form ("said", "tells", "adding").
    pub fn is_verb(&self, word: &str) -> bool {
        with_lower(word, |w| self.verbs.contains_key(w)).unwrap_or(false)
    }

    /// The lemma of a speech verb form ("said" -> "say").
    pub fn lemma(&self, word: &str) -> Option<&str> {
        with_lower(word, |w| self.verbs.get(w).map(String::as_str)).flatten()
    }

    /// Whether `word` is a verb that says what somebody called something ("branded",
    /// "accused"), or a speech verb.
    pub fn is_naming_verb(&self, word: &str) -> bool {
        with_lower(word, |w| {
            self.naming_verbs.contains(w) || self.verbs.contains_key(w)
        })
        .unwrap_or(false)
    }

    /// Whether `word` makes a role another one ("former", "vice").
    pub fn is_modifier(&self, word: &str) -> bool {
        with_lower(word, |w| self.modifiers.contains(w)).unwrap_or(false)
    }

    /// What a speaker noun stands for, if `word` is one.
    pub fn noun(&self, word: &str) -> Option<(NounKind, EntityType)> {
        with_lower(word, |w| self.nouns.get(w).copied()).flatten()
    }

    /// Number of verb forms and speaker nouns loaded (for tests).
    pub fn sizes(&self) -> (usize, usize) {
        (
            self.verbs.len() + self.naming_verbs.len(),
            self.nouns.len() + self.modifiers.len(),
        )
    }
}

/// Calls `f` with the lower-case form of `word`; `None` for words too long to be in the lists.
fn with_lower<T>(word: &str, f: impl FnOnce(&str) -> T) -> Option<T> {
    let mut buf = [0u8; 32];
    if word.len() > buf.len() {
        return None;
    }
    if word.is_ascii() {
        for (b, c) in buf.iter_mut().zip(word.bytes()) {
            *b = c.to_ascii_lowercase();
        }
        // ASCII in, ASCII out: always valid UTF-8.
        std::str::from_utf8(&buf[..word.len()]).ok().map(f)
    } else {
        Some(f(&word.to_lowercase()))
    }
}

/// The lexicon, parsed on first use.
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon::parse(SPEECH_VERBS, SPEAKER_NOUNS, ABBREVIATIONS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_data_row_parses() {
        let count = |tsv: &str| rows(tsv).count();
        let (verbs, nouns) = lexicon().sizes();
        assert_eq!(
            verbs,
            count(SPEECH_VERBS),
            "a speech-verbs.tsv row is malformed or repeated"
        );
        assert_eq!(
            nouns,
            count(SPEAKER_NOUNS),
            "a speaker-nouns.tsv row is malformed or repeated"
        );
    }

    #[test]
    fn lookups_ignore_case() {
        let lex = lexicon();
        assert!(lex.is_verb("said") && lex.is_verb("Told") && !lex.is_verb("table"));
        assert_eq!(
            lex.noun("She"),
            Some((NounKind::Pronoun, EntityType::Person))
        );
        assert!(lex.is_title("Sen") && lex.is_title("gov") && !lex.is_title("said"));
    }
}
