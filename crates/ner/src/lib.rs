//! Entity recognition: gazetteer matching, the trained sequence tagger, one entity per
//! real-world thing (aliases, surnames, acronyms), CAMEO codes and geocoding.

mod definitions;
pub mod features;
pub mod geocode;
pub mod knowledge;
pub mod ner;
mod organisations;
pub mod tagger;
pub mod tokenize;
pub mod train;
pub mod wordlists;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

use features::TokenInfo;
use newsgraph_model::{Stage, Token};
use std::sync::{Arc, OnceLock};
pub use train::{train, TrainError, TrainReport};

/// Knowledge compiled once: gazetteers and word clusters.
pub type Knowledge = knowledge::Gazetteer;

impl Knowledge {
    /// The embedded knowledge files, compiled on first use.
    pub fn get() -> &'static Knowledge {
        static K: OnceLock<Knowledge> = OnceLock::new();
        K.get_or_init(|| {
            knowledge::Gazetteer::build(
                embedded::COUNTRIES,
                embedded::PLACES,
                embedded::PEOPLE,
                embedded::ORGANIZATIONS,
                embedded::CLUSTERS,
            )
            .with_small_places(embedded::SMALL_PLACES)
        })
    }

    /// A word's packed statistics ([`features::pack_word_stats`]) by the hash of its lower-case
    /// form (0 for an unlisted word). Name classes stay in their own, separate table: merged
    /// into this one they made whole runs slower (a bigger table, more cache misses).
    pub fn word_stats(&self, hash: u64) -> u32 {
        self.clusters.get(&hash).copied().unwrap_or(0)
    }

    /// Tagger inputs for a tokenised text (gazetteer marks and clusters included).
    pub fn token_infos(&self, text: &str, tokens: &[Token]) -> Vec<TokenInfo> {
        let marks = self.marks(&self.hits(text), tokens);
        features::token_infos(text, tokens, &marks, &|h| self.word_stats(h))
    }
}

/// The embedded tagger (`data/ner-weights.bin`). The build refuses a checkout without the file,
/// and a test checks that it reads, so the empty stand-in below is never the default in practice.
pub fn model() -> &'static Arc<tagger::Model> {
    static M: OnceLock<Arc<tagger::Model>> = OnceLock::new();
    M.get_or_init(|| {
        Arc::new(
            tagger::Model::from_bytes(embedded::WEIGHTS).unwrap_or_else(|_| tagger::Model::empty()),
        )
    })
}

/// This crate's stages, in the order the pipeline runs them. Knowledge is compiled here, once.
pub fn stages() -> Vec<Box<dyn Stage>> {
    stages_with_model(None)
}

/// The stages with the tagger's weights of the caller's choosing (`--ner-weights FILE`: weights
/// trained with `train-ner` on data the user has rights to); `None` is the embedded tagger.
pub fn stages_with_model(model: Option<Arc<tagger::Model>>) -> Vec<Box<dyn Stage>> {
    let gaz = Knowledge::get();
    vec![
        Box::new(ner::NerStage {
            model: model.unwrap_or_else(|| self::model().clone()),
            gaz,
        }),
        Box::new(geocode::GeocodeStage { gaz }),
    ]
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
        assert!(super::tagger::Model::from_bytes(super::embedded::WEIGHTS).is_ok());
    }
}
