//! [`Store`]: what every backend offers (ingest, read back, search and the API's views), so the
//! CLI and the server work the same over one SQLite file or a shared PostgreSQL database.
//! [`open`] picks the backend from the location: a `postgres://` URL or a file path.

use crate::{Day, Edge, EventRow, Facets, Hit, Linked, Linker, Query, StoreError, StoreStats};
use newsgraph_model::Record;
use std::collections::HashSet;

/// One event as one article reports it, with the numbers of the deduplicated event it belongs
/// to: what the GDELT Event and Mentions exports need beyond the record.
#[derive(Debug, Clone, PartialEq)]
pub struct EventMention {
    pub article_id: String,
    /// Index of the event in the article's record.
    pub idx: usize,
    pub global_id: i64,
    pub mentions: i64,
    pub articles: i64,
    pub sources: i64,
    /// The first article that reported the event, and its publication date.
    pub first_article: String,
    pub first_published: Option<String>,
    /// Mean tone of the distinct articles reporting the event.
    pub avg_tone: Option<f64>,
}

/// A store of analyzed, linked articles.
pub trait Store: Send {
    /// Ids of every stored article (to skip them on a new ingest).
    fn ids(&self) -> Result<HashSet<String>, StoreError>;
    /// The linker rebuilt from stored articles, in ingest order.
    fn linker(&self) -> Result<Linker, StoreError>;
    /// Store a batch of linked articles and failures in one transaction. Articles already
    /// stored are skipped.
    fn write_batch(
        &mut self,
        batch: &[Linked],
        failures: &[(String, String)],
    ) -> Result<(), StoreError>;
    /// Every stored article as an output record, with `story` and `duplicate_of`, in ingest order.
    fn each_record(
        &self,
        f: &mut dyn FnMut(Record) -> std::io::Result<()>,
    ) -> Result<u64, StoreError>;
    fn record(&self, id: &str) -> Result<Option<Record>, StoreError>;
    /// (article id, story id) of every stored article, in ingest order.
    fn stories(&self) -> Result<Vec<(String, String)>, StoreError>;
    fn stats(&self) -> Result<StoreStats, StoreError>;
    fn search(&self, q: &Query) -> Result<Vec<Hit>, StoreError>;
    fn facets(&self, q: &Query) -> Result<Facets, StoreError>;
    fn events(&self, q: &Query) -> Result<Vec<EventRow>, StoreError>;
    fn timeline(&self) -> Result<Vec<Day>, StoreError>;
    fn network(&self, limit: usize) -> Result<Vec<Edge>, StoreError>;
    /// Every article's events joined to their deduplicated events, in ingest order.
    fn event_mentions(&self) -> Result<Vec<EventMention>, StoreError>;
}

/// The SQL of [`Store::event_mentions`], the same for both backends. Tone is averaged over
/// distinct articles, as GDELT's AvgTone is over documents.
pub(crate) const EVENT_MENTIONS_SQL: &str =
    "SELECT e.article_id, e.idx, g.id, g.mentions, g.articles, g.sources, g.first_article, f.published, t.avg_tone \
     FROM events e JOIN articles a ON a.id = e.article_id JOIN global_events g ON g.id = e.global_id \
     JOIN articles f ON f.id = g.first_article \
     LEFT JOIN (SELECT global_id, avg(tone) AS avg_tone FROM \
       (SELECT DISTINCT e2.global_id, e2.article_id, a2.tone FROM events e2 JOIN articles a2 ON a2.id = e2.article_id) d \
       GROUP BY global_id) t ON t.global_id = g.id \
     ORDER BY a.rowid, e.idx";

/// Whether a `--db` location names a PostgreSQL database rather than a SQLite file.
pub fn is_postgres_url(location: &str) -> bool {
    location.starts_with("postgres://") || location.starts_with("postgresql://")
}

/// Open (or create) the store at `location`: a `postgres://user:pass@host/db` URL or a SQLite
/// file path.
pub fn open(location: &str) -> Result<Box<dyn Store>, StoreError> {
    if is_postgres_url(location) {
        #[cfg(feature = "postgres")]
        return Ok(Box::new(crate::postgres::PgStore::connect(location)?));
        #[cfg(not(feature = "postgres"))]
        return Err(StoreError::Unsupported(
            "this newsgraph was built without the `postgres` feature of newsgraph-store".into(),
        ));
    }
    Ok(Box::new(crate::SqliteStore::open(std::path::Path::new(
        location,
    ))?))
}

impl From<crate::SqliteStore> for Box<dyn Store> {
    fn from(store: crate::SqliteStore) -> Self {
        Box::new(store)
    }
}

impl Store for crate::SqliteStore {
    fn ids(&self) -> Result<HashSet<String>, StoreError> {
        crate::SqliteStore::ids(self)
    }
    fn linker(&self) -> Result<Linker, StoreError> {
        crate::SqliteStore::linker(self)
    }
    fn write_batch(
        &mut self,
        batch: &[Linked],
        failures: &[(String, String)],
    ) -> Result<(), StoreError> {
        crate::SqliteStore::write_batch(self, batch, failures)
    }
    fn each_record(
        &self,
        f: &mut dyn FnMut(Record) -> std::io::Result<()>,
    ) -> Result<u64, StoreError> {
        self.for_each_record(f)
    }
    fn record(&self, id: &str) -> Result<Option<Record>, StoreError> {
        crate::SqliteStore::record(self, id)
    }
    fn stories(&self) -> Result<Vec<(String, String)>, StoreError> {
        crate::SqliteStore::stories(self)
    }
    fn stats(&self) -> Result<StoreStats, StoreError> {
        crate::SqliteStore::stats(self)
    }
    fn search(&self, q: &Query) -> Result<Vec<Hit>, StoreError> {
        crate::SqliteStore::search(self, q)
    }
    fn facets(&self, q: &Query) -> Result<Facets, StoreError> {
        crate::SqliteStore::facets(self, q)
    }
    fn events(&self, q: &Query) -> Result<Vec<EventRow>, StoreError> {
        crate::SqliteStore::events(self, q)
    }
    fn timeline(&self) -> Result<Vec<Day>, StoreError> {
        crate::SqliteStore::timeline(self)
    }
    fn network(&self, limit: usize) -> Result<Vec<Edge>, StoreError> {
        crate::SqliteStore::network(self, limit)
    }
    fn event_mentions(&self) -> Result<Vec<EventMention>, StoreError> {
        let mut stmt = self.connection().prepare(EVENT_MENTIONS_SQL)?;
        let rows = stmt
            .query_map([], |r| {
                Ok(EventMention {
                    article_id: r.get(0)?,
                    idx: r.get::<_, i64>(1)? as usize,
                    global_id: r.get(2)?,
                    mentions: r.get(3)?,
                    articles: r.get(4)?,
                    sources: r.get(5)?,
                    first_article: r.get(6)?,
                    first_published: r.get(7)?,
                    avg_tone: r.get(8)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }
}
