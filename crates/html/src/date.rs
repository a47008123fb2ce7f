//! Reading calendar dates out of attribute values, URLs and visible text.
//!
//! A tiny tokenizer turns a string into numbers, words and punctuation, and a handful of
//! patterns match over the tokens: ISO (`2016-09-05`, `2016/09/05`), numeric day-first or
//! month-first (`05.09.2016`, `9/5/2016`), and written months in several languages
//! (`5. September 2016`, `Sept. 5, 2016`, `5 de septiembre de 2016`, `28 июня 2020`), and
//! the numeric forms of East Asian scripts (`2020年6月28日`, `2020년 6월 28일`, `ngày 28 tháng 6
//! năm 2020`). Month names are data (`data/months.tsv`: 30 languages), and so are the digit
//! systems (Arabic-Indic, Persian, Devanagari, Bengali, Thai, full-width ...), date marks,
//! ordinal suffixes and connectors (`data/date-words.tsv`). Only plausible dates (1990 to
//! 2039, a real day of the month) pass. Timestamps in attributes (ISO 8601, RFC 2822, Unix
//! time) are read by `newsgraph-time`, which keeps the page's offset ([`parse_attr_stamp`]).
//! Both data files are read by the knowledge layer's one TSV reader and compiled once into a
//! [`HtmlKnowledge`], which every reader here takes.

use crate::knowledge::HtmlKnowledge;
use newsgraph_knowledge::{DateWord, DateWordKind};
use std::collections::HashMap;

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn new(year: u32, month: u32, day: u32) -> Option<Date> {
        if !(1990..=2039).contains(&year) {
            return None;
        }
        newsgraph_time::Date::new(i64::from(year), month, day).map(|_| Date {
            year: year as u16,
            month: month as u8,
            day: day as u8,
        })
    }

    fn from_time(d: newsgraph_time::Date) -> Option<Date> {
        Date::new(u32::try_from(d.year()).ok()?, d.month(), d.day())
    }

    /// `YYYY-MM-DD`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The rows of `data/date-words.tsv` (through the knowledge layer), by kind.
pub(crate) struct DateWords {
    /// Zeros of the digit systems other than ASCII.
    digit_zeros: Vec<char>,
    marks: HashMap<&'static str, Mark>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Year,
    Month,
    Day,
    MonthWord,
    YearWord,
    Ordinal,
    Connector,
}

impl DateWords {
    pub(crate) fn new(rows: &[DateWord]) -> DateWords {
        let mut words = DateWords {
            digit_zeros: Vec::new(),
            marks: HashMap::new(),
        };
        for row in rows {
            let mark = match row.kind {
                DateWordKind::DigitZero => {
                    words.digit_zeros.extend(row.value.chars().next());
                    continue;
                }
                DateWordKind::YearMark => Mark::Year,
                DateWordKind::MonthMark => Mark::Month,
                DateWordKind::DayMark => Mark::Day,
                DateWordKind::MonthWord => Mark::MonthWord,
                DateWordKind::YearWord => Mark::YearWord,
                DateWordKind::Ordinal => Mark::Ordinal,
                DateWordKind::Connector => Mark::Connector,
            };
            words.marks.insert(row.value, mark);
        }
        words
    }
}

/// The value of a decimal digit of any listed digit system ("٣", "۳", "३", "３" are 3).
fn digit_value(c: char, k: &HtmlKnowledge) -> Option<u32> {
    if c.is_ascii_digit() {
        return Some(c as u32 - '0' as u32);
    }
    if c.is_ascii() {
        return None;
    }
    k.date_words.digit_zeros.iter().find_map(|&zero| {
        let d = (c as u32).checked_sub(zero as u32)?;
        (d < 10).then_some(d)
    })
}

fn mark_of(word: &str, k: &HtmlKnowledge) -> Option<Mark> {
    if word.len() > 12 {
        return None;
    }
    k.date_words
        .marks
        .get(word)
        .or_else(|| k.date_words.marks.get(word.to_lowercase().as_str()))
        .copied()
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok<'a> {
    /// Value and number of digits.
    Num(u32, u8),
    Word(&'a str),
    Punct(char),
}

fn tokenize<'a>(s: &'a str, k: &HtmlKnowledge) -> Vec<Tok<'a>> {
    let mut toks = Vec::new();
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if let Some(first) = digit_value(c, k) {
            let mut value = u64::from(first);
            let mut digits = 1u8;
            while let Some(d) = chars.peek().and_then(|&(_, d)| digit_value(d, k)) {
                value = (value * 10 + u64::from(d)).min(u64::from(u32::MAX));
                digits = digits.saturating_add(1);
                chars.next();
            }
            toks.push(Tok::Num(value as u32, digits));
        } else if c.is_alphabetic() || is_combining_mark(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                // CJK date marks stand alone ("2020年6月"): each is its own word.
                if !(d.is_alphabetic() || is_combining_mark(d)) || is_cjk(c) || is_cjk(d) {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
            toks.push(Tok::Word(&s[i..end]));
        } else if !c.is_whitespace() {
            toks.push(Tok::Punct(c));
        }
    }
    toks
}

