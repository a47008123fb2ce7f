//! The entity stage's word files: `ner-clusters.tsv` and `ner-words.tsv` (tagger features),
//! `place-words.tsv`, `kind-nouns.tsv`, `definition-words.tsv` and `leader-words.tsv` (the
//! mention rules' grammar and cue words).

use crate::gazetteer::non_empty;
use crate::tsv::{read, KnowledgeError, Row};
use newsgraph_model::EntityType;

/// A row of `ner-clusters.tsv`: a word's distributional cluster and capitalisation band.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordStats {
    pub word: &'static str,
    /// 0..255.
    pub cluster: Option<u32>,
    /// How often the word is capitalised inside a sentence, 0..4 (`-`: too rare to tell).
    pub caps_band: Option<u8>,
}

pub(crate) fn ner_clusters(
    file: &'static str,
    text: &'static str,
) -> Result<Vec<WordStats>, KnowledgeError> {
    read(file, text, |row| {
        let [word, cluster, band] = row.cells(3)?;
        Ok(WordStats {
            word,
            cluster: dash_or(&row, cluster, "cluster")?,
            caps_band: dash_or(&row, band, "capitalisation band")?,
        })
    })
}

fn dash_or<T: std::str::FromStr>(
    row: &Row,
    cell: &str,
    what: &str,
) -> Result<Option<T>, KnowledgeError> {
    if cell == "-" {
        Ok(None)
    } else {
        row.parse(cell, what).map(Some)
    }
}

/// Name classes of `ner-words.tsv`, as bits.
pub mod name_class {
    pub const GIVEN: u8 = 1;
    pub const SURNAME: u8 = 1 << 1;
    pub const ORG: u8 = 1 << 2;
    pub const LOC: u8 = 1 << 3;
    pub const TITLE: u8 = 1 << 4;
    /// Number of classes.
    pub const COUNT: u32 = 5;
}

/// A row of `ner-words.tsv`: a lower-case word and its [`name_class`] bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameWord {
    pub word: &'static str,
    pub classes: u8,
}

pub(crate) fn ner_words(
    file: &'static str,
    text: &'static str,
) -> Result<Vec<NameWord>, KnowledgeError> {
    read(file, text, |row| {
        let [word, classes] = row.cells(2)?;
        let mut bits = 0;
        for class in crate::tsv::list(classes) {
            bits |= match class {
                "given" => name_class::GIVEN,
                "surname" => name_class::SURNAME,
                "org" => name_class::ORG,
                "loc" => name_class::LOC,
                "title" => name_class::TITLE,
                other => return Err(row.unknown("class", other)),
            };
        }
        Ok(NameWord {
            word,
            classes: bits,
        })
    })
}

/// What a word of `place-words.tsv` says about a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceWordKind {
    /// A last word that makes a name a place: `water` ("Hancock Pond"), `land`, `street`,
    /// `admin` ("Metcalfe County").
    Water,
    Land,
    Street,
    Admin,
    /// A first word that makes a name a place ("Lake Chad", "Mount Hood").
    Lead,
    /// A first word that only says which part of a place ("North London").
    Direction,
    /// A lower-case word before a place ("in", "near").
    Cue,
    /// A lower-case word before "of" and a place ("the island of Divar").
    CueOf,
}

impl PlaceWordKind {
    /// The word, last in a name, makes it a place.
    pub fn ends_place_names(self) -> bool {
        matches!(
            self,
            PlaceWordKind::Water
                | PlaceWordKind::Land
                | PlaceWordKind::Street
                | PlaceWordKind::Admin
        )
    }
}

/// A row of `place-words.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlaceWord {
    pub word: &'static str,
    pub kind: PlaceWordKind,
}

pub(crate) fn place_words(
    file: &'static str,
    text: &'static str,
) -> Result<Vec<PlaceWord>, KnowledgeError> {
    read(file, text, |row| {
        let [word, kind] = row.cells(2)?;
        non_empty(&row, word, "word")?;
        let kind = match kind {
            "water" => PlaceWordKind::Water,
            "land" => PlaceWordKind::Land,
            "street" => PlaceWordKind::Street,
            "admin" => PlaceWordKind::Admin,
            "lead" => PlaceWordKind::Lead,
            "direction" => PlaceWordKind::Direction,
            "cue" => PlaceWordKind::Cue,
            "cue_of" => PlaceWordKind::CueOf,
            other => return Err(row.unknown("kind", other)),
        };
        Ok(PlaceWord { word, kind })
    })
}

