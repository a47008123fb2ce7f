//! newsgraph as a library: news articles in, knowledge-graph records out.
//!
//! An [`Engine`] holds the checked pipeline of stages (HTML extraction, cleaning, sentences and
//! tokens, entities and places, dates, counts, themes, tone, quotes, CAMEO events) with all its
//! knowledge embedded at compile time: nothing is downloaded or read from disk unless asked
//! (`--ner-weights`). Each article becomes one [`Record`], the same record `newsgraph analyze`
//! writes as a JSON line (the contract is `docs/OUTPUT.md`).
//!
//! ```
//! let engine = newsgraph::Engine::new()?;
//! let record = engine.analyze_text(
//!     "GENEVA (Newsgraph Wire) - Ukraine and Russia agreed on Thursday to exchange prisoners \
//!      after talks hosted by Switzerland, officials said.",
//! )?;
//! assert!(record.entities.iter().any(|e| e.name == "Switzerland"));
//! # Ok::<(), newsgraph::Error>(())
//! ```
//!
//! Many articles stream through [`Engine::analyze_records`] on several threads, in input order
//! and in bounded memory. The engine is `Send + Sync` and cheap to share: build it once.

mod pipeline;
mod stream;

pub use newsgraph_io::Item;
pub use newsgraph_model::{licenses, Document, Hints, Pipeline, Record};
pub use newsgraph_ner::Demonyms;
pub use pipeline::build_pipeline;
pub use stream::{Analyses, Outcome, CHUNK};

use std::path::PathBuf;
use std::sync::Arc;

