//! Datelines ("HANGZHOU, China, Sept 5 (Reuters) -", "LONDON 1996-08-30") and dates written
//! out in English ("Friday, December 26, 2014", "26 December 2014", "Feb. 4, 2014"), for the
//! `dateline` field and the fallback of `published`. English month names and abbreviations
//! come from `data/months.tsv` ([`TextKnowledge::english_months`]).

use super::date_part;
use super::lines::word_count;
use crate::knowledge::TextKnowledge;
use newsgraph_model::Span;

/// The first full date written out in a line: "Friday, December 26, 2014 4:25 PM",
/// "Dec. 26, 2014", "2014-12-26", "26 December 2014".
pub(super) fn find_date(k: &TextKnowledge, line: &str) -> Option<String> {
    let words: Vec<&str> = line.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    for (i, w) in words.iter().enumerate() {
        if let Some(d) = date_part(w.trim_matches(|c: char| !c.is_ascii_digit())) {
            return Some(d);
        }
        if month_number(k, w).is_none() {
            continue;
        }
        let candidates = [words.get(i..i + 3), words.get(i.saturating_sub(1)..i + 2)];
        for parts in candidates.into_iter().flatten() {
            if let Some(Some(d)) = parse_date(k, &parts.join(" ")) {
                return Some(d);
            }
        }
    }
    None
}

/// A dateline found at the start of a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Dateline {
    /// The place ("HANGZHOU, China"), relative to the paragraph.
    pub place: Span,
    /// `YYYY-MM-DD` when the dateline gives a full date.
    pub date: Option<String>,
}

/// Read a dateline at the start of a paragraph: an upper-case place, optional ", Region" and
/// ", Date" parts, an optional "(Agency)" or "(Date)", then a dash and the story; or a short
/// line of a place and a date alone ("LONDON 1996-08-30").
pub fn parse_dateline(k: &TextKnowledge, p: &str) -> Option<Dateline> {
    let caps_end = leading_caps_run(p)?;
    let rest = &p[caps_end..];

    // "LONDON 1996-08-30": a line of its own.
    if p.len() <= 80 {
        if let Some(date) = trailing_iso_date(rest) {
            let before_date = rest.trim_end()[..rest.trim_end().len() - 10].trim_end();
            let region_end = region_after(k, before_date).map_or(caps_end, |len| caps_end + len);
            return Some(Dateline {
                place: Span::new(0, region_end),
                date: Some(date),
            });
        }
    }

    let mut pos = 0;
    let mut place_end = caps_end;
    let mut date = None;
    let mut segment = 0;
    // ", China", ", Sept 5", " , United Arab Emirates"
    loop {
        let r = &rest[pos..];
        let trimmed = r.trim_start_matches(' ');
        let Some(after_comma) = trimmed.strip_prefix(',') else {
            break;
        };
        let seg_start = pos + (r.len() - after_comma.len());
        let seg_len = after_comma
            .find([',', '(', '-', '—', '–'])
            .unwrap_or(after_comma.len());
        let seg = after_comma[..seg_len].trim();
        if seg.is_empty()
            || seg.len() > 32
            || word_count(seg) > 4
            || seg.starts_with(char::is_lowercase)
        {
            return None;
        }
        if let Some(d) = parse_date(k, seg) {
            date = date.or(d);
        } else if segment == 0
            && !starts_with_month(k, seg)
            && !seg.chars().any(|c| c.is_ascii_digit())
        {
            place_end = caps_end
                + seg_start
                + (after_comma.len() - after_comma.trim_start().len())
                + seg.len();
        }
        pos = seg_start + seg_len;
        segment += 1;
        if segment > 3 {
            return None;
        }
    }
    // "(Reuters)", "(Feb. 4, 2014)"
    let r = rest[pos..].trim_start_matches(' ');
    let r = if let Some(inner) = r.strip_prefix('(') {
        let close = inner.find(')')?;
        if close > 40 {
            return None;
        }
        if let Some(d) = parse_date(k, &inner[..close]) {
            date = date.or(d);
        }
        inner[close + 1..].trim_start_matches(' ')
    } else {
        r
    };
    // The dash, then the story, in ordinary case (not another all-caps headline).
    let after = r
        .strip_prefix("--")
        .or_else(|| r.strip_prefix('-'))
        .or_else(|| r.strip_prefix('—'))
        .or_else(|| r.strip_prefix('–'))?;
    if !after.starts_with(' ') && pos == 0 && r.len() == rest.len() {
        // "WASHINGTON-based" is a word, not a dateline.
        return None;
    }
    let head: String = after.chars().take(40).collect();
    if !head.chars().any(char::is_lowercase) {
        return None;
    }
    Some(Dateline {
        place: Span::new(0, place_end),
        date,
    })
}

/// Length of an upper-case place name at the start: "HANGZHOU", "NEW YORK", "ST. LOUIS",
/// "AL-AIN". At least three capital letters; at most five words.
fn leading_caps_run(p: &str) -> Option<usize> {
    let mut end = 0;
    let mut capitals = 0;
    let mut pos = 0;
    for _ in 0..5 {
        let word_end = p[pos..].find([' ', ',', '(']).map_or(p.len(), |i| pos + i);
        let word = &p[pos..word_end];
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        let ok = letters >= 1
            && word
                .chars()
                .all(|c| c.is_uppercase() || matches!(c, '.' | '-' | '\'' | '’'))
            && word.chars().next().is_some_and(char::is_uppercase);
        if !ok || (pos == 0 && letters < 2) {
            break;
        }
        capitals += letters;
        end = word_end;
        if !p[word_end..].starts_with(' ') {
            break;
        }
        pos = word_end + 1;
    }
    (capitals >= 3).then_some(end)
}

