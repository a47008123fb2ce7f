//! `cluster`: B-cubed precision, recall and F1 of the engine's story ids over a whole set.
//!
//! For each item, precision is the share of its output story that shares its gold cluster,
//! recall the share of its gold cluster that shares its output story (the item itself
//! included); both are averaged over items and F1 is their harmonic mean (Bagga & Baldwin).
//! A null story makes the item a singleton. An error output is all wrong: the item belongs to
//! no output story, and its own precision and recall are 0 (it still counts in the size of its
//! gold cluster, lowering its partners' recall).

use crate::tally::Prf;
use std::collections::HashMap;

/// One item: its gold cluster and what the engine said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Story {
    /// The output's `story` id.
    Id(String),
    /// `story` was null: a story of its own.
    Alone,
    /// The output was an error.
    Error,
}

/// B-cubed figures of `items` (gold cluster id, engine story).
pub fn bcubed(items: &[(String, Story)]) -> Prf {
    if items.is_empty() {
        return Prf::new(1.0, 1.0);
    }
    let mut gold_size: HashMap<&str, usize> = HashMap::new();
    let mut story_size: HashMap<&str, usize> = HashMap::new();
    let mut both_size: HashMap<(&str, &str), usize> = HashMap::new();
    for (gold, story) in items {
        *gold_size.entry(gold).or_insert(0) += 1;
        if let Story::Id(story) = story {
            *story_size.entry(story).or_insert(0) += 1;
            *both_size.entry((gold, story)).or_insert(0) += 1;
        }
    }
    let (mut precision, mut recall) = (0.0, 0.0);
    for (gold, story) in items {
        let (shared, size) = match story {
            Story::Id(story) => (
                both_size[&(gold.as_str(), story.as_str())],
                story_size[story.as_str()],
            ),
            Story::Alone => (1, 1),
            Story::Error => continue,
        };
        precision += shared as f64 / size as f64;
        recall += shared as f64 / gold_size[gold.as_str()] as f64;
    }
    let n = items.len() as f64;
    Prf::new(precision / n, recall / n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(pairs: &[(&str, Option<&str>)]) -> Vec<(String, Story)> {
        pairs
            .iter()
            .map(|(g, s)| {
                let story = match s {
                    Some("ERR") => Story::Error,
                    Some(id) => Story::Id(id.to_string()),
                    None => Story::Alone,
                };
                (g.to_string(), story)
            })
            .collect()
    }

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-9, "{a} != {b}");
    }

    #[test]
    fn textbook_example() {
        // Gold {a1 a2 a3} {b1 b2}; output {a1 a2} {a3 b1 b2}.
        // Precision: a1 1, a2 1, a3 1/3, b1 2/3, b2 2/3 -> 11/3 / 5 = 11/15.
        // Recall: a1 2/3, a2 2/3, a3 1/3, b1 1, b2 1 -> 11/3 / 5 = 11/15.
        let prf = bcubed(&items(&[
            ("a", Some("x")),
            ("a", Some("x")),
            ("a", Some("y")),
            ("b", Some("y")),
            ("b", Some("y")),
        ]));
        close(prf.precision, 11.0 / 15.0);
        close(prf.recall, 11.0 / 15.0);
        close(prf.f1, 11.0 / 15.0);
    }

    #[test]
    fn null_stories_are_singletons_and_one_story_for_all_is_not_free() {
        // All null: precision 1; recall a1 1/2, a2 1/2, b1 1 -> 2/3.
        let prf = bcubed(&items(&[("a", None), ("a", None), ("b", None)]));
        close(prf.precision, 1.0);
        close(prf.recall, 2.0 / 3.0);
        // One story for everything: recall 1; precision 2/3, 2/3, 1/3 -> 5/9.
        let prf = bcubed(&items(&[
            ("a", Some("s")),
            ("a", Some("s")),
            ("b", Some("s")),
        ]));
        close(prf.precision, 5.0 / 9.0);
        close(prf.recall, 1.0);
    }

    #[test]
    fn errors_score_zero_and_shrink_partners_recall() {
        // a1 and a2 share story s, a3 errs. a1, a2: precision 1, recall 2/3; a3: 0, 0.
        let prf = bcubed(&items(&[
            ("a", Some("s")),
            ("a", Some("s")),
            ("a", Some("ERR")),
        ]));
        close(prf.precision, 2.0 / 3.0);
        close(prf.recall, 4.0 / 9.0);
        assert_eq!(bcubed(&[]), Prf::new(1.0, 1.0));
        assert_eq!(bcubed(&items(&[("a", Some("ERR"))])), Prf::new(0.0, 0.0));
    }
}
