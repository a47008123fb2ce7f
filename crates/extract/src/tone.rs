//! The `tone` stage: GDELT's seven tone figures of an article.
//!
//! - `words`: the number of words (every scanned word, numbers included);
//! - `positive` / `negative`: the share of words (in %) found in the positive / negative list
//!   of `data/tone-lexicon.tsv` (derived from the VADER lexicon, MIT licence);
//! - `tone` = positive - negative, from -100 to +100, most articles within -10 .. +10;
//! - `polarity` = positive + negative: how emotionally charged the text is;
//! - `activity`: the share of words (in %) that are forms of action verbs
//!   (`activity` rows of `data/tone-reference.tsv`);
//! - `self_group`: the share of words (in %) that are first-person pronouns (`self` rows):
//!   "I", "we", "our", "us" - but not "US" in capitals, which is the country.
//!
//! Figures are rounded to four decimals. An empty text gives all zeros.

use crate::lexicon::WordMap;
use crate::scan::Scan;
use newsgraph_knowledge::{Knowledge, KnowledgeError, ReferenceClass};
use newsgraph_model::{Document, Layer, Stage, StageError, Tone};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Positive,
    Negative,
    Activity,
    SelfGroup,
}

/// A word's tone class and reference class: a word may be both ("attacked").
type Classes = WordMap<&'static str, (Option<Class>, Option<Class>)>;

/// The word classes of `tone-lexicon.tsv` and `tone-reference.tsv`.
fn classes(k: &Knowledge) -> Result<Classes, KnowledgeError> {
    let mut map = Classes::default();
    for row in k.tone_lexicon()? {
        let class = if row.positive {
            Class::Positive
        } else {
            Class::Negative
        };
        map.entry(row.word).or_default().0 = Some(class);
    }
    for row in k.tone_reference()? {
        let class = match row.class {
            ReferenceClass::Activity => Class::Activity,
            ReferenceClass::SelfGroup => Class::SelfGroup,
        };
        map.entry(row.word).or_default().1 = Some(class);
    }
    Ok(map)
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// The tone figures of a text.
fn tone_of(scan: &Scan, classes: &Classes) -> Tone {
    let (mut positive, mut negative, mut activity, mut self_group) = (0u64, 0u64, 0u64, 0u64);
    for i in 0..scan.words.len() {
        let Some(&(tone, reference)) = classes.get(scan.low(i)) else {
            continue;
        };
        match tone {
            Some(Class::Positive) => positive += 1,
            Some(Class::Negative) => negative += 1,
            _ => {}
        }
        match reference {
            Some(Class::Activity) => activity += 1,
            Some(Class::SelfGroup) => {
                let raw = scan.raw(i);
                let shouted = raw.len() > 1 && raw.bytes().all(|b| b.is_ascii_uppercase());
                if !shouted {
                    self_group += 1;
                }
            }
            _ => {}
        }
    }
    let words = scan.words.len() as u64;
    if words == 0 {
        return Tone::default();
    }
    let share = |n: u64| 100.0 * n as f64 / words as f64;
    let (pos, neg) = (share(positive), share(negative));
    Tone {
        tone: round4(pos - neg),
        positive: round4(pos),
        negative: round4(neg),
        polarity: round4(pos + neg),
        activity: round4(share(activity)),
        self_group: round4(share(self_group)),
        words,
    }
}

/// The `tone` stage.
pub struct ToneStage {
    classes: Classes,
}

impl ToneStage {
    /// The stage, with the word classes of `k`.
    pub fn new(k: &Knowledge) -> Result<ToneStage, KnowledgeError> {
        Ok(ToneStage {
            classes: classes(k)?,
        })
    }

    /// The tone figures of a text, scanned.
    pub fn tone_of(&self, scan: &Scan) -> Tone {
        tone_of(scan, &self.classes)
    }
}

impl Stage for ToneStage {
    fn name(&self) -> &'static str {
        "tone"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Text, Layer::Sentences]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Tone]
    }
    fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        doc.tone = Some(Scan::with_document(doc, |scan| self.tone_of(scan)));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn embedded() -> Classes {
        classes(Knowledge::embedded()).expect("embedded tone files")
    }

    fn tone(text: &str) -> Tone {
        tone_of(&Scan::new(text), &embedded())
    }

    #[test]
    fn seven_figures_of_a_short_text() {
        // 10 words: "killed" and "attack" negative, "peace" positive; "attacked" is not in
        // the text; "killed" and "attack" are activity words; "we" and "our" are self/group.
        let t = tone("We said our peace plan failed after they killed, attack.");
        assert_eq!(t.words, 10);
        assert_eq!(t.positive, 10.0);
        assert!(
            t.negative >= 20.0,
            "killed, attack and failed are negative: {t:?}"
        );
        assert_eq!(t.tone, round4(t.positive - t.negative));
        assert_eq!(t.polarity, round4(t.positive + t.negative));
        assert_eq!(t.activity, 20.0);
        assert_eq!(t.self_group, 20.0);
    }

    #[test]
    fn us_in_capitals_is_the_country_not_a_pronoun() {
        assert_eq!(tone("The US and us.").self_group, 25.0);
    }

    #[test]
    fn empty_text_is_all_zeros() {
        assert_eq!(tone(""), Tone::default());
    }

    #[test]
    fn lexicons_are_loaded() {
        let c = embedded();
        assert_eq!(c.get("peace").and_then(|x| x.0), Some(Class::Positive));
        assert_eq!(c.get("killed").and_then(|x| x.0), Some(Class::Negative));
        assert_eq!(c.get("killed").and_then(|x| x.1), Some(Class::Activity));
        assert!(c.len() > 5000);
    }
}
