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
//! Every cut is recorded in `removed` with its reason by the caller. Rules can be switched off
//! one by one ([`RuleSet`]) so their effect can be measured (the `textbench` example's
//! `ablation` and `rules` modes).

use crate::knowledge::{RuleKind, TextKnowledge as Knowledge};

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

/// One whitespace-separated word of a line: byte range.
#[derive(Debug, Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
}

/// Closing marks that may follow a sentence's final punctuation (and the dash some scrapes
/// put where a line break was: "said.-").
const CLOSERS: &[char] = &['"', '”', '’', '\'', '»', ')', ']', '-', '–', '—'];

/// Whether a word ends a sentence: final `.`, `!`, `?` or `…` before closing marks, and not
/// an abbreviation or an initial ("U.S.", "Gen.", "W.").
fn ends_sentence_word(k: &Knowledge, w: &str) -> bool {
    // Most words end in a letter, a digit or a comma: decided by the last byte.
    if w.as_bytes()
        .last()
        .is_none_or(|b| b.is_ascii_alphanumeric() || *b == b',')
    {
        return false;
    }
    let core = w.trim_end_matches(CLOSERS);
    if core.ends_with(['!', '?', '…']) {
        return true;
    }
    let Some(body) = core.strip_suffix('.') else {
        return false;
    };
    let body = body.trim_start_matches(['"', '“', '‘', '\'', '(', '[']);
    if body.contains('.') {
        // "U.S.", "a.m.": an abbreviation.
        return false;
    }
    if body.is_empty() {
        return true;
    }
    let single_capital = body.chars().count() == 1 && body.chars().all(char::is_uppercase);
    !(single_capital || k.abbreviations.contains_key(body))
}

/// A capitalised function word ("The", "He", "Since"; `opener` rows of the data file):
/// written so only at a sentence start.
fn is_opener(k: &Knowledge, w: &str) -> bool {
    let mut chars = w.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !first.is_uppercase() || !chars.all(char::is_lowercase) {
        return false;
    }
    with_lower(w, |lower| k.openers.contains_key(lower))
}

/// Call `f` with `w` in lower case, without allocating for a short ASCII word (these lookups
/// run on every capitalised word of every article).
fn with_lower<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 24];
    if w.len() <= buf.len() && w.is_ascii() {
        let bytes = &mut buf[..w.len()];
        bytes.copy_from_slice(w.as_bytes());
        bytes.make_ascii_lowercase();
        // ASCII lower-casing keeps the bytes valid UTF-8.
        match std::str::from_utf8(bytes) {
            Ok(lower) => f(lower),
            Err(_) => f(&w.to_lowercase()),
        }
    } else {
        f(&w.to_lowercase())
    }
}

fn starts_lower_or_digit(w: &str) -> bool {
    w.chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
}

fn starts_upper(w: &str) -> bool {
    w.trim_start_matches(['"', '“', '‘', '\'', '(', '«'])
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

/// A lower-case function word ("on", "the"): a capital after it is part of a name.
fn is_function_word(k: &Knowledge, w: &str) -> bool {
    w.chars().all(char::is_lowercase) && k.stopword_langs.contains_key(w)
}

/// A word that ends without any punctuation but a closing quotation mark: the previous
/// sentence (or headline) may end here unmarked.
fn ends_open(w: &str) -> bool {
    let core = w.trim_end_matches(['"', '”', '’', '\'', '»']);
    core.chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || c == '+')
}

/// Word `j` starts a sentence that nothing marked: `prev` has no final punctuation and `j` is
/// a capitalised function word followed by a lower-case word ("vote The exit poll").
fn junction_at(k: &Knowledge, line: &str, words: &[Word], j: usize) -> bool {
    let (Some(prev), Some(cur), Some(next)) = (
        j.checked_sub(1).and_then(|p| words.get(p)),
        words.get(j),
        words.get(j + 1),
    ) else {
        return false;
    };
    let (p, c, n) = (
        &line[prev.start..prev.end],
        &line[cur.start..cur.end],
        &line[next.start..next.end],
    );
    // Cheapest tests first: most words are not capitalised.
    // A one-letter capital after a word is mostly a name's part ("class A shares").
    c.chars().next().is_some_and(char::is_uppercase)
        && c.chars().nth(1).is_some()
        && starts_lower_or_digit(n)
        && ends_open(p)
        && is_opener(k, c)
        && !is_function_word(k, p)
}

