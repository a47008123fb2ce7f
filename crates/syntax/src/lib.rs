//! Syntax: part-of-speech tags and labelled dependency trees for the engine's tokens.
//!
//! Bird's-eye view: [`Model::analyze`] takes the words of one sentence (as the `crates/text`
//! tokenizer splits them) and returns, for each word, a tag ([`tags`]: UPOS with verb forms),
//! its head and the Universal Dependencies relation to it. Three averaged perceptrons over hashed
//! features do the work, each greedy and linear in the sentence length:
//! - [`tagger`]: left to right, from the word, its neighbours and the previous tags;
//! - [`parser`]: arc-hybrid transitions, unlabelled, trained with a dynamic oracle;
//! - [`labeler`]: the relation of each arc, from the root down.
//!
//! The weights are trained on UD English EWT by [`train::train`] (`newsgraph train-parser`) into
//! `data/parser-weights.bin`, which the knowledge layer embeds in the binary
//! (`newsgraph_knowledge::Knowledge::parser_weights`; [`Model::from_bytes`] reads them, once, in
//! the constructor of the stage that parses). Training
//! reads the treebank through [`conllu`], which maps UD's tokens onto the tokenizer's conventions
//! (hyphenated compounds whole; only `'s` and `n't` split off).
//!
//! Invariants: no I/O (the embedded weights are bytes; training takes texts), no panics on any
//! input (an empty sentence gives an empty analysis), deterministic output and training.

pub mod conllu;
pub mod features;
pub mod labeler;
pub mod linear;
pub mod parser;
pub mod tagger;
pub mod tags;
pub mod train;

use features::WordInfo;
use linear::{read_u32, Lanes, Table, TableError};
use parser::{State, NONE};

const MAGIC: &[u8; 8] = b"NGSYNTX\x01";

/// A trained tagger, parser and labeller, their tables laid out for summing.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    labels: Vec<Box<str>>,
    tagger: Lanes<{ tagger::WIDTH }>,
    parser: Lanes<{ parser::WIDTH }>,
    labeler: Lanes<{ labeler::WIDTH }>,
}

/// Why a weights file could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ModelError {
    #[error(
        "not a newsgraph parser weights file (bad magic); retrain with `newsgraph train-parser`"
    )]
    BadMagic,
    #[error("weights file: bad label list")]
    Labels,
    #[error("weights file: {0}")]
    Table(#[from] TableError),
}

/// The analysis of one sentence: per word, its tag, head (`None` for the root) and relation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Analysis {
    pub tags: Vec<u8>,
    pub heads: Vec<Option<usize>>,
    pub labels: Vec<u8>,
}

/// Buffers reused from sentence to sentence.
pub struct Scratch {
    infos: Vec<WordInfo>,
    state: State,
    heads: Vec<usize>,
    labels: labeler::LabelScratch,
}

impl Default for Scratch {
    fn default() -> Self {
        Scratch {
            infos: Vec::new(),
            state: State::new(0),
            heads: Vec::new(),
            labels: labeler::LabelScratch::default(),
        }
    }
}

impl Model {
    /// The model of trained tables (the tagger's of `NUM_TAGS` classes, the parser's of
    /// `NUM_MOVES`, the labeller's of `LANES`).
    pub(crate) fn new(
        labels: Vec<Box<str>>,
        tagger: &Table,
        parser: &Table,
        labeler: &Table,
    ) -> Result<Model, TableError> {
        Ok(Model {
            labels,
            tagger: Lanes::new(tagger, tags::NUM_TAGS)?,
            parser: Lanes::new(parser, parser::NUM_MOVES)?,
            labeler: Lanes::new(labeler, labeler::LANES)?,
        })
    }

    /// The relation names, indexed by label.
    pub fn labels(&self) -> &[Box<str>] {
        &self.labels
    }

    /// The name of a relation ("nsubj", "obl:agent"); "dep" for an unknown index.
    pub fn label_name(&self, label: u8) -> &str {
        self.labels.get(usize::from(label)).map_or("dep", |l| l)
    }

    /// The index of a relation name.
    pub fn label_index(&self, name: &str) -> Option<u8> {
        self.labels
            .iter()
            .position(|l| &**l == name)
            .map(|i| i as u8)
    }

    /// Tag the words of one sentence only (no tree).
    pub fn tag(&self, words: &[&str], scratch: &mut Scratch, tags: &mut Vec<u8>) {
        scratch.infos.clear();
        scratch.infos.extend(words.iter().map(|w| WordInfo::new(w)));
        tagger::tag(&self.tagger, &scratch.infos, tags);
    }

    /// Tag, parse and label the words of one sentence.
    pub fn analyze(&self, words: &[&str], scratch: &mut Scratch, out: &mut Analysis) {
        self.tag(words, scratch, &mut out.tags);
        parser::parse(
            &self.parser,
            &scratch.infos,
            &out.tags,
            &mut scratch.state,
            &mut scratch.heads,
        );
        labeler::label(
            &self.labeler,
            &scratch.infos,
            &out.tags,
            &scratch.heads,
            self.labels.len(),
            &mut scratch.labels,
            &mut out.labels,
        );
        out.heads.clear();
        out.heads
            .extend(scratch.heads.iter().map(|&h| (h != NONE).then_some(h)));
    }

    /// Read a weights file written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        if bytes.get(..MAGIC.len()) != Some(MAGIC.as_slice()) {
            return Err(ModelError::BadMagic);
        }
        let mut at = MAGIC.len();
        let count = read_u32(bytes, &mut at).ok_or(ModelError::Labels)? as usize;
        if count == 0 || count > labeler::LANES {
            return Err(ModelError::Labels);
        }
        let mut labels = Vec::with_capacity(count);
        for _ in 0..count {
            let len = usize::from(*bytes.get(at).ok_or(ModelError::Labels)?);
            let raw = bytes.get(at + 1..at + 1 + len).ok_or(ModelError::Labels)?;
            labels.push(Box::from(
                std::str::from_utf8(raw).map_err(|_| ModelError::Labels)?,
            ));
            at += 1 + len;
        }
        Ok(Model {
            labels,
            tagger: Lanes::read(bytes, &mut at, tags::NUM_TAGS)?,
            parser: Lanes::read(bytes, &mut at, parser::NUM_MOVES)?,
            labeler: Lanes::read(bytes, &mut at, labeler::LANES)?,
        })
    }

    /// The weights file.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(self.labels.len() as u32).to_le_bytes());
        for l in &self.labels {
            out.push(l.len() as u8);
            out.extend_from_slice(l.as_bytes());
        }
        self.tagger.table().write(&mut out);
        self.parser.table().write(&mut out);
        self.labeler.table().write(&mut out);
        out
    }
}

/// One analysis as text, a word per line: `index word tag head relation` (head 0 is the root),
/// for golden tests and debugging.
pub fn render(model: &Model, words: &[&str], analysis: &Analysis) -> String {
    let mut out = String::new();
    for (i, w) in words.iter().enumerate() {
        let head = analysis
            .heads
            .get(i)
            .copied()
            .flatten()
            .map_or(0, |h| h + 1);
        let tag = analysis.tags.get(i).map_or("?", |&t| {
            tags::TAGS.get(usize::from(t)).copied().unwrap_or("?")
        });
        let label = analysis.labels.get(i).map_or("?", |&l| model.label_name(l));
        out.push_str(&format!("{} {w} {tag} {head} {label}\n", i + 1));
    }
    out
}
