//! The store's SQL, written once for both backends.
//!
//! - [`Dialect`]: what differs between SQLite and PostgreSQL (column types, full-text search,
//!   placeholders, how to lock the schema). Statements are written with `?` placeholders and in
//!   the SQL both engines share (`ON CONFLICT ... DO UPDATE`, `RETURNING`, `IS NOT DISTINCT FROM`,
//!   `NULLS LAST`); the dialect numbers the placeholders for PostgreSQL.
//! - [`Param`], [`Value`], [`Row`]: parameters in and values out, the same for both drivers.
//! - [`Db`]: the little a backend implements (run a statement, stream rows, run a script).
//! - [`schema`]: every table and column, once; the DDL of each dialect is generated from it.
//! - [`migrate`]: the schema version in `meta` and the steps from older versions.

pub(crate) mod migrate;
pub(crate) mod schema;

use crate::StoreError;
use std::borrow::Cow;

/// The SQL engine behind a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// A statement's parameter.
#[derive(Debug, Clone, PartialEq)]
pub enum Param<'a> {
    Null,
    Int(i64),
    Real(f64),
    Text(Cow<'a, str>),
    Blob(&'a [u8]),
    Bool(bool),
}

/// A value read back from a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
    Bool(bool),
}

impl<'a> From<&'a str> for Param<'a> {
    fn from(s: &'a str) -> Self {
        Param::Text(Cow::Borrowed(s))
    }
}
impl<'a> From<&'a String> for Param<'a> {
    fn from(s: &'a String) -> Self {
        Param::Text(Cow::Borrowed(s))
    }
}
impl From<String> for Param<'_> {
    fn from(s: String) -> Self {
        Param::Text(Cow::Owned(s))
    }
}
impl<'a> From<&'a [u8]> for Param<'a> {
    fn from(b: &'a [u8]) -> Self {
        Param::Blob(b)
    }
}
impl From<i64> for Param<'_> {
    fn from(n: i64) -> Self {
        Param::Int(n)
    }
}
impl From<u32> for Param<'_> {
    fn from(n: u32) -> Self {
        Param::Int(n.into())
    }
}
impl From<u64> for Param<'_> {
    fn from(n: u64) -> Self {
        Param::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}
impl From<usize> for Param<'_> {
    fn from(n: usize) -> Self {
        Param::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}
impl From<f64> for Param<'_> {
    fn from(x: f64) -> Self {
        Param::Real(x)
    }
}
impl From<bool> for Param<'_> {
    fn from(b: bool) -> Self {
        Param::Bool(b)
    }
}
impl<'a, T: Into<Param<'a>>> From<Option<T>> for Param<'a> {
    fn from(v: Option<T>) -> Self {
        v.map_or(Param::Null, Into::into)
    }
}

/// Shorthand for a parameter list: `[p(&r.id), p(r.title.as_deref()), p(3i64)]`.
pub(crate) fn p<'a>(v: impl Into<Param<'a>>) -> Param<'a> {
    v.into()
}

/// One row of a result, read column by column with [`Row::get`].
#[derive(Debug)]
pub struct Row(pub(crate) Vec<Value>);

impl Row {
    /// Column `i` as a `T`, moved out of the row (read each column once).
    pub fn get<T: FromValue>(&mut self, i: usize) -> Result<T, StoreError> {
        let value = self
            .0
            .get_mut(i)
            .map(|v| std::mem::replace(v, Value::Null))
            .ok_or_else(|| StoreError::Corrupt(format!("a row has no column {i}")))?;
        T::from_value(value)
            .map_err(|v| StoreError::Corrupt(format!("column {i} holds {v:?}, not {}", T::WHAT)))
    }
}

/// A Rust type a column can be read as.
pub trait FromValue: Sized {
    const WHAT: &'static str;
    fn from_value(v: Value) -> Result<Self, Value>;
}

