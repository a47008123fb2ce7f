//! Readers of input articles and writers of output records: the file edge of the engine.
//!
//! [`Inputs`] turns command-line operands (files, directories, `-` for stdin) into a lazy stream
//! of [`Item`]s, one per article, in a stable order: directories are walked recursively in
//! name order, JSON-lines files are read line by line, so a multi-gigabyte input never sits in
//! memory. A record that cannot be read becomes an [`Item::Error`] in its place; only the
//! environment (a missing path) is an error of the whole run, reported before anything starts.
//!
//! Input kinds are told apart by file name and, when the name says nothing, by content
//! (see [`sniff`]): plain text, HTML pages, JSON lines, WARC archives (`.warc`, `.warc.gz`: every
//! HTML response record is an article, its target URI the `url`) and RSS/Atom feeds (every item
//! is an article). Gzip-compressed inputs are decompressed on the fly. What a reader skipped
//! (non-HTML WARC records, ...) is gathered in [`Inputs::notes`].

mod record;
mod sniff;
mod web;

pub use record::{decode_text, document_from_json, document_from_value, stable_id};
pub use sniff::{sniff, InputKind};

use newsgraph_model::Document;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// Largest single article file or JSON line the reader accepts (bytes). Larger ones become an
/// error record: pages this size are not articles, and they would blow the memory budget.
pub const MAX_RECORD_BYTES: usize = 50 * 1024 * 1024;

/// One article read from the input, or the reason it could not be read.
#[derive(Debug)]
pub enum Item {
    Doc(Box<Document>),
    /// A JSON line not parsed yet (parsing is left to the worker threads); `fallback_id` names
    /// the line if the record has no id of its own.
    Json {
        fallback_id: String,
        line: Vec<u8>,
    },
    Error {
        id: String,
        error: String,
    },
}

impl Item {
    /// Parse a pending JSON line: the result is `Doc` or `Error`.
    pub fn resolve(self) -> Item {
        match self {
            Item::Json { fallback_id, line } => match document_from_json(&line) {
                Ok(doc) => Item::Doc(Box::new(doc)),
                Err((rid, error)) => Item::Error {
                    id: rid.unwrap_or(fallback_id),
                    error,
                },
            },
            other => other,
        }
    }
}

impl From<Document> for Item {
    fn from(doc: Document) -> Item {
        Item::Doc(Box::new(doc))
    }
}

/// Where articles come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Stdin,
    Path(PathBuf),
    /// A directory entry that cannot be read as an article (an unreadable directory, a FIFO, a
    /// socket, a device, a broken link): one error record in its place, and the run goes on.
    Refused {
        path: PathBuf,
        reason: String,
    },
}

/// The run cannot start: an operand does not exist or cannot be opened.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("input `{0}` does not exist; check the path (use `-` to read JSON lines from stdin)")]
    Missing(PathBuf),
    #[error("cannot read directory `{path}`: {source}")]
    Dir { path: PathBuf, source: io::Error },
}

/// Expand operands into the list of sources in reading order (directories walked recursively,
/// entries sorted by name, hidden files skipped). Only a missing operand stops the run; what
/// cannot be read inside a directory (an unreadable subdirectory, a FIFO, a socket, a device)
/// becomes a [`Source::Refused`], an error record in its place. A FIFO named on the command line
/// is read (`<(zcat news.jsonl.gz)`): only those met while walking are refused, as they would
/// hang the run.
pub fn expand(operands: &[String]) -> Result<Vec<Source>, InputError> {
    let mut out = Vec::new();
    for op in operands {
        if op == "-" {
            out.push(Source::Stdin);
            continue;
        }
        let path = PathBuf::from(op);
        if !path.exists() {
            return Err(InputError::Missing(path));
        }
        if path.is_dir() {
            walk(&path, &mut out);
        } else {
            out.push(Source::Path(path));
        }
    }
    Ok(out)
}

