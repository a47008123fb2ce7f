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
//! Precedence: a caller's hint (`hints.title`, `published`, `url`, `source`) wins; then what an
//! earlier stage (the html stage) already set; then what this stage finds.

use crate::furniture::{furniture_reason, inline_cuts, RuleSet};
use crate::knowledge::TextKnowledge;
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
        apply(doc, cleaned);
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
fn apply(doc: &mut Document, c: Cleaned) {
    let hints = &doc.hints;
    doc.title = non_empty(&hints.title).or(doc.title.take()).or(c.title);
    // ISO 8601 as the contract asks; a date written out ("Sept. 5, 2016") is read too.
    let hinted_date = hints
        .published
        .as_deref()
        .and_then(|h| date_part(h).or_else(|| find_date(h)));
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
                stamped_date = find_date(line.content);
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
    let title_unit = find_title(&buf, &kept);
    let mut dateline = None;
    for (i, u) in kept.iter().enumerate().take(4) {
        if Some(i) == title_unit && kept.len() > 1 {
            continue;
        }
        if let Some(d) = parse_dateline(&buf[u.span.start..u.span.end]) {
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

/// Split into lines on `\n`, `\r\n` or a lone `\r`, keeping each line's indentation.
fn split_lines(raw: &str) -> Vec<Line<'_>> {
    let lone_cr = !raw.contains('\n') && raw.contains('\r');
    let sep = if lone_cr { '\r' } else { '\n' };
    raw.split(sep)
        .map(|l| {
            let l = l.trim_end_matches('\r');
            let trimmed_start = l.trim_start();
            let indent = l[..l.len() - trimmed_start.len()]
                .chars()
                .map(|c| if c == '\t' { 4 } else { 1 })
                .sum();
            Line {
                content: trimmed_start.trim_end(),
                indent,
                removed: None,
                cuts: Vec::new(),
            }
        })
        .collect()
}

/// Mark furniture lines, separators, and the headline lists under a section heading.
fn classify_lines(k: &TextKnowledge, lines: &mut [Line<'_>]) {
    let mut in_section = false;
    for line in lines.iter_mut() {
        let content = line.content;
        if content.is_empty() {
            continue;
        }
        if !content
            .chars()
            .any(|c| c.is_alphanumeric() || is_quote_mark(c))
        {
            line.removed = Some("separator");
            in_section = false;
            continue;
        }
        match furniture_reason(k, content) {
            Some((reason, section)) => {
                line.removed = Some(reason);
                in_section = section;
            }
            None if in_section && is_headline_like(content, 14) => line.removed = Some("related"),
            None => in_section = false,
        }
    }
}

fn is_quote_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '\'' | '‘' | '’' | '«' | '»' | '„')
}

/// Ends a sentence (or a quoted one) at the end of a line.
fn ends_sentence(s: &str) -> bool {
    let s = s.trim_end_matches(['"', '”', '’', '\'', ')', ']', '»', ' ']);
    s.ends_with(['.', '!', '?', '…', ':', ';'])
}

/// A line that ends with "in", "the", "and" stops mid-sentence: no heading ends that way.
fn ends_with_function_word(k: &TextKnowledge, s: &str) -> bool {
    let last = s.rsplit(' ').next().unwrap_or("");
    last.chars().all(char::is_lowercase) && k.sentence_openers.contains_key(last)
}

fn starts_lower(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_lowercase)
}

