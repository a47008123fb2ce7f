//! The `segment` stage: news-aware sentence splitting, then tokens for every sentence.
//!
//! A sentence ends at `.`, `!`, `?`, `...` or `…`, together with the closing quotes and
//! brackets right after it (`."`, `?”`, `.)`), when white space and a likely sentence start
//! follow (a capital, a digit, an opening quote or bracket). A lower-case next word never
//! starts a sentence, which keeps `,” he said.` and `Jeb! was` whole. A period after an
//! abbreviation (`data/abbreviations.tsv`), an initial or a dotted acronym ends a sentence
//! only as that file's kind allows: never after a title ("Gen."), not before a number after
//! "Sept." or "No.", and after "Inc." or "U.S." only when the next word is a common sentence
//! opener ("The", "He", "But"). Sentences never cross a paragraph boundary.

use crate::knowledge::{AbbrevKind, TextKnowledge};
use crate::tokenize::tokenize_into;
use newsgraph_model::{Document, Layer, Sentence, Span, Stage, StageError, Token};
use std::borrow::Cow;
use std::sync::Arc;

/// Sentences and tokens from the one sentence splitter and tokenizer: what the `segment` stage
/// writes into a document, and the same on demand for a stage that runs without it (tests,
/// `ner` alone) or for a phrase of a word list that must split the way texts do.
#[derive(Clone)]
pub struct Segmenter {
    k: Arc<TextKnowledge>,
}

impl Segmenter {
    pub fn new(k: Arc<TextKnowledge>) -> Segmenter {
        Segmenter { k }
    }

    /// Sentences (with their paragraph) and tokens of `text`, whose paragraphs are
    /// `paragraphs` (blank-line separated ones when empty).
    pub fn segment(&self, text: &str, paragraphs: &[Span]) -> (Vec<Sentence>, Vec<Token>) {
        let found;
        let paragraphs = if paragraphs.is_empty() && !text.trim().is_empty() {
            found = paragraph_spans(text);
            &found[..]
        } else {
            paragraphs
        };
        let mut sentences = Vec::with_capacity(text.len() / 100 + 1);
        let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
        let mut spans = Vec::new();
        for (p, para) in paragraphs.iter().enumerate() {
            spans.clear();
            split_span(&self.k, text, *para, &mut spans);
            for span in &spans {
                tokenize_into(&self.k, text, *span, sentences.len(), &mut tokens);
                sentences.push(Sentence {
                    span: *span,
                    paragraph: p,
                });
            }
        }
        (sentences, tokens)
    }

    /// The document's sentences and tokens: its own when the `segment` stage ran, else made
    /// here from its text.
    pub fn of_document<'d>(&self, doc: &'d Document) -> (Cow<'d, [Sentence]>, Cow<'d, [Token]>) {
        if doc.tokens.is_empty() && !doc.text.is_empty() {
            let (sentences, tokens) = self.segment(&doc.text, &doc.paragraphs);
            (Cow::Owned(sentences), Cow::Owned(tokens))
        } else {
            (Cow::Borrowed(&doc.sentences), Cow::Borrowed(&doc.tokens))
        }
    }

    /// Sentences of any text: blank lines separate paragraphs, which sentences never cross.
    pub fn split_sentences(&self, text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        for para in paragraph_spans(text) {
            split_span(&self.k, text, para, &mut out);
        }
        out
    }

    /// Tokens of a text taken as one sentence (a phrase of a word list, a short window).
    pub fn tokenize(&self, text: &str) -> Vec<Token> {
        crate::tokenize::tokenize(&self.k, text)
    }

    /// Append the tokens of `text[range]` to `out`, each marked with `sentence`.
    pub fn tokenize_into(&self, text: &str, range: Span, sentence: usize, out: &mut Vec<Token>) {
        tokenize_into(&self.k, text, range, sentence, out);
    }
}

/// The `segment` stage.
pub struct Segment {
    segmenter: Segmenter,
}

impl Segment {
    pub fn new(segmenter: Segmenter) -> Segment {
        Segment { segmenter }
    }
}

