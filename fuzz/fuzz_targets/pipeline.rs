//! Any text through every text stage (clean, segment, ner, geocode, dates, counts, themes, tone,
//! quotes, events): a record or a stage error, never a panic or a span off a char boundary.
//! The pipeline is the library's own (`newsgraph::Engine`), so this target follows every change
//! of how stages are built.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsgraph::{Document, Engine};
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new().expect("the embedded engine builds"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut doc = Document::from_text("fuzz", text);
    doc.hints.published = Some("2016-09-05".into());
    let _ = engine().analyze_document(doc);
});
