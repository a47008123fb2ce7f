//! `counts`: precision and recall of (type, number) pairs per case.
//!
//! Per case each side is a *set* of pairs: an article that says "two killed" in its lead and
//! again further down reports one fact, and the gold (incident-level numbers) holds each pair
//! once. Types compare upper-cased. Counts are summed over cases (micro average), overall and
//! per type; the overall figure of a set counts only the types its gold annotates (see
//! `scorer::Typed`: a KILL/WOUND set says nothing about arrests).

use crate::tally::Tally;
use std::collections::{BTreeMap, BTreeSet};

/// Matched/output/gold counts per type for one case (every type seen on either side).
pub fn count_tallies(gold: &[(String, i64)], output: &[(String, i64)]) -> BTreeMap<String, Tally> {
    let fold = |items: &[(String, i64)]| -> BTreeSet<(String, i64)> {
        items
            .iter()
            .map(|(kind, n)| (kind.trim().to_uppercase(), *n))
            .collect()
    };
    let (gold, output) = (fold(gold), fold(output));
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    for (kind, _) in &gold {
        tallies.entry(kind.clone()).or_default().gold += 1;
    }
    for pair in &output {
        let tally = tallies.entry(pair.0.clone()).or_default();
        tally.output += 1;
        if gold.contains(pair) {
            tally.matched += 1;
        }
    }
    tallies
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(items: &[(&str, i64)]) -> Vec<(String, i64)> {
        items.iter().map(|(k, n)| (k.to_string(), *n)).collect()
    }

    fn total(t: &BTreeMap<String, Tally>) -> Tally {
        let mut sum = Tally::default();
        t.values().for_each(|x| sum.add(*x));
        sum
    }

    #[test]
    fn pairs_need_type_and_number() {
        let gold = pairs(&[("KILL", 2), ("WOUND", 5)]);
        let output = pairs(&[("kill", 2), ("WOUND", 4), ("ARREST", 1)]);
        let t = count_tallies(&gold, &output);
        assert_eq!(total(&t), Tally::new(1, 3, 2));
        assert_eq!(t["KILL"], Tally::new(1, 1, 1));
        assert_eq!(t["WOUND"], Tally::new(0, 1, 1));
        assert_eq!(t["ARREST"], Tally::new(0, 1, 0));
    }

    #[test]
    fn repeated_pairs_count_once() {
        let gold = pairs(&[("KILL", 2), ("KILL", 2)]);
        let output = pairs(&[("KILL", 2), ("KILL", 2), ("KILL", 3)]);
        assert_eq!(total(&count_tallies(&gold, &output)), Tally::new(1, 2, 1));
    }

    #[test]
    fn empty_sides() {
        let some = pairs(&[("KILL", 1)]);
        assert_eq!(total(&count_tallies(&[], &[])), Tally::new(0, 0, 0));
        assert_eq!(total(&count_tallies(&some, &[])), Tally::new(0, 0, 1));
        assert_eq!(total(&count_tallies(&[], &some)), Tally::new(0, 1, 0));
    }
}
