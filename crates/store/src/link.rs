//! Linking across articles, in memory and without I/O: near-duplicates (MinHash/LSH over word
//! shingles of the text with entity mentions replaced by their canonical names) and stories
//! (incremental clustering on TF-IDF vectors of words and entity names within a time window).
//!
//! The [`Linker`] sees articles one at a time in ingest order and answers, for each, which
//! earlier article it copies (if any) and which story it joins. Its whole state can be rebuilt
//! from what it returned ([`ArticleFeatures`] are stored), so an interrupted ingest resumes with
//! the same answers.

use newsgraph_model::Record;
use std::collections::HashMap;

/// Number of MinHash functions; bands × rows must equal it.
const HASHES: usize = 64;
const BANDS: usize = 16;
const ROWS: usize = HASHES / BANDS;
/// Shingle length in words.
const SHINGLE: usize = 3;

/// The linker's thresholds. The defaults were tuned on the GVA development stories (see
/// `examples/tune_stories.rs`); a deployment with other news may want its own.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinkerConfig {
    /// Estimated Jaccard similarity at or above which an article is a copy of an earlier one.
    pub duplicate_jaccard: f64,
    /// Terms kept per article vector for story clustering.
    pub top_terms: usize,
    /// Cosine similarity at or above which an article joins an earlier article's story.
    pub story_similarity: f64,
    /// Two articles further apart than this (days) are not one story.
    pub story_window_days: i64,
    /// Posting lists longer than this are too common to propose story candidates.
    pub max_postings: usize,
    /// Weight of an entity-name term against a word term.
    pub entity_weight: u32,
}

impl Default for LinkerConfig {
    fn default() -> Self {
        LinkerConfig {
            duplicate_jaccard: 0.5,
            top_terms: 256,
            story_similarity: 0.20,
            story_window_days: 10,
            max_postings: 400,
            entity_weight: 2,
        }
    }
}

/// What the linker keeps of one article; stored with it so the linker can be rebuilt.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ArticleFeatures {
    pub minhash: Vec<u32>,
    /// (term hash, raw count) of the article's most distinctive terms.
    pub terms: Vec<(u64, u32)>,
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
}

