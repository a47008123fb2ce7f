//! The PostgreSQL backend, for archives that outgrow one file and for many ingest, serve,
//! search and export processes at once. Only the driver's glue lives here; the statements are
//! the store's, written once in `sql`.
//!
//! Writers may run side by side: each batch is one transaction, articles are inserted with
//! `ON CONFLICT DO NOTHING` and deduplicated events are counted with upserts, so two writers
//! never store an article twice or lose a mention; a transaction PostgreSQL aborts to break a
//! deadlock is run again. Each writer links stories with the linker it rebuilt when it started.

use crate::sql::{Db, Dialect, OnRow, Param, Row, Value};
use crate::StoreError;
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::{IsNull, ToSql, Type};
use postgres::{Client, NoTls, Statement};
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

pub(crate) struct Pg {
    /// The client needs `&mut` for every query; the store's readers take `&self` like
    /// SQLite's, and a store is used from one thread at a time.
    client: RefCell<Client>,
    /// Prepared statements by their `?` text: each is parsed once per connection.
    prepared: RefCell<HashMap<String, Statement>>,
    /// Set by [`Db::interrupter`]'s handle: queries fail until [`Db::clear_interrupt`].
    stopped: Arc<AtomicBool>,
}

/// The URL with its password replaced, for error messages.
pub(crate) fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let auth = &url[scheme + 3..at];
            match auth.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

impl Pg {
    /// Connect to `postgres://user:password@host:port/dbname`, with the tables in `schema`
    /// (created when missing) rather than the connection's default: tests use a fresh one each.
    pub(crate) fn connect(url: &str, schema: Option<&str>) -> Result<Self, StoreError> {
        let mut client = Client::connect(url, NoTls).map_err(|error| StoreError::OpenPg {
            url: redact(url),
            error,
        })?;
        if let Some(schema) = schema {
            let quoted = format!("\"{}\"", schema.replace('"', ""));
            client.batch_execute(&format!(
                "CREATE SCHEMA IF NOT EXISTS {quoted}; SET search_path TO {quoted}"
            ))?;
        }
        Ok(Pg {
            client: RefCell::new(client),
            prepared: RefCell::new(HashMap::new()),
            stopped: Arc::new(AtomicBool::new(false)),
        })
    }

    fn client(&self) -> Result<std::cell::RefMut<'_, Client>, StoreError> {
        self.client.try_borrow_mut().map_err(|_| {
            StoreError::Unsupported("the store was used again while it was streaming rows".into())
        })
    }

    fn statement(&self, client: &mut Client, sql: &str) -> Result<Statement, StoreError> {
        if let Some(s) = self.prepared.borrow().get(sql) {
            return Ok(s.clone());
        }
        let statement = client.prepare(&Dialect::Postgres.placeholders(sql))?;
        self.prepared
            .borrow_mut()
            .insert(sql.to_string(), statement.clone());
        Ok(statement)
    }
}

