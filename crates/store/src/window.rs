//! Which stored articles an export covers: those stored in a span of time (`export --since
//! --until`, read from `articles.added`) or after a given row (the update files `watch` writes
//! after each cycle, which must not miss an article nor repeat one, whatever the clock does).

use crate::sql::{p, Param};
use crate::{Store, StoreError};
use newsgraph_model::Record;

/// A span of stored articles; every bound is optional, and the default is every article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Window {
    /// Stored at or after this UTC time (`YYYY-MM-DDTHH:MM:SSZ`, `newsgraph_time::utc_text`).
    pub since: Option<String>,
    /// Stored before this UTC time.
    pub until: Option<String>,
    /// `articles.rowid` greater than this.
    pub after_row: Option<i64>,
    /// `articles.rowid` at most this.
    pub through_row: Option<i64>,
}

impl Window {
    /// ` AND ...` conditions on the articles table aliased `a`, and their parameters.
    pub(crate) fn conditions(&self) -> (String, Vec<Param<'_>>) {
        let mut sql = String::new();
        let mut params = Vec::new();
        if let Some(since) = &self.since {
            sql.push_str(" AND a.added >= ?");
            params.push(p(since));
        }
        if let Some(until) = &self.until {
            sql.push_str(" AND a.added < ?");
            params.push(p(until));
        }
        if let Some(after) = self.after_row {
            sql.push_str(" AND a.rowid > ?");
            params.push(p(after));
        }
        if let Some(through) = self.through_row {
            sql.push_str(" AND a.rowid <= ?");
            params.push(p(through));
        }
        (sql, params)
    }
}

impl Store {
    /// The stored articles of `window` as output records, with `story` and `duplicate_of`, in
    /// ingest order. `f` must not use the store.
    pub fn each_record_in(
        &self,
        window: &Window,
        f: &mut dyn FnMut(Record) -> std::io::Result<()>,
    ) -> Result<u64, StoreError> {
        let (conditions, params) = window.conditions();
        let mut n = 0;
        self.db.each(
            &format!(
                "SELECT a.record, a.story, a.duplicate_of FROM articles a WHERE true{conditions} \
                 ORDER BY a.rowid"
            ),
            &params,
            &mut |row| {
                f(crate::store::record_of(row)?)
                    .map_err(|e| StoreError::Corrupt(format!("cannot write record: {e}")))?;
                n += 1;
                Ok(())
            },
        )?;
        Ok(n)
    }

    /// The `rowid` of the last stored article (0 when there is none): where the next update
    /// file starts.
    pub fn last_row(&self) -> Result<i64, StoreError> {
        let row = self
            .db
            .first("SELECT coalesce(max(rowid), 0) FROM articles", &[])?;
        match row {
            Some(mut row) => row.get(0),
            None => Ok(0),
        }
    }
}
