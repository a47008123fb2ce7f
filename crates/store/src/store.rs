//! [`Store`]: a store of analyzed, linked articles over one SQLite file or a shared PostgreSQL
//! database, the same methods over either. [`open`] picks the backend from the location: a
//! `postgres://` URL or a file path. Opening creates the schema, or migrates a store written by
//! an older newsgraph (`sql::migrate`).
//!
//! This file opens stores and reads articles back; `write.rs` stores batches; `views.rs` holds
//! the API's views (facets, events, timeline, network).

use crate::sql::{migrate, p, Db, Param, Row};
use crate::{ArticleFeatures, Hit, Linker, LinkerConfig, Query, StoreError, StoreStats};
use newsgraph_model::Record;
use std::collections::HashSet;
use std::path::Path;

pub struct Store {
    pub(crate) db: Box<dyn Db>,
    /// The schema version the store had when it was opened (None: it was created now).
    opened_at: Option<u32>,
}

/// Whether a `--db` location names a PostgreSQL database rather than a SQLite file.
pub fn is_postgres_url(location: &str) -> bool {
    location.starts_with("postgres://") || location.starts_with("postgresql://")
}

/// Open (or create) the store at `location`: a `postgres://user:pass@host/db` URL or a SQLite
/// file path.
pub fn open(location: &str) -> Result<Store, StoreError> {
    if is_postgres_url(location) {
        #[cfg(feature = "postgres")]
        return Store::connect_postgres(location, None);
        #[cfg(not(feature = "postgres"))]
        return Err(StoreError::Unsupported(
            "this newsgraph was built without the `postgres` feature of newsgraph-store".into(),
        ));
    }
    Store::open_sqlite(Path::new(location))
}

impl Store {
    fn new(db: Box<dyn Db>, place: &str) -> Result<Self, StoreError> {
        let opened_at = migrate::prepare(db.as_ref(), place)?;
        let store = Store { db, opened_at };
        // A new store is linked by this build's rules from its first article; one written
        // before the rules were recorded is not (the write happens once, on an empty store).
        if store.rules()?.is_none() && store.db.count("SELECT count(*) FROM articles", &[])? == 0 {
            store.mark_rules()?;
        }
        Ok(store)
    }

    /// Open (or create) a SQLite store file.
    pub fn open_sqlite(path: &Path) -> Result<Self, StoreError> {
        Self::new(
            Box::new(crate::sqlite::Sqlite::open(path)?),
            &path.display().to_string(),
        )
    }

    /// A SQLite store that lives in memory (tests, `eval` of story clusters).
    pub fn open_in_memory() -> Result<Self, StoreError> {
        Self::new(Box::new(crate::sqlite::Sqlite::in_memory()?), ":memory:")
    }

    /// Connect to `postgres://user:password@host:port/dbname`; with `schema`, the tables live in
    /// that PostgreSQL schema (created when missing) rather than the connection's default.
    #[cfg(feature = "postgres")]
    pub fn connect_postgres(url: &str, schema: Option<&str>) -> Result<Self, StoreError> {
        let db = crate::postgres::Pg::connect(url, schema)?;
        Self::new(Box::new(db), &crate::postgres::redact(url))
    }

    /// The schema version the store had when it was opened, when it was older than this build's
    /// (it has been migrated since); None when it was current or created now.
    pub fn migrated_from(&self) -> Option<u32> {
        self.opened_at.filter(|&v| v != migrate::CURRENT)
    }

    /// A handle that stops this store's running query from another thread (the server's
    /// deadline and a client that went away).
    pub fn interrupter(&self) -> crate::Interrupter {
        self.db.interrupter()
    }

    /// Make this connection a reader for the server, whose queries never run past
    /// `deadline`: SQLite reads the file through a memory map; PostgreSQL stops any statement
    /// that runs past the deadline itself (`statement_timeout`). Writes are unchanged.
    pub fn tune_for_reading(&self, deadline: std::time::Duration) -> Result<(), StoreError> {
        self.db.tune_for_reading(deadline)
    }

    /// A number that changes whenever another connection (of this process or another)
    /// commits to the store: what tells the server its kept answers are stale. None when the
    /// backend cannot tell (PostgreSQL).
    pub fn data_version(&self) -> Result<Option<u64>, StoreError> {
        self.db.data_version()
    }

    /// Let queries run again after [`crate::Interrupter::interrupt`].
    pub fn clear_interrupt(&self) {
        self.db.clear_interrupt()
    }

    /// A query that never ends by itself: it runs until interrupted (tests of deadlines and
    /// cancellation in the server).
    #[doc(hidden)]
    pub fn spin(&self) -> Result<u64, StoreError> {
        self.db.count(
            "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) \
             SELECT count(*) FROM n",
            &[],
        )
    }

    /// Ids of every stored article (to skip them on a new ingest).
    pub fn ids(&self) -> Result<HashSet<String>, StoreError> {
        let mut ids = HashSet::new();
        self.db.each("SELECT id FROM articles", &[], &mut |mut r| {
            ids.insert(r.get(0)?);
            Ok(())
        })?;
        Ok(ids)
    }

    /// The linker rebuilt from stored articles, in ingest order.
    pub fn linker(&self) -> Result<Linker, StoreError> {
        self.linker_with(LinkerConfig::default())
    }

