//! The `clean` stage: scraped plain text in, the clean body and the article's metadata out.
//!
//! The work goes line by line, then paragraph by paragraph:
//! 1. **Lines.** `\r\n`, `\r` and `\n` all end a line. Each line is matched against the
//!    furniture rules of `data/furniture.tsv` (one Aho-Corasick pass per line); a hit is taken
//!    out and recorded in `removed` with the rule's reason. A "section" hit ("Related",
//!    "Most read") also takes out the list of headlines that follows it. Lines without any
//!    letter, digit or quotation mark ("* * *", "___") are separators and go too. A line that
//!    starts in lower case is never furniture: it continues the sentence of the line before.
//!    Inside every other line, [`crate::furniture::inline_cuts`] finds furniture by its form
//!    (a lead label and its headline, headlines and captions run into the next sentence,
//!    share bars, embedded tweets, agency sign-offs): scrapes that flattened a page into one
//!    line per article are cleaned too. Each piece cut out is recorded in `removed`.
//! 2. **Paragraphs.** Blank lines always separate paragraphs. Inside a block of lines with no
//!    blank line between them, each line break is either a hard wrap (wire copy wrapped at ~70
//!    columns, where a paragraph starts with an indented line) or a paragraph break (one
//!    paragraph or one sentence per line, as CoNLL-style or many scraped texts have). A block
//!    is read as hard-wrapped when its lines often break mid-sentence (a line without final
//!    punctuation followed by one that starts in lower case); then only an indented line or a
//!    short line ends a paragraph. Otherwise every line is its own paragraph, except a line that
//!    plainly continues on the next (no final punctuation, next line in lower case). Runs of
//!    white space collapse to one space; zero-width characters and soft hyphens go.
//! 3. **Whole-article rules.** A byline ("By Jane Doe", which fills `author`) near the top, and
//!    headlines of other stories at the end (short title-case lines without final punctuation,
//!    after the last real paragraph). Repeated paragraphs are kept: some pages do repeat
//!    themselves, and a text scorer counts every copy (dropping adjacent repeats cost 2.5
//!    points of body F1 on the readability dev set).
//! 4. **Metadata.** The headline: the first paragraph when it is one short line that reads as
//!    a headline; it becomes `title` and stays in the text (see the crate docs for why). The
//!    dateline ("HANGZHOU, China, Sept 5 (Reuters) -") at the start of one of the first
//!    paragraphs: its place becomes `dateline`, its date (when it has a year) a fallback for
//!    `published`. Language from the clean text ([`crate::detect_language`]).
//!
//! The steps live in submodules: `lines` (1 and 2), `article` (3, and the headline of 4) and
//! `dateline` (the dateline and dates written out, with English month names from
//! `data/months.tsv`); this file runs them and merges what they find into the document.
//!
//! Precedence: a caller's hint (`hints.title`, `published`, `url`, `source`) wins; then what an
//! earlier stage (the html stage) already set; then what this stage finds.

mod article;
mod dateline;
mod lines;

use crate::furniture::{inline_cuts, RuleSet};
use crate::knowledge::TextKnowledge;
use article::{drop_trailing_headlines, find_title, headline_text, take_byline};
use dateline::find_date;
pub use dateline::{parse_dateline, Dateline};
use lines::{build_units, classify_lines, normalise_ws, split_lines};
use newsgraph_model::{Document, Layer, Raw, Removed, Span, Stage, StageError};

/// The `clean` stage, with the furniture patterns and word lists it reads.
pub struct Clean {
    k: std::sync::Arc<TextKnowledge>,
}

impl Clean {
    pub fn new(k: std::sync::Arc<TextKnowledge>) -> Clean {
        Clean { k }
    }
}

impl Stage for Clean {
    fn name(&self) -> &'static str {
        "clean"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Raw, Layer::Metadata]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Text, Layer::Metadata, Layer::Paragraphs]
    }
    fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        let cleaned = match &doc.raw {
            Some(Raw::Text(raw)) => clean_text(&self.k, raw),
            Some(Raw::Html(_)) => return Err(StageError::new(
                "clean",
                "the record is an HTML page; run the html stage before clean to turn it into text",
            )),
            None => return Err(StageError::new("clean", "the record has no text to clean")),
        };
        apply(&self.k, doc, cleaned);
        Ok(())
    }
}

