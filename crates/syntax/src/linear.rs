//! Linear models over hashed features: the quantised table read at run time and the averaged
//! perceptron that trains it.
//!
//! A table is `2^bits` rows of `classes` weights; a feature adds its row to the scores. Trained
//! tables hold `i8` weights (scaled so the largest is 127), which keeps the embedded file small
//! and each row inside a cache line; the arg-max is what matters, not the scale. On the EWT dev
//! file 127 levels tag and parse as well as 32767 did (UPOS, UAS and LAS within 0.0005).
//!
//! At run time a table is read into a layout made for summing ([`Lanes`], [`Packed`]): every
//! weight is stored plus 128, so it is a byte from 1 to 255 and a sum of rows needs no sign
//! extension. Every class of a sum of `k` rows carries the same `128 k`, so the sums order the
//! classes exactly as the signed scores do (same arg-max, same ties), and up to 257 rows fit a
//! `u16` without overflow.

/// A trained table, quantised.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    bits: u32,
    classes: usize,
    weights: Vec<i8>,
}

/// Why a table could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TableError {
    #[error("table is truncated")]
    Truncated,
    #[error("table has {found} classes, expected {expected}")]
    Classes { found: usize, expected: usize },
    #[error("table size 2^{0} is out of range")]
    Bits(u32),
}

impl Table {
    /// Quantise averaged float weights.
    pub fn quantise(bits: u32, classes: usize, weights: &[f32]) -> Table {
        let max = weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { 127.0 / max } else { 1.0 };
        Table {
            bits,
            classes,
            weights: weights
                .iter()
                .map(|w| (w * scale).round().clamp(-127.0, 127.0) as i8)
                .collect(),
        }
    }

    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Append the table to `out` (little-endian: bits, classes, weights).
    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(&(self.classes as u32).to_le_bytes());
        out.extend(self.weights.iter().map(|&w| w as u8));
    }

    /// Read a table written by [`Table::write`] at `*at`, advancing `*at`.
    pub fn read(bytes: &[u8], at: &mut usize, classes: usize) -> Result<Table, TableError> {
        let (bits, raw) = Table::read_raw(bytes, at, classes)?;
        Ok(Table {
            bits,
            classes,
            weights: raw.iter().map(|&b| b as i8).collect(),
        })
    }

    /// The size and the stored weights (bytes of `i8`) of a table written by [`Table::write`]
    /// at `*at`, advancing `*at`.
    fn read_raw<'b>(
        bytes: &'b [u8],
        at: &mut usize,
        classes: usize,
    ) -> Result<(u32, &'b [u8]), TableError> {
        let bits = read_u32(bytes, at).ok_or(TableError::Truncated)?;
        let found = read_u32(bytes, at).ok_or(TableError::Truncated)? as usize;
        if !(1..=26).contains(&bits) {
            return Err(TableError::Bits(bits));
        }
        if found != classes {
            return Err(TableError::Classes {
                found,
                expected: classes,
            });
        }
        let len = (1usize << bits) * classes;
        let raw = bytes.get(*at..*at + len).ok_or(TableError::Truncated)?;
        *at += len;
        Ok((bits, raw))
    }
}

/// The bias added to every weight of a run-time layout.
const BIAS: i16 = 128;

/// The most rows one sum may add: `257 * 255` still fits a 16-bit lane.
pub const MAX_ROWS: usize = 257;

/// A table of at most `4 W` classes laid out for summing: a row is `W` words of four 16-bit
/// lanes, each lane a biased weight, so adding a row is `W` additions of `u64`s (no lane carries
/// into the next while at most [`MAX_ROWS`] rows are summed). Lanes past the table's classes
/// hold zero and are never read as a class.
#[derive(Clone, PartialEq)]
pub struct Lanes<const W: usize> {
    shift: u32,
    classes: usize,
    rows: Vec<[u64; W]>,
}

impl<const W: usize> std::fmt::Debug for Lanes<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Lanes({} rows of {})", self.rows.len(), self.classes)
    }
}

impl<const W: usize> Lanes<W> {
    /// The layout of `table`, which must have `classes` classes (at most `4 W`).
    pub fn new(table: &Table, classes: usize) -> Result<Lanes<W>, TableError> {
        if table.classes != classes {
            return Err(TableError::Classes {
                found: table.classes,
                expected: classes,
            });
        }
        let raw: Vec<u8> = table.weights.iter().map(|&w| w as u8).collect();
        Lanes::from_raw(table.bits, classes, &raw)
    }

    /// Read a table of `classes` classes written by [`Table::write`] at `*at` straight into
    /// this layout (no table in between), advancing `*at`.
    pub fn read(bytes: &[u8], at: &mut usize, classes: usize) -> Result<Lanes<W>, TableError> {
        let (bits, raw) = Table::read_raw(bytes, at, classes)?;
        Lanes::from_raw(bits, classes, raw)
    }