fn walk(path: &Path, out: &mut Vec<Source>) {
    let refused = |reason: String| Source::Refused {
        path: path.to_path_buf(),
        reason,
    };
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) => return out.push(refused(format!("cannot read `{}`: {e}", path.display()))),
    };
    if meta.is_dir() {
        let listing = match std::fs::read_dir(path) {
            Ok(listing) => listing,
            Err(e) => {
                return out.push(refused(format!(
                    "cannot read directory `{}`: {e}",
                    path.display()
                )))
            }
        };
        let mut entries: Vec<PathBuf> = listing
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                !p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with('.'))
            })
            .collect();
        entries.sort();
        for e in entries {
            walk(&e, out);
        }
    } else if meta.is_file() {
        out.push(Source::Path(path.to_path_buf()));
    } else {
        out.push(refused(format!(
            "`{}` is not a regular file (a FIFO, socket or device); skipped",
            path.display()
        )));
    }
}

/// Notes readers leave for the closing summary (what was skipped, and why).
pub type Notes = std::sync::Arc<std::sync::Mutex<Vec<String>>>;

/// A lazy stream of articles over a list of sources.
pub struct Inputs {
    sources: std::vec::IntoIter<Source>,
    current: Option<Box<dyn Iterator<Item = Item> + 'static>>,
    notes: Notes,
}

impl Inputs {
    pub fn new(sources: Vec<Source>) -> Self {
        Inputs {
            sources: sources.into_iter(),
            current: None,
            notes: Notes::default(),
        }
    }

    /// A handle on the readers' notes, to print once the stream is consumed.
    pub fn notes(&self) -> Notes {
        self.notes.clone()
    }

    /// Total bytes of the file sources (for progress), stdin counted as zero.
    pub fn total_bytes(sources: &[Source]) -> u64 {
        sources
            .iter()
            .map(|s| match s {
                Source::Path(p) => std::fs::metadata(p).map(|m| m.len()).unwrap_or(0),
                Source::Stdin | Source::Refused { .. } => 0,
            })
            .sum()
    }
}

impl Iterator for Inputs {
    type Item = Item;
    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(cur) = self.current.as_mut() {
                if let Some(item) = cur.next() {
                    return Some(item);
                }
                self.current = None;
            }
            let source = self.sources.next()?;
            self.current = Some(open(source, &self.notes));
        }
    }
}

fn open(source: Source, notes: &Notes) -> Box<dyn Iterator<Item = Item> + 'static> {
    match source {
        Source::Stdin => Box::new(JsonLines::new(
            Box::new(BufReader::new(io::stdin())),
            "stdin".into(),
        )),
        Source::Path(path) => open_path(&path, notes),
        Source::Refused { path, reason } => one_error(display_name(&path), reason),
    }
}

fn display_name(path: &Path) -> String {
    path.display().to_string()
}

fn open_path(path: &Path, notes: &Notes) -> Box<dyn Iterator<Item = Item> + 'static> {
    let name = display_name(path);
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return one_error(name.clone(), format!("cannot open `{name}`: {e}")),
    };
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let mut reader = BufReader::with_capacity(1 << 16, file);
    let prefix = match reader.fill_buf() {
        Ok(p) => p[..p.len().min(8192)].to_vec(),
        Err(e) => return one_error(name.clone(), format!("cannot read `{name}`: {e}")),
    };
    match newsgraph_html::sniff(&prefix) {
        newsgraph_html::InputKind::Warc => return web::warc_items(reader, name, notes.clone()),
        newsgraph_html::InputKind::Feed if !matches!(ext.as_str(), "html" | "htm") => {
            return web::feed_items(reader, name)
        }
        _ if newsgraph_html::sniff::is_gzip(&prefix) => return gzip_items(path, reader, name),
        _ => {}
    }
    let kind = match ext.as_str() {
        "jsonl" | "ndjson" | "json" => InputKind::JsonLines,
        "txt" | "text" => InputKind::Text,
        "html" | "htm" | "xhtml" => InputKind::Html,
        _ => sniff(&prefix),
    };
    match kind {
        InputKind::JsonLines => Box::new(JsonLines::new(Box::new(reader), name)),
        InputKind::Text | InputKind::Html => {
            let id = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("article")
                .to_string();
            Box::new(std::iter::once(read_whole(reader, id, &name, kind)))
        }
        InputKind::Binary => one_error(
            name.clone(),
            format!("`{name}` looks like binary data, not an article (text, HTML or JSON lines)"),
        ),
    }
}

