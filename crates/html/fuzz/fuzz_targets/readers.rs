//! Any bytes go through the sniffer, the feed and listing readers and the WARC reader without
//! panicking.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsgraph_html::HtmlKnowledge;
use std::sync::{Arc, OnceLock};

fn knowledge() -> &'static Arc<HtmlKnowledge> {
    static K: OnceLock<Arc<HtmlKnowledge>> = OnceLock::new();
    K.get_or_init(|| HtmlKnowledge::embedded().expect("the embedded tables load"))
}

fuzz_target!(|data: &[u8]| {
    let _ = newsgraph_html::sniff(data);
    let _ = newsgraph_html::read_feed(data, knowledge());
    let _ = newsgraph_html::read_listing(data, knowledge());
    for item in newsgraph_html::read_warc(std::io::Cursor::new(data)).take(64) {
        let _ = item;
    }
});
