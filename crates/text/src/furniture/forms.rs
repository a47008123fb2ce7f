//! The forms furniture is recognised by inside a line: where a sentence ends (not at "U.S."
//! or "Gen."), where the next one visibly starts, and where a headline run into the text ends.

use crate::knowledge::TextKnowledge as Knowledge;
/// One whitespace-separated word of a line: byte range.
#[derive(Debug, Clone, Copy)]
pub(super) struct Word {
    pub(super) start: usize,
    pub(super) end: usize,
}

/// Closing marks that may follow a sentence's final punctuation (and the dash some scrapes
/// put where a line break was: "said.-").
pub(super) const CLOSERS: &[char] = &['"', '”', '’', '\'', '»', ')', ']', '-', '–', '—'];

/// Whether a word ends a sentence: final `.`, `!`, `?` or `…` before closing marks, and not
/// an abbreviation or an initial ("U.S.", "Gen.", "W.").
pub(super) fn ends_sentence_word(k: &Knowledge, w: &str) -> bool {
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
pub(super) fn with_lower<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
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

pub(super) fn starts_lower_or_digit(w: &str) -> bool {
    w.chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
}

pub(super) fn starts_upper(w: &str) -> bool {
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
pub(super) fn junction_at(k: &Knowledge, line: &str, words: &[Word], j: usize) -> bool {
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
pub(super) fn headline_end(
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
pub(super) enum HeadlineEnd {
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
pub(super) fn sentence_opens(k: &Knowledge, line: &str, words: &[Word], i: usize) -> bool {
    let text = |j: usize| words.get(j).map(|w| &line[w.start..w.end]);
    text(i).is_some_and(|w| is_opener(k, w)) && text(i + 1).is_some_and(starts_lower_or_digit)
}

/// Word `t` starts "Topic: headline" right after a fragment: the word before ends without
/// punctuation (a lower-case content word or a closing quotation mark), one to three
/// capitalised topic words end in a colon, and no quotation opens after it (that is speech:
/// 'told Al Jazeera: "We ...').
pub(super) fn topic_after_fragment(
    k: &Knowledge,
    line: &str,
    words: &[Word],
    t: usize,
    b: usize,
) -> bool {
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
pub(super) fn topic_words(
    k: &Knowledge,
    line: &str,
    words: &[Word],
    a: usize,
    b: usize,
) -> Option<usize> {
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