/// Why an engine could not be built or an article could not be analyzed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Pipeline(#[from] newsgraph_model::PipelineError),
    /// A knowledge file has a bad row (a build of the project's own data files never has one:
    /// a test reads them all).
    #[error("knowledge: {0}")]
    Knowledge(#[from] newsgraph_knowledge::KnowledgeError),
    #[error(transparent)]
    EntityStages(#[from] newsgraph_ner::StagesError),
    #[error("unknown stage `{name}`; the stages are: {known}")]
    UnknownStage { name: String, known: String },
    #[error("cannot read the NER weights file `{}`: {source}", path.display())]
    WeightsFile {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("`{}`: {source}", path.display())]
    Weights {
        path: PathBuf,
        source: newsgraph_ner::tagger::ModelError,
    },
    #[error("cannot start worker threads: {0}")]
    Threads(String),
    #[error(transparent)]
    Record(#[from] RecordError),
}

/// One article that could not be read or analyzed: its id and what was wrong. In a stream it
/// stands in the article's place; the run goes on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{id}: {error}")]
pub struct RecordError {
    pub id: String,
    pub error: String,
}

/// How to build an [`Engine`]: which stages run, which tagger weights, how many threads.
///
/// ```
/// use newsgraph::{Engine, Options};
/// // Entities only: no tone, quotes or events.
/// let engine = Engine::with_options(
///     Options::default().stages(["html", "clean", "segment", "ner", "geocode"]),
/// )?;
/// let record = engine.analyze_text("The mayor of Lyon met Angela Merkel in Berlin.")?;
/// assert!(record.events.is_empty());
/// assert!(record.entities.iter().any(|e| e.name == "Berlin"));
/// # Ok::<(), newsgraph::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Options {
    stages: Option<Vec<String>>,
    ner_weights: Option<PathBuf>,
    ner_off: Vec<String>,
    demonyms: Demonyms,
    threads: Option<usize>,
    max_text_bytes: Option<usize>,
}

/// The longest article text analyzed by default: 2 MB, some forty times the longest real news
/// article; longer texts (a whole book, a log pasted as an article) are refused with a record
/// error rather than holding a worker for minutes (#20).
pub const DEFAULT_MAX_TEXT_BYTES: usize = 2 * 1024 * 1024;

impl Options {
    /// Run only these stages (by name, in the pipeline's own order). A stage whose input no
    /// chosen stage makes is refused when the engine is built, with a message naming both.
    pub fn stages<S: Into<String>>(mut self, names: impl IntoIterator<Item = S>) -> Self {
        self.stages = Some(names.into_iter().map(Into::into).collect());
        self
    }

    /// Tag entities with weights from this file (written by `newsgraph train-ner` on data you
    /// have the rights to) instead of the embedded ones, which come from research-only data.
    pub fn ner_weights(mut self, path: impl Into<PathBuf>) -> Self {
        self.ner_weights = Some(path.into());
        self
    }

    /// Refuse (with a record error) an article whose text, after HTML extraction, is longer
    /// than `bytes` (default [`DEFAULT_MAX_TEXT_BYTES`]).
    pub fn max_text_bytes(mut self, bytes: usize) -> Self {
        self.max_text_bytes = Some(bytes.max(1));
        self
    }

    /// Turn these entity rules off, by name (the list is `newsgraph_ner::rules::RULES`; an
    /// unknown name is refused when the engine is built, with the names it knows): for
    /// measuring what each rule is worth.
    pub fn ner_off<S: Into<String>>(mut self, rules: impl IntoIterator<Item = S>) -> Self {
        self.ner_off = rules.into_iter().map(Into::into).collect();
        self
    }

    /// Whether a demonym adjective ("Turkish") is a mention of its country: a convention of
    /// the gold set a user compares against, not a fact of the text ([`Demonyms`]).
    pub fn demonyms(mut self, demonyms: Demonyms) -> Self {
        self.demonyms = demonyms;
        self
    }

    /// Threads [`Engine::analyze_records`] uses when it is given 0 (default: every core).
    pub fn threads(mut self, threads: usize) -> Self {
        self.threads = Some(threads.max(1));
        self
    }
}

/// The analysis engine: the checked pipeline and its embedded knowledge.
#[derive(Clone)]
pub struct Engine {
    pipeline: Arc<Pipeline>,
    threads: usize,
}

impl Engine {
    /// The default engine: every stage, the embedded knowledge and weights.
    pub fn new() -> Result<Engine, Error> {
        Engine::with_options(Options::default())
    }

    /// An engine built from [`Options`].
    pub fn with_options(options: Options) -> Result<Engine, Error> {
        let threads = options.threads.unwrap_or_else(default_threads);
        Ok(Engine {
            pipeline: Arc::new(build_pipeline(&options)?),
            threads,
        })
    }

    /// The stages this engine runs, in order.
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.pipeline.names()
    }

    /// The pipeline, for its per-stage counters and timings.
    pub fn pipeline(&self) -> &Pipeline {
        &self.pipeline
    }

    /// The default thread count of [`Engine::analyze_records`].
    pub fn threads(&self) -> usize {
        self.threads
    }

    /// Analyze one plain-text article. Its id is a hash of the text.
    pub fn analyze_text(&self, text: &str) -> Result<Record, Error> {
        self.analyze(Article::text(text))
    }

    /// Analyze one HTML page: the main text, title, date and language are read from the page.
    ///
    /// ```
    /// let engine = newsgraph::Engine::new()?;
    /// let page = "<html><head><title>Floods in Dhaka</title></head><body><article>\
    ///     <p>DHAKA - Floods killed 14 people in Bangladesh on Monday, police said.</p>\
    ///     </article></body></html>";
    /// let record = engine.analyze_html(page)?;
    /// assert_eq!(record.title.as_deref(), Some("Floods in Dhaka"));
    /// assert!(record.counts.iter().any(|c| c.number == 14));
    /// # Ok::<(), newsgraph::Error>(())
    /// ```
    pub fn analyze_html(&self, html: &str) -> Result<Record, Error> {
        self.analyze(Article::html(html))
    }

    /// Analyze one article with what the caller knows of it (id, url, title, date, source).
    ///
    /// ```
    /// use newsgraph::{Article, Engine};
    /// let engine = Engine::new()?;
    /// let article = Article::text("Rebels attacked a convoy near Goma on Tuesday.")
    ///     .id("goma-1")
    ///     .published("2024-05-07")
    ///     .url("https://news.example/goma");
    /// let record = engine.analyze(article)?;
    /// assert_eq!(record.id, "goma-1");
    /// assert_eq!(record.published.as_deref(), Some("2024-05-07"));
    /// # Ok::<(), newsgraph::Error>(())
    /// ```
    pub fn analyze(&self, article: Article) -> Result<Record, Error> {
        let doc = article.into_document();
        let id = doc.id.clone();
        self.analyze_document(doc)
            .map_err(|error| Error::Record(RecordError { id, error }))
    }

    /// Run the pipeline on a document built by the caller. A stage error or a panic inside a
    /// stage becomes the error message; it never unwinds into the caller.
    pub fn analyze_document(&self, doc: Document) -> Result<Record, String> {
        pipeline::analyze_document(&self.pipeline, doc)
    }

    /// Analyze a stream of inputs on `threads` threads (0: the engine's default), yielding one
    /// [`Outcome`] per input, in input order. Inputs are pulled lazily, a chunk at a time, so
    /// memory stays flat whatever the input's length; an input that cannot be analyzed yields
    /// its [`RecordError`] in its place.
    ///
    /// Inputs are [`Article`]s, [`Document`]s or [`Item`]s (what `newsgraph_io` reads from files,
    /// JSON lines parsed on the worker threads).
    ///
    /// ```
    /// use newsgraph::{Article, Engine};
    /// let engine = Engine::new()?;
    /// let texts = ["Police arrested 3 men in Oslo.", "Talks resumed in Doha on Monday."];
    /// let ids: Vec<String> = engine
    ///     .analyze_records(texts.iter().map(|t| Article::text(*t)), 2)?
    ///     .map(|outcome| outcome.map(|record| record.id))
    ///     .collect::<Result<_, _>>()?;
    /// assert_eq!(ids.len(), 2);
    /// # Ok::<(), newsgraph::Error>(())
    /// ```
    pub fn analyze_records<I>(
        &self,
        inputs: I,
        threads: usize,
    ) -> Result<Analyses<I::IntoIter, Outcome>, Error>
    where
        I: IntoIterator,
        I::Item: Into<Item>,
    {
        self.analyze_records_map(inputs, threads, |outcome| outcome)
    }

    /// As [`Engine::analyze_records`], with `map` applied to every outcome on the worker
    /// threads (to serialize records in parallel, say), still in input order.
    pub fn analyze_records_map<I, T, F>(
        &self,
        inputs: I,
        threads: usize,
        map: F,
    ) -> Result<Analyses<I::IntoIter, T>, Error>
    where
        I: IntoIterator,
        I::Item: Into<Item>,
        T: Send + 'static,
        F: Fn(Outcome) -> T + Send + Sync + 'static,
    {
        let threads = if threads == 0 { self.threads } else { threads };
        Analyses::new(
            inputs.into_iter(),
            Arc::clone(&self.pipeline),
            threads,
            Arc::new(map),
        )
    }
}

