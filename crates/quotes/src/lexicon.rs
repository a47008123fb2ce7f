//! The word lists the quotes stage reads: speech verbs and the verbs that say what somebody
//! called something (`data/speech-verbs.tsv`), words that
//! name a speaker without naming them (`data/speaker-nouns.tsv`), and the titles written with a
//! full stop that ends no sentence ("Sen.", "Gov.": the `title` rows of the text stage's
//! `data/abbreviations.tsv`), and the English function words of the text stage's
//! `data/stopwords.tsv`.
//!
//! The knowledge layer reads the files; [`Lexicon::new`] compiles them once, when the stage is
//! built, into hash maps keyed by the lower-case word. Lookups lower-case into a stack buffer,
//! so asking never allocates.

use newsgraph_knowledge::{AbbrevKind, Knowledge, KnowledgeError, SpeakerNounKind};
use newsgraph_model::hash::{FastMap as HashMap, FastSet as HashSet};
use newsgraph_model::EntityType;

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

impl Lexicon {
    /// The lists of `k`: `speech-verbs.tsv`, `speaker-nouns.tsv`, the `title` rows of
    /// `abbreviations.tsv` and the English function words of `stopwords.tsv`.
    pub fn new(k: &Knowledge) -> Result<Lexicon, KnowledgeError> {
        let mut verbs = HashMap::default();
        let mut naming_verbs = HashSet::default();
        for v in k.speech_verbs()? {
            if v.naming {
                naming_verbs.insert(v.form.to_lowercase());
            } else {
                verbs.insert(v.form.to_lowercase(), v.lemma.to_string());
            }
        }
        let mut nouns = HashMap::default();
        let mut modifiers = HashSet::default();
        for n in k.speaker_nouns()? {
            let kind = match n.kind {
                SpeakerNounKind::Pronoun => NounKind::Pronoun,
                SpeakerNounKind::Role => NounKind::Role,
                SpeakerNounKind::Indefinite => NounKind::Indefinite,
                SpeakerNounKind::Opener => NounKind::Opener,
                SpeakerNounKind::Relative => NounKind::Relative,
                SpeakerNounKind::Modifier => {
                    modifiers.insert(n.word.to_lowercase());
                    continue;
                }
            };
            nouns.insert(n.word.to_lowercase(), (kind, n.ty));
        }
        let titles = k
            .abbreviations()?
            .iter()
            .filter(|a| a.kind == AbbrevKind::Title)
            .map(|a| a.word.to_lowercase())
            .collect();
        let function_words = k.english_function_words()?.map(str::to_lowercase).collect();
        Ok(Lexicon {
            verbs,
            naming_verbs,
            nouns,
            modifiers,
            titles,
            function_words,
        })
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

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> Lexicon {
        Lexicon::new(Knowledge::embedded()).expect("knowledge reads")
    }

    #[test]
    fn every_data_row_counts_once() {
        let k = Knowledge::embedded();
        let (verbs, nouns) = lexicon().sizes();
        let rows = |n: Result<usize, KnowledgeError>| n.expect("knowledge reads");
        assert_eq!(
            verbs,
            rows(k.speech_verbs().map(<[_]>::len)),
            "a speech-verbs.tsv row is repeated"
        );
        assert_eq!(
            nouns,
            rows(k.speaker_nouns().map(<[_]>::len)),
            "a speaker-nouns.tsv row is repeated"
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