/// Group lines into paragraphs (see the module docs) and write their normalised text to `buf`.
fn build_units(k: &TextKnowledge, lines: &[Line<'_>], buf: &mut String) -> Vec<Unit> {
    let mut units = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].content.is_empty() {
            i += 1;
            continue;
        }
        let block_start = i;
        while i < lines.len() && !lines[i].content.is_empty() {
            i += 1;
        }
        let block = &lines[block_start..i];
        let joins = decide_joins(k, block);
        let mut unit_start: Option<usize> = None;
        let count_before = units.len();
        for (j, line) in block.iter().enumerate() {
            if line.removed.is_some() {
                continue;
            }
            let start = *unit_start.get_or_insert_with(|| {
                units.push(Unit {
                    span: Span::new(buf.len(), buf.len()),
                    first_line: block_start + j,
                    lines: 0,
                    alone: false,
                    removed: None,
                });
                buf.len()
            });
            if buf.len() > start {
                buf.push(' ');
            }
            let mut at = 0;
            for cut in &line.cuts {
                push_normalised(buf, &line.content[at..cut.start]);
                if !buf.ends_with(' ') && buf.len() > start {
                    buf.push(' ');
                }
                at = cut.end;
            }
            push_normalised(buf, &line.content[at..]);
            while buf.len() > start && buf.ends_with(' ') {
                buf.pop();
            }
            if let Some(u) = units.last_mut() {
                u.span.end = buf.len();
                u.lines += 1;
            }
            let joins_next = joins.get(j).copied().unwrap_or(false)
                && block.get(j + 1).is_some_and(|n| n.removed.is_none());
            if !joins_next {
                unit_start = None;
            }
        }
        if units.len() == count_before + 1 {
            if let Some(u) = units.last_mut() {
                u.alone = true;
            }
        }
    }
    units.retain(|u| !u.span.is_empty());
    units
}

