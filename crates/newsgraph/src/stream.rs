//! Ordered, parallel, bounded streaming analysis: [`Analyses`], the iterator behind
//! [`crate::Engine::analyze_records`].
//!
//! Inputs are pulled in chunks on the caller's thread (so an input iterator need not be `Send`
//! and may, say, hold a lock the caller owns) and analyzed on a thread pool of its own. Two
//! chunks are kept in flight, so the pool works on the next chunk while the caller consumes the
//! results of the last one; results come back in input order. Memory is bounded by about three
//! chunks of articles and results, whatever the length of the input.

use crate::pipeline::analyze_document;
use crate::{Error, RecordError};
use newsgraph_io::Item;
use newsgraph_model::{Pipeline, Record};
use rayon::prelude::*;
use std::collections::VecDeque;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::Arc;

/// One analyzed input: its record, or its id and what was wrong with it.
pub type Outcome = Result<Record, RecordError>;

/// Articles per parallel chunk: large enough to keep every core busy, small enough that memory
/// stays flat and the first results come soon.
pub const CHUNK: usize = 256;

/// Chunks analyzed ahead of the one the caller is reading.
const IN_FLIGHT: usize = 2;

type Mapped<T> = std::thread::Result<Vec<T>>;

/// The records of a stream of inputs, in input order (see [`crate::Engine::analyze_records`]).
pub struct Analyses<I, T> {
    inputs: I,
    pipeline: Arc<Pipeline>,
    pool: rayon::ThreadPool,
    map: Arc<dyn Fn(Outcome) -> T + Send + Sync>,
    in_flight: VecDeque<Receiver<Mapped<T>>>,
    ready: std::vec::IntoIter<T>,
    exhausted: bool,
    chunk: usize,
}

impl<I, T> Analyses<I, T>
where
    I: Iterator,
    I::Item: Into<Item>,
    T: Send + 'static,
{
    pub(crate) fn new(
        inputs: I,
        pipeline: Arc<Pipeline>,
        threads: usize,
        map: Arc<dyn Fn(Outcome) -> T + Send + Sync>,
    ) -> Result<Self, Error> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads.max(1))
            .thread_name(|i| format!("newsgraph-{i}"))
            .build()
            .map_err(|e| Error::Threads(e.to_string()))?;
        Ok(Analyses {
            inputs,
            pipeline,
            pool,
            map,
            in_flight: VecDeque::with_capacity(IN_FLIGHT),
            ready: Vec::new().into_iter(),
            exhausted: false,
            chunk: CHUNK,
        })
    }

    /// Set the chunk size (articles handed to the pool at once; at least 1).
    pub fn chunk_size(mut self, chunk: usize) -> Self {
        self.chunk = chunk.max(1);
        self
    }

    /// The input iterator (to read what it gathered, once the stream is consumed).
    pub fn inputs_mut(&mut self) -> &mut I {
        &mut self.inputs
    }

    /// Pull chunks of inputs and hand them to the pool until enough are in flight.
    fn fill(&mut self) {
        while !self.exhausted && self.in_flight.len() < IN_FLIGHT {
            let chunk: Vec<Item> = self
                .inputs
                .by_ref()
                .take(self.chunk)
                .map(Into::into)
                .collect();
            if chunk.len() < self.chunk {
                self.exhausted = true;
            }
            if chunk.is_empty() {
                break;
            }
            let (tx, rx) = sync_channel(1);
            let pipeline = Arc::clone(&self.pipeline);
            let map = Arc::clone(&self.map);
            self.pool.spawn(move || {
                let mapped = catch_unwind(AssertUnwindSafe(|| {
                    chunk
                        .into_par_iter()
                        .map(|item| map(analyze_item(&pipeline, item)))
                        .collect::<Vec<T>>()
                }));
                // The receiver is gone only when the caller dropped the stream: nothing to do.
                let _ = tx.send(mapped);
            });
            self.in_flight.push_back(rx);
        }
    }
}

/// Analyze one input item (parsing a pending JSON line first, on the worker thread).
pub(crate) fn analyze_item(pipeline: &Pipeline, item: Item) -> Outcome {
    match item.resolve() {
        Item::Doc(doc) => {
            let id = doc.id.clone();
            analyze_document(pipeline, *doc).map_err(|error| RecordError { id, error })
        }
        Item::Error { id, error } => Err(RecordError { id, error }),
        Item::Json { fallback_id, .. } => Err(RecordError {
            id: fallback_id,
            error: "unparsed record".into(),
        }),
    }
}

impl<I, T> Iterator for Analyses<I, T>
where
    I: Iterator,
    I::Item: Into<Item>,
    T: Send + 'static,
{
    type Item = T;

    fn next(&mut self) -> Option<T> {
        loop {
            if let Some(out) = self.ready.next() {
                return Some(out);
            }
            self.fill();
            let rx = self.in_flight.pop_front()?;
            match rx.recv() {
                Ok(Ok(batch)) => self.ready = batch.into_iter(),
                // The caller's `map` panicked: re-raise it here, on the caller's thread.
                Ok(Err(panic)) => resume_unwind(panic),
                Err(_) => resume_unwind(Box::new("a newsgraph worker thread stopped")),
            }
            // Keep the pool busy while the caller reads this chunk's results.
            self.fill();
        }
    }
}
