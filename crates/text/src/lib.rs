//! Plain-text cleaning (site furniture out, title, language, paragraphs) and news-aware
//! sentence and token segmentation.
//!
//! Two stages, in pipeline order:
//! - [`clean::Clean`] (`clean`): `Raw::Text` in; [`Document::text`] (the clean body,
//!   paragraphs separated by one blank line), `removed`, `paragraphs`, and the metadata
//!   (`title`, `published`, `language`, `url`, `source`, `author`, `dateline`) out.
//! - [`segment::Segment`] (`segment`): sentences and tokens over the clean text, from the
//!   project's one tokenizer ([`tokenize`]); every later stage reads them. A stage that runs
//!   without `segment` gets the same from a [`Segmenter`].
//!
//! Knowledge comes from the knowledge layer and is compiled once, when [`stages`] builds the
//! stages ([`knowledge::TextKnowledge`]): `furniture.tsv` (lines that are page furniture, and
//! why), `abbreviations.tsv` (periods that do not end a sentence), `stopwords.tsv` (language
//! profiles, and the sentence openers).
//!
//! Design decision on the headline: when the text opens with a headline line, it becomes
//! `title` **and stays in the text** as the first paragraph. Headlines carry entities, counts
//! and events ("Islamic State blasts kill dozens" is only in the seed's headline), and later
//! stages can only annotate what is in `text`. [`title_paragraph`] tells them which paragraph
//! is the headline, so a stage that wants the body only (lead paragraph, root events) can
//! skip it.
//!
//! The helpers other crates may want without running a stage: [`Segmenter`] (sentences and
//! tokens on demand), [`detect_language`].
//!
//! [`Document::text`]: newsgraph_model::Document::text

pub mod clean;
pub mod furniture;
pub mod knowledge;
pub mod lang;
pub mod segment;
pub mod tokenize;

use newsgraph_knowledge::{Knowledge, KnowledgeError};
use newsgraph_model::{Document, Stage};
use std::sync::Arc;

pub use clean::Clean;
pub use knowledge::TextKnowledge;
pub use lang::detect_language;
pub use segment::{Segment, Segmenter};

/// This crate's stages, in the order the pipeline runs them. Knowledge is compiled here, once.
pub fn stages(k: &Knowledge) -> Result<Vec<Box<dyn Stage>>, KnowledgeError> {
    let compiled = Arc::new(TextKnowledge::new(k)?);
    Ok(vec![
        Box::new(Clean::new(compiled.clone())),
        Box::new(Segment::new(Segmenter::new(compiled))),
    ])
}

/// The sentence splitter and tokenizer of [`stages`], for stages of other crates that must
/// segment a text the same way when no `segment` stage ran before them.
pub fn segmenter(k: &Knowledge) -> Result<Segmenter, KnowledgeError> {
    Ok(Segmenter::new(Arc::new(TextKnowledge::new(k)?)))
}

/// Index of the paragraph that is the headline, when the clean text opens with it.
pub fn title_paragraph(doc: &Document) -> Option<usize> {
    let title = doc.title.as_deref()?;
    let first = *doc.paragraphs.first()?;
    let para = doc.text.get(first.start..first.end)?;
    let fold = |s: &str| s.trim_end_matches(['.', ' ']).to_lowercase();
    (fold(para) == fold(title)).then_some(0)
}
