//! The project's two hashes, one of each kind, shared by every crate:
//!
//! - [`FastHasher`] (with [`FastMap`] and [`FastSet`]): the one hasher of in-memory maps and
//!   sets (word tables, gazetteer indexes, DOM names). It is the multiply-rotate scheme of the
//!   Firefox/rustc "Fx" hash, eight bytes at a time: the keys are short words from our own data
//!   files and texts, so SipHash's resistance to crafted keys buys nothing and its set-up costs
//!   more than the lookup. Its values are never stored: they may change between builds.
//! - [`fnv1a`] / [`fnv1a_extend`]: 64-bit FNV-1a, for values that leave the process and must stay
//!   the same across builds and platforms: record ids, the linker's MinHash keys, the tagger's
//!   feature hashes (the trained weights are indexed by them). Never change these.

use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a's 64-bit offset basis (the hash of no bytes).
pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
/// FNV-1a's 64-bit prime.
pub const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Fold `bytes` into a running FNV-1a hash.
#[inline]
pub fn fnv1a_extend(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
    }
    h
}

/// FNV-1a of `bytes`.
#[inline]
pub fn fnv1a(bytes: &[u8]) -> u64 {
    fnv1a_extend(FNV_OFFSET, bytes)
}

const FX_MULTIPLIER: u64 = 0x517c_c1b7_2722_0a95;

/// The in-memory hasher: rotate, xor, multiply, one 64-bit word at a time (a last partial word
/// is padded with zeros).
#[derive(Debug, Default, Clone, Copy)]
pub struct FastHasher {
    hash: u64,
}

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(FX_MULTIPLIER);
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
            self.add(tail_word(rest));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
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

/// The last 1 to 7 bytes of a key as a little-endian word padded with zeros: two (possibly
/// overlapping) loads of fixed width instead of a copy of variable length, which costs a
/// `memcpy` call per hashed word (the value is the same as the zero-padded copy's).
#[inline]
fn tail_word(rest: &[u8]) -> u64 {
    let n = rest.len();
    let load4 = |at: usize| {
        let mut w = [0u8; 4];
        w.copy_from_slice(&rest[at..at + 4]);
        u64::from(u32::from_le_bytes(w))
    };
    let load2 = |at: usize| u64::from(rest[at]) | (u64::from(rest[at + 1]) << 8);
    if n >= 4 {
        // Bytes n-4..n shifted into place overlap bytes 0..4 with the same values.
        load4(0) | (load4(n - 4) << (8 * (n - 4)))
    } else if n >= 2 {
        load2(0) | (load2(n - 2) << (8 * (n - 2)))
    } else {
        u64::from(rest[0])
    }
}

/// A hash map with the [`FastHasher`].
pub type FastMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<FastHasher>>;
/// A hash set with the [`FastHasher`].
pub type FastSet<K> = std::collections::HashSet<K, BuildHasherDefault<FastHasher>>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::Hash;

    #[test]
    fn fnv1a_known_values() {
        // Published FNV-1a 64-bit test vectors: stored ids depend on them.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
        assert_eq!(fnv1a_extend(fnv1a(b"foo"), b"bar"), fnv1a(b"foobar"));
    }

    #[test]
    fn tail_word_is_the_zero_padded_bytes() {
        let bytes = [0x11u8, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77];
        for n in 1..=7 {
            let mut word = [0u8; 8];
            word[..n].copy_from_slice(&bytes[..n]);
            assert_eq!(
                tail_word(&bytes[..n]),
                u64::from_le_bytes(word),
                "{n} bytes"
            );
        }
    }

    #[test]
    fn fast_hasher_reads_words_and_pads_the_last() {
        let hash = |s: &str| {
            let mut h = FastHasher::default();
            s.hash(&mut h);
            h.finish()
        };
        assert_ne!(hash("abcdefgh"), hash("abcdefg"));
        assert_ne!(hash("ab"), hash("ba"));
        // A u64 key is one step, the same as its eight little-endian bytes.
        let mut a = FastHasher::default();
        a.write_u64(0x0102_0304_0506_0708);
        let mut b = FastHasher::default();
        b.write(&0x0102_0304_0506_0708u64.to_le_bytes());
        assert_eq!(a.finish(), b.finish());
        let mut set = FastSet::default();
        set.insert("word");
        assert!(set.contains("word"));
    }
}
