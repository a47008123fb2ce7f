//! Plain-text cleaning (site furniture out, title, language, paragraphs) and news-aware
//! sentence and token segmentation.
//!
//! Two stages, in pipeline order:
//! - [`clean::Clean`] (`clean`): `Raw::Text` in; [`Document::text`] (the clean body,
//!   paragraphs separated by one blank line), `removed`, `paragraphs`, and the metadata
//!   (`title`, `published`, `language`, `url`, `source`, `author`, `dateline`) out.
//! - [`segment::Segment`] (`segment`): sentences and tokens over the clean text.
//!
//! Knowledge lives in `data/` at the repository root and is compiled once ([`knowledge`]):
//! `furniture.tsv` (lines that are page furniture, and why), `abbreviations.tsv` (periods
//! that do not end a sentence), `stopwords.tsv` (language profiles, and the sentence openers).
//!
//! Design decision on the headline: when the text opens with a headline line, it becomes
//! `title` **and stays in the text** as the first paragraph. Headlines carry entities, counts
//! and events ("Islamic State blasts kill dozens" is only in the seed's headline), and later
//! stages can only annotate what is in `text`. [`title_paragraph`] tells them which paragraph
//! is the headline, so a stage that wants the body only (lead paragraph, root events) can
//! skip it.
//!
//! The helpers other crates may want without running a stage: [`split_sentences`],
//! [`tokenize`], [`detect_language`].
//!
//! [`Document::text`]: newsgraph_model::Document::text

pub mod clean;
pub mod knowledge;
pub mod lang;
pub mod segment;
pub mod tokenize;

use newsgraph_model::{Document, Stage};

pub use clean::Clean;
pub use lang::detect_language;
pub use segment::{split_sentences, Segment};
pub use tokenize::{tokenize, tokenize_into};

/// This crate's stages, in the order the pipeline runs them. Knowledge is compiled here, once.
pub fn stages() -> Vec<Box<dyn Stage>> {
    knowledge::Knowledge::get();
    vec![Box::new(Clean), Box::new(Segment)]
}

/// Index of the paragraph that is the headline, when the clean text opens with it.
pub fn title_paragraph(doc: &Document) -> Option<usize> {
    let title = doc.title.as_deref()?;
    let first = *doc.paragraphs.first()?;
    let para = doc.text.get(first.start..first.end)?;
    let fold = |s: &str| s.trim_end_matches(['.', ' ']).to_lowercase();
    (fold(para) == fold(title)).then_some(0)
}
