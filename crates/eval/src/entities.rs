//! `entities`: mention F1 over the multiset of (mention text, type) pairs.
//!
//! Per case, the gold mentions and the output mentions (every `mentions[].text` of every output
//! entity, paired with that entity's `type`) are compared as multisets: a pair found twice in
//! the gold needs two output mentions. Texts are compared exactly after white-space folding.
//! Counts are summed over cases (micro average), overall and per type.

use crate::tally::Tally;
use std::collections::{BTreeMap, HashMap};

/// Matched/output/gold counts per type for one case. Every type seen on either side is a key.
pub fn mention_tallies(
    gold: &[(String, String)],
    output: &[(String, String)],
) -> BTreeMap<String, Tally> {
    let mut gold_bag: HashMap<(&str, &str), usize> = HashMap::new();
    for (text, kind) in gold {
        *gold_bag.entry((text, kind)).or_insert(0) += 1;
    }
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    for (_, kind) in gold {
        tallies.entry(kind.clone()).or_default().gold += 1;
    }
    for (text, kind) in output {
        let tally = tallies.entry(kind.clone()).or_default();
        tally.output += 1;
        if let Some(left) = gold_bag.get_mut(&(text.as_str(), kind.as_str())) {
            if *left > 0 {
                *left -= 1;
                tally.matched += 1;
            }
        }
    }
    tallies
}

/// The overall tally of a case: the per-type tallies summed.
pub fn mention_tally(gold: &[(String, String)], output: &[(String, String)]) -> Tally {
    let mut total = Tally::default();
    for tally in mention_tallies(gold, output).values() {
        total.add(*tally);
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(t, k)| (t.to_string(), k.to_string()))
            .collect()
    }

    #[test]
    fn multiset_pairs_need_text_and_type() {
        let gold = pairs(&[
            ("EU", "ORGANIZATION"),
            ("Germany", "LOCATION"),
            ("EU", "ORGANIZATION"),
            ("Peter Blackburn", "PERSON"),
        ]);
        // One EU of two, Germany with the wrong type, Blackburn cut short, one extra.
        let output = pairs(&[
            ("EU", "ORGANIZATION"),
            ("Germany", "ORGANIZATION"),
            ("Blackburn", "PERSON"),
            ("Brussels", "LOCATION"),
        ]);
        assert_eq!(mention_tally(&gold, &output), Tally::new(1, 4, 4));
        let by_type = mention_tallies(&gold, &output);
        assert_eq!(by_type["ORGANIZATION"], Tally::new(1, 2, 2));
        assert_eq!(by_type["LOCATION"], Tally::new(0, 1, 1));
        assert_eq!(by_type["PERSON"], Tally::new(0, 1, 1));
    }

    #[test]
    fn duplicates_in_the_output_do_not_match_twice() {
        let gold = pairs(&[("Putin", "PERSON")]);
        let output = pairs(&[
            ("Putin", "PERSON"),
            ("Putin", "PERSON"),
            ("Putin", "PERSON"),
        ]);
        assert_eq!(mention_tally(&gold, &output), Tally::new(1, 3, 1));
    }

    #[test]
    fn empty_sides() {
        let some = pairs(&[("Paris", "LOCATION")]);
        assert_eq!(mention_tally(&[], &[]), Tally::new(0, 0, 0));
        assert_eq!(mention_tally(&some, &[]), Tally::new(0, 0, 1));
        assert_eq!(mention_tally(&[], &some), Tally::new(0, 1, 0));
    }
}
