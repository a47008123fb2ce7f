//! The GDELT 2.0 Event table (one line per deduplicated event, written from the first article
//! that reported it) and Mentions table (one line per event per article that reports it).

use crate::cells::{cell, num};
use crate::geo::{Geography, Place};
use crate::{source_of, timestamp, ymd, GlobalEvent, EVENT_COLUMNS, MENTION_COLUMNS};
use newsgraph_model::record::{ActorOut, EventOut};
use newsgraph_model::Record;

/// The Event table line of `record.events[index]`, or `None` when there is no such event.
pub(crate) fn event_line(
    global: &GlobalEvent,
    record: &Record,
    index: usize,
    geo: &Geography,
) -> Option<String> {
    let e = record.events.get(index)?;
    if is_planned(record, e) {
        return None;
    }
    let mut cols: Vec<String> = Vec::with_capacity(EVENT_COLUMNS);
    cols.push(global.id.to_string());
    // The event's own date, else its article's, else when it was first seen (the first
    // article's date, or when that was stored): GDELT's SQLDATE is never empty.
    let date = e
        .date
        .as_deref()
        .and_then(ymd)
        .or_else(|| record.published.as_deref().and_then(ymd))
        .or_else(|| global.first_seen.as_deref().and_then(ymd));
    match date {
        Some((y, m, d)) => {
            let (m, d) = (m.max(1), d.max(1));
            cols.push(format!("{y:04}{m:02}{d:02}"));
            cols.push(format!("{y:04}{m:02}"));
            cols.push(format!("{y:04}"));
            cols.push(format!("{:.4}", y as f64 + (m * 30 + d) as f64 / 365.0));
        }
        None => cols.extend(std::iter::repeat_n(String::new(), 4)),
    }
    cols.extend(actor_columns(e.source.as_ref(), geo));
    cols.extend(actor_columns(e.target.as_ref(), geo));
    cols.push(u8::from(e.is_root).to_string());
    cols.push(e.code.clone());
    cols.push(e.code.chars().take(3).collect());
    cols.push(root_of(e));
    cols.push(e.quad_class.to_string());
    cols.push(num(Some(e.goldstein), 1));
    cols.push(global.mentions.to_string());
    cols.push(global.sources.to_string());
    cols.push(global.articles.to_string());
    cols.push(num(global.avg_tone.or(record.tone.map(|t| t.tone)), 6));
    let actor1 = actor_place(record, e.source.as_ref(), geo);
    let actor2 = actor_place(record, e.target.as_ref(), geo);
    let action = e
        .location
        .as_ref()
        .map(|l| Place::of_event_location(record, l, geo));
    cols.extend(Place::event_columns(actor1.as_ref()));
    cols.extend(Place::event_columns(actor2.as_ref()));
    cols.extend(Place::event_columns(action.as_ref()));
    cols.push(
        global
            .first_seen
            .as_deref()
            .or(record.published.as_deref())
            .and_then(timestamp)
            .unwrap_or_default(),
    );
    cols.push(cell(&source_of(record).2));
    debug_assert_eq!(cols.len(), EVENT_COLUMNS);
    Some(cols.join("\t"))
}

/// The Mentions table line of `record.events[index]` as this article reports it.
pub(crate) fn mention_line(global: &GlobalEvent, record: &Record, index: usize) -> Option<String> {
    let e = record.events.get(index)?;
    if is_planned(record, e) {
        return None;
    }
    let (collection, name, identifier) = source_of(record);
    let sentence = crate::cells::char_offset(&record.text, &e.text);
    let sentence_end = sentence.map(|s| s + e.text.chars().count());
    let actor_offset = |a: Option<&ActorOut>| -> String {
        a.and_then(|a| actor_mention(record, a, sentence, sentence_end))
            .map_or_else(|| "-1".to_string(), |o| o.to_string())
    };
    let cols = [
        global.id.to_string(),
        global
            .first_seen
            .as_deref()
            .and_then(timestamp)
            .unwrap_or_default(),
        record
            .published
            .as_deref()
            .and_then(timestamp)
            .unwrap_or_default(),
        collection.to_string(),
        cell(&name),
        cell(&identifier),
        sentence
            .map(|s| sentence_number(&record.text, s).to_string())
            .unwrap_or_default(),
        actor_offset(e.source.as_ref()),
        actor_offset(e.target.as_ref()),
        sentence.map_or_else(|| "-1".to_string(), |s| s.to_string()),
        "1".to_string(),
        String::new(),
        record.text.chars().count().to_string(),
        num(record.tone.map(|t| t.tone), 6),
        String::new(),
        String::new(),
    ];
    debug_assert_eq!(cols.len(), MENTION_COLUMNS);
    Some(cols.join("\t"))
}

/// Whether the event is dated after the day its article was published: an act announced or
/// planned ("will meet on Friday"), which the GDELT tables would report as having happened.
fn is_planned(record: &Record, e: &EventOut) -> bool {
    let day = |v: Option<&str>| v.and_then(ymd).filter(|&(_, m, d)| m > 0 && d > 0);
    match (day(e.date.as_deref()), day(record.published.as_deref())) {
        (Some(event), Some(published)) => event > published,
        _ => false,
    }
}