/// Incremental linker over the articles seen so far.
#[derive(Default)]
pub struct Linker {
    config: LinkerConfig,
    known: Vec<Known>,
    bands: HashMap<(u8, u64), Vec<u32>>,
    /// Term → (article, weight of the term in that article's unit vector, as of its insertion).
    postings: HashMap<u64, Vec<(u32, f32)>>,
    df: HashMap<u64, u32>,
    stories: Vec<String>,
    story_index: HashMap<String, u32>,
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
        self.stories.push(story.to_string());
        self.story_index.insert(story.to_string(), i);
        i
    }

    /// Re-add an article that was linked before (rebuilding state at start-up). Articles must
    /// come back in their ingest order, so that term weights are what they were.
    pub fn restore(&mut self, id: &str, story: &str, features: ArticleFeatures) {
        let story_idx = self.story_idx(story);
        self.insert(id, story_idx, features);
    }

    /// Link a new article: find what it copies and the story it belongs to, then remember it.
    pub fn link(&mut self, record: &Record) -> (Links, ArticleFeatures) {
        let features = features_of(record, &self.df, &self.config);
        let duplicate = self.find_duplicate(&features.minhash);
        let story = match duplicate {
            Some(d) => Some(self.known[d as usize].story),
            None => self.find_story(&features),
        };
        let story = match story {
            Some(s) => s,
            None => self.story_idx(&format!("s-{}", record.id)),
        };
        let links = Links {
            duplicate_of: duplicate.map(|d| self.known[d as usize].id.clone()),
            story: self.stories[story as usize].clone(),
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
        for (t, w) in self.weighted(&features.terms) {
            let list = self.postings.entry(t).or_default();
            // Terms this common say little about a story; past the cap they stop being indexed.
            if list.len() <= self.config.max_postings {
                list.push((idx, w as f32));
            }
        }
        self.known.push(Known {
            id: id.to_string(),
            story,
            day: features.day,
            minhash: features.minhash,
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
            .map(|&(t, c)| (t, (1.0 + (c as f64).ln()) * self.idf(t)))
            .collect();
        let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt().max(1e-9);
        for (_, w) in &mut v {
            *w /= norm;
        }
        v
    }

    /// The story of the most similar earlier article within the time window, if similar enough.
    /// Cosine similarity is accumulated over the postings of the article's terms, so only
    /// articles sharing a term are ever looked at.
    fn find_story(&self, features: &ArticleFeatures) -> Option<u32> {
        let mut scores: HashMap<u32, f64> = HashMap::new();
        for (t, w) in self.weighted(&features.terms) {
            let Some(list) = self.postings.get(&t) else {
                continue;
            };
            if list.len() > self.config.max_postings {
                continue;
            }
            for &(c, wc) in list {
                *scores.entry(c).or_default() += w * wc as f64;
            }
        }
        let mut best: Option<(u32, f64)> = None;
        for (c, sim) in scores {
            if sim < self.config.story_similarity {
                continue;
            }
            if let (Some(a), Some(b)) = (features.day, self.known[c as usize].day) {
                if (a - b).abs() > self.config.story_window_days {
                    continue;
                }
            }
            if best.is_none_or(|(bc, s)| sim > s || (sim == s && c < bc)) {
                best = Some((c, sim));
            }
        }
        best.map(|(c, _)| self.known[c as usize].story)
    }
}

fn band_key(band: &[u32]) -> u64 {
    // One FNV-1a step per value (not per byte): the keys stored so far depend on it.
    use newsgraph_model::hash::{FNV_OFFSET, FNV_PRIME};
    band.iter()
        .fold(FNV_OFFSET, |h, &x| (h ^ x as u64).wrapping_mul(FNV_PRIME))
}

fn hash_str(s: &str) -> u64 {
    newsgraph_model::hash::fnv1a(s.as_bytes())
}

fn mix(mut x: u64) -> u64 {
    // splitmix64 finaliser: spreads a hash so that independent seeds give independent orders.
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d049bb133111eb);
    x ^ (x >> 31)
}

/// Words of the text, lower-cased, with each entity mention replaced by its canonical name, so
/// that "Russian Federation" and "Russia" shingle alike.
pub fn canonical_words(record: &Record) -> Vec<String> {
    let mut spans: Vec<(usize, usize, &str)> = record
        .entities
        .iter()
        .flat_map(|e| {
            e.mentions
                .iter()
                .map(move |m| (m.start, m.end, e.name.as_str()))
        })
        .collect();
    spans.sort_unstable();
    let mut words = Vec::new();
    let mut next = spans.iter().peekable();
    let mut word = String::new();
    let mut skip_until = 0usize;
    for (i, ch) in record.text.chars().enumerate() {
        while let Some(&&(s, e, name)) = next.peek() {
            if s > i {
                break;
            }
            next.next();
            if s == i && e > skip_until {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
                words.extend(name.split_whitespace().map(|w| w.to_lowercase()));
                skip_until = e;
            }
        }
        if i < skip_until {
            continue;
        }
        if ch.is_alphanumeric() {
            word.extend(ch.to_lowercase());
        } else if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// Features of one article: its MinHash signature, distinctive terms, and day.
pub fn features_of(
    record: &Record,
    df: &HashMap<u64, u32>,
    config: &LinkerConfig,
) -> ArticleFeatures {
    let words = canonical_words(record);
    let mut minhash = vec![u32::MAX; HASHES];
    if words.len() >= SHINGLE {
        for w in words.windows(SHINGLE) {
            let h = w.iter().fold(0u64, |h, x| mix(h ^ hash_str(x)));
            for (k, slot) in minhash.iter_mut().enumerate() {
                let v = (mix(h ^ (k as u64).wrapping_mul(0x9e3779b97f4a7c15)) >> 32) as u32;
                if v < *slot {
                    *slot = v;
                }
            }
        }
    } else {
        minhash.clear();
    }
    let mut counts: HashMap<u64, u32> = HashMap::new();
    for w in &words {
        if w.len() > 2
            && !crate::stopwords::is_stopword(w)
            && !w.chars().all(|c| c.is_ascii_digit())
        {
            *counts.entry(hash_str(w)).or_default() += 1;
        }
    }
    // Entity names count as terms of their own, weighted up: who and where tell stories apart.
    for e in &record.entities {
        *counts
            .entry(hash_str(&format!("entity:{}", e.name.to_lowercase())))
            .or_default() += config.entity_weight * e.mentions.len() as u32;
    }
    let mut terms: Vec<(u64, u32)> = counts.into_iter().collect();
    // Keep the rarest terms seen so far (ties: the most frequent in the article).
    terms.sort_unstable_by_key(|&(t, c)| (*df.get(&t).unwrap_or(&0), std::cmp::Reverse(c), t));
    terms.truncate(config.top_terms);
    ArticleFeatures {
        minhash,
        terms,
        day: record.published.as_deref().and_then(day_number),
    }
}

/// The key that makes reports of one event one row of `global_events`, whatever the backend:
/// the same story, actors, CAMEO code and date.
pub fn global_event_key(story: &str, event: &newsgraph_model::record::EventOut) -> String {
    fn code(a: &Option<newsgraph_model::record::ActorOut>) -> &str {
        a.as_ref().map(|a| a.code.as_str()).unwrap_or("")
    }
    format!(
        "{story}|{}|{}|{}|{}",
        code(&event.source),
        code(&event.target),
        event.code,
        event.date.as_deref().unwrap_or("")
    )
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (proleptic Gregorian; `newsgraph-time`).
pub fn day_number(date: &str) -> Option<i64> {
    newsgraph_time::iso_date_prefix(date).map(newsgraph_time::Date::day_number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_are_days_since_the_epoch() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2016-09-05"), Some(17049));
        assert_eq!(day_number("nonsense"), None);
    }
}
