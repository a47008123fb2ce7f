//! The embedded store, cross-article linking and search.
//!
//! - [`link`]: the [`Linker`] decides, article by article, which earlier article a new one copies
//!   (MinHash/LSH near-duplicates over canonicalised text) and which story it joins. Pure, in
//!   memory, rebuilt from the store when it is reopened.
//! - [`sqlite`]: [`SqliteStore`], one SQLite file (WAL mode, batched transactions) with a table per
//!   layer of the output record, FTS5 full-text search, cross-article events, and export.
//! - [`postgres`] (feature `postgres`, on by default): [`PgStore`], the same tables in a
//!   PostgreSQL database that many ingest, serve, search and export processes can share.
//! - [`store`]: the [`Store`] trait both implement, and [`open`] which picks one from `--db`.
//!
//! Ingest is idempotent (an article id already stored is skipped) and resumable (each batch is
//! one transaction; what was committed before a kill is kept and the linker is rebuilt from it).

pub mod link;
#[cfg(feature = "postgres")]
pub mod postgres;
pub mod sqlite;
mod stopwords;
pub mod store;
pub mod views;

pub use link::{ArticleFeatures, Linker, LinkerConfig, Links};
#[cfg(feature = "postgres")]
pub use postgres::PgStore;
pub use sqlite::{Hit, Query, SqliteStore, StoreStats};
pub use store::{is_postgres_url, open, EventMention, Store};
pub use views::{Day, Edge, EventRow, Facets};

/// What went wrong with the store. Messages say what to do.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("store `{path}`: {source}")]
    Open {
        path: String,
        source: rusqlite::Error,
    },
    #[error("store: {0}")]
    Sql(#[from] rusqlite::Error),
    #[cfg(feature = "postgres")]
    #[error("PostgreSQL store `{url}`: {source}")]
    OpenPg {
        /// The URL with its password hidden.
        url: String,
        source: ::postgres::Error,
    },
    #[cfg(feature = "postgres")]
    #[error("PostgreSQL store: {0}")]
    Pg(#[from] ::postgres::Error),
    #[error("{0}")]
    Unsupported(String),
    #[error(
        "store holds a record that cannot be read back ({0}); was it written by a newer newsgraph?"
    )]
    Corrupt(String),
}

/// An analyzed article with its links, ready to store.
pub struct Linked {
    pub record: newsgraph_model::Record,
    pub links: Links,
    pub features: ArticleFeatures,
}