/// Where a headline that starts at word `from` ends (exclusive word index), inside the segment
/// ending at `seg_end` (exclusive): before a junction or a quotation that opens the next
/// sentence; else before the first capitalised word after a lower-case content word or a
/// closing quotation mark or bracket ("... heir Lee", "... 'Trumpomania' John"); else at the
/// segment's end (the headline had its own final punctuation). `None` in `Inner` mode when
/// only the segment's end was found.
fn headline_end(
    k: &Knowledge,
    line: &str,
    words: &[Word],
    from: usize,
    seg_end: usize,
    mode: HeadlineEnd,
) -> Option<usize> {
    let text = |j: usize| &line[words[j].start..words[j].end];
    for j in from + 1..seg_end {
        if junction_at(k, line, words, j) {
            return Some(j);
        }
        // After a label the words are known to be a headline: "... entrance The President".
        let p = text(j - 1);
        if mode == HeadlineEnd::Labelled
            && is_opener(k, text(j))
            && ends_open(p)
            && p.chars().next().is_some_and(char::is_lowercase)
            && !is_function_word(k, p)
        {
            return Some(j);
        }
        let w = text(j);
        if j > from + 1 && w.starts_with(['"', '“']) && starts_upper(w) && ends_open(text(j - 1))
        {
            return Some(j);
        }
    }
    if mode == HeadlineEnd::Listed {
        return None;
    }
    for j in from + 2..seg_end.saturating_sub(2) {
        let (p, w) = (text(j - 1), text(j));
        let closed_quote = p.ends_with(['\'', '’', '"', '”', ')']);
        let lower_content = (ends_open(p) || p.ends_with(')'))
            && (p.chars().next().is_some_and(char::is_lowercase) || closed_quote)
            && !is_function_word(k, p);
        // Without a label, only a closing quotation mark or the next "Topic:" is clear enough.
        let lower_content = lower_content
            && (mode == HeadlineEnd::Labelled
                || closed_quote
                || topic_words(k, line, words, j, seg_end.min(j + 5)).is_some());
        // A one-letter capital is a pronoun or an initial ("shall I do"), not a new start.
        let one_letter = w.chars().filter(|c| c.is_alphabetic()).count() == 1;
        if lower_content && starts_upper(w) && !one_letter && !w.starts_with(['\'', '‘', '"', '“'])
        {
            return Some(j);
        }
    }
    (mode == HeadlineEnd::Labelled).then_some(seg_end)
}

/// How sure [`headline_end`] may be that the words it reads are a headline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HeadlineEnd {
    /// A label said so: any sign of the next sentence ends it, else the segment's end does.
    Labelled,
    /// The form alone suggests it: the end must be found inside the segment.
    Inner,
    /// It follows a list of headlines: only a clear start of the next sentence (a junction, an
    /// opening quotation) ends it.
    Listed,
}

/// Word `i` opens a sentence: a capitalised function word and a lower-case word after it
/// ("Correction: A previous version ...", not a headline).
fn sentence_opens(k: &Knowledge, line: &str, words: &[Word], i: usize) -> bool {
    let text = |j: usize| words.get(j).map(|w| &line[w.start..w.end]);
    text(i).is_some_and(|w| is_opener(k, w)) && text(i + 1).is_some_and(starts_lower_or_digit)
}

/// Word `t` starts "Topic: headline" right after a fragment: the word before ends without
/// punctuation (a lower-case content word or a closing quotation mark), one to three
/// capitalised topic words end in a colon, and no quotation opens after it (that is speech:
/// 'told Al Jazeera: "We ...').
fn topic_after_fragment(k: &Knowledge, line: &str, words: &[Word], t: usize, b: usize) -> bool {
    let text = |j: usize| &line[words[j].start..words[j].end];
    let p = text(t - 1);
    let after_fragment = ends_open(p)
        && (p.ends_with(['\'', '’', '"', '”'])
            || (p.chars().next().is_some_and(char::is_lowercase) && !is_function_word(k, p)));
    if !after_fragment || !starts_upper(text(t)) {
        return false;
    }
    let Some(n) = topic_words(k, line, words, t, b.min(t + 3)) else {
        return false;
    };
    let next = words.get(t + n).map(|w| &line[w.start..w.end]);
    t + n < b && next.is_some_and(|w| !w.starts_with(['"', '“']))
}

