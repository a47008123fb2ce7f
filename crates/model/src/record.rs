//! The output record of `newsgraph analyze` (the contract in `shared/spec/OUTPUT.md`).
//!
//! [`Record::from_document`] is the one place byte spans become code-point offsets. Every field
//! of the contract is always present: an empty list or null when the engine has nothing.

use crate::{Document, EntityType, Geo, Span, Tone};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MentionOut {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityOut {
    pub name: String,
    #[serde(rename = "type")]
    pub kind_type: EntityType,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub codes: crate::Codes,
    #[serde(default)]
    pub geo: Option<Geo>,
    #[serde(default)]
    pub mentions: Vec<MentionOut>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteOut {
    pub text: String,
    pub speaker: Option<String>,
    pub start: usize,
    pub end: usize,
    #[serde(default)]
    pub verb: Option<String>,
    #[serde(default)]
    pub partial: bool,
    /// This passage goes on with the quotation of the entry before it: the later fragment of
    /// a quotation interrupted by its attribution (`"A," she said. "B."`) or the next
    /// paragraph of a quotation running over several.
    #[serde(default)]
    pub continues: bool,
}

/// One figure of the main happening (`toll`): how many it killed, wounded, ...
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TollOut {
    #[serde(rename = "type")]
    pub kind: String,
    pub number: i64,
    #[serde(default)]
    pub approximate: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CountOut {
    #[serde(rename = "type")]
    pub kind: String,
    pub number: i64,
    #[serde(default)]
    pub approximate: bool,
    #[serde(default)]
    pub object: Option<String>,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub location: Option<String>,
    /// True when the count was read from the title; `text` is then words of the title.
    #[serde(default)]
    pub in_title: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateOut {
    pub text: String,
    pub value: String,
    #[serde(default)]
    pub start: usize,
    #[serde(default)]
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThemeOut {
    pub code: String,
    pub count: usize,
    /// Code-point offsets `[start, end]` of each matched phrase.
    #[serde(default)]
    pub offsets: Vec<[usize; 2]>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorOut {
    pub name: String,
    pub code: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LocationOut {
    pub name: String,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub lat: Option<f64>,
    #[serde(default)]
    pub lon: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventOut {
    pub source: Option<ActorOut>,
    pub target: Option<ActorOut>,
    pub code: String,
    pub root: String,
    pub quad_class: u8,
    pub goldstein: f64,
    #[serde(default)]
    pub location: Option<LocationOut>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub is_root: bool,
    #[serde(default = "one")]
    pub mentions: u32,
}

fn one() -> u32 {
    1
}

/// One output line of `newsgraph analyze`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub id: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub published: Option<String>,
    /// The publication timestamp with its offset (RFC 3339), when the page gives one.
    #[serde(default)]
    pub published_at: Option<String>,
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub removed: Vec<crate::Removed>,
    #[serde(default)]
    pub entities: Vec<EntityOut>,
    #[serde(default)]
    pub quotes: Vec<QuoteOut>,
    #[serde(default)]
    pub counts: Vec<CountOut>,
    #[serde(default)]
    pub toll: Vec<TollOut>,
    #[serde(default)]
    pub dates: Vec<DateOut>,
    #[serde(default)]
    pub themes: Vec<ThemeOut>,
    #[serde(default)]
    pub tone: Option<Tone>,
    #[serde(default)]
    pub events: Vec<EventOut>,
    #[serde(default)]
    pub story: Option<String>,
    #[serde(default)]
    pub duplicate_of: Option<String>,
    #[serde(default)]
    pub diagnostics: Vec<String>,
}

/// Maps byte offsets of one text to code-point offsets, in O(log n) per lookup.
pub struct CharIndex {
    /// Byte offset of every char boundary where a multi-byte char ends, paired with the
    /// number of extra bytes seen up to there. Pure-ASCII text keeps this empty.
    extra: Vec<(usize, usize)>,
}

impl CharIndex {
    pub fn new(text: &str) -> Self {
        let mut extra = Vec::new();
        let mut seen = 0usize;
        // A multi-byte character is told by its lead byte (0b11xxxxxx), which also gives its
        // width; ASCII and continuation bytes add nothing, so no character is decoded.
        for (i, &b) in text.as_bytes().iter().enumerate() {
            if b >= 0xC0 {
                let n = match b {
                    0xC0..=0xDF => 2,
                    0xE0..=0xEF => 3,
                    _ => 4,
                };
                seen += n - 1;
                extra.push((i + n, seen));
            }
        }
        CharIndex { extra }
    }

    /// Code-point offset of byte offset `b` (which must be a char boundary).
    pub fn char_of(&self, b: usize) -> usize {
        let i = self.extra.partition_point(|&(end, _)| end <= b);
        if i == 0 {
            b
        } else {
            b - self.extra[i - 1].1
        }
    }
}

impl Record {
    /// The output record of a processed document.
    pub fn from_document(doc: &Document) -> Record {
        let index = CharIndex::new(&doc.text);
        let slice = |s: Span| doc.text.get(s.start..s.end).unwrap_or("").to_string();
        let name_of =
            |i: Option<usize>| i.and_then(|i| doc.entities.get(i)).map(|e| e.name.clone());
        Record {
            id: doc.id.clone(),
            url: doc.url.clone(),
            title: doc.title.clone(),
            published: doc.published.clone(),
            published_at: doc.published_at.clone(),
            language: doc.language.clone(),
            source: doc.source.clone(),
            author: doc.author.clone(),
            text: doc.text.clone(),
            removed: doc.removed.clone(),
            entities: doc
                .entities
                .iter()
                .map(|e| EntityOut {
                    name: e.name.clone(),
                    kind_type: e.kind_type,
                    kind: e.kind.clone(),
                    codes: e.codes.clone(),
                    geo: e.geo.clone(),
                    mentions: e
                        .mentions
                        .iter()
                        .map(|&m| MentionOut {
                            start: index.char_of(m.start),
                            end: index.char_of(m.end),
                            text: slice(m),
                        })
                        .collect(),
                })
                .collect(),
            // One entry per quoted passage: a quotation in several fragments gives one entry
            // per fragment, the later ones marked `continues`, so each entry's text is the
            // words between its marks and its offsets hold nothing but them.
            quotes: doc
                .quotes
                .iter()
                .flat_map(|q| {
                    let (index, slice, name_of) = (&index, &slice, &name_of);
                    let pieces = if q.parts.is_empty() {
                        std::slice::from_ref(&q.span)
                    } else {
                        q.parts.as_slice()
                    };
                    pieces.iter().enumerate().map(move |(k, &piece)| QuoteOut {
                        text: slice(piece),
                        speaker: name_of(q.speaker),
                        start: index.char_of(piece.start),
                        end: index.char_of(piece.end),
                        verb: q.verb.clone(),
                        partial: q.partial,
                        continues: k > 0,
                    })
                })
                .collect(),
            counts: doc
                .counts
                .iter()
                .map(|c| CountOut {
                    kind: c.kind.clone(),
                    number: c.number,
                    approximate: c.approximate,
                    object: c.object.clone(),
                    text: if c.in_title {
                        doc.title
                            .as_deref()
                            .and_then(|t| t.get(c.span.start..c.span.end))
                            .unwrap_or("")
                            .to_string()
                    } else {
                        slice(c.span)
                    },
                    location: name_of(c.location),
                    in_title: c.in_title,
                })
                .collect(),
            toll: doc
                .toll
                .iter()
                .map(|c| TollOut {
                    kind: c.kind.clone(),
                    number: c.number,
                    approximate: c.approximate,
                })
                .collect(),
            dates: doc
                .dates
                .iter()
                .map(|d| DateOut {
                    text: slice(d.span),
                    value: d.value.clone(),
                    start: index.char_of(d.span.start),
                    end: index.char_of(d.span.end),
                })
                .collect(),
            themes: doc
                .themes
                .iter()
                .map(|t| ThemeOut {
                    code: t.code.clone(),
                    count: t.evidence.len(),
                    offsets: t
                        .evidence
                        .iter()
                        .map(|s| [index.char_of(s.start), index.char_of(s.end)])
                        .collect(),
                })
                .collect(),
            tone: doc.tone,
            events: doc
                .events
                .iter()
                .map(|e| EventOut {
                    source: e.source.as_ref().map(|a| ActorOut {
                        name: a.name.clone(),
                        code: a.code.clone(),
                    }),
                    target: e.target.as_ref().map(|a| ActorOut {
                        name: a.name.clone(),
                        code: a.code.clone(),
                    }),
                    code: e.code.clone(),
                    root: e.root().to_string(),
                    quad_class: e.quad_class,
                    goldstein: e.goldstein,
                    location: e.location.as_ref().map(|l| LocationOut {
                        name: l.name.clone(),
                        country: l.geo.as_ref().map(|g| g.country.clone()),
                        lat: l.geo.as_ref().map(|g| g.lat),
                        lon: l.geo.as_ref().map(|g| g.lon),
                    }),
                    date: e.date.clone(),
                    text: slice(e.sentence),
                    is_root: e.is_root,
                    mentions: e.mentions,
                })
                .collect(),
            story: None,
            duplicate_of: None,
            diagnostics: doc.diagnostics.clone(),
        }
    }
}

/// The record written in place of an input that could not be processed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorRecord {
    pub id: String,
    pub error: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_index_counts_code_points_not_bytes() {
        let text = "a–b “c” d";
        let idx = CharIndex::new(text);
        let d = text.find('d').unwrap();
        assert_eq!(idx.char_of(d), text.chars().position(|c| c == 'd').unwrap());
        assert_eq!(idx.char_of(0), 0);
        assert_eq!(idx.char_of(1), 1);
        assert_eq!(idx.char_of(text.len()), text.chars().count());
    }

    #[test]
    fn issue_17_interrupted_quote_gives_one_entry_per_fragment() {
        let mut doc = Document::from_text("q", "");
        doc.text = "“We are ready,” she said. “We start Monday.”".to_string();
        let a = doc.text.find("We are").unwrap();
        let b = doc.text.find("We start").unwrap();
        let (a_end, b_end) = (a + "We are ready,".len(), b + "We start Monday.".len());
        doc.quotes.push(crate::Quote {
            span: Span::new(a, b_end),
            parts: vec![Span::new(a, a_end), Span::new(b, b_end)],
            speaker: None,
            speaker_span: None,
            verb: Some("said".into()),
            partial: false,
        });
        let r = Record::from_document(&doc);
        let entries: Vec<(&str, usize, usize, bool)> = r
            .quotes
            .iter()
            .map(|q| (q.text.as_str(), q.start, q.end, q.continues))
            .collect();
        assert_eq!(
            entries,
            [
                ("We are ready,", 1, 14, false),
                ("We start Monday.", 27, 43, true)
            ]
        );
    }

    #[test]
    fn empty_document_gives_every_field() {
        let r = Record::from_document(&Document::from_text("x", ""));
        let v = serde_json::to_value(&r).unwrap();
        for key in [
            "id",
            "title",
            "published",
            "published_at",
            "language",
            "text",
            "removed",
            "entities",
            "quotes",
            "counts",
            "toll",
            "dates",
            "themes",
            "tone",
            "events",
            "story",
            "duplicate_of",
        ] {
            assert!(v.get(key).is_some(), "missing {key}");
        }
    }
}
