//! The words around a quotation as the attribution reader sees them: the document's tokens
//! (the project's one tokenizer; conventions in ARCHITECTURE.md) in a window of text, as words,
//! double quotation marks and punctuation, and where such a window's sentence ends.

use crate::lexicon::Lexicon;
use newsgraph_model::{Span, Token, TokenKind};

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

impl Tok {
    /// The quotes stage's view of a document token: words and numbers are words, the three
    /// shapes of double quotation mark are marks, anything else is punctuation (by its first
    /// character: "..." is a full stop, "--" a dash).
    pub fn of_token(text: &str, t: &Token) -> Tok {
        let first = text
            .get(t.span.start..)
            .and_then(|s| s.chars().next())
            .unwrap_or(' ');
        let kind = match t.kind {
            TokenKind::Word | TokenKind::Number => Kind::Word,
            _ if matches!(first, '"' | '“' | '”') => Kind::Mark,
            _ => Kind::Punct(first),
        };
        Tok { span: t.span, kind }
    }
}

/// The tokens of `tokens` (a document's, in order) that lie inside `span`, at most `max`.
/// A straight double mark glued between two words is an apostrophe a broken decoder left
/// (`didn"t`), not a quotation mark.
pub fn tokens_in(text: &str, tokens: &[Token], span: Span, max: usize) -> Vec<Tok> {
    let from = tokens.partition_point(|t| t.span.start < span.start);
    let inside = &tokens[from..];
    let is_word = |t: Option<&Token>| {
        t.is_some_and(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
    };
    inside
        .iter()
        .enumerate()
        .take_while(|(_, t)| t.span.end <= span.end)
        .take(max)
        .map(|(k, t)| {
            let tok = Tok::of_token(text, t);
            let glued = tok.kind == Kind::Mark
                && text.get(t.span.start..t.span.end) == Some("\"")
                && k > 0
                && is_word(inside.get(k - 1))
                && inside[k - 1].span.end == t.span.start
                && is_word(inside.get(k + 1))
                && inside
                    .get(k + 1)
                    .is_some_and(|n| n.span.start == t.span.end);
            if glued {
                Tok {
                    span: t.span,
                    kind: Kind::Punct('\''),
                }
            } else {
                tok
            }
        })
        .collect()
}

/// Whether a full stop after `word` is part of it: an initial ("W."), a title ("Sen."), or an
/// abbreviation with inner stops ("U.S.").
pub fn is_abbreviation(lex: &Lexicon, word: &str) -> bool {
    let mut chars = word.chars();
    let single_capital =
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    single_capital || word.contains('.') || lex.is_title(word)
}

/// Whether token `k` of `toks` ends a sentence.
pub fn ends_sentence(lex: &Lexicon, text: &str, toks: &[Tok], k: usize) -> bool {
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
                is_abbreviation(lex, w)
            })
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_knowledge::Knowledge;

    #[test]
    fn a_window_holds_the_document_tokens_inside_it() {
        let text = "Trump’s U.S. trip, “he said.”";
        let segmenter = newsgraph_text::segmenter(Knowledge::embedded()).expect("knowledge");
        let tokens = segmenter.tokenize(text);
        let toks = tokens_in(text, &tokens, Span::new(3, text.len()), usize::MAX);
        let shown: Vec<String> = toks
            .iter()
            .map(|t| match t.kind {
                Kind::Word => text[t.span.start..t.span.end].to_string(),
                Kind::Mark => "M".to_string(),
                Kind::Punct(c) => format!("P{c}"),
            })
            .collect();
        assert_eq!(
            shown,
            ["’s", "U.S.", "trip", "P,", "M", "he", "said", "P.", "M"]
        );
    }

    #[test]
    fn a_stop_after_a_title_or_an_initial_ends_no_sentence() {
        let lex = Lexicon::new(Knowledge::embedded()).expect("knowledge");
        let text = "Sen. Rubio met George W. Bush. Next";
        let segmenter = newsgraph_text::segmenter(Knowledge::embedded()).expect("knowledge");
        let tokens = segmenter.tokenize(text);
        let toks = tokens_in(text, &tokens, Span::new(0, text.len()), usize::MAX);
        let ends: Vec<usize> = (0..toks.len())
            .filter(|&k| ends_sentence(&lex, text, &toks, k))
            .collect();
        // "Sen." and "W." keep their stops (the tokenizer's abbreviations): only Bush's ends.
        assert_eq!(ends, [6]);
    }
}
