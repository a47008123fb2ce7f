//! Site furniture: what a scraped page says that is not the article, on a line of its own or
//! run into a paragraph.
//!
//! Two levels, both driven by `data/furniture.tsv`:
//! - [`furniture_reason`] judges a **whole line** against the phrase rules (one Aho-Corasick
//!   pass): "Advertisement", "Share this article", "Read more: ...", "Photo: ...", and the
//!   agency sign-off form ("mb/rt (AFP, dpa, Reuters)").
//! - [`inline_cuts`] finds furniture **inside a line**, by its form, for scrapes that flattened
//!   a page into one line per article (or glued a caption to a paragraph). The line is cut
//!   into sentence-like segments at sentence ends, and each [`InlineRule`] looks for its form:
//!   - `Sentence`: a segment that a whole-line phrase rule would remove ("Sign up for our
//!     newsletter.", "Your browser does not support the video tag.");
//!   - `LeadIn`: the short question that leads into a removed plug ("Want more updates from
//!     Jane Roe? Sign up ...", "How will this affect you? Learn more");
//!   - `Label`: a lead label from the data file and the headline after it ("READ MORE: ...",
//!     "OPINION: ...", "Lire aussi : ...", "Source: ... news agencies"); the headline ends at
//!     a sentence end or where the next sentence visibly starts (see `headline_end`);
//!   - `Topic`: a headline of the form "Topic: headline" (one to five words, no function
//!     word, then a colon) that runs into the next sentence without a stop ("Dutch election:
//!     High turnout in key vote The exit poll ..."); it must end inside the segment, so
//!     "DUFFY: Yes, he was." stays;
//!   - `Junction`: a headline or caption run into the next sentence with no stop between
//!     them: "... before vote The exit poll predicted ...": a word without final punctuation,
//!     then a capitalised function word ("The", "He", "Since") followed by a lower-case word,
//!     which only a sentence start writes so; the words from the previous sentence end to the
//!     junction go when they are 2 to 20;
//!   - `ShareBar`: a run of three or more social network names with share words between them
//!     and no comma ("Send Facebook Twitter Google+ Whatsapp ... Permalink http://...");
//!   - `Tweet`: an embedded tweet: the words up to a `pic.twitter.com/` or `t.co/` link, or up
//!     to a closing hashtag that the next sentence follows;
//!   - `SignOff`: the agency credit that closes a wire story ("hg/nz (AP, AFP)").
//!
//! The whole-line rules live here; `inline` runs the inline rules and `forms` holds what they
//! read words and headlines by (sentence ends, sentence starts, where a headline ends).
//!
//! Every cut is recorded in `removed` with its reason by the caller. Rules can be switched off
//! one by one ([`RuleSet`]) so their effect can be measured (the `textbench` example's
//! `ablation` and `rules` modes).

mod forms;
mod inline;

use crate::knowledge::{RuleKind, TextKnowledge as Knowledge};
pub use inline::inline_cuts;

/// A rule that finds furniture inside a line (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum InlineRule {
    Sentence,
    LeadIn,
    Label,
    Topic,
    Junction,
    ShareBar,
    Tweet,
    SignOff,
}

impl InlineRule {
    pub const ALL: [InlineRule; 8] = [
        InlineRule::Sentence,
        InlineRule::LeadIn,
        InlineRule::Label,
        InlineRule::Topic,
        InlineRule::Junction,
        InlineRule::ShareBar,
        InlineRule::Tweet,
        InlineRule::SignOff,
    ];

    pub fn name(self) -> &'static str {
        match self {
            InlineRule::Sentence => "sentence",
            InlineRule::LeadIn => "lead-in",
            InlineRule::Label => "label",
            InlineRule::Topic => "topic",
            InlineRule::Junction => "junction",
            InlineRule::ShareBar => "share-bar",
            InlineRule::Tweet => "tweet",
            InlineRule::SignOff => "sign-off",
        }
    }

    fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

/// Which inline rules run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleSet(u16);

impl Default for RuleSet {
    fn default() -> Self {
        RuleSet::all()
    }
}

impl RuleSet {
    pub fn all() -> RuleSet {
        RuleSet(u16::MAX)
    }
    pub fn none() -> RuleSet {
        RuleSet(0)
    }
    pub fn without(self, rule: InlineRule) -> RuleSet {
        RuleSet(self.0 & !rule.bit())
    }
    pub fn with(self, rule: InlineRule) -> RuleSet {
        RuleSet(self.0 | rule.bit())
    }
    pub fn has(self, rule: InlineRule) -> bool {
        self.0 & rule.bit() != 0
    }
}

/// A piece of a line to take out: byte range in the line, why, and which rule found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cut {
    pub start: usize,
    pub end: usize,
    pub reason: &'static str,
    pub rule: InlineRule,
}

/// A `tail` pattern must leave at most this many words after it.
const TAIL_WORDS: usize = 6;

/// The reason a line is furniture, and whether it heads a list of other stories.
pub fn furniture_reason(k: &Knowledge, line: &str) -> Option<(&'static str, bool)> {
    furniture_rule(k, line).map(|(reason, kind)| (reason, kind == RuleKind::Section))
}

