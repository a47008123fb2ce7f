//! A small fallback tokenizer, used when no earlier stage filled `doc.tokens` (tests, the
//! training harness, callers that run `ner` alone). It mirrors the CoNLL conventions the tagger
//! was trained on: possessive `'s` and `n't` split off, abbreviations like `U.S.` kept whole,
//! hyphenated words and numbers with separators kept as one token. A line break ends a sentence,
//! as does `.`, `?` or `!` followed by a space and an upper-case letter.

use newsgraph_model::{Span, Token, TokenKind};

/// Is `c` part of a word (letters, digits, and the joiners that stay inside words)?
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘')
}

/// Tokenize `text` into word, number and punctuation tokens with sentence indices.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut sentence = 0usize;
    let mut pending_break = false;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let byte_at = |k: usize| if k < n { chars[k].0 } else { text.len() };
    let mut i = 0;
    while i < n {
        let c = chars[i].1;
        if c == '\n' {
            if !tokens.is_empty() {
                pending_break = true;
            }
            i += 1;
            continue;
        }
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if pending_break {
            sentence += 1;
            pending_break = false;
        }
        let start = i;
        let kind;
        if is_word_char(c) {
            // A run of word characters, allowing inner `-`, `.` (U.S., 3.5), `,` between digits,
            // `&` between capitals (AT&T), and `/` between digits.
            let mut j = i + 1;
            while j < n {
                let d = chars[j].1;
                if is_word_char(d) {
                    j += 1;
                    continue;
                }
                let next = if j + 1 < n {
                    Some(chars[j + 1].1)
                } else {
                    None
                };
                let prev = chars[j - 1].1;
                let joins = match (d, next) {
                    ('-', Some(x)) if is_word_char(x) => true,
                    ('.', Some(x))
                        if x.is_alphanumeric() && (prev.is_ascii_digit() && x.is_ascii_digit()) =>
                    {
                        true
                    }
                    ('.', Some(x))
                        if x.is_uppercase()
                            && prev.is_uppercase()
                            && run_is_short(&chars, i, j) =>
                    {
                        true
                    }
                    (',', Some(x)) if prev.is_ascii_digit() && x.is_ascii_digit() => true,
                    ('/', Some(x)) if prev.is_ascii_digit() && x.is_ascii_digit() => true,
                    ('&', Some(x)) if prev.is_uppercase() && x.is_uppercase() => true,
                    // O'Neill, D'Alema.
                    (a, Some(x)) if is_apostrophe(a) && x.is_uppercase() && j - i == 1 => true,
                    _ => false,
                };
                if joins {
                    j += 2;
                } else {
                    break;
                }
            }
            // Trailing period of an abbreviation: "U.S." "Mr." "Jan." - kept when the word is
            // dotted (U.S) or a short capitalised word followed by a lower-case word or digit.
            if j < n && chars[j].1 == '.' {
                let word: String = chars[i..j].iter().map(|x| x.1).collect();
                let dotted = word.contains('.') && word.chars().any(|x| x.is_alphabetic());
                let single_cap =
                    word.chars().count() == 1 && word.chars().all(|x| x.is_uppercase());
                let title = is_title_abbrev(&word);
                if dotted || title || single_cap {
                    j += 1;
                }
            }
            let has_alpha = chars[i..j].iter().any(|x| x.1.is_alphabetic());
            kind = if has_alpha {
                TokenKind::Word
            } else {
                TokenKind::Number
            };
            // A lone "n't" as CoNLL writes it.
            if j == i + 1
                && (c == 'n' || c == 'N')
                && j + 1 < n
                && is_apostrophe(chars[j].1)
                && (chars[j + 1].1 == 't' || chars[j + 1].1 == 'T')
                && (j + 2 >= n || !is_word_char(chars[j + 2].1))
            {
                push(
                    &mut tokens,
                    byte_at(i),
                    byte_at(j + 2),
                    TokenKind::Word,
                    sentence,
                );
                i = j + 2;
                continue;
            }
            // "didn't" -> "did" + "n't", as CoNLL splits it.
            if j + 1 < n
                && is_apostrophe(chars[j].1)
                && (chars[j + 1].1 == 't' || chars[j + 1].1 == 'T')
                && j > i + 1
                && (chars[j - 1].1 == 'n' || chars[j - 1].1 == 'N')
                && (j + 2 >= n || !is_word_char(chars[j + 2].1))
            {
                push(
                    &mut tokens,
                    byte_at(i),
                    byte_at(j - 1),
                    TokenKind::Word,
                    sentence,
                );
                push(
                    &mut tokens,
                    byte_at(j - 1),
                    byte_at(j + 2),
                    TokenKind::Word,
                    sentence,
                );
                i = j + 2;
                continue;
            }
            push(&mut tokens, byte_at(start), byte_at(j), kind, sentence);
            i = j;
            continue;
        }
        if is_apostrophe(c) && i + 1 < n && chars[i + 1].1.is_alphabetic() {
            // Clitics: 's 're 've 'll 'd 'm, after a word or standing alone as CoNLL writes them.
            let mut j = i + 1;
            while j < n && chars[j].1.is_alphabetic() {
                j += 1;
            }
            let clitic: String = chars[i + 1..j]
                .iter()
                .flat_map(|x| x.1.to_lowercase())
                .collect();
            if matches!(clitic.as_str(), "s" | "re" | "ve" | "ll" | "d" | "m") {
                push(
                    &mut tokens,
                    byte_at(i),
                    byte_at(j),
                    TokenKind::Word,
                    sentence,
                );
                i = j;
                continue;
            }
        }
        // Punctuation: runs of the same char ("...", "--") stay together.
        let mut j = i + 1;
        while j < n && chars[j].1 == c && !c.is_alphanumeric() {
            j += 1;
        }
        kind = if is_quote(c) || is_apostrophe(c) {
            TokenKind::Quote
        } else if c.is_ascii_punctuation() || matches!(c, '–' | '—' | '…') {
            TokenKind::Punct
        } else {
            TokenKind::Symbol
        };
        push(&mut tokens, byte_at(i), byte_at(j), kind, sentence);
        if matches!(c, '.' | '?' | '!') {
            // A sentence ends when the next visible char is upper-case or a quote and a space follows.
            let space_after = j < n && chars[j].1.is_whitespace();
            if space_after
                && next_visible(&chars, j).is_some_and(|x| x.is_uppercase() || is_quote(x))
            {
                pending_break = true;
            }
        }
        i = j;
    }
    tokens
}

