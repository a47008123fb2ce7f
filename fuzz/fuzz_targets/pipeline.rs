//! Any text through every text stage (clean, segment, ner, geocode, dates, counts, themes, tone,
//! quotes, events): a record or a stage error, never a panic or a span off a char boundary.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsgraph_model::{Document, Pipeline, Record};
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| {
        let mut stages = newsgraph_text::stages();
        stages.extend(newsgraph_ner::stages());
        stages.extend(newsgraph_extract::stages());
        stages.extend(newsgraph_quotes::stages());
        stages.extend(newsgraph_events::stages());
        Pipeline::new(stages).expect("a valid pipeline")
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut doc = Document::from_text("fuzz", text);
    doc.hints.published = Some("2016-09-05".into());
    if pipeline().run(&mut doc).is_ok() {
        let _ = Record::from_document(&doc);
    }
});
