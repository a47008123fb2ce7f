//! `--format pretty`: a record as a short report a person can read in a terminal.

use newsgraph_model::Record;
use std::fmt::Write;

pub fn render(r: &Record) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "== {}  {}",
        r.id,
        r.title.as_deref().unwrap_or("(no title)")
    );
    let _ = writeln!(
        s,
        "   published {}  language {}  {} words",
        r.published.as_deref().unwrap_or("?"),
        r.language.as_deref().unwrap_or("?"),
        r.text.split_whitespace().count()
    );
    if !r.removed.is_empty() {
        let lines: Vec<String> = r
            .removed
            .iter()
            .map(|x| format!("{:?} ({})", x.text, x.reason))
            .collect();
        let _ = writeln!(s, "   removed: {}", lines.join(", "));
    }
    for e in &r.entities {
        let code = e
            .codes
            .cameo
            .as_deref()
            .or(e.codes.iso3.as_deref())
            .unwrap_or("");
        let geo = e
            .geo
            .as_ref()
            .map(|g| format!(" @{} {:.2},{:.2}", g.country, g.lat, g.lon))
            .unwrap_or_default();
        let _ = writeln!(
            s,
            "   {:<12} {} {}{} x{}",
            e.kind_type.as_str(),
            e.name,
            code,
            geo,
            e.mentions.len()
        );
    }
    for q in &r.quotes {
        let _ = writeln!(
            s,
            "   QUOTE {} — {:?}",
            q.speaker.as_deref().unwrap_or("?"),
            q.text
        );
    }
    for c in &r.counts {
        let _ = writeln!(
            s,
            "   COUNT {} {}{} {:?}",
            c.kind,
            if c.approximate { "~" } else { "" },
            c.number,
            c.text
        );
    }
    for e in &r.events {
        let side = |a: &Option<newsgraph_model::record::ActorOut>| {
            a.as_ref().map(|a| a.code.clone()).unwrap_or("-".into())
        };
        let _ = writeln!(
            s,
            "   EVENT {} {} {}  {:?}",
            side(&e.source),
            e.code,
            side(&e.target),
            e.text
        );
    }
    if !r.themes.is_empty() {
        let t: Vec<String> = r
            .themes
            .iter()
            .map(|t| format!("{}×{}", t.code, t.count))
            .collect();
        let _ = writeln!(s, "   themes: {}", t.join(" "));
    }
    s
}
