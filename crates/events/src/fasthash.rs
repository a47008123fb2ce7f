//! A small, fast, non-cryptographic hasher for the word tables.
//!
//! The matchers look up one short word at a time; std's SipHash is built to resist hash
//! flooding, which costs more than the lookups themselves here and buys nothing (the keys are
//! our own data files). This is the multiply-rotate scheme of the Firefox/rustc "Fx" hash,
//! written here in a few lines rather than pulled in as a dependency.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

const MULTIPLIER: u64 = 0x517c_c1b7_2722_0a95;

/// Word-at-a-time hasher: rotate, xor, multiply.
#[derive(Debug, Default, Clone, Copy)]
pub struct FastHasher {
    hash: u64,
}

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(MULTIPLIER);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;
pub type FastSet<K> = HashSet<K, BuildHasherDefault<FastHasher>>;

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
