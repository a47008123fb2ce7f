//! Telling input kinds apart by their first bytes, for files whose name does not say.

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    JsonLines,
    Html,
    Text,
    /// Not text at all (NUL bytes, control characters): refused with an error record.
    Binary,
}

/// Guess the kind of an input from its first bytes.
pub fn sniff(prefix: &[u8]) -> InputKind {
    let head = &prefix[..prefix.len().min(4096)];
    let controls = head
        .iter()
        .filter(|&&b| b == 0 || (b < 0x09) || (0x0e..0x20).contains(&b))
        .count();
    if !head.is_empty() && controls * 20 > head.len() {
        return InputKind::Binary;
    }
    let text = String::from_utf8_lossy(head);
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('{') {
        return InputKind::JsonLines;
    }
    // The first 512 bytes, cut back to a character boundary (lossy decoding makes 3-byte chars).
    let mut cut = t.len().min(512);
    while !t.is_char_boundary(cut) {
        cut -= 1;
    }
    let lower = t[..cut].to_ascii_lowercase();
    if lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || lower.contains("<body")
        || lower.contains("<head")
    {
        return InputKind::Html;
    }
    InputKind::Text
}
