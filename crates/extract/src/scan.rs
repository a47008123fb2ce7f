//! A light word scanner shared by the counts, dates and tone stages.
//!
//! The stages need words with a coarse shape ("1,200" is one number, "twenty-five" and
//! "23-year-old" one word each) and sentence boundaries. The text stage's tokens split some of
//! these differently, and may be absent when this crate runs on its own, so the scan is done
//! here in one pass over the bytes, with no allocation per word: words are byte ranges into
//! the text and into an ASCII-lower-cased copy of it (same offsets), which the lexicons are
//! matched against. Sentences come from `Document::sentences` when the text stage gave them,
//! else from a simple fallback rule (end punctuation, then a space and a capital; or a line
//! break).
//!
//! Three stages of this crate scan the same text one after the other, so the last scan of each
//! thread is kept ([`Scan::with_document`]) and reused when the next stage brings the same text
//! (compared in full, so a different article can never get a stale scan).

use newsgraph_model::{Document, Span};
use std::cell::RefCell;

/// The coarse shape of a scanned word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Letters only (with inner apostrophes or hyphens): "killed", "twenty-five", "don't".
    Alpha,
    /// Digits only, with thousands commas or a decimal point: "48", "1,200", "3.5".
    Digits,
    /// Anything else: "23-year-old", "7th", "2016-09-05", "G20".
    Mixed,
}

/// One scanned word: a byte range into the text, its shape, and its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub shape: Shape,
    pub sentence: u32,
}

impl Word {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// The words of one text, with a lower-cased copy to match lexicons against.
pub struct Scan<'a> {
    pub text: &'a str,
    pub lower: String,
    pub words: Vec<Word>,
    /// Word index ranges of the sentences, in order.
    pub sentences: Vec<std::ops::Range<usize>>,
}

/// Titles and abbreviations after which a period does not end a sentence (fallback splitter).
const NO_BREAK_AFTER: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "sen", "rep", "gov", "gen", "lt", "sgt", "col", "capt", "jan",
    "feb", "aug", "sept", "sep", "oct", "nov", "dec", "no", "jr", "sr", "vs", "ft", "mt", "prof",
    "det", "cpl",
];

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// The parts of the last scan of this thread, with the text and sentence count they are of.
#[derive(Default)]
struct Cached {
    text: String,
    sentence_count: usize,
    lower: String,
    words: Vec<Word>,
    sentences: Vec<std::ops::Range<usize>>,
}

thread_local! {
    static LAST_SCAN: RefCell<Option<Cached>> = const { RefCell::new(None) };
}

impl Scan<'_> {
    /// Run `f` on the scan of a document, reusing this thread's last scan when it is of the
    /// same text (see the module docs).
    pub fn with_document<R>(doc: &Document, f: impl FnOnce(&Scan) -> R) -> R {
        let hit = LAST_SCAN.with(|cell| {
            let mut cache = cell.borrow_mut();
            match cache.as_mut() {
                Some(c) if c.sentence_count == doc.sentences.len() && c.text == doc.text => Some((
                    std::mem::take(&mut c.lower),
                    std::mem::take(&mut c.words),
                    std::mem::take(&mut c.sentences),
                )),
                _ => None,
            }
        });
        let scan = match hit {
            Some((lower, words, sentences)) => Scan {
                text: &doc.text,
                lower,
                words,
                sentences,
            },
            None => Scan::of_document(doc),
        };
        let result = f(&scan);
        let Scan {
            lower,
            words,
            sentences,
            ..
        } = scan;
        LAST_SCAN.with(|cell| {
            let mut cache = cell.borrow_mut();
            let c = cache.get_or_insert_with(Cached::default);
            if c.text != doc.text {
                c.text.clear();
                c.text.push_str(&doc.text);
            }
            c.sentence_count = doc.sentences.len();
            c.lower = lower;
            c.words = words;
            c.sentences = sentences;
        });
        result
    }
}

