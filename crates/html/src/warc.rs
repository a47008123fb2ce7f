//! Streaming reader of WARC archives (plain or gzip, one gzip member per record or one for
//! the whole file), yielding the HTML pages of `response` records, as in CC-NEWS crawls.
//!
//! A small hand-written record reader: a WARC record is a version line, header lines, a blank
//! line and `Content-Length` bytes, so a full WARC library would add more than it saves. Each
//! record is read into memory only when it is an HTML response under the size cap; everything
//! else is skipped without buffering and counted under a reason ([`WarcReader::skipped`]).

use crate::decode::decode_with_hint;
use crate::MAX_HTML_BYTES;
use std::collections::BTreeMap;
use std::io::{self, BufRead, BufReader, Read};

/// Header lines longer than this are malformed input, not a record.
const MAX_LINE_BYTES: u64 = 64 * 1024;
/// Header lines per record (WARC or HTTP) before the record is considered malformed.
const MAX_HEADER_LINES: usize = 512;

/// One HTML page from a WARC `response` record.
#[derive(Debug, Clone, PartialEq)]
pub struct WarcArticle {
    /// `WARC-Target-URI`.
    pub url: String,
    /// `WARC-Date` (when the page was fetched), as written.
    pub fetched: Option<String>,
    /// `WARC-Record-ID`, when present.
    pub record_id: Option<String>,
    /// The page, decoded to text (HTTP charset, BOM or meta charset).
    pub html: String,
}

/// Iterator over the HTML pages of a WARC stream.
pub struct WarcReader<'a> {
    input: Box<dyn BufRead + 'a>,
    skipped: BTreeMap<String, u64>,
    done: bool,
}

/// Read a WARC or WARC.gz stream (gzip is detected from the first bytes).
pub fn read_warc<'a, R: Read + 'a>(reader: R) -> WarcReader<'a> {
    let mut buffered = BufReader::with_capacity(64 * 1024, reader);
    let gzip = matches!(buffered.fill_buf(), Ok(head) if head.starts_with(&[0x1f, 0x8b]));
    let input: Box<dyn BufRead + 'a> = if gzip {
        Box::new(BufReader::with_capacity(
            64 * 1024,
            flate2::bufread::MultiGzDecoder::new(buffered),
        ))
    } else {
        Box::new(buffered)
    };
    WarcReader {
        input,
        skipped: BTreeMap::new(),
        done: false,
    }
}

impl WarcReader<'_> {
    /// Records skipped so far, by reason ("not a response record: request", "not HTML: image/jpeg").
    pub fn skipped(&self) -> &BTreeMap<String, u64> {
        &self.skipped
    }

    fn skip(&mut self, reason: impl Into<String>) {
        *self.skipped.entry(reason.into()).or_insert(0) += 1;
    }

    /// Read one header line (without the line end); `None` at end of input.
    fn line(&mut self) -> io::Result<Option<String>> {
        let mut buf = Vec::new();
        let n = (&mut self.input)
            .take(MAX_LINE_BYTES)
            .read_until(b'\n', &mut buf)?;
        if n == 0 {
            return Ok(None);
        }
        if buf.last() != Some(&b'\n') && n as u64 >= MAX_LINE_BYTES {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "header line too long",
            ));
        }
        while matches!(buf.last(), Some(b'\n' | b'\r')) {
            buf.pop();
        }
        Ok(Some(String::from_utf8_lossy(&buf).into_owned()))
    }

    /// The next record's headers, or `None` at the end of the stream.
    fn headers(&mut self) -> Result<Option<Vec<(String, String)>>, String> {
        // Records are separated by blank lines; anything else before "WARC/" is garbage to skip.
        let mut garbage = false;
        loop {
            match self.line().map_err(|e| format!("reading WARC: {e}"))? {
                None => return Ok(None),
                Some(l) if l.starts_with("WARC/") => break,
                Some(l) if l.trim().is_empty() => continue,
                Some(_) => garbage = true,
            }
        }
        if garbage {
            self.skip("bytes between records");
        }
        let mut headers = Vec::new();
        loop {
            let line = self
                .line()
                .map_err(|e| format!("reading WARC header: {e}"))?;
            let Some(line) = line else {
                return Err("WARC stream ends inside a record header".into());
            };
            if line.is_empty() {
                return Ok(Some(headers));
            }
            if headers.len() >= MAX_HEADER_LINES {
                return Err("WARC record header has too many lines".into());
            }
            if let Some((k, v)) = line.split_once(':') {
                headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
            }
        }
    }

    fn discard(&mut self, len: u64) -> Result<(), String> {
        let copied = io::copy(&mut (&mut self.input).take(len), &mut io::sink())
            .map_err(|e| format!("reading WARC: {e}"))?;
        if copied < len {
            return Err("WARC stream ends inside a record".into());
        }
        Ok(())
    }

    fn next_article(&mut self) -> Option<Result<WarcArticle, String>> {
        loop {
            let headers = match self.headers() {
                Ok(Some(h)) => h,
                Ok(None) => return None,
                Err(e) => return Some(Err(e)),
            };
            let get = |k: &str| {
                headers
                    .iter()
                    .find(|(n, _)| n == k)
                    .map(|(_, v)| v.as_str())
            };
            let Some(len) = get("content-length").and_then(|v| v.parse::<u64>().ok()) else {
                return Some(Err("WARC record without a valid Content-Length".into()));
            };
            let kind = get("warc-type").unwrap_or("").to_ascii_lowercase();
            if kind != "response" {
                self.skip(format!("not a response record: {kind}"));
                if let Err(e) = self.discard(len) {
                    return Some(Err(e));
                }
                continue;
            }
            let url = get("warc-target-uri")
                .unwrap_or("")
                .trim_matches(['<', '>'])
                .to_string();
            let fetched = get("warc-date").map(str::to_string);
            let record_id = get("warc-record-id").map(str::to_string);
            if len > MAX_HTML_BYTES as u64 + 64 * 1024 {
                self.skip("record over the size limit");
                if let Err(e) = self.discard(len) {
                    return Some(Err(e));
                }
                continue;
            }
            let mut block = Vec::with_capacity(len as usize);
            match (&mut self.input).take(len).read_to_end(&mut block) {
                Ok(n) if (n as u64) < len => {
                    return Some(Err("WARC stream ends inside a record".into()))
                }
                Ok(_) => {}
                Err(e) => return Some(Err(format!("reading WARC: {e}"))),
            }
            match http_html(&block) {
                Ok(html) => {
                    return Some(Ok(WarcArticle {
                        url,
                        fetched,
                        record_id,
                        html,
                    }))
                }
                Err(reason) => self.skip(reason),
            }
        }
    }
}

