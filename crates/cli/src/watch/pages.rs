//! Fetching, analyzing and storing a cycle's pending pages.
//!
//! Worker threads take pages from a queue interleaved by host (so they rarely wait on the same
//! host's gate), fetch each through the shared [`Fetcher`] and analyze it with the engine; the
//! caller's thread links each record and writes batches, each one transaction that also marks
//! its pages stored or failed. A batch is written when it is full or a few seconds old, so a
//! kill loses little work and never a page.

use newsgraph::{Article, Engine};
use newsgraph_fetch::{Fetched, Fetcher, Url};
use newsgraph_model::Record;
use newsgraph_store::{Linked, Linker, PageOutcome, PendingPage, Store};
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::mpsc::{sync_channel, RecvTimeoutError};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A batch older than this is written even when not full.
const FLUSH_EVERY: Duration = Duration::from_secs(5);

/// Why a page could not be stored.
struct PageFailure {
    reason: String,
    detail: String,
    /// Worth another try in a later cycle.
    transient: bool,
    /// Fetched, but the engine could not analyze it (kept in `failures`, as ingest does).
    analysis: bool,
}

/// A page done by a worker.
struct Done {
    page: PendingPage,
    /// A body came back.
    fetched: bool,
    outcome: Result<Record, PageFailure>,
}

/// What the pages of a cycle came to.
#[derive(Debug, Default)]
pub struct Tally {
    pub fetched: u64,
    pub stored: u64,
    pub failed: u64,
    pub failures: BTreeMap<String, u64>,
}

/// How the pages are worked through.
pub struct Work<'a> {
    pub engine: &'a Engine,
    pub fetcher: &'a Fetcher,
    pub threads: usize,
    pub batch: usize,
    pub give_up_after: u32,
    pub verbose: bool,
}