fn push(tokens: &mut Vec<Token>, start: usize, end: usize, kind: TokenKind, sentence: usize) {
    if end > start {
        tokens.push(Token {
            span: Span::new(start, end),
            kind,
            sentence,
        });
    }
}

fn next_visible(chars: &[(usize, char)], from: usize) -> Option<char> {
    chars[from.min(chars.len())..]
        .iter()
        .map(|x| x.1)
        .find(|c| !c.is_whitespace())
}

/// Is the word run since `start` made of single capitals joined by dots so far ("U.S", "U.N")?
fn run_is_short(chars: &[(usize, char)], start: usize, at: usize) -> bool {
    let seg_start = chars[start..at]
        .iter()
        .rposition(|x| x.1 == '.')
        .map_or(start, |p| start + p + 1);
    at - seg_start <= 2
}

/// Short titles whose period belongs to the word.
pub(crate) fn is_title_abbrev(word: &str) -> bool {
    matches!(
        word,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "Prof"
            | "Gen"
            | "Col"
            | "Lt"
            | "Sgt"
            | "Capt"
            | "Gov"
            | "Sen"
            | "Rep"
            | "St"
            | "Jr"
            | "Sr"
            | "Inc"
            | "Corp"
            | "Co"
            | "Ltd"
            | "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Aug"
            | "Sept"
            | "Sep"
            | "Oct"
            | "Nov"
            | "Dec"
            | "No"
            | "vs"
            | "Mt"
            | "Ft"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokenize(text)
            .iter()
            .map(|t| text[t.span.start..t.span.end].to_string())
            .collect()
    }

    #[test]
    fn splits_clitics_and_keeps_abbreviations() {
        assert_eq!(
            words("U.S. officials didn't say Obama’s plan, Mr. Smith said."),
            [
                "U.S.",
                "officials",
                "did",
                "n't",
                "say",
                "Obama",
                "’s",
                "plan",
                ",",
                "Mr.",
                "Smith",
                "said",
                "."
            ]
        );
    }

    #[test]
    fn keeps_hyphenated_words_and_numbers_whole() {
        assert_eq!(
            words("Russian-backed 1,200 on 1996-08-30 (3.5%)"),
            [
                "Russian-backed",
                "1,200",
                "on",
                "1996-08-30",
                "(",
                "3.5",
                "%",
                ")"
            ]
        );
    }

    #[test]
    fn counts_sentences_at_lines_and_full_stops() {
        let toks = tokenize("He left. She stayed\nThen rain");
        let sentences: Vec<usize> = toks.iter().map(|t| t.sentence).collect();
        assert_eq!(sentences, [0, 0, 0, 1, 1, 2, 2]);
    }
}
