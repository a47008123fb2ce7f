//! The GKG 2.1 table: one line per article with its counts, themes, locations, persons,
//! organizations, tone, dates, quotations, names and amounts, in the codebook's delimiters.

use crate::cells::{cell, char_offset, num, part};
use crate::geo::{Geography, Place};
use crate::{source_of, timestamp, GKG_COLUMNS};
use newsgraph_model::record::{CountOut, EntityOut};
use newsgraph_model::{EntityType, Record};

/// The GKG line of one article. `sequence` makes GKGRECORDID unique among articles published
/// in the same second (GDELT's `YYYYMMDDHHMMSS-N`).
pub(crate) fn gkg_line(record: &Record, sequence: u64, geo: &Geography) -> String {
    let (collection, name, identifier) = source_of(record);
    let date = record.published.as_deref().and_then(timestamp);
    let mut cols: Vec<String> = Vec::with_capacity(GKG_COLUMNS);
    cols.push(format!(
        "{}-{sequence}",
        date.as_deref().unwrap_or("00000000000000")
    ));
    cols.push(date.unwrap_or_default());
    cols.push(collection.to_string());
    cols.push(cell(&name));
    cols.push(cell(&identifier));
    cols.push(join(
        record
            .counts
            .iter()
            .map(|c| count_block(record, c, false, geo)),
    ));
    cols.push(join(
        record
            .counts
            .iter()
            .map(|c| count_block(record, c, true, geo)),
    ));
    cols.push(join(
        record.themes.iter().map(|t| part(&t.code, &[';', ','])),
    ));
    cols.push(join(record.themes.iter().flat_map(|t| {
        t.offsets
            .iter()
            .map(move |o| format!("{},{}", part(&t.code, &[';', ',']), o[0]))
    })));
    let places: Vec<(&EntityOut, Place)> = record
        .entities
        .iter()
        .filter(|e| e.kind_type == EntityType::Location)
        .filter_map(|e| Place::of_entity(e, geo).map(|p| (e, p)))
        .collect();
    cols.push(join(places.iter().map(|(_, p)| p.gkg_block(None))));
    cols.push(join(places.iter().flat_map(|(e, p)| {
        e.mentions.iter().map(move |m| p.gkg_block(Some(m.start)))
    })));
    for kind in [EntityType::Person, EntityType::Organization] {
        let of_kind = || record.entities.iter().filter(move |e| e.kind_type == kind);
        cols.push(join(of_kind().map(|e| part(&e.name, &[';', ',']))));
        cols.push(join(of_kind().flat_map(|e| {
            e.mentions
                .iter()
                .map(move |m| format!("{},{}", part(&e.name, &[';', ',']), m.start))
        })));
    }
    cols.push(
        record
            .tone
            .map(|t| {
                [
                    t.tone,
                    t.positive,
                    t.negative,
                    t.polarity,
                    t.activity,
                    t.self_group,
                ]
                .iter()
                .map(|v| num(Some(*v), 6))
                .chain([t.words.to_string()])
                .collect::<Vec<_>>()
                .join(",")
            })
            .unwrap_or_default(),
    );
    cols.push(join(record.dates.iter().filter_map(|d| {
        let (resolution, month, day, year) = date_parts(&d.value)?;
        Some(format!("{resolution}#{month}#{day}#{year}#{}", d.start))
    })));
    let words = record
        .tone
        .map(|t| t.words)
        .unwrap_or_else(|| record.text.split_whitespace().count() as u64);
    cols.push(format!("wc:{words}"));
    cols.extend(std::iter::repeat_n(String::new(), 4));
    cols.push(
        record
            .quotes
            .iter()
            .map(|q| {
                format!(
                    "{}|{}|{}|{}",
                    q.start,
                    q.end.saturating_sub(q.start),
                    part(q.verb.as_deref().unwrap_or(""), &['|', '#']),
                    part(&q.text, &['|', '#'])
                )
            })
            .collect::<Vec<_>>()
            .join("#"),
    );
    let mut names: Vec<(usize, &str)> = record
        .entities
        .iter()
        .flat_map(|e| e.mentions.iter().map(move |m| (m.start, e.name.as_str())))
        .collect();
    names.sort();
    cols.push(join(
        names
            .iter()
            .map(|(o, n)| format!("{},{o}", part(n, &[';', ',']))),
    ));
    cols.push(join(record.counts.iter().map(|c| {
        format!(
            "{},{},{}",
            c.number,
            part(c.object.as_deref().unwrap_or(""), &[';', ',']),
            count_offset(record, c).map_or_else(String::new, |o| o.to_string())
        )
    })));
    cols.push(String::new());
    cols.push(
        record
            .title
            .as_deref()
            .map(|t| format!("<PAGE_TITLE>{}</PAGE_TITLE>", xml_text(&cell(t))))
            .unwrap_or_default(),
    );
    debug_assert_eq!(cols.len(), GKG_COLUMNS);
    cols.join("\t")
}

