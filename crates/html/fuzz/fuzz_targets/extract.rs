//! Any bytes, decoded as a page, go through extraction without panicking.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = newsgraph_html::decode_html_bytes(data);
    let _ = newsgraph_html::extract_article(&html, Some("https://example.org/2020/01/31/a"));
});
