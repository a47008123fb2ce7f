//! WARC archives and RSS/Atom feeds as streams of articles (the formats are read by
//! `newsgraph-html`; this module turns what they hold into documents).

use crate::{stable_id, Item, Notes, MAX_RECORD_BYTES};
use newsgraph_model::Document;
use std::io::{BufRead, Read};

/// Every HTML response of a WARC archive, streamed; what was skipped is noted at the end.
pub fn warc_items(
    reader: impl BufRead + 'static,
    name: String,
    notes: Notes,
) -> Box<dyn Iterator<Item = Item>> {
    let mut warc = newsgraph_html::read_warc(reader);
    let mut n = 0usize;
    let mut finished = false;
    Box::new(std::iter::from_fn(move || {
        if finished {
            return None;
        }
        n += 1;
        match warc.next() {
            Some(Ok(page)) => {
                let id = page
                    .record_id
                    .clone()
                    .unwrap_or_else(|| stable_id(&page.url));
                let mut doc = Document::from_html(id, page.html);
                doc.hints.url = Some(page.url);
                Some(Item::Doc(Box::new(doc)))
            }
            Some(Err(e)) => Some(Item::Error {
                id: format!("{name}#{n}"),
                error: format!("WARC record {n}: {e}"),
            }),
            None => {
                finished = true;
                let skipped = warc.skipped();
                if !skipped.is_empty() {
                    let total: u64 = skipped.values().sum();
                    let reasons: Vec<String> = skipped
                        .iter()
                        .map(|(why, count)| format!("{count} {why}"))
                        .collect();
                    if let Ok(mut notes) = notes.lock() {
                        notes.push(format!(
                            "{name}: skipped {total} WARC records ({})",
                            reasons.join(", ")
                        ));
                    }
                }
                None
            }
        }
    }))
}

/// Every item of an RSS or Atom feed file.
pub fn feed_items(reader: impl Read, name: String) -> Box<dyn Iterator<Item = Item>> {
    let mut bytes = Vec::new();
    if let Err(e) = reader
        .take(MAX_RECORD_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
    {
        return Box::new(std::iter::once(Item::Error {
            id: name.clone(),
            error: format!("cannot read `{name}`: {e}"),
        }));
    }
    if bytes.len() > MAX_RECORD_BYTES {
        return Box::new(std::iter::once(Item::Error {
            id: name.clone(),
            error: format!("feed `{name}` is larger than {} MB", MAX_RECORD_BYTES >> 20),
        }));
    }
    let read = newsgraph_html::HtmlKnowledge::embedded()
        .map_err(|e| e.to_string())
        .and_then(|k| newsgraph_html::read_feed(&bytes, &k));
    match read {
        Err(e) => Box::new(std::iter::once(Item::Error {
            id: name.clone(),
            error: format!("feed `{name}`: {e}"),
        })),
        Ok(items) => Box::new(items.into_iter().enumerate().map(move |(i, item)| {
            let id = item
                .link
                .as_deref()
                .map(stable_id)
                .unwrap_or_else(|| format!("{name}#{}", i + 1));
            let mut doc = Document::from_html(id, item.html);
            doc.hints.url = item.link;
            doc.hints.title = item.title;
            doc.hints.published = item.published;
            Item::Doc(Box::new(doc))
        })),
    }
}
