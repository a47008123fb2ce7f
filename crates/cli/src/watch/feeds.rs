//! The feeds file, and polling what it lists: each feed or sitemap fetched with a conditional
//! GET, its listing read (RSS, Atom, sitemap, sitemap index) and its pages canonicalised.

use anyhow::Context;
use newsgraph_fetch::{Failure, Fetched, Fetcher, Url, Validators};
use newsgraph_html::sitemap::{Listing, MAX_LISTING_BYTES};
use newsgraph_store::{FeedValidators, FoundPage};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// One line of the feeds file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedLine {
    pub url: String,
    /// The source's name, given after the URL; the source of every page the feed lists.
    pub name: Option<String>,
}

/// Read the feeds file: one URL a line, optionally followed by whitespace and a source name;
/// `#` at the start of a line or after whitespace starts a comment.
pub fn read_feeds_file(path: &Path) -> anyhow::Result<Vec<FeedLine>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the feeds file `{}`", path.display()))?;
    parse_feeds(&text).map_err(|e| anyhow::anyhow!("`{}`: {e}", path.display()))
}

pub fn parse_feeds(text: &str) -> Result<Vec<FeedLine>, String> {
    let mut feeds = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = strip_comment(line).trim();
        if line.is_empty() {
            continue;
        }
        let (url, name) = match line.split_once(char::is_whitespace) {
            Some((url, name)) => (url, Some(name.trim().to_string())),
            None => (line, None),
        };
        let Some(parsed) = Url::parse(url) else {
            return Err(format!(
                "line {}: `{url}` is not an http:// or https:// URL",
                n + 1
            ));
        };
        feeds.push(FeedLine {
            url: parsed.to_string(),
            name: name.filter(|n| !n.is_empty()),
        });
    }
    if feeds.is_empty() {
        return Err("no feed URL in it (one RSS, Atom or sitemap URL a line)".into());
    }
    Ok(feeds)
}

/// The line without its comment: `#` opens one at the start or after whitespace (a URL's own
/// `#fragment` is kept).
fn strip_comment(line: &str) -> &str {
    let mut prev_space = true;
    for (i, c) in line.char_indices() {
        if c == '#' && prev_space {
            return &line[..i];
        }
        prev_space = c.is_whitespace();
    }
    line
}

/// A listing to poll: a feed of the file, or a sitemap a sitemap index listed.
#[derive(Debug, Clone)]
pub struct Target {
    pub url: String,
    pub name: Option<String>,
    /// The sitemap index that listed it.
    pub parent: Option<String>,
    pub validators: Option<FeedValidators>,
}

/// What polling one target gave.
pub enum Polled {
    /// A 200: the listing, where it was found (after redirects) and its validators.
    Listed {
        listing: Listing,
        at: String,
        validators: Validators,
    },
    NotModified,
    /// The fetch failed.
    Failed(Failure),
    /// The answer was no feed or sitemap.
    Unreadable(String),
}

/// Poll every target, `threads` at a time (the fetcher keeps it to one request per host), in
/// order.
pub fn poll_all(fetcher: &Fetcher, targets: &[Target], threads: usize) -> Vec<Polled> {
    parallel(targets, threads, |target| poll(fetcher, target))
}

fn poll(fetcher: &Fetcher, target: &Target) -> Polled {
    let validators = target.validators.as_ref().map(|v| Validators {
        etag: v.etag.clone(),
        last_modified: v.last_modified.clone(),
    });
    match fetcher.get(&target.url, validators.as_ref(), MAX_LISTING_BYTES as u64) {
        Err(failure) => Polled::Failed(failure),
        Ok(Fetched::NotModified) => Polled::NotModified,
        Ok(Fetched::Page(page)) => match newsgraph_html::HtmlKnowledge::embedded()
            .map_err(|e| e.to_string())
            .and_then(|k| newsgraph_html::read_listing(&page.body, &k))
        {
            Ok(listing) => Polled::Listed {
                listing,
                at: page.url,
                validators: page.validators,
            },
            Err(e) => Polled::Unreadable(e),
        },
    }
}

