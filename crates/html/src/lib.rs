//! Main text, title and date from HTML pages, and the readers that bring pages in: WARC
//! archives, RSS/Atom feeds, sitemaps (`sitemap.rs`: what `newsgraph watch` polls), and a
//! sniffer that tells which kind of input a file holds.
//!
//! The `html` stage turns [`Raw::Html`] into [`Raw::Text`] (the article's main text,
//! paragraphs separated by one blank line) and fills the document's metadata fields the page
//! reveals; caller hints always win. Plain-text documents pass through untouched.
//!
//! What the readers know (month names, date words, entity names, class hints) is an
//! [`HtmlKnowledge`], compiled once from the knowledge layer by [`stages`] or by the caller of a
//! reader that is no stage ([`read_feed`], [`read_listing`]).

pub mod date;
pub mod decode;
pub mod dom;
pub mod extract;
pub mod feed;
pub mod knowledge;
pub mod meta;
pub mod sitemap;
pub mod sniff;
pub mod warc;

use newsgraph_knowledge::{Knowledge, KnowledgeError};
use newsgraph_model::{Document, Layer, Raw, Stage, StageError};
use std::sync::Arc;

pub use decode::decode_html_bytes;
pub use feed::{read_feed, FeedItem};
pub use knowledge::HtmlKnowledge;
pub use meta::PageMeta;
pub use sitemap::{read_listing, ListedPage, ListedSitemap, Listing};
pub use sniff::{sniff, InputKind};
pub use warc::{read_warc, WarcArticle, WarcReader};

/// Pages larger than this are refused rather than parsed: no news article is this big, and the
/// parser's memory grows with the page.
pub const MAX_HTML_BYTES: usize = 20 * 1024 * 1024;

/// What extraction found in one page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Article {
    /// Main text, paragraphs separated by one blank line.
    pub text: String,
    pub meta: PageMeta,
}

/// Extract the main text and metadata of an HTML page. `url` is the page address if known
/// (it helps date the page); `k` is what the readers know (see [`HtmlKnowledge`]).
pub fn extract_article(
    html: &str,
    url: Option<&str>,
    k: &Arc<HtmlKnowledge>,
) -> Result<Article, String> {
    if html.len() > MAX_HTML_BYTES {
        return Err(format!(
            "page is {:.1} MB, over the {} MB limit for HTML extraction",
            html.len() as f64 / (1024.0 * 1024.0),
            MAX_HTML_BYTES / (1024 * 1024)
        ));
    }
    let dom = dom::parse_html(html, k);
    let meta = meta::page_meta(&dom, url);
    let text = extract::extract_main_text(&dom, meta.title.as_deref());
    Ok(Article { text, meta })
}

/// The `html` stage: HTML page in, main text and metadata out.
pub struct HtmlStage {
    knowledge: Arc<HtmlKnowledge>,
}

impl HtmlStage {
    /// The stage, with the readers' tables compiled from `k`.
    pub fn new(k: &Knowledge) -> Result<HtmlStage, KnowledgeError> {
        Ok(HtmlStage {
            knowledge: HtmlKnowledge::new(k)?,
        })
    }
}

impl Stage for HtmlStage {
    fn name(&self) -> &'static str {
        "html"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Raw]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Raw, Layer::Metadata]
    }
    fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        let Some(Raw::Html(html)) = &doc.raw else {
            return Ok(());
        };
        let article = extract_article(html, doc.hints.url.as_deref(), &self.knowledge)
            .map_err(|m| StageError::new("html", m))?;
        let m = article.meta;
        let hints = &doc.hints;
        doc.title = hints.title.clone().or(m.title);
        let hinted = hints
            .published
            .as_deref()
            .and_then(|p| date::parse_attr_stamp(p, &self.knowledge));
        if let Some((date, stamp)) = hinted {
            doc.published = Some(date.iso());
            doc.published_at = stamp.and_then(|t| t.rfc3339);
        } else {
            doc.published = m.published;
            doc.published_at = m.published_at;
        }
        doc.source = hints.source.clone().or(m.site_name);
        doc.url = hints.url.clone().or(m.url);
        doc.author = m.author;
        doc.language = m.language;
        if article.text.is_empty() {
            doc.diagnostics
                .push("html: no main text found in the page".to_string());
        }
        doc.raw = Some(Raw::Text(article.text));
        Ok(())
    }
}

/// This crate's stages, in the order the pipeline runs them. Knowledge is compiled here, once.
pub fn stages(k: &Knowledge) -> Result<Vec<Box<dyn Stage>>, KnowledgeError> {
    Ok(vec![Box::new(HtmlStage::new(k)?)])
}
