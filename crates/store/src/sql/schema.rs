//! Every table and column of the store, once. The DDL of each dialect ([`create_all`]) and the
//! INSERT of each table ([`Table::insert`]) are generated from these definitions, so the two
//! backends cannot drift apart. `docs/SCHEMA.md` is generated from them too (a test keeps it
//! current), for users who query the store with plain SQL.
//!
//! One row per article in `articles`; every layer of the output record has a table keyed by
//! article id. `articles.record` keeps the whole output record as JSON, so that export gives
//! back exactly what analyze wrote.

use super::Dialect;

/// A column's type, spelled by each dialect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    /// The row's number in insert order, assigned by the engine (the table's primary key).
    Serial,
    Int,
    Real,
    Text,
    Bool,
    Blob,
}

impl Type {
    fn sql(self, dialect: Dialect) -> &'static str {
        match (dialect, self) {
            (Dialect::Sqlite, Type::Serial) => "INTEGER PRIMARY KEY",
            (Dialect::Postgres, Type::Serial) => "BIGSERIAL PRIMARY KEY",
            (Dialect::Sqlite, Type::Int | Type::Bool) => "INTEGER",
            (Dialect::Postgres, Type::Int) => "BIGINT",
            (Dialect::Postgres, Type::Bool) => "BOOLEAN",
            (Dialect::Sqlite, Type::Real) => "REAL",
            (Dialect::Postgres, Type::Real) => "DOUBLE PRECISION",
            (_, Type::Text) => "TEXT",
            (Dialect::Sqlite, Type::Blob) => "BLOB",
            (Dialect::Postgres, Type::Blob) => "BYTEA",
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    pub ty: Type,
    pub nullable: bool,
    pub unique: bool,
    /// `table(column)` this column points to.
    pub references: Option<&'static str>,
    pub doc: &'static str,
}

/// A NOT NULL column.
const fn col(name: &'static str, ty: Type, doc: &'static str) -> Column {
    Column {
        name,
        ty,
        nullable: false,
        unique: false,
        references: None,
        doc,
    }
}

/// A column that may be NULL.
const fn opt(name: &'static str, ty: Type, doc: &'static str) -> Column {
    Column {
        nullable: true,
        ..col(name, ty, doc)
    }
}

/// The article a row belongs to.
const ARTICLE_ID: Column = Column {
    references: Some("articles(id)"),
    ..col("article_id", Type::Text, "the article (`articles.id`)")
};

impl Column {
    const fn unique(self) -> Column {
        Column {
            unique: true,
            ..self
        }
    }

