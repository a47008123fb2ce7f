//! Any bytes as a JSON line: an input record or an error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = newsgraph_io::document_from_json(data);
    let _ = newsgraph_io::decode_text(data);
    let _ = newsgraph_io::sniff(data);
});