/// Words of a topic before a headline's colon ("Dutch election: ...", "Duterte: ..."): one to
/// five capitalised or lower-case content words, no function word, no digit (a timeline's
/// "August 19:"), not one word in capitals (a transcript's speaker), and the colon ends the
/// last one; no quotation opens after it.
fn topic_words(k: &Knowledge, line: &str, words: &[Word], a: usize, b: usize) -> Option<usize> {
    let limit = b.min(a + 5);
    let end = (a..limit).find(|&i| line[words[i].start..words[i].end].ends_with(':'))?;
    let topic: Vec<&str> = (a..=end)
        .map(|i| line[words[i].start..words[i].end].trim_end_matches(':'))
        .collect();
    let first = topic.first()?;
    // A headline after the colon, not speech ('Bush: "The mission is ...').
    let after = words.get(end + 1).map(|w| &line[w.start..w.end]);
    if after.is_some_and(|w| w.starts_with(['"', '“']) && starts_upper(w))
        || topic.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()))
        || first.chars().filter(|c| c.is_alphabetic()).count() < 2
    {
        return None;
    }
    if !first.chars().next().is_some_and(char::is_uppercase)
        || topic
            .iter()
            .any(|w| is_function_word(k, w) || is_opener(k, w))
        || (topic.len() == 1 && !first.chars().any(char::is_lowercase))
    {
        return None;
    }
    Some(end + 1 - a)
}

/// Most words a headline or caption cut out of a paragraph may have.
const MAX_HEADLINE_WORDS: usize = 25;
/// Most words a junction may cut (a caption or a headline before the next sentence).
const MAX_JUNCTION_WORDS: usize = 20;

