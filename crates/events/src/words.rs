//! Word splitting for event coding: a sentence becomes words with byte spans.
//!
//! The coder keeps its own small tokenizer instead of the shared token layer because its rules
//! depend on a few exact choices: a possessive `'s` and a negation `n't` are words of their own,
//! hyphenated compounds ("Russian-backed", "cease-fire") stay whole so that a demonym inside one
//! is never read as an actor, and dotted abbreviations ("U.S.", "U.N.") keep their dots.

use newsgraph_model::Span;

/// What kind of word a [`Word`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordKind {
    Word,
    Number,
    Punct,
}

/// A word of a sentence: byte span into the document text and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub span: Span,
    pub kind: WordKind,
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Split `text` (which starts at byte `base` of the document) into words, appending to `out`.
pub fn split(text: &str, base: usize, out: &mut Vec<Word>) {
    let bytes = text.as_bytes();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if !c.is_alphanumeric() {
            // A possessive or negation clitic glued to nothing ("'s" after a space) is still a word.
            if is_apostrophe(c) {
                let rest = &text[start + c.len_utf8()..];
                if rest.starts_with('s') && !rest[1..].starts_with(|x: char| x.is_alphanumeric()) {
                    chars.next();
                    let end = start + c.len_utf8() + 1;
                    out.push(Word {
                        span: Span::new(base + start, base + end),
                        kind: WordKind::Word,
                    });
                    continue;
                }
            }
            let end = start + c.len_utf8();
            out.push(Word {
                span: Span::new(base + start, base + end),
                kind: WordKind::Punct,
            });
            continue;
        }
        let numeric = c.is_ascii_digit();
        let mut end = start + c.len_utf8();
        while let Some(&(i, d)) = chars.peek() {
            if d.is_alphanumeric() {
                end = i + d.len_utf8();
                chars.next();
                continue;
            }
            // Joiners stay inside a word only between two alphanumerics.
            let joiner =
                d == '-' || d == '.' || d == '&' || (numeric && d == ',') || is_apostrophe(d);
            let next_alnum = text[i + d.len_utf8()..]
                .chars()
                .next()
                .is_some_and(|x| x.is_alphanumeric());
            if joiner && next_alnum {
                if is_apostrophe(d) {
                    // "Israel's" -> "Israel" + "'s"; "didn't" -> "did" + "n't".
                    let after = &text[i + d.len_utf8()..];
                    let clitic_s = after.starts_with('s')
                        && !after[1..].starts_with(|x: char| x.is_alphanumeric());
                    let clitic_t = after.starts_with('t')
                        && bytes.get(i.wrapping_sub(1)) == Some(&b'n')
                        && !after[1..].starts_with(|x: char| x.is_alphanumeric());
                    if clitic_s || clitic_t {
                        break;
                    }
                }
                end = i + d.len_utf8();
                chars.next();
                continue;
            }
            // "U.S." keeps its final dot: the word so far is single letters joined by dots.
            if d == '.' && is_dotted_abbreviation(&text[start..end]) {
                end = i + 1;
                chars.next();
            }
            break;
        }
        // Split a trailing "n't" ("didn't") into its own word.
        let word = &text[start..end];
        if word.len() >= 3
            && word.ends_with('n')
            && text[end..].starts_with(|x: char| is_apostrophe(x))
        {
            let after = &text[end..];
            let apo = after.chars().next().map_or(1, |x| x.len_utf8());
            if after[apo..].starts_with('t')
                && !after[apo + 1..].starts_with(|x: char| x.is_alphanumeric())
            {
                let stem_end = end - 1;
                out.push(Word {
                    span: Span::new(base + start, base + stem_end),
                    kind: WordKind::Word,
                });
                out.push(Word {
                    span: Span::new(base + stem_end, base + end + apo + 1),
                    kind: WordKind::Word,
                });
                for _ in 0..2 {
                    chars.next();
                }
                continue;
            }
        }
        let kind = if numeric {
            WordKind::Number
        } else {
            WordKind::Word
        };
        out.push(Word {
            span: Span::new(base + start, base + end),
            kind,
        });
    }
}

fn is_dotted_abbreviation(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 3
        && b.iter().enumerate().all(|(i, &c)| {
            if i % 2 == 0 {
                c.is_ascii_uppercase()
            } else {
                c == b'.'
            }
        })
}

/// Split a lexicon phrase the way sentences are split, returning the words as strings.
pub fn phrase_words(phrase: &str) -> Vec<String> {
    let mut out = Vec::new();
    split(phrase, 0, &mut out);
    out.iter()
        .map(|w| normalize_apostrophes(&phrase[w.span.start..w.span.end]))
        .collect()
}

/// The same word with curly apostrophes made straight, so "’s" and "'s" compare equal.
pub fn normalize_apostrophes(s: &str) -> String {
    s.replace('\u{2019}', "'")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        let mut out = Vec::new();
        split(s, 0, &mut out);
        out.iter().map(|w| &s[w.span.start..w.span.end]).collect()
    }

    #[test]
    fn possessives_negations_and_abbreviations() {
        assert_eq!(
            texts("Israel's army didn't stop."),
            ["Israel", "'s", "army", "did", "n't", "stop", "."]
        );
        assert_eq!(
            texts("U.S. officials met U.N. envoys."),
            ["U.S.", "officials", "met", "U.N.", "envoys", "."]
        );
        assert_eq!(
            texts("the Russian-backed government"),
            ["the", "Russian-backed", "government"]
        );
        assert_eq!(
            texts("Israel’s cabinet, 1,000 troops"),
            ["Israel", "’s", "cabinet", ",", "1,000", "troops"]
        );
        assert_eq!(texts("ends with U.S."), ["ends", "with", "U.S."]);
    }
}
