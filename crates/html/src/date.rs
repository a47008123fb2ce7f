//! Reading calendar dates out of attribute values, URLs and visible text.
//!
//! A tiny tokenizer turns a string into numbers, words and punctuation, and a handful of
//! patterns match over the tokens: ISO (`2016-09-05`, `2016/09/05`), numeric day-first or
//! month-first (`05.09.2016`, `9/5/2016`), and written months in several languages
//! (`5. September 2016`, `Sept. 5, 2016`, `5 de septiembre de 2016`). Month names are data
//! (`data/months.tsv` at the repository root). Only plausible dates (1990 to 2039, a real day
//! of the month) pass.

use std::collections::HashMap;
use std::sync::OnceLock;

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn new(year: u32, month: u32, day: u32) -> Option<Date> {
        if !(1990..=2039).contains(&year) || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        let leap =
            year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
        let days = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        (day <= days).then_some(Date {
            year: year as u16,
            month: month as u8,
            day: day as u8,
        })
    }

    /// `YYYY-MM-DD`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn months() -> &'static HashMap<&'static str, u8> {
    static MONTHS: OnceLock<HashMap<&'static str, u8>> = OnceLock::new();
    MONTHS.get_or_init(|| {
        let mut map = HashMap::new();
        for line in include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../data/months.tsv"
        ))
        .lines()
        {
            if line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(_lang), Some(num), Some(names)) = (cols.next(), cols.next(), cols.next())
            else {
                continue;
            };
            let Ok(num) = num.parse::<u8>() else { continue };
            for name in names.split('|') {
                map.entry(name).or_insert(num);
            }
        }
        map
    })
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok<'a> {
    /// Value and number of digits.
    Num(u32, u8),
    Word(&'a str),
    Punct(char),
}

fn tokenize(s: &str) -> Vec<Tok<'_>> {
    let mut toks = Vec::new();
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_ascii_digit() {
            let mut value: u64 = u64::from(c as u8 - b'0');
            let mut digits = 1u8;
            while let Some(&(_, d)) = chars.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                value = (value * 10 + u64::from(d as u8 - b'0')).min(u64::from(u32::MAX));
                digits = digits.saturating_add(1);
                chars.next();
            }
            toks.push(Tok::Num(value as u32, digits));
        } else if c.is_alphabetic() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if !d.is_alphabetic() {
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

fn month_of(word: &str) -> Option<u8> {
    if word.len() > 12 {
        return None;
    }
    let lower = word.to_lowercase();
    months().get(lower.as_str()).copied()
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
pub fn find_dates(s: &str, order: Order) -> Vec<Date> {
    let toks = tokenize(s);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some((date, used)) = match_at(&toks, i, order) {
            out.push(date);
            i += used;
        } else {
            i += 1;
        }
    }
    out
}

/// The first date in `s`.
pub fn first_date(s: &str, order: Order) -> Option<Date> {
    let toks = tokenize(s);
    (0..toks.len()).find_map(|i| match_at(&toks, i, order).map(|(d, _)| d))
}

fn match_at(t: &[Tok], i: usize, order: Order) -> Option<(Date, usize)> {
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
            // 2016年9月5日 and 2016. szept. are rare enough to leave out.
            None
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
                if matches!(
                    w.to_ascii_lowercase().as_str(),
                    "st" | "nd" | "rd" | "th" | "er"
                ) {
                    k += 1;
                }
            }
            if let Some(Tok::Word(w)) = get(k) {
                if matches!(*w, "de" | "of" | "di") {
                    k += 1;
                }
            }
            let Some(Tok::Word(w)) = get(k) else {
                return None;
            };
            let month = month_of(w)?;
            k += 1;
            while matches!(get(k), Some(Tok::Punct('.' | ',')))
                || matches!(get(k), Some(Tok::Word("de" | "del")))
            {
                k += 1;
            }
            let year = year_of(get(k))?;
            Date::new(year, u32::from(month), a).map(|d| (d, k + 1))
        }
        Tok::Word(w) => {
            // September 5, 2016 / Sept. 5th 2016
            let month = month_of(w)?;
            let mut k = 1;
            if matches!(get(k), Some(Tok::Punct('.'))) {
                k += 1;
            }
            let Some(Tok::Num(day, 1..=2)) = get(k) else {
                return None;
            };
            k += 1;
            if let Some(Tok::Word(s)) = get(k) {
                if matches!(s.to_ascii_lowercase().as_str(), "st" | "nd" | "rd" | "th") {
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
pub fn parse_attr_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if s.is_empty() || s.len() > 200 {
        return None;
    }
    // Unix timestamps in seconds or milliseconds.
    if s.bytes().all(|b| b.is_ascii_digit()) && (s.len() == 10 || s.len() == 13) {
        let secs: i64 = s[..10].parse().ok()?;
        return Some(civil_from_days(secs.div_euclid(86_400))).flatten();
    }
    first_date(s, Order::DayFirst)
}

/// The date of day number `days` since 1970-01-01.
fn civil_from_days(days: i64) -> Option<Date> {
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    Date::new(u32::try_from(y).ok()?, m as u32, d as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> Option<String> {
        first_date(s, Order::DayFirst).map(|d| d.iso())
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
            first_date("9/5/2016", Order::MonthFirst)
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
            parse_attr_date("1473069600").map(|d| d.iso()).as_deref(),
            Some("2016-09-05")
        );
    }
}
