//! [`inline_cuts`]: furniture inside one line, rule by rule (see the parent module's docs for
//! what each [`InlineRule`] looks for).

use super::forms::{
    ends_sentence_word, headline_end, junction_at, sentence_opens, starts_lower_or_digit,
    starts_upper, topic_after_fragment, topic_words, with_lower, HeadlineEnd, Word, CLOSERS,
};
use super::{furniture_rule, sign_off_start, Cut, InlineRule, RuleSet};
use crate::knowledge::{RuleKind, TextKnowledge as Knowledge};

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
    // A segment holds a tweet's link only if its line does: one look per line.
    let line_has_short_link = line.contains("t.co/");
    let line_has_link = line_has_short_link || line.contains("pic.twitter.com/");
    let mut after_headlines = false;
    for (si, &(a, b)) in segments.iter().enumerate() {
        let seg_text = &line[words[a].start..words[b - 1].end];
        let trimmed = seg_text.trim_start_matches(['"', '“', '?', '(', '-', '–', '—', ' ']);
        let trimmed = trimmed.trim_end_matches([')', ' ']);
        // A whole segment a line rule would remove.
        let has_tweet_link =
            line_has_link && (seg_text.contains("pic.twitter.com/") || seg_text.contains("t.co/"));
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
    if rules.has(InlineRule::Tweet) && (line_has_short_link || line.contains('#')) {
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

/// The white-space separated words of a line (the words of `str::split_whitespace`), found
/// byte by byte: only a non-ASCII character is decoded to ask whether it is white space.
fn word_spans(line: &str) -> Vec<Word> {
    let bytes = line.as_bytes();
    let mut words = Vec::with_capacity(bytes.len() / 5 + 1);
    // White space at byte `i`: its width, or `None` when a word character is there.
    let white_at = |i: usize| -> Option<usize> {
        let b = bytes[i];
        if b < 0x80 {
            (b as char).is_whitespace().then_some(1)
        } else {
            let c = line[i..].chars().next().unwrap_or(' ');
            c.is_whitespace().then_some(c.len_utf8())
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        if let Some(width) = white_at(i) {
            i += width;
            continue;
        }
        let start = i;
        while i < bytes.len() {
            // Printable ASCII never ends a word.
            if (0x21..0x7f).contains(&bytes[i]) {
                i += 1;
            } else if white_at(i).is_some() {
                break;
            } else {
                i += line[i..].chars().next().map_or(1, char::len_utf8);
            }
        }
        words.push(Word { start, end: i });
    }
    words
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
    fn word_spans_are_the_split_whitespace_words() {
        for line in [
            "",
            "   ",
            "one",
            "  two  words ",
            "tab\tand\u{a0}no-break\u{2003}em\u{3000}ideographic\u{85}next\u{b}vt",
            "Zürich’s “élite” 5€ — ok’ \u{200b}zero-width",
        ] {
            let base = line.as_ptr() as usize;
            let want: Vec<(usize, usize)> = line
                .split_whitespace()
                .map(|w| {
                    (
                        w.as_ptr() as usize - base,
                        w.as_ptr() as usize - base + w.len(),
                    )
                })
                .collect();
            let got: Vec<(usize, usize)> =
                word_spans(line).iter().map(|w| (w.start, w.end)).collect();
            assert_eq!(got, want, "{line:?}");
        }
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