/// Each parameter is written as the type PostgreSQL inferred for its placeholder, so one `Int`
/// serves a BIGINT column, an INTEGER expression or a LIMIT.
impl ToSql for Param<'_> {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut postgres::types::private::BytesMut,
    ) -> Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match self {
            Param::Null => Ok(IsNull::Yes),
            Param::Int(n) if *ty == Type::INT4 => i32::try_from(*n)?.to_sql(ty, out),
            Param::Int(n) if *ty == Type::INT2 => i16::try_from(*n)?.to_sql(ty, out),
            Param::Int(n) if *ty == Type::FLOAT8 => (*n as f64).to_sql(ty, out),
            Param::Int(n) if *ty == Type::BOOL => (*n != 0).to_sql(ty, out),
            Param::Int(n) => n.to_sql(ty, out),
            Param::Real(x) => x.to_sql(ty, out),
            Param::Text(s) => (&**s).to_sql(ty, out),
            Param::Blob(b) => b.to_sql(ty, out),
            Param::Bool(b) if *ty == Type::INT8 => i64::from(*b).to_sql(ty, out),
            Param::Bool(b) => b.to_sql(ty, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

/// A column of a PostgreSQL row as a [`Value`], by the column's type.
fn value_of(row: &postgres::Row, i: usize) -> Result<Value, StoreError> {
    let ty = row.columns()[i].type_().clone();
    let value = if ty == Type::INT8 {
        row.try_get::<_, Option<i64>>(i)?.map(Value::Int)
    } else if ty == Type::INT4 {
        row.try_get::<_, Option<i32>>(i)?
            .map(|n| Value::Int(n.into()))
    } else if ty == Type::INT2 {
        row.try_get::<_, Option<i16>>(i)?
            .map(|n| Value::Int(n.into()))
    } else if ty == Type::FLOAT8 {
        row.try_get::<_, Option<f64>>(i)?.map(Value::Real)
    } else if ty == Type::FLOAT4 {
        row.try_get::<_, Option<f32>>(i)?
            .map(|x| Value::Real(x.into()))
    } else if ty == Type::BOOL {
        row.try_get::<_, Option<bool>>(i)?.map(Value::Bool)
    } else if ty == Type::BYTEA {
        row.try_get::<_, Option<Vec<u8>>>(i)?.map(Value::Blob)
    } else if ty == Type::TEXT || ty == Type::VARCHAR || ty == Type::NAME || ty == Type::BPCHAR {
        row.try_get::<_, Option<String>>(i)?.map(Value::Text)
    } else {
        return Err(StoreError::Unsupported(format!(
            "the store read a PostgreSQL column of type {ty}, which it does not map"
        )));
    };
    Ok(value.unwrap_or(Value::Null))
}

/// Deadlocks and serialization failures: the transaction was rolled back and can be retried.
fn retryable(e: &postgres::Error) -> bool {
    use postgres::error::SqlState;
    e.code().is_some_and(|c| {
        *c == SqlState::T_R_DEADLOCK_DETECTED || *c == SqlState::T_R_SERIALIZATION_FAILURE
    })
}

impl Db for Pg {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }

    fn script(&self, sql: &str) -> Result<(), StoreError> {
        Ok(self.client()?.batch_execute(sql)?)
    }

    fn execute(&self, sql: &str, params: &[Param]) -> Result<u64, StoreError> {
        let mut client = self.client()?;
        let statement = self.statement(&mut client, sql)?;
        let args: Vec<&(dyn ToSql + Sync)> = params.iter().map(|p| p as _).collect();
        Ok(client.execute(&statement, &args)?)
    }

    fn interrupter(&self) -> crate::Interrupter {
        // PostgreSQL stops a running statement when asked on a second connection.
        let token = self.client.try_borrow().ok().map(|c| c.cancel_token());
        let stopped = self.stopped.clone();
        crate::Interrupter::new(move || {
            stopped.store(true, Ordering::SeqCst);
            // The sync client's cancel blocks on a runtime of its own, which panics on a
            // thread that drives async tasks (the server's deadline fires on one): it is sent
            // from a thread of its own.
            if let Some(token) = token.clone() {
                let _ = std::thread::Builder::new()
                    .name("newsgraph-pg-cancel".into())
                    .spawn(move || {
                        let _ = token.cancel_query(NoTls);
                    });
            }
        })
    }

    fn tune_for_reading(&self, deadline: std::time::Duration) -> Result<(), StoreError> {
        // A little past the deadline: the server's own cancel normally comes first.
        let ms = deadline.as_millis().saturating_add(1000);
        Ok(self
            .client()?
            .batch_execute(&format!("SET statement_timeout = {ms}"))?)
    }

    fn clear_interrupt(&self) {
        self.stopped.store(false, Ordering::SeqCst);
    }

    fn each(&self, sql: &str, params: &[Param], f: OnRow) -> Result<(), StoreError> {
        if self.stopped.load(Ordering::SeqCst) {
            return Err(StoreError::Interrupted);
        }
        let mut client = self.client()?;
        let statement = self.statement(&mut client, sql)?;
        let args = params.iter().map(|p| p as &(dyn ToSql + Sync));
        let mut rows = client.query_raw(&statement, args)?;
        while let Some(row) = rows.next()? {
            let values = (0..row.len())
                .map(|i| value_of(&row, i))
                .collect::<Result<_, _>>()?;
            f(Row(values))?;
        }
        Ok(())
    }

    fn retryable(&self, error: &StoreError) -> bool {
        matches!(error, StoreError::Pg(e) if retryable(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(
            redact("postgres://news:secret@db:5432/news"),
            "postgres://news:***@db:5432/news"
        );
        assert_eq!(redact("postgres://db/news"), "postgres://db/news");
    }
}
