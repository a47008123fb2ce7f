//! A tokenizer for news English, written for the engine's needs: one pass over the bytes, no
//! regex, no allocation beyond the output vector.
//!
//! This is the project's one tokenizer: the `segment` stage writes its tokens into the document
//! and every later stage reads them (conventions in ARCHITECTURE.md, "Tokens"). They follow
//! CoNLL-2003, the Penn Treebank and Universal Dependencies (the tagger and parser's training
//! data):
//! - Words keep internal hyphens and apostrophes: "Russian-backed", "O'Brien", "21-year-old"
//!   are one token each; a stage that needs "Russian" out of "Russian-backed" splits the token
//!   itself.
//! - Clitics are tokens of their own: the possessive `'s` / `’s` ("Syria", "’s"), so a name
//!   never carries it; `'m`, `'re`, `'ve`, `'ll`, `'d` ("I", "'m"); and the negation `n't`
//!   ("did", "n't"; "ca", "n't"; "wo", "n't").
//! - Numbers keep their separators: "1,200", "3.5", "2016-17", "10:30", "04/09/87", ".500",
//!   "+44"; a list number opening a sentence keeps its period ("4. Natalya Sadova"); a currency
//!   sign keeps its country letters ("C$", "US$"). On the CoNLL-2003 training text, whose
//!   tokens are known, 99.9% of the gold tokens come out as tokens.
//! - An abbreviation keeps its period ("Mr.", "U.S.", "Sept.", an initial "W."); a period
//!   that ends a sentence is its own token.
//! - Quotation marks (straight, curly, guillemets, a doubled "``") are [`TokenKind::Quote`];
//!   an apostrophe after a plural "s" ("the teachers' union") is punctuation.

use crate::knowledge::TextKnowledge;
use newsgraph_model::{Span, Token, TokenKind};

/// Tokens of a whole text, all in sentence 0 (for callers that have no sentences).
pub fn tokenize(k: &TextKnowledge, text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5);
    tokenize_into(k, text, Span::new(0, text.len()), 0, &mut out);
    out
}

/// Append the tokens of `text[range]` to `out`, each marked with `sentence`.
pub fn tokenize_into(
    k: &TextKnowledge,
    text: &str,
    range: Span,
    sentence: usize,
    out: &mut Vec<Token>,
) {
    let Some(s) = text.get(range.start..range.end) else {
        return;
    };
    let base = range.start;
    let mut push = |start: usize, end: usize, kind: TokenKind| {
        out.push(Token {
            span: Span::new(base + start, base + end),
            kind,
            sentence,
        });
    };
    let mut i = 0;
    let first_visible = s.len() - s.trim_start().len();
    while i < s.len() {
        // ASCII white space, most of the gaps between tokens: nothing to decode.
        if matches!(s.as_bytes()[i], b' ' | b'\t' | b'\n' | b'\r') {
            i += 1;
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        let len = c.len_utf8();
        // A plus sign before digits, after a space or bracket: "+44" (phone codes, changes).
        if c == '+'
            && s[i + 1..].starts_with(|d: char| d.is_ascii_digit())
            && s[..i]
                .chars()
                .next_back()
                .is_none_or(|p| p.is_whitespace() || p == '(')
        {
            let (end, numeric) = scan_word(s, i + 1, k);
            push(i, end, word_kind(numeric));
            i = end;
            continue;
        }
        if c.is_whitespace() {
            i += len;
            continue;
        }
        let leading_decimal = c == '.' && s[i + 1..].starts_with(|d: char| d.is_ascii_digit());
        if c.is_alphanumeric() || leading_decimal {
            let (mut end, numeric) = scan_word(s, i + usize::from(leading_decimal), k);
            let first_of_sentence = i == first_visible;
            let followed_by_space = |at: usize| s[at..].starts_with(char::is_whitespace);
            if numeric
                && first_of_sentence
                && s[end..].starts_with('.')
                && followed_by_space(end + 1)
            {
                // A list number ("4. Natalya Sadova"): the period is part of it.
                end += 1;
            } else if !numeric
                && end - i <= 3
                && s[i..end].bytes().all(|b| b.is_ascii_uppercase())
                && s[end..].starts_with('$')
            {
                // A currency sign with its country letters: "C$", "US$", "HK$".
                push(i, end + 1, TokenKind::Symbol);
                i = end + 1;
                continue;
            }
            push(i, end, word_kind(numeric));
            i = end;
            continue;
        }
        match c {
            '\'' | '’' => {
                let after = &s[i + len..];
                let prev_letter = s[..i]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric);
                // After a word ("Syria’s", "I'm") or written apart ("I 'm", as tokenised
                // corpora write it).
                let clitic = clitic_len(after);
                if let Some(clitic_len) = clitic {
                    push(i, i + len + clitic_len, TokenKind::Word);
                    i += len + clitic_len;
                } else if c == '\'' && after.starts_with('\'') {
                    push(i, i + 2, TokenKind::Quote);
                    i += 2;
                } else {
                    let plural_possessive = prev_letter
                        && s[..i].ends_with(['s', 'S'])
                        && !after.chars().next().is_some_and(char::is_alphanumeric);
                    push(
                        i,
                        i + len,
                        if plural_possessive {
                            TokenKind::Punct
                        } else {
                            TokenKind::Quote
                        },
                    );
                    i += len;
                }
            }
            '`' if s[i + 1..].starts_with('`') => {
                push(i, i + 2, TokenKind::Quote);
                i += 2;
            }
            '"' | '“' | '”' | '„' | '‟' | '«' | '»' | '‘' | '‚' | '‹' | '›' | '`' =>
            {
                push(i, i + len, TokenKind::Quote);
                i += len;
            }
            '.' | '-' => {
                // "...", "--": one token for the run.
                let run = s[i..].bytes().take_while(|&b| b == c as u8).count();
                push(i, i + run, TokenKind::Punct);
                i += run;
            }
            ',' | ';' | ':' | '!' | '?' | '(' | ')' | '[' | ']' | '{' | '}' | '…' | '–' | '—'
            | '‐' | '‑' | '‒' | '―' | '/' | '\\' | '·' | '•' | '¿' | '¡' => {
                push(i, i + len, TokenKind::Punct);
                i += len;
            }
            _ => {
                push(i, i + len, TokenKind::Symbol);
                i += len;
            }
        }
    }
}

