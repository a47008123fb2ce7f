//! The `counts` stage: GKG-style counts ("12 people were killed" -> KILL 12 people) and the
//! toll of the article's main happening.
//!
//! A count is a trigger from `data/counts.tsv` ("killed", "wounding", "death toll rose to")
//! with a number next to it, on the side the lexicon allows: to the left across fillers
//! ("48 people have been killed", "three additional SEALs were wounded": up to two words of
//! the counted noun phrase before a passive verb) or to the right across modifiers ("killing
//! at least 48 people"; "lost 200,000 of its citizens" only with a counted noun). A lone
//! victim counts one: "a 23-year-old man was shot and killed" -> KILL 1. Groups joined by
//! "and" add up ("14 men and 11 women" -> 25, its figures 14 and 11); ", including N" after a
//! count is a part of it.
//!
//! Numbers that are something else never count: years, ages ("Smith, 23, was shot", "aged
//! 23"), money ("$5"), percentages, times ("10:30", "5 p.m."), addresses ("1200 Main St"),
//! ordinals and dates ("Sept. 5"), phone numbers (never read as one number).
//!
//! Two lists come out ([`Figures`]):
//! - `counts`, every count statement as GDELT's GKG Counts lists them: every number the text
//!   states, historical and cumulative figures included, one per (type, number) (the first
//!   mention), the figures of a compound one by one. A vague word ("dozens", "thousands of")
//!   and a lone victim ("he was arrested") state no number and are left out.
//! - `toll`, one per type: the figures of the main happening. An article repeats its figures
//!   (the headline, the lead, the summary), and for the types that total one incident (KILL,
//!   WOUND) only the first figure is kept: news puts the main incident first, and later
//!   figures are parts of it ("two of the dead were children") or other incidents of a
//!   round-up - unless the first is vague and a later one exact ("kill dozens" in the title,
//!   "killed 48 people" in the body). (Measured on the GVA dev set when this was chosen: first
//!   0.505 F1, largest 0.498, all 0.480; later, with more patterns: first 0.609, largest
//!   0.599.) Counts in the title (`Count::in_title`) are read first: a headline such as
//!   "Blasts kill dozens" often carries the only figure.

use crate::lexicon::{WordMap, WordSet};
use crate::numbers::{Number, NumberWords};
use crate::scan::{Scan, Shape};
use newsgraph_knowledge::{CalendarKind, CountKind, Knowledge, KnowledgeError};
use newsgraph_model::{Count, Document, EntityType, Layer, Span, Stage, StageError};
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Left,
    Right,
    Both,
    /// The trigger names one victim by itself ("shot himself").
    One,
    /// After it, and only with a counted noun after the number ("lost 200,000 of its
    /// citizens", not "lost 3 games").
    RightObject,
}

impl Side {
    fn left(self) -> bool {
        matches!(self, Side::Left | Side::Both)
    }
    fn right(self) -> bool {
        matches!(self, Side::Right | Side::Both | Side::RightObject)
    }
}

/// Lower-case phrases indexed by their first word, longest first.
struct Phrases<T> {
    by_first: WordMap<&'static str, Vec<(Vec<&'static str>, T)>>,
}

impl<T> Default for Phrases<T> {
    fn default() -> Self {
        Phrases {
            by_first: WordMap::default(),
        }
    }
}

impl<T> Phrases<T> {
    fn insert(&mut self, phrase: &'static str, value: T) {
        let words: Vec<&'static str> = phrase.split(' ').collect();
        let list = self.by_first.entry(words[0]).or_default();
        list.push((words, value));
        list.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    }

    /// The longest phrase starting at word `i` (within its sentence): its end and value.
    fn longest_at(&self, scan: &Scan, i: usize) -> Option<(usize, &T)> {
        let list = self.by_first.get(scan.low(i))?;
        list.iter().find_map(|(words, value)| {
            let end = i + words.len();
            let fits = end <= scan.words.len()
                && (1..words.len())
                    .all(|k| scan.low(i + k) == words[k] && scan.same_sentence(i, i + k));
            fits.then_some((end, value))
        })
    }
}