/// Where a count is in the text; none for a count read from the title.
fn count_offset(record: &Record, c: &CountOut) -> Option<usize> {
    if c.in_title {
        None
    } else {
        char_offset(&record.text, &c.text)
    }
}

/// Text inside GDELT's extras XML.
fn xml_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn join(blocks: impl Iterator<Item = String>) -> String {
    blocks.collect::<Vec<_>>().join(";")
}

/// `Type#Number#Object#LocType#LocName#LocCC#LocADM1#Lat#Long#FeatureID`, plus `#offset` in
/// V2.1COUNTS. The count's place is the record's entity it names, when that entity is placed.
fn count_block(record: &Record, c: &CountOut, with_offset: bool, geo: &Geography) -> String {
    let place = c.location.as_deref().and_then(|name| {
        record
            .entities
            .iter()
            .filter(|e| e.name == name)
            .find_map(|e| Place::of_entity(e, geo))
    });
    let location = match &place {
        Some(p) => format!(
            "{}#{}#{}#{}#{}#{}#{}",
            p.kind,
            part(&p.name, &['#', ';']),
            p.country,
            p.adm1,
            num(p.lat, 4),
            num(p.lon, 4),
            p.feature
        ),
        None => "0######".to_string(),
    };
    let mut block = format!(
        "{}#{}#{}#{location}",
        part(&c.kind, &['#', ';']),
        c.number,
        part(c.object.as_deref().unwrap_or(""), &['#', ';'])
    );
    if with_offset {
        block.push('#');
        if let Some(o) = count_offset(record, c) {
            block.push_str(&o.to_string());
        }
    }
    block
}

/// (resolution, month, day, year) of a date value: 1 year only, 2 month and year, 3 full date,
/// 4 month and day without a year (`XXXX-09-05` or `--09-05`). Zero for the parts not known.
fn date_parts(value: &str) -> Option<(u8, u32, u32, u32)> {
    let date = value.split('T').next()?;
    let parts: Vec<&str> = date.trim_start_matches('-').split('-').collect();
    let num = |s: Option<&&str>| s.and_then(|s| s.parse::<u32>().ok());
    let year_known = parts.first().is_some_and(|y| y.len() == 4) && num(parts.first()).is_some();
    if !year_known {
        let (m, d) = match parts.len() {
            3 => (num(parts.get(1))?, num(parts.get(2))?),
            2 => (num(parts.first())?, num(parts.get(1))?),
            _ => return None,
        };
        return Some((4, m, d, 0));
    }
    let year = num(parts.first())?;
    match (num(parts.get(1)), num(parts.get(2))) {
        (Some(m), Some(d)) => Some((3, m, d, year)),
        (Some(m), None) => Some((2, m, 0, year)),
        _ => Some((1, 0, 0, year)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_resolutions_follow_the_codebook() {
        assert_eq!(date_parts("2016"), Some((1, 0, 0, 2016)));
        assert_eq!(date_parts("2016-09"), Some((2, 9, 0, 2016)));
        assert_eq!(date_parts("2016-09-05"), Some((3, 9, 5, 2016)));
        assert_eq!(date_parts("XXXX-09-05"), Some((4, 9, 5, 0)));
        assert_eq!(date_parts("soon"), None);
    }
}
