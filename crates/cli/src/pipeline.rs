//! The default pipeline: every crate's stages, chained in dependency order and checked once.
//!
//! This is the one place the stage order is written down. Adding a stage means adding it to
//! its crate's `stages()`; adding a crate means adding one line here.

use newsgraph_model::{Document, Pipeline, PipelineError, Record};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Build the pipeline every command uses (analyze, eval, ingest).
pub fn default_pipeline() -> Result<Pipeline, PipelineError> {
    let mut stages = Vec::new();
    stages.extend(newsgraph_html::stages());
    stages.extend(newsgraph_text::stages());
    stages.extend(newsgraph_ner::stages());
    stages.extend(newsgraph_extract::stages());
    stages.extend(newsgraph_quotes::stages());
    stages.extend(newsgraph_events::stages());
    Pipeline::new(stages)
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
