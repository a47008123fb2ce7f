//! Spans of time as users type them on the command line: `500ms`, `30s`, `15m`, `2h`, `1d`.

use std::time::Duration;

/// A number and a unit (`ms`, `s`, `m`, `h`, `d`); fractions allowed (`1.5h`).
pub fn parse(typed: &str) -> Result<Duration, String> {
    let s = typed.trim();
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let (number, unit) = s.split_at(split);
    let number: f64 = number.parse().map_err(|_| {
        format!("`{typed}` is not a span of time such as 500ms, 30s, 15m, 2h or 1d")
    })?;
    let seconds = match unit.trim() {
        "ms" => number / 1000.0,
        "s" => number,
        "m" | "min" => number * 60.0,
        "h" => number * 3600.0,
        "d" => number * 86_400.0,
        _ => {
            return Err(format!(
                "`{typed}` needs a unit: ms, s, m, h or d (500ms, 30s, 15m, 2h, 1d)"
            ))
        }
    };
    Duration::try_from_secs_f64(seconds).map_err(|_| format!("`{typed}` is out of range"))
}

/// How a span reads in a log line: `850 ms`, `12.4 s`, `15 min`.
pub fn show(span: Duration) -> String {
    let secs = span.as_secs_f64();
    if secs < 1.0 {
        format!("{:.0} ms", secs * 1000.0)
    } else if secs < 120.0 {
        format!("{secs:.1} s")
    } else {
        format!("{:.0} min", secs / 60.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_unit() {
        assert_eq!(parse("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse("30s"), Ok(Duration::from_secs(30)));
        assert_eq!(parse("15m"), Ok(Duration::from_secs(900)));
        assert_eq!(parse("1.5h"), Ok(Duration::from_secs(5400)));
        assert_eq!(parse("2d"), Ok(Duration::from_secs(172_800)));
        assert!(parse("15").is_err());
        assert!(parse("soon").is_err());
        assert!(parse("2024-05-07").is_err());
    }
}
