//! CAMEO event coding: who did what to whom, where and when, from the sentence and entity
//! layers.
//!
//! Bird's-eye view: for every sentence the [`coder::Coder`] finds
//! - **actions** with the CAMEO pattern dictionary `data/cameo-patterns.tsv`, compiled once into
//!   a word matcher ([`patterns::Patterns`]);
//! - **actors** from the entity layer and from country/role phrases built on
//!   `data/countries.tsv` and `data/roles.tsv` ([`actors::ActorLexicon`]);
//! - the **structure** (subject, object, passive, reported speech, negation, intent) with light
//!   rules of our own, no parser ([`coder`]).
//!
//! Each event carries the Goldstein score and quad class of `data/cameo.tsv`
//! ([`table::CameoTable`]), the sentence span, a location (a place named in the sentence, else the
//! dateline's), a date (a full date in the sentence, else the publication date), `is_root` (lead
//! paragraph) and `mentions` (repeats of the same source, target and code in the article).
//!
//! Invariants: the stage only reads the text, sentences and entities and only writes
//! `Document::events`; it never panics on input (offsets outside the text are skipped). The
//! knowledge is compiled once per process ([`knowledge`]).

pub mod actors;
pub mod coder;
pub mod patterns;
pub mod render;
pub mod table;
pub mod words;

use coder::Coder;
use newsgraph_model::{Document, Layer, Stage, StageError};
use std::sync::OnceLock;

const CAMEO_TSV: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/cameo.tsv"));
const PATTERNS_TSV: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/cameo-patterns.tsv"
));
const COUNTRIES_TSV: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/countries.tsv"
));
const ROLES_TSV: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/roles.tsv"));

/// Build a coder from knowledge texts (the formats are documented at the top of each file).
pub fn build_coder(
    cameo: &str,
    patterns: &str,
    countries: &str,
    roles: &str,
) -> Result<Coder, String> {
    Ok(Coder {
        table: table::CameoTable::parse(cameo)?,
        patterns: patterns::Patterns::parse(patterns).map_err(|e| e.to_string())?,
        lexicon: actors::ActorLexicon::parse(countries, roles)?,
    })
}

/// The coder built from the embedded data files, compiled on first use.
pub fn knowledge() -> Result<&'static Coder, &'static str> {
    static CODER: OnceLock<Result<Coder, String>> = OnceLock::new();
    CODER
        .get_or_init(|| build_coder(CAMEO_TSV, PATTERNS_TSV, COUNTRIES_TSV, ROLES_TSV))
        .as_ref()
        .map_err(|e| e.as_str())
}

/// The `events` stage: assigns [`Layer::Events`].
pub struct EventStage {
    coder: &'static Coder,
}

impl EventStage {
    /// The stage with the embedded knowledge. Fails only if a data file is malformed (a build
    /// problem, caught by this crate's tests).
    pub fn new() -> Result<Self, String> {
        Ok(EventStage {
            coder: knowledge().map_err(str::to_string)?,
        })
    }
}

impl Stage for EventStage {
    fn name(&self) -> &'static str {
        "events"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Entities]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Events]
    }
    fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        doc.events = self.coder.code_document(doc);
        Ok(())
    }
}

/// This crate's stages, in the order the pipeline runs them. Knowledge is compiled here, once.
pub fn stages() -> Vec<Box<dyn Stage>> {
    match EventStage::new() {
        Ok(stage) => vec![Box::new(stage)],
        // The embedded data is checked by the tests; a broken build codes no events rather
        // than stopping every record.
        Err(_) => Vec::new(),
    }
}