/// What the stage knows: the phrases of `counts.tsv`, the month and weekday names of
/// `calendar.tsv` and the number words, compiled once from the knowledge layer.
struct Lexicon {
    numbers: NumberWords,
    /// First words of triggers, and every object, person, filler and unit word.
    known_words: WordSet<&'static str>,
    triggers: Phrases<(&'static str, Side)>,
    objects: Phrases<()>,
    /// Every word of every object phrase: they may stand between a number and its trigger.
    object_words: WordSet<&'static str>,
    persons: WordSet<&'static str>,
    fillers: WordSet<&'static str>,
    links: WordSet<&'static str>,
    pronouns: WordSet<&'static str>,
    possessives: WordSet<&'static str>,
    modifiers: Phrases<bool>,
    units: WordSet<&'static str>,
    stops: WordSet<&'static str>,
    months: WordSet<&'static str>,
    /// Weekday names: a capitalised weekday after a number is no street ("arrested 17
    /// Wednesday").
    weekdays: WordSet<&'static str>,
}

impl Lexicon {
    fn new(k: &Knowledge) -> Result<Lexicon, KnowledgeError> {
        let mut lex = Lexicon {
            numbers: NumberWords::new(k)?,
            known_words: WordSet::default(),
            triggers: Phrases::default(),
            objects: Phrases::default(),
            object_words: WordSet::default(),
            persons: WordSet::default(),
            fillers: WordSet::default(),
            links: WordSet::default(),
            pronouns: WordSet::default(),
            possessives: WordSet::default(),
            modifiers: Phrases::default(),
            units: WordSet::default(),
            stops: WordSet::default(),
            months: WordSet::default(),
            weekdays: WordSet::default(),
        };
        for row in k.counts()? {
            let phrase = row.phrase;
            match row.kind {
                CountKind::Trigger => {
                    let side = match row.direction {
                        "left" => Side::Left,
                        "right" => Side::Right,
                        "one" => Side::One,
                        "right_object" => Side::RightObject,
                        _ => Side::Both,
                    };
                    lex.triggers.insert(phrase, (row.ty, side));
                }
                CountKind::Object => {
                    lex.objects.insert(phrase, ());
                    lex.object_words.extend(phrase.split(' '));
                }
                CountKind::Person => {
                    lex.persons.insert(phrase);
                }
                CountKind::Filler => lex.fillers.extend(phrase.split(' ')),
                CountKind::Link => lex.links.extend(phrase.split(' ')),
                CountKind::Pronoun => {
                    lex.pronouns.insert(phrase);
                }
                CountKind::Possessive => {
                    lex.possessives.insert(phrase);
                }
                CountKind::Modifier => lex.modifiers.insert(phrase, row.ty == "approx"),
                CountKind::Unit => {
                    lex.units.insert(phrase);
                }
                CountKind::Stop => {
                    lex.stops.insert(phrase);
                }
            }
        }
        for row in k.calendar()? {
            match row.kind {
                CalendarKind::Month => {
                    lex.months.insert(row.word);
                }
                CalendarKind::Weekday => {
                    lex.weekdays.insert(row.word);
                }
                _ => {}
            }
        }
        let mut known: Vec<&'static str> = lex.triggers.by_first.keys().copied().collect();
        known.extend(
            lex.object_words
                .iter()
                .chain(&lex.persons)
                .chain(&lex.fillers),
        );
        known.extend(lex.units.iter());
        lex.known_words.extend(known);
        Ok(lex)
    }

