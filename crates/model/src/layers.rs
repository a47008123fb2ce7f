//! The annotation layers a [`crate::Document`] carries. Positions are byte [`Span`]s into the
//! clean text; names and codes are what the output record shows.

use crate::Span;
use serde::{Deserialize, Serialize};

/// A line the cleaner took out of the text, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Removed {
    pub text: String,
    /// A short machine-readable reason: `boilerplate`, `social`, `caption`, `related`, ...
    pub reason: String,
}

/// A sentence: its span, and the index of the paragraph it belongs to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sentence {
    pub span: Span,
    pub paragraph: usize,
}

/// Coarse shape of a token, enough for rules and tagger features.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
    /// An opening or closing quotation mark (straight or curly).
    Quote,
    Symbol,
}

/// A token: span, kind, and the sentence it is in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    pub sentence: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    Person,
    Organization,
    Location,
}

impl EntityType {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Organization => "ORGANIZATION",
            EntityType::Location => "LOCATION",
        }
    }
}

/// Codes an entity is known by. Every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Codes {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iso2: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iso3: Option<String>,
    /// CAMEO actor code ("USA", "RUSGOV", "IGOUNO").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cameo: Option<String>,
}

/// Where a place is.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Geo {
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub lat: f64,
    pub lon: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub geonames_id: Option<u64>,
    /// First-level region code when known (GeoNames admin1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub admin1: Option<String>,
    /// GeoNames feature class/code, e.g. `PPLC`, `PCLI`, `ADM1`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feature: Option<String>,
}

/// One real-world thing in one document, with every place it is mentioned.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// Canonical name, the same under every alias.
    pub name: String,
    pub kind_type: EntityType,
    /// Finer kind when known: `country`, `city`, `region`, `igo`, `armed_group`, `government`, ...
    pub kind: Option<String>,
    pub codes: Codes,
    pub geo: Option<Geo>,
    /// Mentions in reading order.
    pub mentions: Vec<Span>,
}

/// A direct quotation and who said it.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// The quoted words, without the marks. For a quotation interrupted by its attribution
    /// ("A," she said, "B") this runs from the first fragment to the last; see `parts`.
    pub span: Span,
    /// The quoted fragments, in order, when the quotation is interrupted by its attribution;
    /// empty when the quotation is the one piece `span`.
    pub parts: Vec<Span>,
    /// Index into `Document::entities` of the speaker, if the engine can tell.
    pub speaker: Option<usize>,
    /// The words naming the speaker in the text ("Obama", "he", "the American president").
    pub speaker_span: Option<Span>,
    /// The attribution verb ("said", "told").
    pub verb: Option<String>,
    /// A quotation woven into the writer's sentence ('called it "a calculated policy"'),
    /// not a whole quoted sentence.
    pub partial: bool,
}

/// A number of people or things affected (GKG counts).
#[derive(Debug, Clone, PartialEq)]
pub struct Count {
    /// Upper-case count type: KILL, WOUND, ARREST, ...
    pub kind: String,
    pub number: i64,
    pub approximate: bool,
    /// What was counted ("people", "civilians").
    pub object: Option<String>,
    /// The words the count was read from.
    pub span: Span,
    /// Index into `Document::entities` of a place the sentence names.
    pub location: Option<usize>,
    /// The count was read from `Document::title` (a headline such as "Blasts kill dozens"):
    /// `span` is then a byte range into the title, not into the text.
    pub in_title: bool,
}

/// A temporal expression and the date it resolves to.
#[derive(Debug, Clone, PartialEq)]
pub struct DateMention {
    pub span: Span,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, whatever the expression fixes.
    pub value: String,
}

/// A theme of the taxonomy found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub code: String,
    /// Where the theme's phrases matched.
    pub evidence: Vec<Span>,
}

/// GDELT's seven tone figures.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Tone {
    pub tone: f64,
    pub positive: f64,
    pub negative: f64,
    pub polarity: f64,
    pub activity: f64,
    pub self_group: f64,
    pub words: u64,
}

/// One side of an event.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Actor {
    pub name: String,
    /// CAMEO actor code ("USA", "RUSGOV").
    pub code: String,
    /// Index into `Document::entities`, when the actor is an entity of the record.
    pub entity: Option<usize>,
}

/// Where an event happened.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EventLocation {
    pub name: String,
    pub geo: Option<Geo>,
    pub entity: Option<usize>,
}

/// A CAMEO-coded event: who did what to whom, where and when.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub source: Option<Actor>,
    pub target: Option<Actor>,
    /// CAMEO event code as a string ("040", "0874").
    pub code: String,
    pub quad_class: u8,
    pub goldstein: f64,
    pub location: Option<EventLocation>,
    /// `YYYY-MM-DD` when known.
    pub date: Option<String>,
    /// The sentence it was coded from.
    pub sentence: Span,
    /// The words that triggered the code.
    pub trigger: Option<Span>,
    /// In the lead paragraph (GDELT's IsRootEvent).
    pub is_root: bool,
    /// How many times this article reports the same event.
    pub mentions: u32,
}

impl Event {
    /// The two-digit root of the code.
    pub fn root(&self) -> &str {
        &self.code[..self.code.len().min(2)]
    }
}
