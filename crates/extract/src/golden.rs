//! The one helper golden tests render through: the text with spans marked as
//! `[words](LABEL)`, so an expected output reads like the sentence it annotates.

use newsgraph_model::Span;

/// Render `text` with each `(span, label)` marked. Spans must not overlap; they may come in
/// any order.
pub fn render(text: &str, marks: &[(Span, String)]) -> String {
    let mut marks: Vec<&(Span, String)> = marks.iter().collect();
    marks.sort_by_key(|(s, _)| (s.start, s.end));
    let mut out = String::with_capacity(text.len() + marks.len() * 12);
    let mut at = 0;
    for (span, label) in marks {
        if span.start < at || span.end > text.len() {
            continue;
        }
        out.push_str(&text[at..span.start]);
        out.push('[');
        out.push_str(&text[span.start..span.end]);
        out.push_str("](");
        out.push_str(label);
        out.push(')');
        at = span.end;
    }
    out.push_str(&text[at..]);
    out
}
