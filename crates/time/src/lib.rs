//! Calendar dates and timestamps: the one place where newsgraph parses RFC 3339, ISO 8601 and
//! RFC 2822 timestamps and does day arithmetic, all through [jiff].
//!
//! - [`Date`]: a proleptic Gregorian calendar date, with day numbers (days since 1970-01-01),
//!   weekdays and month shifts. Every crate that counts days does it here (the dates stage's
//!   "last Monday", the html stage's Unix timestamps, the store's story window).
//! - [`Timestamp`]: what a page or a feed says about when it was published: the calendar date
//!   **as the page states it, in its own zone** (`2020-06-28T23:30:00-04:00` is June 28, not
//!   the UTC day June 29), and, when the page gives a time and an offset, the full timestamp
//!   with that offset ([`Timestamp::rfc3339`]). [`parse_timestamp`] reads RFC 3339 / ISO 8601
//!   (with or without time and offset), RFC 2822 (`Sun, 28 Jun 2020 23:30:00 -0400`, as in
//!   RSS) and Unix seconds or milliseconds (a UTC instant).
//!
//! - [`instant`]: instants the store keeps (Unix seconds, UTC `YYYY-MM-DDTHH:MM:SSZ` text,
//!   GDELT's `YYYYMMDDHHMMSS`) and the forms users type for `export --since`.
//!
//! Time zone names are never looked up (no tz database is embedded): pages state offsets.

pub mod instant;

pub use instant::{now_unix, parse_instant, utc_compact, utc_text};

use jiff::civil;
use jiff::fmt::temporal::{Pieces, PiecesOffset};
use jiff::tz::{Offset, TimeZone};
use jiff::{Span, ToSpan};

/// A calendar date (proleptic Gregorian; years 1 to 9999).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(civil::Date);

fn epoch() -> civil::Date {
    civil::date(1970, 1, 1)
}

impl Date {
    /// The date, when it exists ("2016-02-30" does not).
    pub fn new(year: i64, month: u32, day: u32) -> Option<Date> {
        if !(1..=9999).contains(&year) {
            return None;
        }
        let (m, d) = (i8::try_from(month).ok()?, i8::try_from(day).ok()?);
        civil::Date::new(year as i16, m, d).ok().map(Date)
    }

    pub fn year(self) -> i64 {
        i64::from(self.0.year())
    }
    pub fn month(self) -> u32 {
        self.0.month() as u32
    }
    pub fn day(self) -> u32 {
        self.0.day() as u32
    }

    /// Days since 1970-01-01.
    pub fn day_number(self) -> i64 {
        epoch()
            .until(self.0)
            .map_or(0, |span: Span| i64::from(span.get_days()))
    }

    /// The date of a day number (days since 1970-01-01), inside years 1 to 9999.
    pub fn from_day_number(days: i64) -> Option<Date> {
        let days = i32::try_from(days).ok()?;
        epoch().checked_add(days.days()).ok().map(Date)
    }

    /// ISO weekday: 1 = Monday .. 7 = Sunday.
    pub fn weekday(self) -> u32 {
        self.0.weekday().to_monday_one_offset() as u32
    }

    /// The date `days` later (earlier when negative).
    pub fn add_days(self, days: i64) -> Option<Date> {
        Date::from_day_number(self.day_number().checked_add(days)?)
    }

    /// `(year, month)` of the month `months` after this date's month.
    pub fn shift_month(self, months: i64) -> (i64, u32) {
        let total = self.year() * 12 + i64::from(self.month()) - 1 + months;
        (total.div_euclid(12), total.rem_euclid(12) as u32 + 1)
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year(), self.month(), self.day())
    }
}

/// The `YYYY-MM-DD` date at the start of `s` (an ISO date or timestamp), when it exists.
pub fn iso_date_prefix(s: &str) -> Option<Date> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (y, m, d) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    // The date may be followed by a time ("T10:00", " 10:00"), nothing else.
    if b.len() > 10 && !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    Date::new(i64::from(y), m, d)
}

/// When a page says it was published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timestamp {
    /// The calendar date in the page's own zone (the date part as written).
    pub date: Date,
    /// The full timestamp with its offset (`2020-06-28T23:30:00-04:00`, `...Z` for UTC), when
    /// the page gives a time and an offset.
    pub rfc3339: Option<String>,
    /// The offset from UTC in seconds, when given (`Z` is 0).
    pub offset_seconds: Option<i32>,
}

impl Timestamp {
    /// The offset is UTC: the page may have converted its local time (see the html stage).
    pub fn is_utc(&self) -> bool {
        self.offset_seconds == Some(0)
    }

    /// The same instant in another offset (its date may be a day off).
    pub fn with_offset(&self, offset_seconds: i32) -> Option<Timestamp> {
        let text = self.rfc3339.as_deref()?;
        let ts: jiff::Timestamp = text.parse().ok()?;
        let offset = Offset::from_seconds(offset_seconds).ok()?;
        let dt = offset.to_datetime(ts);
        Some(Timestamp {
            date: Date(dt.date()),
            rfc3339: Some(format_rfc3339(dt, offset)),
            offset_seconds: Some(offset_seconds),
        })
    }
}