impl Iterator for WarcReader<'_> {
    type Item = Result<WarcArticle, String>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let item = self.next_article();
        // A broken stream cannot be resynchronised reliably: stop after reporting it.
        if matches!(item, None | Some(Err(_))) {
            self.done = true;
        }
        item
    }
}

/// The HTML page inside an HTTP response block, or why there is none.
fn http_html(block: &[u8]) -> Result<String, String> {
    let Some(head_end) = memchr::memmem::find(block, b"\r\n\r\n")
        .map(|p| (p, p + 4))
        .or_else(|| memchr::memmem::find(block, b"\n\n").map(|p| (p, p + 2)))
    else {
        return Err("no HTTP header".into());
    };
    let head = String::from_utf8_lossy(&block[..head_end.0]);
    let mut lines = head.lines();
    let status = lines.next().unwrap_or("");
    if !status.starts_with("HTTP/") {
        return Err("no HTTP status line".into());
    }
    let code = status.split_whitespace().nth(1).unwrap_or("");
    if !code.starts_with('2') {
        return Err(format!("HTTP status {code}"));
    }
    let mut content_type = String::new();
    let mut chunked = false;
    let mut encoding = String::new();
    for line in lines {
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        match k.trim().to_ascii_lowercase().as_str() {
            "content-type" => content_type = v.trim().to_ascii_lowercase(),
            "transfer-encoding" => chunked = v.to_ascii_lowercase().contains("chunked"),
            "content-encoding" => encoding = v.trim().to_ascii_lowercase(),
            _ => {}
        }
    }
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_string();
    if !(mime == "text/html" || mime == "application/xhtml+xml") {
        let shown = if mime.is_empty() {
            "no content type".to_string()
        } else {
            mime
        };
        return Err(format!("not HTML: {shown}"));
    }
    let mut body = block[head_end.1..].to_vec();
    if chunked {
        body = dechunk(&body).ok_or("bad chunked encoding")?;
    }
    match encoding.as_str() {
        "" | "identity" => {}
        "gzip" | "x-gzip" => body = inflate(flate2::read::MultiGzDecoder::new(&body[..]))?,
        "deflate" => body = inflate(flate2::read::ZlibDecoder::new(&body[..]))?,
        other => return Err(format!("unsupported content encoding: {other}")),
    }
    let charset = content_type
        .split(';')
        .find_map(|p| p.trim().strip_prefix("charset="))
        .map(|c| c.trim_matches('"'));
    Ok(decode_with_hint(&body, charset))
}

fn inflate(reader: impl Read) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    reader
        .take(MAX_HTML_BYTES as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("bad compressed body: {e}"))?;
    if out.len() > MAX_HTML_BYTES {
        return Err("record over the size limit".into());
    }
    Ok(out)
}

/// Undo HTTP chunked transfer encoding.
fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    loop {
        let line_end = memchr::memchr(b'\n', data)?;
        let size_text = std::str::from_utf8(&data[..line_end]).ok()?;
        let size_text = size_text.trim().split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        data = &data[line_end + 1..];
        if size == 0 {
            return Some(out);
        }
        if data.len() < size {
            // A truncated last chunk: keep what arrived.
            out.extend_from_slice(data);
            return Some(out);
        }
        out.extend_from_slice(&data[..size]);
        data = &data[size..];
        if data.starts_with(b"\r\n") {
            data = &data[2..];
        } else if data.starts_with(b"\n") {
            data = &data[1..];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dechunks() {
        assert_eq!(
            dechunk(b"4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n").as_deref(),
            Some(&b"Wikipedia"[..])
        );
    }
}