    /// Whether a word is one of the lexicon's (a trigger's first word, an object ...).
    fn known(&self, word: &str) -> bool {
        self.known_words.contains(word)
    }
}

/// A count found in one text (body or title), before the article-level choice.
#[derive(Debug, Clone, PartialEq)]
struct Found {
    kind: &'static str,
    number: i64,
    approximate: bool,
    object: Option<String>,
    span: Span,
    in_title: bool,
    /// The figure is a vague word ("dozens", "thousands of"), no number the text states.
    vague: bool,
    /// The text states a number (not a lone victim counted one: "he was arrested").
    stated: bool,
    /// The figures a compound adds up ("14 men and 11 women" -> 14 and 11), each with its
    /// words; empty for one.
    parts: Vec<(i64, Span)>,
    /// A part of the figure before it ("..., including 100,000 since March"), never a total.
    subset: bool,
}

/// How many words of a counted noun phrase nobody listed may stand between a number and a
/// passive trigger ("three additional SEALs were wounded").
const DESCRIBED_WORDS: usize = 2;

/// Whether the number `n` is a count of something, not a year, age, amount, time or address.
fn is_count_number(scan: &Scan, n: &Number, lex: &Lexicon) -> bool {
    let before = scan.gap_before(n.start);
    if before.ends_with(['$', '#', '£', '€']) || before.trim_end().ends_with(['$', '#', '£', '€'])
    {
        return false;
    }
    let after = scan.gap_after(n.end - 1);
    if after.starts_with(['%', ':', '/']) || after.starts_with(".m") {
        return false;
    }
    let first = &scan.words[n.start];
    if first.shape == Shape::Digits {
        let digits = scan.low(n.start);
        // A year, unless it counts something ("2000 people").
        let year_like =
            digits.len() == 4 && !digits.contains(',') && (1900..=2100).contains(&n.value);
        let counted = n.end < scan.words.len() && lex.object_words.contains(scan.low(n.end));
        if year_like && !counted {
            return false;
        }
        // An age in apposition: "John Smith, 23, was shot".
        if before.trim_end().ends_with(',')
            && (after.starts_with(',') || after.starts_with(" years"))
        {
            return false;
        }
        // After a capitalised word mid-sentence: "Route 9", "Channel 4", "Sept 5".
        // A modifier is no name, capitalised or not ("Around 25,000 demonstrators").
        if n.start > 0 && scan.same_sentence(n.start - 1, n.start) && before.trim().is_empty() {
            let prev = scan.low(n.start - 1);
            let modifier = lex
                .modifiers
                .longest_at(scan, n.start - 1)
                .is_some_and(|(end, _)| end == n.start);
            if lex.months.contains(prev)
                || (scan.capitalized(n.start - 1)
                    && !modifier
                    && prev.len() > 1
                    && n.start - 1 > scan.sentence_of(n.start).start)
            {
                return false;
            }
        }
        // Before a capitalised word: "1200 Main Street" (but not "4 Shot, 2 Killed", nor
        // "arrested 17 Wednesday").
        if n.end < scan.words.len()
            && scan.same_sentence(n.start, n.end)
            && scan.capitalized(n.end)
            && !lex.known(scan.low(n.end))
            && !lex.weekdays.contains(scan.low(n.end))
        {
            return false;
        }
    }
    if n.start > 0
        && scan.same_sentence(n.start - 1, n.start)
        && lex.stops.contains(scan.low(n.start - 1))
    {
        return false;
    }
    if n.end < scan.words.len()
        && scan.same_sentence(n.start, n.end)
        && lex.units.contains(scan.low(n.end))
    {
        return false;
    }
    true
}

/// The number ending right before word `end` (exclusive), preferring the longest reading.
fn number_ending_at(scan: &Scan, end: usize, floor: usize, lex: &Lexicon) -> Option<Number> {
    let lowest = end.saturating_sub(4).max(floor);
    (lowest..end).find_map(|s| lex.numbers.read(scan, s).filter(|n| n.end == end))
}

/// The object phrase starting at word `i` ("people", "police officers"), if any.
fn object_at(scan: &Scan, i: usize, lex: &Lexicon) -> Option<(usize, String)> {
    if i >= scan.words.len() {
        return None;
    }
    let (end, _) = lex.objects.longest_at(scan, i)?;
    let span = Span::new(scan.words[i].start, scan.words[end - 1].end);
    Some((end, scan.lower[span.start..span.end].to_string()))
}

/// Whether word `i` names one person: a person noun, or an age used as one ("a 5-year-old").
fn is_person(scan: &Scan, i: usize, lex: &Lexicon) -> bool {
    let low = scan.low(i);
    lex.persons.contains(low) || (scan.words[i].shape == Shape::Mixed && low.ends_with("-year-old"))
}

/// Look left of a trigger starting at word `t` for its number (or a lone victim).
///
/// A pronoun before a transitive trigger ("killed", "shot") needs a passive verb between: "he
/// was shot" is a victim, "he shot" is not.
fn left_count(
    scan: &Scan,
    t: usize,
    transitive: bool,
    lex: &Lexicon,
) -> Option<(Number, Option<String>, Vec<Number>)> {
    let sentence = scan.sentence_of(t);
    let mut j = t;
    let floor = t.saturating_sub(8).max(sentence.start);
    let (mut singular, mut plural, mut passive) = (false, false, false);
    let mut described = 0;
    while j > floor {
        let w = j - 1;
        if let Some(n) = number_ending_at(scan, j, sentence.start, lex) {
            if !is_count_number(scan, &n, lex) {
                return None;
            }
            let object = (n.end..t)
                .find_map(|k| object_at(scan, k, lex))
                .map(|(_, o)| o);
            let (all, parts) = with_compound(scan, n, sentence.start, lex);
            return Some((all, object, parts));
        }
        let low = scan.low(w);
        if is_person(scan, w, lex) {
            let victim = lone_victim(scan, w, sentence.start, lex)?;
            let (all, parts) = with_compound(scan, victim, sentence.start, lex);
            // "two adults and a child were shot" is three; "a child were shot" is not one.
            if plural && all.value == victim.value {
                // "four people including a child were shot": the count is before "including".
                let lowest = all.start.saturating_sub(3).max(floor);
                match (lowest..all.start)
                    .rev()
                    .find(|&k| scan.low(k) == "including")
                {
                    Some(k) => {
                        j = k;
                        continue;
                    }
                    None => return None,
                }
            }
            return Some((all, Some(low.to_string()), parts));
        }
        // "women and children were killed": a list of counted nouns.
        let listed = low == "and"
            && w > floor
            && lex.object_words.contains(scan.low(w - 1))
            && lex.object_words.contains(scan.low(w + 1));
        if !(lex.fillers.contains(low) || lex.object_words.contains(low) || listed) {
            // "he was arrested", "she later died", "Juliet Lynch was killed": one person.
            let name = scan.capitalized(w) && w > sentence.start && singular;
            let pronoun = lex.pronouns.contains(low) && (passive || !transitive);
            if !plural && (pronoun || name) {
                return Some((
                    Number {
                        value: 1,
                        approximate: false,
                        start: w,
                        end: w + 1,
                    },
                    None,
                    Vec::new(),
                ));
            }
            // "three additional SEALs were wounded": up to two words of the counted noun
            // phrase nobody listed, between a number and a passive verb.
            let plain =
                scan.gap_after(w).trim().is_empty() && scan.low(w).chars().all(char::is_alphabetic);
            if plural && passive && plain && described < DESCRIBED_WORDS {
                described += 1;
                j = w;
                continue;
            }
            return None;
        }
        singular |= low == "was";
        plural |= low == "were";
        passive |= matches!(low, "was" | "is" | "were" | "are" | "been" | "being");
        // A clause break (", who", "; police") ends the search.
        if scan.gap_after(w).contains([';', ':', '(', ')']) {
            return None;
        }
        j = w;
    }
    None
}

/// A count joined to the group before it: "two children and [an adult]" -> 3, with the
/// figures it adds up ("14 men and 11 women" -> [14, 11]; empty when nothing is joined).
fn with_compound(scan: &Scan, n: Number, floor: usize, lex: &Lexicon) -> (Number, Vec<Number>) {
    let joined = n.start >= floor + 2
        && scan.low(n.start - 1) == "and"
        && scan.gap_after(n.start - 2).trim().is_empty();
    if !joined {
        return (n, Vec::new());
    }
    let mut end = n.start - 1;
    // Skip the first group's nouns: "two [young children] and".
    for _ in 0..2 {
        if end > floor && lex.object_words.contains(scan.low(end - 1)) {
            end -= 1;
        }
    }
    if end == n.start - 1 {
        return (n, Vec::new());
    }
    match number_ending_at(scan, end, floor, lex) {
        Some(first) if is_count_number(scan, &first, lex) && !first.approximate => (
            Number {
                value: first.value + n.value,
                approximate: n.approximate,
                start: first.start,
                end: n.end,
            },
            vec![first, n],
        ),
        _ => (n, Vec::new()),
    }
}

/// "a 23-year-old man", "his wife", "the victim": one person, ending at word `p`.
fn lone_victim(scan: &Scan, p: usize, floor: usize, lex: &Lexicon) -> Option<Number> {
    let lowest = p.saturating_sub(4).max(floor);
    for k in (lowest..p).rev() {
        if lex.possessives.contains(scan.low(k)) {
            return Some(Number {
                value: 1,
                approximate: false,
                start: k,
                end: p + 1,
            });
        }
        if scan.gap_after(k).contains([',', ';', '.']) {
            break;
        }
    }
    None
}

/// Look right of a trigger ending before word `e` for its number.
///
/// Groups joined by "and" add up: "the deaths of a mother and her two children" -> 3.
fn right_count(
    scan: &Scan,
    e: usize,
    lex: &Lexicon,
) -> Option<(Number, bool, Option<String>, Vec<Number>)> {
    let (mut n, approx, object) = right_group(scan, e, 4, lex)?;
    let mut parts = vec![n];
    loop {
        // The group's counted nouns, then "and": "killed 14 men and 11 women".
        let mut and = n.end;
        while and < scan.words.len()
            && and < n.end + 2
            && lex.object_words.contains(scan.low(and))
            && scan.gap_before(and).trim().is_empty()
        {
            and += 1;
        }
        let joined = and + 1 < scan.words.len()
            && scan.low(and) == "and"
            && scan.same_sentence(n.start, and + 1)
            && scan.gap_before(and).trim().is_empty();
        if !joined {
            break;
        }
        match right_group(scan, and + 1, 2, lex) {
            Some((more, _, _)) if !more.approximate && !n.approximate => {
                parts.push(more);
                n = Number {
                    value: n.value + more.value,
                    end: more.end,
                    ..n
                };
            }
            _ => break,
        }
    }
    if parts.len() == 1 {
        parts.clear();
    }
    Some((n, approx, object, parts))
}

/// One group right of word `e`: a number, or a lone victim, within `reach` words.
fn right_group(
    scan: &Scan,
    e: usize,
    reach: usize,
    lex: &Lexicon,
) -> Option<(Number, bool, Option<String>)> {
    let mut j = e;
    let mut approx = false;
    let limit = e + reach;
    while j < scan.words.len() && j < limit && scan.same_sentence(e - 1, j) {
        // "one killed, five wounded": a clause break ends the search.
        if scan.gap_before(j).contains([',', ';', ':', '(', ')']) {
            return None;
        }
        if let Some(n) = lex.numbers.read(scan, j) {
            if !is_count_number(scan, &n, lex) {
                return None;
            }
            let mut k = n.end;
            if k < scan.words.len() && scan.low(k) == "of" {
                k += 1;
                // "of its citizens", "of their soldiers"
                if k < scan.words.len() && lex.possessives.contains(scan.low(k)) {
                    k += 1;
                }
            }
            let object = object_at(scan, k, lex).map(|(_, o)| o);
            return Some((n, approx, object));
        }
        if let Some((end, &is_approx)) = lex.modifiers.longest_at(scan, j) {
            approx |= is_approx;
            j = end;
            continue;
        }
        let low = scan.low(j);
        if lex.possessives.contains(low) {
            // "killing his wife", "wounding a 23-year-old man"
            let last = (j + 5).min(scan.words.len());
            for p in j + 1..last {
                if !scan.same_sentence(j, p) {
                    break;
                }
                if is_person(scan, p, lex) {
                    let n = Number {
                        value: 1,
                        approximate: false,
                        start: j,
                        end: p + 1,
                    };
                    return Some((n, false, Some(scan.low(p).to_string())));
                }
                // "her two children"
                if let Some(n) = lex
                    .numbers
                    .read(scan, p)
                    .filter(|n| is_count_number(scan, n, lex))
                {
                    let (end, object) = match object_at(scan, n.end, lex) {
                        Some((end, o)) => (end, Some(o)),
                        None => (n.end, None),
                    };
                    return Some((Number { start: j, end, ..n }, n.approximate, object));
                }
                if scan.gap_after(p).contains([',', ';', '.']) {
                    break;
                }
            }
            return None;
        }
        if !lex.links.contains(low) {
            return None;
        }
        j += 1;
    }
    None
}

/// The words of one figure of a compound: its number and the counted nouns after it ("11
/// women and children").
fn part_span(scan: &Scan, part: &Number, lex: &Lexicon) -> Span {
    let mut end = part.end;
    while end < scan.words.len()
        && (lex.object_words.contains(scan.low(end))
            || (scan.low(end) == "and"
                && end + 1 < scan.words.len()
                && lex.object_words.contains(scan.low(end + 1))))
        && scan.gap_before(end).trim().is_empty()
    {
        end += 1;
    }
    Span::new(scan.words[part.start].start, scan.words[end - 1].end)
}

/// How many words after a count "including" and its number may stand.
const INCLUDING_REACH: usize = 10;

/// The number of ", including [more than] N" right after a count ending before word `from`
/// (within its sentence, ending before `limit`).
fn including(scan: &Scan, from: usize, limit: usize, lex: &Lexicon) -> Option<Number> {
    let at = (from..(from + INCLUDING_REACH).min(limit)).find(|&k| scan.low(k) == "including")?;
    let mut j = at + 1;
    while let Some((end, _)) = lex.modifiers.longest_at(scan, j) {
        j = end;
    }
    if j >= limit {
        return None;
    }
    lex.numbers
        .read(scan, j)
        .filter(|n| n.end <= limit && is_count_number(scan, n, lex))
}

/// Every count in one text.
fn find_counts(scan: &Scan, lex: &Lexicon, in_title: bool, out: &mut Vec<Found>) {
    // How far the counts found so far reach (the furthest end up to each), so that whether a
    // number is taken is read back from the last count only while one could hold it.
    let mut reach: Vec<usize> = out
        .iter()
        .scan(0, |furthest, f| {
            *furthest = f.span.end.max(*furthest);
            Some(*furthest)
        })
        .collect();
    let mut i = 0;
    while i < scan.words.len() {
        let Some((end, &(kind, side))) = lex.triggers.longest_at(scan, i) else {
            i += 1;
            continue;
        };
        let mut found = None;
        if side == Side::One {
            found = Some((
                i,
                end,
                Number {
                    value: 1,
                    approximate: false,
                    start: i,
                    end,
                },
                false,
                None,
                Vec::new(),
            ));
        }
        if side.right() {
            if let Some((n, approx, object, parts)) = right_count(scan, end, lex)
                .filter(|(_, _, object, _)| side != Side::RightObject || object.is_some())
            {
                found = Some((i, n.end, n, approx, object, parts));
            }
        }
        if found.is_none() && side.left() {
            if let Some((n, object, parts)) = left_count(scan, i, side == Side::Both, lex) {
                found = Some((n.start, end, n, false, object, parts));
            }
        }
        // A number another count already took is not this one's ("killed 400,000 people
        // and displaced millions": the 400,000 are the killed).
        let taken = |n: &Number| {
            let at = scan.words[n.start].start;
            (0..out.len())
                .rev()
                .take_while(|&k| reach[k] > at)
                .map(|k| &out[k])
                .any(|f| f.in_title == in_title && f.span.start <= at && at < f.span.end)
        };
        if let Some((a, b, n, approx, object, parts)) = found.filter(|f| !taken(&f.2)) {
            let sentence = scan.sentence_of(n.start);
            let subset = including(scan, b.max(n.end), sentence.end, lex);
            out.push(Found {
                kind,
                number: n.value,
                approximate: n.approximate || approx,
                object,
                span: Span::new(scan.words[a].start, scan.words[b - 1].end),
                in_title,
                vague: n.approximate,
                stated: n.start < n.end && lex.numbers.read(scan, n.start).is_some(),
                parts: parts
                    .iter()
                    .map(|part| (part.value, part_span(scan, part, lex)))
                    .collect(),
                subset: false,
            });
            // ", including more than 100,000 since March": a part of the same figure, listed
            // as a count of its own but no total of the happening.
            if let Some(part) = subset {
                out.push(Found {
                    kind,
                    number: part.value,
                    approximate: part.approximate,
                    object: None,
                    span: Span::new(scan.words[part.start].start, scan.words[part.end - 1].end),
                    in_title,
                    vague: part.approximate,
                    stated: true,
                    parts: Vec::new(),
                    subset: true,
                });
            }
            while let Some(f) = out.get(reach.len()) {
                reach.push(f.span.end.max(reach.last().copied().unwrap_or(0)));
            }
        }
        i = end;
    }
}

/// Types whose figures all describe one incident: only the first mention is kept.
fn incident_total(kind: &str) -> bool {
    matches!(kind, "KILL" | "WOUND" | "SHOT")
}

/// Keep one count per (type, number), and only the first of incident-total types; turn
/// SHOT (killed and wounded together) into WOUND when the article gives no wound figure.
fn choose(found: Vec<Found>) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    // What `out` holds, and where the first figure of each kind is, without reading it all.
    let mut held: HashSet<(&'static str, i64)> = HashSet::new();
    let mut first_of_kind: HashMap<&'static str, usize> = HashMap::new();
    for f in found.into_iter().filter(|f| !f.subset) {
        if held.contains(&(f.kind, f.number)) {
            continue;
        }
        if incident_total(f.kind) {
            if let Some(&pos) = first_of_kind.get(f.kind) {
                // An exact figure beats a vague one met first ("blasts kill dozens" ... "killed
                // at least 48 people").
                if out[pos].approximate && !f.approximate {
                    held.remove(&(out[pos].kind, out[pos].number));
                    held.insert((f.kind, f.number));
                    out[pos] = f;
                }
                continue;
            }
        }
        held.insert((f.kind, f.number));
        first_of_kind.entry(f.kind).or_insert(out.len());
        out.push(f);
    }
    if let Some(pos) = out.iter().position(|o| o.kind == "SHOT") {
        let mut shot = out.remove(pos);
        let has_wound = out.iter().any(|o| o.kind == "WOUND");
        let killed = out
            .iter()
            .find(|o| o.kind == "KILL")
            .map_or(0, |o| o.number);
        if !has_wound && shot.number > killed {
            shot.kind = "WOUND";
            shot.number -= killed;
            shot.approximate |= killed > 0;
            out.push(shot);
        }
    }
    out
}

/// The mentions of LOCATION entities in text order, to find those inside a sentence without
/// reading every mention of the document for each count.
struct PlaceMentions(Vec<(Span, usize)>);

impl PlaceMentions {
    fn of(doc: &Document) -> Self {
        let mut all: Vec<(Span, usize)> = doc
            .entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind_type == EntityType::Location)
            .flat_map(|(i, e)| e.mentions.iter().map(move |&m| (m, i)))
            .collect();
        all.sort_unstable_by_key(|&(m, i)| (m.start, i));
        PlaceMentions(all)
    }

