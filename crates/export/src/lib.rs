//! GDELT-compatible exports: output records in, tab-separated lines of the GDELT 2.0 Event (61
//! columns) and Mentions (16 columns) tables and the GKG 2.1 (27 columns) out.
//!
//! Every line writer of [`Exporter`] is pure: it turns a [`Record`] (plus the store's cross-article numbers for
//! an event, [`GlobalEvent`]) into one line without a trailing newline. The caller (the CLI's
//! `export`) reads the store and writes the lines. Which fields stay empty, and why, is
//! documented in `docs/EXPORT.md`.

mod cells;
mod geo;
mod gkg;
mod tables;

pub use geo::CountryRow;
pub use newsgraph_knowledge::{Knowledge, KnowledgeError};

use geo::Geography;
use newsgraph_model::Record;

/// The exporter: the geography tables (`fips.tsv`, `countries.tsv`, `roles.tsv`) compiled once
/// from the knowledge layer, and the three line writers. Build one per export run.
pub struct Exporter {
    geo: Geography,
}

impl Exporter {
    /// The exporter over the tables of `k`.
    pub fn new(k: &Knowledge) -> Result<Exporter, KnowledgeError> {
        Ok(Exporter {
            geo: Geography::new(k)?,
        })
    }

    /// The Event table line of `record.events[index]`, or `None` when there is no such event
    /// (or it is only planned).
    pub fn event_line(
        &self,
        global: &GlobalEvent,
        record: &Record,
        index: usize,
    ) -> Option<String> {
        tables::event_line(global, record, index, &self.geo)
    }

    /// The Mentions table line of `record.events[index]` as this article reports it.
    pub fn mention_line(
        &self,
        global: &GlobalEvent,
        record: &Record,
        index: usize,
    ) -> Option<String> {
        tables::mention_line(global, record, index)
    }

    /// The GKG line of one article. `sequence` makes GKGRECORDID unique among articles
    /// published in the same second (GDELT's `YYYYMMDDHHMMSS-N`).
    pub fn gkg_line(&self, record: &Record, sequence: u64) -> String {
        gkg::gkg_line(record, sequence, &self.geo)
    }

    /// The FIPS 10-4 code of an ISO 3166-1 alpha-2 country code (`AU` -> `AS`, `DE` -> `GM`).
    pub fn fips_of_iso2(&self, iso2: &str) -> Option<&'static str> {
        self.geo.fips_of_iso2(iso2)
    }
}

/// Column counts of the three GDELT tables, as their codebooks define them.
pub const EVENT_COLUMNS: usize = 61;
pub const MENTION_COLUMNS: usize = 16;
pub const GKG_COLUMNS: usize = 27;

/// What the store knows about one deduplicated event across every article that reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct GlobalEvent {
    /// GLOBALEVENTID: the store's `global_events.id`.
    pub id: i64,
    /// Times reported, over all articles (NumMentions).
    pub mentions: i64,
    /// Distinct outlets reporting it (NumSources).
    pub sources: i64,
    /// Articles reporting it (NumArticles).
    pub articles: i64,
    /// Mean tone of the articles reporting it (AvgTone), when any has a tone.
    pub avg_tone: Option<f64>,
    /// Publication date of the first article reporting it (`YYYY-MM-DD...`), for DATEADDED and
    /// the Mentions table's EventTimeDate.
    pub first_seen: Option<String>,
}

/// Where an article came from, as GDELT's source columns put it: (collection, common name,
/// identifier). Collection 1 (WEB) when the record has a URL, else 2 (CITATIONONLY) with the id.
pub fn source_of(record: &Record) -> (u8, String, String) {
    let name = record
        .source
        .clone()
        .filter(|s| !s.trim().is_empty())
        .or_else(|| record.url.as_deref().and_then(domain_of))
        .unwrap_or_default();
    match record.url.as_deref().filter(|u| is_web_url(u)) {
        Some(url) => (1, name, url.to_string()),
        None => (2, name, record.id.clone()),
    }
}

/// Whether `url` is an http(s) address: only those are exported as a SOURCEURL (a
/// `javascript:` or `file:` "URL" in an input record is not a source anyone can open).
fn is_web_url(url: &str) -> bool {
    let url = url.trim();
    let lower = |n: usize| url.get(..n).map(str::to_ascii_lowercase);
    (lower(7).as_deref() == Some("http://") || lower(8).as_deref() == Some("https://"))
        && url.len() > 8
        && !url.chars().any(char::is_whitespace)
}

/// The host of a URL without a leading `www.` (GDELT's SourceCommonName for web documents).
fn domain_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// A date of the record (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or a date-time) as (year, month, day);
/// month and day are 0 when unknown.
pub(crate) fn ymd(value: &str) -> Option<(u32, u32, u32)> {
    let date = value.split(['T', ' ']).next()?;
    let mut parts = date.split('-');
    let year: u32 = parts.next().filter(|y| y.len() == 4)?.parse().ok()?;
    let month: u32 = parts.next().and_then(|m| m.parse().ok()).unwrap_or(0);
    let day: u32 = parts.next().and_then(|d| d.parse().ok()).unwrap_or(0);
    (month <= 12 && day <= 31).then_some((year, month, day))
}

/// `YYYYMMDDHHMMSS` of a date or date-time (time 000000 when only the day is known).
pub(crate) fn timestamp(value: &str) -> Option<String> {
    let (y, m, d) = ymd(value)?;
    let time: String = value
        .split_once(['T', ' '])
        .map(|(_, t)| t.chars().filter(|c| c.is_ascii_digit()).take(6).collect())
        .unwrap_or_default();
    Some(format!("{y:04}{:02}{:02}{time:0<6}", m.max(1), d.max(1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_become_gdelt_timestamps() {
        assert_eq!(ymd("2016-09-05"), Some((2016, 9, 5)));
        assert_eq!(ymd("2016-09"), Some((2016, 9, 0)));
        assert_eq!(ymd("16-09-05"), None);
        assert_eq!(
            timestamp("2016-09-05T14:03:09Z").as_deref(),
            Some("20160905140309")
        );
        assert_eq!(timestamp("2016-09-05").as_deref(), Some("20160905000000"));
    }

    #[test]
    fn issue_20_only_web_urls_are_source_urls() {
        assert!(is_web_url("https://news.example/a"));
        assert!(is_web_url("HTTP://news.example/a"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url("file:///etc/passwd"));
        assert!(!is_web_url("https://"));
        assert!(!is_web_url("https://a b"));
    }

    #[test]
    fn web_sources_are_named_by_their_domain() {
        assert_eq!(
            domain_of("https://www.example.org/news/1?x=2").as_deref(),
            Some("example.org")
        );
        assert_eq!(domain_of("").as_deref(), None);
    }
}
