//! Training the tagger on CoNLL-2003 files (token POS chunk NER per line, IOB1 or IOB2 tags,
//! `-DOCSTART-` between documents, blank lines between sentences).
//!
//! Each CoNLL document is rebuilt as a text (tokens joined by spaces, one sentence per line), so
//! training and tagging share one feature path. The averaged perceptron runs a fixed number of
//! epochs over shuffled documents; the epoch with the best PER/ORG/LOC mention F1 on the dev
//! file is kept.

use crate::features::{self, tag_type, TokenInfo, NUM_TAGS, TAG_NAMES};
use crate::tagger::{Model, Trainer};
use crate::Knowledge;
use newsgraph_model::{Span, Token, TokenKind};
use std::path::Path;

/// What a training run did.
#[derive(Debug, Clone)]
pub struct TrainReport {
    pub train_docs: usize,
    pub train_tokens: usize,
    pub epochs: usize,
    pub best_epoch: usize,
    /// Dev mention F1 over PER/ORG/LOC at the best epoch.
    pub dev_f1: f64,
    /// Dev F1 per type (PER, ORG, LOC).
    pub dev_f1_by_type: [f64; 3],
    pub model_bytes: usize,
}

/// Why training failed.
#[derive(Debug, thiserror::Error)]
pub enum TrainError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: no sentences found; expected CoNLL-2003 columns (token ... NER tag)")]
    Empty { path: String },
}

/// One CoNLL document as text, tokens and gold tags.
pub struct LabeledDoc {
    pub text: String,
    pub tokens: Vec<Token>,
    pub tags: Vec<usize>,
}

fn tag_index(tag: &str, prev: usize) -> usize {
    let (bio, kind) = match tag.split_once('-') {
        Some((b, k)) => (b, k),
        None => return 0,
    };
    let t = match kind {
        "PER" => 0,
        "ORG" => 1,
        "LOC" => 2,
        _ => 3,
    };
    let begin = 1 + 2 * t;
    // IOB1 "I-" opening a mention becomes B.
    if bio == "B" || tag_type(prev) != Some(t) {
        begin
    } else {
        begin + 1
    }
}

/// Parse a CoNLL-2003 file into documents.
pub fn read_conll(content: &str) -> Vec<LabeledDoc> {
    let mut docs = Vec::new();
    let mut cur = LabeledDoc {
        text: String::new(),
        tokens: Vec::new(),
        tags: Vec::new(),
    };
    let mut sentence = 0usize;
    let mut in_sentence = false;
    let mut prev = 0;
    let flush = |cur: &mut LabeledDoc, docs: &mut Vec<LabeledDoc>| {
        if !cur.tokens.is_empty() {
            docs.push(std::mem::replace(
                cur,
                LabeledDoc {
                    text: String::new(),
                    tokens: Vec::new(),
                    tags: Vec::new(),
                },
            ));
        }
    };
    for line in content.lines() {
        let line = line.trim_end();
        if line.starts_with("-DOCSTART-") {
            flush(&mut cur, &mut docs);
            sentence = 0;
            in_sentence = false;
            continue;
        }
        if line.is_empty() {
            if in_sentence {
                sentence += 1;
                in_sentence = false;
                prev = 0;
            }
            continue;
        }
        let mut cols = line.split_whitespace();
        let (Some(word), Some(tag)) = (cols.next(), line.split_whitespace().last()) else {
            continue;
        };
        if !cur.text.is_empty() {
            cur.text.push(if in_sentence { ' ' } else { '\n' });
        }
        let start = cur.text.len();
        cur.text.push_str(word);
        let kind = if word.chars().any(|c| c.is_alphabetic()) {
            TokenKind::Word
        } else if word.chars().any(|c| c.is_numeric()) {
            TokenKind::Number
        } else {
            TokenKind::Punct
        };
        cur.tokens.push(Token {
            span: Span::new(start, cur.text.len()),
            kind,
            sentence,
        });
        let t = tag_index(tag, prev);
        cur.tags.push(t);
        prev = t;
        in_sentence = true;
    }
    flush(&mut cur, &mut docs);
    docs
}

/// Mentions (token start, end, type) of a tag sequence; MISC included as type 3.
pub fn mentions(tags: &[usize], tokens: &[Token]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let continues = features::is_inside(t)
            && open.is_some_and(|(_, ty)| Some(ty) == tag_type(t))
            && i > 0
            && tokens[i].sentence == tokens[i - 1].sentence;
        if continues {
            continue;
        }
        if let Some((s, ty)) = open.take() {
            out.push((s, i, ty));
        }
        if let Some(ty) = tag_type(t) {
            open = Some((i, ty));
        }
    }
    if let Some((s, ty)) = open {
        out.push((s, tags.len(), ty));
    }
    out
}

