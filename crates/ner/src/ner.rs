//! The `ner` stage: tagger mentions mended by the rules, resolved to one entity per real-world
//! thing per document.
//!
//! Order of work: tag the tokens (gazetteer marks are features); the tagger's names become the
//! first mentions (PER/ORG/LOC; MISC names are kept aside: MISC is trained as a class so that
//! nationalities and events do not leak into the other types, and is not output); the mention
//! rules ([`crate::rules`]) mend them in their declared order and give each its canonical key;
//! mentions with one key and type become one [`Entity`], in order of first mention
//! ([`crate::entities`]).

use crate::entities::{code_administrations, group, link_role_phrases};
use crate::features::token_infos;
use crate::gazetteer::Gazetteer;
use crate::lexicon::Lexicon;
use crate::rules::{Context, Demonyms, Found, Mention, Rules};
use crate::tagger::{mentions as tagged, Model};
use newsgraph_model::{Document, Entity, EntityType, Layer, Span, Stage, StageError, Token};
use std::sync::Arc;

/// The `ner` stage.
pub struct NerStage {
    pub(crate) model: Arc<Model>,
    pub(crate) lex: Arc<Lexicon>,
    pub(crate) gaz: Arc<Gazetteer>,
    pub(crate) rules: Rules,
    pub(crate) demonyms: Demonyms,
    /// Sentences and tokens when no `segment` stage ran (tests, `ner` alone).
    pub(crate) segmenter: newsgraph_text::Segmenter,
}

impl Stage for NerStage {
    fn name(&self) -> &'static str {
        "ner"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Text, Layer::Tokens, Layer::Metadata]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Entities]
    }
    fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        let (_, tokens) = self.segmenter.of_document(doc);
        let date = doc.published.as_deref();
        let entities = crate::sections::recognise_in_sections(
            &doc.text,
            &tokens,
            doc.dateline,
            crate::sections::SECTION_BYTES,
            |text, tokens, dateline| self.recognise(text, tokens, date, dateline),
        );
        drop(tokens);
        doc.entities = entities;
        Ok(())
    }
}

/// The tagger's types by index (MISC, the fourth, is kept aside).
const TYPES: [EntityType; 3] = [
    EntityType::Person,
    EntityType::Organization,
    EntityType::Location,
];

impl NerStage {
    /// Find the entities of a text. `date` (`YYYY-MM-DD`) picks officials' terms of office;
    /// `dateline` is the place the text opens with ("BEIJING --"), when the text stage found
    /// one.
    pub fn recognise(
        &self,
        text: &str,
        tokens: &[Token],
        date: Option<&str>,
        dateline: Option<Span>,
    ) -> Vec<Entity> {
        let (lex, gaz) = (&*self.lex, &*self.gaz);
        let hits = gaz.hits(text);
        let marks = gaz.marks(&hits, tokens);
        let infos = token_infos(text, tokens, &marks, lex);
        let tags = self.model.tag(&infos);
        let mut found = Found::default();
        for (a, b, ty) in tagged(&tags, tokens) {
            let span = Span::new(tokens[a].span.start, tokens[b - 1].span.end);
            match TYPES.get(ty) {
                Some(&ty) => found.mentions.push(Mention::new(span, ty)),
                None => found.misc.push(span),
            }
        }
        let cx = Context {
            text,
            tokens,
            infos: &infos,
            hits: &hits,
            dateline,
            lex,
            gaz,
            demonyms: self.demonyms,
        };
        self.rules.run(&cx, &mut found);
        let mut entities = group(gaz, found.mentions, date);
        link_role_phrases(lex, gaz, text, tokens, date, &mut entities);
        entities.retain(|e| !e.mentions.is_empty());
        code_administrations(lex, gaz, date, &mut entities);
        entities
    }
}
