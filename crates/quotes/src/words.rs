//! Light tokens for the few words around a quotation, and a fallback sentence splitter.
//!
//! The quotes stage reads only short windows of text (the clause before an opening mark, the
//! one after a closing mark), so it tokenizes those windows itself instead of depending on the
//! token layer's exact conventions; this also keeps it working on documents whose `sentences`
//! and `tokens` are empty.

use crate::lexicon::lexicon;
use newsgraph_model::Span;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    Word,
    /// A double quotation mark of any shape.
    Mark,
    Punct(char),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tok {
    pub span: Span,
    pub kind: Kind,
}

impl Tok {
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }
}

/// Characters that join two runs of letters into one word: apostrophes (with the straight
/// double mark a decoder leaves for one: `didn"t`), hyphens, inner stops ("U.S"), ampersands.
fn joins_word(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.' | '&' | '"')
}

/// Tokens of `text[span]`: words (letters and digits, with inner apostrophes, hyphens and
/// full stops: "Trump’s", "U.S"), quotation marks, and single punctuation characters.
pub fn tokenize(text: &str, span: Span) -> Vec<Tok> {
    tokenize_at_most(text, span, usize::MAX)
}

/// The first `max` tokens of `text[span]` (the reader after a quotation needs only a few).
pub fn tokenize_at_most(text: &str, span: Span, max: usize) -> Vec<Tok> {
    let mut out = Vec::new();
    let Some(window) = text.get(span.start..span.end) else {
        return out;
    };
    let mut chars = window.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if out.len() >= max {
            break;
        }
        let start = span.start + i;
        if c.is_alphanumeric() {
            let mut end = start + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if d.is_alphanumeric() {
                    end = span.start + j + d.len_utf8();
                    chars.next();
                } else if joins_word(d)
                    && window[j + d.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric)
                {
                    chars.next();
                } else {
                    break;
                }
            }
            out.push(Tok {
                span: Span::new(start, end),
                kind: Kind::Word,
            });
        } else if matches!(c, '"' | '“' | '”') {
            out.push(Tok {
                span: Span::new(start, start + c.len_utf8()),
                kind: Kind::Mark,
            });
        } else if !c.is_whitespace() {
            out.push(Tok {
                span: Span::new(start, start + c.len_utf8()),
                kind: Kind::Punct(c),
            });
        }
    }
    out
}

/// Whether a full stop after `word` is part of it: an initial ("W."), a title ("Sen."), or an
/// abbreviation with inner stops ("U.S.").
pub fn is_abbreviation(word: &str) -> bool {
    let mut chars = word.chars();
    let single_capital =
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    single_capital || word.contains('.') || lexicon().is_title(word)
}

/// Whether token `k` of `toks` ends a sentence.
pub fn ends_sentence(text: &str, toks: &[Tok], k: usize) -> bool {
    match toks[k].kind {
        Kind::Punct('!' | '?' | ';') => true,
        // A stop before a closing bracket or a comma ends an abbreviation: "(D-Calif.),".
        Kind::Punct('.')
            if toks
                .get(k + 1)
                .is_some_and(|t| t.is_punct(')') || t.is_punct(',')) =>
        {
            false
        }
        Kind::Punct('.') => {
            !(k > 0 && toks[k - 1].is_word() && toks[k - 1].span.end == toks[k].span.start && {
                let w = &text[toks[k - 1].span.start..toks[k - 1].span.end];
                is_abbreviation(w)
            })
        }
        _ => false,
    }
}

/// Sentences of `text` when no sentence layer is given: a line break, or `.`/`?`/`!` (and any
/// closing mark) followed by a space and a capital letter or an opening mark, ends one.
pub fn split_sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let push = |s: usize, e: usize, out: &mut Vec<Span>| {
        let piece = &text[s..e];
        let lead = piece.len() - piece.trim_start().len();
        let trimmed = piece.trim();
        if !trimmed.is_empty() {
            out.push(Span::new(s + lead, s + lead + trimmed.len()));
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            push(start, i, &mut out);
            start = i + 1;
        } else if matches!(b, b'.' | b'?' | b'!') {
            // Take closing marks and brackets that belong to this sentence.
            let mut end = i + 1;
            loop {
                let rest = &text[end..];
                if rest.starts_with('"') || rest.starts_with(')') || rest.starts_with('\'') {
                    end += 1;
                } else if rest.starts_with('”') || rest.starts_with('’') {
                    end += 3;
                } else {
                    break;
                }
            }
            let rest = &text[end..];
            let after_space = rest.trim_start_matches([' ', '\t']);
            let spaced = after_space.len() < rest.len();
            let next = after_space.chars().next();
            let opens = next.is_some_and(|c| {
                c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '‘')
            });
            let word_before = text[start..i]
                .rsplit(|c: char| c.is_whitespace() || c == '(')
                .next()
                .unwrap_or("");
            if spaced && opens && !(b == b'.' && is_abbreviation(word_before)) {
                push(start, end, &mut out);
                start = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    push(start, text.len(), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_inner_apostrophes_and_stops() {
        let text = "Trump’s U.S. trip, he said.";
        let words: Vec<&str> = tokenize(text, Span::new(0, text.len()))
            .iter()
            .filter(|t| t.is_word())
            .map(|t| &text[t.span.start..t.span.end])
            .collect();
        assert_eq!(words, ["Trump’s", "U.S", "trip", "he", "said"]);
    }

    #[test]
    fn sentences_do_not_end_at_titles_or_initials() {
        let text = "Sen. Marco Rubio met George W. Bush. “We talked,” he said.\nNext line";
        let got: Vec<&str> = split_sentences(text)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect();
        assert_eq!(
            got,
            [
                "Sen. Marco Rubio met George W. Bush.",
                "“We talked,” he said.",
                "Next line"
            ]
        );
    }
}