impl Stage for Segment {
    fn name(&self) -> &'static str {
        "segment"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Text, Layer::Paragraphs]
    }
    fn assigns(&self) -> &'static [Layer] {
        // Paragraphs only when `clean` left none (a document made from text alone).
        &[Layer::Paragraphs, Layer::Sentences, Layer::Tokens]
    }
    fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        if doc.paragraphs.is_empty() && !doc.text.trim().is_empty() {
            doc.paragraphs = paragraph_spans(&doc.text);
        }
        let (sentences, tokens) = self.segmenter.segment(&doc.text, &doc.paragraphs);
        doc.sentences = sentences;
        doc.tokens = tokens;
        Ok(())
    }
}

/// Paragraphs of a text: runs of lines separated by blank lines, trimmed.
pub fn paragraph_spans(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim();
        if content.is_empty() {
            if let Some(s) = start.take() {
                out.push(Span::new(s, last_end));
            }
        } else {
            let lead = line.len() - line.trim_start().len();
            start.get_or_insert(pos + lead);
            last_end = pos + lead + content.len();
        }
        pos += line.len();
    }
    if let Some(s) = start {
        out.push(Span::new(s, last_end));
    }
    out
}

/// Closing marks that belong to the sentence they follow.
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '»' | '›')
}

/// Split `text[para]` into sentences, appending their spans to `out`.
fn split_span(k: &TextKnowledge, text: &str, para: Span, out: &mut Vec<Span>) {
    let Some(p) = text.get(para.start..para.end) else {
        return;
    };
    let bytes = p.as_bytes();
    let mut start = skip_ws(p, 0);
    let mut i = start;
    // Straight double quotes in p[start..i]: an odd count means one is open. Kept as a running
    // count (and the last word position below precomputed) so that no input makes this
    // quadratic.
    let mut open_quotes = 0usize;
    let count_quotes =
        |from: usize, to: usize| bytes[from..to].iter().filter(|&&b| b == b'"').count();
    let last_alnum = p.rfind(char::is_alphanumeric);
    while i < bytes.len() {
        // Jump to the next byte that may end a sentence (one of `.!?` or the lead byte of
        // `…`), counting the straight quotes passed on the way.
        let next = next_stop(bytes, i);
        open_quotes += count_quotes(i, next);
        i = next;
        if i >= bytes.len() {
            break;
        }
        let b = bytes[i];
        let terminator_len = match b {
            b'.' | b'!' | b'?' => 1,
            0xE2 if p[i..].starts_with('…') => '…'.len_utf8(),
            _ => 0,
        };
        if terminator_len == 0 {
            open_quotes += usize::from(b == b'"');
            i += 1;
            continue;
        }
        // The whole run of terminal marks ("...", "?!", ".”)").
        let mut end = i + terminator_len;
        while end < bytes.len() && matches!(bytes[end], b'.' | b'!' | b'?') {
            end += 1;
        }
        let ellipsis = p[i..end].starts_with("..") || p[i..].starts_with('…');
        while let Some(c) = p[end..].chars().next().filter(|&c| is_closer(c)) {
            end += c.len_utf8();
        }
        let mut next_start = skip_ws(p, end);
        // A closing quote set apart by a space, as tokenised corpora write it (`season . "`):
        // a `”`, or a `"` that closes one left open in this sentence.
        if next_start > end {
            let rest = &p[next_start..];
            let closing = rest.starts_with('”') || (rest.starts_with('"') && open_quotes % 2 == 1);
            let quote_len = rest.chars().next().map_or(1, char::len_utf8);
            if closing
                && rest[quote_len..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace)
            {
                end = next_start + quote_len;
                next_start = skip_ws(p, end);
            }
        }
        if next_start == end || next_start >= bytes.len() {
            // No white space after it ("3.5", "U.S.A", "Jeb!,"), or the paragraph ends.
            let next_i = end.max(i + 1).min(bytes.len());
            open_quotes += count_quotes(i, next_i);
            i = next_i;
            continue;
        }
        // Never leave a "sentence" of closing marks alone (`season . ' "`).
        let rest_has_words = last_alnum.is_some_and(|last| last >= next_start);
        let breaks = rest_has_words
            && if b == b'.' && !ellipsis {
                period_breaks(k, p, start, i, next_start)
            } else {
                starts_sentence(p, next_start)
            };
        if breaks {
            out.push(Span::new(para.start + start, para.start + end));
            start = next_start;
            open_quotes = 0;
        } else {
            open_quotes += count_quotes(i, next_start);
        }
        i = next_start;
    }
    let end = p.trim_end().len();
    if start < end {
        out.push(Span::new(para.start + start, para.start + end));
    }
}