/// What a noun of `kind-nouns.tsv` says a defined name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NounKind {
    /// A person, organisation or place.
    Entity(EntityType),
    /// `NONE`: a work, an event or a people, whose names are no entity.
    NoEntity,
    /// `-`: listed for its `not_last` flag only.
    FlagOnly,
}

/// A row of `kind-nouns.tsv`. A noun starting with `-` is a word ending ("-ism").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindNoun {
    pub noun: &'static str,
    pub kind: NounKind,
    /// Says nothing as a name's last word ("State" of "Ohio State").
    pub not_last: bool,
}

pub(crate) fn kind_nouns(
    file: &'static str,
    text: &'static str,
) -> Result<Vec<KindNoun>, KnowledgeError> {
    read(file, text, |row| {
        let [noun, kind, flag] = row.cells(2)?;
        non_empty(&row, noun, "noun")?;
        let kind = match kind {
            "NONE" => NounKind::NoEntity,
            "-" => NounKind::FlagOnly,
            other => NounKind::Entity(entity_type(&row, other)?),
        };
        let not_last = match flag {
            "" => false,
            "not_last" => true,
            other => return Err(row.unknown("flag", other)),
        };
        Ok(KindNoun {
            noun,
            kind,
            not_last,
        })
    })
}

/// `PERSON`, `ORGANIZATION` or `LOCATION`.
pub(crate) fn entity_type(row: &Row, cell: &str) -> Result<EntityType, KnowledgeError> {
    match cell {
        "PERSON" => Ok(EntityType::Person),
        "ORGANIZATION" => Ok(EntityType::Organization),
        "LOCATION" => Ok(EntityType::Location),
        other => Err(row.unknown("type", other)),
    }
}

/// The kinds of `definition-words.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DefinitionKind {
    NameConnector,
    PhraseEnd,
    Copula,
    CopulaAdverb,
    /// A participle after a copula that gives the subject a type ("owned": an organisation).
    Participle(EntityType),
    AdjectiveEnding,
    TeamCue,
    NameParticle,
    StrayOpener,
    UnitNoun,
    Auxiliary,
}

/// A row of `definition-words.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DefinitionWord {
    pub word: &'static str,
    pub kind: DefinitionKind,
}

pub(crate) fn definition_words(
    file: &'static str,
    text: &'static str,
) -> Result<Vec<DefinitionWord>, KnowledgeError> {
    read(file, text, |row| {
        let [word, kind, ty] = row.cells(2)?;
        non_empty(&row, word, "word")?;
        let kind = match kind {
            "name_connector" => DefinitionKind::NameConnector,
            "phrase_end" => DefinitionKind::PhraseEnd,
            "copula" => DefinitionKind::Copula,
            "copula_adverb" => DefinitionKind::CopulaAdverb,
            "participle" => DefinitionKind::Participle(entity_type(&row, ty)?),
            "adjective_ending" => DefinitionKind::AdjectiveEnding,
            "team_cue" => DefinitionKind::TeamCue,
            "name_particle" => DefinitionKind::NameParticle,
            "stray_opener" => DefinitionKind::StrayOpener,
            "unit_noun" => DefinitionKind::UnitNoun,
            "auxiliary" => DefinitionKind::Auxiliary,
            other => return Err(row.unknown("kind", other)),
        };
        if ty.is_empty() != !matches!(kind, DefinitionKind::Participle(_)) {
            return Err(row.error("only a participle has a type"));
        }
        Ok(DefinitionWord { word, kind })
    })
}

/// The kinds of `leader-words.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeaderKind {
    /// Stands for the head of state or government whatever the office ("leader").
    Generic,
    /// A title of `people.tsv` that makes its holder a head of state or government.
    HeadTitle,
    /// After a leader's surname, names that leader's government ("Administration").
    Government,
}

/// A row of `leader-words.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LeaderWord {
    pub phrase: &'static str,
    pub kind: LeaderKind,
}

pub(crate) fn leader_words(
    file: &'static str,
    text: &'static str,
) -> Result<Vec<LeaderWord>, KnowledgeError> {
    read(file, text, |row| {
        let [phrase, kind] = row.cells(2)?;
        non_empty(&row, phrase, "phrase")?;
        let kind = match kind {
            "generic" => LeaderKind::Generic,
            "head_title" => LeaderKind::HeadTitle,
            "government" => LeaderKind::Government,
            other => return Err(row.unknown("kind", other)),
        };
        Ok(LeaderWord { phrase, kind })
    })
}