/// Fetch, analyze, link and store `pending`; the tally, or the store error that stopped it
/// (what was written before is kept).
pub fn fetch_and_store(
    work: &Work,
    store: &mut Store,
    linker: &mut Linker,
    pending: Vec<PendingPage>,
) -> anyhow::Result<Tally> {
    let mut tally = Tally::default();
    if pending.is_empty() {
        return Ok(tally);
    }
    let queue = Mutex::new(by_host(pending));
    let threads = work.threads.max(1);
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let (tx, rx) = sync_channel::<Done>(threads * 2);
        for _ in 0..threads {
            let tx = tx.clone();
            let queue = &queue;
            scope.spawn(move || loop {
                let next = queue.lock().ok().and_then(|mut q| q.pop_front());
                let Some(page) = next else { break };
                // The receiver is gone only when the caller stopped on a store error.
                if tx.send(fetch_and_analyze(work, page)).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut writer = BatchWriter::new(work.batch, work.give_up_after);
        loop {
            match rx.recv_timeout(Duration::from_secs(1)) {
                Ok(done) => {
                    writer.add(done, linker, &mut tally, work.verbose);
                    if writer.due() {
                        writer.write(store)?;
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    if writer.due() {
                        writer.write(store)?;
                    }
                }
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        writer.write(store)
    })?;
    Ok(tally)
}

/// Pages in an order that takes each host in turn (the order they were found within a host).
fn by_host(pending: Vec<PendingPage>) -> VecDeque<PendingPage> {
    let mut hosts: Vec<VecDeque<PendingPage>> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for page in pending {
        let host = Url::parse(&page.url)
            .map(|u| u.authority())
            .unwrap_or_default();
        let i = *index.entry(host).or_insert_with(|| {
            hosts.push(VecDeque::new());
            hosts.len() - 1
        });
        hosts[i].push_back(page);
    }
    let mut out = VecDeque::new();
    while hosts.iter().any(|h| !h.is_empty()) {
        for host in hosts.iter_mut() {
            if let Some(page) = host.pop_front() {
                out.push_back(page);
            }
        }
    }
    out
}

/// Fetch one page and analyze it.
fn fetch_and_analyze(work: &Work, page: PendingPage) -> Done {
    let fail = |page, fetched, reason: &str, detail: String, transient, analysis| Done {
        page,
        fetched,
        outcome: Err(PageFailure {
            reason: reason.to_string(),
            detail,
            transient,
            analysis,
        }),
    };
    let got = match work
        .fetcher
        .get(&page.url, None, newsgraph_html::MAX_HTML_BYTES as u64)
    {
        Ok(Fetched::Page(got)) => got,
        Ok(Fetched::NotModified) => {
            let detail = format!("{}: 304 to a request that was not conditional", page.url);
            return fail(page, false, "protocol", detail, true, false);
        }
        Err(f) => {
            return fail(
                page,
                false,
                &f.reason.label(),
                f.detail,
                f.reason.transient(),
                false,
            )
        }
    };
    let html = match got.media_type.as_deref() {
        None | Some("text/html" | "application/xhtml+xml") => true,
        Some("text/plain") => false,
        Some(other) => {
            let detail = format!("{} is {other}, not a web page", page.url);
            return fail(page, true, "not-html", detail, false, false);
        }
    };
    let text = newsgraph_html::decode::decode_with_hint(&got.body, got.charset.as_deref());
    drop(got);
    let mut article = if html {
        Article::html(text)
    } else {
        Article::text(text)
    };
    article = article.id(page.article_id.clone()).url(page.url.clone());
    if let Some(title) = &page.title {
        article = article.title(title.clone());
    }
    if let Some(published) = &page.published {
        article = article.published(published.clone());
    }
    if let Some(source) = &page.source {
        article = article.source(source.clone());
    }
    match work.engine.analyze(article) {
        Ok(record) => Done {
            page,
            fetched: true,
            outcome: Ok(record),
        },
        Err(e) => {
            let detail = match e {
                newsgraph::Error::Record(r) => r.error,
                other => other.to_string(),
            };
            fail(page, true, "analysis", detail, false, true)
        }
    }
}

/// Linked articles and page outcomes waiting to be written in one transaction.
struct BatchWriter {
    size: usize,
    give_up_after: u32,
    articles: Vec<Linked>,
    failures: Vec<(String, String)>,
    outcomes: Vec<PageOutcome>,
    since: Instant,
}

impl BatchWriter {
    fn new(size: usize, give_up_after: u32) -> Self {
        BatchWriter {
            size: size.max(1),
            give_up_after,
            articles: Vec::new(),
            failures: Vec::new(),
            outcomes: Vec::new(),
            since: Instant::now(),
        }
    }

    fn add(&mut self, done: Done, linker: &mut Linker, tally: &mut Tally, verbose: bool) {
        if self.outcomes.is_empty() {
            self.since = Instant::now();
        }
        tally.fetched += u64::from(done.fetched);
        let url = done.page.url;
        match done.outcome {
            Ok(record) => {
                tally.stored += 1;
                self.articles.push(linker.linked(record));
                self.outcomes.push(PageOutcome::Stored { url });
            }
            Err(failure) => {
                tally.failed += 1;
                *tally.failures.entry(failure.reason.clone()).or_default() += 1;
                if verbose {
                    eprintln!(
                        "newsgraph watch: {url}: {}: {}",
                        failure.reason, failure.detail
                    );
                }
                if failure.analysis {
                    self.failures
                        .push((done.page.article_id, failure.detail.clone()));
                }
                self.outcomes.push(PageOutcome::Failed {
                    url,
                    reason: failure.reason,
                    error: failure.detail,
                    transient: failure.transient,
                });
            }
        }
    }

    /// Full, or holding work older than [`FLUSH_EVERY`].
    fn due(&self) -> bool {
        !self.outcomes.is_empty()
            && (self.outcomes.len() >= self.size || self.since.elapsed() >= FLUSH_EVERY)
    }

    fn write(&mut self, store: &mut Store) -> anyhow::Result<()> {
        if self.outcomes.is_empty() {
            return Ok(());
        }
        store.write_watched(
            &self.articles,
            &self.failures,
            &self.outcomes,
            self.give_up_after,
        )?;
        self.articles.clear();
        self.failures.clear();
        self.outcomes.clear();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pending(url: &str) -> PendingPage {
        PendingPage {
            url: url.into(),
            article_id: url.into(),
            feed: String::new(),
            title: None,
            published: None,
            source: None,
            attempts: 0,
        }
    }

    #[test]
    fn hosts_take_turns() {
        let order: Vec<String> = by_host(
            [
                "http://a.example/1",
                "http://a.example/2",
                "http://a.example/3",
                "http://b.example/1",
                "http://c.example:81/1",
            ]
            .into_iter()
            .map(pending)
            .collect(),
        )
        .into_iter()
        .map(|p| p.url)
        .collect();
        assert_eq!(
            order,
            [
                "http://a.example/1",
                "http://b.example/1",
                "http://c.example:81/1",
                "http://a.example/2",
                "http://a.example/3"
            ]
        );
    }
}
