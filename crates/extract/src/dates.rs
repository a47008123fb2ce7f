//! The `dates` stage: temporal expressions resolved against the publication date.
//!
//! What it reads (word lists in `data/calendar.tsv`):
//! - full dates: "September 5, 2016", "Sept. 5 2016", "5 September 2016", "2016-09-05",
//!   "9/5/2016" (month first, the US order) -> `YYYY-MM-DD`;
//! - a month and a day without a year: "Sept. 5", "5 September" -> the year of publication,
//!   or the year before when that would put the date more than a month after publication;
//! - a month with a year ("September 2016") or after a lead word ("in September") -> `YYYY-MM`;
//!   a year after a lead word ("in 2014", "since 1990") -> `YYYY`;
//! - a weekday: "on Monday" -> the last Monday on or before publication (news reports what
//!   happened), the next one on or after it when a future word ("will", "scheduled") comes
//!   before it in the sentence; "last Monday" / "next Monday" -> strictly before / after;
//! - relative days: "today", "tonight", "yesterday", "tomorrow", "last night", "this
//!   morning", "three days ago" -> `YYYY-MM-DD`;
//! - "last/this/next week|month|year", "N weeks/months/years ago": a month or a year fixes
//!   `YYYY-MM` / `YYYY`; a week fixes no single day, so it gives the month (`YYYY-MM`) holding
//!   that week's Monday - the finest value the output formats allow that is still true.
//!
//! Expressions that need the publication date are skipped when it is unknown.
//!
//! Metadata refinement: when `Document::published` is `None` (no hint, no date found by the
//! cleaner), the stage sets it from the text: the first full date after "Published",
//! "Posted" or "Updated" in the opening 1,000 bytes, else the first full date in the opening
//! 300 bytes (a dateline or a date line at the top). This is why the stage also assigns
//! [`Layer::Metadata`].

use crate::lexicon::WordMap;
use crate::numbers::NumberWords;
use crate::scan::{Scan, Shape};
use newsgraph_knowledge::{CalendarKind, Knowledge, KnowledgeError};
use newsgraph_model::{DateMention, Document, Layer, Span, Stage, StageError};
use newsgraph_time::Date;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Word {
    Month(u32),
    Weekday(u32),
    RelDay(i64),
    Lead,
    Future,
}

/// What the stage knows: the calendar words of `calendar.tsv` (holidays are the entity
/// stages') and the number words ("three days ago"), compiled once from the knowledge layer.
struct DateWords {
    calendar: WordMap<&'static str, Word>,
    numbers: NumberWords,
}

impl DateWords {
    fn new(k: &Knowledge) -> Result<DateWords, KnowledgeError> {
        let mut calendar = WordMap::default();
        for row in k.calendar()? {
            let entry = match row.kind {
                CalendarKind::Month => Word::Month(row.value as u32),
                CalendarKind::Weekday => Word::Weekday(row.value as u32),
                CalendarKind::RelDay => Word::RelDay(row.value),
                CalendarKind::Lead => Word::Lead,
                CalendarKind::Future => Word::Future,
                CalendarKind::Holiday => continue,
            };
            calendar.insert(row.word, entry);
        }
        Ok(DateWords {
            calendar,
            numbers: NumberWords::new(k)?,
        })
    }
}

/// Days since 1970-01-01 of a date (day arithmetic lives in `newsgraph-time`).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    Date::new(y, m, d).map_or(0, Date::day_number)
}

/// The date of a day number (inverse of [`days_from_civil`]); 1970-01-01 when out of range.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    Date::from_day_number(z).map_or((1970, 1, 1), |d| (d.year(), d.month(), d.day()))
}

/// ISO weekday (1 = Monday .. 7 = Sunday) of a day number.
fn weekday(days: i64) -> u32 {
    Date::from_day_number(days).map_or(4, Date::weekday)
}

fn valid(y: i64, m: u32, d: u32) -> bool {
    // Years outside 0..=9999 are no calendar date a news text means (and would overflow the
    // day arithmetic: "2/372/3233760244444444443" came from cargo fuzz).
    Date::new(y, m, d).is_some()
}

fn ymd(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The day number of a `YYYY-MM-DD...` string.
fn parse_iso(s: &str) -> Option<i64> {
    newsgraph_time::iso_date_prefix(s).map(Date::day_number)
}

/// What an expression says, before it is resolved against the publication date.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Expr {
    Day(i64),
    MonthYear(i64, u32),
    Year(i64),
    MonthDay(u32, u32),
    Month(u32),
    /// Weekday, direction: -1 last on or before, -2 strictly before, +1 on or after, +2 after.
    Weekday(u32, i8),
    RelDay(i64),
    /// Unit (b'w' week, b'm' month, b'y' year) and offset in units.
    RelUnit(u8, i64),
}

