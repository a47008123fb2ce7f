//! Answers kept for repeated requests: a small least-recently-used map from a request (its
//! endpoint and its parsed, normalised query) to the JSON bytes it was answered with.
//!
//! A cached answer is only ever one the store would give now. Every lookup first asks a
//! connection of its own whether the store changed since the answers were computed (SQLite's
//! `PRAGMA data_version` moves whenever another connection, in any process, commits); when it
//! did, every answer is dropped. A store that cannot tell (PostgreSQL) is never cached. An
//! answer computed while the store changed is not kept: it is only stored under the version
//! read before it was computed, and any later lookup that sees a new version clears the map.
//!
//! Requests for the same answer that arrive while it is being computed wait for it rather than
//! compute it again ([`Cache::turn`]): twenty clients opening the home page at once cost one
//! query, not twenty.

use axum::body::Bytes;
use newsgraph_store::Store;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Largest answer kept (a page of 1,000 hits is about 400 kB).
const MAX_ANSWER: usize = 1 << 20;
/// Most bytes kept in all.
const MAX_BYTES: usize = 64 << 20;

/// The answers of one store.
pub struct Cache {
    /// A connection that only asks the store's version.
    probe: Mutex<Store>,
    state: Mutex<State>,
    capacity: usize,
    /// The answers being computed now: one turn per request key, held by the request that
    /// computes it.
    computing: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
}

#[derive(Default)]
struct State {
    /// The store's version the kept answers were computed at.
    version: Option<u64>,
    answers: HashMap<String, Kept>,
    bytes: usize,
    /// Incremented on every use; the entry used longest ago has the smallest.
    clock: u64,
}

struct Kept {
    body: Bytes,
    used: u64,
}

/// What a lookup found: the kept answer, or the version under which to keep a new one.
pub enum Lookup {
    Hit(Bytes),
    Miss(Option<u64>),
}

impl Cache {
    /// A cache of at most `capacity` answers, validated through `probe` (a connection to the
    /// same store, used for nothing else).
    pub fn new(probe: Store, capacity: usize) -> Self {
        Cache {
            probe: Mutex::new(probe),
            state: Mutex::new(State::default()),
            capacity,
            computing: Mutex::new(HashMap::new()),
        }
    }

    /// The store's version now; None when it cannot tell (then nothing is cached).
    fn version(&self) -> Option<u64> {
        let probe = self.probe.lock().ok()?;
        probe.data_version().ok().flatten()
    }

    /// The answer kept for `key`, if the store has not changed since it was computed.
    pub fn lookup(&self, key: &str) -> Lookup {
        let version = self.version();
        let Ok(mut state) = self.state.lock() else {
            return Lookup::Miss(None);
        };
        if state.version != version || version.is_none() {
            state.answers.clear();
            state.bytes = 0;
            state.version = version;
        }
        state.clock += 1;
        let now = state.clock;
        match state.answers.get_mut(key) {
            Some(kept) => {
                kept.used = now;
                Lookup::Hit(kept.body.clone())
            }
            None => Lookup::Miss(version),
        }
    }

    /// The turn to compute `key`'s answer: whoever holds its lock computes it; the others wait
    /// for it and then look the answer up.
    pub fn turn(&self, key: &str) -> Option<Arc<tokio::sync::Mutex<()>>> {
        let mut computing = self.computing.lock().ok()?;
        Some(computing.entry(key.to_string()).or_default().clone())
    }

    /// `key`'s answer is computed (or failed, or its client went away): the next request for
    /// it takes a new turn.
    fn done(&self, key: &str) {
        if let Ok(mut computing) = self.computing.lock() {
            computing.remove(key);
        }
    }

    /// Keep `body` as the answer to `key`, computed at `version` (from [`Cache::lookup`]).
    pub fn keep(&self, key: String, version: Option<u64>, body: Bytes) {
        if version.is_none() || body.len() > MAX_ANSWER || self.capacity == 0 {
            return;
        }
        let Ok(mut state) = self.state.lock() else {
            return;
        };
        // The store changed while the answer was computed: it may already be stale.
        if state.version != version {
            return;
        }
        while state.answers.len() >= self.capacity || state.bytes + body.len() > MAX_BYTES {
            let Some(oldest) = state
                .answers
                .iter()
                .min_by_key(|(_, kept)| kept.used)
                .map(|(k, _)| k.clone())
            else {
                break;
            };
            if let Some(gone) = state.answers.remove(&oldest) {
                state.bytes -= gone.body.len();
            }
        }
        state.clock += 1;
        let used = state.clock;
        state.bytes += body.len();
        if let Some(old) = state.answers.insert(key, Kept { body, used }) {
            state.bytes -= old.body.len();
        }
    }
}

/// Ends a request's turn at a key when dropped, however the request ends.
pub struct Done<'a>(pub &'a Cache, pub &'a str);

impl Drop for Done<'_> {
    fn drop(&mut self) {
        self.0.done(self.1);
    }
}
