//! Steps 1 and 2 of cleaning: a text's lines (furniture and separators marked) and the
//! paragraphs they make (a hard-wrapped block joined, one line per paragraph kept apart), in
//! a work buffer with white space normalised.

use super::{Line, Unit};
use crate::furniture::furniture_reason;
use crate::knowledge::TextKnowledge;
use newsgraph_model::Span;

/// Split into lines on `\n`, `\r\n` or a lone `\r`, keeping each line's indentation.
pub(super) fn split_lines(raw: &str) -> Vec<Line<'_>> {
    let lone_cr = !raw.contains('\n') && raw.contains('\r');
    let sep = if lone_cr { '\r' } else { '\n' };
    raw.split(sep)
        .map(|l| {
            let l = l.trim_end_matches('\r');
            let trimmed_start = l.trim_start();
            let indent = l[..l.len() - trimmed_start.len()]
                .chars()
                .map(|c| if c == '\t' { 4 } else { 1 })
                .sum();
            Line {
                content: trimmed_start.trim_end(),
                indent,
                removed: None,
                cuts: Vec::new(),
            }
        })
        .collect()
}

/// Mark furniture lines, separators, and the headline lists under a section heading.
pub(super) fn classify_lines(k: &TextKnowledge, lines: &mut [Line<'_>]) {
    let mut in_section = false;
    for line in lines.iter_mut() {
        let content = line.content;
        if content.is_empty() {
            continue;
        }
        if !content
            .chars()
            .any(|c| c.is_alphanumeric() || is_quote_mark(c))
        {
            line.removed = Some("separator");
            in_section = false;
            continue;
        }
        match furniture_reason(k, content) {
            Some((reason, section)) => {
                line.removed = Some(reason);
                in_section = section;
            }
            None if in_section && is_headline_like(content, 14) => line.removed = Some("related"),
            None => in_section = false,
        }
    }
}

fn is_quote_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '\'' | '‘' | '’' | '«' | '»' | '„')
}

/// Ends a sentence (or a quoted one) at the end of a line.
pub(super) fn ends_sentence(s: &str) -> bool {
    let s = s.trim_end_matches(['"', '”', '’', '\'', ')', ']', '»', ' ']);
    s.ends_with(['.', '!', '?', '…', ':', ';'])
}

/// A line that ends with "in", "the", "and" stops mid-sentence: no heading ends that way.
fn ends_with_function_word(k: &TextKnowledge, s: &str) -> bool {
    let last = s.rsplit(' ').next().unwrap_or("");
    last.chars().all(char::is_lowercase) && k.sentence_openers.contains_key(last)
}

pub(super) fn starts_lower(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_lowercase)
}

/// Group lines into paragraphs (see the module docs) and write their normalised text to `buf`.
pub(super) fn build_units(k: &TextKnowledge, lines: &[Line<'_>], buf: &mut String) -> Vec<Unit> {
    let mut units = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].content.is_empty() {
            i += 1;
            continue;
        }
        let block_start = i;
        while i < lines.len() && !lines[i].content.is_empty() {
            i += 1;
        }
        let block = &lines[block_start..i];
        let joins = decide_joins(k, block);
        let mut unit_start: Option<usize> = None;
        let count_before = units.len();
        for (j, line) in block.iter().enumerate() {
            if line.removed.is_some() {
                continue;
            }
            let start = *unit_start.get_or_insert_with(|| {
                units.push(Unit {
                    span: Span::new(buf.len(), buf.len()),
                    first_line: block_start + j,
                    lines: 0,
                    alone: false,
                    removed: None,
                });
                buf.len()
            });
            if buf.len() > start {
                buf.push(' ');
            }
            let mut at = 0;
            for cut in &line.cuts {
                push_normalised(buf, &line.content[at..cut.start]);
                if !buf.ends_with(' ') && buf.len() > start {
                    buf.push(' ');
                }
                at = cut.end;
            }
            push_normalised(buf, &line.content[at..]);
            while buf.len() > start && buf.ends_with(' ') {
                buf.pop();
            }
            if let Some(u) = units.last_mut() {
                u.span.end = buf.len();
                u.lines += 1;
            }
            let joins_next = joins.get(j).copied().unwrap_or(false)
                && block.get(j + 1).is_some_and(|n| n.removed.is_none());
            if !joins_next {
                unit_start = None;
            }
        }
        if units.len() == count_before + 1 {
            if let Some(u) = units.last_mut() {
                u.alone = true;
            }
        }
    }
    units.retain(|u| !u.span.is_empty());
    units
}