/// Length of ", Region" (or " , Region") at the start of `s`, when it is a capitalised name.
fn region_after(k: &TextKnowledge, s: &str) -> Option<usize> {
    let t = s.trim_start_matches(' ').strip_prefix(',')?;
    let name = t.trim();
    (!name.is_empty()
        && name.starts_with(char::is_uppercase)
        && word_count(name) <= 4
        && !starts_with_month(k, name))
    .then_some(s.len())
}

/// An ISO date `YYYY-MM-DD` that ends `s`.
fn trailing_iso_date(s: &str) -> Option<String> {
    let t = s.trim_end();
    let d = t.get(t.len().checked_sub(10)?..)?;
    let before_ok = t.len() == 10 || t.as_bytes()[t.len() - 11] == b' ';
    date_part(d).filter(|_| before_ok)
}

/// The month an English month word names: a name or abbreviation of `months.tsv` ("Sept.",
/// "September"), or any start of at least three letters of a name ("Septem"); not "Marshal".
fn month_number(k: &TextKnowledge, word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    k.english_months
        .iter()
        .find(|(name, _)| name.starts_with(&w))
        .map(|&(_, month)| u32::from(month))
}

fn starts_with_month(k: &TextKnowledge, s: &str) -> bool {
    s.split_whitespace()
        .next()
        .and_then(|w| month_number(k, w))
        .is_some()
}

/// A full date in a dateline part: "Feb. 4, 2014", "4 February 2014", "2014-02-04".
/// `Some(None)` means "a date without a year" (still a date part, not a place).
fn parse_date(k: &TextKnowledge, s: &str) -> Option<Option<String>> {
    let s = s.trim();
    if let Some(d) = date_part(s) {
        return Some(Some(d));
    }
    let words: Vec<&str> = s.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    let num = |w: &str| w.trim_end_matches(['.', ',']).parse::<u32>().ok();
    let (month, day, year) = match words.as_slice() {
        [m, d] if month_number(k, m).is_some() => (month_number(k, m)?, num(d)?, None),
        [d, m] => (month_number(k, m)?, num(d)?, None),
        [m, d, y] if month_number(k, m).is_some() => (month_number(k, m)?, num(d)?, num(y)),
        [d, m, y] => (month_number(k, m)?, num(d)?, num(y)),
        _ => return None,
    };
    if !(1..=31).contains(&day) {
        return None;
    }
    Some(
        year.filter(|y| (1800..=2200).contains(y))
            .map(|y| format!("{y:04}-{month:02}-{day:02}")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::for_tests;

    fn place(p: &str) -> Option<&str> {
        parse_dateline(for_tests(), p).map(|d| &p[d.place.start..d.place.end])
    }

    #[test]
    fn reads_wire_datelines() {
        assert_eq!(
            place("HANGZHOU, China, Sept 5 (Reuters) - The leaders met."),
            Some("HANGZHOU, China")
        );
        assert_eq!(
            place("WASHINGTON (AP) — The Senate voted."),
            Some("WASHINGTON")
        );
        assert_eq!(
            place("NEW YORK, Nov. 19 (UPI) — Former Secretary of State"),
            Some("NEW YORK")
        );
        assert_eq!(
            place("ST. LOUIS -- Police said on Monday"),
            Some("ST. LOUIS")
        );
        assert_eq!(place("LONDON 1996-08-30"), Some("LONDON"));
        assert_eq!(
            place("AL-AIN , United Arab Emirates 1996-12-06"),
            Some("AL-AIN , United Arab Emirates")
        );
        let d = parse_dateline(
            for_tests(),
            "FRANKLIN (Feb. 4, 2014) – Johnson County authorities",
        )
        .expect("dateline");
        assert_eq!(d.date.as_deref(), Some("2014-02-04"));
    }

    #[test]
    fn headlines_and_sentences_are_not_datelines() {
        assert_eq!(
            place("CRICKET - LEICESTERSHIRE TAKE OVER AT TOP AFTER INNINGS VICTORY ."),
            None
        );
        assert_eq!(place("U.S. officials have blamed Russia."), None);
        assert_eq!(place("NATO said on Monday it would meet."), None);
        assert_eq!(place("The meeting - which was held here - ran long."), None);
    }

    #[test]
    fn dates_in_timestamp_lines() {
        assert_eq!(
            find_date(for_tests(), "Posted: Friday, December 26, 2014 4:25 PM EST").as_deref(),
            Some("2014-12-26")
        );
        assert_eq!(
            find_date(for_tests(), "Updated: 2016-09-05T10:00").as_deref(),
            Some("2016-09-05")
        );
        assert_eq!(
            find_date(for_tests(), "Published 26 December 2014").as_deref(),
            Some("2014-12-26")
        );
        assert_eq!(find_date(for_tests(), "Updated: 4:26 PM"), None);
    }
}