    /// The linker of `config` rebuilt from stored articles, in ingest order.
    pub fn linker_with(&self, config: LinkerConfig) -> Result<Linker, StoreError> {
        let mut linker = Linker::with_config(config);
        self.db.each(
            "SELECT id, story, features FROM articles ORDER BY rowid",
            &[],
            &mut |mut r| {
                let id: String = r.get(0)?;
                let story: String = r.get(1)?;
                let bytes: Option<Vec<u8>> = r.get(2)?;
                let features = ArticleFeatures::from_bytes(bytes.as_deref().unwrap_or_default())
                    .map_err(|e| StoreError::Corrupt(format!("features of {id}: {e}")))?;
                linker.restore(&id, &story, features);
                Ok(())
            },
        )?;
        Ok(linker)
    }

    /// Every stored article as an output record, with `story` and `duplicate_of`, in ingest
    /// order. `f` must not use the store.
    pub fn each_record(
        &self,
        f: &mut dyn FnMut(Record) -> std::io::Result<()>,
    ) -> Result<u64, StoreError> {
        self.each_record_in(&crate::Window::default(), f)
    }

    /// One stored article as an output record.
    pub fn record(&self, id: &str) -> Result<Option<Record>, StoreError> {
        self.db
            .first(
                "SELECT record, story, duplicate_of FROM articles WHERE id = ?",
                &[p(id)],
            )?
            .map(record_of)
            .transpose()
    }

    /// (article id, story id) of every stored article, in ingest order.
    pub fn stories(&self) -> Result<Vec<(String, String)>, StoreError> {
        self.db
            .rows("SELECT id, story FROM articles ORDER BY rowid", &[])?
            .into_iter()
            .map(|mut r| Ok((r.get(0)?, r.get(1)?)))
            .collect()
    }

    pub fn stats(&self) -> Result<StoreStats, StoreError> {
        let count = |table: &str| self.db.count(&format!("SELECT count(*) FROM {table}"), &[]);
        Ok(StoreStats {
            articles: count("articles")?,
            duplicates: count("articles WHERE duplicate_of IS NOT NULL")?,
            stories: count("stories")?,
            entities: count("entities")?,
            quotes: count("quotes")?,
            events: count("events")?,
            global_events: count("global_events")?,
            failures: count("failures")?,
        })
    }

    /// Full-text search with filters, best matches first (by rank, else newest first).
    pub fn search(&self, q: &Query) -> Result<Vec<Hit>, StoreError> {
        let dialect = self.db.dialect();
        let text = crate::filter::words(q);
        let mut sql = String::from(
            "SELECT a.id, a.title, a.published, a.story, a.duplicate_of, a.url, a.source, ",
        );
        let mut args: Vec<Param> = Vec::new();
        match text {
            Some(text) => {
                let (matching, params) = dialect.text_match(text);
                sql.push_str(matching);
                args.extend(params);
            }
            None => sql.push_str("substr(a.text, 1, 160) FROM articles a WHERE true"),
        }
        let (conditions, params) = crate::filter::article_conditions(q);
        sql.push_str(&conditions);
        args.extend(params);
        let (order, params) = crate::filter::hit_order(dialect, q);
        sql.push_str(&order);
        args.extend(params);
        sql.push_str(&format!(" LIMIT {}", q.limit.clamp(1, 10_000)));
        self.db
            .rows(&sql, &args)?
            .into_iter()
            .map(|mut r| {
                Ok(Hit {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    published: r.get(2)?,
                    story: r.get(3)?,
                    duplicate_of: r.get(4)?,
                    url: r.get(5)?,
                    source: r.get(6)?,
                    snippet: r
                        .get::<Option<String>>(7)?
                        .unwrap_or_default()
                        .replace('\n', " "),
                })
            })
            .collect()
    }

    /// How many articles a search matches (its hits are only the first `limit` of them).
    pub fn count(&self, q: &Query) -> Result<u64, StoreError> {
        let (ids, args) = crate::filter::matching_ids(self.db.dialect(), q);
        self.db
            .count(&format!("SELECT count(*) FROM ({ids}) m"), &args)
    }

    /// How many articles a search matches, counted up to `cap`: `(n, false)` is the exact
    /// count, `(cap, true)` says "at least `cap`". The bound keeps a common word's count (a
    /// join per match) from costing more than the page of hits; counts that are cheap to take
    /// exactly are exact at any size: every article (no filter) and, in SQLite, words alone
    /// (the full-text index counts its own matches).
    pub fn count_upto(&self, q: &Query, cap: u64) -> Result<(u64, bool), StoreError> {
        let words = crate::filter::words(q);
        let filters = crate::filter::selects_articles(&Query {
            text: None,
            ..q.clone()
        });
        let exact = match (words, filters) {
            (None, false) => Some(("SELECT count(*) FROM articles", Vec::new())),
            (Some(text), false) => self.db.dialect().text_count(text),
            (_, true) => None,
        };
        if let Some((sql, args)) = exact {
            return Ok((self.db.count(sql, &args)?, false));
        }
        let (ids, args) = crate::filter::matching_ids(self.db.dialect(), q);
        let n = self.db.count(
            &format!(
                "SELECT count(*) FROM ({ids} LIMIT {}) m",
                cap.saturating_add(1)
            ),
            &args,
        )?;
        Ok((n.min(cap), n > cap))
    }
}

/// A stored record from (record JSON, story, duplicate_of).
pub(crate) fn record_of(mut row: Row) -> Result<Record, StoreError> {
    let json: String = row.get(0)?;
    let mut record: Record =
        serde_json::from_str(&json).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    record.story = row.get(1)?;
    record.duplicate_of = row.get(2)?;
    Ok(record)
}
