//! Bytes to text for pages read from files or WARC records.
//!
//! Order of evidence: a byte-order mark, then a charset declared in the first few kilobytes
//! (`<meta charset>`, `http-equiv` content type, or an XML declaration), then UTF-8 if the
//! bytes are valid UTF-8, else Windows-1252 (what browsers assume for legacy Western pages).

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How far into a page a charset declaration is looked for.
const PRESCAN_BYTES: usize = 4096;

/// Decode an HTML (or XML) page to a string, never failing: bad bytes become U+FFFD.
pub fn decode_html_bytes(bytes: &[u8]) -> String {
    decode_with_hint(bytes, None)
}

/// Like [`decode_html_bytes`], with a charset from outside the page (an HTTP header) that a
/// byte-order mark still overrides.
pub fn decode_with_hint(bytes: &[u8], declared: Option<&str>) -> String {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return encoding
            .decode_without_bom_handling(&bytes[bom_len..])
            .0
            .into_owned();
    }
    let encoding = declared
        .and_then(|l| Encoding::for_label(l.trim().as_bytes()))
        .or_else(|| declared_charset(&bytes[..bytes.len().min(PRESCAN_BYTES)]));
    let encoding = match encoding {
        // A page that says UTF-16 but has no BOM was transcoded on the way; trust the bytes.
        Some(e) if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE => UTF_8,
        Some(e) => e,
        None if std::str::from_utf8(bytes).is_ok() => UTF_8,
        None => WINDOWS_1252,
    };
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// The encoding named by `charset=` or `encoding=` in the head of a page.
fn declared_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    for key in [&b"charset="[..], &b"encoding="[..]] {
        let mut from = 0;
        while let Some(off) = memchr::memmem::find(&lower[from..], key) {
            let mut i = from + off + key.len();
            while i < lower.len() && matches!(lower[i], b'"' | b'\'' | b' ') {
                i += 1;
            }
            let start = i;
            while i < lower.len()
                && (lower[i].is_ascii_alphanumeric()
                    || matches!(lower[i], b'-' | b'_' | b'.' | b':'))
            {
                i += 1;
            }
            if let Some(e) = Encoding::for_label(&lower[start..i]) {
                return Some(e);
            }
            from = i.max(from + off + 1);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn honours_bom_meta_and_falls_back_to_1252() {
        assert_eq!(
            decode_html_bytes(b"\xEF\xBB\xBF<p>caf\xC3\xA9</p>"),
            "<p>café</p>"
        );
        let latin = b"<meta charset=\"iso-8859-1\"><p>caf\xE9</p>";
        assert!(decode_html_bytes(latin).contains("café"));
        let http_equiv = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"><p>\xCC\xEE\xF1\xEA\xE2\xE0</p>";
        assert!(decode_html_bytes(http_equiv).contains("Москва"));
        assert!(decode_html_bytes(b"<p>caf\xE9 \x93quoted\x94</p>").contains("café “quoted”"));
        assert_eq!(decode_html_bytes(b"<p>plain</p>"), "<p>plain</p>");
    }
}