/// For each line of a block, whether it runs on into the next line (a hard wrap).
fn decide_joins(k: &TextKnowledge, block: &[Line<'_>]) -> Vec<bool> {
    if block.len() < 2 {
        return vec![false; block.len()];
    }
    // The indentation most lines have; a line indented beyond it starts a paragraph (wire copy
    // indents paragraph starts; some scrapes indent every line but the first).
    let base_indent = most_common_indent(block);
    let max_len = block
        .iter()
        .map(|l| l.content.chars().count())
        .max()
        .unwrap_or(0);
    let boundaries = block.len() - 1;
    let soft = block
        .windows(2)
        .filter(|w| !ends_sentence(w[0].content) && starts_lower(w[1].content))
        .count();
    let wrapped = soft >= 1 && soft * 4 >= boundaries;
    block
        .windows(2)
        .enumerate()
        .map(|(i, w)| {
            let (line, next) = (&w[0], &w[1]);
            if next.indent > base_indent + 1 || starts_with_bullet(next.content) {
                return false;
            }
            let continues = !ends_sentence(line.content)
                && (starts_lower(next.content) || ends_with_function_word(k, line.content));
            if wrapped {
                let short = |l: &Line<'_>| l.content.chars().count() * 100 < max_len * 55;
                // After a finished sentence, a short line without final punctuation is a
                // heading, a dateline or a table row, not the rest of a paragraph.
                let heading_next =
                    ends_sentence(line.content) && short(next) && !ends_sentence(next.content);
                // A short unfinished first line is a wrapped line whose start was cut (wire
                // copy with its dateline taken off: "Treasury balances at the Federal").
                let cut_first_line = i == 0 && !ends_sentence(line.content) && !short(next);
                continues || cut_first_line || !(short(line) || heading_next)
            } else {
                continues || line.content.ends_with([',', '-'])
            }
        })
        .collect()
}

/// A list item: "- ", "• ", "* ", "· ".
fn starts_with_bullet(s: &str) -> bool {
    ["- ", "• ", "* ", "· ", "– ", "— "]
        .iter()
        .any(|b| s.starts_with(b))
}

fn most_common_indent(block: &[Line<'_>]) -> usize {
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for l in block {
        match counts.iter_mut().find(|(indent, _)| *indent == l.indent) {
            Some((_, n)) => *n += 1,
            None => counts.push((l.indent, 1)),
        }
    }
    // Ties go to the smaller indentation.
    counts
        .iter()
        .max_by_key(|(indent, n)| (*n, usize::MAX - indent))
        .map_or(0, |(indent, _)| *indent)
}

/// Append `s` to `buf` with white space runs collapsed to one space and invisible characters
/// dropped.
fn push_normalised(buf: &mut String, s: &str) {
    // Copy runs of ordinary characters whole; only white space and invisible characters
    // interrupt a run.
    let mut run_start = 0;
    let mut space = false;
    for (i, c) in s.char_indices() {
        let skip = if c.is_ascii() {
            c.is_ascii_whitespace() || c.is_ascii_control()
        } else {
            c.is_whitespace()
                || matches!(
                    c,
                    '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
                )
                || c.is_control()
        };
        if !skip {
            continue;
        }
        if run_start < i {
            if space && !buf.is_empty() && !buf.ends_with(' ') {
                buf.push(' ');
            }
            buf.push_str(&s[run_start..i]);
            space = false;
        }
        space |= c.is_whitespace();
        run_start = i + c.len_utf8();
    }
    if run_start < s.len() {
        if space && !buf.is_empty() && !buf.ends_with(' ') {
            buf.push(' ');
        }
        buf.push_str(&s[run_start..]);
    }
}

fn normalise_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_normalised(&mut out, s);
    out
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// A byline ("By Jane Doe", "By JANE DOE and John Roe, Reuters") among the first paragraphs:
/// taken out of the text, its names returned as the author.
fn take_byline(buf: &str, units: &mut [Unit]) -> Option<String> {
    for u in units.iter_mut().filter(|u| u.removed.is_none()).take(4) {
        let t = &buf[u.span.start..u.span.end];
        if let Some(author) = parse_byline(t) {
            u.removed = Some("byline");
            return Some(author);
        }
    }
    None
}

fn parse_byline(t: &str) -> Option<String> {
    let rest = t.strip_prefix("By ").or_else(|| t.strip_prefix("BY "))?;
    if word_count(t) > 12 || t.ends_with(['.', '!', '?', ';']) && !t.ends_with(" Jr.") {
        return None;
    }
    let names = rest.split([',', '|', '—', '–']).next()?.trim();
    let names = names.strip_suffix(" -").unwrap_or(names).trim();
    let mut n = 0;
    for w in names.split_whitespace() {
        let capital = w.chars().next().is_some_and(char::is_uppercase);
        if !(capital
            || matches!(
                w,
                "and" | "&" | "de" | "van" | "von" | "da" | "del" | "la" | "le" | "bin" | "al"
            ))
        {
            return None;
        }
        n += 1;
    }
    (1..=8).contains(&n).then(|| names.to_owned())
}

/// Share of capitalised words among a line's content words (headline case reads near 1.0).
fn title_case_ratio(s: &str) -> f32 {
    const SMALL: [&str; 18] = [
        "a", "an", "the", "and", "or", "nor", "but", "of", "in", "on", "at", "to", "for", "by",
        "with", "from", "as", "vs",
    ];
    let (mut caps, mut total) = (0u32, 0u32);
    for w in s.split_whitespace() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        let Some(first) = w.chars().next() else {
            continue;
        };
        if !first.is_alphabetic() || SMALL.contains(&w) {
            continue;
        }
        total += 1;
        caps += u32::from(first.is_uppercase());
    }
    if total == 0 {
        0.0
    } else {
        caps as f32 / total as f32
    }
}

/// A short line without final punctuation that does not start in lower case: a headline, a
/// section label, or a list item.
fn is_headline_like(s: &str, max_words: usize) -> bool {
    let n = word_count(s);
    (1..=max_words).contains(&n)
        && !starts_lower(s)
        && !s
            .trim_end_matches(['"', '”', '’', '\'', ')'])
            .ends_with(['.', ',', ';', ':', '…'])
}

/// Headlines of other stories a page lists after the article: short title-case lines without
/// final punctuation at the very end, after a paragraph that ends a sentence.
fn drop_trailing_headlines(buf: &str, units: &mut [Unit]) {
    let text_of = |u: &Unit| &buf[u.span.start..u.span.end];
    // At most a few: a page lists three to five other stories.
    for _ in 0..5 {
        let mut kept = units
            .iter()
            .enumerate()
            .filter(|(_, u)| u.removed.is_none())
            .map(|(i, _)| i)
            .rev();
        // Only after an article of at least two real paragraphs.
        let (Some(last), Some(prev), Some(_)) = (kept.next(), kept.next(), kept.next()) else {
            return;
        };
        let t = text_of(&units[last]);
        let n = word_count(t);
        let looks_like_headline = units[last].alone
            && units[last].lines == 1
            && (3..=16).contains(&n)
            && is_headline_like(t, 16)
            && !t.ends_with(['!', '?'])
            && title_case_ratio(t) >= 0.6
            && ends_sentence(text_of(&units[prev]))
            && word_count(text_of(&units[prev])) > n;
        if !looks_like_headline {
            return;
        }
        units[last].removed = Some("related");
    }
}

/// Index (into `kept`) of the paragraph that is the article's headline, if it opens with one.
fn find_title(buf: &str, kept: &[&Unit]) -> Option<usize> {
    let (first, next) = (kept.first()?, kept.get(1)?);
    if first.lines != 1 {
        return None;
    }
    let t = &buf[first.span.start..first.span.end];
    let n = word_count(t);
    if !(2..=25).contains(&n) || t.len() > 250 || starts_lower(t) || t.ends_with([',', ':', ';']) {
        return None;
    }
    if parse_dateline(t).is_some() {
        return None;
    }
    let next_text = &buf[next.span.start..next.span.end];
    let terminal = ends_sentence(t);
    // Headlines are short; a longer line without a period is a teaser or a lede cut short.
    let is_title = (!terminal && n <= 18)
        || title_case_ratio(t) >= 0.75
        || parse_dateline(next_text).is_some();
    is_title.then_some(0)
}

/// The title as a value: a trailing sentence period (added by some feeds) dropped, unless it
/// belongs to an abbreviation ("U.S.").
fn headline_text(k: &TextKnowledge, t: &str) -> String {
    // A page's timestamp glued to its headline ("... shooting Posted: Friday, June 23, 2013").
    let t = [" Posted:", " Updated:", " Published:"]
        .iter()
        .filter_map(|stamp| t.find(stamp))
        .min()
        .map_or(t, |cut| &t[..cut])
        .trim();
    if let Some(body) = t.strip_suffix('.') {
        let last = body.rsplit(' ').next().unwrap_or("");
        let abbreviation = last.contains('.')
            || (last.chars().count() == 1 && last.chars().all(char::is_uppercase))
            || k.abbreviations.contains_key(last);
        if !abbreviation {
            return body.trim_end().to_owned();
        }
    }
    t.to_owned()
}

/// The first full date written out in a line: "Friday, December 26, 2014 4:25 PM",
/// "Dec. 26, 2014", "2014-12-26", "26 December 2014".
fn find_date(line: &str) -> Option<String> {
    let words: Vec<&str> = line.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    for (i, w) in words.iter().enumerate() {
        if let Some(d) = date_part(w.trim_matches(|c: char| !c.is_ascii_digit())) {
            return Some(d);
        }
        if month_number(w).is_none() {
            continue;
        }
        let candidates = [words.get(i..i + 3), words.get(i.saturating_sub(1)..i + 2)];
        for parts in candidates.into_iter().flatten() {
            if let Some(Some(d)) = parse_date(&parts.join(" ")) {
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
pub fn parse_dateline(p: &str) -> Option<Dateline> {
    let caps_end = leading_caps_run(p)?;
    let rest = &p[caps_end..];

    // "LONDON 1996-08-30": a line of its own.
    if p.len() <= 80 {
        if let Some(date) = trailing_iso_date(rest) {
            let before_date = rest.trim_end()[..rest.trim_end().len() - 10].trim_end();
            let region_end = region_after(before_date).map_or(caps_end, |len| caps_end + len);
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
        if let Some(d) = parse_date(seg) {
            date = date.or(d);
        } else if segment == 0
            && !starts_with_month(seg)
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
        if let Some(d) = parse_date(&inner[..close]) {
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
fn region_after(s: &str) -> Option<usize> {
    let t = s.trim_start_matches(' ').strip_prefix(',')?;
    let name = t.trim();
    (!name.is_empty()
        && name.starts_with(char::is_uppercase)
        && word_count(name) <= 4
        && !starts_with_month(name))
    .then_some(s.len())
}

/// An ISO date `YYYY-MM-DD` that ends `s`.
fn trailing_iso_date(s: &str) -> Option<String> {
    let t = s.trim_end();
    let d = t.get(t.len().checked_sub(10)?..)?;
    let before_ok = t.len() == 10 || t.as_bytes()[t.len() - 11] == b' ';
    date_part(d).filter(|_| before_ok)
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    let idx = MONTHS.iter().position(|m| w.starts_with(m))?;
    // "Mar", "March", "Sept", "September": a month name or its usual abbreviation, not "Marshal".
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    (full[idx].starts_with(&w) || w == "sept").then_some(idx as u32 + 1)
}

fn starts_with_month(s: &str) -> bool {
    s.split_whitespace().next().and_then(month_number).is_some()
}

/// A full date in a dateline part: "Feb. 4, 2014", "4 February 2014", "2014-02-04".
/// `Some(None)` means "a date without a year" (still a date part, not a place).
fn parse_date(s: &str) -> Option<Option<String>> {
    let s = s.trim();
    if let Some(d) = date_part(s) {
        return Some(Some(d));
    }
    let words: Vec<&str> = s.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    let num = |w: &str| w.trim_end_matches(['.', ',']).parse::<u32>().ok();
    let (month, day, year) = match words.as_slice() {
        [m, d] if month_number(m).is_some() => (month_number(m)?, num(d)?, None),
        [d, m] => (month_number(m)?, num(d)?, None),
        [m, d, y] if month_number(m).is_some() => (month_number(m)?, num(d)?, num(y)),
        [d, m, y] => (month_number(m)?, num(d)?, num(y)),
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

    fn clean_text(raw: &str) -> Cleaned {
        super::clean_text(crate::knowledge::for_tests(), raw)
    }

    fn headline_text(t: &str) -> String {
        super::headline_text(crate::knowledge::for_tests(), t)
    }

    fn place(p: &str) -> Option<&str> {
        parse_dateline(p).map(|d| &p[d.place.start..d.place.end])
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
        let d = parse_dateline("FRANKLIN (Feb. 4, 2014) – Johnson County authorities")
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
    fn dates_in_timestamp_lines() {
        assert_eq!(
            find_date("Posted: Friday, December 26, 2014 4:25 PM EST").as_deref(),
            Some("2014-12-26")
        );
        assert_eq!(
            find_date("Updated: 2016-09-05T10:00").as_deref(),
            Some("2016-09-05")
        );
        assert_eq!(
            find_date("Published 26 December 2014").as_deref(),
            Some("2014-12-26")
        );
        assert_eq!(find_date("Updated: 4:26 PM"), None);
    }

    #[test]
    fn headline_values() {
        assert_eq!(
            headline_text("Teen hurt in shooting Posted: Saturday, May 30, 2015 1:11 PM EDT"),
            "Teen hurt in shooting"
        );
        assert_eq!(
            headline_text("Clinton calls on U.S. to lead."),
            "Clinton calls on U.S. to lead"
        );
        assert_eq!(
            headline_text("Talks resume in the U.S."),
            "Talks resume in the U.S."
        );
    }

    #[test]
    fn bylines() {
        assert_eq!(
            parse_byline("By Jane Doe and John Roe, Reuters").as_deref(),
            Some("Jane Doe and John Roe")
        );
        assert_eq!(parse_byline("By noon the streets were empty."), None);
        assert_eq!(
            parse_byline("By the time police arrived, the man had fled"),
            None
        );
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
