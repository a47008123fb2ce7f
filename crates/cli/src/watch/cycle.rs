//! One cycle of `newsgraph watch`: poll the feeds (and the sitemaps their indexes list), record
//! the new pages, fetch, analyze and store every pending page, write the update files, and
//! record the cycle. Its [`Summary`] is the cycle's one log line.

use super::feeds::{self, FeedLine, Polled, Target};
use super::pages::{self, Work};
use newsgraph::Engine;
use newsgraph_fetch::Fetcher;
use newsgraph_store::{Cycle, FeedPoll, FeedValidators, Linker, Store, Window};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

/// Sitemaps of one sitemap index read per cycle at most (the most recently modified first):
/// a news site's index can list years of archives.
const MAX_CHILD_SITEMAPS: usize = 50;

/// How cycles run (from the command line).
pub struct Settings {
    pub fetchers: usize,
    pub max_pages: Option<usize>,
    pub max_age: Option<Duration>,
    pub give_up_after: u32,
    pub batch: usize,
    pub export_dir: Option<PathBuf>,
    pub verbose: bool,
}

/// What a cycle did.
pub struct Summary {
    pub cycle: Cycle,
    /// HTTP requests sent (feeds, robots.txt, pages, redirects, retries).
    pub requests: u64,
    /// The update files' name, when written.
    pub exported: Option<String>,
    /// Feeds that failed, by reason (pages' reasons are in the cycle).
    pub feed_failures: BTreeMap<String, u64>,
}

impl Summary {
    /// The cycle's log line.
    pub fn line(&self) -> String {
        let c = &self.cycle;
        let mut feeds = Vec::new();
        if c.not_modified > 0 {
            feeds.push(format!("{} not modified", c.not_modified));
        }
        if c.feeds_failed > 0 {
            feeds.push(format!(
                "{} failed: {}",
                c.feeds_failed,
                by_reason(&self.feed_failures)
            ));
        }
        let feeds = if feeds.is_empty() {
            String::new()
        } else {
            format!(" ({})", feeds.join(", "))
        };
        let reasons = if c.failures.is_empty() {
            String::new()
        } else {
            format!(" ({})", by_reason(&c.failures))
        };
        let exported = self
            .exported
            .as_deref()
            .map(|stamp| format!("; update files {stamp}.*"))
            .unwrap_or_default();
        format!(
            "cycle {}: {} feeds polled{feeds}, {} new pages, {} fetched, {} failed{reasons}, \
             {} stored; {} requests in {} ({:.1} pages/s), peak memory {} MB{exported}",
            c.started,
            c.feeds,
            c.new_pages,
            c.fetched,
            c.failed,
            c.stored,
            self.requests,
            crate::duration::show(Duration::from_secs_f64(c.seconds)),
            c.fetched as f64 / c.seconds.max(1e-3),
            crate::runner::peak_rss_mb()
                .map(|m| m.to_string())
                .unwrap_or_else(|| "?".into()),
        )
    }
}

/// `http-404 1, timeout 2`.
fn by_reason(counts: &BTreeMap<String, u64>) -> String {
    let by: Vec<String> = counts.iter().map(|(r, n)| format!("{r} {n}")).collect();
    by.join(", ")
}

pub fn run(
    engine: &Engine,
    fetcher: &Fetcher,
    store: &mut Store,
    linker: &mut Linker,
    feeds: &[FeedLine],
    settings: &Settings,
) -> anyhow::Result<Summary> {
    let clock = Instant::now();
    let started = newsgraph_time::now_unix();
    let requests_before = fetcher.stats().requests.load(Ordering::Relaxed);
    let row_before = store.last_row()?;
    let mut cycle = Cycle {
        started: newsgraph_time::utc_text(started),
        ..Cycle::default()
    };
    let feed_failures = poll(fetcher, store, feeds, settings, started, &mut cycle)?;

    let pending = store.pending_pages(settings.max_pages)?;
    let work = Work {
        engine,
        fetcher,
        threads: settings.fetchers,
        batch: settings.batch,
        give_up_after: settings.give_up_after,
        verbose: settings.verbose,
    };
    let tally = pages::fetch_and_store(&work, store, linker, pending)?;
    cycle.fetched = tally.fetched;
    cycle.stored = tally.stored;
    cycle.failed = tally.failed;
    cycle.failures = tally.failures;

    let mut exported = None;
    if let Some(dir) = &settings.export_dir {
        // From where the last update files stopped (so articles a killed cycle stored are in
        // the next files), or, the first time, from this cycle's start.
        let after = match store.exported_through()? {
            0 => row_before,
            through => through,
        };
        let through = store.last_row()?;
        let stamp = newsgraph_time::utc_compact(started);
        let window = Window {
            after_row: Some(after),
            through_row: Some(through),
            ..Window::default()
        };
        super::updates::write(store, dir, &stamp, &window)?;
        cycle.exported_through = Some(through);
        exported = Some(stamp);
    }
    cycle.seconds = clock.elapsed().as_secs_f64();
    store.record_cycle(&cycle)?;
    Ok(Summary {
        cycle,
        requests: fetcher.stats().requests.load(Ordering::Relaxed) - requests_before,
        exported,
        feed_failures,
    })
}

