//! Acronyms defined in brackets: "Democratic National Committee (DNC)" makes "DNC" a mention of
//! the name before it, wherever the text uses it.

use super::{sort, Context, Mention};
use newsgraph_model::Span;

rule!(
    /// "Democratic National Committee (DNC)": the bracketed acronym and every later use of it
    /// name what the name before it names.
    Acronyms,
    "acronyms",
    [],
    |cx, found| {
        add_acronyms(cx, &mut found.mentions);
    }
);

/// "Democratic National Committee (DNC)": the parenthesised acronym is a mention of the name
/// before it.
fn add_acronyms(cx: &Context, mentions: &mut Vec<Mention>) {
    let text = cx.text;
    let mut extra = Vec::new();
    for m in mentions.iter() {
        let rest = &text[m.span.end..];
        // Allow a possessive between the name and the bracket: "Committee's (DNC)".
        let skip = ["’s", "'s"]
            .iter()
            .find(|p| rest.starts_with(**p))
            .map_or(0, |p| p.len());
        let rest = &rest[skip..];
        let trimmed = rest.trim_start();
        if !trimmed.starts_with('(') || rest.len() - trimmed.len() > 1 {
            continue;
        }
        let inner = &trimmed[1..];
        let Some(close) = inner.find(')') else {
            continue;
        };
        let acro = inner[..close].trim();
        if acro.len() < 2
            || acro.len() > 8
            || !acro
                .chars()
                .all(|c| c.is_uppercase() || c == '.' || c == '&')
        {
            continue;
        }
        let start = m.span.end
            + skip
            + (rest.len() - trimmed.len())
            + 1
            + (inner[..close].len() - inner[..close].trim_start().len());
        let span = Span::new(start, start + acro.len());
        if !mentions.iter().any(|o| o.span.overlaps(span)) {
            extra.push(Mention {
                span,
                ty: m.ty,
                target: m.target,
                key: String::new(),
                stated: false,
            });
        }
    }
    // The acronym stands for the name wherever the text uses it, tagged or not ("CSHL").
    let defined: Vec<Mention> = extra.clone();
    mentions.extend(extra);
    for d in &defined {
        let acro = &text[d.span.start..d.span.end];
        let alone = |at: usize| {
            !text[..at].ends_with(|c: char| c.is_alphanumeric())
                && !text[at + acro.len()..].starts_with(|c: char| c.is_alphanumeric())
        };
        for (at, _) in text.match_indices(acro).filter(|&(at, _)| alone(at)) {
            let span = Span::new(at, at + acro.len());
            if let Some(o) = mentions.iter_mut().find(|o| o.span == span) {
                o.ty = d.ty;
                o.target = d.target;
            } else if !mentions.iter().any(|o| o.span.overlaps(span)) {
                mentions.push(Mention {
                    span,
                    ty: d.ty,
                    target: d.target,
                    key: String::new(),
                    stated: false,
                });
            }
        }
    }
    sort(mentions);
}
