//! Step 3 of cleaning, the rules that see the whole article: the byline near the top, the
//! headlines of other stories at the end, and the headline that opens the text (its paragraph
//! and its value as `title`).

use super::dateline::parse_dateline;
use super::lines::{ends_sentence, is_headline_like, starts_lower, word_count};
use super::Unit;
use crate::knowledge::TextKnowledge;

/// A byline ("By Jane Doe", "By JANE DOE and John Roe, Reuters") among the first paragraphs:
/// taken out of the text, its names returned as the author.
pub(super) fn take_byline(buf: &str, units: &mut [Unit]) -> Option<String> {
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

/// Headlines of other stories a page lists after the article: short title-case lines without
/// final punctuation at the very end, after a paragraph that ends a sentence.
pub(super) fn drop_trailing_headlines(buf: &str, units: &mut [Unit]) {
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
pub(super) fn find_title(k: &TextKnowledge, buf: &str, kept: &[&Unit]) -> Option<usize> {
    let (first, next) = (kept.first()?, kept.get(1)?);
    if first.lines != 1 {
        return None;
    }
    let t = &buf[first.span.start..first.span.end];
    let n = word_count(t);
    if !(2..=25).contains(&n) || t.len() > 250 || starts_lower(t) || t.ends_with([',', ':', ';']) {
        return None;
    }
    if parse_dateline(k, t).is_some() {
        return None;
    }
    let next_text = &buf[next.span.start..next.span.end];
    let terminal = ends_sentence(t);
    // Headlines are short; a longer line without a period is a teaser or a lede cut short.
    let is_title = (!terminal && n <= 18)
        || title_case_ratio(t) >= 0.75
        || parse_dateline(k, next_text).is_some();
    is_title.then_some(0)
}

/// The title as a value: a trailing sentence period (added by some feeds) dropped, unless it
/// belongs to an abbreviation ("U.S.").
pub(super) fn headline_text(k: &TextKnowledge, t: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn headline_text(t: &str) -> String {
        super::headline_text(crate::knowledge::for_tests(), t)
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
}