impl FromValue for i64 {
    const WHAT: &'static str = "an integer";
    fn from_value(v: Value) -> Result<Self, Value> {
        match v {
            Value::Int(n) => Ok(n),
            Value::Bool(b) => Ok(b.into()),
            other => Err(other),
        }
    }
}
impl FromValue for u64 {
    const WHAT: &'static str = "a count";
    fn from_value(v: Value) -> Result<Self, Value> {
        match v {
            Value::Int(n) if n >= 0 => Ok(n as u64),
            other => Err(other),
        }
    }
}
impl FromValue for usize {
    const WHAT: &'static str = "an index";
    fn from_value(v: Value) -> Result<Self, Value> {
        match v {
            Value::Int(n) => usize::try_from(n).map_err(|_| Value::Int(n)),
            other => Err(other),
        }
    }
}
impl FromValue for f64 {
    const WHAT: &'static str = "a number";
    fn from_value(v: Value) -> Result<Self, Value> {
        match v {
            Value::Real(x) => Ok(x),
            Value::Int(n) => Ok(n as f64),
            other => Err(other),
        }
    }
}
impl FromValue for bool {
    const WHAT: &'static str = "a flag";
    fn from_value(v: Value) -> Result<Self, Value> {
        match v {
            Value::Bool(b) => Ok(b),
            Value::Int(n) => Ok(n != 0),
            other => Err(other),
        }
    }
}
impl FromValue for String {
    const WHAT: &'static str = "text";
    fn from_value(v: Value) -> Result<Self, Value> {
        match v {
            Value::Text(s) => Ok(s),
            other => Err(other),
        }
    }
}
impl FromValue for Vec<u8> {
    const WHAT: &'static str = "bytes";
    fn from_value(v: Value) -> Result<Self, Value> {
        match v {
            Value::Blob(b) => Ok(b),
            Value::Text(s) => Ok(s.into_bytes()),
            other => Err(other),
        }
    }
}
impl<T: FromValue> FromValue for Option<T> {
    const WHAT: &'static str = T::WHAT;
    fn from_value(v: Value) -> Result<Self, Value> {
        match v {
            Value::Null => Ok(None),
            other => T::from_value(other).map(Some),
        }
    }
}

/// What [`Db::each`] does with each row.
pub(crate) type OnRow<'a> = &'a mut dyn FnMut(Row) -> Result<(), StoreError>;

/// What a backend does: run statements written with `?` placeholders, stream rows, run scripts.
/// Everything else (tables, statements, transactions, migrations) is written once above it.
pub(crate) trait Db: Send {
    fn dialect(&self) -> Dialect;
    /// Run statements without parameters (DDL, `BEGIN`, `COMMIT`), separated by `;`.
    fn script(&self, sql: &str) -> Result<(), StoreError>;
    /// Run one statement; the number of rows it changed.
    fn execute(&self, sql: &str, params: &[Param]) -> Result<u64, StoreError>;
    /// Run one query and hand each row to `f` as it comes. `f` must not use the store.
    fn each(&self, sql: &str, params: &[Param], f: OnRow) -> Result<(), StoreError>;
    /// A handle that stops this connection's running query from another thread (a deadline
    /// passed, the client went away); the connection fails every query until
    /// [`Db::clear_interrupt`].
    fn interrupter(&self) -> crate::Interrupter {
        crate::Interrupter::new(|| {})
    }
    /// Let queries run again after an interrupt.
    fn clear_interrupt(&self) {}
    /// Make this connection a reader that serves many queries, none longer than `deadline`
    /// (SQLite: read the file through a memory map rather than copying each page into the
    /// connection's cache; PostgreSQL: `statement_timeout`, so the server stops a query even
    /// when the cancel request the deadline sends is lost).
    fn tune_for_reading(&self, _deadline: std::time::Duration) -> Result<(), StoreError> {
        Ok(())
    }
    /// A number that changes whenever another connection commits to the store (SQLite's
    /// `PRAGMA data_version`); None where the engine has no such number.
    fn data_version(&self) -> Result<Option<u64>, StoreError> {
        Ok(None)
    }
    /// Whether the failed transaction was rolled back by the engine and may simply run again.
    fn retryable(&self, _error: &StoreError) -> bool {
        false
    }
}