/// Furniture inside one line (see the module docs), in line order, not overlapping.
pub fn inline_cuts(k: &Knowledge, line: &str, rules: RuleSet) -> Vec<Cut> {
    let mut cuts: Vec<Cut> = Vec::new();
    let words: Vec<Word> = word_spans(line);
    if words.len() < 3 {
        return cuts;
    }
    // Sentence-like segments: [start, end) word ranges.
    let mut segments: Vec<(usize, usize)> = Vec::new();
    let mut seg_start = 0;
    for (i, w) in words.iter().enumerate() {
        if ends_sentence_word(k, &line[w.start..w.end]) {
            segments.push((seg_start, i + 1));
            seg_start = i + 1;
        }
    }
    if seg_start < words.len() {
        segments.push((seg_start, words.len()));
    }
    let span = |a: usize, b: usize| (words[a].start, words[b - 1].end);
    let push = |cuts: &mut Vec<Cut>, a: usize, b: usize, reason, rule| {
        if b > a {
            let (start, end) = span(a, b);
            cuts.push(Cut {
                start,
                end,
                reason,
                rule,
            });
        }
    };

    // A line of one sentence or one headline is judged whole by the line rules: the form rules
    // below would otherwise cut a title line ("Minister tells Dutch: 'I am not a terrorist'").
    let several = segments.len() > 1;
    let mut after_headlines = false;
    for (si, &(a, b)) in segments.iter().enumerate() {
        let seg_text = &line[words[a].start..words[b - 1].end];
        let trimmed = seg_text.trim_start_matches(['"', '“', '?', '(', '-', '–', '—', ' ']);
        let trimmed = trimmed.trim_end_matches([')', ' ']);
        // A whole segment a line rule would remove.
        let has_tweet_link = seg_text.contains("pic.twitter.com/") || seg_text.contains("t.co/");
        if several
            && rules.has(InlineRule::Sentence)
            && !has_tweet_link
            && b - a <= k.furniture_max_words
        {
            // A label's headline ends before the next sentence: the label rule below cuts it.
            if let Some((reason, _)) =
                furniture_rule(k, trimmed).filter(|(_, kind)| *kind != RuleKind::Label)
            {
                push(&mut cuts, a, b, reason, InlineRule::Sentence);
                if rules.has(InlineRule::LeadIn) && si > 0 {
                    let (pa, pb) = segments[si - 1];
                    let last = &line[words[pb - 1].start..words[pb - 1].end];
                    if pb - pa <= 20
                        && last.trim_end_matches(CLOSERS).ends_with('?')
                        && matches!(reason, "newsletter" | "social" | "boilerplate" | "related")
                    {
                        push(&mut cuts, pa, pb, reason, InlineRule::LeadIn);
                    }
                }
                continue;
            }
        }
        // Headlines one after another, then the sentence they ran into.
        let own_stop = line[..words[b - 1].end]
            .trim_end_matches(CLOSERS)
            .ends_with(['?', '!']);
        let mut s = a;
        // The previous segment was headlines only: a list of links may go on here.
        if std::mem::take(&mut after_headlines)
            && several
            && !starts_lower_or_digit(&line[words[s].start..words[s].end])
        {
            if let Some(end) = headline_end(k, line, &words, s, b, HeadlineEnd::Listed) {
                if end - s <= MAX_HEADLINE_WORDS {
                    push(&mut cuts, s, end, "heading", InlineRule::Topic);
                    s = end;
                }
            }
        }
        while s + 2 < b {
            // A lead label and its headline.
            if let Some((n, reason, rule)) = label_at(k, line, &words, s, b, rules) {
                let end = headline_end(k, line, &words, s + n, b, HeadlineEnd::Labelled);
                if let Some(end) = end.filter(|&e| e > s + n && e - s <= MAX_HEADLINE_WORDS + n) {
                    push(&mut cuts, s, end, reason, rule);
                    after_headlines = end == b;
                    s = end;
                    continue;
                }
            }
            // "Topic: headline" at the segment's start, run into the next sentence.
            if several && rules.has(InlineRule::Topic) && seg_text.contains(':') {
                if let Some(n) = topic_words(k, line, &words, s, b)
                    .filter(|&n| own_stop || !sentence_opens(k, line, &words, s + n))
                {
                    let mode = if own_stop {
                        HeadlineEnd::Labelled
                    } else {
                        HeadlineEnd::Inner
                    };
                    let end = headline_end(k, line, &words, s + n, b, mode);
                    if let Some(end) = end.filter(|&e| e > s + n && e - s <= MAX_HEADLINE_WORDS + n)
                    {
                        push(&mut cuts, s, end, "heading", InlineRule::Topic);
                        after_headlines = end == b;
                        s = end;
                        continue;
                    }
                }
                // A fragment, then "Topic: headline" ("... cowardly act" Lagarde: 'Cowardly
                // act' Visiting ..."): both are headlines run together, when the second one
                // ends as a headline does.
                let fragment_then_topic = (s + 2..b.min(s + MAX_JUNCTION_WORDS + 1))
                    .find(|&t| topic_after_fragment(k, line, &words, t, b))
                    .filter(|_| !starts_lower_or_digit(&line[words[s].start..words[s].end]))
                    .and_then(|t| {
                        let n = topic_words(k, line, &words, t, b)?;
                        let mode = if own_stop {
                            HeadlineEnd::Labelled
                        } else {
                            HeadlineEnd::Inner
                        };
                        let end = headline_end(k, line, &words, t + n, b, mode)?;
                        (end > t + n && end - t <= MAX_HEADLINE_WORDS + n).then_some((t, end))
                    });
                if let Some((t, end)) = fragment_then_topic {
                    push(&mut cuts, s, t, "heading", InlineRule::Topic);
                    push(&mut cuts, t, end, "heading", InlineRule::Topic);
                    after_headlines = end == b;
                    s = end;
                    continue;
                }
            }
            // A headline or caption run into the next sentence.
            if several
                && rules.has(InlineRule::Junction)
                && !starts_lower_or_digit(&line[words[s].start..words[s].end])
            {
                let limit = b.min(s + MAX_JUNCTION_WORDS + 1);
                if let Some(j) = (s + 2..limit).find(|&j| junction_at(k, line, &words, j)) {
                    if b - j >= 3 {
                        push(&mut cuts, s, j, "heading", InlineRule::Junction);
                    }
                }
            }
            break;
        }
    }

    if rules.has(InlineRule::ShareBar) {
        share_bars(k, line, &words, &mut cuts);
    }
    if rules.has(InlineRule::Tweet) && (line.contains("t.co/") || line.contains('#')) {
        tweets(line, &words, &segments, &mut cuts);
    }
    if rules.has(InlineRule::SignOff) {
        if let Some(start) = sign_off_start(line) {
            let end = line.trim_end().len();
            if start > 0 {
                cuts.push(Cut {
                    start,
                    end,
                    reason: "credit",
                    rule: InlineRule::SignOff,
                });
            }
        }
    }
    merge(cuts)
}

