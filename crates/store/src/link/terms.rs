//! What the linker reads of an article: its words with entity mentions replaced by canonical
//! names, their MinHash signature (near-duplicates), its distinctive terms and its entities
//! (stories), and its day.

use super::{ArticleFeatures, LinkerConfig};
use crate::Stopwords;
use newsgraph_model::hash::FastMap;
use newsgraph_model::Record;

/// Number of MinHash functions; bands × rows must equal it.
pub(super) const HASHES: usize = 64;
pub(super) const BANDS: usize = 16;
pub(super) const ROWS: usize = HASHES / BANDS;
/// Shingle length in words.
const SHINGLE: usize = 3;

pub(super) fn band_key(band: &[u32]) -> u64 {
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

/// The term of an entity: its canonical name, apart from the words of the text.
fn entity_term(name: &str) -> u64 {
    hash_str(&format!("entity:{}", name.to_lowercase()))
}

/// Features of one article: its MinHash signature, distinctive terms, entities, and day.
/// `df` counts, per term, the earlier articles that kept it among their terms.
pub fn features_of(
    record: &Record,
    df: &FastMap<u64, u32>,
    config: &LinkerConfig,
    stopwords: &Stopwords,
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
    let mut counts: FastMap<u64, u32> = FastMap::default();
    let is_term =
        |w: &str| w.len() > 2 && !stopwords.contains(w) && !w.chars().all(|c| c.is_ascii_digit());
    for w in words.iter().filter(|w| is_term(w)) {
        *counts.entry(hash_str(w)).or_default() += 1;
    }
    // The title says what the article is about, often what its body leaves out (a company's
    // name above a table of figures): its words count extra.
    let title = record.title.as_deref().unwrap_or("").to_lowercase();
    for w in title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| is_term(w))
    {
        *counts.entry(hash_str(w)).or_default() += config.title_weight;
    }
    // Entity names count as terms of their own, weighted up: who and where tell stories apart.
    let mut entities: FastMap<u64, u32> = FastMap::default();
    for e in &record.entities {
        let mentions = e.mentions.len().max(1) as u32;
        let term = entity_term(&e.name);
        *counts.entry(term).or_default() += config.entity_weight * mentions;
        *entities.entry(term).or_default() += mentions;
    }
    let mut terms: Vec<(u64, u32)> = counts.into_iter().collect();
    // Keep the rarest terms seen so far (ties: the most frequent in the article).
    terms.sort_unstable_by_key(|&(t, c)| (*df.get(&t).unwrap_or(&0), std::cmp::Reverse(c), t));
    terms.truncate(config.top_terms);
    let mut entities: Vec<(u64, u32)> = entities.into_iter().collect();
    entities.sort_unstable_by_key(|&(t, c)| (std::cmp::Reverse(c), t));
    entities.truncate(config.top_terms);
    ArticleFeatures {
        minhash,
        terms,
        entities,
        day: record.published.as_deref().and_then(day_number),
    }
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (proleptic Gregorian; `newsgraph-time`).
pub fn day_number(date: &str) -> Option<i64> {
    newsgraph_time::iso_date_prefix(date).map(newsgraph_time::Date::day_number)
}

/// The `YYYY-MM-DD` date of a day number ([`day_number`] inverted; empty out of range).
pub fn date_of(day: i64) -> String {
    newsgraph_time::Date::from_day_number(day)
        .map(newsgraph_time::Date::iso)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_are_days_since_the_epoch() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2016-09-05"), Some(17049));
        assert_eq!(day_number("nonsense"), None);
        for date in [
            "1970-01-01",
            "2016-02-29",
            "1987-12-31",
            "2000-03-01",
            "1899-07-04",
        ] {
            assert_eq!(day_number(date).map(date_of).as_deref(), Some(date));
        }
    }
}
