//! The server's readers: a fixed pool of store connections (SQLite in WAL mode lets readers run
//! side by side; PostgreSQL takes one connection each), and [`Pool::run`], which lends one to a
//! request on the blocking thread pool under a deadline.
//!
//! A request's query is stopped (through the store's [`Interrupter`]) when its deadline passes
//! (the request answers 503) or when its client goes away (hyper drops the request's future, and
//! the guard here interrupts the query it was waiting for), so no request holds a reader longer
//! than the deadline and a hostile query cannot stop search for everyone.

use newsgraph_store::{Interrupter, Store, StoreError};
use serde::Serialize;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::Semaphore;

/// Counts of what the readers did since the server started (`/api/status`'s `server`).
#[derive(Debug, Default, Serialize)]
pub struct Counters {
    /// Queries running now.
    pub running: AtomicU64,
    /// Queries that finished (well or with an error).
    pub finished: AtomicU64,
    /// Queries stopped at the deadline.
    pub timed_out: AtomicU64,
    /// Queries stopped because their client went away.
    pub abandoned: AtomicU64,
    /// Requests refused because every reader stayed busy until the deadline.
    pub busy: AtomicU64,
}

/// Why a request got no answer from the store.
#[derive(Debug)]
pub enum Failure {
    /// The store failed (a bad query, a broken store).
    Store(StoreError),
    /// The query ran past the deadline and was stopped.
    TimedOut(Duration),
    /// Every reader stayed busy for the whole deadline.
    Busy(Duration),
    /// The blocking task itself failed (a panic in a store call).
    Internal(String),
}

/// Store connections lent to one request at a time.
pub struct Pool {
    idle: Mutex<Vec<Store>>,
    permits: Arc<Semaphore>,
    deadline: Duration,
    pub counters: Counters,
}

/// Interrupts the lent store's query when dropped armed: the request's future was dropped
/// (client gone) or its deadline passed before the query ended.
struct StopOnDrop<'a> {
    interrupter: Option<Interrupter>,
    abandoned: &'a AtomicU64,
}

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        if let Some(interrupter) = self.interrupter.take() {
            interrupter.interrupt();
            self.abandoned.fetch_add(1, Ordering::Relaxed);
        }
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        // PostgreSQL's sync client says goodbye to the server on a runtime of its own, which
        // panics on a thread that drives async tasks (the server drops its pool on one when it
        // stops): the stores are closed on a thread of their own.
        let stores = match self.idle.get_mut() {
            Ok(idle) => std::mem::take(idle),
            Err(poisoned) => std::mem::take(poisoned.into_inner()),
        };
        if let Ok(closing) = std::thread::Builder::new()
            .name("newsgraph-close".into())
            .spawn(move || drop(stores))
        {
            let _ = closing.join();
        }
    }
}

impl Pool {
    /// A pool over `stores` (at least one); every query gets `deadline`.
    pub fn new(stores: Vec<Store>, deadline: Duration) -> Arc<Pool> {
        let size = stores.len().max(1);
        Arc::new(Pool {
            idle: Mutex::new(stores),
            permits: Arc::new(Semaphore::new(size)),
            deadline,
            counters: Counters::default(),
        })
    }

    /// How long a query may run (and a request wait for a reader).
    pub fn deadline(&self) -> Duration {
        self.deadline
    }

    fn take(&self) -> Option<Store> {
        self.idle.lock().ok()?.pop()
    }

    fn give_back(&self, store: Store) {
        if let Ok(mut idle) = self.idle.lock() {
            idle.push(store);
        }
    }

    /// Run `f` on a free reader, on the blocking thread pool, under the deadline.
    pub async fn run<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, Failure> {
        let permit =
            match tokio::time::timeout(self.deadline, self.permits.clone().acquire_owned()).await {
                Ok(Ok(permit)) => permit,
                Ok(Err(_)) => return Err(Failure::Internal("the reader pool is closed".into())),
                Err(_) => {
                    self.counters.busy.fetch_add(1, Ordering::Relaxed);
                    return Err(Failure::Busy(self.deadline));
                }
            };
        let store = self
            .take()
            .ok_or_else(|| Failure::Internal("no free reader despite a permit".into()))?;
        store.clear_interrupt();
        let mut guard = StopOnDrop {
            interrupter: Some(store.interrupter()),
            abandoned: &self.counters.abandoned,
        };
        let pool = self.clone();
        pool.counters.running.fetch_add(1, Ordering::Relaxed);
        let task = tokio::task::spawn_blocking(move || {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(&store)));
            store.clear_interrupt();
            pool.give_back(store);
            pool.counters.running.fetch_sub(1, Ordering::Relaxed);
            pool.counters.finished.fetch_add(1, Ordering::Relaxed);
            drop(permit);
            result
        });
        let outcome = tokio::time::timeout(self.deadline, task).await;
        match outcome {
            Ok(joined) => {
                guard.interrupter = None;
                match joined {
                    Ok(Ok(result)) => result.map_err(Failure::Store),
                    Ok(Err(_)) => Err(Failure::Internal("a store call panicked".into())),
                    Err(e) => Err(Failure::Internal(e.to_string())),
                }
            }
            Err(_) => {
                // The guard stops the query; it is counted as timed out, not abandoned.
                if let Some(interrupter) = guard.interrupter.take() {
                    interrupter.interrupt();
                }
                self.counters.timed_out.fetch_add(1, Ordering::Relaxed);
                Err(Failure::TimedOut(self.deadline))
            }
        }
    }
}
