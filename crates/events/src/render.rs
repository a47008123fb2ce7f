//! One rendering of an event for golden tests and debugging: the sentence with the source,
//! action and target marked, e.g. `[Russian troops](src:RUSMIL) [shelled](act:194) [Aleppo](tgt:SYR)`.

use crate::coder::ActorSpans;
use newsgraph_model::{Actor, Document, Event, Span};

/// The event's sentence with its actors and trigger marked, then `source code target`.
pub fn render_event(doc: &Document, event: &Event, spans: &ActorSpans) -> String {
    let mut marks: Vec<(Span, String)> = Vec::new();
    let code = |a: &Option<Actor>| a.as_ref().map_or("-".to_string(), |a| a.code.clone());
    if let Some(s) = spans.source {
        marks.push((s, format!("src:{}", code(&event.source))));
    }
    if let Some(t) = event.trigger {
        marks.push((t, format!("act:{}", event.code)));
    }
    if let Some(s) = spans.target {
        marks.push((s, format!("tgt:{}", code(&event.target))));
    }
    marks.sort_by_key(|(s, _)| s.start);
    let mut out = String::new();
    let mut at = event.sentence.start;
    for (span, label) in marks {
        if span.start < at {
            continue;
        }
        out.push_str(doc.text.get(at..span.start).unwrap_or(""));
        out.push('[');
        out.push_str(doc.text.get(span.start..span.end).unwrap_or(""));
        out.push_str("](");
        out.push_str(&label);
        out.push(')');
        at = span.end;
    }
    out.push_str(doc.text.get(at..event.sentence.end).unwrap_or(""));
    out
}