    /// The layout of `2^bits` rows of `classes` stored weights (bytes of `i8`).
    fn from_raw(bits: u32, classes: usize, raw: &[u8]) -> Result<Lanes<W>, TableError> {
        if classes > 4 * W || classes == 0 {
            return Err(TableError::Classes {
                found: classes,
                expected: 4 * W,
            });
        }
        let mut rows = vec![[0u64; W]; raw.len() / classes];
        if classes == 4 * W {
            // Full rows: every four stored weights are one word.
            for (word, four) in rows.as_flattened_mut().iter_mut().zip(raw.chunks_exact(4)) {
                *word = spread([four[0], four[1], four[2], four[3]]);
            }
        } else {
            for (row, weights) in rows.iter_mut().zip(raw.chunks_exact(classes)) {
                for (word, four) in row.iter_mut().zip(weights.chunks(4)) {
                    // Lanes past the classes stay zero (0x80 is a weight of -128 biased to 0).
                    let mut padded = [0x80u8; 4];
                    padded[..four.len()].copy_from_slice(four);
                    *word = spread(padded);
                }
            }
        }
        Ok(Lanes {
            shift: 64 - bits,
            classes,
            rows,
        })
    }

    /// Back to the trained table.
    pub fn table(&self) -> Table {
        let weights = (self.rows.iter())
            .flat_map(|row| (0..self.classes).map(move |k| (lane(row, k) as i16 - BIAS) as i8))
            .collect();
        Table {
            bits: 64 - self.shift,
            classes: self.classes,
            weights,
        }
    }

    /// Empty sums, to [`Sink::add`] at most [`MAX_ROWS`] features to.
    #[inline]
    pub fn summer(&self) -> Summer<'_, W> {
        Summer {
            rows: &self.rows,
            shift: self.shift,
            sums: [0; W],
        }
    }

    /// The biased sums of the rows of `feats` (at most [`MAX_ROWS`] of them), packed as the
    /// rows are: class `k` is [`lane`]`(sums, k)`.
    pub fn sum(&self, feats: &[u64]) -> [u64; W] {
        debug_assert!(feats.len() <= MAX_ROWS);
        let mut summer = self.summer();
        feats.iter().for_each(|&f| summer.add(f));
        summer.sums
    }
}

/// Where features go: a buffer (training), or straight into the sums of a run-time table.
pub trait Sink {
    fn add(&mut self, feature: u64);
}

impl Sink for Vec<u64> {
    #[inline]
    fn add(&mut self, feature: u64) {
        self.push(feature);
    }
}

/// Sums of rows of one table, added as the features are made (no feature is stored).
pub struct Summer<'t, const W: usize> {
    rows: &'t [[u64; W]],
    shift: u32,
    /// The biased sums, packed as the rows are: class `k` is [`lane`]`(&sums, k)`.
    pub sums: [u64; W],
}

impl<const W: usize> Sink for Summer<'_, W> {
    #[inline(always)]
    fn add(&mut self, feature: u64) {
        if let Some(row) = self.rows.get((feature >> self.shift) as usize) {
            for (sum, &weights) in self.sums.iter_mut().zip(row) {
                *sum = sum.wrapping_add(weights);
            }
        }
    }
}

/// Four stored weights (bytes of `i8`) as four biased 16-bit lanes: `w + 128` is the byte with
/// its top bit flipped, and two shifts move the bytes apart.
#[inline]
fn spread(four: [u8; 4]) -> u64 {
    let x = u64::from(u32::from_le_bytes(four) ^ 0x8080_8080);
    let x = (x | x << 16) & 0x0000_ffff_0000_ffff;
    (x | x << 8) & 0x00ff_00ff_00ff_00ff
}

/// Class `k` of packed sums.
#[inline]
pub fn lane<const W: usize>(sums: &[u64; W], k: usize) -> u16 {
    sums.get(k / 4).map_or(0, |w| (w >> (16 * (k % 4))) as u16)
}

/// The first of the first `classes` classes with the highest sum (`0` for none). The sums are
/// unpacked into one array (at most 64 classes are read), whose largest value one sweep finds
/// (vectorised) before a second finds its first place.
#[inline]
pub fn best<const W: usize>(sums: &[u64; W], classes: usize) -> usize {
    let mut all = [0u16; 64];
    for (four, word) in all.chunks_exact_mut(4).zip(sums) {
        for (j, v) in four.iter_mut().enumerate() {
            *v = (word >> (16 * j)) as u16;
        }
    }
    let read = &all[..classes.min(4 * W).min(64)];
    let top = read.iter().copied().max().unwrap_or(0);
    read.iter().position(|&v| v == top).unwrap_or(0)
}

