//! The stored form of [`ArticleFeatures`]: a compact binary blob (about a third of the JSON that
//! schema version 1 kept). Layout, little-endian, after a format byte (2):
//! - the day: a varint, 0 when unknown, else the zigzagged day number plus one;
//! - the MinHash signature: a varint count, then each value in 4 bytes;
//! - the terms: a varint count, then each as its 8-byte hash and a varint count;
//! - the entities: the same as the terms.
//!
//! Format 1 (schema version 2) had no entities: it reads back with none.

use crate::ArticleFeatures;

const FORMAT: u8 = 2;

impl ArticleFeatures {
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(8 + self.minhash.len() * 4 + self.terms.len() * 10);
        out.push(FORMAT);
        put_varint(&mut out, self.day.map_or(0, |d| zigzag(d) + 1));
        put_varint(&mut out, self.minhash.len() as u64);
        for h in &self.minhash {
            out.extend_from_slice(&h.to_le_bytes());
        }
        for list in [&self.terms, &self.entities] {
            put_varint(&mut out, list.len() as u64);
            for &(term, count) in list {
                out.extend_from_slice(&term.to_le_bytes());
                put_varint(&mut out, count.into());
            }
        }
        out
    }

    /// Read back what [`ArticleFeatures::to_bytes`] wrote; an error says what was wrong.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, String> {
        let mut r = Reader { bytes, at: 0 };
        let format = r.byte()?;
        if !(1..=FORMAT).contains(&format) {
            return Err(format!("unknown features format {format}"));
        }
        let day = match r.varint()? {
            0 => None,
            n => Some(unzigzag(n - 1)),
        };
        let n = r.len(4)?;
        let mut minhash = Vec::with_capacity(n);
        for _ in 0..n {
            minhash.push(u32::from_le_bytes(r.array()?));
        }
        let terms = r.counted_terms()?;
        let entities = if format >= 2 {
            r.counted_terms()?
        } else {
            Vec::new()
        };
        if r.at != bytes.len() {
            return Err(format!("{} bytes left over", bytes.len() - r.at));
        }
        Ok(ArticleFeatures {
            minhash,
            terms,
            entities,
            day,
        })
    }
}

fn zigzag(n: i64) -> u64 {
    ((n << 1) ^ (n >> 63)) as u64
}

fn unzigzag(n: u64) -> i64 {
    ((n >> 1) as i64) ^ -((n & 1) as i64)
}

fn put_varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, String> {
        let b = *self.bytes.get(self.at).ok_or("features end early")?;
        self.at += 1;
        Ok(b)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], String> {
        let slice = self
            .bytes
            .get(self.at..self.at + N)
            .ok_or("features end early")?;
        self.at += N;
        let mut a = [0u8; N];
        a.copy_from_slice(slice);
        Ok(a)
    }

    fn varint(&mut self) -> Result<u64, String> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            n |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(n);
            }
        }
        Err("a varint runs past 64 bits".into())
    }

    /// A count, then (8-byte hash, varint count) pairs.
    fn counted_terms(&mut self) -> Result<Vec<(u64, u32)>, String> {
        let n = self.len(9)?;
        let mut terms = Vec::with_capacity(n);
        for _ in 0..n {
            let term = u64::from_le_bytes(self.array()?);
            let count = u32::try_from(self.varint()?).map_err(|_| "term count out of range")?;
            terms.push((term, count));
        }
        Ok(terms)
    }

    /// A count of items of at least `min_size` bytes each, checked against what is left, so a
    /// damaged blob cannot ask for a huge allocation.
    fn len(&mut self, min_size: usize) -> Result<usize, String> {
        let n = self.varint()?;
        let left = (self.bytes.len() - self.at) / min_size;
        usize::try_from(n)
            .ok()
            .filter(|&n| n <= left)
            .ok_or_else(|| format!("features claim {n} items, more than the bytes hold"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_round_trip_and_are_compact() {
        let f = ArticleFeatures {
            minhash: (0..64u32).map(|i| i.wrapping_mul(0x0101_0101)).collect(),
            entities: vec![(5, 2), (9, 1)],
            terms: (0..100u64)
                .map(|i| (i.wrapping_mul(0x9e37_79b9_7f4a_7c15), i as u32))
                .collect(),
            day: Some(-3),
        };
        let bytes = f.to_bytes();
        assert_eq!(ArticleFeatures::from_bytes(&bytes), Ok(f.clone()));
        let json = serde_json::to_string(&f).unwrap_or_default();
        assert!(
            bytes.len() * 2 < json.len(),
            "{} vs {}",
            bytes.len(),
            json.len()
        );
        let none = ArticleFeatures { day: None, ..f };
        assert_eq!(ArticleFeatures::from_bytes(&none.to_bytes()), Ok(none));
    }

    #[test]
    fn damaged_features_are_an_error_not_a_panic() {
        let bytes = ArticleFeatures {
            minhash: vec![1, 2, 3],
            terms: vec![(7, 1)],
            entities: vec![(8, 2)],
            day: Some(17049),
        }
        .to_bytes();
        for cut in 0..bytes.len() {
            assert!(ArticleFeatures::from_bytes(&bytes[..cut]).is_err());
        }
        assert!(ArticleFeatures::from_bytes(&[1, 0, 0xff, 0xff, 0xff, 0xff, 0x0f]).is_err());
    }
}
