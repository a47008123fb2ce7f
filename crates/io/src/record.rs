//! Input records (OUTPUT.md, "Input") into documents, and text decoding.

use newsgraph_model::{Document, Hints};
use serde_json::Value;

/// A stable id for content that came without one: 64-bit FNV-1a, as 16 hex digits.
pub fn stable_id(content: &str) -> String {
    format!("{:016x}", newsgraph_model::hash::fnv1a(content.as_bytes()))
}

/// Decode article bytes, per document: UTF-8 (BOM dropped); UTF-16 with a BOM; mostly UTF-8
/// with a few bad bytes kept as UTF-8 (the bad bytes read as Windows-1252); otherwise
/// Windows-1252/Latin-1. A note says when it was not plain UTF-8. Binary junk is refused.
pub fn decode_text(bytes: &[u8]) -> Result<(String, Option<String>), String> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if bytes.len() >= 2 && (bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff")) {
        return decode_utf16(bytes).map(|s| (s, Some("decoded from UTF-16".to_string())));
    }
    let nul = bytes.iter().take(1 << 16).filter(|&&b| b == 0).count();
    if nul > 0 {
        return Err("contains NUL bytes: binary data, not an article".to_string());
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_string(), None)),
        Err(_) => Ok(decode_mixed(bytes)),
    }
}

/// Text that is not valid UTF-8, decided by what most of it is. Mostly UTF-8 with a few bad
/// bytes (a pasted Latin-1 snippet, a cut character): the UTF-8 is kept and each bad byte read
/// as Windows-1252, so "Erdoğan" stays "Erdoğan". No valid multi-byte sequence at all, or fewer
/// than bad bytes: the document is Windows-1252 (a superset of Latin-1 for printable text).
fn decode_mixed(bytes: &[u8]) -> (String, Option<String>) {
    let mut utf8_chars = 0usize;
    let mut bad = 0usize;
    for chunk in bytes.utf8_chunks() {
        utf8_chars += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += chunk.invalid().len();
    }
    if utf8_chars > 0 && utf8_chars >= bad {
        let mut out = String::with_capacity(bytes.len());
        for chunk in bytes.utf8_chunks() {
            out.push_str(chunk.valid());
            out.extend(chunk.invalid().iter().map(|&b| windows_1252(b)));
        }
        let note = format!("{bad} bytes were not UTF-8; read as Windows-1252, the rest as UTF-8");
        return (out, Some(note));
    }
    let s: String = bytes.iter().map(|&b| windows_1252(b)).collect();
    (
        s,
        Some("input was not UTF-8; decoded as Windows-1252".to_string()),
    )
}

fn decode_utf16(bytes: &[u8]) -> Result<String, String> {
    let le = bytes.starts_with(b"\xff\xfe");
    let units: Vec<u16> = bytes[2..]
        .chunks_exact(2)
        .map(|c| {
            if le {
                u16::from_le_bytes([c[0], c[1]])
            } else {
                u16::from_be_bytes([c[0], c[1]])
            }
        })
        .collect();
    String::from_utf16(&units).map_err(|_| "invalid UTF-16 text".to_string())
}

fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    if (0x80..0xa0).contains(&b) {
        HIGH[(b - 0x80) as usize]
    } else {
        b as char
    }
}

fn opt_string(v: &Value, key: &str) -> Result<Option<String>, String> {
    match v.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(Value::Number(n)) if key == "id" => Ok(Some(n.to_string())),
        Some(_) => Err(format!("field `{key}` must be a string")),
    }
}

/// An input record (one JSON line) into a document. On failure, the record's id if it had one,
/// and what was wrong.
pub fn document_from_json(line: &[u8]) -> Result<Document, (Option<String>, String)> {
    let value: Value = match serde_json::from_slice(line) {
        Ok(v) => v,
        Err(e) => {
            let hint = if std::str::from_utf8(line).is_err() {
                " (the line is not valid UTF-8)"
            } else {
                ""
            };
            return Err((None, format!("not a JSON record{hint}: {e}")));
        }
    };
    document_from_value(&value)
}

/// An input record already parsed as JSON into a document.
pub fn document_from_value(value: &Value) -> Result<Document, (Option<String>, String)> {
    if !value.is_object() {
        return Err((
            None,
            "an input record must be a JSON object with `text` or `html`".into(),
        ));
    }
    let id = opt_string(value, "id").map_err(|e| (None, e))?;
    let fail = |e: String| (id.clone(), e);
    let text = opt_string(value, "text").map_err(fail)?;
    let html = opt_string(value, "html").map_err(fail)?;
    let hints = Hints {
        url: opt_string(value, "url").map_err(fail)?,
        title: opt_string(value, "title").map_err(fail)?,
        published: opt_string(value, "published").map_err(fail)?,
        source: opt_string(value, "source").map_err(fail)?,
    };
    let mut doc = match (text, html) {
        (Some(_), Some(_)) => {
            return Err(fail(
                "give exactly one of `text` and `html`, not both".into(),
            ))
        }
        (None, None) => return Err(fail("the record has neither `text` nor `html`".into())),
        (Some(t), None) => {
            let id = id.clone().unwrap_or_else(|| stable_id(&t));
            Document::from_text(id, t)
        }
        (None, Some(h)) => {
            let id = id.clone().unwrap_or_else(|| stable_id(&h));
            Document::from_html(id, h)
        }
    };
    doc.hints = hints;
    Ok(doc)
}
