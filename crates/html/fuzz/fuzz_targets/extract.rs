//! Any bytes, decoded as a page, go through extraction without panicking.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsgraph_html::HtmlKnowledge;
use std::sync::{Arc, OnceLock};

fn knowledge() -> &'static Arc<HtmlKnowledge> {
    static K: OnceLock<Arc<HtmlKnowledge>> = OnceLock::new();
    K.get_or_init(|| HtmlKnowledge::embedded().expect("the embedded tables load"))
}

fuzz_target!(|data: &[u8]| {
    let html = newsgraph_html::decode_html_bytes(data);
    let _ = newsgraph_html::extract_article(
        &html,
        Some("https://example.org/2020/01/31/a"),
        knowledge(),
    );
});