/// Vowel signs and other combining marks inside words of Indic, Thai and Hebrew scripts (not
/// alphabetic to Rust, but part of the word: "फ़रवरी", "กุมภาพันธ์").
fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0591..=0x05C7 | 0x0610..=0x061A | 0x064B..=0x065F
        | 0x0900..=0x0903 | 0x093A..=0x094F | 0x0981..=0x0983 | 0x09BC..=0x09D7
        | 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF)
}

fn month_of(word: &str, k: &HtmlKnowledge) -> Option<u8> {
    if word.len() > 40 {
        return None;
    }
    let lower = word.to_lowercase();
    k.months.get(lower.as_str()).copied()
}

fn year_of(tok: Option<&Tok>) -> Option<u32> {
    match tok {
        Some(Tok::Num(y, 4)) => Some(*y),
        _ => None,
    }
}

/// Whether numeric `a/b/yyyy` dates put the month first (US style).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    DayFirst,
    MonthFirst,
}

/// Every date found in `s`, in order, with the token index it starts at.
pub fn find_dates(s: &str, order: Order, k: &HtmlKnowledge) -> Vec<Date> {
    let toks = tokenize(s, k);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some((date, used)) = match_at(&toks, i, order, k) {
            out.push(date);
            i += used;
        } else {
            i += 1;
        }
    }
    out
}

/// The first date in `s`.
pub fn first_date(s: &str, order: Order, k: &HtmlKnowledge) -> Option<Date> {
    let toks = tokenize(s, k);
    (0..toks.len()).find_map(|i| match_at(&toks, i, order, k).map(|(d, _)| d))
}

fn match_at(t: &[Tok], i: usize, order: Order, kn: &HtmlKnowledge) -> Option<(Date, usize)> {
    let get = |k: usize| t.get(i + k);
    match t[i] {
        Tok::Num(n, 8) => {
            // 20160905 (URLs, ids, compact attributes).
            Date::new(n / 10000, n / 100 % 100, n % 100).map(|d| (d, 1))
        }
        Tok::Num(y, 4) => {
            // 2016-09-05, 2016/09/05, 2016.09.05
            if let (
                Some(Tok::Punct(p)),
                Some(Tok::Num(m, 1..=2)),
                Some(Tok::Punct(q)),
                Some(Tok::Num(d, 1..=2)),
            ) = (get(1), get(2), get(3), get(4))
            {
                if p == q && matches!(p, '-' | '/' | '.' | '_') {
                    return Date::new(y, *m, *d).map(|d| (d, 5));
                }
            }
            // 2020年6月28日, 2020년 6월 28일 (Chinese, Japanese, Korean).
            if let (
                Some(Tok::Word(ym)),
                Some(Tok::Num(m, 1..=2)),
                Some(Tok::Word(mm)),
                Some(Tok::Num(d, 1..=2)),
            ) = (get(1), get(2), get(3), get(4))
            {
                if mark_of(ym, kn) == Some(Mark::Year) && mark_of(mm, kn) == Some(Mark::Month) {
                    return Date::new(y, *m, *d).map(|date| (date, 5));
                }
            }
            // 2016. szept. 5. (Hungarian: year first, then the month's name, then the day).
            let mut k = 1;
            while matches!(get(k), Some(Tok::Punct('.' | ','))) {
                k += 1;
            }
            let Some(Tok::Word(w)) = get(k) else {
                return None;
            };
            let month = month_of(w, kn)?;
            k += 1;
            while matches!(get(k), Some(Tok::Punct('.'))) {
                k += 1;
            }
            let Some(Tok::Num(d, 1..=2)) = get(k) else {
                return None;
            };
            Date::new(y, u32::from(month), *d).map(|date| (date, k + 1))
        }
        Tok::Num(a, 1..=2) => {
            // 05.09.2016, 9/5/2016, 05-09-16
            if let (
                Some(Tok::Punct(p)),
                Some(Tok::Num(b, 1..=2)),
                Some(Tok::Punct(q)),
                Some(Tok::Num(y, yd)),
            ) = (get(1), get(2), get(3), get(4))
            {
                if p == q && matches!(p, '.' | '/' | '-') {
                    let year = match yd {
                        4 => *y,
                        2 => 2000 + *y,
                        _ => return None,
                    };
                    if *yd == 2 && get(5).is_some_and(|t| matches!(t, Tok::Punct('.' | '/' | '-')))
                    {
                        return None;
                    }
                    let month_first =
                        a <= 12 && (*b > 12 || (order == Order::MonthFirst && *p == '/'));
                    let (day, month) = if month_first { (*b, a) } else { (a, *b) };
                    return Date::new(year, month, day).map(|d| (d, 5));
                }
            }
            // 5 September 2016, 5. Sept. 2016, 5th of September, 2016, 5 de septiembre de 2016
            let mut k = 1;
            if matches!(get(k), Some(Tok::Punct('.'))) {
                k += 1;
            }
            if let Some(Tok::Word(w)) = get(k) {
                if mark_of(w, kn) == Some(Mark::Ordinal) {
                    k += 1;
                }
            }
            if let Some(Tok::Word(w)) = get(k) {
                if mark_of(w, kn) == Some(Mark::Connector) {
                    k += 1;
                }
            }
            // Vietnamese: "28 tháng 6 năm 2020", "ngày 28 tháng 6, 2020".
            if let (Some(Tok::Word(w)), Some(Tok::Num(m, 1..=2))) = (get(k), get(k + 1)) {
                if mark_of(w, kn) == Some(Mark::MonthWord) {
                    let mut j = k + 2;
                    while matches!(get(j), Some(Tok::Punct(',' | '.')))
                        || matches!(get(j), Some(Tok::Word(y)) if mark_of(y, kn) == Some(Mark::YearWord))
                    {
                        j += 1;
                    }
                    let year = year_of(get(j))?;
                    return Date::new(year, *m, a).map(|d| (d, j + 1));
                }
            }
            let Some(Tok::Word(w)) = get(k) else {
                return None;
            };
            let month = month_of(w, kn)?;
            k += 1;
            while matches!(get(k), Some(Tok::Punct('.' | ',')))
                || matches!(get(k), Some(Tok::Word(c)) if mark_of(c, kn) == Some(Mark::Connector))
            {
                k += 1;
            }
            let year = year_of(get(k))?;
            Date::new(year, u32::from(month), a).map(|d| (d, k + 1))
        }
        Tok::Word(w) => {
            // September 5, 2016 / Sept. 5th 2016
            let month = month_of(w, kn)?;
            let mut k = 1;
            if matches!(get(k), Some(Tok::Punct('.'))) {
                k += 1;
            }
            let Some(Tok::Num(day, 1..=2)) = get(k) else {
                return None;
            };
            k += 1;
            if let Some(Tok::Word(s)) = get(k) {
                if mark_of(s, kn) == Some(Mark::Ordinal) {
                    k += 1;
                }
            }
            while matches!(get(k), Some(Tok::Punct('.' | ','))) {
                k += 1;
            }
            let year = year_of(get(k))?;
            Date::new(year, u32::from(month), *day).map(|d| (d, k + 1))
        }
        _ => None,
    }
}