/// The notices that must travel with newsgraph and its embedded data (the repository's
/// `NOTICE`: GeoNames' CC BY attribution, the MIT and ISC notices of VADER, faker and
/// world-atlas, the research-only terms of the default tagger weights). Embedded so that every
/// binary and Python wheel carries them; `newsgraph licenses --notice` prints them.
pub const NOTICE: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../NOTICE"));

/// Every embedded data file's source, licence and terms (`data/LICENSES.tsv`), as a JSON array.
///
/// ```
/// let table: serde_json::Value = serde_json::from_str(&newsgraph::licenses_json()).unwrap();
/// assert!(table.as_array().unwrap().iter().any(|row| row["file"] == "ner-weights.bin"));
/// ```
pub fn licenses_json() -> String {
    serde_json::to_string(&licenses::all()).unwrap_or_else(|_| "[]".to_string())
}

/// Every core the OS offers (1 when it does not say).
pub fn default_threads() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}

/// One input article: plain text or an HTML page, with what the caller knows of it. The fields
/// are those of an input record of `docs/OUTPUT.md`; given facts win over what the engine finds.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    id: Option<String>,
    body: Body,
    hints: Hints,
}

#[derive(Debug, Clone, PartialEq)]
enum Body {
    Text(String),
    Html(String),
}

impl Article {
    /// An article from plain text (as scraped: site furniture is cleaned off).
    pub fn text(text: impl Into<String>) -> Article {
        Article {
            id: None,
            body: Body::Text(text.into()),
            hints: Hints::default(),
        }
    }

    /// An article from a whole HTML page.
    pub fn html(html: impl Into<String>) -> Article {
        Article {
            id: None,
            body: Body::Html(html.into()),
            hints: Hints::default(),
        }
    }

    /// The record's id (default: a stable hash of the text or page).
    pub fn id(mut self, id: impl Into<String>) -> Article {
        self.id = Some(id.into());
        self
    }

    /// Where the article was published.
    pub fn url(mut self, url: impl Into<String>) -> Article {
        self.hints.url = Some(url.into());
        self
    }

    /// Its headline.
    pub fn title(mut self, title: impl Into<String>) -> Article {
        self.hints.title = Some(title.into());
        self
    }

    /// Its publication date or date-time (ISO 8601); relative dates are read against it.
    pub fn published(mut self, published: impl Into<String>) -> Article {
        self.hints.published = Some(published.into());
        self
    }

    /// The publisher's name.
    pub fn source(mut self, source: impl Into<String>) -> Article {
        self.hints.source = Some(source.into());
        self
    }

    /// The document the pipeline starts from.
    pub fn into_document(self) -> Document {
        let mut doc = match self.body {
            Body::Text(t) => {
                let id = self.id.unwrap_or_else(|| newsgraph_io::stable_id(&t));
                Document::from_text(id, t)
            }
            Body::Html(h) => {
                let id = self.id.unwrap_or_else(|| newsgraph_io::stable_id(&h));
                Document::from_html(id, h)
            }
        };
        doc.hints = self.hints;
        doc
    }
}

impl From<Article> for Item {
    fn from(article: Article) -> Item {
        Item::Doc(Box::new(article.into_document()))
    }
}

#[cfg(test)]
mod tests;