impl<'a> Scan<'a> {
    /// Scan a document's text, taking its sentences when the text stage gave them.
    pub fn of_document(doc: &'a Document) -> Scan<'a> {
        if doc.sentences.is_empty() {
            return Scan::new(&doc.text);
        }
        // The text stage's sentences replace the fallback rule's: it is not run.
        let mut scan = Scan::words_of(&doc.text, false);
        scan.use_sentences(doc.sentences.iter().map(|s| s.span));
        scan
    }

    /// Scan a text, splitting sentences with the fallback rule.
    pub fn new(text: &'a str) -> Scan<'a> {
        Scan::words_of(text, true)
    }

    /// Scan a text; sentences by the fallback rule when `split` (else all in sentence 0).
    fn words_of(text: &'a str, split: bool) -> Scan<'a> {
        let lower = text.to_ascii_lowercase();
        let bytes = text.as_bytes();
        let mut words: Vec<Word> = Vec::with_capacity(text.len() / 5);
        let mut sentence = 0u32;
        let mut i = 0;
        let mut last_end = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let (starts_word, width) = if b < 0x80 {
                (is_word_byte(b), 1)
            } else {
                let c = text[i..].chars().next().unwrap_or(' ');
                (c.is_alphanumeric(), c.len_utf8())
            };
            if !starts_word {
                i += width;
                continue;
            }
            let start = i;
            let (mut has_digit, mut has_alpha, mut has_join) = (false, false, false);
            while i < bytes.len() {
                let b = bytes[i];
                if b < 0x80 {
                    // Letters first: they are most of the bytes.
                    if b.is_ascii_alphabetic() {
                        has_alpha = true;
                        i += 1;
                        continue;
                    }
                    if b.is_ascii_digit() {
                        has_digit = true;
                        i += 1;
                        continue;
                    }
                    let prev = bytes[i - 1];
                    let next = bytes.get(i + 1).copied().unwrap_or(b' ');
                    let joins = match b {
                        b'-' => is_word_byte(prev) && is_word_byte(next),
                        b'\'' => prev.is_ascii_alphabetic() && next.is_ascii_alphabetic(),
                        b'.' => prev.is_ascii_digit() && next.is_ascii_digit() && !has_alpha,
                        b',' => {
                            prev.is_ascii_digit()
                                && !has_alpha
                                && bytes.len() >= i + 4
                                && bytes[i + 1..i + 4].iter().all(u8::is_ascii_digit)
                                && !bytes.get(i + 4).is_some_and(u8::is_ascii_digit)
                        }
                        _ => false,
                    };
                    if joins {
                        has_join |= b == b'-';
                        i += 1;
                        continue;
                    }
                    break;
                }
                // A curly apostrophe inside a word ("don’t", "Obama’s").
                let rest = &text[i..];
                if rest.starts_with('\u{2019}')
                    && bytes[i - 1].is_ascii_alphabetic()
                    && bytes.get(i + 3).is_some_and(u8::is_ascii_alphabetic)
                {
                    i += 3;
                    continue;
                }
                match rest.chars().next() {
                    Some(c) if c.is_alphanumeric() => {
                        has_alpha = true;
                        i += c.len_utf8();
                    }
                    _ => break,
                }
            }
            let shape = match (has_digit, has_alpha || has_join) {
                (true, false) => Shape::Digits,
                (false, _) => Shape::Alpha,
                _ => Shape::Mixed,
            };
            if let Some(prev) = words.last().filter(|_| split) {
                let gap = &text[last_end..start];
                // Most gaps are one space: no need to look further.
                if gap != " " && ends_sentence(text, &lower, prev, gap, bytes[start]) {
                    sentence += 1;
                }
            }
            words.push(Word {
                start,
                end: i,
                shape,
                sentence,
            });
            last_end = i;
        }
        let sentences = if split {
            group_sentences(&words)
        } else {
            Vec::new()
        };
        Scan {
            text,
            lower,
            words,
            sentences,
        }
    }

    /// Re-assign sentence numbers from the text stage's sentence spans.
    fn use_sentences(&mut self, spans: impl Iterator<Item = Span>) {
        let spans: Vec<Span> = spans.collect();
        let mut k = 0usize;
        for w in &mut self.words {
            while k + 1 < spans.len() && spans[k].end <= w.start {
                k += 1;
            }
            w.sentence = k as u32;
        }
        self.sentences = group_sentences(&self.words);
    }

    /// The lower-cased text of word `i`.
    pub fn low(&self, i: usize) -> &str {
        let w = &self.words[i];
        &self.lower[w.start..w.end]
    }

    /// The original text of word `i`.
    pub fn raw(&self, i: usize) -> &str {
        let w = &self.words[i];
        &self.text[w.start..w.end]
    }

    /// Whether word `i` starts with a capital letter.
    pub fn capitalized(&self, i: usize) -> bool {
        self.raw(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// The characters between words `i` and `i + 1` (or to the end of the text).
    pub fn gap_after(&self, i: usize) -> &str {
        let end = self.words.get(i + 1).map_or(self.text.len(), |w| w.start);
        &self.text[self.words[i].end..end]
    }

    /// The characters before word `i` (from the previous word or the start of the text).
    pub fn gap_before(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.words[i - 1].end };
        &self.text[start..self.words[i].start]
    }

    /// Whether words `i` and `j` are in the same sentence.
    pub fn same_sentence(&self, i: usize, j: usize) -> bool {
        self.words[i].sentence == self.words[j].sentence
    }

    /// The word range of the sentence holding word `i`.
    pub fn sentence_of(&self, i: usize) -> std::ops::Range<usize> {
        let s = self.words[i].sentence as usize;
        self.sentences.get(s).cloned().unwrap_or(i..i + 1)
    }

    /// Whether the words from `i` on spell `phrase` (lower-case words separated by spaces).
    /// Returns the index after the last word matched.
    pub fn matches_phrase(&self, i: usize, phrase: &str) -> Option<usize> {
        let mut j = i;
        for part in phrase.split(' ') {
            if j >= self.words.len() || self.low(j) != part || (j > i && !self.same_sentence(i, j))
            {
                return None;
            }
            j += 1;
        }
        Some(j)
    }
}

/// Whether a sentence ends between `prev` and a word starting with byte `next_first`, given
/// the characters between them (fallback splitter).
fn ends_sentence(text: &str, lower: &str, prev: &Word, gap: &str, next_first: u8) -> bool {
    if gap.contains('\n') {
        return true;
    }
    let Some(p) = gap.find(['.', '!', '?']) else {
        return false;
    };
    let after = &gap[p + 1..];
    if !after.starts_with(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\u{201d}' | '\'' | '\u{2019}')
    }) {
        return false;
    }
    if !(next_first.is_ascii_uppercase() || next_first.is_ascii_digit() || next_first >= 0x80) {
        return false;
    }
    // "Mr. Obama", "Sept. 5", "J. Smith": a period after an abbreviation or an initial.
    let prev_low = &lower[prev.start..prev.end];
    let single_capital =
        prev.end - prev.start == 1 && text.as_bytes()[prev.start].is_ascii_uppercase();
    !(gap.starts_with('.') && (single_capital || NO_BREAK_AFTER.contains(&prev_low)))
}

fn group_sentences(words: &[Word]) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    let mut start = 0;
    for i in 1..=words.len() {
        if i == words.len() || words[i].sentence != words[start].sentence {
            if i > start {
                // Sentence numbers may skip (an empty text-stage sentence): pad with empties so
                // `sentences[w.sentence]` holds.
                while out.len() < words[start].sentence as usize {
                    out.push(start..start);
                }
                out.push(start..i);
            }
            start = i;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes(text: &str) -> Vec<(String, Shape)> {
        let s = Scan::new(text);
        (0..s.words.len())
            .map(|i| (s.raw(i).to_string(), s.words[i].shape))
            .collect()
    }

    #[test]
    fn numbers_and_hyphenated_words_are_single_words() {
        let got = shapes("1,200 twenty-five 23-year-old 3.5 don’t G20 2016-09-05, end.");
        let words: Vec<&str> = got.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(
            words,
            [
                "1,200",
                "twenty-five",
                "23-year-old",
                "3.5",
                "don’t",
                "G20",
                "2016-09-05",
                "end"
            ]
        );
        assert_eq!(got[0].1, Shape::Digits);
        assert_eq!(got[1].1, Shape::Alpha);
        assert_eq!(got[2].1, Shape::Mixed);
        assert_eq!(got[3].1, Shape::Digits);
    }

    #[test]
    fn comma_lists_of_numbers_are_not_thousands() {
        let words: Vec<String> = shapes("ages 12,13 and 1,2345")
            .into_iter()
            .map(|(w, _)| w)
            .collect();
        assert_eq!(words, ["ages", "12", "13", "and", "1", "2345"]);
    }

    #[test]
    fn fallback_sentences_skip_abbreviations() {
        let s = Scan::new("Mr. Smith came on Sept. 5. He left. Then\nmore");
        assert_eq!(s.sentences.len(), 4);
    }

    #[test]
    fn cached_scan_is_only_reused_for_the_same_text() {
        let mut a = Document::from_text("a", "");
        a.text = "two men".into();
        let mut b = Document::from_text("b", "");
        b.text = "six men".into();
        let first = |d: &Document| Scan::with_document(d, |s| s.low(0).to_string());
        assert_eq!(first(&a), "two");
        assert_eq!(first(&a), "two");
        assert_eq!(first(&b), "six");
        assert_eq!(first(&a), "two");
    }

    #[test]
    fn non_ascii_text_never_panics() {
        let s = Scan::new("Zürich’s “élite” 5€ — ok’");
        assert_eq!(s.raw(0), "Zürich’s");
    }
}