/// What cleaning found in one text, before it is merged with hints and earlier stages' fields.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Cleaned {
    pub text: String,
    pub paragraphs: Vec<Span>,
    pub removed: Vec<Removed>,
    /// The headline found at the top (also the first paragraph of `text`).
    pub title: Option<String>,
    pub author: Option<String>,
    pub dateline: Option<Span>,
    /// `YYYY-MM-DD` read from the dateline or a removed timestamp line ("Posted: Friday,
    /// December 26, 2014 4:25 PM"), when it names a full date.
    pub dateline_date: Option<String>,
    pub language: Option<&'static str>,
}

/// Merge what cleaning found into the document, hints first, earlier stages second.
fn apply(k: &TextKnowledge, doc: &mut Document, c: Cleaned) {
    let hints = &doc.hints;
    doc.title = non_empty(&hints.title).or(doc.title.take()).or(c.title);
    // ISO 8601 as the contract asks; a date written out ("Sept. 5, 2016") is read too.
    let hinted_date = hints
        .published
        .as_deref()
        .and_then(|h| date_part(h).or_else(|| find_date(k, h)));
    if hints.published.is_some() && hinted_date.is_none() {
        doc.diagnostics.push(format!(
            "clean: the published hint {:?} is not a date; ignored",
            hints.published.as_deref().unwrap_or_default()
        ));
    }
    if hinted_date.is_some() {
        // The hint's own timestamp, when it has a time and an offset.
        doc.published_at = hints
            .published
            .as_deref()
            .and_then(newsgraph_time::parse_timestamp)
            .and_then(|t| t.rfc3339);
    }
    doc.published = hinted_date.or(doc.published.take()).or(c.dateline_date);
    doc.url = non_empty(&hints.url).or(doc.url.take());
    doc.source = non_empty(&hints.source)
        .or(doc.source.take())
        .or_else(|| doc.url.as_deref().and_then(url_host));
    doc.author = doc.author.take().or(c.author);
    doc.language = doc.language.take().or(c.language.map(str::to_owned));
    doc.dateline = c.dateline;
    doc.text = c.text;
    doc.paragraphs = c.paragraphs;
    doc.removed.extend(c.removed);
}

