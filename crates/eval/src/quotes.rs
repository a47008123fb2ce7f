//! `quotes`: direct quotations found, and who said them.
//!
//! A gold quote matches an output quote when the output shares at least half of the gold
//! quote's words (lower-cased word tokens, counted as a multiset, divided by the gold quote's
//! word count). Matching is one to one and greedy on the share: all pairs are taken best share
//! first (ties: earlier gold quote, then earlier output quote), so a gold quote never takes the
//! output quote that another gold quote matches better. Recall = matched / gold quotes,
//! precision = matched / output quotes, summed over cases.
//!
//! Speaker accuracy is over gold quotes that name a speaker: right when the quote is matched
//! and the matched output `speaker` shares a word with the gold speaker ("Cruz" and "Ted Cruz").
//! Words of one letter and a few words that name no one ("the", "of", "Mr") do not count, so
//! "the President" never matches "the Kremlin" and "Mr. Smith" never matches "Mr. Jones".

use crate::text::lower_words;
use std::collections::HashMap;

/// Words that are shared by speaker phrases without naming the same speaker.
const NOT_A_NAME: &[&str] = &[
    "a", "an", "the", "of", "and", "for", "to", "in", "on", "at", "by", "mr", "mrs", "ms", "dr",
    "sir", "madam",
];

/// One quotation: its words and the speaker phrase, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteView {
    pub text: String,
    pub speaker: Option<String>,
}

impl QuoteView {
    pub fn new(text: &str, speaker: Option<&str>) -> QuoteView {
        QuoteView {
            text: text.to_string(),
            speaker: speaker.map(str::to_string),
        }
    }
}

/// The share of the gold words found among the output words (multiset), in `[0, 1]`.
pub fn word_share(gold: &str, output: &str) -> f64 {
    share_of(&lower_words(gold), &word_bag(output))
}

/// The multiset of the lower-cased words of `text`.
fn word_bag(text: &str) -> HashMap<String, usize> {
    let mut bag = HashMap::new();
    for word in lower_words(text) {
        *bag.entry(word).or_insert(0) += 1;
    }
    bag
}

fn share_of(gold_words: &[String], output_bag: &HashMap<String, usize>) -> f64 {
    if gold_words.is_empty() {
        return if output_bag.is_empty() { 1.0 } else { 0.0 };
    }
    let mut used: HashMap<&str, usize> = HashMap::new();
    let shared = gold_words
        .iter()
        .filter(|w| {
            let available = output_bag.get(w.as_str()).copied().unwrap_or(0);
            let taken = used.entry(w.as_str()).or_insert(0);
            if *taken < available {
                *taken += 1;
                true
            } else {
                false
            }
        })
        .count();
    shared as f64 / gold_words.len() as f64
}

/// Whether two speaker phrases share a name word.
pub fn speaker_match(gold: &str, output: &str) -> bool {
    let names = |s: &str| -> Vec<String> {
        lower_words(s)
            .into_iter()
            .filter(|w| w.chars().count() > 1 && !NOT_A_NAME.contains(&w.as_str()))
            .collect()
    };
    let gold = names(gold);
    names(output).iter().any(|w| gold.contains(w))
}

