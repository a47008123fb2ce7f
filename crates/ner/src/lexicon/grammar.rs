//! The grammar words and kind nouns the mention rules read: `data/kind-nouns.tsv` (nouns that
//! say what kind of thing a name is: "station", "band", "suburb", "album"),
//! `data/definition-words.tsv` (copulas, participles, team cues, name particles, unit nouns and
//! the other grammar words of the rules), the English function words of `data/stopwords.tsv`,
//! and `data/place-words.tsv` (the words that make or cue a place name).

use newsgraph_knowledge::{DefinitionKind, Knowledge, KnowledgeError, NounKind, PlaceWordKind};
use newsgraph_model::hash::{FastMap, FastSet};
use newsgraph_model::EntityType;

/// What a kind noun says: a type, or `None` for things that are no entity.
pub type Kind = Option<EntityType>;

/// The nouns of `data/kind-nouns.tsv` and the grammar words of `data/definition-words.tsv`,
/// with the English function words of `data/stopwords.tsv`, compiled.
#[derive(Default)]
pub struct DefinitionWords {
    /// Noun (one or two lower-case words) -> kind.
    pub(crate) kinds: FastMap<String, Kind>,
    /// Nouns that do not say the kind of a name they end ("Ohio State", "Hearst Capital").
    pub(crate) not_last: FastSet<String>,
    /// Word endings that say a name's kind (rows starting with "-": "-ism").
    pub(crate) suffixes: Vec<(String, Kind)>,
    pub(crate) grammar: Grammar,
    function_words: FastSet<&'static str>,
}

/// The grammar words of `data/definition-words.tsv`, by kind.
#[derive(Default)]
pub(crate) struct Grammar {
    pub(crate) name_connectors: Vec<&'static str>,
    pub(crate) phrase_ends: Vec<&'static str>,
    pub(crate) copulas: Vec<&'static str>,
    pub(crate) copula_adverbs: Vec<&'static str>,
    pub(crate) participles: Vec<(&'static str, EntityType)>,
    pub(crate) adjective_endings: Vec<&'static str>,
    pub(crate) team_cues: Vec<&'static str>,
    pub(crate) name_particles: Vec<&'static str>,
    pub(crate) stray_openers: Vec<&'static str>,
    pub(crate) unit_nouns: Vec<&'static str>,
    pub(crate) auxiliaries: Vec<&'static str>,
}

impl DefinitionWords {
    pub(crate) fn new(k: &Knowledge) -> Result<DefinitionWords, KnowledgeError> {
        let mut table = DefinitionWords::default();
        for n in k.kind_nouns()? {
            let kind = match n.kind {
                NounKind::Entity(ty) => Some(ty),
                NounKind::NoEntity => None,
                // A word listed only for its flag ("centre": a rugby position as much as a
                // building, so it defines nothing).
                NounKind::FlagOnly => {
                    if n.not_last {
                        table.not_last.insert(n.noun.to_string());
                    }
                    continue;
                }
            };
            if let Some(end) = n.noun.strip_prefix('-') {
                table.suffixes.push((end.to_string(), kind));
                continue;
            }
            table.kinds.insert(n.noun.to_string(), kind);
            if n.not_last {
                table.not_last.insert(n.noun.to_string());
            }
        }
        let g = &mut table.grammar;
        for w in k.definition_words()? {
            let word = w.word;
            match w.kind {
                DefinitionKind::NameConnector => g.name_connectors.push(word),
                DefinitionKind::PhraseEnd => g.phrase_ends.push(word),
                DefinitionKind::Copula => g.copulas.push(word),
                DefinitionKind::CopulaAdverb => g.copula_adverbs.push(word),
                DefinitionKind::AdjectiveEnding => g.adjective_endings.push(word),
                DefinitionKind::TeamCue => g.team_cues.push(word),
                DefinitionKind::NameParticle => g.name_particles.push(word),
                DefinitionKind::StrayOpener => g.stray_openers.push(word),
                DefinitionKind::UnitNoun => g.unit_nouns.push(word),
                DefinitionKind::Auxiliary => g.auxiliaries.push(word),
                DefinitionKind::Participle(ty) => g.participles.push((word, ty)),
            }
        }
        table.function_words = k.english_function_words()?.collect();
        Ok(table)
    }

    /// Does `noun` (lower case) say nothing as the last word of a name (`not_last` in the
    /// file: "State" of "Ohio State", "League" of "American League", a competition)?
    pub(crate) fn says_nothing_last(&self, noun: &str) -> bool {
        self.not_last.contains(noun)
    }

