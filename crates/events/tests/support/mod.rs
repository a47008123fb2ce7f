//! Test support: a crude stand-in for the upstream stages (sentence splitting and a
//! gazetteer "NER" for organizations, capitals and a few people), so the events stage can be
//! run and scored before the real text and NER stages are wired in. Test code only.

#![allow(dead_code)]

use newsgraph_model::{Codes, Document, Entity, EntityType, Geo, Sentence, Span};
use std::path::PathBuf;

/// The coder over the embedded knowledge, compiled once for every test of a file.
pub fn knowledge() -> Result<&'static newsgraph_events::Coder, newsgraph_knowledge::KnowledgeError>
{
    static CODER: std::sync::OnceLock<newsgraph_events::Coder> = std::sync::OnceLock::new();
    if let Some(coder) = CODER.get() {
        return Ok(coder);
    }
    let coder = newsgraph_events::Coder::new(newsgraph_knowledge::Knowledge::embedded())?;
    Ok(CODER.get_or_init(|| coder))
}

/// The workspace root (two levels above this crate).
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A knowledge file from `data/`, else the test copy in `tests/data/`.
pub fn knowledge_file(name: &str) -> String {
    let shared = workspace_root().join("data").join(name);
    let local = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    std::fs::read_to_string(&shared)
        .or_else(|_| std::fs::read_to_string(local))
        .unwrap_or_default()
}

/// One gazetteer entry: the words to find and the entity they make.
struct Entry {
    phrase: String,
    name: String,
    kind_type: EntityType,
    cameo: Option<String>,
    geo_country: Option<String>,
    /// Term of office `[start, end]` for people (`YYYY-MM-DD` prefixes; empty = open).
    term: Option<(String, String)>,
}

/// A gazetteer NER over organizations, capitals and people tables (longest match, case-sensitive).
pub struct Gazetteer {
    entries: Vec<Entry>,
}

impl Gazetteer {
    pub fn load() -> Gazetteer {
        let mut entries = Vec::new();
        for line in knowledge_file("organizations.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let c: Vec<&str> = line.split('\t').collect();
            if c.len() < 4 || c[3].is_empty() {
                continue;
            }
            for phrase in std::iter::once(c[0])
                .chain(c[1].split('|'))
                .filter(|p| !p.is_empty())
            {
                entries.push(Entry {
                    phrase: phrase.to_string(),
                    name: c[0].to_string(),
                    kind_type: EntityType::Organization,
                    cameo: Some(c[3].to_string()),
                    geo_country: None,
                    term: None,
                });
            }
        }
        for line in knowledge_file("countries.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let c: Vec<&str> = line.split('\t').collect();
            if c.len() > 7 && !c[7].is_empty() {
                entries.push(Entry {
                    phrase: c[7].to_string(),
                    name: c[7].to_string(),
                    kind_type: EntityType::Location,
                    cameo: None,
                    geo_country: Some(c[0].to_string()),
                    term: None,
                });
            }
        }
        // Countries by name and alias, as the NER tags them.
        for line in knowledge_file("countries.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let c: Vec<&str> = line.split('\t').collect();
            if c.len() < 9 {
                continue;
            }
            for phrase in std::iter::once(c[3])
                .chain(c[8].split('|'))
                .filter(|p| !p.is_empty())
            {
                entries.push(Entry {
                    phrase: phrase.to_string(),
                    name: c[3].to_string(),
                    kind_type: EntityType::Location,
                    cameo: Some(c[2].to_string()),
                    geo_country: Some(c[0].to_string()),
                    term: None,
                });
            }
        }
        // Places of >= 200,000 people, by their GeoNames name; a name
        // already taken (a country, a bigger place) keeps its first owner.
        let mut seen: std::collections::HashSet<String> =
            entries.iter().map(|e| e.phrase.clone()).collect();
        for line in knowledge_file("places.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let c: Vec<&str> = line.split('\t').collect();
            if c.len() < 6 {
                continue;
            }
            let population: u64 = c[5].parse().unwrap_or(0);
            if c[4].starts_with("A.") || population < 200_000 || !seen.insert(c[1].to_string()) {
                continue;
            }
            entries.push(Entry {
                phrase: c[1].to_string(),
                name: c[1].to_string(),
                kind_type: EntityType::Location,
                cameo: None,
                geo_country: Some(c[2].to_string()),
                term: None,
            });
        }
        for line in knowledge_file("people.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let c: Vec<&str> = line.split('\t').collect();
            if c.len() < 4 || c[2].is_empty() || c[3].is_empty() {
                continue;
            }
            let code = format!("{}{}", c[2], c[3]);
            for phrase in std::iter::once(c[0])
                .chain(c[1].split(['|', '/']))
                .filter(|p| !p.is_empty())
            {
                entries.push(Entry {
                    phrase: phrase.to_string(),
                    name: c[0].to_string(),
                    kind_type: EntityType::Person,
                    cameo: Some(code.clone()),
                    geo_country: None,
                    term: Some((
                        c.get(5).unwrap_or(&"").to_string(),
                        c.get(6).unwrap_or(&"").to_string(),
                    )),
                });
            }
        }
        entries.sort_by_key(|e| std::cmp::Reverse(e.phrase.len()));
        Gazetteer { entries }
    }