/// For each gold quote, the index of the output quote it is matched to.
pub fn match_quotes(gold: &[QuoteView], output: &[QuoteView]) -> Vec<Option<usize>> {
    // Tokenize each quote once: an article can carry dozens of quotes on each side.
    let gold_words: Vec<Vec<String>> = gold.iter().map(|q| lower_words(&q.text)).collect();
    let output_bags: Vec<HashMap<String, usize>> =
        output.iter().map(|q| word_bag(&q.text)).collect();
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (g, words) in gold_words.iter().enumerate() {
        for (o, bag) in output_bags.iter().enumerate() {
            let share = share_of(words, bag);
            if share >= 0.5 {
                pairs.push((share, g, o));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut matched = vec![None; gold.len()];
    let mut used = vec![false; output.len()];
    for (_, g, o) in pairs {
        if matched[g].is_none() && !used[o] {
            matched[g] = Some(o);
            used[o] = true;
        }
    }
    matched
}

/// Counts of one case or one set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct QuoteTally {
    pub gold: usize,
    pub output: usize,
    pub matched: usize,
    /// Gold quotes that name a speaker.
    pub with_speaker: usize,
    /// Of those, matched to an output quote whose speaker shares a word.
    pub speaker_right: usize,
}

impl QuoteTally {
    pub fn add(&mut self, other: QuoteTally) {
        self.gold += other.gold;
        self.output += other.output;
        self.matched += other.matched;
        self.with_speaker += other.with_speaker;
        self.speaker_right += other.speaker_right;
    }
}

/// Scores one case.
pub fn quote_tally(gold: &[QuoteView], output: &[QuoteView]) -> QuoteTally {
    let matched = match_quotes(gold, output);
    let mut tally = QuoteTally {
        gold: gold.len(),
        output: output.len(),
        matched: matched.iter().flatten().count(),
        ..QuoteTally::default()
    };
    for (gold_quote, found) in gold.iter().zip(&matched) {
        let Some(gold_speaker) = gold_quote.speaker.as_deref() else {
            continue;
        };
        tally.with_speaker += 1;
        let output_speaker = found.and_then(|o| output[o].speaker.as_deref());
        if output_speaker.is_some_and(|s| speaker_match(gold_speaker, s)) {
            tally.speaker_right += 1;
        }
    }
    tally
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str, speaker: Option<&str>) -> QuoteView {
        QuoteView::new(text, speaker)
    }

    #[test]
    fn word_share_is_over_the_gold_words() {
        assert_eq!(
            word_share("We will rebuild the bridge", "we will REBUILD it"),
            0.6
        );
        assert_eq!(word_share("no no", "no"), 0.5);
        assert_eq!(
            word_share("Yes", "Yes, and the whole speech around it"),
            1.0
        );
        assert_eq!(word_share("...", ""), 1.0);
        assert_eq!(word_share("...", "words"), 0.0);
    }

    #[test]
    fn speakers_share_a_name_word() {
        assert!(speaker_match("Cruz", "Ted Cruz"));
        assert!(speaker_match("the White House", "White House"));
        assert!(!speaker_match("the President", "the Kremlin"));
        assert!(!speaker_match("Mr. Smith", "Mr. Jones"));
        assert!(!speaker_match("J. Smith", "J. Jones"));
    }

    #[test]
    fn matching_is_one_to_one_and_prefers_the_best_share() {
        // Output 0 shares 3/4 of gold 0 and 4/4 of gold 1: gold 1 gets it, gold 0 falls back
        // to output 1 (share 2/4 = one half, enough).
        let gold = [
            q("the bridge will open", None),
            q("the bridge will close", None),
        ];
        let output = [
            q("the bridge will close", None),
            q("bridge open soon", None),
        ];
        assert_eq!(match_quotes(&gold, &output), vec![Some(1), Some(0)]);
        // Two identical gold quotes and one output quote: only one is matched.
        let gold = [q("we stay", None), q("we stay", None)];
        assert_eq!(
            match_quotes(&gold, &[q("We stay.", None)]),
            vec![Some(0), None]
        );
    }

    #[test]
    fn case_tally_with_speakers() {
        let gold = [
            q(
                "We will not negotiate with them",
                Some("Prime Minister Ana Ruiz"),
            ),
            q("The talks are over", Some("a spokesman")),
            q("Nobody told us anything at all", None),
            q("It was a disaster", Some("Tom Reyes")),
        ];
        let output = [
            q("We will not negotiate", Some("Ana Ruiz")), // 4/6 of gold 0, speaker right
            q("the talks are over", None),                // gold 1 matched, no speaker
            q("a disaster from the start", Some("Ruiz")), // 2/4 of gold 3, wrong speaker
            q("Completely unrelated words here", Some("X")),
        ];
        let t = quote_tally(&gold, &output);
        assert_eq!(
            t,
            QuoteTally {
                gold: 4,
                output: 4,
                matched: 3,
                with_speaker: 3,
                speaker_right: 1
            }
        );
    }

    #[test]
    fn empty_sides() {
        let some = [q("Fine words", Some("Ana Ruiz"))];
        assert_eq!(quote_tally(&[], &[]), QuoteTally::default());
        let missed = quote_tally(&some, &[]);
        assert_eq!(
            (missed.gold, missed.matched, missed.with_speaker),
            (1, 0, 1)
        );
        assert_eq!(quote_tally(&[], &some).output, 1);
    }
}