/// Sort cuts and fold overlapping ones into the first.
fn merge(mut cuts: Vec<Cut>) -> Vec<Cut> {
    cuts.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
    let mut out: Vec<Cut> = Vec::with_capacity(cuts.len());
    for c in cuts {
        match out.last_mut() {
            Some(last) if c.start < last.end => {
                last.end = last.end.max(c.end);
                // A share bar or a tweet says more than "a heading ran into the text".
                if last.reason == "heading" {
                    last.reason = c.reason;
                    last.rule = c.rule;
                }
            }
            _ => out.push(c),
        }
    }
    out
}

fn word_spans(line: &str) -> Vec<Word> {
    let base = line.as_ptr() as usize;
    line.split_whitespace()
        .map(|w| {
            let start = w.as_ptr() as usize - base;
            Word {
                start,
                end: start + w.len(),
            }
        })
        .collect()
}

/// A label at the start of segment `[a, b)`: how many words it takes, the reason and the rule.
fn label_at(
    k: &Knowledge,
    line: &str,
    words: &[Word],
    a: usize,
    b: usize,
    rules: RuleSet,
) -> Option<(usize, &'static str, InlineRule)> {
    let start = words[a].start;
    // Labels are short: look for their colon among the segment's first bytes only.
    let mut head_end = (start + 64).min(line.len());
    while !line.is_char_boundary(head_end) {
        head_end -= 1;
    }
    let head = &line[start..head_end];
    let colon = head.find(':')?;
    let words_in = |byte_end: usize| {
        (a..b)
            .take_while(|&i| words[i].start < byte_end)
            .count()
            .max(1)
    };
    if rules.has(InlineRule::Label) {
        let lower = head[..colon + 1].to_lowercase();
        let lower = lower.trim_start_matches(['"', '“', '(', '-', ' ']);
        if let Some(reason) = k.labels.iter().find_map(|(label, reason)| {
            let rest = lower.strip_prefix(label.as_str())?;
            rest.trim().is_empty().then_some(*reason)
        }) {
            let n = words_in(start + colon + 1);
            // "Source:-Al" glues the label to the next word: the label's words end at the colon.
            let glued = line[start + colon + 1..]
                .chars()
                .next()
                .is_some_and(|c| !c.is_whitespace());
            let n = if glued { n - 1 } else { n };
            return Some((n.max(1), reason, InlineRule::Label));
        }
    }
    None
}

/// Runs of social network names ("Facebook Twitter Google+ Whatsapp ...").
fn share_bars(k: &Knowledge, line: &str, words: &[Word], cuts: &mut Vec<Cut>) {
    // Most lines name no network, or one or two in a sentence.
    if k.network_matcher.find_iter(line).take(3).count() < 3 {
        return;
    }
    let kind = |w: &str, in_run: bool| -> Option<bool> {
        // Share words are short; a link only extends a run already started.
        if w.len() <= 16 {
            if let Some(found) = with_lower(w, |lower| k.share_words.get(lower).copied()) {
                return Some(found);
            }
        }
        (in_run && (w.starts_with("http") || w.contains("://"))).then_some(false)
    };
    let mut i = 0;
    while i < words.len() {
        let mut j = i;
        let mut networks = 0;
        while j < words.len() {
            let w = &line[words[j].start..words[j].end];
            let Some(is_network) = kind(w, j > i) else {
                break;
            };
            networks += usize::from(is_network);
            j += 1;
            // A comma makes a list in a sentence ("on Facebook, Twitter and Instagram").
            if w.ends_with([',', ';', '.']) {
                break;
            }
        }
        if networks >= 3 {
            cuts.push(Cut {
                start: words[i].start,
                end: words[j - 1].end,
                reason: "social",
                rule: InlineRule::ShareBar,
            });
        }
        i = j.max(i + 1);
    }
}