/// Length of the clitic `s` opens with, after its apostrophe: "s", "m", "re", "ve", "ll" or "d"
/// in either case, ending there ("’s", "'m", "'LL"; not "'sake", "O'Reilly").
fn clitic_len(s: &str) -> Option<usize> {
    const CLITICS: [&str; 6] = ["s", "m", "d", "re", "ve", "ll"];
    let word_len = s.find(|c: char| !c.is_alphanumeric()).unwrap_or(s.len());
    let word = &s[..word_len];
    CLITICS
        .iter()
        .any(|c| c.eq_ignore_ascii_case(word))
        .then_some(word_len)
}

/// `s` (the text after an apostrophe) is the "t" of a negation "n't": a "t" or "T" that ends a
/// word.
fn is_negation_t(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some('t' | 'T')) && !chars.next().is_some_and(char::is_alphanumeric)
}

/// End of the word or number starting at `start`, and whether it is a number.
fn scan_word(s: &str, start: usize, k: &TextKnowledge) -> (usize, bool) {
    let b = s.as_bytes();
    let mut i = start;
    let mut numeric = true;
    let mut has_letter_dot = false;
    loop {
        // A run of letters, digits and combining marks; ASCII ones byte by byte.
        while let Some(&c) = b.get(i).filter(|c| c.is_ascii_alphanumeric()) {
            numeric &= c.is_ascii_digit();
            i += 1;
        }
        while let Some(c) = s[i..].chars().next() {
            if c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c) {
                numeric &= c.is_ascii_digit();
                i += c.len_utf8();
            } else {
                break;
            }
        }
        let Some(j) = s[i..].chars().next() else {
            break;
        };
        // White space joins nothing (most words end at a space): no need to look around.
        if j == ' ' {
            break;
        }
        let next = s[i + j.len_utf8()..].chars().next();
        let prev = s[..i].chars().next_back();
        let next_alnum = next.is_some_and(char::is_alphanumeric);
        let digits_around =
            prev.is_some_and(|c| c.is_ascii_digit()) && next.is_some_and(|c| c.is_ascii_digit());
        let joins = match j {
            '\'' | '’' => {
                let after = &s[i + j.len_utf8()..];
                // "didn't": the word ends before its "n", which opens the token "n't" (a
                // lone "n't" is one token).
                if matches!(prev, Some('n' | 'N')) && i - 1 > start && is_negation_t(after) {
                    return (i - 1, false);
                }
                next.is_some_and(char::is_alphabetic) && clitic_len(after).is_none()
            }
            '-' | '‐' | '‑' => next_alnum,
            '.' => {
                if next_alnum && !digits_around {
                    has_letter_dot = true;
                }
                next_alnum
            }
            // "1,200" but not "1,2" or "5,Smith": a thousands group is exactly three digits.
            ',' => {
                digits_around && {
                    let rest = &b[i + 1..];
                    rest.len() >= 3
                        && rest[..3].iter().all(u8::is_ascii_digit)
                        && !rest.get(3).is_some_and(u8::is_ascii_digit)
                }
            }
            '/' | ':' => digits_around,
            '&' => prev.is_some_and(char::is_uppercase) && next.is_some_and(char::is_uppercase),
            _ => false,
        };
        if !joins {
            break;
        }
        if !matches!(j, '.' | ',' | '/' | ':' | '-' | '‐' | '‑') {
            numeric = false;
        }
        i += j.len_utf8();
    }
    // An abbreviation keeps its period.
    if b.get(i) == Some(&b'.') && !numeric {
        let word = &s[start..i];
        let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
        let acronym = has_letter_dot && word.chars().all(|c| c.is_alphabetic() || c == '.');
        if initial || acronym || k.abbreviations.contains_key(word) {
            i += 1;
        }
    }
    (i, numeric)
}

