//! Instants as the store keeps them (when an article was stored, a feed polled, a cycle run):
//! Unix seconds, written as UTC `YYYY-MM-DDTHH:MM:SSZ` (text that sorts as time does), GDELT's
//! `YYYYMMDDHHMMSS` for update file names, and the forms users type for `export --since`.

use jiff::civil;
use jiff::tz::TimeZone;

/// Seconds since 1970-01-01 UTC, now.
pub fn now_unix() -> i64 {
    jiff::Timestamp::now().as_second()
}

/// `YYYY-MM-DDTHH:MM:SSZ` of a Unix time (clamped to the years 1 to 9999).
pub fn utc_text(unix: i64) -> String {
    utc(unix).strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// `YYYYMMDDHHMMSS` of a Unix time: how GDELT names its 15-minute update files.
pub fn utc_compact(unix: i64) -> String {
    utc(unix).strftime("%Y%m%d%H%M%S").to_string()
}

fn utc(unix: i64) -> civil::DateTime {
    let ts = jiff::Timestamp::from_second(unix).unwrap_or(if unix < 0 {
        jiff::Timestamp::MIN
    } else {
        jiff::Timestamp::MAX
    });
    TimeZone::UTC.to_datetime(ts)
}

/// A time a user typed, as a Unix time: `YYYYMMDDHHMMSS` (GDELT's), RFC 3339 with `Z` or an
/// offset, `YYYY-MM-DD[THH:MM[:SS]]` with `T` or a space (UTC when no offset is given). None for
/// anything else.
pub fn parse_instant(typed: &str) -> Option<i64> {
    let s = typed.trim();
    if s.len() == 14 && s.bytes().all(|b| b.is_ascii_digit()) {
        let n = |r: std::ops::Range<usize>| s.get(r)?.parse::<i16>().ok();
        let (y, mo, d) = (n(0..4)?, n(4..6)?, n(6..8)?);
        let (h, mi, se) = (n(8..10)?, n(10..12)?, n(12..14)?);
        let dt = civil::DateTime::new(
            y,
            i8::try_from(mo).ok()?,
            i8::try_from(d).ok()?,
            i8::try_from(h).ok()?,
            i8::try_from(mi).ok()?,
            i8::try_from(se).ok()?,
            0,
        )
        .ok()?;
        return TimeZone::UTC.to_timestamp(dt).ok().map(|t| t.as_second());
    }
    if let Ok(ts) = s.parse::<jiff::Timestamp>() {
        return Some(ts.as_second());
    }
    if let Ok(dt) = s.parse::<civil::DateTime>() {
        return TimeZone::UTC.to_timestamp(dt).ok().map(|t| t.as_second());
    }
    let date = s.parse::<civil::Date>().ok()?;
    TimeZone::UTC
        .to_timestamp(date.to_datetime(civil::Time::midnight()))
        .ok()
        .map(|t| t.as_second())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_23_instants_format_and_read_back() {
        assert_eq!(utc_text(0), "1970-01-01T00:00:00Z");
        let t = 1_715_076_900; // 2024-05-07 10:15:00 UTC
        assert_eq!(utc_text(t), "2024-05-07T10:15:00Z");
        assert_eq!(utc_compact(t), "20240507101500");
        for typed in [
            "20240507101500",
            "2024-05-07T10:15:00Z",
            "2024-05-07 10:15",
            "2024-05-07T12:15:00+02:00",
            "2024-05-07T05:15:00.250-05:00",
        ] {
            assert_eq!(parse_instant(typed), Some(t), "{typed}");
        }
        assert_eq!(parse_instant("2024-05-07"), Some(t - 10 * 3600 - 15 * 60));
        for bad in [
            "",
            "yesterday",
            "2024-13-01",
            "2023-02-29",
            "2024-05-07T25:00",
        ] {
            assert_eq!(parse_instant(bad), None, "{bad}");
        }
        assert!(now_unix() > t);
    }
}
