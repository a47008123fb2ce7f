//! Test support: the real upstream stages (text, dates, ner) run on a text, so the events
//! stage is tested on the layers it will see in the engine. Test code only.

#![allow(dead_code)]

use newsgraph_model::{Document, Stage};
use std::path::PathBuf;
use std::sync::OnceLock;

/// The coder over the embedded knowledge, compiled once for every test of a file.
pub fn knowledge() -> Result<&'static newsgraph_events::Coder, newsgraph_knowledge::KnowledgeError>
{
    static CODER: std::sync::OnceLock<newsgraph_events::Coder> = std::sync::OnceLock::new();
    if let Some(coder) = CODER.get() {
        return Ok(coder);
    }
    let coder = newsgraph_events::Coder::new(newsgraph_knowledge::Knowledge::embedded())?;
    Ok(CODER.get_or_init(|| coder))
}

/// The workspace root (two levels above this crate).
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every stage that runs before `events` in the engine, in the engine's order: the text
/// stages, `dates` (it may set the publication date, which `ner` reads), then `ner`.
fn upstream() -> &'static Vec<Box<dyn Stage>> {
    static STAGES: OnceLock<Vec<Box<dyn Stage>>> = OnceLock::new();
    STAGES.get_or_init(|| {
        let k = newsgraph_knowledge::Knowledge::embedded();
        let mut stages = newsgraph_text::stages(k).expect("text knowledge");
        stages.push(Box::new(
            newsgraph_extract::dates::Dates::new(k).expect("dates knowledge"),
        ));
        stages.extend(newsgraph_ner::stages(k).expect("ner knowledge"));
        stages
    })
}

/// A document from `text`, published on `published` (none if empty), with every layer the
/// events stage reads.
pub fn prepare(text: &str, published: &str) -> Document {
    let mut doc = Document::from_text("test", text);
    // An empty date: the article states none (the sentence-level gold sets).
    doc.hints.published = Some(published.to_string()).filter(|p| !p.is_empty());
    for stage in upstream() {
        stage.run(&mut doc).expect("upstream stage");
    }
    doc
}
