//! Training the tagger, parser and labeller together on a CoNLL-U treebank.
//!
//! One pass over the shuffled training sentences per epoch: each sentence is tagged by the
//! current tagger (which learns from its mistakes), parsed on those predicted tags with the
//! dynamic oracle, and its gold arcs are labelled. The parser thus trains on tags as good as it
//! will see at run time. After every epoch the averaged weights are scored on the dev file and
//! the best epoch (by LAS) is kept. Everything is deterministic: a fixed seed shuffles, no hash
//! map is iterated, and the same inputs give the same weights byte for byte.

use crate::conllu::{self, Tree};
use crate::features::WordInfo;
use crate::linear::Trainer;
use crate::parser::{self, Rng, State, NONE};
use crate::tags::{self, NUM_TAGS};
use crate::{labeler, tagger, Analysis, Model, Scratch};

/// Knobs of a training run.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    pub epochs: usize,
    pub tagger_bits: u32,
    pub parser_bits: u32,
    pub labeler_bits: u32,
    /// A relation seen fewer times than this in training is folded into its base ("nmod:desc"
    /// into "nmod"), or into "dep".
    pub min_label_count: usize,
    pub seed: u64,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 15,
            tagger_bits: 17,
            parser_bits: 18,
            labeler_bits: 15,
            min_label_count: 20,
            seed: 0x5eed_2016,
        }
    }
}

/// Scores of a model on a treebank (over our tokens, punctuation included).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scores {
    pub tokens: usize,
    /// Share of tokens with the right UPOS.
    pub upos: f64,
    /// Share with the right refined tag (UPOS with verb forms).
    pub tag: f64,
    /// Unlabelled and labelled attachment scores.
    pub uas: f64,
    pub las: f64,
    /// The same two without punctuation tokens.
    pub uas_no_punct: f64,
    pub las_no_punct: f64,
}

/// What a training run did.
#[derive(Debug, Clone)]
pub struct TrainReport {
    pub train_sentences: usize,
    pub train_tokens: usize,
    pub dev_sentences: usize,
    pub epochs: usize,
    pub best_epoch: usize,
    pub dev: Scores,
    pub labels: usize,
    pub model_bytes: usize,
}