fn read(path: &Path) -> Result<String, TrainError> {
    std::fs::read_to_string(path).map_err(|source| TrainError::Read {
        path: path.display().to_string(),
        source,
    })
}

struct Prepared {
    infos: Vec<TokenInfo>,
    statics: Vec<Vec<u64>>,
    gold: Vec<usize>,
    tokens: Vec<Token>,
}

fn prepare(docs: &[LabeledDoc], knowledge: &Knowledge) -> Vec<Prepared> {
    docs.iter()
        .map(|d| {
            let infos = knowledge.token_infos(&d.text, &d.tokens);
            let statics = (0..infos.len())
                .map(|i| {
                    let mut v = Vec::with_capacity(48);
                    features::static_features(&infos, i, &mut v);
                    v
                })
                .collect();
            Prepared {
                infos,
                statics,
                gold: d.tags.clone(),
                tokens: d.tokens.clone(),
            }
        })
        .collect()
}

/// Mention F1 over PER/ORG/LOC: (overall, per type).
fn evaluate(model: &Model, dev: &[Prepared]) -> (f64, [f64; 3]) {
    let (mut tp, mut fp, mut fneg) = ([0usize; 3], [0usize; 3], [0usize; 3]);
    for d in dev {
        let guess = model.tag(&d.infos);
        let g: Vec<_> = mentions(&d.gold, &d.tokens)
            .into_iter()
            .filter(|m| m.2 < 3)
            .collect();
        let p: Vec<_> = mentions(&guess, &d.tokens)
            .into_iter()
            .filter(|m| m.2 < 3)
            .collect();
        for m in &p {
            if g.contains(m) {
                tp[m.2] += 1;
            } else {
                fp[m.2] += 1;
            }
        }
        for m in &g {
            if !p.contains(m) {
                fneg[m.2] += 1;
            }
        }
    }
    let f1 = |tp: usize, fp: usize, fneg: usize| {
        if tp == 0 {
            0.0
        } else {
            2.0 * tp as f64 / (2 * tp + fp + fneg) as f64
        }
    };
    let by = [0, 1, 2].map(|k| f1(tp[k], fp[k], fneg[k]));
    (f1(tp.iter().sum(), fp.iter().sum(), fneg.iter().sum()), by)
}

/// Hash-table size of trained models (2^BITS buckets).
pub const BITS: u32 = 19;
/// Passes over the training data.
pub const EPOCHS: usize = 12;

/// Train the tagger on `train`, pick the epoch by `dev`, write the weights to `out`.
pub fn train(train: &Path, dev: &Path, out: &Path) -> Result<TrainReport, TrainError> {
    let knowledge = Knowledge::get();
    let train_docs = read_conll(&read(train)?);
    let dev_docs = read_conll(&read(dev)?);
    if train_docs.is_empty() {
        return Err(TrainError::Empty {
            path: train.display().to_string(),
        });
    }
    let train_set = prepare(&train_docs, knowledge);
    let dev_set = prepare(&dev_docs, knowledge);
    let bits = std::env::var("NER_BITS")
        .ok()
        .and_then(|b| b.parse().ok())
        .unwrap_or(BITS);
    let mut trainer = Trainer::new(bits);
    let mut order: Vec<usize> = (0..train_set.len()).collect();
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    let mut best: Option<(f64, [f64; 3], usize, Model)> = None;
    for epoch in 1..=EPOCHS {
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        let mut errors = 0;
        for &k in &order {
            let d = &train_set[k];
            errors += trainer.learn(&d.infos, &d.gold, &d.statics);
        }
        let model = trainer.averaged();
        let (f1, by) = evaluate(&model, &dev_set);
        eprintln!("epoch {epoch}: {errors} training errors, dev F1 {f1:.4} (PER {:.4} ORG {:.4} LOC {:.4})", by[0], by[1], by[2]);
        if best.as_ref().is_none_or(|b| f1 > b.0) {
            best = Some((f1, by, epoch, model));
        }
    }
    let Some((dev_f1, dev_f1_by_type, best_epoch, model)) = best else {
        return Err(TrainError::Empty {
            path: train.display().to_string(),
        });
    };
    let bytes = model.to_bytes();
    std::fs::write(out, &bytes).map_err(|source| TrainError::Write {
        path: out.display().to_string(),
        source,
    })?;
    Ok(TrainReport {
        train_docs: train_docs.len(),
        train_tokens: train_docs.iter().map(|d| d.tokens.len()).sum(),
        epochs: EPOCHS,
        best_epoch,
        dev_f1,
        dev_f1_by_type,
        model_bytes: bytes.len(),
    })
}

/// Tag names, for debugging output.
pub fn tag_name(tag: usize) -> &'static str {
    TAG_NAMES.get(tag).copied().unwrap_or("?")
}

const _: () = assert!(NUM_TAGS == 9);