    /// The name as SQL reads it (`end` is a reserved word in PostgreSQL).
    fn quoted(&self) -> String {
        if self.name == "end" {
            "\"end\"".to_string()
        } else {
            self.name.to_string()
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Table {
    pub name: &'static str,
    pub doc: &'static str,
    pub columns: &'static [Column],
    /// Columns of a composite primary key.
    pub primary_key: Option<&'static str>,
    /// (index name, indexed expression).
    pub indexes: &'static [(&'static str, &'static str)],
}

impl Table {
    /// `INSERT INTO t (every column but the serial key) VALUES (?, ...)`; a caller appends its
    /// conflict clause and passes the values in column order.
    pub fn insert(&self) -> String {
        let cols: Vec<String> = self
            .columns
            .iter()
            .filter(|c| c.ty != Type::Serial)
            .map(Column::quoted)
            .collect();
        let marks = vec!["?"; cols.len()].join(", ");
        format!(
            "INSERT INTO {} ({}) VALUES ({marks})",
            self.name,
            cols.join(", ")
        )
    }

    /// How many values [`Table::insert`] takes.
    pub fn arity(&self) -> usize {
        self.columns.iter().filter(|c| c.ty != Type::Serial).count()
    }

    /// `CREATE TABLE IF NOT EXISTS` and its indexes.
    pub fn create(&self, dialect: Dialect) -> String {
        let mut lines: Vec<String> = self
            .columns
            .iter()
            .map(|c| {
                let mut line = format!("  {} {}", c.quoted(), c.ty.sql(dialect));
                if !c.nullable && c.ty != Type::Serial {
                    line.push_str(" NOT NULL");
                }
                if c.unique {
                    line.push_str(" UNIQUE");
                }
                if let Some(r) = c.references {
                    line.push_str(&format!(" REFERENCES {r}"));
                }
                line
            })
            .collect();
        if let Some(key) = self.primary_key {
            lines.push(format!("  PRIMARY KEY ({key})"));
        }
        let mut sql = format!(
            "CREATE TABLE IF NOT EXISTS {} (\n{}\n);\n",
            self.name,
            lines.join(",\n")
        );
        for (name, expr) in self.indexes {
            sql.push_str(&format!(
                "CREATE INDEX IF NOT EXISTS {name} ON {}({expr});\n",
                self.name
            ));
        }
        sql
    }
}

use Type::{Blob, Bool, Int, Real, Serial, Text};

pub const META: Table = Table {
    name: "meta",
    doc: "Facts about the store itself: `schema_version` is the layout version (see `migrate.rs`).",
    columns: &[col("key", Text, ""), col("value", Text, "")],
    primary_key: Some("key"),
    indexes: &[],
};

pub const ARTICLES: Table = Table {
    name: "articles",
    doc: "One row per stored article.",
    columns: &[
        col("rowid", Serial, "ingest order"),
        col("id", Text, "the record's id").unique(),
        opt("url", Text, ""),
        opt("title", Text, ""),
        opt("published", Text, "YYYY-MM-DD"),
        opt("language", Text, "ISO 639-1"),
        opt("source", Text, "the outlet"),
        col("story", Text, "story id shared by articles about the same happening"),
        opt("duplicate_of", Text, "id of the article this one copies, if any"),
        col("words", Int, "words of the text"),
        opt("tone", Real, "GDELT tone"),
        col("text", Text, "the clean body"),
        col("record", Text, "the output record (JSON), story and duplicate_of null"),
        // Nullable only because a column added to an existing table cannot be NOT NULL
        // without a default (schema version 2); it is never NULL.
        opt("features", Blob, "linker features (binary, `ArticleFeatures::to_bytes`), to rebuild the linker on reopen"),
        opt("added", Text, "when it was stored, UTC `YYYY-MM-DDTHH:MM:SSZ` (what `export --since` reads; null for articles stored before schema version 3)"),
    ],
    primary_key: None,
    indexes: &[
        ("articles_story", "story"),
        ("articles_published", "published"),
        ("articles_added", "added"),
    ],
};

pub const STORIES: Table = Table {
    name: "stories",
    doc: "One row per story.",
    columns: &[
        col("id", Text, ""),
        opt("title", Text, "title of the first article"),
        opt("first_seen", Text, "earliest publication date"),
        opt("last_seen", Text, "latest publication date"),
        col("articles", Int, "articles in the story"),
    ],
    primary_key: Some("id"),
    indexes: &[],
};

pub const ENTITIES: Table = Table {
    name: "entities",
    doc: "The record's `entities[]`: one row per real-world thing an article names.",
    columns: &[
        ARTICLE_ID,
        col("idx", Int, "index in `entities[]`"),
        col("name", Text, "canonical name"),
        col("type", Text, "PERSON, ORGANIZATION, LOCATION"),
        opt("kind", Text, ""),
        opt("cameo", Text, ""),
        opt("iso2", Text, ""),
        opt("iso3", Text, ""),
        opt("country", Text, "geo.country (ISO 3166-1 alpha-2)"),
        opt("lat", Real, ""),
        opt("lon", Real, ""),
        opt("geonames_id", Int, ""),
        col("mentions", Int, "number of mentions"),
    ],
    primary_key: Some("article_id, idx"),
    indexes: &[
        ("entities_lower_name", "lower(name)"),
        ("entities_cameo", "cameo"),
        ("entities_country", "country"),
    ],
};

pub const MENTIONS: Table = Table {
    name: "mentions",
    doc: "Each entity's mentions.",
    columns: &[
        ARTICLE_ID,
        col("entity_idx", Int, "`entities.idx`"),
        col("start", Int, "code points into `articles.text`"),
        col("end", Int, "end, exclusive"),
        col("text", Text, ""),
    ],
    primary_key: None,
    indexes: &[("mentions_article", "article_id")],
};

pub const QUOTES: Table = Table {
    name: "quotes",
    doc: "The record's `quotes[]`.",
    columns: &[
        ARTICLE_ID,
        col("idx", Int, ""),
        col("text", Text, ""),
        opt("speaker", Text, "an entity's canonical name"),
        opt("verb", Text, ""),
        col("start", Int, ""),
        col("end", Int, ""),
    ],
    primary_key: None,
    indexes: &[
        ("quotes_article", "article_id"),
        ("quotes_speaker", "speaker"),
    ],
};

pub const COUNTS: Table = Table {
    name: "counts",
    doc: "The record's `counts[]`: every count statement.",
    columns: &[
        ARTICLE_ID,
        col("type", Text, "KILL, WOUND, ..."),
        col("number", Int, ""),
        col("approximate", Bool, ""),
        opt("object", Text, ""),
        opt("location", Text, ""),
        col("text", Text, ""),
    ],
    primary_key: None,
    indexes: &[("counts_article", "article_id")],
};

pub const TOLL: Table = Table {
    name: "toll",
    doc: "The record's `toll[]`: the figures of the article's main happening, one per type.",
    columns: &[
        ARTICLE_ID,
        col("type", Text, "KILL, WOUND, ..."),
        col("number", Int, ""),
        col("approximate", Bool, ""),
    ],
    primary_key: None,
    indexes: &[("toll_article", "article_id"), ("toll_type", "type")],
};

pub const THEMES: Table = Table {
    name: "themes",
    doc: "The record's `themes[]`.",
    columns: &[ARTICLE_ID, col("code", Text, ""), col("count", Int, "")],
    primary_key: None,
    indexes: &[("themes_code", "code"), ("themes_article", "article_id")],
};

pub const GLOBAL_EVENTS: Table = Table {
    name: "global_events",
    doc: "One row per event that several articles may report (GDELT's event, deduplicated).",
    columns: &[
        col("id", Serial, ""),
        col(
            "key",
            Text,
            "the report that started it (`article id#index`; version 2 and older: story, actors, code and date)",
        )
        .unique(),
        opt("source_code", Text, ""),
        opt("target_code", Text, ""),
        col("code", Text, "CAMEO event code"),
        col("root", Text, ""),
        opt("date", Text, "the first report's date, else its article's publication date"),
        col("story", Text, ""),
        col("first_article", Text, "the first article that reported it"),
        col("mentions", Int, "times reported, over all articles"),
        col("articles", Int, "articles reporting it"),
        col("sources", Int, "distinct outlets reporting it"),
        opt("place", Text, "`name|country` of the first report's location, lower-cased"),
    ],
    primary_key: None,
    indexes: &[
        ("global_events_story", "story, code"),
        ("global_events_place", "date, place"),
    ],
};

pub const EVENTS: Table = Table {
    name: "events",
    doc: "One row per event as one article reports it (GDELT's mention): the record's `events[]`.",
    columns: &[
        ARTICLE_ID,
        col("idx", Int, "index in `events[]`"),
        Column {
            references: Some("global_events(id)"),
            ..col("global_id", Int, "the deduplicated event")
        },
        opt("source_name", Text, ""),
        opt("source_code", Text, ""),
        opt("target_name", Text, ""),
        opt("target_code", Text, ""),
        col("code", Text, ""),
        col("root", Text, ""),
        col("quad_class", Int, ""),
        col("goldstein", Real, ""),
        opt("location", Text, ""),
        opt("country", Text, ""),
        opt("lat", Real, ""),
        opt("lon", Real, ""),
        opt("date", Text, ""),
        col("is_root", Bool, ""),
        col("mentions", Int, ""),
        col("text", Text, ""),
    ],
    primary_key: None,
    indexes: &[
        ("events_article", "article_id"),
        ("events_global", "global_id"),
        ("events_root", "root"),
        ("events_source", "source_code"),
        ("events_target", "target_code"),
    ],
};

pub const FAILURES: Table = Table {
    name: "failures",
    doc: "Records that could not be analyzed, kept so a user can see why.",
    columns: &[col("id", Text, ""), col("error", Text, "")],
    primary_key: Some("id"),
    indexes: &[],
};

pub const WATCH_FEEDS: Table = Table {
    name: "watch_feeds",
    doc: "`newsgraph watch`: every feed or sitemap polled (those of the feeds file and those a sitemap index lists), with the validators of its last answer for the next conditional GET.",
    columns: &[
        col("url", Text, ""),
        opt("parent", Text, "the sitemap index that lists it, if any"),
        opt("etag", Text, "`ETag` of the last 200 answer"),
        opt("last_modified", Text, "`Last-Modified` of the last 200 answer"),
        col("polled_at", Text, "UTC `YYYY-MM-DDTHH:MM:SSZ`"),
        col("status", Text, "`ok`, `not-modified` or why it failed (`timeout`, `http-404`, ...)"),
        opt("error", Text, "what went wrong, in words"),
        col("listed", Int, "pages it listed at its last 200 answer"),
    ],
    primary_key: Some("url"),
    indexes: &[],
};

pub const WATCH_PAGES: Table = Table {
    name: "watch_pages",
    doc: "`newsgraph watch`: every page a feed listed, by canonical URL, and what became of it. A page is fetched while it is `pending`; `stored` and `failed` pages are never fetched again.",
    columns: &[
        col("seq", Serial, "the order pages were found in"),
        col("url", Text, "canonical URL").unique(),
        col("article_id", Text, "the id its article is stored under (`articles.id`)"),
        col("feed", Text, "the feed that listed it first"),
        opt("title", Text, "as the feed gives it"),
        opt("published", Text, "as the feed gives it, `YYYY-MM-DD`"),
        opt("source", Text, "the feed's source name"),
        col("found_at", Text, "UTC `YYYY-MM-DDTHH:MM:SSZ`"),
        col("state", Text, "`pending`, `stored` or `failed`"),
        col("attempts", Int, "fetches tried, over all cycles"),
        opt("reason", Text, "why the last fetch failed (`timeout`, `http-404`, `robots`, ...)"),
        opt("error", Text, "what went wrong, in words"),
        opt("done_at", Text, "when it was stored or given up, UTC"),
    ],
    primary_key: None,
    indexes: &[("watch_pages_state", "state")],
};

pub const WATCH_CYCLES: Table = Table {
    name: "watch_cycles",
    doc: "`newsgraph watch`: one row per finished cycle, what its log line says (`serve` shows the last one).",
    columns: &[
        col("id", Serial, ""),
        col("started", Text, "UTC `YYYY-MM-DDTHH:MM:SSZ`"),
        col("seconds", Real, "time taken"),
        col("feeds", Int, "feeds and sitemaps polled"),
        col("not_modified", Int, "of which answered 304"),
        col("feeds_failed", Int, "of which failed"),
        col("new_pages", Int, "pages listed for the first time"),
        col("fetched", Int, "pages fetched"),
        col("stored", Int, "articles stored"),
        col("failed", Int, "pages that failed"),
        col("failures", Text, "failed pages by reason, a JSON object (`{\"timeout\": 1}`)"),
        opt("exported_through", Int, "the last `articles.rowid` its update files hold (`--export-dir`)"),
    ],
    primary_key: None,
    indexes: &[],
};

/// Every table, in the order they are created (a table after those it references).
pub const TABLES: &[Table] = &[
    META,
    ARTICLES,
    STORIES,
    ENTITIES,
    MENTIONS,
    QUOTES,
    COUNTS,
    TOLL,
    THEMES,
    GLOBAL_EVENTS,
    EVENTS,
    FAILURES,
    WATCH_FEEDS,
    WATCH_PAGES,
    WATCH_CYCLES,
];

/// The full-text index of articles (title and text): an FTS5 table over `articles` in SQLite, a
/// generated tsvector column with a GIN index in PostgreSQL.
fn text_index(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Sqlite => {
            "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(\n  title, text, \
             content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'\n);\n"
        }
        Dialect::Postgres => {
            "ALTER TABLE articles ADD COLUMN IF NOT EXISTS tsv tsvector GENERATED ALWAYS AS\n  \
             (to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED;\n\
             CREATE INDEX IF NOT EXISTS articles_tsv ON articles USING GIN (tsv);\n"
        }
    }
}

/// The whole schema of one dialect: every table (created when missing), its indexes and the
/// full-text index.
pub fn create_all(dialect: Dialect) -> String {
    let mut sql: String = TABLES.iter().map(|t| t.create(dialect)).collect();
    sql.push_str(text_index(dialect));
    sql
}

/// The schema as Markdown, for `docs/SCHEMA.md`.
pub fn markdown() -> String {
    let mut md = String::from(
        "# The store's tables\n\n\
         Generated from `crates/store/src/sql/schema.rs` (the test `schema_doc_is_current` \
         rewrites it under `NEWSGRAPH_BLESS=1`). `newsgraph ingest` writes them in a SQLite file \
         or a PostgreSQL database; the same tables in both, with each engine's types (SQLite \
         INTEGER/REAL/BLOB, PostgreSQL BIGINT/DOUBLE PRECISION/BOOLEAN/BYTEA). Full-text search \
         is an FTS5 table `articles_fts` in SQLite and a tsvector column `articles.tsv` in \
         PostgreSQL.\n",
    );
    for t in TABLES {
        md.push_str(&format!("\n## `{}`\n\n{}\n\n", t.name, t.doc));
        md.push_str("| column | type | |\n|---|---|---|\n");
        for c in t.columns {
            let ty = match c.ty {
                Serial => "serial key",
                Int => "integer",
                Real => "real",
                Text => "text",
                Bool => "boolean",
                Blob => "bytes",
            };
            let mut notes = Vec::new();
            if c.nullable {
                notes.push("nullable".to_string());
            }
            if c.unique {
                notes.push("unique".to_string());
            }
            if !c.doc.is_empty() {
                notes.push(c.doc.to_string());
            }
            md.push_str(&format!("| `{}` | {ty} | {} |\n", c.name, notes.join("; ")));
        }
        if let Some(key) = t.primary_key {
            md.push_str(&format!("\nPrimary key: ({key}).\n"));
        }
        if !t.indexes.is_empty() {
            let list: Vec<String> = t.indexes.iter().map(|(_, e)| format!("`{e}`")).collect();
            md.push_str(&format!("\nIndexed on: {}.\n", list.join(", ")));
        }
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inserts_name_every_column_but_the_serial_key() {
        assert_eq!(
            STORIES.insert(),
            "INSERT INTO stories (id, title, first_seen, last_seen, articles) VALUES (?, ?, ?, ?, ?)"
        );
        assert_eq!(MENTIONS.arity(), 5);
        assert!(MENTIONS.insert().contains("\"end\""));
    }

    #[test]
    fn each_dialect_spells_its_types() {
        let lite = ARTICLES.create(Dialect::Sqlite);
        let pg = ARTICLES.create(Dialect::Postgres);
        assert!(lite.contains("rowid INTEGER PRIMARY KEY,"), "{lite}");
        assert!(pg.contains("rowid BIGSERIAL PRIMARY KEY,"), "{pg}");
        assert!(pg.contains("features BYTEA,\n"), "{pg}");
        assert!(COUNTS
            .create(Dialect::Postgres)
            .contains("approximate BOOLEAN NOT NULL"));
    }

    #[test]
    fn schema_doc_is_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/SCHEMA.md");
        let want = markdown();
        newsgraph_testkit::check_golden(std::path::Path::new(path), &want);
    }
}
