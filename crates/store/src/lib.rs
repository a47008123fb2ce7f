//! The store, cross-article linking and search: one subsystem over SQLite or PostgreSQL.
//!
//! - [`link`]: the [`Linker`] decides, article by article, which earlier article a new one copies
//!   (MinHash/LSH near-duplicates over canonicalised text) and which story it joins. Pure, in
//!   memory, rebuilt from the store when it is reopened; `features.rs` is the stored form of
//!   what it keeps per article.
//! - [`Store`] (`store.rs`, `write.rs`, `views.rs`): open a store, write batches, read records
//!   back, search, and the API's views; written once for both backends. [`open`] picks the
//!   backend from `--db`. The structs that go in and come out live in `types.rs`.
//! - `sql`: the tables and columns (`sql/schema.rs`, one source for both engines), the
//!   [`Dialect`] (placeholders, FTS5 or tsvector, types), the schema version and its
//!   migrations (`sql/migrate.rs`).
//! - `window.rs`: which articles an export covers (stored between two times, or after a row;
//!   times are `newsgraph_time`'s UTC text).
//! - `watch.rs`: what `newsgraph watch` keeps between cycles (feed validators, every listed
//!   page and its state, one row per cycle), written so a kill loses nothing.
//! - `sqlite.rs` and `postgres.rs` (feature `postgres`, on by default): only the drivers' glue.
//!
//! Ingest is idempotent (an article id already stored is skipped) and resumable (each batch is
//! one transaction; what was committed before a kill is kept and the linker is rebuilt from it).

mod events;
mod features;
mod filter;
pub mod link;
#[cfg(feature = "postgres")]
mod postgres;
mod relink;
mod sql;
mod sqlite;
mod stopwords;
mod store;
mod types;
mod views;
mod watch;
mod window;
mod write;

pub use events::EVENT_WINDOW_DAYS;
pub use link::{ArticleFeatures, Linker, LinkerConfig, Links};
pub use relink::Relinked;
pub use sql::migrate::CURRENT as SCHEMA_VERSION;
pub use sql::schema::markdown as schema_markdown;
pub use sql::Dialect;
pub use stopwords::Stopwords;
pub use store::{is_postgres_url, open, Store};
pub use types::{
    Day, Edge, EventMention, EventRow, Facets, Hit, Linked, Network, Node, Query, StoreStats,
};
pub use views::FACET_ARTICLES;
pub use watch::{
    Cycle, FeedPoll, FeedValidators, FoundPage, PageCounts, PageOutcome, PageState, PendingPage,
};
pub use window::Window;

impl StoreError {
    /// Whether the query was stopped on purpose (an [`Interrupter`], PostgreSQL's cancel or
    /// `statement_timeout`) rather than failing.
    pub fn is_interrupted(&self) -> bool {
        match self {
            StoreError::Interrupted => true,
            StoreError::Sql(e) => {
                e.sqlite_error_code() == Some(rusqlite::ErrorCode::OperationInterrupted)
            }
            #[cfg(feature = "postgres")]
            StoreError::Pg(e) => e.code() == Some(&::postgres::error::SqlState::QUERY_CANCELED),
            _ => false,
        }
    }
}

/// Stops a store's running query from another thread: [`Store::interrupter`]. Cheap to clone.
#[derive(Clone)]
pub struct Interrupter(std::sync::Arc<dyn Fn() + Send + Sync>);

impl Interrupter {
    pub(crate) fn new(stop: impl Fn() + Send + Sync + 'static) -> Self {
        Interrupter(std::sync::Arc::new(stop))
    }

    /// Stop the query running on the store now, and every later one until
    /// [`Store::clear_interrupt`]; it then fails with [`StoreError::Interrupted`].
    pub fn interrupt(&self) {
        (self.0)()
    }
}

/// What went wrong with the store. Messages say what to do. Each message holds the driver's
/// own, and no variant hands the driver's error on as its `source`: a caller printing the chain
/// (`{:#}`) prints each message once.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("store `{path}`: {error}")]
    Open {
        path: String,
        error: rusqlite::Error,
    },
    #[error("store: {0}")]
    Sql(rusqlite::Error),
    #[cfg(feature = "postgres")]
    #[error("PostgreSQL store `{url}`: {}", with_causes(error))]
    OpenPg {
        /// The URL with its password hidden.
        url: String,
        error: ::postgres::Error,
    },
    #[cfg(feature = "postgres")]
    #[error("PostgreSQL store: {}", with_causes(.0))]
    Pg(::postgres::Error),
    #[error("{0}")]
    Unsupported(String),
    /// The query was stopped by an [`Interrupter`] (a deadline passed, its client went away).
    #[error("the query was stopped before it finished")]
    Interrupted,
    /// The store's layout is one this build cannot read or migrate.
    #[error("{0}")]
    Schema(String),
    #[error(
        "store holds a record that cannot be read back ({0}); was it written by a newer newsgraph?"
    )]
    Corrupt(String),
}

/// An error's message followed by its causes' (PostgreSQL's says "db error" and leaves what
/// the server said to its cause).
#[cfg(feature = "postgres")]
fn with_causes(e: &dyn std::error::Error) -> String {
    let mut message = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        let text = c.to_string();
        if !message.contains(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
        cause = c.source();
    }
    message
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sql(e)
    }
}

#[cfg(feature = "postgres")]
impl From<::postgres::Error> for StoreError {
    fn from(e: ::postgres::Error) -> Self {
        StoreError::Pg(e)
    }
}
