//! Linking across articles, in memory and without I/O: near-duplicates (MinHash/LSH over word
//! shingles of the text with entity mentions replaced by their canonical names) and stories
//! (an article joins the story whose recent articles it is close to, as a whole: see
//! `stories.rs`).
//!
//! The [`Linker`] sees articles one at a time in ingest order and answers, for each, which
//! earlier article it copies (if any) and which story it joins. Its whole state can be rebuilt
//! from what it returned ([`ArticleFeatures`] are stored), so an interrupted ingest resumes with
//! the same answers. `terms.rs` reads the features of an article.

mod stories;
mod terms;

pub use terms::{canonical_words, date_of, day_number, features_of};

use crate::Stopwords;
use newsgraph_model::hash::FastMap;
use newsgraph_model::Record;
use stories::Story;
use terms::{band_key, HASHES, ROWS};

/// The version of the linking rules: raised when a change links articles differently, so a
/// store linked by older rules can say so (`newsgraph relink` links it again).
pub const RULES: u32 = 2;

/// The linker's thresholds. The defaults were tuned on the GVA development stories and checked
/// on the bench corpus (see `examples/tune_stories.rs`); a deployment with other news may want
/// its own.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinkerConfig {
    /// Estimated Jaccard similarity at or above which an article is a copy of an earlier one.
    pub duplicate_jaccard: f64,
    /// Terms kept per article vector for story clustering.
    pub top_terms: usize,
    /// Cosine similarity, between an article and the centroid of a story's recent articles, at
    /// or above which the article joins the story.
    pub story_similarity: f64,
    /// Cosine similarity between an article's entities and the entity profile of a story's
    /// recent articles below which it does not join (when both name entities).
    pub story_entity_similarity: f64,
    /// A story's recent articles, for an article of day `d`: those within this many days of it.
    pub story_window_days: i64,
    /// No story spans more days than this, from its first article to its last.
    pub story_max_days: i64,
    /// Stories weighed in full per article: those of its closest earlier articles.
    pub story_candidates: usize,
    /// Posting lists longer than this are too common to propose story candidates.
    pub max_postings: usize,
    /// Weight of an entity-name term against a word term.
    pub entity_weight: u32,
    /// Weight of a word of the title against a word of the text.
    pub title_weight: u32,
}

impl Default for LinkerConfig {
    fn default() -> Self {
        LinkerConfig {
            duplicate_jaccard: 0.5,
            top_terms: 256,
            story_similarity: 0.15,
            story_entity_similarity: 0.03,
            story_window_days: 7,
            story_max_days: 31,
            story_candidates: 8,
            max_postings: 400,
            entity_weight: 2,
            title_weight: 2,
        }
    }
}

/// What the linker keeps of one article; stored with it so the linker can be rebuilt.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ArticleFeatures {
    pub minhash: Vec<u32>,
    /// (term hash, raw count) of the article's most distinctive terms.
    pub terms: Vec<(u64, u32)>,
    /// (entity term hash, mentions) of the entities it names. Empty in features stored before
    /// entities were kept apart (schema version 2 and older).
    #[serde(default)]
    pub entities: Vec<(u64, u32)>,
    /// Days since 1970-01-01 of the publication date, when known.
    pub day: Option<i64>,
}

/// The linker's answer for one article.
#[derive(Debug, Clone, PartialEq)]
pub struct Links {
    pub duplicate_of: Option<String>,
    pub story: String,
}

struct Known {
    id: String,
    story: u32,
    day: Option<i64>,
    minhash: Vec<u32>,
    /// The article's terms as a unit TF-IDF vector (weights as of its insertion).
    vector: Vec<(u64, f32)>,
    entities: Vec<(u64, u32)>,
}

/// Incremental linker over the articles seen so far.
#[derive(Default)]
pub struct Linker {
    config: LinkerConfig,
    known: Vec<Known>,
    bands: FastMap<(u8, u64), Vec<u32>>,
    /// Term → (article, weight of the term in that article's unit vector, as of its insertion).
    postings: FastMap<u64, Vec<(u32, f32)>>,
    df: FastMap<u64, u32>,
    /// Entity term → articles naming it.
    entity_df: FastMap<u64, u32>,
    stories: Vec<Story>,
    story_index: FastMap<String, u32>,
    /// Words that are never terms (`stopwords.tsv`, through the knowledge layer).
    stopwords: Stopwords,
}

impl Linker {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_config(config: LinkerConfig) -> Self {
        Linker {
            config,
            ..Self::default()
        }
    }

    pub fn config(&self) -> &LinkerConfig {
        &self.config
    }

    pub fn len(&self) -> usize {
        self.known.len()
    }