/// Why training could not run.
#[derive(Debug, thiserror::Error)]
pub enum TrainError {
    #[error("the training treebank holds no sentences (expected CoNLL-U)")]
    Empty,
    #[error("{0} relations occur often enough; the labeller has room for {max} (raise the minimum count)", max = labeler::LANES)]
    TooManyLabels(usize),
    #[error("trained table: {0}")]
    Table(#[from] crate::linear::TableError),
}

/// The relation inventory: every label seen at least `min` times, sorted, plus "dep".
fn label_inventory(trees: &[Tree], min: usize) -> Vec<Box<str>> {
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    for t in trees {
        for tok in &t.tokens {
            *counts.entry(tok.deprel.as_str()).or_default() += 1;
        }
    }
    let mut labels: Vec<Box<str>> = counts
        .iter()
        .filter(|(_, &c)| c >= min)
        .map(|(l, _)| Box::from(*l))
        .collect();
    if !labels.iter().any(|l| &**l == "dep") {
        labels.push("dep".into());
        labels.sort();
    }
    labels
}

/// The label index of a relation: itself, else its base, else "dep".
fn label_of(labels: &[Box<str>], rel: &str) -> u8 {
    let find = |name: &str| labels.iter().position(|l| &**l == name);
    let base = rel.split(':').next().unwrap_or(rel);
    find(rel)
        .or_else(|| find(base))
        .or_else(|| find("dep"))
        .unwrap_or(0) as u8
}

/// A tree ready for training: word descriptions, gold tags, heads (0-based, `NONE` for the
/// root) and labels.
struct Example {
    infos: Vec<WordInfo>,
    tags: Vec<u8>,
    heads: Vec<usize>,
    labels: Vec<u8>,
}

fn prepare(trees: &[Tree], labels: &[Box<str>]) -> Vec<Example> {
    trees
        .iter()
        .filter(|t| !t.tokens.is_empty())
        .map(|t| Example {
            infos: t.tokens.iter().map(|k| WordInfo::new(&k.form)).collect(),
            tags: t.tokens.iter().map(|k| k.tag).collect(),
            heads: t
                .tokens
                .iter()
                .map(|k| if k.head == 0 { NONE } else { k.head - 1 })
                .collect(),
            labels: t
                .tokens
                .iter()
                .map(|k| label_of(labels, &k.deprel))
                .collect(),
        })
        .collect()
}

/// Fisher-Yates with the run's generator: the same order on every machine.
fn shuffle(order: &mut [usize], rng: &mut Rng) {
    for i in (1..order.len()).rev() {
        let j = (rng.next_u64() % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
}

/// Score a model on gold trees.
pub fn evaluate(model: &Model, trees: &[Tree]) -> Scores {
    let mut scratch = Scratch::default();
    let mut out = Analysis::default();
    let (mut n, mut upos, mut tag, mut uas, mut las) = (0usize, 0, 0, 0, 0);
    let (mut n_np, mut uas_np, mut las_np) = (0usize, 0, 0);
    let punct = tags::index("PUNCT").unwrap_or(u8::MAX);
    for t in trees {
        let words: Vec<&str> = t.tokens.iter().map(|k| k.form.as_str()).collect();
        model.analyze(&words, &mut scratch, &mut out);
        for (i, k) in t.tokens.iter().enumerate() {
            let head = out.heads[i].map_or(0, |h| h + 1);
            let gold_label = label_of(&model.labels, &k.deprel);
            let head_ok = head == k.head;
            let label_ok = head_ok && out.labels[i] == gold_label;
            n += 1;
            upos += usize::from(tags::upos(out.tags[i]) == tags::upos(k.tag));
            tag += usize::from(out.tags[i] == k.tag);
            uas += usize::from(head_ok);
            las += usize::from(label_ok);
            if k.tag != punct {
                n_np += 1;
                uas_np += usize::from(head_ok);
                las_np += usize::from(label_ok);
            }
        }
    }
    let share = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    Scores {
        tokens: n,
        upos: share(upos, n),
        tag: share(tag, n),
        uas: share(uas, n),
        las: share(las, n),
        uas_no_punct: share(uas_np, n_np),
        las_no_punct: share(las_np, n_np),
    }
}

/// Train on the texts of two CoNLL-U files; `progress` hears one line per epoch.
pub fn train(
    train_text: &str,
    dev_text: &str,
    opts: &TrainOptions,
    mut progress: impl FnMut(&str),
) -> Result<(Model, TrainReport), TrainError> {
    let train_trees = conllu::read(train_text);
    let dev_trees = conllu::read(dev_text);
    if train_trees.is_empty() {
        return Err(TrainError::Empty);
    }
    let labels = label_inventory(&train_trees, opts.min_label_count);
    if labels.len() > labeler::LANES {
        return Err(TrainError::TooManyLabels(labels.len()));
    }
    let examples = prepare(&train_trees, &labels);
    let mut tag_trainer = Trainer::new(opts.tagger_bits, NUM_TAGS);
    let mut parse_trainer = Trainer::new(opts.parser_bits, parser::NUM_MOVES);
    let mut label_trainer = Trainer::new(opts.labeler_bits, labeler::LANES);
    let mut rng = Rng::new(opts.seed);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut state = State::new(0);
    let mut feats = Vec::with_capacity(64);
    let mut predicted = Vec::new();
    let mut best: Option<(Model, Scores, usize)> = None;
    for epoch in 1..=opts.epochs {
        shuffle(&mut order, &mut rng);
        let (mut tags_right, mut heads_right, mut labels_right, mut total) = (0, 0, 0, 0);
        for &k in &order {
            let ex = &examples[k];
            tags_right += tagger::learn(&mut tag_trainer, &ex.infos, &ex.tags, &mut predicted);
            // The tags predicted before this sentence's update: about as wrong as at run time
            // in the first epochs (5-fold jackknifed tags scored no better on dev).
            let tags = &predicted;
            heads_right += parser::learn(
                &mut parse_trainer,
                &ex.infos,
                tags,
                &ex.heads,
                epoch > 1,
                &mut rng,
                &mut state,
                &mut feats,
            );
            labels_right += labeler::learn(
                &mut label_trainer,
                labels.len(),
                &ex.infos,
                tags,
                &ex.heads,
                &ex.labels,
            );
            total += ex.infos.len();
        }
        let model = Model::new(
            labels.clone(),
            &tag_trainer.averaged(),
            &parse_trainer.averaged(),
            &label_trainer.averaged(),
        )?;
        let dev = evaluate(&model, &dev_trees);
        let share = |a: usize| a as f64 / total.max(1) as f64;
        progress(&format!(
            "epoch {epoch}: train tag {:.4} head {:.4} label {:.4}; dev UPOS {:.4} UAS {:.4} LAS {:.4}",
            share(tags_right),
            share(heads_right),
            share(labels_right),
            dev.upos,
            dev.uas,
            dev.las
        ));
        if best.as_ref().is_none_or(|(_, b, _)| dev.las > b.las) {
            best = Some((model, dev, epoch));
        }
    }
    let (model, dev, best_epoch) = best.ok_or(TrainError::Empty)?;
    let report = TrainReport {
        train_sentences: examples.len(),
        train_tokens: examples.iter().map(|e| e.infos.len()).sum(),
        dev_sentences: dev_trees.len(),
        epochs: opts.epochs,
        best_epoch,
        dev,
        labels: labels.len(),
        model_bytes: model.to_bytes().len(),
    };
    Ok((model, report))
}

/// For each of `relations`: how many gold words with it got the right head and relation, of
/// how many (a finer look than LAS at the arcs the event coder reads).
pub fn relation_recall(model: &Model, trees: &[Tree], relations: &[&str]) -> Vec<(usize, usize)> {
    let mut scratch = Scratch::default();
    let mut out = Analysis::default();
    let mut counts = vec![(0, 0); relations.len()];
    for t in trees {
        let words: Vec<&str> = t.tokens.iter().map(|k| k.form.as_str()).collect();
        model.analyze(&words, &mut scratch, &mut out);
        for (i, k) in t.tokens.iter().enumerate() {
            let Some(r) = relations.iter().position(|r| *r == k.deprel) else {
                continue;
            };
            let head = out.heads[i].map_or(0, |h| h + 1);
            let right = head == k.head && model.label_name(out.labels[i]) == k.deprel;
            counts[r].0 += usize::from(right);
            counts[r].1 += 1;
        }
    }
    counts
}