/// A date at the very start of an attribute value (ISO timestamps and the like).
pub fn parse_attr_date(s: &str, k: &HtmlKnowledge) -> Option<Date> {
    parse_attr_stamp(s, k).map(|(d, _)| d)
}

/// An attribute value's date and, when it is a timestamp with a time and an offset, the
/// timestamp itself (`newsgraph-time` reads ISO 8601, RFC 2822 and Unix time; the date is the
/// one the page states, in its own zone). Other values: the first date written in them.
pub fn parse_attr_stamp(
    s: &str,
    k: &HtmlKnowledge,
) -> Option<(Date, Option<newsgraph_time::Timestamp>)> {
    let s = s.trim();
    if s.is_empty() || s.len() > 200 {
        return None;
    }
    if let Some(stamp) = newsgraph_time::parse_timestamp(s) {
        return Some((Date::from_time(stamp.date)?, Some(stamp)));
    }
    first_date(s, Order::DayFirst, k).map(|d| (d, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kn() -> std::sync::Arc<HtmlKnowledge> {
        crate::knowledge::embedded()
    }

    fn iso(s: &str) -> Option<String> {
        first_date(s, Order::DayFirst, &kn()).map(|d| d.iso())
    }

    #[test]
    fn reads_common_forms() {
        assert_eq!(
            iso("2016-09-05T10:00:00+02:00").as_deref(),
            Some("2016-09-05")
        );
        assert_eq!(
            iso("Posted on 05.09.2016 by").as_deref(),
            Some("2016-09-05")
        );
        assert_eq!(iso("5. März 2019").as_deref(), Some("2019-03-05"));
        assert_eq!(iso("Sept. 5th, 2016").as_deref(), Some("2016-09-05"));
        assert_eq!(
            iso("5 de septiembre de 2016").as_deref(),
            Some("2016-09-05")
        );
        assert_eq!(iso("le 12 août 2018").as_deref(), Some("2018-08-12"));
        assert_eq!(
            iso("https://x.org/2016/09/05/story").as_deref(),
            Some("2016-09-05")
        );
        assert_eq!(iso("/news/20160905-story").as_deref(), Some("2016-09-05"));
        assert_eq!(
            first_date("9/5/2016", Order::MonthFirst, &kn())
                .map(|d| d.iso())
                .as_deref(),
            Some("2016-09-05")
        );
    }

    #[test]
    fn rejects_impossible_dates() {
        assert_eq!(iso("2016-02-30"), None);
        assert_eq!(iso("photo/26034451/spring"), None);
        assert_eq!(iso("version 1.2.3"), None);
        assert_eq!(
            parse_attr_date("1473069600", &kn())
                .map(|d| d.iso())
                .as_deref(),
            Some("2016-09-05")
        );
    }
}