struct Found {
    span: Span,
    expr: Expr,
    /// Words right before it say this is the publication date ("Published").
    publication_cue: bool,
}

fn day_number(scan: &Scan, i: usize) -> Option<u32> {
    let low = scan.low(i);
    let digits = match scan.words[i].shape {
        Shape::Digits => low,
        // "5th", "21st"
        Shape::Mixed => low
            .strip_suffix("th")
            .or(low.strip_suffix("st"))
            .or(low.strip_suffix("nd"))
            .or(low.strip_suffix("rd"))?,
        Shape::Alpha => return None,
    };
    let d: u32 = digits.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

fn year_number(scan: &Scan, i: usize) -> Option<i64> {
    let low = scan.low(i);
    if scan.words[i].shape != Shape::Digits || low.len() != 4 {
        return None;
    }
    let y: i64 = low.parse().ok()?;
    (1800..=2100).contains(&y).then_some(y)
}

/// Whether words `i` and `i + 1` are in one sentence with only spaces, a period or a comma
/// between them ("Sept. 5", "5, 2016").
fn next_to(scan: &Scan, i: usize) -> bool {
    i + 1 < scan.words.len()
        && scan.same_sentence(i, i + 1)
        && scan
            .gap_after(i)
            .trim_start_matches(['.', ','])
            .trim()
            .is_empty()
        && scan.gap_after(i).len() <= 3
}

fn relative_unit(word: &str) -> Option<u8> {
    match word {
        "week" => Some(b'w'),
        "month" => Some(b'm'),
        "year" => Some(b'y'),
        _ => None,
    }
}

/// Every temporal expression of a text, unresolved.
fn find(scan: &Scan, words: &DateWords) -> Vec<Found> {
    let cal = &words.calendar;
    let mut out = Vec::new();
    let n = scan.words.len();
    let span = |a: usize, b: usize| Span::new(scan.words[a].start, scan.words[b].end);
    // "ago" is rare: a text without it anywhere never needs the look-ahead for it below.
    let text_has_ago = scan.lower.contains("ago");
    let mut i = 0;
    while i < n {
        let low = scan.low(i);
        let prev = if i > 0 && scan.same_sentence(i - 1, i) {
            Some(scan.low(i - 1))
        } else {
            None
        };
        let mut push = |a: usize, b: usize, expr: Expr| {
            let cue = (a.saturating_sub(3)..a)
                .any(|k| matches!(scan.low(k), "published" | "posted" | "updated" | "dated"));
            out.push(Found {
                span: span(a, b),
                expr,
                publication_cue: cue,
            });
            b + 1
        };
        match scan.words[i].shape {
            Shape::Mixed => {
                if let Some(day) = parse_iso(low).filter(|_| low.len() == 10) {
                    i = push(i, i, Expr::Day(day));
                    continue;
                }
            }
            Shape::Digits => {
                // 9/5/2016: month first.
                if i + 2 < n && scan.gap_after(i) == "/" && scan.gap_after(i + 1) == "/" {
                    let (m, d) = (low.parse::<u32>().ok(), scan.low(i + 1).parse::<u32>().ok());
                    let y =
                        scan.low(i + 2)
                            .parse::<i64>()
                            .ok()
                            .map(|y| if y < 100 { 2000 + y } else { y });
                    if let (Some(m), Some(d), Some(y)) = (m, d, y) {
                        if valid(y, m, d) && (1900..=2100).contains(&y) {
                            i = push(i, i + 2, Expr::Day(days_from_civil(y, m, d)));
                            continue;
                        }
                    }
                }
                // "5 September 2016", "5 Sept"
                if let Some(d) = day_number(scan, i) {
                    if next_to(scan, i) {
                        if let Some(Word::Month(m)) = cal.get(scan.low(i + 1)) {
                            if scan.capitalized(i + 1) {
                                if i + 2 < n && next_to(scan, i + 1) {
                                    if let Some(y) = year_number(scan, i + 2) {
                                        if valid(y, *m, d) {
                                            i = push(
                                                i,
                                                i + 2,
                                                Expr::Day(days_from_civil(y, *m, d)),
                                            );
                                            continue;
                                        }
                                    }
                                }
                                i = push(i, i + 1, Expr::MonthDay(*m, d));
                                continue;
                            }
                        }
                    }
                }
                if let (Some(y), Some(p)) = (year_number(scan, i), prev) {
                    if matches!(cal.get(p), Some(Word::Lead)) {
                        i = push(i, i, Expr::Year(y));
                        continue;
                    }
                }
            }
            Shape::Alpha => {
                match cal.get(low) {
                    Some(&Word::Month(m)) if scan.capitalized(i) => {
                        let abbreviated = low.len() <= 4 && low != "june" && low != "july";
                        if next_to(scan, i) {
                            if let Some(d) = day_number(scan, i + 1) {
                                if i + 2 < n && next_to(scan, i + 1) {
                                    if let Some(y) = year_number(scan, i + 2) {
                                        if valid(y, m, d) {
                                            i = push(i, i + 2, Expr::Day(days_from_civil(y, m, d)));
                                            continue;
                                        }
                                    }
                                }
                                i = push(i, i + 1, Expr::MonthDay(m, d));
                                continue;
                            }
                            if let Some(y) = year_number(scan, i + 1) {
                                i = push(i, i + 1, Expr::MonthYear(y, m));
                                continue;
                            }
                        }
                        if !abbreviated
                            && prev.is_some_and(|p| matches!(cal.get(p), Some(Word::Lead)))
                        {
                            i = push(i, i, Expr::Month(m));
                            continue;
                        }
                    }
                    Some(&Word::Weekday(w)) if scan.capitalized(i) => {
                        let full = low.ends_with("day");
                        if full || scan.gap_after(i).starts_with(['.', ',']) {
                            let (start, dir) = match prev {
                                Some("last") | Some("past") => (i - 1, -2),
                                Some("next") | Some("coming") => (i - 1, 2),
                                _ => {
                                    let sentence = scan.sentence_of(i);
                                    let future = (sentence.start..i).any(|k| {
                                        matches!(cal.get(scan.low(k)), Some(Word::Future))
                                    });
                                    (i, if future { 1 } else { -1 })
                                }
                            };
                            i = push(start, i, Expr::Weekday(w, dir));
                            continue;
                        }
                    }
                    // "USA TODAY", "the Today show": a capital after a capital is a name.
                    Some(&Word::RelDay(d))
                        if !(scan.capitalized(i)
                            && i > scan.sentence_of(i).start
                            && scan.capitalized(i - 1)) =>
                    {
                        i = push(i, i, Expr::RelDay(d));
                        continue;
                    }
                    _ => {}
                }
                // "last night", "this morning"
                if i + 1 < n && scan.same_sentence(i, i + 1) {
                    let next = scan.low(i + 1);
                    let offset = match (low, next) {
                        ("last", "night") => Some(-1),
                        ("this", "morning" | "afternoon" | "evening") => Some(0),
                        _ => None,
                    };
                    if let Some(d) = offset {
                        i = push(i, i + 1, Expr::RelDay(d));
                        continue;
                    }
                    let shift = match low {
                        "last" | "past" => Some(-1),
                        "this" => Some(0),
                        "next" => Some(1),
                        _ => None,
                    };
                    if let (Some(s), Some(u)) = (shift, relative_unit(next)) {
                        i = push(i, i + 1, Expr::RelUnit(u, s));
                        continue;
                    }
                }
                // "three days ago", "two weeks ago" (look for "ago" first: it is rare)
                let ago_near =
                    text_has_ago && (i + 2..(i + 5).min(n)).any(|k| scan.low(k) == "ago");
                let number = if ago_near {
                    words.numbers.read(scan, i)
                } else {
                    None
                };
                if let Some(num) = number.filter(|x| !x.approximate) {
                    if num.end + 1 < n
                        && scan.low(num.end + 1) == "ago"
                        && scan.same_sentence(i, num.end + 1)
                    {
                        let unit = scan.low(num.end).trim_end_matches('s');
                        let expr = match unit {
                            "day" => Some(Expr::RelDay(-num.value)),
                            "week" => Some(Expr::RelDay(-7 * num.value)),
                            "month" => Some(Expr::RelUnit(b'm', -num.value)),
                            "year" => Some(Expr::RelUnit(b'y', -num.value)),
                            _ => None,
                        };
                        if let Some(expr) = expr {
                            i = push(i, num.end + 1, expr);
                            continue;
                        }
                    }
                }
            }
        }
        i += 1;
    }
    out
}

/// The value of an expression given the publication day number (if known).
fn resolve(expr: Expr, published: Option<i64>) -> Option<String> {
    let month_shift = |days: i64, by: i64| {
        let (y, m, _) = civil_from_days(days);
        let total = y * 12 + (m as i64 - 1) + by;
        format!(
            "{:04}-{:02}",
            total.div_euclid(12),
            total.rem_euclid(12) + 1
        )
    };
    match expr {
        Expr::Day(d) => Some(ymd(d)),
        Expr::MonthYear(y, m) => Some(format!("{y:04}-{m:02}")),
        Expr::Year(y) => Some(format!("{y:04}")),
        Expr::MonthDay(m, d) => {
            let p = published?;
            let (y, _, _) = civil_from_days(p);
            let year = if valid(y, m, d) && days_from_civil(y, m, d) > p + 31 {
                y - 1
            } else {
                y
            };
            valid(year, m, d).then(|| ymd(days_from_civil(year, m, d)))
        }
        Expr::Month(m) => {
            let p = published?;
            let (y, pm, _) = civil_from_days(p);
            // "in September" written in January is most likely last September.
            let year = if m > pm + 1 { y - 1 } else { y };
            Some(format!("{year:04}-{m:02}"))
        }
        Expr::Weekday(w, dir) => {
            let p = published?;
            let today = weekday(p) as i64;
            let w = w as i64;
            let back = (today - w).rem_euclid(7);
            let ahead = (w - today).rem_euclid(7);
            let day = match dir {
                -1 => p - back,
                -2 => p - if back == 0 { 7 } else { back },
                1 => p + ahead,
                _ => p + if ahead == 0 { 7 } else { ahead },
            };
            Some(ymd(day))
        }
        Expr::RelDay(d) => published.map(|p| ymd(p + d)),
        Expr::RelUnit(unit, by) => {
            let p = published?;
            match unit {
                b'w' => {
                    let monday = p - (weekday(p) as i64 - 1) + 7 * by;
                    Some(ymd(monday)[..7].to_string())
                }
                b'm' => Some(month_shift(p, by)),
                _ => Some(format!("{:04}", civil_from_days(p).0 + by)),
            }
        }
    }
}

/// Find the publication date in the text when the document has none (see the module docs).
fn publication_from_text(found: &[Found]) -> Option<i64> {
    let full = |f: &Found| match f.expr {
        Expr::Day(d) => Some(d),
        _ => None,
    };
    found
        .iter()
        .filter(|f| f.publication_cue && f.span.start < 1000)
        .find_map(full)
        .or_else(|| found.iter().filter(|f| f.span.start < 300).find_map(full))
}

/// Dates of a document; sets `doc.published` from the text when it is unknown.
fn annotate(doc: &mut Document, words: &DateWords) {
    let found = Scan::with_document(doc, |scan| find(scan, words));
    let mut published = doc.published.as_deref().and_then(parse_iso);
    if doc.published.is_none() {
        published = publication_from_text(&found);
        if let Some(p) = published {
            doc.published = Some(ymd(p));
        }
    }
    let dates: Vec<DateMention> = found
        .iter()
        .filter_map(|f| {
            resolve(f.expr, published).map(|value| DateMention {
                span: f.span,
                value,
            })
        })
        .collect();
    doc.dates = dates;
}

/// The `dates` stage.
pub struct Dates {
    words: DateWords,
}

impl Dates {
    /// The stage, with the calendar and number words of `k`.
    pub fn new(k: &Knowledge) -> Result<Dates, KnowledgeError> {
        Ok(Dates {
            words: DateWords::new(k)?,
        })
    }

    /// Dates of a document; sets `doc.published` from the text when it is unknown.
    pub fn annotate(&self, doc: &mut Document) {
        annotate(doc, &self.words);
    }
}

impl Stage for Dates {
    fn name(&self) -> &'static str {
        "dates"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Text, Layer::Sentences, Layer::Metadata]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Dates, Layer::Metadata]
    }
    fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        self.annotate(doc);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::golden::render;

    fn words() -> DateWords {
        DateWords::new(Knowledge::embedded()).expect("embedded calendar.tsv")
    }

    /// The text with each date marked `[words](value)`, resolved against `published`.
    fn check(published: Option<&str>, text: &str, expect: &str) {
        let mut doc = Document::from_text("t", "");
        doc.text = text.to_string();
        doc.published = published.map(str::to_string);
        annotate(&mut doc, &words());
        let marks: Vec<(Span, String)> = doc
            .dates
            .iter()
            .map(|d| (d.span, d.value.clone()))
            .collect();
        assert_eq!(render(text, &marks), expect);
    }

    #[test]
    fn calendar_arithmetic_round_trips() {
        for days in [-700_000, -1, 0, 1, 17_049, 20_000, 60_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(
            weekday(days_from_civil(2016, 9, 5)),
            1,
            "5 September 2016 was a Monday"
        );
        assert!(!valid(2015, 2, 29));
    }

    #[test]
    fn issue_4_a_huge_year_is_no_date_and_never_overflows() {
        // Found by `cargo fuzz run pipeline`: the day arithmetic overflowed on this year.
        check(
            Some("2016-09-05"),
            "01262983D,{1/3037/2/372/3233760244444444443 ! J",
            "01262983D,{1/3037/2/372/3233760244444444443 ! J",
        );
        assert!(!valid(3_233_760_244_444_444_443, 2, 1));
        assert!(!valid(2016, 2, u32::MAX));
    }

    #[test]
    fn on_monday_is_the_last_monday_on_or_before_publication() {
        // 2016-09-07 was a Wednesday.
        check(
            Some("2016-09-07"),
            "On Monday, Obama admitted the gaps were grave.",
            "On [Monday](2016-09-05), Obama admitted the gaps were grave.",
        );
        check(
            Some("2016-09-05"),
            "On Monday, talks ended.",
            "On [Monday](2016-09-05), talks ended.",
        );
        check(
            Some("2016-09-07"),
            "Leaders will meet again on Friday.",
            "Leaders will meet again on [Friday](2016-09-09).",
        );
        check(
            Some("2016-09-07"),
            "He left last Wednesday and returns next Monday.",
            "He left [last Wednesday](2016-08-31) and returns [next Monday](2016-09-12).",
        );
    }

    #[test]
    fn full_dates_in_every_order() {
        check(
            None,
            "Talks at the summit in Hangzhou on September 5, 2016 ran late; a deal followed on 9 Sept 2016 and 2016-09-12.",
            "Talks at the summit in Hangzhou on [September 5, 2016](2016-09-05) ran late; a deal followed on [9 Sept 2016](2016-09-09) and [2016-09-12](2016-09-12).",
        );
        check(
            None,
            "The fire broke out on 7/4/2015.",
            "The fire broke out on [7/4/2015](2015-07-04).",
        );
    }

    #[test]
    fn partial_dates_take_the_year_of_publication() {
        check(
            Some("2017-01-03"),
            "The crash on Dec. 28 followed riots in October and a vote in 2014.",
            "The crash on [Dec. 28](2016-12-28) followed riots in [October](2016-10) and a vote in [2014](2014).",
        );
        check(
            Some("2016-09-07"),
            "Police arrived on Sept. 5.",
            "Police arrived on [Sept. 5](2016-09-05).",
        );
    }

    #[test]
    fn relative_days_weeks_months_years() {
        check(
            Some("2016-09-07"),
            "Yesterday the council met; last month it voted, and last year it fell. Three days ago it rained this week.",
            "[Yesterday](2016-09-06) the council met; [last month](2016-08) it voted, and [last year](2015) it fell. [Three days ago](2016-09-04) it rained [this week](2016-09).",
        );
    }

    #[test]
    fn today_inside_a_name_is_not_a_date() {
        check(
            Some("2016-09-07"),
            "He told USA TODAY the vote is today.",
            "He told USA TODAY the vote is [today](2016-09-07).",
        );
    }

    #[test]
    fn modal_may_and_march_are_not_months() {
        check(
            Some("2016-09-07"),
            "Talks may resume. Crowds march on.",
            "Talks may resume. Crowds march on.",
        );
    }

    #[test]
    fn relative_dates_need_a_publication_date() {
        check(
            None,
            "On Monday the mayor spoke.",
            "On Monday the mayor spoke.",
        );
    }

    #[test]
    fn publication_date_is_found_in_a_dateline() {
        let mut doc = Document::from_text("t", "");
        doc.text = "By Ann Lee\nPublished: March 3, 2015\n\nThe mayor resigned on Monday.".into();
        annotate(&mut doc, &words());
        assert_eq!(doc.published.as_deref(), Some("2015-03-03"));
        assert_eq!(
            doc.dates.last().map(|d| d.value.as_str()),
            Some("2015-03-02")
        );
    }

    #[test]
    fn every_calendar_row_is_understood() {
        // `holiday` rows are read by the ner stage, not here.
        let rows = Knowledge::embedded()
            .calendar()
            .expect("embedded calendar.tsv");
        let ours = rows.iter().filter(|r| r.kind != CalendarKind::Holiday);
        assert_eq!(words().calendar.len(), ours.count());
    }
}
