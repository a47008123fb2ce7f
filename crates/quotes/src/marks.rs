//! Finding double-quoted passages in the text: straight (`"`) and curly (`“ ”`) marks, nested
//! quotations, and the slips scraped text is full of (a closing mark typed as an opening one).
//!
//! A passage never crosses a line break: one left open at the end of a paragraph ends there, as
//! newsroom style does when a quotation runs over several paragraphs (each continuation
//! paragraph opens with a mark of its own and is a passage of its own). Single quotation marks
//! are not quotation marks here: they are apostrophes as often as not, and a quote within a
//! quote is part of the outer passage.

use newsgraph_model::Span;

/// One double-quoted passage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Passage {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// The words inside the marks, trimmed of white space.
    pub content: Span,
    /// Byte offset just past the closing mark, or the paragraph end when the passage is left open.
    pub after: usize,
    /// Whether a closing mark was found in the paragraph.
    pub closed: bool,
    /// The paragraph (line) the passage lies in.
    pub paragraph: Span,
}

#[derive(Clone, Copy, PartialEq)]
enum Mark {
    Straight,
    Open,
    Close,
}

/// The quotation mark starting at byte `i`, and its length in bytes.
fn mark_at(bytes: &[u8], i: usize) -> Option<(Mark, usize)> {
    match bytes[i] {
        b'"' => Some((Mark::Straight, 1)),
        0xE2 if bytes.get(i + 1) == Some(&0x80) => match bytes.get(i + 2) {
            Some(0x9C) => Some((Mark::Open, 3)),
            Some(0x9D) => Some((Mark::Close, 3)),
            _ => None,
        },
        _ => None,
    }
}

/// Whether the character before `i` leaves a mark at `i` free to open a quotation (start of
/// line, space, bracket or dash), and the one after it is not a space.
fn looks_opening(text: &str, i: usize, len: usize) -> bool {
    let before = text[..i].chars().next_back();
    let after = text[i + len..].chars().next();
    let free_before = before.is_none_or(|c| c.is_whitespace() || "([{—–-/".contains(c));
    free_before && after.is_some_and(|c| !c.is_whitespace())
}

/// Whether a mark at `i` sits after a word or punctuation and before a space, punctuation or
/// the end: the shape of a closing mark.
fn looks_closing(text: &str, i: usize, len: usize) -> bool {
    let before = text[..i].chars().next_back();
    let after = text[i + len..].chars().next();
    before.is_some_and(|c| !c.is_whitespace())
        && after.is_none_or(|c| {
            c.is_whitespace() || (c.is_ascii_punctuation() && c != '"') || c == '—' || c == '–'
        })
}

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
    straight: bool,
    /// Curly quotations opened inside this one and not yet closed.
    depth: u32,
    /// A straight-quoted passage inside a curly one is open.
    nested_straight: bool,
}

fn scan_line(text: &str, line: Span, out: &mut Vec<Passage>) {
    let bytes = text.as_bytes();
    let mut open: Option<Opened> = None;
    let mut i = line.start;
    while i < line.end {
        let Some((mark, len)) = mark_at(bytes, i) else {
            i += 1;
            continue;
        };
        match (&mut open, mark) {
            (None, Mark::Straight | Mark::Open) => {
                open = Some(Opened {
                    at: i,
                    inner: i + len,
                    straight: mark == Mark::Straight,
                    depth: 0,
                    nested_straight: false,
                });
            }
            // A closing mark where a quotation can start is a mistyped opening one.
            (None, Mark::Close) if looks_opening(text, i, len) => {
                open = Some(Opened {
                    at: i,
                    inner: i + len,
                    straight: false,
                    depth: 0,
                    nested_straight: false,
                });
            }
            (None, Mark::Close) => {}
            (Some(o), Mark::Straight) if o.straight => {
                out.push(close(text, o, i, i + len, line));
                open = None;
            }
            (Some(o), Mark::Straight) => {
                // A straight pair inside curly marks is a quotation within the quotation, unless
                // a lone straight mark closes what a curly one opened.
                if o.nested_straight {
                    o.nested_straight = false;
                } else if looks_closing(text, i, len) && o.depth == 0 {
                    out.push(close(text, o, i, i + len, line));
                    open = None;
                } else {
                    o.nested_straight = true;
                }
            }
            (Some(o), Mark::Open) if !o.straight => {
                // An opening mark in closing position is a mistyped closing one.
                if o.depth == 0 && looks_closing(text, i, len) {
                    out.push(close(text, o, i, i + len, line));
                    open = None;
                } else {
                    o.depth += 1;
                }
            }
            (Some(o), Mark::Close) if !o.straight => {
                if o.depth > 0 {
                    o.depth -= 1;
                } else {
                    out.push(close(text, o, i, i + len, line));
                    open = None;
                }
            }
            // Curly marks inside a straight-quoted passage belong to a nested quotation, unless
            // a lone closing one ends what a straight mark opened (`"I prefer Kasich,” he said`).
            (Some(o), Mark::Open) => o.depth += 1,
            (Some(o), Mark::Close) => {
                if o.depth > 0 {
                    o.depth -= 1;
                } else if looks_closing(text, i, len) {
                    out.push(close(text, o, i, i + len, line));
                    open = None;
                }
            }
        }
        i += len;
    }
    if let Some(o) = open {
        let content = trimmed(text, o.inner, line.end);
        if !content.is_empty() {
            out.push(Passage {
                open: o.at,
                content,
                after: line.end,
                closed: false,
                paragraph: line,
            });
        }
    }
}

fn close(text: &str, o: &Opened, mark: usize, after: usize, line: Span) -> Passage {
    Passage {
        open: o.at,
        content: trimmed(text, o.inner, mark),
        after,
        closed: true,
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
}
