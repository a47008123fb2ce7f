//! Entity recognition: gazetteer matching, the trained sequence tagger, one entity per
//! real-world thing (aliases, surnames, acronyms), CAMEO codes and geocoding.

mod definitions;
pub mod features;
pub mod geocode;
pub mod knowledge;
pub mod ner;
mod organisations;
pub mod sections;
pub mod tagger;
pub mod train;
pub mod wordlists;

use features::TokenInfo;
pub use knowledge::Gazetteer;
use newsgraph_knowledge::{Knowledge, KnowledgeError};
use newsgraph_model::{Stage, Token};
use std::sync::Arc;
pub use train::{train, TrainError, TrainReport};

impl Gazetteer {
    /// A word's packed statistics ([`features::pack_word_stats`]) by the hash of its lower-case
    /// form (0 for an unlisted word). Name classes stay in their own, separate table: merged
    /// into this one they made whole runs slower (a bigger table, more cache misses).
    pub fn word_stats(&self, hash: u64) -> u32 {
        self.clusters.get(&hash).copied().unwrap_or(0)
    }

    /// Tagger inputs for a tokenised text (gazetteer marks and clusters included).
    pub fn token_infos(&self, text: &str, tokens: &[Token]) -> Vec<TokenInfo> {
        let marks = self.marks(&self.hits(text), tokens);
        features::token_infos(text, tokens, &marks, &|h| self.word_stats(h), &self.names)
    }
}

/// The tagger of `k`'s weights (`data/ner-weights.bin` when embedded).
pub fn model(k: &Knowledge) -> Result<tagger::Model, tagger::ModelError> {
    tagger::Model::from_bytes(k.ner_weights())
}

/// This crate's stages, in the order the pipeline runs them, with the tagger of `k`'s weights.
/// Knowledge is compiled here, once.
pub fn stages(k: &Knowledge) -> Result<Vec<Box<dyn Stage>>, StagesError> {
    stages_with_model(k, None)
}

/// The stages with the tagger's weights of the caller's choosing (`--ner-weights FILE`: weights
/// trained with `train-ner` on data the user has rights to); `None` is the tagger of `k`.
pub fn stages_with_model(
    k: &Knowledge,
    model: Option<Arc<tagger::Model>>,
) -> Result<Vec<Box<dyn Stage>>, StagesError> {
    let model = match model {
        Some(m) => m,
        None => Arc::new(self::model(k)?),
    };
    let gaz = Arc::new(Gazetteer::new(k)?);
    let segmenter = newsgraph_text::segmenter(k)?;
    Ok(vec![
        Box::new(ner::NerStage {
            model,
            gaz: gaz.clone(),
            segmenter,
        }),
        Box::new(geocode::GeocodeStage { gaz }),
    ])
}

/// Why the entity stages could not be built.
#[derive(Debug, thiserror::Error)]
pub enum StagesError {
    #[error(transparent)]
    Knowledge(#[from] KnowledgeError),
    #[error("the tagger weights (data/ner-weights.bin): {0}")]
    Weights(#[from] tagger::ModelError),
}

/// The embedded knowledge compiled once, for this crate's unit tests.
#[cfg(test)]
pub(crate) fn for_tests() -> &'static Gazetteer {
    static GAZ: std::sync::OnceLock<Gazetteer> = std::sync::OnceLock::new();
    GAZ.get_or_init(|| match Gazetteer::new(Knowledge::embedded()) {
        Ok(g) => g,
        Err(e) => panic!("{e}"),
    })
}

/// Sentences and tokens of a text as the `segment` stage makes them, for this crate's tests.
#[cfg(test)]
pub(crate) fn tokens_for_tests(text: &str) -> Vec<Token> {
    static SEGMENTER: std::sync::OnceLock<newsgraph_text::Segmenter> = std::sync::OnceLock::new();
    let segmenter =
        SEGMENTER.get_or_init(|| match newsgraph_text::segmenter(Knowledge::embedded()) {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        });
    segmenter.segment(text, &[]).1
}

/// Render a text with its entity mentions marked, `[Vladimir Putin](PERSON)`, for golden tests
/// and debugging. Mentions of different entities never overlap.
pub fn render(doc: &newsgraph_model::Document) -> String {
    let mut marks: Vec<(newsgraph_model::Span, &str)> = doc
        .entities
        .iter()
        .flat_map(|e| e.mentions.iter().map(move |m| (*m, e.kind_type.as_str())))
        .collect();
    marks.sort_by_key(|m| m.0.start);
    let mut out = String::with_capacity(doc.text.len() + marks.len() * 12);
    let mut at = 0;
    for (span, ty) in marks {
        if span.start < at {
            continue;
        }
        out.push_str(&doc.text[at..span.start]);
        out.push('[');
        out.push_str(&doc.text[span.start..span.end]);
        out.push_str("](");
        out.push_str(ty);
        out.push(')');
        at = span.end;
    }
    out.push_str(&doc.text[at..]);
    out
}

#[cfg(test)]
mod tests {
    /// The engine must never fall back to the empty tagger silently (issue #22).
    #[test]
    fn issue_22_embedded_weights_read() {
        assert!(super::model(super::Knowledge::embedded()).is_ok());
    }
}
