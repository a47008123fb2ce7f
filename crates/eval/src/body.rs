//! `body`: how well the output `text` reproduces the main article text (shingle F1).
//!
//! Follows the measure of the ScrapingHub article-extraction benchmark: both texts are cut into
//! `\w+` word tokens (case kept), every run of 4 consecutive tokens is a shingle (a text of 1 to
//! 3 tokens is one short shingle), and the two *multisets* of shingles are compared: true
//! positives are the shared shingles counted with the smaller multiplicity. Precision and recall
//! are computed per case.
//!
//! Averaging (our choice, reported both ways): every case counts in both means, because an
//! error or an empty output must count as wrong. The benchmark instead leaves cases with an
//! empty prediction out of the precision mean and takes F1 as the harmonic mean of the mean
//! precision and mean recall; we report that as `f1_of_means`, and as `f1` the mean of the
//! per-case F1 (which punishes a page extracted with high precision but low recall more).

use crate::tally::{ratio, Prf};
use crate::text::words;
use std::collections::HashMap;

/// Shingle length in words.
pub const SHINGLE_WORDS: usize = 4;

/// The multiset of word shingles of `tokens`.
fn shingles<'a>(tokens: &'a [&'a str]) -> HashMap<&'a [&'a str], usize> {
    let mut bag: HashMap<&[&str], usize> = HashMap::new();
    if tokens.is_empty() {
        return bag;
    }
    if tokens.len() < SHINGLE_WORDS {
        bag.insert(tokens, 1);
        return bag;
    }
    for window in tokens.windows(SHINGLE_WORDS) {
        *bag.entry(window).or_insert(0) += 1;
    }
    bag
}

/// Shingle precision, recall and F1 of the `output` text against the `gold` text.
pub fn shingle_f1(gold: &str, output: &str) -> Prf {
    let gold_tokens: Vec<&str> = words(gold).collect();
    let output_tokens: Vec<&str> = words(output).collect();
    let gold_bag = shingles(&gold_tokens);
    let output_bag = shingles(&output_tokens);
    let gold_total: usize = gold_bag.values().sum();
    let output_total: usize = output_bag.values().sum();
    let shared: usize = output_bag
        .iter()
        .map(|(shingle, &n)| n.min(gold_bag.get(shingle).copied().unwrap_or(0)))
        .sum();
    Prf::new(
        ratio(shared, output_total, gold_total),
        ratio(shared, gold_total, output_total),
    )
}

/// Sums of per-case figures for one set.
#[derive(Debug, Default)]
pub struct BodyScore {
    precision: f64,
    recall: f64,
    f1: f64,
    pub cases: usize,
}

impl BodyScore {
    pub fn add(&mut self, gold: &str, output: Option<&str>) {
        let prf = match output {
            Some(text) => shingle_f1(gold, text),
            None => Prf::new(0.0, 0.0),
        };
        self.precision += prf.precision;
        self.recall += prf.recall;
        self.f1 += prf.f1;
        self.cases += 1;
    }

    /// `(precision, recall, f1, f1_of_means)`, each a mean over cases.
    pub fn means(&self) -> (f64, f64, f64, f64) {
        let n = self.cases.max(1) as f64;
        let (p, r) = (self.precision / n, self.recall / n);
        (p, r, self.f1 / n, Prf::new(p, r).f1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-9, "{a} != {b}");
    }

    #[test]
    fn identical_texts_score_one_whatever_the_punctuation_and_spacing() {
        let gold = "Rain fell on Lisbon.\n\nThe river rose by two metres overnight.";
        let out = "Rain fell on Lisbon. The river rose by two metres overnight";
        assert_eq!(shingle_f1(gold, out), Prf::new(1.0, 1.0));
    }

    #[test]
    fn boilerplate_lowers_precision_and_a_cut_lowers_recall() {
        // Gold: 8 words -> 5 shingles. Output adds "Share this" before: 10 words -> 7 shingles,
        // of which the 5 gold ones are shared: P = 5/7, R = 1.
        let gold = "one two three four five six seven eight";
        let out = "Share this one two three four five six seven eight";
        let prf = shingle_f1(gold, out);
        close(prf.precision, 5.0 / 7.0);
        close(prf.recall, 1.0);
        // Output keeps the first 6 words: 3 shingles, all right: P = 1, R = 3/5.
        let prf = shingle_f1(gold, "one two three four five six");
        close(prf.precision, 1.0);
        close(prf.recall, 0.6);
        close(prf.f1, 0.75);
    }

    #[test]
    fn shingles_are_a_multiset_and_case_sensitive() {
        // Gold "a b c d a b c d": shingles abcd x2, bcda, cdab, dabc (5). Output "a b c d":
        // abcd x1 -> shared 1: P = 1, R = 1/5.
        let prf = shingle_f1("a b c d a b c d", "a b c d");
        close(prf.precision, 1.0);
        close(prf.recall, 0.2);
        // Output repeating the text twice over: abcd x3 vs gold x2 ... shared = 2+1+1+1 = 5
        // of the output's 9 shingles.
        let prf = shingle_f1("a b c d a b c d", "a b c d a b c d a b c d");
        close(prf.precision, 5.0 / 9.0);
        close(prf.recall, 1.0);
        assert_eq!(shingle_f1("A b c d", "a b c d"), Prf::new(0.0, 0.0));
    }

    #[test]
    fn short_and_empty_texts() {
        // Fewer than 4 words make one short shingle.
        assert_eq!(
            shingle_f1("Hello world", "Hello, world!"),
            Prf::new(1.0, 1.0)
        );
        assert_eq!(shingle_f1("", ""), Prf::new(1.0, 1.0));
        assert_eq!(shingle_f1("a b c d", ""), Prf::new(0.0, 0.0));
        assert_eq!(shingle_f1("", "a b c d"), Prf::new(0.0, 0.0));
    }

    #[test]
    fn set_means_count_errors_as_zero() {
        let mut score = BodyScore::default();
        score.add(
            "one two three four five six seven eight",
            Some("one two three four five six"),
        );
        score.add("a b c d", None);
        let (p, r, f1, f1_of_means) = score.means();
        close(p, 0.5);
        close(r, 0.3);
        close(f1, 0.375);
        close(f1_of_means, 2.0 * 0.5 * 0.3 / 0.8);
        assert_eq!(score.cases, 2);
    }
}
