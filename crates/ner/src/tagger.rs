//! The sequence tagger: hashed-feature linear models over BIO tags (PER, ORG, LOC, MISC),
//! decoded greedily left to right with the two previous tags as features and BIO constraints.
//!
//! A model has one or two stages. The first tags each token from its own sentence; the second
//! (when present) also sees what the first pass said about the same word elsewhere in the
//! document ([`features::doc_hints`]): a name tagged as a person in one sentence is the same
//! person in the next, and "Player" alone is the surname of "Ben Player".
//!
//! Each stage is one flat array of `2^bits` buckets x [`NUM_TAGS`] quantised `i16` weights, a
//! bucket's weights one contiguous row (one bounds check per feature when scoring). The
//! binary file (see [`Model::from_bytes`]) is what `data/ner-weights.bin` holds.

use crate::features::{self, allowed, DocHint, TokenInfo, FEATURE_VERSION, NUM_TAGS};
use newsgraph_model::Token;

const MAGIC: &[u8; 8] = b"NGNER\x00\x00\x02";

/// The weights of one stage.
pub struct Table {
    bits: u32,
    /// One row of weights per bucket.
    rows: Vec<[i16; NUM_TAGS]>,
}

/// A trained tagger.
pub struct Model {
    first: Table,
    second: Option<Table>,
}

/// Why a weights file could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ModelError {
    #[error(
        "weights file is not a newsgraph NER model (bad magic); retrain with `newsgraph train-ner`"
    )]
    BadMagic,
    #[error("weights file was trained with feature version {found}, this build expects {expected}; retrain with `newsgraph train-ner`")]
    Version { found: u32, expected: u32 },
    #[error("weights file is truncated: {0} bytes")]
    Truncated(usize),
}

impl Table {
    /// An untrained table (scores every tag zero).
    fn empty() -> Table {
        Table {
            bits: 1,
            rows: vec![[0; NUM_TAGS]; 2],
        }
    }

    /// Quantise float weights into a table.
    pub fn quantise(bits: u32, weights: &[f32]) -> Table {
        let max = weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { 32767.0 / max } else { 1.0 };
        let quantised: Vec<i16> = weights
            .iter()
            .map(|w| (w * scale).round().clamp(-32767.0, 32767.0) as i16)
            .collect();
        Table {
            bits,
            rows: rows_of(&quantised),
        }
    }

    /// Tag a document greedily; `hints` are the document hints of a second stage.
    pub fn tag(&self, infos: &[TokenInfo], hints: Option<&[DocHint]>) -> Vec<usize> {
        self.tag_cached(infos, hints, &mut StaticCache::new(infos.len()))
    }

    /// [`Table::tag`] with the tokens' static features kept in `cache` for the next stage.
    fn tag_cached(
        &self,
        infos: &[TokenInfo],
        hints: Option<&[DocHint]>,
        cache: &mut StaticCache,
    ) -> Vec<usize> {
        let mask = (1u64 << self.bits) - 1;
        let mut feats = Vec::with_capacity(64);
        let mut tags = Vec::with_capacity(infos.len());
        let (mut prev, mut prev2) = (0, 0);
        for i in 0..infos.len() {
            if i > 0 && infos[i].sentence != infos[i - 1].sentence {
                prev = 0;
                prev2 = 0;
            }
            // Outside a name, a lower-case word or a punctuation mark does not open one: skip
            // the scoring (most tokens; it leaves the dev scores unchanged).
            if prev == 0 && infos[i].flags & features::flag::MAY_OPEN == 0 {
                tags.push(0);
                prev2 = prev;
                continue;
            }
            feats.clear();
            feats.extend_from_slice(cache.get(infos, i));
            if let Some(h) = hints {
                features::doc_features(h, i, &mut feats);
            }
            features::history_features(infos, i, prev, prev2, &mut feats);
            let mut scores = [0i32; NUM_TAGS];
            for &f in &feats {
                if let Some(w) = self.rows.get((f & mask) as usize) {
                    for k in 0..NUM_TAGS {
                        scores[k] += w[k] as i32;
                    }
                }
            }
            let tag = best(&scores, prev);
            tags.push(tag);
            prev2 = prev;
            prev = tag;
        }
        tags
    }

    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(&(NUM_TAGS as u32).to_le_bytes());
        for w in self.rows.iter().flatten() {
            out.extend_from_slice(&w.to_le_bytes());
        }
    }

    /// Read one table at `at`; returns it and the offset after it.
    fn read(bytes: &[u8], at: usize) -> Result<(Table, usize), ModelError> {
        let truncated = ModelError::Truncated(bytes.len());
        let word = |k: usize| -> Result<u32, ModelError> {
            bytes
                .get(k..k + 4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .ok_or_else(|| truncated.clone())
        };
        let bits = word(at)?;
        let tags = word(at + 4)? as usize;
        if tags != NUM_TAGS || bits > 28 {
            return Err(truncated);
        }
        let n = (1usize << bits) * tags;
        let body = bytes
            .get(at + 8..at + 8 + n * 2)
            .ok_or_else(|| truncated.clone())?;
        let rows = body
            .chunks_exact(2 * NUM_TAGS)
            .map(|c| {
                let mut row = [0; NUM_TAGS];
                for (w, b) in row.iter_mut().zip(c.chunks_exact(2)) {
                    *w = i16::from_le_bytes([b[0], b[1]]);
                }
                row
            })
            .collect();
        Ok((Table { bits, rows }, at + 8 + n * 2))
    }
}

