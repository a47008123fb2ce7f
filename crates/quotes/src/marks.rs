//! Finding double-quoted passages in the text: straight (`"`) and curly (`“ ”`) marks, nested
//! quotations, and the damage scraped text is full of.
//!
//! Each mark is first read by its shape, not by counting: a mark after a space and before a
//! word opens, one after a word and before a space or punctuation closes. Counting alone goes
//! out of step at the first stray mark, and in a text whose paragraphs were flattened into one
//! line a single stray mark would turn every quotation after it inside out. Shapes keep each
//! quotation to itself:
//! - a straight mark between two letters is an apostrophe a decoder mangled (`don"t`);
//! - `"?` glued to the next word is a mangled curly closing mark (`Alisyn,"?Duffy said`) after
//!   a word, and a mangled dash after a space (`people "?such as`), skipped;
//! - a closing-shaped mark with no quotation open is a stray, skipped;
//! - an opening-shaped mark inside an open quotation opens a quotation within it, unless a
//!   sentence has just ended: then the open quotation ran to the end of its paragraph without
//!   a closing mark (newsroom style for a quotation that goes on in the next paragraph) and the
//!   paragraph break was lost; the passage ends there and a new one starts (`continues`).
//!
//! A passage never crosses a line break: one left open at the end of a paragraph ends there,
//! and the continuation paragraph opens with a mark of its own. Single quotation marks are not
//! quotation marks here: they are apostrophes as often as not, and a quote within a quote is
//! part of the outer passage.

use newsgraph_model::Span;

/// One double-quoted passage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Passage {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// The words inside the marks, trimmed of white space.
    pub content: Span,
    /// Byte offset just past the closing mark; the paragraph end, or the next passage's
    /// opening mark, when the passage is left open.
    pub after: usize,
    /// Whether a closing mark was found.
    pub closed: bool,
    /// Whether the passage was left open at a sentence end and the next passage opens right
    /// there: one quotation running over paragraphs that were flattened into one line.
    pub run_on: bool,
    /// The paragraph (line) the passage lies in.
    pub paragraph: Span,
}

/// What a mark does, read from its shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    /// Neither shape, or both: closes an open quotation, else opens one.
    Either,
}

/// A mark found in the text: where it starts, its length (with the damage glued to it) and
/// what it does.
#[derive(Debug, Clone, Copy)]
struct Mark {
    at: usize,
    len: usize,
    role: Role,
}

/// The replacement character a decoder leaves for bytes it could not read: glued to a mark it
/// is part of the mark's damage (`"�Parrots`).
const REPLACEMENT: char = '\u{FFFD}';

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '—' | '–' | '―')
}

/// Characters after which a mark may open a quotation.
fn opens_after(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | '[' | '{' | '/') || is_dash(c)
}

/// Characters before which a mark may close a quotation.
fn closes_before(c: char) -> bool {
    c.is_whitespace() || (c.is_ascii_punctuation() && c != '"') || is_dash(c) || c == '…'
}

/// Whether `rest` opens with the ending of a contraction or a possessive (`t`, `s`, `re`, `ve`,
/// `ll`, `d`, `m`) and nothing more of the word.
fn contraction_follows(rest: &str) -> bool {
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .take(3)
        .flat_map(char::to_lowercase)
        .collect();
    matches!(word.as_str(), "t" | "s" | "re" | "ve" | "ll" | "d" | "m")
}

/// Reads the mark starting at byte `i` of `text`, if one starts there: `None` for no mark;
/// `Some(Err(len))` for a mark that is no quotation mark (an apostrophe, a dash), to be skipped.
fn read_mark(text: &str, i: usize) -> Option<Result<Mark, usize>> {
    let rest = &text[i..];
    let (curly, len) = if rest.starts_with('"') {
        (None, 1)
    } else if rest.starts_with('“') {
        (Some(Role::Open), '“'.len_utf8())
    } else if rest.starts_with('”') {
        (Some(Role::Close), '”'.len_utf8())
    } else {
        return None;
    };
    let mut len = len;
    while text[i + len..].starts_with(REPLACEMENT) {
        len += REPLACEMENT.len_utf8();
    }
    let before = text[..i].chars().next_back();
    let mut after = text[i + len..].chars().next();
    if curly.is_none() && after == Some('?') {
        let past = text[i + len + 1..].chars().next();
        if past.is_some_and(|c| !c.is_whitespace()) {
            // `"?` glued to what follows: a mangled closing mark after a word, a mangled dash
            // after a space or a dash.
            if before.is_none_or(|c| c.is_whitespace() || is_dash(c)) {
                return Some(Err(len + 1));
            }
            return Some(Ok(Mark {
                at: i,
                len: len + 1,
                role: Role::Close,
            }));
        }
    }
    if curly.is_none()
        && before.is_some_and(char::is_alphanumeric)
        && after.is_some_and(char::is_alphanumeric)
    {
        // Between two letters a mark is an apostrophe (`don"t`, `O"Brien`), unless a lost
        // character glued to it shows it was something longer and the word after it is no
        // contraction or possessive ending (`properly"�too many` is a closing mark and a dash;
        // `CAN"�T` an apostrophe).
        let damaged = len > 1;
        if !damaged || contraction_follows(&text[i + len..]) {
            return Some(Err(len));
        }
        return Some(Ok(Mark {
            at: i,
            len,
            role: Role::Close,
        }));
    }
    if after == Some('\u{a0}') {
        after = Some(' ');
    }
    let open_shape = before.is_none_or(opens_after) && after.is_some_and(|c| !c.is_whitespace());
    let close_shape = before.is_some_and(|c| !c.is_whitespace()) && after.is_none_or(closes_before);
    let role = match (curly, open_shape, close_shape) {
        // A curly mark is what it says, unless its shape says plainly it was mistyped.
        (Some(Role::Open), false, true) => Role::Close,
        (Some(Role::Close), true, false) => Role::Open,
        (Some(role), _, _) => role,
        (None, true, false) => Role::Open,
        (None, false, true) => Role::Close,
        (None, _, _) => Role::Either,
    };
    Some(Ok(Mark { at: i, len, role }))
}