fn non_empty(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// The `YYYY-MM-DD` date part of an ISO 8601 date or date-time (as written: the date in the
/// timestamp's own zone).
fn date_part(s: &str) -> Option<String> {
    newsgraph_time::iso_date_prefix(s).map(newsgraph_time::Date::iso)
}

/// The site an article came from, from its URL: "https://www.example.com/x" -> "example.com".
fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest
        .split(['/', '?', '#'])
        .next()?
        .rsplit('@')
        .next()?
        .split(':')
        .next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (host.contains('.') && !host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// One raw line: where its trimmed content is, how far it is indented, and its fate.
#[derive(Debug, Clone)]
struct Line<'a> {
    content: &'a str,
    indent: usize,
    /// Why the line was taken out, if it was.
    removed: Option<&'static str>,
    /// Furniture found inside the line: byte ranges of `content` and their reasons.
    cuts: Vec<crate::furniture::Cut>,
}

/// A candidate paragraph: its normalised text in the work buffer and where it came from.
#[derive(Debug, Clone)]
struct Unit {
    span: Span,
    first_line: usize,
    lines: usize,
    /// The unit is a whole blank-line-separated block, not a line cut out of a longer block.
    alone: bool,
    removed: Option<&'static str>,
}

/// Clean one scraped text. Pure: no hints, no document; [`Clean`] merges the result.
pub fn clean_text(k: &TextKnowledge, raw: &str) -> Cleaned {
    clean_text_with(k, raw, RuleSet::all())
}

/// [`clean_text`] with only some of the inline furniture rules (to measure each one).
pub fn clean_text_with(k: &TextKnowledge, raw: &str, rules: RuleSet) -> Cleaned {
    let mut lines = split_lines(raw);
    classify_lines(k, &mut lines);
    for line in lines.iter_mut().filter(|l| l.removed.is_none()) {
        line.cuts = inline_cuts(k, line.content, rules);
    }

    let mut removed: Vec<(usize, Removed)> = Vec::new();
    let mut stamped_date = None;
    for (i, line) in lines.iter().enumerate() {
        if let Some(reason) = line.removed {
            if reason == "timestamp" && stamped_date.is_none() {
                stamped_date = find_date(k, line.content);
            }
            removed.push((
                i,
                Removed {
                    text: normalise_ws(line.content),
                    reason: reason.to_owned(),
                },
            ));
        }
        for cut in &line.cuts {
            removed.push((
                i,
                Removed {
                    text: normalise_ws(&line.content[cut.start..cut.end]),
                    reason: cut.reason.to_owned(),
                },
            ));
        }
    }

    let mut buf = String::with_capacity(raw.len());
    let mut units = build_units(k, &lines, &mut buf);

    let author = take_byline(&buf, &mut units);
    drop_trailing_headlines(&buf, &mut units);
    for u in &units {
        if let Some(reason) = u.removed {
            removed.push((
                u.first_line,
                Removed {
                    text: buf[u.span.start..u.span.end].to_owned(),
                    reason: reason.to_owned(),
                },
            ));
        }
    }
    removed.sort_by_key(|(i, _)| *i);

    let kept: Vec<&Unit> = units.iter().filter(|u| u.removed.is_none()).collect();
    let title_unit = find_title(k, &buf, &kept);
    let mut dateline = None;
    for (i, u) in kept.iter().enumerate().take(4) {
        if Some(i) == title_unit && kept.len() > 1 {
            continue;
        }
        if let Some(d) = parse_dateline(k, &buf[u.span.start..u.span.end]) {
            dateline = Some((i, d));
            break;
        }
    }

    let mut text = String::with_capacity(buf.len() + 2 * kept.len());
    let mut paragraphs = Vec::with_capacity(kept.len());
    let mut dateline_span = None;
    let mut dateline_date = None;
    for (i, u) in kept.iter().enumerate() {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(&buf[u.span.start..u.span.end]);
        paragraphs.push(Span::new(start, text.len()));
        if let Some((di, d)) = &dateline {
            if *di == i {
                dateline_span = Some(Span::new(start + d.place.start, start + d.place.end));
                dateline_date.clone_from(&d.date);
            }
        }
    }
    let title = title_unit.map(|i| headline_text(k, &buf[kept[i].span.start..kept[i].span.end]));
    let dateline_date = dateline_date.or(stamped_date);
    let language = crate::lang::detect_language(k, &text);
    Cleaned {
        text,
        paragraphs,
        removed: removed.into_iter().map(|(_, r)| r).collect(),
        title,
        author,
        dateline: dateline_span,
        dateline_date,
        language,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean_text(raw: &str) -> Cleaned {
        super::clean_text(crate::knowledge::for_tests(), raw)
    }

    #[test]
    fn published_hint_keeps_the_date_part() {
        assert_eq!(
            date_part("2016-09-05T10:22:00Z").as_deref(),
            Some("2016-09-05")
        );
        assert_eq!(date_part("2016-09-05").as_deref(), Some("2016-09-05"));
        assert_eq!(date_part("Sept 5"), None);
        assert_eq!(date_part("2016-13-05"), None);
    }

    #[test]
    fn source_from_url() {
        assert_eq!(
            url_host("https://www.example.com/a/b?c").as_deref(),
            Some("example.com")
        );
        assert_eq!(url_host("not a url"), None);
    }

    #[test]
    fn hard_wrapped_wire_copy_is_joined_into_paragraphs() {
        let raw = "Showers continued throughout the week in\nthe cocoa zone, easing the drought since early\nJanuary, the review said.\n    The dry period means the harvest will be late.\n    Arrivals for the week were 155,221 bags\nof 60 kilos.\n Reuter\n";
        let c = clean_text(raw);
        assert_eq!(
            c.text,
            "Showers continued throughout the week in the cocoa zone, easing the drought since early January, the review said.\n\n\
             The dry period means the harvest will be late.\n\nArrivals for the week were 155,221 bags of 60 kilos."
        );
        assert_eq!(
            c.removed,
            vec![Removed {
                text: "Reuter".into(),
                reason: "signature".into()
            }]
        );
    }

    #[test]
    fn lines_indented_alike_are_wrapped_lines_not_paragraph_starts() {
        let raw = "Four members of the security forces were killed in Sunday's\n            attacks, officials said. An officer stands guard in the\n            northern city of Irbid in March. (Jane Roe/Reuters)\n            Gunmen carried out a series of attacks on Sunday.";
        let c = clean_text(raw);
        // The photo credit inside the wrapped line goes (#19); the lines are still joined.
        let removed: Vec<&str> = c.removed.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(removed, ["(Jane Roe/Reuters)"]);
        assert!(c.text.starts_with("Four members of the security forces were killed in Sunday's attacks, officials said. An officer"));
    }

    #[test]
    fn one_sentence_per_line_stays_one_paragraph_per_line() {
        let raw = "SOCCER - LEEDS WIN AT HOME .\nLONDON 1996-08-30\nLeeds beat Derby 2-0 on Friday .\nThe win lifts them to third .";
        let c = clean_text(raw);
        assert_eq!(c.paragraphs.len(), 4);
        assert_eq!(c.title.as_deref(), Some("SOCCER - LEEDS WIN AT HOME"));
        assert_eq!(c.dateline_date.as_deref(), Some("1996-08-30"));
    }

    #[test]
    fn wire_copy_with_a_cut_first_line_and_a_list() {
        let wire = "Treasury balances at the Federal\nReserve rose on Feb 25 to 4.151 billion dlrs from 2.727 billion\ndlrs the previous business day, the Treasury said.\n    Quotes included -\n- Delivery this week 135 pct of tariff\nbid, 140 offered.\n- Next week 120 pct bid.";
        let c = clean_text(wire);
        assert_eq!(c.paragraphs.len(), 4, "{}", c.text);
        assert!(c
            .text
            .starts_with("Treasury balances at the Federal Reserve rose"));
    }

    #[test]
    fn a_dateline_under_a_headline_stays_apart_in_a_wrapped_block() {
        let raw = "SOCCER - TOGO BEAT CONGO 1-0 IN NATIONS CUP QUALIFIER .\nLOME 1996-08-25\nTogo beat Congo 1-0 ( halftime 0-0 )\nin their Nations Cup preliminary round , second leg\nqualifying match on Sunday .\nAttendance : 18,000";
        let c = clean_text(raw);
        assert_eq!(
            c.title.as_deref(),
            Some("SOCCER - TOGO BEAT CONGO 1-0 IN NATIONS CUP QUALIFIER")
        );
        assert_eq!(c.dateline_date.as_deref(), Some("1996-08-25"));
    }

    #[test]
    fn a_wrapped_sentence_in_a_line_per_paragraph_text_is_joined() {
        let c = clean_text("The talks resumed on Monday in\nGeneva after a pause.\nBoth sides said they were hopeful.");
        assert_eq!(c.text, "The talks resumed on Monday in Geneva after a pause.\n\nBoth sides said they were hopeful.");
    }

    #[test]
    fn furniture_never_fires_on_a_wrapped_continuation() {
        let c = clean_text(
            "The board approved a dividend of 10 cts a\nshare.\nThe payout is due in May.",
        );
        assert!(c.removed.is_empty(), "{:?}", c.removed);
    }

    #[test]
    fn carriage_returns_and_spaces_are_normalised() {
        let c = clean_text("First  paragraph\u{a0}here.\r\n\r\nSecond\tone.\r\n");
        assert_eq!(c.text, "First paragraph here.\n\nSecond one.");
        let c = clean_text("Old Mac line.\rAnother line.");
        assert_eq!(c.paragraphs.len(), 2);
    }

    #[test]
    fn empty_and_furniture_only_texts_clean_to_nothing() {
        assert_eq!(clean_text("").text, "");
        let c = clean_text("Share\n\nAdvertisement\n\n");
        assert_eq!(c.text, "");
        assert_eq!(c.removed.len(), 2);
    }

    #[test]
    fn issue_19_furniture_on_a_line_of_its_own_and_inside_a_flattened_line() {
        let raw = "Harbour cranes stand idle after storm\n\nThe port stayed closed on Monday. Most read: Ferry timetable cut for winter Dock workers said the cranes were undamaged. Source: Port Weekly and news agencies\n\nPrint this page\nNext story: Ferries return to the bay\nmb/rt (AFP, dpa, Reuters)";
        let c = clean_text(raw);
        assert_eq!(
            c.text,
            "Harbour cranes stand idle after storm\n\nThe port stayed closed on Monday. Dock workers said the cranes were undamaged."
        );
        let removed: Vec<(&str, &str)> = c
            .removed
            .iter()
            .map(|r| (r.reason.as_str(), r.text.as_str()))
            .collect();
        assert_eq!(
            removed,
            vec![
                ("related", "Most read: Ferry timetable cut for winter"),
                ("credit", "Source: Port Weekly and news agencies"),
                ("boilerplate", "Print this page"),
                ("related", "Next story: Ferries return to the bay"),
                ("credit", "mb/rt (AFP, dpa, Reuters)"),
            ]
        );
    }
}
