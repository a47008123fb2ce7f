//! Any bytes go through the sniffer, the feed reader and the WARC reader without panicking.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = newsgraph_html::sniff(data);
    let _ = newsgraph_html::read_feed(data);
    for item in newsgraph_html::read_warc(std::io::Cursor::new(data)).take(64) {
        let _ = item;
    }
});
