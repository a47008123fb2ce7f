//! What `newsgraph watch` keeps between cycles, so a kill at any moment loses nothing: each
//! feed's validators (`watch_feeds`), every page a feed listed and what became of it
//! (`watch_pages`), and a row per finished cycle (`watch_cycles`).
//!
//! The order of writes is what makes it safe. A poll records the pages a feed lists and the
//! feed's new validators in one transaction, so a page is never forgotten behind a 304. A page
//! stays `pending` until the transaction that stores its article marks it `stored` (or a
//! failure marks it `failed`), so a page is fetched again after a kill only if its article was
//! not committed, and stored once (articles are keyed by the page's canonical URL).

use crate::sql::schema::{WATCH_CYCLES, WATCH_PAGES};
use crate::sql::{p, Db};
use crate::{Linked, Store, StoreError};
use serde::Serialize;
use std::collections::BTreeMap;

/// A feed's validators: what its last 200 answer said, sent back in a conditional GET.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedValidators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// The outcome of polling one feed or sitemap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedPoll {
    pub url: String,
    /// The sitemap index that listed it, for a sitemap found in one.
    pub parent: Option<String>,
    /// `ok`, `not-modified` or the failure's reason.
    pub status: String,
    pub error: Option<String>,
    /// The new validators and the number of pages listed, after a 200; None keeps the old
    /// validators (a 304 or a failure).
    pub answer: Option<(FeedValidators, u64)>,
}

/// A page a feed lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FoundPage {
    /// Canonical URL.
    pub url: String,
    /// The id its article will be stored under.
    pub article_id: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub source: Option<String>,
}

/// A page still to fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingPage {
    pub url: String,
    pub article_id: String,
    pub feed: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub source: Option<String>,
    /// Fetches tried in earlier cycles.
    pub attempts: u32,
}

/// What became of a page in a cycle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageOutcome {
    /// Its article is stored (or was already).
    Stored { url: String },
    /// It could not be fetched or analyzed. `transient` failures leave it pending for a later
    /// cycle until it has been tried `max_attempts` times.
    Failed {
        url: String,
        reason: String,
        error: String,
        transient: bool,
    },
}

/// One finished cycle, as its log line tells it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Cycle {
    /// UTC `YYYY-MM-DDTHH:MM:SSZ`.
    pub started: String,
    pub seconds: f64,
    /// Feeds and sitemaps polled.
    pub feeds: u64,
    pub not_modified: u64,
    pub feeds_failed: u64,
    /// Pages listed for the first time.
    pub new_pages: u64,
    pub fetched: u64,
    pub stored: u64,
    pub failed: u64,
    /// Failed pages by reason (`timeout`, `http-404`, `robots`, ...).
    pub failures: BTreeMap<String, u64>,
    /// The last article row its update files hold, when it wrote them.
    pub exported_through: Option<i64>,
}

/// A listed page and what became of it so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageState {
    pub url: String,
    /// `pending`, `stored` or `failed`.
    pub state: String,
    /// Why its last fetch failed.
    pub reason: Option<String>,
    pub attempts: u64,
}

/// How many pages are in each state.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PageCounts {
    pub pending: u64,
    pub stored: u64,
    pub failed: u64,
}

impl Store {
    /// The validators of a feed's last 200 answer, if it was polled before.
    pub fn feed_validators(&self, url: &str) -> Result<Option<FeedValidators>, StoreError> {
        let row = self.db.first(
            "SELECT etag, last_modified FROM watch_feeds WHERE url = ?",
            &[p(url)],
        )?;
        row.map(|mut r| {
            Ok(FeedValidators {
                etag: r.get(0)?,
                last_modified: r.get(1)?,
            })
        })
        .transpose()
    }