    pub fn is_empty(&self) -> bool {
        self.known.is_empty()
    }

    fn story_idx(&mut self, story: &str) -> u32 {
        if let Some(&i) = self.story_index.get(story) {
            return i;
        }
        let i = self.stories.len() as u32;
        self.stories.push(Story::new(story));
        self.story_index.insert(story.to_string(), i);
        i
    }

    /// Re-add an article that was linked before (rebuilding state at start-up). Articles must
    /// come back in their ingest order, so that term weights are what they were.
    pub fn restore(&mut self, id: &str, story: &str, features: ArticleFeatures) {
        let story_idx = self.story_idx(story);
        self.insert(id, story_idx, features);
    }

    /// [`Linker::link`] with the record kept beside its links, as the store writes it.
    pub fn linked(&mut self, record: Record) -> crate::Linked {
        let (links, features) = self.link(&record);
        crate::Linked {
            record,
            links,
            features,
        }
    }

    /// Link a new article: find what it copies and the story it belongs to, then remember it.
    pub fn link(&mut self, record: &Record) -> (Links, ArticleFeatures) {
        let features = features_of(record, &self.df, &self.config, &self.stopwords);
        let duplicate = self.find_duplicate(&features.minhash);
        // A copy joins its original's story, unless it comes too long after it (a reprint).
        let story = duplicate
            .map(|d| self.known[d as usize].story)
            .filter(|&s| self.stories[s as usize].admits(features.day, &self.config))
            .or_else(|| self.find_story(&features));
        let story = match story {
            Some(s) => s,
            None => self.story_idx(&format!("s-{}", record.id)),
        };
        let links = Links {
            duplicate_of: duplicate.map(|d| self.known[d as usize].id.clone()),
            story: self.stories[story as usize].id.clone(),
        };
        self.insert(&record.id, story, features.clone());
        (links, features)
    }

    fn insert(&mut self, id: &str, story: u32, features: ArticleFeatures) {
        let idx = self.known.len() as u32;
        for (b, band) in features.minhash.chunks(ROWS).enumerate() {
            self.bands
                .entry((b as u8, band_key(band)))
                .or_default()
                .push(idx);
        }
        for &(t, _) in &features.terms {
            *self.df.entry(t).or_default() += 1;
        }
        for &(t, _) in &features.entities {
            *self.entity_df.entry(t).or_default() += 1;
        }
        let vector: Vec<(u64, f32)> = self
            .weighted(&features.terms)
            .into_iter()
            .map(|(t, w)| (t, w as f32))
            .collect();
        for &(t, w) in &vector {
            let list = self.postings.entry(t).or_default();
            // Terms this common say little about a story; past the cap they stop being indexed.
            if list.len() <= self.config.max_postings {
                list.push((idx, w));
            }
        }
        if let Some(s) = self.stories.get_mut(story as usize) {
            s.add(idx, features.day);
        }
        self.known.push(Known {
            id: id.to_string(),
            story,
            day: features.day,
            minhash: features.minhash,
            vector,
            entities: features.entities,
        });
    }

    fn find_duplicate(&self, minhash: &[u32]) -> Option<u32> {
        if minhash.is_empty() {
            return None;
        }
        let mut best: Option<(u32, f64)> = None;
        for (b, band) in minhash.chunks(ROWS).enumerate() {
            let Some(cands) = self.bands.get(&(b as u8, band_key(band))) else {
                continue;
            };
            for &c in cands {
                let other = &self.known[c as usize].minhash;
                let same = other.iter().zip(minhash).filter(|(a, b)| a == b).count();
                let j = same as f64 / HASHES as f64;
                // The earliest article at the best similarity is the original.
                if j >= self.config.duplicate_jaccard
                    && best.is_none_or(|(bc, bj)| j > bj || (j == bj && c < bc))
                {
                    best = Some((c, j));
                }
            }
        }
        best.map(|(c, _)| c)
    }

    fn idf(&self, term: u64) -> f64 {
        let n = self.known.len() as f64 + 1.0;
        let df = *self.df.get(&term).unwrap_or(&0) as f64;
        ((n + 1.0) / (df + 1.0)).ln() + 1.0
    }

    /// The article's terms as a unit vector of TF-IDF weights.
    fn weighted(&self, terms: &[(u64, u32)]) -> Vec<(u64, f64)> {
        let mut v: Vec<(u64, f64)> = terms
            .iter()
            .map(|&(t, c)| (t, (1.0 + (c.max(1) as f64).ln()) * self.idf(t)))
            .collect();
        let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt().max(1e-9);
        for (_, w) in &mut v {
            *w /= norm;
        }
        v
    }
}

#[cfg(test)]
mod tests;
