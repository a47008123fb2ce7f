//! The newsgraph document model: one [`Document`] per article, owned text, and layers of spans.
//!
//! Everything the engine knows about an article lives in a [`Document`]. Reading fills in the
//! [`Raw`] content and the caller's [`Hints`]; the cleaning stage fixes [`Document::text`] once
//! and for all; every later stage adds a *layer* (sentences, tokens, entities, quotes, counts,
//! dates, themes, tone, events) whose positions are [`Span`]s into that text.
//!
//! Invariants:
//! - Spans are **byte** offsets into `Document::text` (cheap slicing in Rust). Only
//!   [`record::Record`] converts them to the code-point offsets of the output contract.
//! - After [`Layer::Text`] is assigned, `text` never changes: a stage that wants to rewrite it
//!   is a cleaning stage and must run before any span layer.
//! - This crate depends on nothing but serde: it knows nothing of files, HTTP or storage.
//!
//! The pipeline contract (what a stage is, how the order is checked) is in [`stage`].

pub mod hash;
pub mod layers;
pub mod licenses;
pub mod record;
pub mod stage;

pub use layers::*;
pub use record::Record;
pub use stage::{Layer, Pipeline, PipelineError, Stage, StageError};

/// A half-open byte range `[start, end)` into [`Document::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// What the reader got: plain text as scraped, or a whole HTML page.
#[derive(Debug, Clone, PartialEq)]
pub enum Raw {
    Text(String),
    Html(String),
}

/// Optional facts the caller supplied with the input record. When given they win over what the
/// engine guesses.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Hints {
    pub url: Option<String>,
    pub title: Option<String>,
    /// ISO 8601 date or date-time, as given.
    pub published: Option<String>,
    pub source: Option<String>,
}

/// One article and every layer the stages have added to it.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub id: String,
    pub hints: Hints,
    pub raw: Option<Raw>,

    // --- set by cleaning (Layer::Text, Layer::Metadata) ---
    /// The clean body: paragraphs separated by one blank line. Fixed once cleaning is done.
    pub text: String,
    pub removed: Vec<Removed>,
    pub title: Option<String>,
    /// Publication date, `YYYY-MM-DD` (the date part of the hint or what the engine found), the
    /// calendar date the page states in its own zone.
    pub published: Option<String>,
    /// The full publication timestamp with its offset (RFC 3339), when the page or the hint
    /// gives a time and an offset.
    pub published_at: Option<String>,
    pub language: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    /// Place named in a dateline ("HANGZHOU, China (Reuters) -"), if the text opens with one.
    pub dateline: Option<Span>,

    // --- segmentation ---
    pub paragraphs: Vec<Span>,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,

    // --- analysis layers ---
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
    pub counts: Vec<Count>,
    /// The figures of the article's main happening, one per count type (a subset of the
    /// figures `counts` lists, chosen as the incident's totals).
    pub toll: Vec<Count>,
    pub dates: Vec<DateMention>,
    pub themes: Vec<Theme>,
    pub tone: Option<Tone>,
    pub events: Vec<Event>,

    /// Notes on things a stage could not do for this record (never fatal).
    pub diagnostics: Vec<String>,
}

impl Document {
    /// A document from plain text, as a `.txt` file or a JSON `text` field gives it.
    pub fn from_text(id: impl Into<String>, text: impl Into<String>) -> Self {
        Document {
            id: id.into(),
            raw: Some(Raw::Text(text.into())),
            ..Default::default()
        }
    }

    /// A document from a whole HTML page.
    pub fn from_html(id: impl Into<String>, html: impl Into<String>) -> Self {
        Document {
            id: id.into(),
            raw: Some(Raw::Html(html.into())),
            ..Default::default()
        }
    }

    /// The clean text under a span.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.start..span.end]
    }

    /// Index of the sentence holding byte `pos`, if any.
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= pos);
        (i < self.sentences.len() && self.sentences[i].span.start <= pos).then_some(i)
    }

    /// Tokens inside a span (by index range into `tokens`).
    pub fn token_range(&self, span: Span) -> std::ops::Range<usize> {
        let a = self.tokens.partition_point(|t| t.span.end <= span.start);
        let b = self.tokens.partition_point(|t| t.span.start < span.end);
        a..b.max(a)
    }
}