    /// Tag every whole-word occurrence, longest first, no overlaps.
    pub fn tag(&self, doc: &mut Document) {
        let text = doc.text.clone();
        let date = doc.published.clone().unwrap_or_default();
        let mut taken: Vec<Span> = Vec::new();
        for entry in &self.entries {
            // A person's office on the article date, when the article has one.
            if let Some((start, end)) = &entry.term {
                let after_start = start.is_empty() || date.as_str() >= start.as_str();
                let before_end = end.is_empty() || date.as_str() <= end.as_str();
                if !(date.is_empty() || after_start && before_end) {
                    continue;
                }
            }
            let mut from = 0;
            while let Some(pos) = text[from..].find(entry.phrase.as_str()) {
                let start = from + pos;
                let end = start + entry.phrase.len();
                from = end;
                let before_ok = text[..start]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric());
                let after_ok = text[end..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric());
                let span = Span::new(start, end);
                if !before_ok || !after_ok || taken.iter().any(|t| t.overlaps(span)) {
                    continue;
                }
                taken.push(span);
                let idx = match doc.entities.iter().position(|e| e.name == entry.name) {
                    Some(i) => i,
                    None => {
                        doc.entities.push(Entity {
                            name: entry.name.clone(),
                            kind_type: entry.kind_type,
                            kind: None,
                            codes: Codes {
                                cameo: entry.cameo.clone(),
                                ..Default::default()
                            },
                            geo: entry.geo_country.as_ref().map(|c| Geo {
                                country: c.clone(),
                                ..Default::default()
                            }),
                            mentions: Vec::new(),
                        });
                        doc.entities.len() - 1
                    }
                };
                doc.entities[idx].mentions.push(span);
            }
        }
        for e in &mut doc.entities {
            e.mentions.sort_by_key(|m| m.start);
        }
    }
}

/// Paragraphs at blank lines, sentences at ". " / "! " / "? " before a capital or quote.
pub fn segment(doc: &mut Document) {
    let text = doc.text.clone();
    let mut paragraph = 0;
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    let push = |s: usize, e: usize, p: usize, out: &mut Vec<Sentence>| {
        let seg = &text[s..e];
        let lead = seg.len() - seg.trim_start().len();
        let trail = seg.len() - seg.trim_end().len();
        if s + lead < e - trail {
            out.push(Sentence {
                span: Span::new(s + lead, e - trail),
                paragraph: p,
            });
        }
    };
    while i < bytes.len() {
        if bytes[i] == b'\n' && bytes.get(i + 1) == Some(&b'\n') {
            push(start, i, paragraph, &mut doc.sentences);
            paragraph += 1;
            start = i + 2;
            i += 2;
            continue;
        }
        if matches!(bytes[i], b'.' | b'!' | b'?') && bytes.get(i + 1) == Some(&b' ') {
            let next = bytes.get(i + 2).copied().unwrap_or(b' ');
            // Not after a single capital ("U.S. officials", "F.W. de Klerk").
            let abbrev = i >= 1
                && bytes[i - 1].is_ascii_uppercase()
                && (i < 2 || !bytes[i - 2].is_ascii_alphabetic());
            if (next.is_ascii_uppercase() || next == b'"') && !abbrev {
                push(start, i + 1, paragraph, &mut doc.sentences);
                start = i + 2;
            }
        }
        i += 1;
    }
    push(start, text.len(), paragraph, &mut doc.sentences);
}

/// A document from plain text, segmented and tagged by the crude stand-ins.
pub fn prepare(gazetteer: &Gazetteer, id: &str, text: &str) -> Document {
    let mut doc = Document::from_text(id, text);
    doc.text = text.to_string();
    segment(&mut doc);
    gazetteer.tag(&mut doc);
    doc
}