/// A compressed file that is not a WARC archive: JSON lines, text or HTML inside, told by the
/// name under the `.gz`.
fn gzip_items(
    path: &Path,
    reader: impl BufRead + 'static,
    name: String,
) -> Box<dyn Iterator<Item = Item>> {
    let inner = BufReader::with_capacity(1 << 16, flate2::bufread::MultiGzDecoder::new(reader));
    let stem = path.file_stem().map(PathBuf::from).unwrap_or_default();
    let inner_ext = stem
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match inner_ext.as_str() {
        "jsonl" | "ndjson" | "json" => Box::new(JsonLines::new(Box::new(inner), name)),
        _ => {
            let id = stem
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("article")
                .to_string();
            let kind = if matches!(inner_ext.as_str(), "html" | "htm") {
                InputKind::Html
            } else {
                InputKind::Text
            };
            Box::new(std::iter::once(read_whole(inner, id, &name, kind)))
        }
    }
}

fn one_error(id: String, error: String) -> Box<dyn Iterator<Item = Item> + 'static> {
    Box::new(std::iter::once(Item::Error { id, error }))
}

fn read_whole(reader: impl Read, id: String, name: &str, kind: InputKind) -> Item {
    let mut bytes = Vec::new();
    if let Err(e) = reader
        .take(MAX_RECORD_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
    {
        return Item::Error {
            id,
            error: format!("cannot read `{name}`: {e}"),
        };
    }
    if bytes.len() > MAX_RECORD_BYTES {
        return Item::Error {
            id,
            error: format!(
                "`{name}` is larger than {} MB; split it or pass JSON lines",
                MAX_RECORD_BYTES >> 20
            ),
        };
    }
    match record::decode_text(&bytes) {
        Err(e) => Item::Error {
            id,
            error: format!("`{name}`: {e}"),
        },
        Ok((text, note)) => {
            if text.trim().is_empty() {
                return Item::Error {
                    id,
                    error: format!("`{name}` is empty"),
                };
            }
            let mut doc = if kind == InputKind::Html {
                Document::from_html(id, text)
            } else {
                Document::from_text(id, text)
            };
            doc.diagnostics.extend(note);
            Item::Doc(Box::new(doc))
        }
    }
}

/// JSON lines, one input record per line; blank lines skipped.
struct JsonLines {
    reader: Box<dyn BufRead>,
    name: String,
    line_no: usize,
    buf: Vec<u8>,
}

impl JsonLines {
    fn new(reader: Box<dyn BufRead>, name: String) -> Self {
        JsonLines {
            reader,
            name,
            line_no: 0,
            buf: Vec::new(),
        }
    }
}

impl Iterator for JsonLines {
    type Item = Item;
    fn next(&mut self) -> Option<Item> {
        loop {
            self.buf.clear();
            self.line_no += 1;
            let id = format!("{}:{}", self.name, self.line_no);
            // Read at most the cap (+1 to notice overflow); skip the rest of an oversized line.
            let read = (&mut self.reader)
                .take(MAX_RECORD_BYTES as u64 + 1)
                .read_until(b'\n', &mut self.buf);
            match read {
                Err(e) => {
                    return Some(Item::Error {
                        id,
                        error: format!("cannot read {}: {e}", self.name),
                    })
                }
                Ok(0) => return None,
                Ok(_) => {}
            }
            if self.buf.len() > MAX_RECORD_BYTES && !self.buf.ends_with(b"\n") {
                let mut sink = Vec::new();
                let _ = self.reader.read_until(b'\n', &mut sink);
                return Some(Item::Error {
                    id,
                    error: format!(
                        "line is larger than {} MB; records must be smaller",
                        MAX_RECORD_BYTES >> 20
                    ),
                });
            }
            if self.buf.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            // Parsing waits for [`Item::resolve`], which the runner calls on its worker threads.
            return Some(Item::Json {
                fallback_id: id,
                line: std::mem::take(&mut self.buf),
            });
        }
    }
}

#[cfg(test)]
mod tests;