    /// The index of the first LOCATION entity (in entity order) mentioned inside `range`.
    fn first_inside(&self, range: Span) -> Option<usize> {
        let from = self.0.partition_point(|(m, _)| m.start < range.start);
        self.0[from..]
            .iter()
            .take_while(|(m, _)| m.start < range.end)
            .filter(|(m, _)| range.contains(*m))
            .map(|&(_, i)| i)
            .min()
    }
}

/// What the counts stage finds in one document.
#[derive(Debug, Clone, Default)]
pub struct Figures {
    /// Every count statement (title first), one per (type, number), as GKG Counts lists them.
    pub counts: Vec<Count>,
    /// The figures of the main happening, one per type.
    pub toll: Vec<Count>,
}

/// Every count statement of a document and the toll of its main happening.
fn counts_of(doc: &Document, lex: &Lexicon) -> Figures {
    let mut found = Vec::new();
    if let Some(title) = doc.title.as_deref() {
        find_counts(&Scan::new(title), lex, true, &mut found);
    }
    Scan::with_document(doc, |scan| {
        find_counts(scan, lex, false, &mut found);
        let places = PlaceMentions::of(doc);
        let to_count = |f: &Found| {
            let location = if f.in_title {
                None
            } else {
                let first = scan.words.partition_point(|w| w.start < f.span.start);
                let words = (first < scan.words.len()).then(|| scan.sentence_of(first));
                words.and_then(|r| {
                    let (a, b) = (
                        scan.words.get(r.start)?,
                        scan.words.get(r.end.checked_sub(1)?)?,
                    );
                    places.first_inside(Span::new(a.start, b.end))
                })
            };
            Count {
                kind: f.kind.to_string(),
                number: f.number,
                approximate: f.approximate,
                object: f.object.clone(),
                span: f.span,
                location,
                in_title: f.in_title,
            }
        };
        // Counts: every number the text states for a happening, as GKG Counts lists them: a
        // vague word ("dozens") or a lone victim ("he was arrested") states none, and the
        // figures of a compound are listed one by one ("14 men and 11 women": 14 and 11).
        let mut all: Vec<Count> = Vec::new();
        let mut listed: HashSet<(&str, i64)> = HashSet::new();
        for f in found
            .iter()
            .filter(|f| f.kind != "SHOT" && f.stated && !f.vague)
        {
            let whole = [(f.number, f.span)];
            let figures = if f.parts.is_empty() {
                &whole[..]
            } else {
                f.parts.as_slice()
            };
            for &(number, span) in figures {
                if listed.insert((f.kind, number)) {
                    all.push(Count {
                        number,
                        span,
                        ..to_count(f)
                    });
                }
            }
        }
        // Toll: the main happening's figures, a lone victim and a vague word included.
        let mut toll: Vec<Count> = Vec::new();
        for c in choose(found).iter().map(to_count) {
            if !toll.iter().any(|t| t.kind == c.kind) {
                toll.push(c);
            }
        }
        all.sort_by_key(|c| (!c.in_title, c.span.start));
        Figures { counts: all, toll }
    })
}

/// The `counts` stage.
pub struct Counts {
    lex: Lexicon,
}

impl Counts {
    /// The stage, with the count lexicon, calendar and number words of `k`.
    pub fn new(k: &Knowledge) -> Result<Counts, KnowledgeError> {
        Ok(Counts {
            lex: Lexicon::new(k)?,
        })
    }

    /// Every count statement of a document and the toll of its main happening.
    pub fn figures(&self, doc: &Document) -> Figures {
        counts_of(doc, &self.lex)
    }
}

impl Stage for Counts {
    fn name(&self) -> &'static str {
        "counts"
    }
    /// Entities are read when present (the place of a count) but not required: a count needs
    /// none, and the CLI runs `ner` before this crate anyway. Requiring them would refuse a
    /// pipeline without `ner` for the sake of an optional field.
    fn requires(&self) -> &'static [Layer] {
        &[
            Layer::Text,
            Layer::Sentences,
            Layer::Metadata,
            Layer::Entities,
        ]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Counts]
    }
    fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        let Figures { counts, toll } = self.figures(doc);
        (doc.counts, doc.toll) = (counts, toll);
        Ok(())
    }
}

#[cfg(test)]
mod tests;
