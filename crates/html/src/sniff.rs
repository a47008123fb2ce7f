//! Telling what kind of input a file holds from its first bytes, whatever its name says.

use std::io::Read;

/// The kinds of input the engine reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    Html,
    /// A WARC archive, plain or gzip-compressed.
    Warc,
    /// An RSS or Atom feed.
    Feed,
    /// JSON lines (input records), one object per line.
    JsonLines,
    Text,
}

/// How much of the (decompressed) start of a file is looked at.
const LOOK_BYTES: usize = 4096;

/// The kind of input whose first bytes are `prefix` (a few KB is plenty). Gzip input is
/// looked into: a compressed WARC is [`InputKind::Warc`], other compressed content is
/// classified by what it holds ([`is_gzip`] tells the caller to decompress it).
pub fn sniff(prefix: &[u8]) -> InputKind {
    if is_gzip(prefix) {
        let mut inner = Vec::with_capacity(LOOK_BYTES);
        // A prefix is a truncated stream: the decoder errors at its end, after yielding data.
        let mut decoder = flate2::read::GzDecoder::new(prefix).take(LOOK_BYTES as u64);
        let mut buf = [0u8; 512];
        loop {
            match decoder.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => inner.extend_from_slice(&buf[..n]),
            }
        }
        return sniff_plain(&inner);
    }
    sniff_plain(prefix)
}

/// Whether the bytes start a gzip stream.
pub fn is_gzip(prefix: &[u8]) -> bool {
    prefix.starts_with(&[0x1f, 0x8b])
}

fn sniff_plain(prefix: &[u8]) -> InputKind {
    let head = &prefix[..prefix.len().min(LOOK_BYTES)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let head = &head[start..];
    if head.starts_with(b"WARC/") {
        return InputKind::Warc;
    }
    if head.starts_with(b"{") {
        return InputKind::JsonLines;
    }
    if !head.starts_with(b"<") {
        return InputKind::Text;
    }
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let has = |needle: &[u8]| memchr::memmem::find(&lower, needle);
    let html = [&b"<html"[..], b"<!doctype html", b"<head", b"<body"]
        .iter()
        .filter_map(|n| has(n))
        .min();
    let feed = [&b"<rss"[..], b"<feed", b"<rdf:rdf"]
        .iter()
        .filter_map(|n| has(n))
        .min();
    match (html, feed) {
        (Some(h), Some(f)) if f < h => InputKind::Feed,
        (None, Some(_)) => InputKind::Feed,
        _ => InputKind::Html,
    }
}
