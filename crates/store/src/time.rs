//! Times as the store keeps them: UTC `YYYY-MM-DDTHH:MM:SSZ`, text that sorts as time does in
//! both engines (when an article was stored, when a feed was polled, when a cycle ran), and the
//! forms users type for `export --since` / `--until` read into it.

use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since 1970-01-01 UTC, now.
pub fn now_secs() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// Now, as the store writes it.
pub fn now() -> String {
    utc(now_secs())
}

/// `YYYY-MM-DDTHH:MM:SSZ` of a Unix time.
pub fn utc(secs: i64) -> String {
    let (y, m, d, hh, mm, ss) = parts(secs);
    format!("{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}Z")
}

/// `YYYYMMDDHHMMSS` of a Unix time: how GDELT names its 15-minute update files.
pub fn compact(secs: i64) -> String {
    let (y, m, d, hh, mm, ss) = parts(secs);
    format!("{y:04}{m:02}{d:02}{hh:02}{mm:02}{ss:02}")
}

/// A time a user typed, as a Unix time: `YYYYMMDDHHMMSS` (GDELT's), `YYYY-MM-DD` (midnight
/// UTC), `YYYY-MM-DDTHH:MM[:SS]` with `T` or a space, and `Z` or a `+HH:MM`/`-HH:MM` offset
/// (UTC when none is given). None for anything else.
pub fn parse(input: &str) -> Option<i64> {
    let s = input.trim();
    if s.len() == 14 && s.bytes().all(|b| b.is_ascii_digit()) {
        let n = |a: usize, b: usize| s[a..b].parse::<u32>().ok();
        return secs_of(
            n(0, 4)?,
            n(4, 6)?,
            n(6, 8)?,
            n(8, 10)?,
            n(10, 12)?,
            n(12, 14)?,
        );
    }
    let (date, rest) = match s.find(['T', 't', ' ']) {
        Some(i) => (&s[..i], &s[i + 1..]),
        None => (s, ""),
    };
    let mut ymd = date.split('-');
    let y: u32 = ymd.next().filter(|y| y.len() == 4)?.parse().ok()?;
    let m: u32 = ymd.next().filter(|m| m.len() == 2)?.parse().ok()?;
    let d: u32 = ymd.next().filter(|d| d.len() == 2)?.parse().ok()?;
    if ymd.next().is_some() {
        return None;
    }
    if rest.is_empty() {
        return secs_of(y, m, d, 0, 0, 0);
    }
    // The offset: Z, or a sign after the time (a `-` inside the date was split off above).
    let (clock, offset) = if let Some(c) = rest.strip_suffix(['Z', 'z']) {
        (c, 0)
    } else if let Some(i) = rest.rfind(['+', '-']) {
        let (c, o) = rest.split_at(i);
        let sign = if o.starts_with('-') { -1 } else { 1 };
        let (oh, om) = o[1..].split_once(':').unwrap_or((&o[1..], "0"));
        let minutes = oh.parse::<i64>().ok()? * 60 + om.parse::<i64>().ok()?;
        (c, sign * minutes * 60)
    } else {
        (rest, 0)
    };
    let mut hms = clock.split(':');
    let hh: u32 = hms.next()?.parse().ok()?;
    let mm: u32 = hms.next()?.parse().ok()?;
    let ss: u32 = match hms.next() {
        // Fractions of a second are dropped.
        Some(s) => s.split('.').next()?.parse().ok()?,
        None => 0,
    };
    Some(secs_of(y, m, d, hh, mm, ss)? - offset)
}

fn secs_of(y: u32, m: u32, d: u32, hh: u32, mm: u32, ss: u32) -> Option<i64> {
    let valid = (1..=12).contains(&m) && (1..=31).contains(&d) && hh < 24 && mm < 60 && ss < 61;
    if !valid {
        return None;
    }
    let days = days_from_civil(i64::from(y), m, d);
    // A day past the month's end (`02-31`) is no date.
    if parts(days * 86_400).1 != m {
        return None;
    }
    Some(days * 86_400 + i64::from(hh) * 3600 + i64::from(mm) * 60 + i64::from(ss))
}

/// (year, month, day, hour, minute, second) of a Unix time.
fn parts(secs: i64) -> (i64, u32, u32, i64, i64, i64) {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    (y, m, d, rem / 3600, rem % 3600 / 60, rem % 60)
}

/// Day number since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day number (inverse of [`days_from_civil`]).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_reads_back() {
        assert_eq!(utc(0), "1970-01-01T00:00:00Z");
        let t = 1_715_076_900; // 2024-05-07 10:15:00 UTC
        assert_eq!(utc(t), "2024-05-07T10:15:00Z");
        assert_eq!(compact(t), "20240507101500");
        for typed in [
            "20240507101500",
            "2024-05-07T10:15:00Z",
            "2024-05-07 10:15",
            "2024-05-07T12:15:00+02:00",
            "2024-05-07T05:15:00.250-05:00",
        ] {
            assert_eq!(parse(typed), Some(t), "{typed}");
        }
        assert_eq!(parse("2024-05-07"), Some(t - 10 * 3600 - 15 * 60));
        assert_eq!(parse("2024-02-29"), Some(utc_day(2024, 2, 29)));
    }

    fn utc_day(y: i64, m: u32, d: u32) -> i64 {
        days_from_civil(y, m, d) * 86_400
    }

    #[test]
    fn refuses_what_is_no_time() {
        for bad in [
            "",
            "yesterday",
            "2024-13-01",
            "2023-02-29",
            "2024-05-07T25:00",
            "2024-5-7",
            "20240507",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
