//! Reading a number where a scanned word starts: "48", "1,200", "3.5 million", "two",
//! "twenty-five", "two hundred and ten", "a dozen", "half a million", "dozens",
//! "tens of thousands". The number words and their kinds are in `data/numbers.tsv`.

use crate::lexicon::WordMap;
use crate::scan::{Scan, Shape};
use newsgraph_knowledge::{Knowledge, KnowledgeError, NumberKind as Kind};

/// A number read from the text: its value, whether it is an approximation ("dozens"), and the
/// words it spans (`start..end`, word indices).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Number {
    pub value: i64,
    pub approximate: bool,
    pub start: usize,
    pub end: usize,
}

/// The number words of `numbers.tsv` with their kinds and values, compiled once from the
/// knowledge layer by the stages that read numbers (dates, counts).
#[derive(Debug, Clone, Default)]
pub struct NumberWords(WordMap<&'static str, (Kind, i64)>);

impl NumberWords {
    /// The number words of `k`.
    pub fn new(k: &Knowledge) -> Result<NumberWords, KnowledgeError> {
        Ok(NumberWords(
            k.numbers()?
                .iter()
                .map(|w| (w.word, (w.kind, w.value)))
                .collect(),
        ))
    }

    fn kind_of(&self, word: &str) -> Option<(Kind, i64)> {
        self.0.get(word).copied()
    }

    /// How many words are known.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no word is known.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Whether only spaces separate words `i` and `i + 1` (so they may read as one number).
fn joined(scan: &Scan, i: usize) -> bool {
    i + 1 < scan.words.len() && scan.gap_after(i).bytes().all(|b| b == b' ')
}

impl NumberWords {
    /// The value of a hyphenated number word ("twenty-five"), if it is one.
    fn hyphenated(&self, word: &str) -> Option<i64> {
        let (a, b) = word.split_once('-')?;
        match (self.kind_of(a)?, self.kind_of(b)?) {
            ((Kind::Tens, t), (Kind::Unit, u)) if u < 10 => Some(t + u),
            _ => None,
        }
    }

    /// Read the number that starts at word `i`, if one does.
    pub fn read(&self, scan: &Scan, i: usize) -> Option<Number> {
        let word = scan.words.get(i)?;
        let low = scan.low(i);
        let exact = |value: i64, end: usize| {
            Some(Number {
                value,
                approximate: false,
                start: i,
                end,
            })
        };
        match word.shape {
            Shape::Digits => {
                let digits: String = low.chars().filter(|&c| c != ',').collect();
                let value: f64 = digits.parse().ok()?;
                if joined(scan, i) {
                    if let Some((Kind::Scale | Kind::Hundred | Kind::Dozen, scale)) =
                        self.kind_of(scan.low(i + 1))
                    {
                        return exact((value * scale as f64).round() as i64, i + 2);
                    }
                }
                if value.fract() != 0.0 || value > 1e12 {
                    return None;
                }
                exact(value as i64, i + 1)
            }
            Shape::Mixed => None,
            Shape::Alpha => {
                if low == "a" || low == "an" {
                    if !joined(scan, i) {
                        return None;
                    }
                    return match self.kind_of(scan.low(i + 1))? {
                        (Kind::Dozen | Kind::Hundred | Kind::Scale, v) => exact(v, i + 2),
                        (Kind::Quantity, v) => Some(Number {
                            value: v,
                            approximate: true,
                            start: i,
                            end: i + 2,
                        }),
                        _ => None,
                    };
                }
                if let Some(v) = self.hyphenated(low) {
                    return exact(v, i + 1);
                }
                match self.kind_of(low)? {
                    (Kind::Half, _) => {
                        // "half a million", "half a dozen"
                        if joined(scan, i)
                            && matches!(scan.low(i + 1), "a" | "an")
                            && joined(scan, i + 1)
                        {
                            if let Some((Kind::Dozen | Kind::Hundred | Kind::Scale, v)) =
                                self.kind_of(scan.low(i + 2))
                            {
                                return exact(v / 2, i + 3);
                            }
                        }
                        None
                    }
                    (Kind::Approx, v) => {
                        // "tens of thousands", "hundreds of thousands"
                        if joined(scan, i) && scan.low(i + 1) == "of" && joined(scan, i + 1) {
                            if let Some((Kind::Approx, big)) = self.kind_of(scan.low(i + 2)) {
                                if big > v {
                                    return Some(Number {
                                        value: v * (big / 2),
                                        approximate: true,
                                        start: i,
                                        end: i + 3,
                                    });
                                }
                            }
                        }
                        Some(Number {
                            value: v,
                            approximate: true,
                            start: i,
                            end: i + 1,
                        })
                    }
                    (Kind::Unit | Kind::Tens, _) => self.read_words(scan, i),
                    _ => None,
                }
            }
        }
    }

    /// Read a run of number words: "two hundred and ten", "three thousand five hundred".
    fn read_words(&self, scan: &Scan, i: usize) -> Option<Number> {
        let (mut total, mut group) = (0i64, 0i64);
        let mut j = i;
        let mut last_kind = None;
        while j < scan.words.len() {
            let low = scan.low(j);
            let step = self
                .hyphenated(low)
                .map(|v| (Kind::Unit, v))
                .or_else(|| self.kind_of(low));
            match (step, last_kind) {
                (Some((Kind::Unit, v)), None | Some(Kind::Hundred) | Some(Kind::Scale)) => {
                    group += v
                }
                (Some((Kind::Unit, v)), Some(Kind::Tens)) if v < 10 => group += v,
                (Some((Kind::Tens, v)), None | Some(Kind::Hundred) | Some(Kind::Scale)) => {
                    group += v
                }
                (Some((Kind::Hundred, v)), Some(Kind::Unit | Kind::Tens)) => group *= v,
                (Some((Kind::Scale, v)), Some(Kind::Unit | Kind::Tens | Kind::Hundred)) => {
                    total += group * v;
                    group = 0;
                }
                (Some((Kind::Dozen, v)), Some(Kind::Unit | Kind::Tens)) => group *= v,
                _ => {
                    // "two hundred and ten": "and" joins a hundred to what follows.
                    if low == "and" && last_kind == Some(Kind::Hundred) && j + 1 < scan.words.len()
                    {
                        if let Some((Kind::Unit | Kind::Tens, _)) = self.kind_of(scan.low(j + 1)) {
                            j += 1;
                            continue;
                        }
                    }
                    break;
                }
            }
            last_kind = step.map(|(k, _)| k);
            let next_joined = joined(scan, j);
            j += 1;
            if !next_joined {
                break;
            }
        }
        (j > i).then_some(Number {
            value: total + group,
            approximate: false,
            start: i,
            end: j,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> Option<(i64, bool, usize)> {
        let scan = Scan::new(text);
        let words = NumberWords::new(Knowledge::embedded()).expect("embedded numbers.tsv");
        words
            .read(&scan, 0)
            .map(|n| (n.value, n.approximate, n.end))
    }

    #[test]
    fn digits_and_scales() {
        assert_eq!(value("1,200 people"), Some((1200, false, 1)));
        assert_eq!(value("3.5 million"), Some((3_500_000, false, 2)));
        assert_eq!(value("3.5"), None);
        assert_eq!(value("23-year-old"), None);
    }

    #[test]
    fn number_words() {
        assert_eq!(value("two people"), Some((2, false, 1)));
        assert_eq!(value("twenty-five"), Some((25, false, 1)));
        assert_eq!(value("twenty five"), Some((25, false, 2)));
        assert_eq!(value("two hundred and ten people"), Some((210, false, 4)));
        assert_eq!(value("three thousand five hundred"), Some((3500, false, 4)));
        assert_eq!(value("a dozen"), Some((12, false, 2)));
        assert_eq!(value("two dozen"), Some((24, false, 2)));
        assert_eq!(value("half a million"), Some((500_000, false, 3)));
        assert_eq!(value("one, two"), Some((1, false, 1)));
    }

    #[test]
    fn vague_quantities_are_approximate() {
        assert_eq!(value("dozens of people"), Some((24, true, 1)));
        assert_eq!(value("tens of thousands"), Some((20_000, true, 3)));
        assert_eq!(value("hundreds of thousands"), Some((200_000, true, 3)));
        assert_eq!(value("a handful"), Some((5, true, 2)));
        assert_eq!(value("a man"), None);
    }

    #[test]
    fn every_number_word_row_is_understood() {
        let k = Knowledge::embedded();
        let rows = k.numbers().map_or(0, <[_]>::len);
        assert_eq!(NumberWords::new(k).map(|w| w.len()), Ok(rows));
    }
}