fn format_rfc3339(dt: civil::DateTime, offset: Offset) -> String {
    let dt = dt.round(jiff::Unit::Second).unwrap_or(dt);
    let secs = offset.seconds();
    if secs == 0 {
        return format!("{dt}Z");
    }
    let sign = if secs < 0 { '-' } else { '+' };
    let abs = secs.unsigned_abs();
    format!("{dt}{sign}{:02}:{:02}", abs / 3600, abs % 3600 / 60)
}

/// Read a timestamp (see the crate docs). `None` when `s` is none of the accepted forms.
pub fn parse_timestamp(s: &str) -> Option<Timestamp> {
    let s = s.trim();
    if s.is_empty() || s.len() > 64 {
        return None;
    }
    if s.bytes().all(|b| b.is_ascii_digit()) && (s.len() == 10 || s.len() == 13) {
        let secs: i64 = s.get(..10)?.parse().ok()?;
        let ts = jiff::Timestamp::from_second(secs).ok()?;
        let dt = TimeZone::UTC.to_datetime(ts);
        return Some(Timestamp {
            date: Date(dt.date()),
            rfc3339: Some(format_rfc3339(dt, Offset::UTC)),
            offset_seconds: Some(0),
        });
    }
    if s.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        if let Ok(pieces) = Pieces::parse(s) {
            return Some(from_pieces(&pieces));
        }
        // "2020-06-28 23:30:00 -0400" and other near misses: at least the date.
        return iso_date_prefix(s).map(|date| Timestamp {
            date,
            rfc3339: None,
            offset_seconds: None,
        });
    }
    let zoned = jiff::fmt::rfc2822::DateTimeParser::new()
        .parse_zoned(s)
        .ok()?;
    let offset = zoned.offset();
    Some(Timestamp {
        date: Date(zoned.date()),
        rfc3339: Some(format_rfc3339(zoned.datetime(), offset)),
        offset_seconds: Some(offset.seconds()),
    })
}

fn from_pieces(pieces: &Pieces<'_>) -> Timestamp {
    let date = Date(pieces.date());
    let offset = match pieces.offset() {
        Some(PiecesOffset::Zulu) => Some(Offset::UTC),
        Some(PiecesOffset::Numeric(n)) => Some(n.offset()),
        _ => None,
    };
    let rfc3339 = match (pieces.time(), offset) {
        (Some(time), Some(offset)) => Some(format_rfc3339(pieces.date().to_datetime(time), offset)),
        _ => None,
    };
    Timestamp {
        date,
        rfc3339,
        offset_seconds: offset.map(|o| o.seconds()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Option<String> {
        parse_timestamp(s).map(|t| t.date.iso())
    }

    #[test]
    fn issue_19_the_date_is_the_pages_own_near_midnight() {
        let t = parse_timestamp("2020-06-28T23:30:00-04:00").expect("timestamp");
        assert_eq!(t.date.iso(), "2020-06-28");
        assert_eq!(t.rfc3339.as_deref(), Some("2020-06-28T23:30:00-04:00"));
        assert_eq!(t.offset_seconds, Some(-4 * 3600));
        let utc = parse_timestamp("2020-06-29T03:30:00Z").expect("utc");
        assert!(utc.is_utc());
        let local = utc.with_offset(-4 * 3600).expect("shifted");
        assert_eq!(local.date.iso(), "2020-06-28");
        assert_eq!(local.rfc3339.as_deref(), Some("2020-06-28T23:30:00-04:00"));
    }

    #[test]
    fn reads_every_form() {
        assert_eq!(date("2016-09-05").as_deref(), Some("2016-09-05"));
        assert_eq!(parse_timestamp("2016-09-05").and_then(|t| t.rfc3339), None);
        assert_eq!(
            parse_timestamp("2016-09-05T10:00:00.123+05:30").and_then(|t| t.rfc3339),
            Some("2016-09-05T10:00:00+05:30".to_string())
        );
        assert_eq!(
            parse_timestamp("Sun, 28 Jun 2020 23:30:00 -0400").and_then(|t| t.rfc3339),
            Some("2020-06-28T23:30:00-04:00".to_string())
        );
        assert_eq!(date("1473069600").as_deref(), Some("2016-09-05"));
        assert_eq!(date("1473069600000").as_deref(), Some("2016-09-05"));
        assert_eq!(
            date("2016-09-05 10:00:00 +0200").as_deref(),
            Some("2016-09-05")
        );
        assert_eq!(date("2016-02-30"), None);
        assert_eq!(date("last Tuesday"), None);
    }

    #[test]
    fn day_arithmetic() {
        let d = Date::new(2016, 9, 5).expect("date");
        assert_eq!(d.day_number(), 17049);
        assert_eq!(Date::from_day_number(17049), Some(d));
        assert_eq!(d.weekday(), 1);
        assert_eq!(d.add_days(-6).map(Date::iso).as_deref(), Some("2016-08-30"));
        assert_eq!(d.shift_month(-9), (2015, 12));
        assert_eq!(Date::new(2016, 2, 30), None);
        assert_eq!(Date::new(1970, 1, 1).map(Date::day_number), Some(0));
        assert_eq!(
            iso_date_prefix("2016-09-05T10:00Z")
                .map(Date::iso)
                .as_deref(),
            Some("2016-09-05")
        );
        assert_eq!(iso_date_prefix("2016-09-05x"), None);
    }
}