/// A scanned run of letters and digits is a number when it holds no letter.
fn word_kind(numeric: bool) -> TokenKind {
    if numeric {
        TokenKind::Number
    } else {
        TokenKind::Word
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(text: &str) -> String {
        tokenize(crate::knowledge::for_tests(), text)
            .iter()
            .map(|t| {
                let s = &text[t.span.start..t.span.end];
                match t.kind {
                    TokenKind::Word => s.to_owned(),
                    TokenKind::Number => format!("{s}#"),
                    TokenKind::Punct => format!("{s}_"),
                    TokenKind::Quote => format!("{s}q"),
                    TokenKind::Symbol => format!("{s}$"),
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn words_keep_hyphens_and_apostrophes_but_not_clitics() {
        assert_eq!(
            render("Syria’s Russian-backed government doesn't"),
            "Syria ’s Russian-backed government does n't"
        );
        assert_eq!(
            render("I'm sure they'll say we can't, and WON'T."),
            "I 'm sure they 'll say we ca n't ,_ and WO N'T ._"
        );
        assert_eq!(
            render("O'Reilly's rock'n'roll, you'd say; ma'am, I 've"),
            "O'Reilly 's rock'n'roll ,_ you 'd say ;_ ma'am ,_ I 've"
        );
        assert_eq!(render("did n't"), "did n't");
        assert_eq!(
            render("O'Brien's 21-year-old son"),
            "O'Brien 's 21-year-old son"
        );
        assert_eq!(render("the teachers' union"), "the teachers '_ union");
    }

    #[test]
    fn numbers_keep_their_separators() {
        assert_eq!(
            render("1,200 people, 3.5 pct, 2016-17, 10:30 on 04/09/87"),
            "1,200# people ,_ 3.5# pct ,_ 2016-17# ,_ 10:30# on 04/09/87#"
        );
        assert_eq!(render("$23.4 million (4%)"), "$$ 23.4# million (_ 4# %$ )_");
        assert_eq!(render("scores 1,2 and 3"), "scores 1# ,_ 2# and 3#");
        assert_eq!(
            render("4. Sadova hit .500 for C$ 1.5 million"),
            "4.# Sadova hit .500# for C$$ 1.5# million"
        );
    }

    #[test]
    fn abbreviations_keep_their_period() {
        assert_eq!(
            render("Mr. Smith met U.S. Gen. George W. Bush."),
            "Mr. Smith met U.S. Gen. George W. Bush ._"
        );
        assert_eq!(render("at 3 p.m. on Sept. 5"), "at 3# p.m. on Sept. 5#");
        assert_eq!(render("AT&T and S&P"), "AT&T and S&P");
    }

    #[test]
    fn quotes_and_dashes() {
        assert_eq!(
            render("“It works,” he said — really..."),
            "“q It works ,_ ”q he said —_ really ..._"
        );
        assert_eq!(
            render("\" I 'm sure , \" he said -- no"),
            "\"q I 'm sure ,_ \"q he said --_ no"
        );
        assert_eq!(render("``Yes,'' she said"), "``q Yes ,_ ''q she said");
    }
}
