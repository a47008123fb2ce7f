//! What goes into the [`Store`](crate::Store) and what comes out, the same for every backend:
//! plain structs that the CLI prints and the server sends as JSON.

use crate::{ArticleFeatures, Links};
use serde::Serialize;

/// An analyzed article with its links, ready to store.
pub struct Linked {
    pub record: newsgraph_model::Record,
    pub links: Links,
    pub features: ArticleFeatures,
}

/// A search: full-text words and filters, all optional.
#[derive(Debug, Clone, Default)]
pub struct Query {
    /// Words to find ("truce", "\"cease fire\"", "syria AND truce").
    pub text: Option<String>,
    /// CAMEO actor code prefix, matched on event sources/targets and entity codes ("RUS").
    pub actor: Option<String>,
    /// Entity canonical name (exact, case-insensitive).
    pub entity: Option<String>,
    /// ISO 3166-1 alpha-2 country of a place the article names.
    pub country: Option<String>,
    pub theme: Option<String>,
    /// CAMEO event root code ("04").
    pub root: Option<String>,
    /// `YYYY-MM-DD` bounds on the publication date, inclusive.
    pub since: Option<String>,
    pub until: Option<String>,
    pub limit: usize,
}

/// One search result.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub id: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub story: String,
    pub duplicate_of: Option<String>,
    /// Where the article was published (the original page), when the input said.
    pub url: Option<String>,
    /// The outlet.
    pub source: Option<String>,
    pub snippet: String,
}

/// Row counts of the main tables.
#[derive(Debug, Clone, Default, Serialize)]
pub struct StoreStats {
    pub articles: u64,
    pub duplicates: u64,
    pub stories: u64,
    pub entities: u64,
    pub quotes: u64,
    pub events: u64,
    pub global_events: u64,
    pub failures: u64,
}

/// Counts of the most frequent values among a search's results.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Facets {
    /// How many articles the counts are over: every match, or the first
    /// [`crate::FACET_ARTICLES`] hits when the search has more.
    pub articles: u64,
    pub entities: Vec<(String, String, u64)>,
    pub themes: Vec<(String, u64)>,
    pub roots: Vec<(String, u64)>,
    pub countries: Vec<(String, u64)>,
}

/// One deduplicated event with how often it was reported.
#[derive(Debug, Clone, Serialize)]
pub struct EventRow {
    pub id: i64,
    pub source_code: Option<String>,
    pub target_code: Option<String>,
    pub source_name: Option<String>,
    pub target_name: Option<String>,
    pub code: String,
    pub root: String,
    pub goldstein: f64,
    pub quad_class: i64,
    pub date: Option<String>,
    pub location: Option<String>,
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub mentions: i64,
    pub articles: i64,
    pub first_article: String,
    pub text: String,
}

/// Articles and events per day.
#[derive(Debug, Clone, Serialize)]
pub struct Day {
    pub day: String,
    pub articles: u64,
    pub events: u64,
}

/// An edge of the actor network: events from one actor code to another.
#[derive(Debug, Clone, Serialize)]
pub struct Edge {
    pub source: String,
    pub target: String,
    pub events: u64,
    /// Mean Goldstein score of its events.
    pub goldstein: f64,
    /// The quad class most of its events have (1 verbal and 2 material cooperation, 3 verbal
    /// and 4 material conflict).
    pub quad_class: i64,
}

/// An actor of the network: its code, the name its events use most, and how many of the
/// selected events it is party to.
#[derive(Debug, Clone, Serialize)]
pub struct Node {
    pub code: String,
    pub name: Option<String>,
    pub events: u64,
}

/// The actor network of a query: its strongest edges and the actors they join.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Network {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

/// One event as one article reports it, with the numbers of the deduplicated event it belongs
/// to: what the GDELT Event and Mentions exports need beyond the record.
#[derive(Debug, Clone, PartialEq)]
pub struct EventMention {
    pub article_id: String,
    /// Index of the event in the article's record.
    pub idx: usize,
    pub global_id: i64,
    pub mentions: i64,
    pub articles: i64,
    pub sources: i64,
    /// The first article that reported the event, and its publication date.
    pub first_article: String,
    pub first_published: Option<String>,
    /// Mean tone of the distinct articles reporting the event.
    pub avg_tone: Option<f64>,
}
