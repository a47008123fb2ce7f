//! The word tables' hasher, and a prefilter that answers "certainly not" for most words.
//!
//! The tables use the project's one fast hasher (`newsgraph_model::hash`): the matchers look up
//! one short word at a time, where std's SipHash costs more than the lookups themselves.

pub use newsgraph_model::hash::{FastMap, FastSet};

/// A 2 KiB prefilter over a table's keys by (first byte, length): most words of a sentence are
/// in no table, and this answers "certainly not" without hashing them.
#[derive(Debug, Clone)]
pub struct KeyFilter {
    lengths_by_first_byte: Box<[u64; 256]>,
}

impl Default for KeyFilter {
    fn default() -> Self {
        KeyFilter {
            lengths_by_first_byte: Box::new([0; 256]),
        }
    }
}

impl KeyFilter {
    pub fn insert(&mut self, key: &str) {
        if let Some(&first) = key.as_bytes().first() {
            self.lengths_by_first_byte[usize::from(first)] |= 1u64 << key.len().min(63);
        }
    }

    /// False when no key has this first byte and length.
    #[inline]
    pub fn may_contain(&self, key: &str) -> bool {
        match key.as_bytes().first() {
            Some(&first) => {
                self.lengths_by_first_byte[usize::from(first)] & (1u64 << key.len().min(63)) != 0
            }
            None => false,
        }
    }
}