/// The first byte at or after `from` that is `.`, `!`, `?` or 0xE2 (the lead byte of `…` and
/// of other characters), or the end.
fn next_stop(bytes: &[u8], from: usize) -> usize {
    let rest = &bytes[from..];
    let mark = memchr::memchr3(b'.', b'!', b'?', rest).unwrap_or(rest.len());
    let lead = memchr::memchr(0xE2, &rest[..mark]).unwrap_or(mark);
    from + lead
}

fn skip_ws(p: &str, from: usize) -> usize {
    from + (p[from..].len() - p[from..].trim_start().len())
}

/// Whether what begins at `pos` can open a sentence: a capital, a digit, or an opening
/// quote or bracket; never a lower-case word or a dash that continues the sentence.
fn starts_sentence(p: &str, pos: usize) -> bool {
    let mut chars = p[pos..].chars();
    match chars.next() {
        Some(c) if c.is_uppercase() || c.is_ascii_digit() => true,
        Some('"' | '“' | '‘' | '\'' | '(' | '[' | '«' | '¿' | '¡') => {
            !chars.next().is_some_and(char::is_lowercase)
        }
        Some(c) if c.is_lowercase() => false,
        Some('-' | '–' | '—' | ',' | ';' | ':' | ')') => false,
        Some(_) => true,
        None => false,
    }
}

/// Whether the period at `dot` ends the sentence that began at `sentence_start`.
fn period_breaks(
    k: &TextKnowledge,
    p: &str,
    sentence_start: usize,
    dot: usize,
    next: usize,
) -> bool {
    if !starts_sentence(p, next) {
        return false;
    }
    // The word the period is attached to: back to white space or an opening mark.
    let before = &p[sentence_start..dot];
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '[' | '"' | '“' | '‘' | '/'))
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let mut word = &before[word_start..];
    if word.is_empty() {
        // A detached period ("word ."), as tokenised corpora write it: it ends the sentence
        // unless the word before it is a title or an initial ("Mr .", "Thomas D . Green").
        word = before
            .trim_end()
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("");
        let title = k.abbreviations.get(word) == Some(&AbbrevKind::Title);
        let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
        return !title && (!initial || next_word_opens_sentence(k, p, next));
    }
    // A list number opening the sentence ("4. Natalya Sadova ( Russia ) 61.64").
    if word_start == 0 && word.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let next_is_digit = p[next..].starts_with(|c: char| c.is_ascii_digit());
    let kind = k.abbreviations.get(word).copied().or_else(|| {
        let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
        let acronym = word.contains('.')
            && word.chars().all(|c| c.is_alphabetic() || c == '.')
            && !word.starts_with('.');
        (initial || acronym).then_some(AbbrevKind::Other)
    });
    match kind {
        None => true,
        Some(AbbrevKind::Title) => false,
        Some(AbbrevKind::Month | AbbrevKind::Number) if next_is_digit => false,
        Some(_) => next_word_opens_sentence(k, p, next),
    }
}