/// Flat weights as rows of [`NUM_TAGS`] (a last partial row, which no trained table has, is
/// dropped).
fn rows_of(weights: &[i16]) -> Vec<[i16; NUM_TAGS]> {
    weights
        .chunks_exact(NUM_TAGS)
        .map(|c| {
            let mut row = [0; NUM_TAGS];
            row.copy_from_slice(c);
            row
        })
        .collect()
}

impl Model {
    /// An untrained model (tags nothing); used when no weights are embedded.
    pub fn empty() -> Model {
        Model {
            first: Table::empty(),
            second: None,
        }
    }

    /// A model from its stages.
    pub fn new(first: Table, second: Option<Table>) -> Model {
        Model { first, second }
    }

    /// Read a model: magic, feature version (u32), number of stages (u32, 1 or 2), then per
    /// stage: bits (u32), tags (u32), `2^bits * tags` little-endian `i16` weights.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        if bytes.len() < 16 || &bytes[..8] != MAGIC {
            return Err(ModelError::BadMagic);
        }
        let version = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]);
        if version != FEATURE_VERSION {
            return Err(ModelError::Version {
                found: version,
                expected: FEATURE_VERSION,
            });
        }
        let stages = u32::from_le_bytes([bytes[12], bytes[13], bytes[14], bytes[15]]);
        if !(1..=2).contains(&stages) {
            return Err(ModelError::Truncated(bytes.len()));
        }
        let (first, at) = Table::read(bytes, 16)?;
        let (second, at) = if stages == 2 {
            let (t, at) = Table::read(bytes, at)?;
            (Some(t), at)
        } else {
            (None, at)
        };
        if at != bytes.len() {
            return Err(ModelError::Truncated(bytes.len()));
        }
        Ok(Model { first, second })
    }

    /// Serialise in the [`Model::from_bytes`] format.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FEATURE_VERSION.to_le_bytes());
        out.extend_from_slice(&(1 + self.second.is_some() as u32).to_le_bytes());
        self.first.write(&mut out);
        if let Some(t) = &self.second {
            t.write(&mut out);
        }
        out
    }

    /// The first stage's tags alone.
    pub fn tag_first(&self, infos: &[TokenInfo]) -> Vec<usize> {
        self.first.tag(infos, None)
    }

    /// Tag a document: one tag index per token.
    pub fn tag(&self, infos: &[TokenInfo]) -> Vec<usize> {
        let mut cache = StaticCache::new(infos.len());
        let first = self.first.tag_cached(infos, None, &mut cache);
        match &self.second {
            Some(second) => {
                let hints = features::doc_hints(infos, &first);
                second.tag_cached(infos, Some(&hints), &mut cache)
            }
            None => first,
        }
    }
}

/// The static features of the tokens scored so far, computed once for both stages.
struct StaticCache {
    feats: Vec<u64>,
    /// Per token: start and length in `feats` (length 0 = not computed yet).
    at: Vec<(u32, u32)>,
}

impl StaticCache {
    fn new(tokens: usize) -> StaticCache {
        StaticCache {
            feats: Vec::with_capacity(tokens * 24),
            at: vec![(0, 0); tokens],
        }
    }

    fn get(&mut self, infos: &[TokenInfo], i: usize) -> &[u64] {
        let (start, len) = self.at[i];
        if len == 0 {
            let start = self.feats.len();
            features::static_features(infos, i, &mut self.feats);
            self.at[i] = (start as u32, (self.feats.len() - start) as u32);
            return &self.feats[start..];
        }
        &self.feats[start as usize..(start + len) as usize]
    }
}

pub(crate) fn best<T: PartialOrd + Copy>(scores: &[T; NUM_TAGS], prev: usize) -> usize {
    let mut best = 0;
    for k in 1..NUM_TAGS {
        if allowed(prev, k) && scores[k] > scores[best] {
            best = k;
        }
    }
    best
}

/// Mentions (token start, end, type) of a tag sequence; MISC included as type 3.
pub fn mentions(tags: &[usize], tokens: &[Token]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let continues = features::is_inside(t)
            && open.is_some_and(|(_, ty)| Some(ty) == features::tag_type(t))
            && i > 0
            && tokens[i].sentence == tokens[i - 1].sentence;
        if continues {
            continue;
        }
        if let Some((s, ty)) = open.take() {
            out.push((s, i, ty));
        }
        if let Some(ty) = features::tag_type(t) {
            open = Some((i, ty));
        }
    }
    if let Some((s, ty)) = open {
        out.push((s, tags.len(), ty));
    }
    out
}