impl dyn Db + '_ {
    /// Every row of a query.
    pub(crate) fn rows(&self, sql: &str, params: &[Param]) -> Result<Vec<Row>, StoreError> {
        let mut rows = Vec::new();
        self.each(sql, params, &mut |row| {
            rows.push(row);
            Ok(())
        })?;
        Ok(rows)
    }

    /// The first row of a query, if any (the rest are read and dropped).
    pub(crate) fn first(&self, sql: &str, params: &[Param]) -> Result<Option<Row>, StoreError> {
        let mut first = None;
        self.each(sql, params, &mut |row| {
            first.get_or_insert(row);
            Ok(())
        })?;
        Ok(first)
    }

    /// The single number a query such as `SELECT count(*) ...` returns.
    pub(crate) fn count(&self, sql: &str, params: &[Param]) -> Result<u64, StoreError> {
        match self.first(sql, params)? {
            Some(mut row) => row.get(0),
            None => Ok(0),
        }
    }

    /// Run `f` in one transaction: committed when it succeeds, rolled back when it fails, and
    /// run again (a few times) when the engine rolled it back to break a deadlock.
    pub(crate) fn transaction<T>(
        &self,
        mut f: impl FnMut(&dyn Db) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut attempt = 0;
        loop {
            self.script(self.dialect().begin_write())?;
            let result = f(self).and_then(|v| self.script("COMMIT").map(|()| v));
            match result {
                Ok(v) => return Ok(v),
                Err(e) => {
                    // A failed COMMIT has already ended the transaction; ROLLBACK then says so.
                    let _ = self.script("ROLLBACK");
                    if attempt < 5 && self.retryable(&e) {
                        attempt += 1;
                        std::thread::sleep(std::time::Duration::from_millis(20 << attempt));
                        continue;
                    }
                    return Err(e);
                }
            }
        }
    }
}

impl Dialect {
    /// Starts a transaction that will write. SQLite takes the write lock at once, so two
    /// writers wait for each other instead of failing when the reader upgrades.
    pub fn begin_write(self) -> &'static str {
        match self {
            Dialect::Sqlite => "BEGIN IMMEDIATE",
            Dialect::Postgres => "BEGIN",
        }
    }

    /// Starts the transaction that creates or migrates the schema: one process at a time.
    pub fn begin_schema(self) -> &'static str {
        match self {
            Dialect::Sqlite => "BEGIN IMMEDIATE",
            // Any number, the same in every process; released at COMMIT or ROLLBACK.
            Dialect::Postgres => "BEGIN; SELECT pg_advisory_xact_lock(7953766455425147248)",
        }
    }

    /// The statement as the engine reads it: PostgreSQL numbers its placeholders (`$1`, `$2`).
    /// `?` inside a quoted string or identifier is left alone.
    pub fn placeholders(self, sql: &str) -> Cow<'_, str> {
        if self == Dialect::Sqlite || !sql.contains('?') {
            return Cow::Borrowed(sql);
        }
        let mut out = String::with_capacity(sql.len() + 16);
        let mut quote: Option<char> = None;
        let mut n = 0;
        for ch in sql.chars() {
            match (quote, ch) {
                (None, '\'' | '"') => quote = Some(ch),
                (Some(q), c) if c == q => quote = None,
                (None, '?') => {
                    n += 1;
                    out.push_str(&format!("${n}"));
                    continue;
                }
                _ => {}
            }
            out.push(ch);
        }
        Cow::Owned(out)
    }

    /// The query that lists a table by name in the current database (or schema).
    pub fn table_exists(self) -> &'static str {
        match self {
            Dialect::Sqlite => {
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?"
            }
            Dialect::Postgres => {
                "SELECT count(*) FROM information_schema.tables \
                 WHERE table_schema = current_schema() AND table_name = ?"
            }
        }
    }

    /// Full-text search of articles: the snippet column, the FROM/WHERE that matches the words,
    /// and the parameters it takes for `text` (user words: phrases in quotes, AND, OR, NOT).
    pub fn text_match(self, text: &str) -> (&'static str, Vec<Param<'static>>) {
        match self {
            Dialect::Sqlite => (
                "snippet(articles_fts, 1, '[', ']', ' … ', 12) \
                 FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid \
                 WHERE articles_fts MATCH ?",
                vec![Param::from(fts5_query(text))],
            ),
            Dialect::Postgres => (
                "ts_headline('english', a.text, websearch_to_tsquery('english', ?), \
                 'StartSel=[, StopSel=], MaxWords=14, MinWords=6') \
                 FROM articles a WHERE a.tsv @@ websearch_to_tsquery('english', ?)",
                vec![Param::from(text.to_string()), Param::from(text.to_string())],
            ),
        }
    }

    /// `FROM ... WHERE <the article matches>` over articles aliased `a`, with no snippet: what
    /// counts and views select articles by.
    pub fn text_filter(self, text: &str) -> (&'static str, Vec<Param<'static>>) {
        match self {
            Dialect::Sqlite => (
                "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid \
                 WHERE articles_fts MATCH ?",
                vec![Param::from(fts5_query(text))],
            ),
            Dialect::Postgres => (
                "FROM articles a WHERE a.tsv @@ websearch_to_tsquery('english', ?)",
                vec![Param::from(text.to_string())],
            ),
        }
    }

    /// `SELECT count(*)` of the articles that match `text`, when the engine's full-text index
    /// counts them without a join (SQLite's FTS5 table has one row per article); None where
    /// counting means joining the articles anyway.
    pub fn text_count(self, text: &str) -> Option<(&'static str, Vec<Param<'static>>)> {
        match self {
            Dialect::Sqlite => Some((
                "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?",
                vec![Param::from(fts5_query(text))],
            )),
            Dialect::Postgres => None,
        }
    }

    /// The ORDER BY term that ranks full-text matches best first, and its parameters.
    pub fn text_rank(self, text: &str) -> (&'static str, Vec<Param<'static>>) {
        match self {
            Dialect::Sqlite => ("rank", Vec::new()),
            Dialect::Postgres => (
                "ts_rank(a.tsv, websearch_to_tsquery('english', ?)) DESC",
                vec![Param::from(text.to_string())],
            ),
        }
    }

    /// The statement that adds an article to the full-text index, where the index is not kept
    /// by the engine itself (SQLite's external-content FTS5 table): rowid, title, text.
    pub fn text_index_insert(self) -> Option<&'static str> {
        match self {
            Dialect::Sqlite => {
                Some("INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)")
            }
            Dialect::Postgres => None,
        }
    }
}