/// The span of `text[start..end]` trimmed of white space (empty at `start` when nothing is left).
fn trimmed(text: &str, start: usize, end: usize) -> Span {
    let inner = &text[start..end];
    let lead = inner.len() - inner.trim_start().len();
    let trail = inner.len() - inner.trim_end().len();
    if lead + trail >= inner.len() {
        Span::new(start, start)
    } else {
        Span::new(start + lead, end - trail)
    }
}

/// Every double-quoted passage of `text`, in order.
pub fn find_passages(text: &str) -> Vec<Passage> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        let line_end = line_start + line.len();
        scan_line(text, Span::new(line_start, line_end), &mut out);
        line_start = line_end + 1;
    }
    out
}

/// The state of an open passage.
struct Opened {
    /// Byte offset of the opening mark.
    at: usize,
    /// Byte offset where the quoted words begin.
    inner: usize,
    /// Quotations opened inside this one and not yet closed.
    depth: u32,
}

/// Whether a sentence ends right before byte `i` (its last character, past spaces and closing
/// brackets, is a full stop, question or exclamation mark).
fn sentence_ends_before(text: &str, from: usize, i: usize) -> bool {
    // A dash glued to the full stop is what some scrapers leave of a paragraph break
    // (`...overreach.- "Lawmakers who ...`).
    text[from..i]
        .trim_end_matches(|c: char| c.is_whitespace() || is_dash(c))
        .trim_end_matches([')', ']'])
        .ends_with(['.', '?', '!', '…'])
}

fn scan_line(text: &str, line: Span, out: &mut Vec<Passage>) {
    let bytes = text.as_bytes();
    let mut open: Option<Opened> = None;
    let mut i = line.start;
    while i < line.end {
        // Every mark starts with '"' or the 0xE2 lead byte of a curly one: jump to the next.
        match memchr::memchr2(b'"', 0xE2, &bytes[i..line.end]) {
            Some(skip) => i += skip,
            None => break,
        }
        let mark = match read_mark(text, i) {
            None => {
                i += 1;
                continue;
            }
            Some(Err(len)) => {
                i += len;
                continue;
            }
            Some(Ok(mark)) => mark,
        };
        let end = (mark.at + mark.len).min(line.end);
        match (&mut open, mark.role) {
            (None, Role::Open | Role::Either) => {
                open = Some(Opened {
                    at: mark.at,
                    inner: end,
                    depth: 0,
                });
            }
            (None, Role::Close) => {} // a stray
            (Some(o), Role::Close | Role::Either) => {
                if o.depth > 0 {
                    o.depth -= 1;
                } else {
                    let content = trimmed(text, o.inner, mark.at);
                    out.push(Passage {
                        open: o.at,
                        content,
                        after: end,
                        closed: true,
                        run_on: false,
                        paragraph: line,
                    });
                    open = None;
                }
            }
            (Some(o), Role::Open) => {
                if o.depth == 0 && sentence_ends_before(text, o.inner, mark.at) {
                    out.push(left_open(text, o, mark.at, line, true));
                    open = Some(Opened {
                        at: mark.at,
                        inner: end,
                        depth: 0,
                    });
                } else {
                    o.depth += 1;
                }
            }
        }
        i = end.max(i + 1);
    }
    if let Some(o) = open {
        let passage = left_open(text, &o, line.end, line, false);
        if !passage.content.is_empty() {
            out.push(passage);
        }
    }
}

/// How many sentences a passage left open before the next opening mark may hold before its
/// closing mark is taken for lost: a paragraph of a quotation is a few sentences.
const MAX_RUN_ON_SENTENCES: usize = 4;
/// The same for a passage left open at the end of its line: a paragraph of a long quotation
/// (a transcript, a letter) may run longer, a whole article flattened into one line far longer.
const MAX_OPEN_SENTENCES: usize = 15;