/// After an abbreviation that may end a sentence: does the next word usually open one?
/// ("Inc. The company" yes, "U.S. Senate" no.) An opening quote counts as yes; a bracket
/// does not ("4 a.m. ( 0300 GMT )").
fn next_word_opens_sentence(k: &TextKnowledge, p: &str, next: usize) -> bool {
    let rest = &p[next..];
    if rest.starts_with(['"', '“', '‘']) {
        return true;
    }
    let word: &str = rest
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    if word.is_empty() || word.len() > 12 {
        return false;
    }
    let mut lower = [0u8; 12];
    if !word.is_ascii() {
        return false;
    }
    for (d, s) in lower.iter_mut().zip(word.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    let lower = std::str::from_utf8(&lower[..word.len()]).unwrap_or("");
    // A lone "A" or "I" after an initial is more likely the next initial than a sentence.
    word.len() > 1 && k.sentence_openers.contains_key(lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text with a `|` between sentences.
    fn sentences(text: &str) -> String {
        let mut out = Vec::new();
        for para in paragraph_spans(text) {
            split_span(crate::knowledge::for_tests(), text, para, &mut out);
        }
        out.iter()
            .map(|s| &text[s.start..s.end])
            .collect::<Vec<_>>()
            .join("|")
    }

    #[test]
    fn titles_and_initials_do_not_end_sentences() {
        assert_eq!(
            sentences("Gen. Joseph Votel and Sen. John McCain met Mr. Putin. They talked."),
            "Gen. Joseph Votel and Sen. John McCain met Mr. Putin.|They talked."
        );
        assert_eq!(
            sentences("J. R. R. Tolkien wrote it. George W. Bush read it."),
            "J. R. R. Tolkien wrote it.|George W. Bush read it."
        );
    }

    #[test]
    fn acronyms_end_a_sentence_only_before_an_opener() {
        assert_eq!(
            sentences("He lives in the U.S. The move surprised him."),
            "He lives in the U.S.|The move surprised him."
        );
        assert_eq!(
            sentences("The U.S. Senate voted. U.S. officials said so."),
            "The U.S. Senate voted.|U.S. officials said so."
        );
        assert_eq!(
            sentences("He works for Acme Inc. But he is leaving."),
            "He works for Acme Inc.|But he is leaving."
        );
        assert_eq!(
            sentences("Shares of Acme Inc. Shares rose."),
            "Shares of Acme Inc. Shares rose."
        );
        assert_eq!(
            sentences("It starts at 3 p.m. Tuesday. It ends at 5 p.m. We will see."),
            "It starts at 3 p.m. Tuesday.|It ends at 5 p.m.|We will see."
        );
    }

    #[test]
    fn numbers_months_and_decimals() {
        assert_eq!(
            sentences("It happened on Sept. 5 in Hangzhou. Growth was 3.5 percent."),
            "It happened on Sept. 5 in Hangzhou.|Growth was 3.5 percent."
        );
        assert_eq!(
            sentences("He is ranked No. 1 in the world. Nobody is No. 2."),
            "He is ranked No. 1 in the world.|Nobody is No. 2."
        );
        assert_eq!(
            sentences("The plan was agreed in 2015. 2016 was harder."),
            "The plan was agreed in 2015.|2016 was harder."
        );
    }

    #[test]
    fn quotations_close_with_their_sentence() {
        assert_eq!(
            sentences("“We will win,” he said. “It is certain.” She agreed."),
            "“We will win,” he said.|“It is certain.”|She agreed."
        );
        assert_eq!(
            sentences("“Is it over?” she asked. No."),
            "“Is it over?” she asked.|No."
        );
        assert_eq!(
            sentences("He called it “grave differences”. Talks went on."),
            "He called it “grave differences”.|Talks went on."
        );
        assert_eq!(
            sentences("\"Stop!\" the officer shouted. He ran."),
            "\"Stop!\" the officer shouted.|He ran."
        );
    }

    #[test]
    fn exclamations_ellipses_and_brackets() {
        assert_eq!(
            sentences("Jeb! was better than before. Fine."),
            "Jeb! was better than before.|Fine."
        );
        assert_eq!(
            sentences("It is asking the people … to trust her. Then … Nothing."),
            "It is asking the people … to trust her.|Then …|Nothing."
        );
        assert_eq!(
            sentences("(The full text follows.) Leaders met."),
            "(The full text follows.)|Leaders met."
        );
        assert_eq!(
            sentences("Was it fair ... or not? Yes."),
            "Was it fair ... or not?|Yes."
        );
    }

    #[test]
    fn tokenised_corpus_text_splits_on_detached_periods() {
        assert_eq!(
            sentences("Adams and Platt are injured . \" I 'm sure , \" he said ."),
            "Adams and Platt are injured .|\" I 'm sure , \" he said ."
        );
        assert_eq!(
            sentences("\" We did n't lose . \" He left ."),
            "\" We did n't lose . \"|He left ."
        );
        assert_eq!(
            sentences("He said so . \" We did n't lose . \""),
            "He said so .|\" We did n't lose . \""
        );
    }

    #[test]
    fn sentences_never_cross_paragraphs() {
        assert_eq!(
            sentences("A headline without a period\n\nThe body starts here"),
            "A headline without a period|The body starts here"
        );
    }
}