/// Make user words safe for FTS5: keep quoted phrases and the operators AND/OR/NOT, quote every
/// other word so that punctuation ("U.S.") cannot break the query syntax.
fn fts5_query(text: &str) -> String {
    let mut out = Vec::new();
    let mut phrase = String::new();
    let mut in_phrase = false;
    for part in text.split_inclusive('"') {
        let ends_quote = part.ends_with('"');
        let body = part.trim_end_matches('"');
        if in_phrase {
            phrase.push_str(body);
            if ends_quote {
                out.push(format!("\"{}\"", phrase.replace('"', "")));
                phrase.clear();
                in_phrase = false;
            }
        } else {
            for w in body.split_whitespace() {
                match w {
                    "AND" | "OR" | "NOT" => out.push(w.to_string()),
                    _ => out.push(format!("\"{}\"", w.replace('"', ""))),
                }
            }
            in_phrase = ends_quote;
        }
    }
    if !phrase.trim().is_empty() {
        out.push(format!("\"{}\"", phrase.trim()));
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fts5_query_quotes_words_and_keeps_phrases_and_operators() {
        assert_eq!(fts5_query("U.S. truce"), "\"U.S.\" \"truce\"");
        assert_eq!(
            fts5_query("\"cease fire\" OR truce"),
            "\"cease fire\" OR \"truce\""
        );
    }

    #[test]
    fn postgres_numbers_placeholders_outside_quotes() {
        assert_eq!(
            Dialect::Postgres
                .placeholders("SELECT '?', \"a?\" FROM t WHERE a = ? AND b LIKE ? || '%'"),
            "SELECT '?', \"a?\" FROM t WHERE a = $1 AND b LIKE $2 || '%'"
        );
        assert_eq!(Dialect::Sqlite.placeholders("a = ?"), "a = ?");
    }
}