    /// Record a poll and the pages the feed lists, in one transaction. Pages already known
    /// (from this feed, another one, or an earlier poll) are left as they are. Returns how
    /// many pages are new.
    pub fn record_poll(&mut self, poll: &FeedPoll, pages: &[FoundPage]) -> Result<u64, StoreError> {
        let now = newsgraph_time::utc_text(newsgraph_time::now_unix());
        let insert_page = format!("{} ON CONFLICT (url) DO NOTHING", WATCH_PAGES.insert());
        self.db.transaction(|db| {
            let mut new = 0;
            for page in pages {
                new += db.execute(
                    &insert_page,
                    &[
                        p(&page.url),
                        p(&page.article_id),
                        p(&poll.url),
                        p(page.title.as_deref()),
                        p(page.published.as_deref()),
                        p(page.source.as_deref()),
                        p(&now),
                        p("pending"),
                        p(0i64),
                        p(None::<&str>),
                        p(None::<&str>),
                        p(None::<&str>),
                    ],
                )?;
            }
            match &poll.answer {
                Some((validators, listed)) => db.execute(
                    "INSERT INTO watch_feeds (url, parent, etag, last_modified, polled_at, status, error, listed) \
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET \
                     parent = excluded.parent, etag = excluded.etag, last_modified = excluded.last_modified, \
                     polled_at = excluded.polled_at, status = excluded.status, error = excluded.error, \
                     listed = excluded.listed",
                    &[
                        p(&poll.url),
                        p(poll.parent.as_deref()),
                        p(validators.etag.as_deref()),
                        p(validators.last_modified.as_deref()),
                        p(&now),
                        p(&poll.status),
                        p(poll.error.as_deref()),
                        p(*listed),
                    ],
                )?,
                None => db.execute(
                    "INSERT INTO watch_feeds (url, parent, polled_at, status, error, listed) \
                     VALUES (?, ?, ?, ?, ?, 0) ON CONFLICT (url) DO UPDATE SET \
                     polled_at = excluded.polled_at, status = excluded.status, error = excluded.error",
                    &[
                        p(&poll.url),
                        p(poll.parent.as_deref()),
                        p(&now),
                        p(&poll.status),
                        p(poll.error.as_deref()),
                    ],
                )?,
            };
            Ok(new)
        })
    }

    /// Pages still to fetch, in the order they were found; at most `limit` when given.
    pub fn pending_pages(&self, limit: Option<usize>) -> Result<Vec<PendingPage>, StoreError> {
        let limit = limit.map_or(String::new(), |n| format!(" LIMIT {n}"));
        self.db
            .rows(
                &format!(
                    "SELECT url, article_id, feed, title, published, source, attempts \
                     FROM watch_pages WHERE state = 'pending' ORDER BY seq{limit}"
                ),
                &[],
            )?
            .into_iter()
            .map(|mut r| {
                Ok(PendingPage {
                    url: r.get(0)?,
                    article_id: r.get(1)?,
                    feed: r.get(2)?,
                    title: r.get(3)?,
                    published: r.get(4)?,
                    source: r.get(5)?,
                    attempts: u32::try_from(r.get::<u64>(6)?).unwrap_or(u32::MAX),
                })
            })
            .collect()
    }

    /// Store a batch of watched pages' articles and record what became of each page, in one
    /// transaction. A transient failure leaves its page pending until it has been tried
    /// `max_attempts` times.
    pub fn write_watched(
        &mut self,
        batch: &[Linked],
        failures: &[(String, String)],
        outcomes: &[PageOutcome],
        max_attempts: u32,
    ) -> Result<(), StoreError> {
        let now = newsgraph_time::utc_text(newsgraph_time::now_unix());
        self.write_batch_and(batch, failures, |db| {
            for outcome in outcomes {
                mark(db, outcome, &now, max_attempts)?;
            }
            Ok(())
        })
    }

    /// Record a finished cycle.
    pub fn record_cycle(&mut self, cycle: &Cycle) -> Result<(), StoreError> {
        let failures = serde_json::to_string(&cycle.failures)
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        self.db.transaction(|db| {
            db.execute(
                &WATCH_CYCLES.insert(),
                &[
                    p(&cycle.started),
                    p(cycle.seconds),
                    p(cycle.feeds),
                    p(cycle.not_modified),
                    p(cycle.feeds_failed),
                    p(cycle.new_pages),
                    p(cycle.fetched),
                    p(cycle.stored),
                    p(cycle.failed),
                    p(&failures),
                    p(cycle.exported_through),
                ],
            )
            .map(drop)
        })
    }