/// A passage left open, ending at `end` (the next opening mark, or the paragraph end). One
/// that runs on for more sentences than a paragraph holds lost its closing mark (or the
/// scraper lost the words around it): it ends with its first sentence, and goes on with
/// nothing.
fn left_open(text: &str, o: &Opened, end: usize, line: Span, run_on: bool) -> Passage {
    let content = trimmed(text, o.inner, end);
    let words = &text[content.start..content.end];
    let stops: Vec<usize> = words
        .char_indices()
        .filter(|&(i, c)| {
            matches!(c, '.' | '?' | '!')
                && words[i + 1..].starts_with(' ')
                && words[i + 1..]
                    .trim_start()
                    .starts_with(|n: char| n.is_uppercase())
        })
        .map(|(i, _)| content.start + i + 1)
        .collect();
    let most = if run_on {
        MAX_RUN_ON_SENTENCES
    } else {
        MAX_OPEN_SENTENCES
    };
    if stops.len() >= most {
        let first = stops[0];
        return Passage {
            open: o.at,
            content: trimmed(text, o.inner, first),
            after: first,
            closed: false,
            run_on: false,
            paragraph: line,
        };
    }
    Passage {
        open: o.at,
        content,
        after: end,
        closed: false,
        run_on,
        paragraph: line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<&str> {
        find_passages(text)
            .iter()
            .map(|p| &text[p.content.start..p.content.end])
            .collect()
    }

    #[test]
    fn straight_and_curly_marks() {
        assert_eq!(
            quoted(r#""We will win," she said. “Not today”, he said."#),
            ["We will win,", "Not today"]
        );
    }

    #[test]
    fn nested_quotations_stay_inside_the_outer_one() {
        assert_eq!(
            quoted("“He told me “never” twice,” she said."),
            ["He told me “never” twice,"]
        );
        assert_eq!(
            quoted(r#"“They call it "fake news" every day,” he said."#),
            [r#"They call it "fake news" every day,"#]
        );
        assert_eq!(
            quoted(r#""They call it "fake news" every day," he said."#),
            [r#"They call it "fake news" every day,"#]
        );
    }

    #[test]
    fn single_marks_are_not_quotation_marks() {
        assert!(quoted("He called it 'a disgrace' on Monday.").is_empty());
        assert_eq!(
            quoted("“It isn’t ‘over’ yet,” he said."),
            ["It isn’t ‘over’ yet,"]
        );
    }

    #[test]
    fn a_passage_left_open_ends_with_its_paragraph() {
        let text = "“We came to build.\n\n“And we will stay,” she said.";
        assert_eq!(quoted(text), ["We came to build.", "And we will stay,"]);
        assert!(!find_passages(text)[0].closed);
    }

    #[test]
    fn mistyped_marks_are_read_the_way_they_were_meant() {
        assert_eq!(
            quoted("“Do you want that?“ he asked."),
            ["Do you want that?"]
        );
        assert_eq!(quoted("She said ”we are ready” today."), ["we are ready"]);
        assert_eq!(
            quoted("\"I prefer the governor,” he said, “for now.\""),
            ["I prefer the governor,", "for now."]
        );
    }

    #[test]
    fn issue_17_a_stray_mark_does_not_turn_later_quotations_inside_out() {
        // `"personal" views"`: the second closing mark has nothing to close.
        let text = r#"He called it "personal" views" on Monday. Lee said, "We are ready." "Not yet," Kim said."#;
        assert_eq!(quoted(text), ["personal", "We are ready.", "Not yet,"]);
    }

    #[test]
    fn issue_17_damaged_marks_apostrophes_and_dashes() {
        // A mark between letters is an apostrophe; `"?` glued to a word after a space is a
        // dash, after a word a closing mark.
        let text =
            r#"The attacks "?like the one in May "?aren"t the same.- "We don"t agree,"?Ruiz said."#;
        assert_eq!(quoted(text), ["We don\"t agree,"]);
        let passage = find_passages(text)[0];
        assert!(text[passage.after..].starts_with("Ruiz said"));
    }

    #[test]
    fn issue_17_a_quotation_over_flattened_paragraphs_is_passages_in_a_row() {
        // The paragraph break after "draw." was lost with its line break; the quotation was
        // left open there, and the next paragraph opened with a mark of its own.
        let text = r#"She said: "It acts as a draw. "It acts as a pull. It helps the smugglers." The vote is on Monday."#;
        let passages = find_passages(text);
        assert_eq!(
            quoted(text),
            [
                "It acts as a draw.",
                "It acts as a pull. It helps the smugglers."
            ]
        );
        assert!(passages[0].run_on && !passages[0].closed);
        assert!(passages[1].closed && !passages[1].run_on);
    }
}