/// For each line of a block, whether it runs on into the next line (a hard wrap).
fn decide_joins(k: &TextKnowledge, block: &[Line<'_>]) -> Vec<bool> {
    if block.len() < 2 {
        return vec![false; block.len()];
    }
    // The indentation most lines have; a line indented beyond it starts a paragraph (wire copy
    // indents paragraph starts; some scrapes indent every line but the first).
    let base_indent = most_common_indent(block);
    let max_len = block
        .iter()
        .map(|l| l.content.chars().count())
        .max()
        .unwrap_or(0);
    let boundaries = block.len() - 1;
    let soft = block
        .windows(2)
        .filter(|w| !ends_sentence(w[0].content) && starts_lower(w[1].content))
        .count();
    let wrapped = soft >= 1 && soft * 4 >= boundaries;
    block
        .windows(2)
        .enumerate()
        .map(|(i, w)| {
            let (line, next) = (&w[0], &w[1]);
            if next.indent > base_indent + 1 || starts_with_bullet(next.content) {
                return false;
            }
            let continues = !ends_sentence(line.content)
                && (starts_lower(next.content) || ends_with_function_word(k, line.content));
            if wrapped {
                let short = |l: &Line<'_>| l.content.chars().count() * 100 < max_len * 55;
                // After a finished sentence, a short line without final punctuation is a
                // heading, a dateline or a table row, not the rest of a paragraph.
                let heading_next =
                    ends_sentence(line.content) && short(next) && !ends_sentence(next.content);
                // A short unfinished first line is a wrapped line whose start was cut (wire
                // copy with its dateline taken off: "Treasury balances at the Federal").
                let cut_first_line = i == 0 && !ends_sentence(line.content) && !short(next);
                continues || cut_first_line || !(short(line) || heading_next)
            } else {
                continues || line.content.ends_with([',', '-'])
            }
        })
        .collect()
}

/// A list item: "- ", "• ", "* ", "· ".
fn starts_with_bullet(s: &str) -> bool {
    ["- ", "• ", "* ", "· ", "– ", "— "]
        .iter()
        .any(|b| s.starts_with(b))
}

fn most_common_indent(block: &[Line<'_>]) -> usize {
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for l in block {
        match counts.iter_mut().find(|(indent, _)| *indent == l.indent) {
            Some((_, n)) => *n += 1,
            None => counts.push((l.indent, 1)),
        }
    }
    // Ties go to the smaller indentation.
    counts
        .iter()
        .max_by_key(|(indent, n)| (*n, usize::MAX - indent))
        .map_or(0, |(indent, _)| *indent)
}

/// Append `s` to `buf` with white space runs collapsed to one space and invisible characters
/// dropped.
fn push_normalised(buf: &mut String, s: &str) {
    // Copy runs of ordinary characters whole; only white space and invisible characters
    // interrupt a run.
    let mut run_start = 0;
    let mut space = false;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Printable ASCII, most of any text, never interrupts a run: no decoding for it. One
        // space between two printable characters of a run would be written back as it is
        // (the run before it, then one space, then the next run): the run goes on over it.
        let printable = |b: u8| (0x21..0x7f).contains(&b);
        if printable(bytes[i])
            || (bytes[i] == b' '
                && run_start < i
                && bytes.get(i + 1).is_some_and(|&b| printable(b)))
        {
            i += 1;
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        let at = i;
        i += c.len_utf8();
        let skip = if c.is_ascii() {
            c.is_ascii_whitespace() || c.is_ascii_control()
        } else {
            c.is_whitespace()
                || matches!(
                    c,
                    '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
                )
                || c.is_control()
        };
        if !skip {
            continue;
        }
        if run_start < at {
            if space && !buf.is_empty() && !buf.ends_with(' ') {
                buf.push(' ');
            }
            buf.push_str(&s[run_start..at]);
            space = false;
        }
        space |= c.is_whitespace();
        run_start = i;
    }
    if run_start < s.len() {
        if space && !buf.is_empty() && !buf.ends_with(' ') {
            buf.push(' ');
        }
        buf.push_str(&s[run_start..]);
    }
}

pub(super) fn normalise_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_normalised(&mut out, s);
    out
}

pub(super) fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// A short line without final punctuation that does not start in lower case: a headline, a
/// section label, or a list item.
pub(super) fn is_headline_like(s: &str, max_words: usize) -> bool {
    let n = word_count(s);
    (1..=max_words).contains(&n)
        && !starts_lower(s)
        && !s
            .trim_end_matches(['"', '”', '’', '\'', ')'])
            .ends_with(['.', ',', ';', ':', '…'])
}
