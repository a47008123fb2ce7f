//! Training the tagger on CoNLL-2003 files (token POS chunk NER per line, IOB1 or IOB2 tags,
//! `-DOCSTART-` between documents, blank lines between sentences).
//!
//! Each CoNLL document is rebuilt as a text (tokens joined by spaces, one sentence per line), so
//! training and tagging share one feature path. The averaged perceptron runs a fixed number of
//! epochs over shuffled documents; the epoch with the best PER/ORG/LOC mention F1 on the dev
//! file is kept.

use crate::features::{self, tag_type, Sources, TokenInfo, NUM_TAGS, TAG_NAMES};
use crate::gazetteer::Gazetteer;
use crate::lexicon::Lexicon;
use crate::tagger::{best, mentions, Model, Table};
use newsgraph_knowledge::{Knowledge, KnowledgeError};
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
    #[error(transparent)]
    Knowledge(#[from] KnowledgeError),
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

fn prepare(docs: &[LabeledDoc], sources: Sources) -> Vec<Prepared> {
    docs.iter()
        .map(|d| {
            let infos = sources.infos(&d.text, &d.tokens);
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

/// Second-stage features of a document: its static features plus the document hints of
/// `first` (first-pass tags from a model that did not see this document in training).
fn with_hints(d: &Prepared, first: &[usize]) -> Vec<Vec<u64>> {
    let hints = features::doc_hints(&d.infos, first);
    d.statics
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut v = s.clone();
            features::doc_features(&hints, i, &mut v);
            v
        })
        .collect()
}

/// Mention F1 over PER/ORG/LOC: (overall, per type), tagging with `tag`.
fn evaluate(dev: &[Prepared], tag: impl Fn(usize, &Prepared) -> Vec<usize>) -> (f64, [f64; 3]) {
    let (mut tp, mut fp, mut fneg) = ([0usize; 3], [0usize; 3], [0usize; 3]);
    for (k, d) in dev.iter().enumerate() {
        let guess = tag(k, d);
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

/// Hash-table size of trained models (2^BITS buckets per stage; 19 scored no better and
/// doubles the memory the lookups range over).
pub const BITS: u32 = 18;
/// Passes over the training data.
pub const EPOCHS: usize = 12;
/// Perceptrons averaged into each stage.
pub const COPIES: usize = 1;
/// Folds of the jackknife that gives the second stage honest first-pass tags.
pub const FOLDS: usize = 5;

/// Knobs of a training run (the defaults are what `data/ner-weights.bin` was trained with;
/// `NER_BITS`, `NER_EPOCHS`, `NER_FOLDS` (0 = one stage), `NER_DROPOUT`, `NER_SEED` and `NER_COPIES` override them for
/// experiments).
#[derive(Debug, Clone)]
pub struct TrainOptions {
    pub bits: u32,
    pub epochs: usize,
    pub folds: usize,
    pub dropout: f64,
    /// Mixed into the document shuffling (0 = the default order).
    pub seed: u64,
    /// Perceptrons averaged per stage, each over its own document order.
    pub copies: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            bits: BITS,
            epochs: EPOCHS,
            folds: FOLDS,
            dropout: 0.0,
            seed: 0,
            copies: COPIES,
        }
    }
}

impl TrainOptions {
    /// The defaults, overridden by the environment variables named above.
    pub fn from_env() -> TrainOptions {
        fn var<T: std::str::FromStr>(name: &str) -> Option<T> {
            std::env::var(name).ok().and_then(|v| v.parse().ok())
        }
        let d = TrainOptions::default();
        TrainOptions {
            bits: var("NER_BITS").unwrap_or(d.bits),
            epochs: var("NER_EPOCHS").unwrap_or(d.epochs),
            folds: var("NER_FOLDS").unwrap_or(d.folds),
            dropout: var("NER_DROPOUT").unwrap_or(d.dropout),
            seed: var("NER_SEED").unwrap_or(d.seed),
            copies: var("NER_COPIES").unwrap_or(d.copies),
        }
    }
}

/// Dev F1 (overall, per type) of a stage's weights.
type Scorer<'a> = dyn Fn(&Table) -> (f64, [f64; 3]) + 'a;

/// The outcome of training one stage.
struct Stage {
    table: Table,
    best_epoch: usize,
    f1: f64,
    by_type: [f64; 3],
}

/// Train one stage on `docs` (with per-document features `statics`) for `epochs` passes over
/// shuffled documents. With `score`, the epoch whose averaged weights score best is kept;
/// without, the last.
fn train_stage(
    docs: &[&Prepared],
    statics: &[&[Vec<u64>]],
    opts: &TrainOptions,
    epochs: usize,
    score: Option<&Scorer>,
    label: &str,
) -> Stage {
    // Several perceptrons, each over its own document order, averaged into one table: less
    // dependent on the luck of one order.
    let copies = opts.copies.max(1);
    let mut trainers: Vec<Trainer> = (0..copies)
        .map(|_| {
            let mut t = Trainer::new(opts.bits);
            t.dropout = opts.dropout;
            t
        })
        .collect();
    let mut orders: Vec<Vec<usize>> = vec![(0..docs.len()).collect(); copies];
    let mut rngs: Vec<u64> = (0..copies as u64)
        .map(|c| {
            0x2545_f491_4f6c_dd1du64 ^ (opts.seed + c * 0x1000).wrapping_mul(0x9e37_79b9_7f4a_7c15)
        })
        .collect();
    let averaged = |trainers: &[Trainer]| -> Table {
        let mut sum = trainers[0].averaged_floats();
        for t in &trainers[1..] {
            for (s, w) in sum.iter_mut().zip(t.averaged_floats()) {
                *s += w;
            }
        }
        Table::quantise(opts.bits, &sum)
    };
    let mut best: Option<Stage> = None;
    for epoch in 1..=epochs {
        let mut errors = 0;
        for ((trainer, order), rng) in trainers.iter_mut().zip(&mut orders).zip(&mut rngs) {
            for i in (1..order.len()).rev() {
                *rng ^= *rng << 13;
                *rng ^= *rng >> 7;
                *rng ^= *rng << 17;
                order.swap(i, (*rng % (i as u64 + 1)) as usize);
            }
            for &k in order.iter() {
                let d = docs[k];
                errors += trainer.learn(&d.infos, &d.gold, statics[k]);
            }
        }
        let Some(score) = score else {
            if epoch == epochs {
                best = Some(Stage {
                    table: averaged(&trainers),
                    best_epoch: epoch,
                    f1: 0.0,
                    by_type: [0.0; 3],
                });
            }
            continue;
        };
        let table = averaged(&trainers);
        let (f1, by) = score(&table);
        eprintln!("{label} epoch {epoch}: {errors} training errors, dev F1 {f1:.4} (PER {:.4} ORG {:.4} LOC {:.4})", by[0], by[1], by[2]);
        if best.as_ref().is_none_or(|b| f1 > b.f1) {
            best = Some(Stage {
                table,
                best_epoch: epoch,
                f1,
                by_type: by,
            });
        }
    }
    best.unwrap_or_else(|| Stage {
        table: averaged(&trainers),
        best_epoch: 0,
        f1: 0.0,
        by_type: [0.0; 3],
    })
}

/// Train a model on CoNLL documents, choosing epochs by `dev_docs`; `sources` give the
/// gazetteer and word features.
pub fn train_model(
    sources: Sources,
    train_docs: &[LabeledDoc],
    dev_docs: &[LabeledDoc],
    opts: &TrainOptions,
) -> (Model, TrainReport) {
    let train_set = prepare(train_docs, sources);
    let dev_set = prepare(dev_docs, sources);
    let all: Vec<&Prepared> = train_set.iter().collect();
    let statics: Vec<&[Vec<u64>]> = train_set.iter().map(|d| d.statics.as_slice()).collect();
    let score_first = |t: &Table| evaluate(&dev_set, |_, d| t.tag(&d.infos, None));
    let first = train_stage(
        &all,
        &statics,
        opts,
        opts.epochs,
        Some(&score_first),
        "stage 1",
    );
    let mut report = TrainReport {
        train_docs: train_docs.len(),
        train_tokens: train_docs.iter().map(|d| d.tokens.len()).sum(),
        epochs: opts.epochs,
        best_epoch: first.best_epoch,
        dev_f1: first.f1,
        dev_f1_by_type: first.by_type,
        model_bytes: 0,
    };
    if opts.folds < 2 {
        let model = Model::new(first.table, None);
        report.model_bytes = model.to_bytes().len();
        return (model, report);
    }
    // Jackknife: each training document gets first-pass tags from a model trained without it,
    // so the second stage learns how far to trust first-pass tags on unseen text.
    let mut first_tags: Vec<Vec<usize>> = vec![Vec::new(); train_set.len()];
    for fold in 0..opts.folds {
        let (held, kept): (Vec<usize>, Vec<usize>) =
            (0..train_set.len()).partition(|k| k % opts.folds == fold);
        let docs: Vec<&Prepared> = kept.iter().map(|&k| &train_set[k]).collect();
        let st: Vec<&[Vec<u64>]> = kept.iter().map(|&k| statics[k]).collect();
        let stage = train_stage(&docs, &st, opts, first.best_epoch, None, "fold");
        for k in held {
            first_tags[k] = stage.table.tag(&train_set[k].infos, None);
        }
        eprintln!("fold {fold} done");
    }
    let statics2: Vec<Vec<Vec<u64>>> = train_set
        .iter()
        .zip(&first_tags)
        .map(|(d, t)| with_hints(d, t))
        .collect();
    let statics2_refs: Vec<&[Vec<u64>]> = statics2.iter().map(|s| s.as_slice()).collect();
    let dev_hints: Vec<Vec<features::DocHint>> = dev_set
        .iter()
        .map(|d| features::doc_hints(&d.infos, &first.table.tag(&d.infos, None)))
        .collect();
    let score_second = |t: &Table| evaluate(&dev_set, |k, d| t.tag(&d.infos, Some(&dev_hints[k])));
    let second = train_stage(
        &all,
        &statics2_refs,
        opts,
        opts.epochs,
        Some(&score_second),
        "stage 2",
    );
    report.best_epoch = second.best_epoch;
    report.dev_f1 = second.f1;
    report.dev_f1_by_type = second.by_type;
    let model = Model::new(first.table, Some(second.table));
    report.model_bytes = model.to_bytes().len();
    (model, report)
}

/// Train the tagger on `train`, pick epochs by `dev`, write the weights to `out`; `knowledge`
/// gives the gazetteer and word features (the embedded knowledge for the shipped weights).
pub fn train(
    knowledge: &Knowledge,
    train: &Path,
    dev: &Path,
    out: &Path,
) -> Result<TrainReport, TrainError> {
    let train_docs = read_conll(&read(train)?);
    let dev_docs = read_conll(&read(dev)?);
    if train_docs.is_empty() {
        return Err(TrainError::Empty {
            path: train.display().to_string(),
        });
    }
    let lex = Lexicon::new(knowledge)?;
    let gaz = Gazetteer::new(knowledge)?;
    let sources = Sources {
        lex: &lex,
        gaz: &gaz,
    };
    let (model, report) = train_model(sources, &train_docs, &dev_docs, &TrainOptions::from_env());
    std::fs::write(out, model.to_bytes()).map_err(|source| TrainError::Write {
        path: out.display().to_string(),
        source,
    })?;
    Ok(report)
}

/// Tag names, for debugging output.
pub fn tag_name(tag: usize) -> &'static str {
    TAG_NAMES.get(tag).copied().unwrap_or("?")
}

const _: () = assert!(NUM_TAGS == 9);

/// An averaged perceptron under training (float weights and their running sums).
pub struct Trainer {
    pub bits: u32,
    weights: Vec<f32>,
    sums: Vec<f64>,
    step: f64,
    /// Probability of leaving a feature out of an update (0 = none), and the generator state.
    pub dropout: f64,
    rng: u64,
}

impl Trainer {
    pub fn new(bits: u32) -> Trainer {
        let n = (1usize << bits) * NUM_TAGS;
        Trainer {
            bits,
            weights: vec![0.0; n],
            sums: vec![0.0; n],
            step: 1.0,
            dropout: 0.0,
            rng: 0x9e37_79b9_7f4a_7c15,
        }
    }

    fn row(&self, f: u64) -> usize {
        ((f & ((1u64 << self.bits) - 1)) as usize) * NUM_TAGS
    }

    fn next_unit(&mut self) -> f64 {
        self.rng ^= self.rng << 13;
        self.rng ^= self.rng >> 7;
        self.rng ^= self.rng << 17;
        (self.rng >> 11) as f64 / (1u64 << 53) as f64
    }

    /// One pass over a document with gold tags; `statics` are each token's features that do
    /// not depend on tags. Returns the number of token errors.
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
            if self.dropout > 0.0 {
                for (k, &f) in statics[i].iter().enumerate() {
                    // The bias (first) always stays.
                    if k == 0 || self.next_unit() >= self.dropout {
                        feats.push(f);
                    }
                }
            } else {
                feats.extend_from_slice(&statics[i]);
            }
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

    /// The averaged weights.
    pub fn averaged_floats(&self) -> Vec<f32> {
        self.weights
            .iter()
            .zip(&self.sums)
            .map(|(w, s)| w - (s / self.step) as f32)
            .collect()
    }

    /// The averaged weights as a quantised table.
    pub fn averaged(&self) -> Table {
        Table::quantise(self.bits, &self.averaged_floats())
    }
}