/// Poll every feed (then the sitemaps their indexes list) and record what they list; the feeds
/// that failed, by reason.
fn poll(
    fetcher: &Fetcher,
    store: &mut Store,
    feeds: &[FeedLine],
    settings: &Settings,
    now: i64,
    cycle: &mut Cycle,
) -> anyhow::Result<BTreeMap<String, u64>> {
    let mut failures = BTreeMap::new();
    // Pages dated before this day are left out.
    let oldest: Option<String> = settings.max_age.map(|age| {
        let secs = now - i64::try_from(age.as_secs()).unwrap_or(i64::MAX / 2);
        newsgraph_time::utc_text(secs)[..10].to_string()
    });
    let mut targets: Vec<Target> = feeds
        .iter()
        .map(|f| {
            Ok(Target {
                validators: store.feed_validators(&f.url)?,
                url: f.url.clone(),
                name: f.name.clone(),
                parent: None,
            })
        })
        .collect::<Result<_, newsgraph_store::StoreError>>()?;
    // Feeds, then the sitemaps of sitemap indexes (which may not nest further).
    for round in 0..2 {
        if targets.is_empty() {
            break;
        }
        let polled = feeds::poll_all(fetcher, &targets, settings.fetchers);
        let mut children = Vec::new();
        for (target, result) in targets.iter().zip(polled) {
            cycle.feeds += 1;
            let mut poll = FeedPoll {
                url: target.url.clone(),
                parent: target.parent.clone(),
                status: "ok".into(),
                error: None,
                answer: None,
            };
            let mut pages = Vec::new();
            match result {
                Polled::Listed {
                    listing,
                    at,
                    validators,
                } => {
                    pages = feeds::found_pages(
                        &listing,
                        &at,
                        target.name.as_deref(),
                        oldest.as_deref(),
                    );
                    if round == 0 {
                        let mut sitemaps: Vec<_> = listing
                            .sitemaps
                            .iter()
                            .filter(|s| match (&oldest, &s.modified) {
                                (Some(oldest), Some(modified)) => modified >= oldest,
                                _ => true,
                            })
                            .collect();
                        sitemaps.sort_by(|a, b| b.modified.cmp(&a.modified));
                        for sitemap in sitemaps.into_iter().take(MAX_CHILD_SITEMAPS) {
                            let Some(url) = newsgraph_fetch::canonical(
                                &sitemap.url,
                                newsgraph_fetch::Url::parse(&at).as_ref(),
                            ) else {
                                continue;
                            };
                            children.push(Target {
                                validators: store.feed_validators(&url)?,
                                url,
                                name: target.name.clone(),
                                parent: Some(target.url.clone()),
                            });
                        }
                    }
                    poll.answer = Some((
                        FeedValidators {
                            etag: validators.etag,
                            last_modified: validators.last_modified,
                        },
                        pages.len() as u64,
                    ));
                }
                Polled::NotModified => {
                    cycle.not_modified += 1;
                    poll.status = "not-modified".into();
                }
                Polled::Failed(failure) => {
                    cycle.feeds_failed += 1;
                    poll.status = failure.reason.label();
                    poll.error = Some(failure.detail);
                }
                Polled::Unreadable(error) => {
                    cycle.feeds_failed += 1;
                    poll.status = "unreadable".into();
                    poll.error = Some(error);
                }
            }
            if let Some(error) = &poll.error {
                *failures.entry(poll.status.clone()).or_default() += 1;
                if settings.verbose {
                    eprintln!(
                        "newsgraph watch: feed {}: {}: {error}",
                        poll.url, poll.status
                    );
                }
            }
            cycle.new_pages += store.record_poll(&poll, &pages)?;
        }
        targets = children;
    }
    Ok(failures)
}