/// The reason and kind of the first rule that makes a line furniture.
fn furniture_rule(k: &Knowledge, line: &str) -> Option<(&'static str, RuleKind)> {
    // Cheap bound first: most bytes are in long paragraphs that no rule can match.
    if line.len() > 8 * k.furniture_max_words
        && line.split_whitespace().nth(k.furniture_max_words).is_some()
    {
        return None;
    }
    // A line that starts in lower case continues a sentence from the line before (hard-wrapped
    // text): cutting it would leave half a sentence or half a caption behind.
    if line.chars().next().is_some_and(char::is_lowercase) {
        return sign_off_start(line)
            .filter(|&s| s == 0)
            .map(|_| ("credit", RuleKind::Exact));
    }
    let mut words = None;
    for m in k.furniture_matcher.find_overlapping_iter(line) {
        let Some(rule) = k.furniture.get(m.pattern().as_usize()) else {
            continue;
        };
        let (start, end) = (m.start(), m.end());
        if !on_word_boundaries(line, start, end)
            || (rule.case_sensitive && &line[start..end] != rule.pattern)
        {
            continue;
        }
        if let Some(then) = rule.and_then {
            if !contains_ignore_ascii_case(&line[end..], then) {
                continue;
            }
        }
        let anchored_start = start == 0;
        let fires = match rule.kind {
            RuleKind::Exact | RuleKind::Section => {
                anchored_start && only_trailing_junk(&line[end..])
            }
            RuleKind::Prefix | RuleKind::Label => anchored_start,
            RuleKind::Suffix => only_trailing_junk(&line[end..]),
            RuleKind::Contains => true,
            RuleKind::Tail => line[end..].split_whitespace().nth(TAIL_WORDS).is_none(),
            // Word rows, not phrase rules: never in `furniture` (see `TextKnowledge::new`).
            RuleKind::Network | RuleKind::Share | RuleKind::Opener => false,
        };
        if !fires {
            continue;
        }
        let n = *words.get_or_insert_with(|| line.split_whitespace().count());
        if n <= rule.max_words {
            return Some((rule.reason, rule.kind));
        }
    }
    None
}

fn contains_ignore_ascii_case(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    !n.is_empty() && h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

/// A pattern that starts or ends with a letter or digit must not be part of a longer word.
fn on_word_boundaries(line: &str, start: usize, end: usize) -> bool {
    let pat = &line[start..end];
    let alnum_edge_start = pat.chars().next().is_some_and(char::is_alphanumeric);
    let alnum_edge_end = pat.chars().next_back().is_some_and(char::is_alphanumeric);
    let before_ok = !alnum_edge_start
        || !line[..start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
    let after_ok = !alnum_edge_end
        || !line[end..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric);
    before_ok && after_ok
}

/// What may follow a whole-line pattern: punctuation a site puts after a label.
fn only_trailing_junk(rest: &str) -> bool {
    rest.chars().all(|c| {
        c.is_whitespace() || matches!(c, ':' | '.' | '|' | '>' | '»' | '›' | '-' | '…' | '!' | ')')
    })
}

/// Where an agency sign-off closing the line starts: editors' initials, then the agencies in
/// brackets ("mb/rt (AFP, dpa, Reuters)", "cw/rc-(AFP, AP) -").
pub fn sign_off_start(line: &str) -> Option<usize> {
    let t = line.trim_end_matches([' ', '-', '–', '—']);
    let inner_end = t.len().checked_sub(1)?;
    if !t.ends_with(')') {
        return None;
    }
    let open = t.rfind('(')?;
    let inner = &t[open + 1..inner_end];
    let items: Vec<&str> = inner.split(',').map(str::trim).collect();
    let agency_like = |item: &str| {
        let words: Vec<&str> = item.split_whitespace().collect();
        (1..=3).contains(&words.len())
            && words.iter().all(|w| {
                w.chars().next().is_some_and(char::is_uppercase)
                    || (w.len() <= 4 && w.bytes().all(|b| b.is_ascii_lowercase()))
            })
    };
    if items.is_empty() || items.len() > 6 || !items.iter().all(|i| agency_like(i)) {
        return None;
    }
    let before = t[..open].trim_end().trim_end_matches(['-', '–', '—']);
    let initials_start = before.rfind(' ').map_or(0, |i| i + 1);
    let initials = &before[initials_start..];
    let parts: Vec<&str> = initials.split('/').collect();
    let ok = parts.len() >= 2
        && parts
            .iter()
            .all(|p| (1..=4).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_lowercase()));
    ok.then_some(initials_start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_offs_are_read_by_form() {
        assert_eq!(sign_off_start("mb/rt (AFP, dpa, Reuters)"), Some(0));
        assert_eq!(
            sign_off_start("The talks end today. cw/rc-(AFP, AP) -"),
            Some(21)
        );
        assert_eq!(sign_off_start("He met the minister (Reuters)"), None);
        assert_eq!(sign_off_start("costs rose 3/4 (see table)"), None);
    }
}
