//! Long documents in sections, so that the work of recognition stays linear in their length.
//!
//! Recognition has document-level rules (a surname is the person named in full elsewhere, an
//! acronym is the longer name it abbreviates, one type per name...) that compare every mention
//! with every other: fine for an article, quadratic for a 10 MB page of concatenated stories.
//! A document longer than [`SECTION_BYTES`] is therefore recognised a section at a time, cut at
//! a paragraph break (else a sentence break), and the sections' entities are merged by name and
//! type, in order of first mention. Every real article is far shorter than a section (the
//! longest of the 27k bench articles is 100 KB), so its entities are what one pass finds.

use newsgraph_model::{Entity, EntityType, Span, Token};
use std::collections::HashMap;
use std::ops::Range;

/// Longest text recognised in one pass (bytes).
pub const SECTION_BYTES: usize = 128 * 1024;

/// The token ranges of a document's sections, each at most about `max` bytes of text long,
/// cut before a token that opens a paragraph, else a sentence, in the second half of a section.
pub fn sections(text: &str, tokens: &[Token], max: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < tokens.len() {
        let from = tokens[start].span.start;
        // The first token that would end past the limit (at least one token per section).
        let limit = start
            + 1
            + tokens[start + 1..].partition_point(|t| t.span.end.saturating_sub(from) <= max);
        if limit >= tokens.len() {
            out.push(start..tokens.len());
            break;
        }
        let half = start + (limit - start) / 2;
        let opens = |c: usize, paragraph: bool| {
            let (prev, next) = (&tokens[c - 1], &tokens[c]);
            prev.sentence != next.sentence
                && (!paragraph
                    || text
                        .get(prev.span.end..next.span.start)
                        .is_some_and(|gap| gap.contains('\n')))
        };
        let cut = (half.max(start + 1)..=limit)
            .rev()
            .find(|&c| opens(c, true))
            .or_else(|| {
                (half.max(start + 1)..=limit)
                    .rev()
                    .find(|&c| opens(c, false))
            })
            .unwrap_or(limit);
        out.push(start..cut);
        start = cut;
    }
    out
}

/// Recognise `text` section by section with `recognise` (given a section's text, its tokens
/// with spans relative to it, and the dateline when it falls inside) and merge the entities.
pub fn recognise_in_sections(
    text: &str,
    tokens: &[Token],
    dateline: Option<Span>,
    max: usize,
    recognise: impl Fn(&str, &[Token], Option<Span>) -> Vec<Entity>,
) -> Vec<Entity> {
    let ranges = sections(text, tokens, max);
    if ranges.len() <= 1 {
        return recognise(text, tokens, dateline);
    }
    let mut entities: Vec<Entity> = Vec::new();
    let mut index: HashMap<(String, EntityType), usize> = HashMap::new();
    for (n, range) in ranges.iter().enumerate() {
        // A section's text runs from its first token (the document's start for the first) to
        // the next section's first token (the document's end for the last).
        let from = if n == 0 {
            0
        } else {
            tokens[range.start].span.start
        };
        let to = tokens.get(range.end).map_or(text.len(), |t| t.span.start);
        let Some(section) = text.get(from..to) else {
            continue;
        };
        let shift = |s: Span| Span::new(s.start - from, s.end - from);
        let local: Vec<Token> = tokens[range.clone()]
            .iter()
            .map(|t| Token {
                span: shift(t.span),
                ..*t
            })
            .collect();
        let line = dateline
            .filter(|d| d.start >= from && d.end <= to)
            .map(shift);
        for mut e in recognise(section, &local, line) {
            for m in &mut e.mentions {
                *m = Span::new(m.start + from, m.end + from);
            }
            match index.get(&(e.name.clone(), e.kind_type)) {
                Some(&i) => entities[i].mentions.append(&mut e.mentions),
                None => {
                    index.insert((e.name.clone(), e.kind_type), entities.len());
                    entities.push(e);
                }
            }
        }
    }
    entities
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_model::TokenKind;

    /// Word tokens of `text`, a new sentence after each `.`.
    fn tokens(text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        let mut sentence = 0;
        for word in text.split_whitespace() {
            let start = word.as_ptr() as usize - text.as_ptr() as usize;
            out.push(Token {
                span: Span::new(start, start + word.len()),
                kind: TokenKind::Word,
                sentence,
            });
            if word.ends_with('.') {
                sentence += 1;
            }
        }
        out
    }

    #[test]
    fn issue_20_a_short_text_is_one_section() {
        let text = "Police said. Rain fell.";
        assert_eq!(sections(text, &tokens(text), 1000), vec![0..4]);
    }

    #[test]
    fn issue_20_long_texts_are_cut_at_paragraphs_then_sentences() {
        let text = "Aa bb cc.\nDd ee. Ff gg hh. Ii jj.";
        let toks = tokens(text);
        // A 20-byte limit: the paragraph break after "cc." comes before the sentence break.
        let cut = sections(text, &toks, 20);
        assert_eq!(cut[0], 0..3);
        assert!(cut.iter().all(|r| !r.is_empty()));
        assert_eq!(cut.last().map(|r| r.end), Some(toks.len()));
        let words: usize = cut.iter().map(|r| r.len()).sum();
        assert_eq!(words, toks.len());
    }

    #[test]
    fn issue_20_sections_merge_entities_by_name_and_type() {
        let text = "Oslo rain.\nOslo sun.";
        let toks = tokens(text);
        let found = recognise_in_sections(text, &toks, None, 12, |section, local, _| {
            // Every "Oslo" of the section is one place.
            let mentions: Vec<Span> = local
                .iter()
                .filter(|t| &section[t.span.start..t.span.end] == "Oslo")
                .map(|t| t.span)
                .collect();
            vec![Entity {
                name: "Oslo".into(),
                kind_type: EntityType::Location,
                kind: None,
                codes: Default::default(),
                geo: None,
                mentions,
            }]
        });
        assert_eq!(found.len(), 1);
        let spans: Vec<&str> = found[0]
            .mentions
            .iter()
            .map(|m| &text[m.start..m.end])
            .collect();
        assert_eq!(spans, ["Oslo", "Oslo"]);
        assert_eq!(found[0].mentions[1].start, 11);
    }
}
