//! Which story an article joins. Stories must stay stories: an article joins one only when it is
//! close to the story's *recent* articles as a whole (the centroid of their TF-IDF vectors, and
//! the profile of the entities they name), not to one member that happens to be close to
//! another; and no story spans more than `story_max_days`. So a story cannot chain from one
//! happening to the next across months. An article without a date joins a story only as a copy
//! of one of its articles: nothing says it reports the same days' happening, and on the bench
//! corpus undated articles let in by their closeness alone piled into whatever story was near
//! (a hundred campaign pieces of a year behind one crime report).
//!
//! Candidates come cheap: the cosine with every earlier article sharing a term is accumulated
//! over the term postings; the stories of the closest recent ones are then weighed in full.

use super::{ArticleFeatures, Known, Linker, LinkerConfig};
use newsgraph_model::hash::FastMap;

/// A story: its id, its articles and the days its dated articles span.
pub(super) struct Story {
    pub(super) id: String,
    members: Vec<u32>,
    first: Option<i64>,
    last: Option<i64>,
}

impl Story {
    pub(super) fn new(id: &str) -> Self {
        Story {
            id: id.to_string(),
            members: Vec::new(),
            first: None,
            last: None,
        }
    }

    pub(super) fn add(&mut self, article: u32, day: Option<i64>) {
        self.members.push(article);
        if let Some(d) = day {
            self.first = Some(self.first.map_or(d, |f| f.min(d)));
            self.last = Some(self.last.map_or(d, |l| l.max(d)));
        }
    }

    /// Whether an article of `day` keeps the story within its longest span.
    pub(super) fn admits(&self, day: Option<i64>, config: &LinkerConfig) -> bool {
        match (day, self.first, self.last) {
            (Some(d), Some(first), Some(last)) => {
                last.max(d) - first.min(d) <= config.story_max_days
            }
            _ => true,
        }
    }
}

/// Whether an earlier article of `then` is recent for an article of day `now`. An undated
/// article is recent for no other: it cannot bridge two stories.
fn recent(now: i64, then: Option<i64>, window: i64) -> bool {
    then.is_some_and(|then| (now - then).abs() <= window)
}

/// Cosine of two sparse vectors given as maps.
fn cosine(a: &FastMap<u64, f64>, b: &FastMap<u64, f64>) -> f64 {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let dot: f64 = small
        .iter()
        .filter_map(|(t, x)| large.get(t).map(|y| x * y))
        .sum();
    let norm = |v: &FastMap<u64, f64>| v.values().map(|x| x * x).sum::<f64>().sqrt();
    let n = norm(a) * norm(b);
    if n > 0.0 {
        dot / n
    } else {
        0.0
    }
}

impl Linker {
    /// An entity's weight: its mentions, times how rare it is among articles.
    fn entity_weight(&self, term: u64, mentions: u32) -> f64 {
        let n = self.known.len() as f64 + 1.0;
        let df = *self.entity_df.get(&term).unwrap_or(&0) as f64;
        (1.0 + (mentions.max(1) as f64).ln()) * (((n + 1.0) / (df + 1.0)).ln() + 1.0)
    }

    /// The story the article joins, if one is close enough (see the module doc).
    pub(super) fn find_story(&self, features: &ArticleFeatures) -> Option<u32> {
        let day = features.day?;
        let config = &self.config;
        let query = self.weighted(&features.terms);
        let mut scores: FastMap<u32, f64> =
            FastMap::with_capacity_and_hasher(1024, Default::default());
        for &(t, w) in &query {
            let Some(list) = self.postings.get(&t) else {
                continue;
            };
            if list.len() > config.max_postings {
                continue;
            }
            for &(c, wc) in list {
                *scores.entry(c).or_default() += w * wc as f64;
            }
        }
        // The stories of the closest recent articles, best first.
        let mut by_story: FastMap<u32, f64> = FastMap::default();
        for (c, sim) in scores {
            let known = &self.known[c as usize];
            if !recent(day, known.day, config.story_window_days) {
                continue;
            }
            let best = by_story.entry(known.story).or_default();
            *best = best.max(sim);
        }
        let mut candidates: Vec<(u32, f64)> = by_story
            .into_iter()
            .filter(|&(s, sim)| {
                sim >= config.story_similarity * 0.5
                    && self.stories[s as usize].admits(features.day, config)
            })
            .collect();
        candidates.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        candidates.truncate(config.story_candidates);

        let query: FastMap<u64, f64> = query.into_iter().collect();
        let entities: FastMap<u64, f64> = features
            .entities
            .iter()
            .map(|&(t, m)| (t, self.entity_weight(t, m)))
            .collect();
        let mut best: Option<(u32, f64)> = None;
        for (s, _) in candidates {
            let members: Vec<&Known> = self.stories[s as usize]
                .members
                .iter()
                .map(|&m| &self.known[m as usize])
                .filter(|k| recent(day, k.day, config.story_window_days))
                .collect();
            // The mean similarity to the recent articles (group average), not the cosine with
            // their centroid: a centroid of many loosely related articles is their common
            // background, which every article of the same outlet resembles.
            let dot: f64 = members
                .iter()
                .flat_map(|k| k.vector.iter())
                .filter_map(|(t, w)| query.get(t).map(|q| q * f64::from(*w)))
                .sum();
            let sim = dot / members.len().max(1) as f64;
            if sim < config.story_similarity {
                continue;
            }
            let mut profile: FastMap<u64, f64> = FastMap::default();
            for k in &members {
                for &(t, m) in &k.entities {
                    *profile.entry(t).or_default() += self.entity_weight(t, m);
                }
            }
            // Who and where: an article naming no one joins no story (tables of figures, notices
            // written to a template, share every word but say nothing of the same happening).
            if cosine(&entities, &profile) < config.story_entity_similarity {
                continue;
            }
            if best.is_none_or(|(bs, b)| sim > b || (sim == b && s < bs)) {
                best = Some((s, sim));
            }
        }
        best.map(|(s, _)| s)
    }
}