/// The pages of a listing found at `at`, canonicalised (relative links resolved against it),
/// each once, skipping those dated before `oldest` (`YYYY-MM-DD`).
pub fn found_pages(
    listing: &Listing,
    at: &str,
    name: Option<&str>,
    oldest: Option<&str>,
) -> Vec<FoundPage> {
    let base = Url::parse(at);
    let mut seen = std::collections::HashSet::new();
    listing
        .pages
        .iter()
        .filter(|page| match (oldest, page.published.as_deref()) {
            (Some(oldest), Some(date)) => date >= oldest,
            _ => true,
        })
        .filter_map(|page| {
            let url = newsgraph_fetch::canonical(&page.url, base.as_ref())?;
            seen.insert(url.clone()).then(|| FoundPage {
                article_id: newsgraph_io::stable_id(&url),
                url,
                title: page.title.clone(),
                published: page.published.clone(),
                source: name.map(str::to_string).or_else(|| page.source.clone()),
            })
        })
        .collect()
}

/// `f` over `items` on up to `threads` threads, results in input order.
pub fn parallel<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..threads.clamp(1, items.len().max(1)) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                let r = f(item);
                if let Ok(mut results) = results.lock() {
                    results[i] = Some(r);
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .flatten()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_html::sitemap::ListedPage;

    #[test]
    fn the_feeds_file_has_urls_names_and_comments() {
        let text = "# wires\nhttps://wire.example/rss.xml   Wire One  # the main one\n\n\
                    https://harbour.example/sitemap-news.xml\n  # indented comment\n\
                    https://a.example/feed#top Alpha\n";
        let feeds = parse_feeds(text).unwrap();
        assert_eq!(
            feeds,
            vec![
                FeedLine {
                    url: "https://wire.example/rss.xml".into(),
                    name: Some("Wire One".into())
                },
                FeedLine {
                    url: "https://harbour.example/sitemap-news.xml".into(),
                    name: None
                },
                FeedLine {
                    url: "https://a.example/feed".into(),
                    name: Some("Alpha".into())
                },
            ]
        );
        let err = parse_feeds("https://ok.example/\nfeed.example/rss\n").unwrap_err();
        assert!(err.contains("line 2"), "{err}");
        assert!(parse_feeds("# nothing\n").is_err());
    }

    #[test]
    fn listed_pages_are_canonical_once_and_recent_enough() {
        let page = |url: &str, date: Option<&str>| ListedPage {
            url: url.into(),
            published: date.map(str::to_string),
            ..ListedPage::default()
        };
        let listing = Listing {
            pages: vec![
                page("/news/1?utm_source=rss", Some("2024-05-07")),
                page("https://wire.example/news/1", Some("2024-05-07")),
                page("/news/old", Some("2023-01-01")),
                page("/news/undated", None),
                page("mailto:desk@wire.example", None),
            ],
            sitemaps: Vec::new(),
        };
        let found = found_pages(
            &listing,
            "https://wire.example/rss.xml",
            Some("Wire One"),
            Some("2024-05-01"),
        );
        let urls: Vec<&str> = found.iter().map(|p| p.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://wire.example/news/1",
                "https://wire.example/news/undated"
            ]
        );
        assert_eq!(found[0].source.as_deref(), Some("Wire One"));
        assert_eq!(found[0].article_id, newsgraph_io::stable_id(&found[0].url));
    }

    #[test]
    fn parallel_keeps_the_order() {
        let items: Vec<u64> = (0..50).collect();
        assert_eq!(
            parallel(&items, 4, |n| n * 2),
            (0..50).map(|n| n * 2).collect::<Vec<_>>()
        );
        assert!(parallel(&Vec::<u64>::new(), 4, |n| *n).is_empty());
    }
}
