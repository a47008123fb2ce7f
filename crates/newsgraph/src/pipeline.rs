//! The default pipeline: every crate's stages, chained in dependency order and checked once.
//!
//! This is the one place the stage order is written down. Adding a stage means adding it to
//! its crate's `stages()`; adding a crate means adding one line here. [`crate::Engine`] is a thin
//! layer over [`build_pipeline`], so a change in how stages are constructed lands here alone.

use crate::{Error, Options};
use newsgraph_knowledge::Knowledge;
use newsgraph_model::{Document, Pipeline, Record, Stage};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Every stage of the default pipeline, in order, as the engine's options choose them.
pub fn build_pipeline(options: &Options) -> Result<Pipeline, Error> {
    let model = match &options.ner_weights {
        Some(path) => Some(std::sync::Arc::new(read_weights(path)?)),
        None => None,
    };
    // The knowledge files are read here, compiled into each stage, and dropped: the stages keep
    // what they compiled.
    let knowledge = Knowledge::default();
    let mut stages: Vec<Box<dyn Stage>> = Vec::new();
    stages.extend(newsgraph_html::stages(&knowledge)?);
    stages.push(Box::new(TextLimit {
        max: options
            .max_text_bytes
            .unwrap_or(crate::DEFAULT_MAX_TEXT_BYTES),
    }));
    stages.extend(newsgraph_text::stages(&knowledge)?);
    // `dates` may take the publication date from the text, and `ner` reads it.
    stages.push(Box::new(newsgraph_extract::dates::Dates::new(&knowledge)?));
    let ner = newsgraph_ner::Options {
        model,
        rules_off: options.ner_off.clone(),
        demonyms: options.demonyms,
    };
    stages.extend(newsgraph_ner::stages_with(&knowledge, &ner)?);
    stages.extend(newsgraph_extract::figure_stages(&knowledge)?);
    stages.extend(newsgraph_quotes::stages(&knowledge)?);
    stages.extend(newsgraph_events::stages(&knowledge)?);
    if let Some(only) = &options.stages {
        let known: Vec<&str> = stages.iter().map(|s| s.name()).collect();
        if let Some(unknown) = only.iter().find(|n| !known.contains(&n.as_str())) {
            return Err(Error::UnknownStage {
                name: unknown.clone(),
                known: known.join(", "),
            });
        }
        stages.retain(|s| s.name() == TextLimit::NAME || only.iter().any(|n| n == s.name()));
    }
    Ok(Pipeline::new(stages)?)
}

/// Refuses an article whose text (after HTML extraction) is longer than `max` bytes: one
/// record error, before any stage whose work grows with the text's length.
struct TextLimit {
    max: usize,
}

impl TextLimit {
    const NAME: &'static str = "limit";
}

impl Stage for TextLimit {
    fn name(&self) -> &'static str {
        Self::NAME
    }
    fn requires(&self) -> &'static [newsgraph_model::Layer] {
        // The raw text html left (`Document::text` is still empty before `clean`).
        &[newsgraph_model::Layer::Raw]
    }
    fn assigns(&self) -> &'static [newsgraph_model::Layer] {
        &[]
    }
    fn run(&self, doc: &mut Document) -> Result<(), newsgraph_model::StageError> {
        // Before cleaning, the text is the raw text (HTML pages have been extracted to it).
        let len = match &doc.raw {
            Some(newsgraph_model::Raw::Text(raw)) => raw.len().max(doc.text.len()),
            _ => doc.text.len(),
        };
        if len <= self.max {
            return Ok(());
        }
        let mb = |n: usize| n as f64 / (1024.0 * 1024.0);
        Err(newsgraph_model::StageError::new(
            Self::NAME,
            format!(
                "the article's text is {:.1} MB, over the limit of {:.1} MB; split it, or raise \
                 the limit (--max-text-mb)",
                mb(len),
                mb(self.max)
            ),
        ))
    }
}

/// Tagger weights from a file `train-ner` wrote.
fn read_weights(path: &std::path::Path) -> Result<newsgraph_ner::tagger::Model, Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::WeightsFile {
        path: path.to_path_buf(),
        source,
    })?;
    newsgraph_ner::tagger::Model::from_bytes(&bytes).map_err(|source| Error::Weights {
        path: path.to_path_buf(),
        source,
    })
}

/// Run the pipeline on one document. A stage error, or a bug that panics inside a stage, becomes
/// this record's error message: one bad article never stops a run.
pub fn analyze_document(pipeline: &Pipeline, mut doc: Document) -> Result<Record, String> {
    let outcome = catch_unwind(AssertUnwindSafe(|| pipeline.run(&mut doc).map(|()| doc)));
    match outcome {
        Ok(Ok(doc)) => Ok(Record::from_document(&doc)),
        Ok(Err(e)) => Err(e.to_string()),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown".into());
            Err(format!(
                "internal error while analyzing this record (please report it): {what}"
            ))
        }
    }
}