    /// The kind a noun names ("suburb" a place, "band" an organisation, "album" no entity),
    /// when `data/kind-nouns.tsv` lists it (a plural in -s is found too).
    pub(crate) fn noun_type(&self, noun: &str) -> Option<Kind> {
        self.kinds
            .get(noun)
            .or_else(|| noun.strip_suffix('s').and_then(|s| self.kinds.get(s)))
            .copied()
    }

    /// Is a lower-case word an English function word ("the", "in"; "yesterday" is not)? "He is
    /// a singer" defines nobody.
    pub(crate) fn is_function_word(&self, lower: &str) -> bool {
        self.function_words.contains(lower)
    }

    /// A particle joining two pieces of one person's name ("y", "von").
    pub(crate) fn is_name_particle(&self, word: &str) -> bool {
        self.grammar.name_particles.contains(&word)
    }

    /// A copula ("is", "were").
    pub(crate) fn is_copula(&self, word: &str) -> bool {
        self.grammar.copulas.contains(&word)
    }

    /// An adverb that may stand between a subject and its verb ("also", "once").
    pub(crate) fn is_copula_adverb(&self, word: &str) -> bool {
        self.grammar.copula_adverbs.contains(&word)
    }

    /// A verb that may follow a subject at once, other than a copula ("had", "became";
    /// `auxiliary` in `data/definition-words.tsv`).
    pub(crate) fn is_auxiliary(&self, word: &str) -> bool {
        self.grammar.auxiliaries.contains(&word)
    }

    /// The last word of a military unit's name ("Wing", "Division"; `unit_noun`), whatever
    /// its case.
    pub(crate) fn is_unit_noun(&self, word: &str) -> bool {
        self.grammar
            .unit_nouns
            .iter()
            .any(|w| w.eq_ignore_ascii_case(word))
    }

    /// A capitalised preposition or conjunction that opens a sentence, not a name ("Of").
    pub(crate) fn is_stray_opener(&self, word: &str) -> bool {
        self.grammar.stray_openers.contains(&word)
    }

    /// The type a participle after a copula gives the subject ("owned": an organisation).
    pub(crate) fn participle_kind(&self, word: &str) -> Option<EntityType> {
        self.grammar
            .participles
            .iter()
            .find(|(w, _)| *w == word)
            .map(|&(_, ty)| ty)
    }
}

/// A set of words of a list, by their exact form. Rules ask it about every token of a text
/// and most tokens are not in it: a word whose length or first byte no listed word has is
/// turned away before it is hashed.
#[derive(Default, Clone)]
pub struct WordSet {
    words: FastSet<&'static str>,
    /// Bit `b % 128` for each listed word's first byte `b`.
    firsts: u128,
    /// Bit `min(len, 63)` for each listed word's length in bytes.
    lengths: u64,
}

impl WordSet {
    /// Add a word; false when it was there already.
    pub fn insert(&mut self, word: &'static str) -> bool {
        if let Some(&b) = word.as_bytes().first() {
            self.firsts |= 1 << (b & 127);
        }
        self.lengths |= 1 << word.len().min(63);
        self.words.insert(word)
    }

    /// Is `word` listed?
    pub fn contains(&self, word: &str) -> bool {
        self.lengths & (1 << word.len().min(63)) != 0
            && word
                .as_bytes()
                .first()
                .is_none_or(|&b| self.firsts & (1 << (b & 127)) != 0)
            && self.words.contains(word)
    }
}

impl FromIterator<&'static str> for WordSet {
    fn from_iter<I: IntoIterator<Item = &'static str>>(words: I) -> WordSet {
        let mut set = WordSet::default();
        for w in words {
            set.insert(w);
        }
        set
    }
}

/// The words of `place-words.tsv`, by kind.
#[derive(Default)]
pub struct PlaceWords {
    /// Last words that make a name a place ("Pond", "County").
    pub ends: WordSet,
    /// First words that make a name a place ("Lake", "Mount").
    pub leads: WordSet,
    /// First words that only say which part of a place ("North").
    pub directions: WordSet,
    /// Words before a place name ("in").
    pub cues: WordSet,
    /// Words before "of" and a place name ("town", "island").
    pub cues_of: WordSet,
}

impl PlaceWords {
    pub(crate) fn new(k: &Knowledge) -> Result<PlaceWords, KnowledgeError> {
        let mut words = PlaceWords::default();
        for w in k.place_words()? {
            let set = match w.kind {
                PlaceWordKind::Lead => &mut words.leads,
                PlaceWordKind::Direction => &mut words.directions,
                PlaceWordKind::Cue => &mut words.cues,
                PlaceWordKind::CueOf => &mut words.cues_of,
                _ => &mut words.ends,
            };
            set.insert(w.word);
        }
        Ok(words)
    }
}
