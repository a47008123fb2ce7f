//! Precision, recall and F1, and the counters they are computed from.
//!
//! One convention everywhere: when both sides are empty the score is perfect (1.0); when only
//! one side is empty the undefined ratio is 0.0. So an engine that finds nothing where the gold
//! has something scores 0 on precision too, and no figure is ever NaN.

use serde::Serialize;

/// Precision, recall and their harmonic mean.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    /// From precision and recall; F1 is 0 when both are 0.
    pub fn new(precision: f64, recall: f64) -> Prf {
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Prf {
            precision,
            recall,
            f1,
        }
    }
}

/// `part / whole`, with the both-empty-is-perfect convention of this module.
pub fn ratio(part: usize, whole: usize, other_side: usize) -> f64 {
    if whole > 0 {
        part as f64 / whole as f64
    } else if other_side == 0 {
        1.0
    } else {
        0.0
    }
}

/// Matched, output and gold item counts, summed over cases (micro average).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub matched: usize,
    pub output: usize,
    pub gold: usize,
}

impl Tally {
    pub fn new(matched: usize, output: usize, gold: usize) -> Tally {
        Tally {
            matched,
            output,
            gold,
        }
    }

    pub fn add(&mut self, other: Tally) {
        self.matched += other.matched;
        self.output += other.output;
        self.gold += other.gold;
    }

    pub fn prf(&self) -> Prf {
        Prf::new(
            ratio(self.matched, self.output, self.gold),
            ratio(self.matched, self.gold, self.output),
        )
    }
}

/// The size of a maximum one-to-one matching between `left` and `right` items, where `fits`
/// says which pairs may be matched.
pub fn max_matching(left: usize, right: usize, fits: impl Fn(usize, usize) -> bool) -> usize {
    matching(left, right, fits).iter().flatten().count()
}

/// A maximum one-to-one matching: for each left item, the right item it is matched to (Kuhn's
/// augmenting paths; the sets scored here are small).
pub fn matching(
    left: usize,
    right: usize,
    fits: impl Fn(usize, usize) -> bool,
) -> Vec<Option<usize>> {
    let edges: Vec<Vec<usize>> = (0..left)
        .map(|l| (0..right).filter(|&r| fits(l, r)).collect())
        .collect();
    let mut owner: Vec<Option<usize>> = vec![None; right];
    for l in 0..left {
        let mut seen = vec![false; right];
        augment(l, &edges, &mut owner, &mut seen);
    }
    let mut matched = vec![None; left];
    for (r, l) in owner.iter().enumerate() {
        if let Some(l) = l {
            matched[*l] = Some(r);
        }
    }
    matched
}

fn augment(l: usize, edges: &[Vec<usize>], owner: &mut [Option<usize>], seen: &mut [bool]) -> bool {
    for &r in &edges[l] {
        if seen[r] {
            continue;
        }
        seen[r] = true;
        let free = match owner[r] {
            None => true,
            Some(other) => augment(other, edges, owner, seen),
        };
        if free {
            owner[r] = Some(l);
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prf_of_tallies_and_empty_sides() {
        let p = Tally::new(2, 4, 3).prf();
        assert_eq!(p.precision, 0.5);
        assert!((p.recall - 2.0 / 3.0).abs() < 1e-12);
        assert!((p.f1 - 4.0 / 7.0).abs() < 1e-12);
        assert_eq!(Tally::new(0, 0, 0).prf(), Prf::new(1.0, 1.0));
        assert_eq!(Tally::new(0, 0, 5).prf(), Prf::new(0.0, 0.0));
        assert_eq!(Tally::new(0, 3, 0).prf(), Prf::new(0.0, 0.0));
        assert_eq!(Prf::new(0.0, 0.0).f1, 0.0);
    }

    #[test]
    fn matching_finds_the_maximum_not_the_greedy_one() {
        // Left 0 fits right 0 and 1, left 1 fits only right 0: greedy in order would match
        // 0-0 and leave 1 out; the maximum is 2 (0-1, 1-0).
        let fits = |l: usize, r: usize| matches!((l, r), (0, 0) | (0, 1) | (1, 0));
        assert_eq!(max_matching(2, 2, fits), 2);
        assert_eq!(matching(2, 2, fits), vec![Some(1), Some(0)]);
        assert_eq!(max_matching(3, 1, |_, _| true), 1);
        assert_eq!(max_matching(0, 4, |_, _| true), 0);
        assert_eq!(max_matching(2, 2, |_, _| false), 0);
    }
}
