//! The SQLite backend: one file in WAL mode (or memory), through rusqlite. Only the driver's
//! glue lives here; the statements are the store's, written once in `sql`.

use crate::sql::{Db, Dialect, OnRow, Param, Row, Value};
use crate::StoreError;
use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::Connection;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

pub(crate) struct Sqlite {
    conn: Connection,
    /// Set by [`Db::interrupter`]'s handle: the running statement was stopped, and any statement
    /// or row after it fails too until [`Db::clear_interrupt`] (sqlite3_interrupt alone does not
    /// reach a statement that starts after it, e.g. the second query of a request).
    stopped: Arc<AtomicBool>,
}

impl Sqlite {
    pub(crate) fn open(path: &Path) -> Result<Self, StoreError> {
        let conn = Connection::open(path).map_err(|error| StoreError::Open {
            path: path.display().to_string(),
            error,
        })?;
        Self::set_up(conn)
    }

    pub(crate) fn in_memory() -> Result<Self, StoreError> {
        Self::set_up(Connection::open_in_memory()?)
    }

    fn set_up(conn: Connection) -> Result<Self, StoreError> {
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        // Readers never wait for the writer in WAL mode; NORMAL sync is safe with WAL.
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
        )?;
        conn.set_prepared_statement_cache_capacity(64);
        Ok(Sqlite {
            conn,
            stopped: Arc::new(AtomicBool::new(false)),
        })
    }
}

impl rusqlite::ToSql for Param<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match self {
            Param::Null => ValueRef::Null,
            Param::Int(n) => ValueRef::Integer(*n),
            Param::Real(x) => ValueRef::Real(*x),
            Param::Text(s) => ValueRef::Text(s.as_bytes()),
            Param::Blob(b) => ValueRef::Blob(b),
            Param::Bool(b) => ValueRef::Integer(i64::from(*b)),
        }))
    }
}

impl Sqlite {
    /// A failed step as the store's error: an interrupted one is [`StoreError::Interrupted`].
    fn interrupted_or(&self, e: rusqlite::Error) -> StoreError {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::OperationInterrupted) => StoreError::Interrupted,
            _ => StoreError::Sql(e),
        }
    }
}

impl Db for Sqlite {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }

    fn script(&self, sql: &str) -> Result<(), StoreError> {
        Ok(self.conn.execute_batch(sql)?)
    }

    fn execute(&self, sql: &str, params: &[Param]) -> Result<u64, StoreError> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        Ok(stmt.execute(rusqlite::params_from_iter(params))? as u64)
    }

    fn interrupter(&self) -> crate::Interrupter {
        let stopped = self.stopped.clone();
        let handle = self.conn.get_interrupt_handle();
        crate::Interrupter::new(move || {
            stopped.store(true, Ordering::SeqCst);
            handle.interrupt();
        })
    }

    fn tune_for_reading(&self, _deadline: std::time::Duration) -> Result<(), StoreError> {
        // Up to 1 GiB of the file mapped (SQLite caps it at its build's limit); pages are then
        // read in place, shared by every reader through the OS, instead of copied per
        // connection: about a sixth less CPU per search of the bench store.
        Ok(self.conn.execute_batch("PRAGMA mmap_size = 1073741824")?)
    }

    fn data_version(&self) -> Result<Option<u64>, StoreError> {
        let version: i64 = self
            .conn
            .query_row("PRAGMA data_version", [], |row| row.get(0))?;
        Ok(u64::try_from(version).ok())
    }

    fn clear_interrupt(&self) {
        self.stopped.store(false, Ordering::SeqCst);
    }

    fn each(&self, sql: &str, params: &[Param], f: OnRow) -> Result<(), StoreError> {
        let stopped = || -> Result<(), StoreError> {
            match self.stopped.load(Ordering::SeqCst) {
                true => Err(StoreError::Interrupted),
                false => Ok(()),
            }
        };
        stopped()?;
        let mut stmt = self.conn.prepare_cached(sql)?;
        let width = stmt.column_count();
        let mut rows = stmt.query(rusqlite::params_from_iter(params))?;
        while let Some(row) = rows.next().map_err(|e| self.interrupted_or(e))? {
            stopped()?;
            let mut values = Vec::with_capacity(width);
            for i in 0..width {
                values.push(match row.get_ref(i)? {
                    ValueRef::Null => Value::Null,
                    ValueRef::Integer(n) => Value::Int(n),
                    ValueRef::Real(x) => Value::Real(x),
                    ValueRef::Text(t) => Value::Text(
                        String::from_utf8(t.to_vec())
                            .map_err(|e| StoreError::Corrupt(format!("text column {i}: {e}")))?,
                    ),
                    ValueRef::Blob(b) => Value::Blob(b.to_vec()),
                });
            }
            f(Row(values))?;
        }
        Ok(())
    }
}