    /// The last finished cycle, if `watch` ever ran on this store.
    pub fn last_cycle(&self) -> Result<Option<Cycle>, StoreError> {
        let row = self.db.first(
            "SELECT started, seconds, feeds, not_modified, feeds_failed, new_pages, fetched, \
             stored, failed, failures, exported_through FROM watch_cycles ORDER BY id DESC LIMIT 1",
            &[],
        )?;
        let Some(mut r) = row else {
            return Ok(None);
        };
        let failures: String = r.get(9)?;
        Ok(Some(Cycle {
            started: r.get(0)?,
            seconds: r.get(1)?,
            feeds: r.get(2)?,
            not_modified: r.get(3)?,
            feeds_failed: r.get(4)?,
            new_pages: r.get(5)?,
            fetched: r.get(6)?,
            stored: r.get(7)?,
            failed: r.get(8)?,
            failures: serde_json::from_str(&failures)
                .map_err(|e| StoreError::Corrupt(format!("watch_cycles.failures: {e}")))?,
            exported_through: r.get(10)?,
        }))
    }

    /// The last article row written to update files by any cycle (0: none yet).
    pub fn exported_through(&self) -> Result<i64, StoreError> {
        let row = self.db.first(
            "SELECT coalesce(max(exported_through), 0) FROM watch_cycles",
            &[],
        )?;
        match row {
            Some(mut r) => r.get(0),
            None => Ok(0),
        }
    }

    /// Pages by state.
    pub fn page_counts(&self) -> Result<PageCounts, StoreError> {
        let mut counts = PageCounts::default();
        self.db.each(
            "SELECT state, count(*) FROM watch_pages GROUP BY state",
            &[],
            &mut |mut r| {
                let state: String = r.get(0)?;
                let n: u64 = r.get(1)?;
                match state.as_str() {
                    "pending" => counts.pending = n,
                    "stored" => counts.stored = n,
                    _ => counts.failed += n,
                }
                Ok(())
            },
        )?;
        Ok(counts)
    }

    /// Every page a feed listed, in the order found, with its state.
    pub fn pages(&self) -> Result<Vec<PageState>, StoreError> {
        self.db
            .rows(
                "SELECT url, state, reason, attempts FROM watch_pages ORDER BY seq",
                &[],
            )?
            .into_iter()
            .map(|mut r| {
                Ok(PageState {
                    url: r.get(0)?,
                    state: r.get(1)?,
                    reason: r.get(2)?,
                    attempts: r.get(3)?,
                })
            })
            .collect()
    }
}

/// Record what became of one page.
fn mark(
    db: &dyn Db,
    outcome: &PageOutcome,
    now: &str,
    max_attempts: u32,
) -> Result<(), StoreError> {
    match outcome {
        PageOutcome::Stored { url } => db.execute(
            "UPDATE watch_pages SET state = 'stored', attempts = attempts + 1, reason = NULL, \
             error = NULL, done_at = ? WHERE url = ?",
            &[p(now), p(url)],
        ),
        PageOutcome::Failed {
            url,
            reason,
            error,
            transient,
        } => db.execute(
            "UPDATE watch_pages SET attempts = attempts + 1, reason = ?, error = ?, \
             state = CASE WHEN ? AND attempts + 1 < ? THEN 'pending' ELSE 'failed' END, \
             done_at = CASE WHEN ? AND attempts + 1 < ? THEN NULL ELSE ? END WHERE url = ?",
            &[
                p(reason),
                p(error),
                p(*transient),
                p(max_attempts),
                p(*transient),
                p(max_attempts),
                p(now),
                p(url),
            ],
        ),
    }
    .map(drop)
}
