//! Test support: the real upstream stages (text, ner, extract) run on a text, so the events
//! stage is tested on the layers it will see in the engine. Test code only.

#![allow(dead_code)]

use newsgraph_model::{Document, Stage};
use std::path::PathBuf;
use std::sync::OnceLock;

/// The workspace root (two levels above this crate).
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `NEWSGRAPH_SHARED`, else the first existing of `../shared`, `../../shared`, `/work/shared`
/// relative to the workspace root.
pub fn shared_dir() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("NEWSGRAPH_SHARED") {
        return Some(PathBuf::from(p)).filter(|p| p.exists());
    }
    let root = workspace_root();
    [
        root.join("../shared"),
        root.join("../../shared"),
        PathBuf::from("/work/shared"),
    ]
    .into_iter()
    .find(|p| p.exists())
}

/// Every stage that runs before `events` in the engine.
fn upstream() -> &'static Vec<Box<dyn Stage>> {
    static STAGES: OnceLock<Vec<Box<dyn Stage>>> = OnceLock::new();
    STAGES.get_or_init(|| {
        let k = newsgraph_knowledge::Knowledge::embedded();
        let mut stages = newsgraph_text::stages(k).expect("text knowledge");
        stages.extend(newsgraph_ner::stages(k).expect("ner knowledge"));
        stages.extend(newsgraph_extract::stages());
        stages
    })
}

/// A document from `text`, published on `published` (none if empty), with every layer the events stage reads.
pub fn prepare(text: &str, published: &str) -> Document {
    let mut doc = Document::from_text("test", text);
    // An empty date: the article states none (the sentence-level gold sets).
    doc.hints.published = Some(published.to_string()).filter(|p| !p.is_empty());
    for stage in upstream() {
        stage.run(&mut doc).expect("upstream stage");
    }
    doc
}
