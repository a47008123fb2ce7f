//! Entity recognition: gazetteer matching, the trained sequence tagger, one entity per
//! real-world thing (aliases, surnames, acronyms), CAMEO codes and geocoding.

mod entities;
pub mod features;
pub mod gazetteer;
pub mod geocode;
pub mod lexicon;
pub mod ner;
pub mod rules;
pub mod sections;
pub mod tagger;
pub mod train;

pub use gazetteer::Gazetteer;
pub use lexicon::Lexicon;
use newsgraph_knowledge::{Knowledge, KnowledgeError};
use newsgraph_model::Stage;
pub use rules::{Demonyms, Rules, UnknownRule};
use std::sync::Arc;
pub use train::{train, TrainError, TrainReport};

/// The tagger of `k`'s weights (`data/ner-weights.bin` when embedded).
pub fn model(k: &Knowledge) -> Result<tagger::Model, tagger::ModelError> {
    tagger::Model::from_bytes(k.ner_weights())
}

/// How the entity stages are built: the tagger's weights, the mention rules left out, the
/// demonym convention.
#[derive(Clone, Default)]
pub struct Options {
    /// The tagger of the caller's choosing (`--ner-weights FILE`: weights trained with
    /// `train-ner` on data the user has rights to); `None` is the tagger of the knowledge.
    pub model: Option<Arc<tagger::Model>>,
    /// Mention rules turned off by name (`--ner-off`), to measure what each is worth.
    pub rules_off: Vec<String>,
    /// Whether a demonym adjective is a mention of its country.
    pub demonyms: Demonyms,
}

/// This crate's stages, in the order the pipeline runs them, with the tagger of `k`'s weights.
/// Knowledge is compiled here, once.
pub fn stages(k: &Knowledge) -> Result<Vec<Box<dyn Stage>>, StagesError> {
    stages_with(k, &Options::default())
}

/// The stages as `options` say.
pub fn stages_with(k: &Knowledge, options: &Options) -> Result<Vec<Box<dyn Stage>>, StagesError> {
    let ner = ner_stage(k, options)?;
    let geocode = geocode::GeocodeStage {
        lex: ner.lex.clone(),
        gaz: ner.gaz.clone(),
    };
    Ok(vec![Box::new(ner), Box::new(geocode)])
}

/// The `ner` stage alone (for tools that call [`ner::NerStage::recognise`] directly).
pub fn ner_stage(k: &Knowledge, options: &Options) -> Result<ner::NerStage, StagesError> {
    let model = match &options.model {
        Some(m) => m.clone(),
        None => Arc::new(self::model(k)?),
    };
    // The gazetteer first: its matcher's build needs much memory for a moment.
    let gaz = Arc::new(Gazetteer::new(k)?);
    let lex = Arc::new(Lexicon::new(k)?);
    Ok(ner::NerStage {
        model,
        lex,
        gaz,
        rules: Rules::without(&options.rules_off)?,
        demonyms: options.demonyms,
        segmenter: newsgraph_text::segmenter(k)?,
    })
}

/// Why the entity stages could not be built.
#[derive(Debug, thiserror::Error)]
pub enum StagesError {
    #[error(transparent)]
    Knowledge(#[from] KnowledgeError),
    #[error("the tagger weights (data/ner-weights.bin): {0}")]
    Weights(#[from] tagger::ModelError),
    #[error(transparent)]
    Rules(#[from] UnknownRule),
}

/// The embedded word lists compiled once, for this crate's unit tests.
#[cfg(test)]
pub(crate) fn lexicon_for_tests() -> &'static Lexicon {
    static LEX: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
    LEX.get_or_init(|| match Lexicon::new(Knowledge::embedded()) {
        Ok(l) => l,
        Err(e) => panic!("{e}"),
    })
}

/// The embedded gazetteer compiled once, for this crate's unit tests.
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
pub(crate) fn tokens_for_tests(text: &str) -> Vec<newsgraph_model::Token> {
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