/// A little-endian `u32` at `*at`, advancing it.
pub fn read_u32(bytes: &[u8], at: &mut usize) -> Option<u32> {
    let b = bytes.get(*at..*at + 4)?;
    *at += 4;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// An averaged perceptron over a hashed table (training only).
pub struct Trainer {
    bits: u32,
    classes: usize,
    weights: Vec<f32>,
    totals: Vec<f64>,
    stamps: Vec<u32>,
    clock: u32,
}

impl Trainer {
    pub fn new(bits: u32, classes: usize) -> Trainer {
        let len = (1usize << bits) * classes;
        Trainer {
            bits,
            classes,
            weights: vec![0.0; len],
            totals: vec![0.0; len],
            stamps: vec![0; len],
            clock: 0,
        }
    }

    #[inline]
    fn row(&self, f: u64) -> usize {
        ((f >> (64 - self.bits)) as usize) * self.classes
    }

    /// Current (not averaged) scores.
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for &f in feats {
            let at = self.row(f);
            for (s, w) in scores.iter_mut().zip(&self.weights[at..at + self.classes]) {
                *s += *w;
            }
        }
    }

    /// One training example seen: advances the averaging clock.
    pub fn tick(&mut self) {
        self.clock += 1;
    }

    fn bump(&mut self, i: usize, delta: f32) {
        let elapsed = f64::from(self.clock - self.stamps[i]);
        self.totals[i] += elapsed * f64::from(self.weights[i]);
        self.stamps[i] = self.clock;
        self.weights[i] += delta;
    }

    /// Reward `good` and penalise `bad` on every feature of the example.
    pub fn update(&mut self, feats: &[u64], good: usize, bad: usize) {
        if good == bad {
            return;
        }
        for &f in feats {
            let at = self.row(f);
            self.bump(at + good, 1.0);
            self.bump(at + bad, -1.0);
        }
    }

    /// The averaged weights, quantised.
    pub fn averaged(&self) -> Table {
        let clock = f64::from(self.clock.max(1));
        let avg: Vec<f32> = (0..self.weights.len())
            .map(|i| {
                let elapsed = f64::from(self.clock - self.stamps[i]);
                ((self.totals[i] + elapsed * f64::from(self.weights[i])) / clock) as f32
            })
            .collect();
        Table::quantise(self.bits, self.classes, &avg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_and_round_trips() {
        let mut t = Trainer::new(4, 3);
        let (a, b) = (crate::features::f1(1, 7), crate::features::f1(2, 9));
        for _ in 0..5 {
            t.tick();
            t.update(&[a], 2, 0);
            t.tick();
            t.update(&[b], 1, 2);
        }
        let table = t.averaged();
        let lanes = Lanes::<1>::new(&table, 3).expect("three classes");
        let s = lanes.sum(&[a]);
        let (s0, s1, s2) = (lane(&s, 0), lane(&s, 1), lane(&s, 2));
        assert!(s2 > s0 && s2 >= s1, "{s:?}");
        assert_eq!(best(&s, 3), 2);
        assert_eq!(best(&s, 2), usize::from(s1 > s0));
        assert_eq!(lanes.table(), table);
        // Wider rows hold the same weights.
        let wide = Lanes::<2>::new(&table, 3).expect("three classes");
        assert_eq!(wide.sum(&[a, b, a])[0], lanes.sum(&[a, b, a])[0]);
        assert_eq!(wide.table(), table);
        assert!(Lanes::<1>::new(&table, 5).is_err());
        // Read straight from the file's bytes, full rows or not.
        let mut bytes = Vec::new();
        table.write(&mut bytes);
        assert_eq!(Lanes::<1>::read(&bytes, &mut 0, 3), Ok(lanes));
        assert_eq!(Lanes::<2>::read(&bytes, &mut 0, 3), Ok(wide));
        let mut t4 = Trainer::new(3, 4);
        t4.tick();
        t4.update(&[a], 3, 1);
        t4.tick();
        let four = t4.averaged();
        let mut bytes = Vec::new();
        four.write(&mut bytes);
        let read = Lanes::<1>::read(&bytes, &mut 0, 4).expect("four classes");
        assert_eq!(read.table(), four);
        assert_eq!(best(&read.sum(&[a]), 4), 3);
        let mut bytes = Vec::new();
        table.write(&mut bytes);
        let mut at = 0;
        assert_eq!(Table::read(&bytes, &mut at, 3), Ok(table));
        assert_eq!(at, bytes.len());
        let mut at = 0;
        assert!(Table::read(&bytes[..10], &mut at, 3).is_err());
    }
}
