//! The sequence tagger: a hashed-feature linear model over BIO tags (PER, ORG, LOC, MISC),
//! decoded greedily left to right with the two previous tags as features and BIO constraints.
//!
//! Weights are one flat array of `2^bits` buckets x [`NUM_TAGS`] quantised `i16` values with one
//! scale. The binary file (see [`Model::from_bytes`]) is what `data/ner-weights.bin` holds.

use crate::features::{self, allowed, TokenInfo, FEATURE_VERSION, NUM_TAGS};

const MAGIC: &[u8; 8] = b"NGNER\x00\x00\x01";

/// A trained tagger.
pub struct Model {
    bits: u32,
    weights: Vec<i16>,
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

impl Model {
    /// An untrained model (tags nothing); used when no weights are embedded.
    pub fn empty() -> Model {
        Model {
            bits: 1,
            weights: vec![0; 2 * NUM_TAGS],
        }
    }

    /// Read a model: magic, feature version (u32), bits (u32), tags (u32), then `2^bits * tags`
    /// little-endian `i16` weights.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        if bytes.len() < 20 || &bytes[..8] != MAGIC {
            return Err(ModelError::BadMagic);
        }
        let word =
            |k: usize| u32::from_le_bytes([bytes[k], bytes[k + 1], bytes[k + 2], bytes[k + 3]]);
        let version = word(8);
        if version != FEATURE_VERSION {
            return Err(ModelError::Version {
                found: version,
                expected: FEATURE_VERSION,
            });
        }
        let bits = word(12);
        let tags = word(16) as usize;
        let n = (1usize << bits) * tags;
        let body = &bytes[20..];
        if tags != NUM_TAGS || body.len() != n * 2 || bits > 28 {
            return Err(ModelError::Truncated(bytes.len()));
        }
        let weights = body
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect();
        Ok(Model { bits, weights })
    }

    /// Serialise in the [`Model::from_bytes`] format.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(20 + self.weights.len() * 2);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FEATURE_VERSION.to_le_bytes());
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(&(NUM_TAGS as u32).to_le_bytes());
        for w in &self.weights {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out
    }

    /// Quantise float weights into a model.
    pub fn quantise(bits: u32, weights: &[f32]) -> Model {
        let max = weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { 32767.0 / max } else { 1.0 };
        let weights = weights
            .iter()
            .map(|w| (w * scale).round().clamp(-32767.0, 32767.0) as i16)
            .collect();
        Model { bits, weights }
    }

    /// Tag a document: one tag index per token.
    pub fn tag(&self, infos: &[TokenInfo]) -> Vec<usize> {
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
            features::static_features(infos, i, &mut feats);
            features::history_features(infos, i, prev, prev2, &mut feats);
            let mut scores = [0i32; NUM_TAGS];
            for &f in &feats {
                let row = ((f & mask) as usize) * NUM_TAGS;
                let w = &self.weights[row..row + NUM_TAGS];
                for k in 0..NUM_TAGS {
                    scores[k] += w[k] as i32;
                }
            }
            let tag = best(&scores, prev);
            tags.push(tag);
            prev2 = prev;
            prev = tag;
        }
        tags
    }
}

fn best<T: PartialOrd + Copy>(scores: &[T; NUM_TAGS], prev: usize) -> usize {
    let mut best = 0;
    for k in 1..NUM_TAGS {
        if allowed(prev, k) && scores[k] > scores[best] {
            best = k;
        }
    }
    best
}

/// An averaged perceptron under training (float weights and their running sums).
pub struct Trainer {
    pub bits: u32,
    weights: Vec<f32>,
    sums: Vec<f64>,
    step: f64,
}

impl Trainer {
    pub fn new(bits: u32) -> Trainer {
        let n = (1usize << bits) * NUM_TAGS;
        Trainer {
            bits,
            weights: vec![0.0; n],
            sums: vec![0.0; n],
            step: 1.0,
        }
    }

    fn row(&self, f: u64) -> usize {
        ((f & ((1u64 << self.bits) - 1)) as usize) * NUM_TAGS
    }

    /// One pass over a document with gold tags; returns the number of token errors.
    pub fn learn(&mut self, infos: &[TokenInfo], gold: &[usize], statics: &[Vec<u64>]) -> usize {
        let mut errors = 0;
        let (mut prev, mut prev2) = (0, 0);
        let mut feats = Vec::with_capacity(64);
        for i in 0..infos.len() {
            if i > 0 && infos[i].sentence != infos[i - 1].sentence {
                prev = 0;
                prev2 = 0;
            }
            feats.clear();
            feats.extend_from_slice(&statics[i]);
            features::history_features(infos, i, prev, prev2, &mut feats);
            let mut scores = [0f32; NUM_TAGS];
            for &f in &feats {
                let row = self.row(f);
                for (k, s) in scores.iter_mut().enumerate() {
                    *s += self.weights[row + k];
                }
            }
            let guess = best(&scores, prev);
            let truth = gold[i];
            if guess != truth {
                errors += 1;
                for &f in &feats {
                    let row = self.row(f);
                    self.weights[row + truth] += 1.0;
                    self.sums[row + truth] += self.step;
                    self.weights[row + guess] -= 1.0;
                    self.sums[row + guess] -= self.step;
                }
            }
            self.step += 1.0;
            prev2 = prev;
            // Follow the model's own history, as decoding will.
            prev = guess;
        }
        errors
    }

    /// The averaged weights as a quantised model.
    pub fn averaged(&self) -> Model {
        let avg: Vec<f32> = self
            .weights
            .iter()
            .zip(&self.sums)
            .map(|(w, s)| w - (s / self.step) as f32)
            .collect();
        Model::quantise(self.bits, &avg)
    }
}