/// Embedded tweets: from the segment start to the tweet's link or closing hashtag.
fn tweets(line: &str, words: &[Word], segments: &[(usize, usize)], cuts: &mut Vec<Cut>) {
    for &(a, b) in segments {
        for j in a..b {
            let w = &line[words[j].start..words[j].end];
            let link = w.contains("pic.twitter.com/") || w.contains("t.co/");
            let closing_hashtag = w.starts_with('#')
                && w.len() > 2
                && w[1..].chars().all(char::is_alphanumeric)
                && words
                    .get(j + 1)
                    .is_none_or(|n| starts_upper(&line[n.start..n.end]));
            if (link || closing_hashtag) && j + 1 - a <= 40 {
                cuts.push(Cut {
                    start: words[a].start,
                    end: words[j].end,
                    reason: "social",
                    rule: InlineRule::Tweet,
                });
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line with each cut shown as `[text](reason)`.
    fn render(line: &str) -> String {
        let k = crate::knowledge::for_tests();
        let mut out = String::new();
        let mut at = 0;
        for c in inline_cuts(k, line, RuleSet::all()) {
            out.push_str(&line[at..c.start]);
            out.push_str(&format!("[{}]({})", &line[c.start..c.end], c.reason));
            at = c.end;
        }
        out.push_str(&line[at..]);
        out
    }

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

    #[test]
    fn plain_sentences_keep_every_word() {
        for line in [
            "The minister met reporters in Geneva on Monday. He said the talks would resume in May and that The Hague would host them.",
            "She posted on Facebook, Twitter and Instagram that the group would meet. It did.",
            "CAMEROTA: How about Charleston, congressman? DUFFY: Yes, he was. CAMEROTA: Thank you.",
            "The so-called \"Islamic State\" claimed the attack on Sunday. Police said three died.",
        ] {
            assert_eq!(render(line), line);
        }
    }

    #[test]
    fn issue_19_furniture_inside_a_flattened_paragraph() {
        assert_eq!(
            render("The port reopened on Monday after the storm. READ MORE: Storm closes harbour for a week Dock workers said the cranes were undamaged. Lire aussi : Les dockers en grève Officials said repairs would take a month."),
            "The port reopened on Monday after the storm. [READ MORE: Storm closes harbour for a week](related) Dock workers said the cranes were undamaged. [Lire aussi : Les dockers en grève](related) Officials said repairs would take a month."
        );
        assert_eq!(
            render("Ferries resumed their timetable on Tuesday. Harbour storm: Cranes stand idle for a week The port authority said the cranes would be inspected. Send Facebook Twitter Google+ Whatsapp Tumblr Permalink http://example.org/p/1 The inspection ends on Friday. Source: Port Weekly and news agencies"),
            "Ferries resumed their timetable on Tuesday. [Harbour storm: Cranes stand idle for a week](heading) The port authority said the cranes would be inspected. [Send Facebook Twitter Google+ Whatsapp Tumblr Permalink http://example.org/p/1](social) The inspection ends on Friday. [Source: Port Weekly and news agencies](credit)"
        );
        assert_eq!(
            render("The mayor thanked the crews. Want more stories like this? Sign up for our morning newsletter. Workers in orange vests clear the quay The clean-up cost 2 million euros. jd/ks (AFP, dpa)"),
            "The mayor thanked the crews. [Want more stories like this?](newsletter) [Sign up for our morning newsletter.](newsletter) [Workers in orange vests clear the quay](heading) The clean-up cost 2 million euros. [jd/ks (AFP, dpa)](credit)"
        );
    }

    #[test]
    fn issue_19_tweets_run_into_the_text() {
        assert_eq!(
            render("Crowds gathered at the pier. The pier at dusk #StormNight pic.twitter.com/abc123 The lights came back at ten."),
            "Crowds gathered at the pier. [The pier at dusk #StormNight pic.twitter.com/abc123](social) The lights came back at ten."
        );
    }
}
