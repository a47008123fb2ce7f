//! The lexicon, the bottom layer of the crate: every word list the entity stages read, compiled
//! once from the knowledge layer, and the one way a word is keyed ([`lower_hash`]). It uses
//! nothing else of this crate; the gazetteer, the tagger's features and the mention rules read
//! it.
//!
//! - name classes of words (`ner-words.tsv`: given names, surnames, designators, titles);
//! - word statistics (`ner-clusters.tsv`: distributional cluster, capitalisation band);
//! - kind nouns and grammar words (`kind-nouns.tsv`, `definition-words.tsv`, the English
//!   function words of `stopwords.tsv`);
//! - place words (`place-words.tsv`), leader words (`leader-words.tsv`), the months,
//!   weekdays and holidays of `calendar.tsv`, and the abbreviated titles of
//!   `abbreviations.tsv` ("Mr", "Gen").

mod grammar;
mod names;
mod words;

pub use grammar::{DefinitionWords, Kind, PlaceWords, WordSet};
pub use names::{class, NameClasses};
pub use words::{caps_band, lower_form, lower_hash, pack_word_stats};
pub(crate) use words::{fnv_char, norm_char, HASH_SEED};

use newsgraph_knowledge::{AbbrevKind, CalendarKind, Knowledge, KnowledgeError, LeaderKind};
use newsgraph_model::hash::FastMap;

/// Every word list of the entity stages, compiled.
#[derive(Default)]
pub struct Lexicon {
    /// Name classes of words (`ner-words.tsv`), tagger features and rule evidence.
    pub names: NameClasses,
    /// Word statistics: lower-form hash -> cluster id and capitalisation band, packed by
    /// [`pack_word_stats`]. Name classes stay in their own, separate table: merged into this
    /// one they made whole runs slower (a bigger table, more cache misses).
    word_stats: FastMap<u64, u32>,
    /// Kind nouns and grammar words of definitions (`kind-nouns.tsv`, `definition-words.tsv`).
    pub definitions: DefinitionWords,
    /// The words of `place-words.tsv`, by what they say.
    pub place_words: PlaceWords,
    /// `leader-words.tsv`.
    leader_words: Vec<(&'static str, LeaderKind)>,
    /// Month, weekday and holiday names of `calendar.tsv`.
    calendar: Vec<(&'static str, CalendarKind)>,
    /// Abbreviated titles of `abbreviations.tsv` ("Mr", "Gen"), without their period.
    abbreviated_titles: WordSet,
}

impl Lexicon {
    /// Compile every word list of `k`.
    pub fn new(k: &Knowledge) -> Result<Lexicon, KnowledgeError> {
        let mut word_stats = FastMap::default();
        for w in k.ner_clusters()? {
            if w.cluster.is_some() || w.caps_band.is_some() {
                word_stats.insert(lower_hash(w.word), pack_word_stats(w.cluster, w.caps_band));
            }
        }
        Ok(Lexicon {
            names: NameClasses::new(k)?,
            word_stats,
            definitions: DefinitionWords::new(k)?,
            place_words: PlaceWords::new(k)?,
            leader_words: k
                .leader_words()?
                .iter()
                .map(|w| (w.phrase, w.kind))
                .collect(),
            calendar: k.calendar()?.iter().map(|w| (w.word, w.kind)).collect(),
            abbreviated_titles: k
                .abbreviations()?
                .iter()
                .filter(|a| a.kind == AbbrevKind::Title)
                .map(|a| a.word)
                .collect(),
        })
    }

    /// A word's packed statistics ([`pack_word_stats`]) by the hash of its lower-case form (0
    /// for an unlisted word).
    pub fn word_stats(&self, hash: u64) -> u32 {
        self.word_stats.get(&hash).copied().unwrap_or(0)
    }

    /// A leader word of `data/leader-words.tsv` of this kind, whatever its case.
    pub fn is_leader_word(&self, phrase: &str, kind: LeaderKind) -> bool {
        self.leader_words
            .iter()
            .any(|&(p, k)| k == kind && p.eq_ignore_ascii_case(phrase))
    }

    /// A whole weekday or month name, or a holiday, of `data/calendar.tsv`, of this kind: "Sun"
    /// and "Wed" abbreviate days but also name newspapers and people, "May" is a surname too.
    pub fn is_calendar_word(&self, word: &str, kind: CalendarKind) -> bool {
        let word = word.strip_suffix('.').unwrap_or(word);
        word.len() > 4
            && self
                .calendar
                .iter()
                .any(|&(w, k)| k == kind && w.eq_ignore_ascii_case(word))
    }

    /// An abbreviated title, with or without its period ("Mr", "Mr.", "Gen."), as
    /// `abbreviations.tsv` spells it.
    pub fn is_abbreviated_title(&self, word: &str) -> bool {
        let word = word.strip_suffix('.').unwrap_or(word);
        self.abbreviated_titles.contains(word)
    }

    /// A lower-case word that sets the name after it and "of" as a place ("town", "north").
    pub fn is_place_cue_of(&self, word: &str) -> bool {
        self.place_words.cues_of.contains(word)
    }
}