/// Code, Name, CountryCode, KnownGroupCode, EthnicCode, Religion1Code, Religion2Code,
/// Type1Code, Type2Code, Type3Code of one actor. A CAMEO actor code is read as 3-letter parts:
/// a leading country, then role types (GOV, MIL, ...); any other part is a known group (UNO).
fn actor_columns(actor: Option<&ActorOut>, geo: &Geography) -> [String; 10] {
    let mut cols: [String; 10] = Default::default();
    let Some(a) = actor else {
        return cols;
    };
    let code = cell(&a.code).to_ascii_uppercase();
    cols[0] = code.clone();
    cols[1] = cell(&a.name).to_uppercase();
    let parts: Vec<&str> = if code.is_ascii() && code.len().is_multiple_of(3) {
        (0..code.len())
            .step_by(3)
            .map(|i| &code[i..i + 3])
            .collect()
    } else {
        Vec::new()
    };
    let mut types = Vec::new();
    for (i, p) in parts.iter().enumerate() {
        if i == 0 && geo.country_by_cameo(p).is_some() {
            cols[2] = p.to_string();
        } else if geo.is_role(p) {
            types.push(*p);
        } else if cols[3].is_empty() {
            cols[3] = p.to_string();
        }
    }
    for (slot, t) in cols[7..10].iter_mut().zip(types) {
        *slot = t.to_string();
    }
    cols
}

/// The actor's place: the record's entity of that name when it is placed, else the actor's
/// country when the actor is a country (code of three letters only).
fn actor_place(record: &Record, actor: Option<&ActorOut>, geo: &Geography) -> Option<Place> {
    let a = actor?;
    record
        .entities
        .iter()
        .filter(|e| e.name == a.name)
        .find_map(|e| Place::of_entity(e, geo))
        .or_else(|| {
            (a.code.len() == 3)
                .then(|| geo.country_by_cameo(&a.code))
                .flatten()
                .map(|c| Place::of_country(c, geo))
        })
}

fn root_of(e: &EventOut) -> String {
    if e.root.is_empty() {
        e.code.chars().take(2).collect()
    } else {
        format!("{:0>2}", e.root)
    }
}

/// Where the actor is named: its first mention inside the event's sentence, else its first.
fn actor_mention(
    record: &Record,
    actor: &ActorOut,
    from: Option<usize>,
    to: Option<usize>,
) -> Option<usize> {
    let entity = record.entities.iter().find(|e| e.name == actor.name)?;
    let inside = match (from, to) {
        (Some(f), Some(t)) => entity
            .mentions
            .iter()
            .find(|m| m.start >= f && m.start < t)
            .map(|m| m.start),
        _ => None,
    };
    inside.or_else(|| entity.mentions.first().map(|m| m.start))
}

/// 1-based number of the sentence starting at code point `offset`: sentence ends before it
/// (`.`, `!` or `?` followed by white space, or a line break) plus one.
fn sentence_number(text: &str, offset: usize) -> usize {
    let mut n = 1;
    let (mut last, mut before_last) = (None, None);
    let mut counted = false;
    for c in text.chars().take(offset) {
        if c.is_whitespace() {
            let ends = |c: Option<char>| matches!(c, Some('.' | '!' | '?'));
            let closing_quote = matches!(last, Some('"' | '\u{201d}' | '\'')) && ends(before_last);
            if !counted && last.is_some() && (c == '\n' || ends(last) || closing_quote) {
                n += 1;
                counted = true;
            }
        } else {
            before_last = last;
            last = Some(c);
            counted = false;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_knowledge::Knowledge;

    #[test]
    fn actor_codes_split_into_country_type_and_group() {
        let a = ActorOut {
            name: "Russian government".into(),
            code: "RUSGOV".into(),
        };
        let geo = Geography::new(Knowledge::embedded()).expect("embedded knowledge files");
        let cols = actor_columns(Some(&a), &geo);
        assert_eq!(cols[0], "RUSGOV");
        assert_eq!(cols[1], "RUSSIAN GOVERNMENT");
        assert_eq!(cols[2], "RUS");
        assert_eq!(cols[7], "GOV");
        let un = ActorOut {
            name: "United Nations".into(),
            code: "IGOUNO".into(),
        };
        let cols = actor_columns(Some(&un), &geo);
        assert_eq!((cols[2].as_str(), cols[3].as_str()), ("", "UNO"));
        assert_eq!(cols[7], "IGO");
    }

    #[test]
    fn sentences_are_counted_from_one() {
        let text = "One. Two! Three?\nFour";
        assert_eq!(sentence_number(text, 0), 1);
        assert_eq!(sentence_number(text, 5), 2);
        assert_eq!(sentence_number(text, 10), 3);
        assert_eq!(sentence_number(text, 17), 4);
    }
}
