//! The words of a sentence as the coder reads them: the document's tokens (the project's one
//! tokenizer; conventions in ARCHITECTURE.md), seen as words, numbers and punctuation.
//!
//! The coder's rules depend on a few of the tokenizer's choices: a possessive `'s` and a
//! negation `n't` are words of their own, hyphenated compounds ("Russian-backed",
//! "cease-fire") stay whole so that a demonym inside one is never read as an actor, and dotted
//! abbreviations ("U.S.", "U.N.") keep their dots. The lexicon's phrases are split by the same
//! tokenizer, so a phrase's words are the words a sentence shows.

use newsgraph_model::{Span, Token, TokenKind};
use newsgraph_text::Segmenter;

/// What kind of word a [`Word`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordKind {
    Word,
    Number,
    /// Punctuation, quotation marks and symbols: every one ends a clause for the rules.
    Punct,
}

/// A word of a sentence: byte span into the document text and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub span: Span,
    pub kind: WordKind,
}

impl Word {
    pub fn of_token(t: &Token) -> Word {
        Word {
            span: t.span,
            kind: match t.kind {
                TokenKind::Word => WordKind::Word,
                TokenKind::Number => WordKind::Number,
                TokenKind::Punct | TokenKind::Quote | TokenKind::Symbol => WordKind::Punct,
            },
        }
    }
}

/// Split a lexicon phrase the way sentences are split, returning the words as strings.
pub fn phrase_words(segmenter: &Segmenter, phrase: &str) -> Vec<String> {
    segmenter
        .tokenize(phrase)
        .iter()
        .map(|t| normalize_apostrophes(&phrase[t.span.start..t.span.end]))
        .collect()
}

/// The same word with curly apostrophes made straight, so "’s" and "'s" compare equal.
pub fn normalize_apostrophes(s: &str) -> String {
    s.replace('\u{2019}', "'")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_phrases_split_like_sentences() {
        let segmenter = newsgraph_text::segmenter(newsgraph_knowledge::Knowledge::embedded())
            .expect("knowledge reads");
        assert_eq!(
            phrase_words(&segmenter, "Côte d’Ivoire’s Russian-backed army didn't"),
            [
                "Côte",
                "d'Ivoire",
                "'s",
                "Russian-backed",
                "army",
                "did",
                "n't"
            ]
        );
    }
}
