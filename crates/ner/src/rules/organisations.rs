//! Organisation names completed around their designator words, and numbered units.
//!
//! A tagger trained on news wire knows short organisation names well and long ones badly: it
//! cuts "American College of Obstetricians" into a demonym and "Obstetricians", "Washington
//! Metropolitan Area Transit Authority" into a place and a tail, and leaves the ordinal off
//! "82nd Airborne Division". A designator word ("Association", "Authority", "Division", listed as
//! `org` in `data/ner-words.tsv`) anchors the name; the capitalised words run together with it
//! belong to it. Input: the document's tokens and mentions; output: the same mentions with
//! such names made whole (the pieces they swallow removed). No I/O.

use super::{sort, token_range, Context, Mention, Reads};
use crate::features::flag;
use crate::lexicon::class;
use newsgraph_knowledge::CalendarKind;
use newsgraph_model::{EntityType, Span};

rule!(
    /// "American College of Obstetricians and Gynecologists", "82nd Airborne Division": the
    /// capitalised words around an organisation designator belong to its name.
    DesignatedNames,
    "designated_names",
    [
        Reads::Tokens,
        Reads::Facts,
        Reads::Misc,
        Reads::Gazetteer,
        Reads::Words("ner-words.tsv"),
        Reads::Words("definition-words.tsv"),
        Reads::Words("calendar.tsv"),
    ],
    |cx, found| {
        complete_designated_names(cx, &found.misc, &mut found.mentions);
    }
);

rule!(
    /// "The 139th was formed at Camp Howe": a repeated ordinal before a verb is a numbered
    /// unit's short name.
    NumberedUnits,
    "numbered_units",
    [Reads::Tokens, Reads::Words("definition-words.tsv")],
    |cx, found| {
        add_numbered_units(cx, &mut found.mentions);
    }
);
/// A capitalised word (with lower-case letters: not a shouted headline) that ends or marks
/// organisation names and is no surname ("Association", "Institute"; not "Church"), by its
/// name classes (`classes`, from [`crate::features::TokenInfo::words`] or [`crate::lexicon::NameClasses::classes`]).
fn is_designator(word: &str, classes: u8) -> bool {
    classes & class::ORG != 0
        && classes & class::SURNAME == 0
        && word.starts_with(char::is_uppercase)
        && word.chars().any(char::is_lowercase)
}

/// "82nd", "3rd", "62d": an ordinal opens a unit's name ("82nd Airborne Division").
pub(crate) fn is_ordinal(word: &str) -> bool {
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && matches!(&word[digits..], "st" | "nd" | "rd" | "th" | "d")
}

/// Completes organisation names around their designators (see the module doc). `mentions`
/// must be sorted by start.
pub(crate) fn complete_designated_names(cx: &Context, misc: &[Span], mentions: &mut Vec<Mention>) {
    let (lex, text, tokens, infos) = (cx.lex, cx.text, cx.tokens, cx.infos);
    let word = |i: usize| &text[tokens[i].span.start..tokens[i].span.end];
    // The name classes first: most tokens are no designator, and their text need not be cut.
    let designator =
        |i: usize| infos[i].words & class::ORG != 0 && is_designator(word(i), infos[i].words);
    let band = |i: usize| infos[i].caps.checked_sub(1);
    let joined = |i: usize| text.get(tokens[i].span.end..tokens[i + 1].span.start) == Some(" ");
    // Mentions are sorted and do not overlap: the one holding a token is found by bisection.
    let holder = |mentions: &[Mention], i: usize| {
        let t = tokens[i].span;
        let after = mentions.partition_point(|m| m.span.start <= t.start);
        after
            .checked_sub(1)
            .filter(|&h| t.end <= mentions[h].span.end)
    };
    // A capitalised word that may stand inside a name: no function word, no office ("Sheriff"
    // of "Seminole County Sheriff Don Eslinger"), and at a sentence's start only a word that
    // the corpus mostly capitalises ("Yesterday Harvard University" keeps "Yesterday" out).
    // Hyphenated words are adjectives or ranks ("Minneapolis-based", "Twenty-fourth").
    let name_word = |i: usize| {
        let w = word(i);
        if !w.starts_with(char::is_uppercase)
            || !w.chars().any(char::is_lowercase)
            || w.contains('-')
            || lex.definitions.is_function_word(&w.to_lowercase())
            || lex.names.is_title(w)
            || lex.is_calendar_word(w, CalendarKind::Month)
            || lex.is_calendar_word(w, CalendarKind::Weekday)
        {
            return false;
        }
        let sentence_start = i == 0 || tokens[i - 1].sentence != tokens[i].sentence;
        !sentence_start || band(i).is_some_and(|band| band >= 3)
    };
    let mut i = 0;
    while i < tokens.len() {
        if !designator(i) {
            i += 1;
            continue;
        }
        let held = holder(mentions, i);
        let t = tokens[i].span;
        // Inside a name of another kind, or a MISC name ("American League" is a competition).
        // A designator that the tagger left out and that more capitalised words follow is an
        // adjective of a longer name ("Hong Kong Financial Secretary", "Music Awards").
        let anchored = match held {
            Some(h) => mentions[h].ty == EntityType::Organization,
            None => {
                let in_misc = misc.iter().any(|m| m.start < t.end && t.start < m.end);
                let name_goes_on = i + 1 < tokens.len()
                    && joined(i)
                    && word(i + 1).starts_with(char::is_uppercase);
                !in_misc && !name_goes_on
            }
        };
        if !anchored {
            i += 1;
            continue;
        }
        let (mut first, mut last) = held
            .and_then(|h| token_range(tokens, mentions[h].span))
            .unwrap_or((i, i));
        // Leftwards: capitalised words, ordinals and whole mentions of any type ("American"
        // of "American Medical Association", "Watson" of "Watson School").
        let own_first = first;
        while first > 0 && joined(first - 1) {
            let j = first - 1;
            if let Some(h) = holder(mentions, j) {
                match token_range(tokens, mentions[h].span) {
                    Some((a, _)) => first = a,
                    None => break,
                }
            } else if mentions.iter().any(|m| m.span.overlaps(tokens[j].span)) {
                break;
            } else if name_word(j) || is_ordinal(word(j)) {
                first = j;
            } else {
                break;
            }
        }
        // A common word opening the run is a table's or a headline's capital, not the name's
        // ("Company Name Homegate Hospitality Inc").
        while first < own_first
            && holder(mentions, first).is_none()
            && !is_ordinal(word(first))
            && band(first).is_some_and(|band| band <= 1)
        {
            first += 1;
        }
        // Rightwards: more designators ("Dover Area School District"), and "for" or "of" with
        // the capitalised words after it ("Institute for Palestinian Studies", "College of
        // Obstetricians and Gynecologists") unless a place follows ("Liberal Party of Nova
        // Scotia" is a party and a province).
        loop {
            let k = last + 1;
            if k >= tokens.len() || !joined(last) {
                break;
            }
            if designator(k)
                && holder(mentions, k).is_none_or(|h| mentions[h].ty == EntityType::Organization)
            {
                last = match holder(mentions, k).and_then(|h| token_range(tokens, mentions[h].span))
                {
                    Some((_, b)) => b,
                    None => k,
                };
                continue;
            }
            if matches!(word(k), "for" | "of") {
                if let Some(end) = tail_after_connector(cx, mentions, k, &name_word) {
                    last = end;
                }
            }
            break;
        }
        // A bare number opens a unit's name where no ordinal is written ("65 Fighter Wing"),
        // unless it is an amount ("$ 3 Group").
        let bare_number = |j: usize| {
            let w = word(j);
            (1..=3).contains(&w.len()) && w.chars().all(|c| c.is_ascii_digit())
        };
        if first > 0
            && joined(first - 1)
            && bare_number(first - 1)
            && lex.definitions.is_unit_noun(word(last))
            && (first < 2
                || !word(first - 2)
                    .chars()
                    .all(|c| c.is_ascii_digit() || !c.is_alphanumeric()))
        {
            first -= 1;
        }
        let span = Span::new(tokens[first].span.start, tokens[last].span.end);
        i = last + 1;
        if first == last || held.is_some_and(|h| mentions[h].span == span) {
            continue;
        }
        mentions.retain(|m| !m.span.overlaps(span));
        let at = mentions.partition_point(|m| m.span.start < span.start);
        mentions.insert(at, Mention::new(span, EntityType::Organization));
    }
}

/// The last token of the capitalised words after a connector at `k` ("for Palestinian
/// Studies", "of Natural Resources, Mines and Water" up to "Resources"), when they are no place
/// and hold no name of their own.
fn tail_after_connector(
    cx: &Context,
    mentions: &[Mention],
    k: usize,
    name_word: &dyn Fn(usize) -> bool,
) -> Option<usize> {
    let (lex, gaz, text, tokens) = (cx.lex, cx.gaz, cx.text, cx.tokens);
    let word = |i: usize| &text[tokens[i].span.start..tokens[i].span.end];
    let joined = |i: usize| text.get(tokens[i].span.end..tokens[i + 1].span.start) == Some(" ");
    let mut end = None;
    let mut j = k;
    while j + 1 < tokens.len() && joined(j) {
        let next = j + 1;
        let t = tokens[next].span;
        let in_mention = mentions
            .iter()
            .find(|m| m.span.start <= t.start && t.end <= m.span.end);
        match in_mention {
            // The tagger's piece of this name ("Palestinian Studies"), unless it is a name of
            // its own: a place, a person, or an organisation with its own designator ("Swiss
            // Super League for FC Basel").
            Some(m)
                if m.ty == EntityType::Organization
                    && !text[m.span.start..m.span.end]
                        .split(' ')
                        .any(|w| w.starts_with(char::is_uppercase) && lex.names.is_org_word(w)) =>
            {
                j = token_range(tokens, m.span)?.1
            }
            Some(_) => return None,
            None if name_word(next) => j = next,
            // "and" joins two capitalised words: "Obstetricians and Gynecologists".
            None if end.is_some()
                && matches!(word(next), "and" | "&")
                && next + 1 < tokens.len()
                && joined(next)
                && name_word(next + 1) =>
            {
                j = next;
                continue;
            }
            None => break,
        }
        end = Some(j);
    }
    let end = end?;
    let tail = &text[tokens[k + 1].span.start..tokens[end].span.end];
    (!gaz.is_place_name(tail, false)).then_some(end)
}

/// "The 139th was formed at Camp Howe", "the 65th assumed responsibility": an ordinal after
/// "the" and before a verb is a numbered unit's short name (a regiment, a wing). A date ("the
/// 5th was a Tuesday") is told apart by repetition: the unit is named so at least twice, or its
/// full name opens with the ordinal ("65th Air Division").
fn add_numbered_units(cx: &Context, mentions: &mut Vec<Mention>) {
    let (lex, text, tokens) = (cx.lex, cx.text, cx.tokens);
    let word = |i: usize| {
        tokens
            .get(i)
            .map_or("", |t| &text[t.span.start..t.span.end])
    };
    let verb_like = |w: &str| {
        w.chars().all(|c| c.is_ascii_lowercase())
            && (w.len() > 4 && w.ends_with("ed")
                || lex.definitions.is_copula(w)
                || lex.definitions.is_auxiliary(w)
                || lex.definitions.is_copula_adverb(w))
    };
    let found: Vec<usize> = (1..tokens.len())
        .filter(|&i| {
            // An ordinal opens with a digit: the tagger's facts turn most tokens away at once.
            cx.infos
                .get(i)
                .is_none_or(|x| x.flags & flag::HAS_DIGIT != 0)
                && matches!(word(i - 1), "the" | "The")
                && is_ordinal(word(i))
                && verb_like(word(i + 1))
        })
        .collect();
    for &i in &found {
        let name = word(i);
        let repeated = found.iter().filter(|&&j| word(j) == name).count() >= 2;
        let named = mentions.iter().any(|m| {
            m.ty == EntityType::Organization
                && text[m.span.start..m.span.end]
                    .strip_prefix(name)
                    .is_some_and(|rest| rest.starts_with(' '))
        });
        let span = tokens[i].span;
        if (repeated || named) && !mentions.iter().any(|m| m.span.overlaps(span)) {
            mentions.push(Mention::new(span, EntityType::Organization));
        }
    }
    sort(mentions);
}

#[cfg(test)]
mod tests {
    use super::super::tests::{mentions_of, shown, TestDoc};
    use super::*;
    use EntityType::{Location as L, Organization as O, Person as P};

    fn completed<'a>(
        text: &'a str,
        names: &[(&str, EntityType)],
        misc: &[&str],
    ) -> Vec<(&'a str, EntityType)> {
        let mut mentions = mentions_of(text, names);
        let misc: Vec<Span> = misc
            .iter()
            .map(|m| {
                let at = text.find(m).expect("misc name in text");
                Span::new(at, at + m.len())
            })
            .collect();
        complete_designated_names(&TestDoc::new(text).cx(), &misc, &mut mentions);
        shown(text, &mentions)
    }

    #[test]
    fn issue_3_an_organisation_name_takes_the_capitalised_words_before_its_designator() {
        let text = "The guidance was issued by the American Dental Hygiene Association on Monday.";
        assert_eq!(
            completed(text, &[("American", L), ("Hygiene Association", O)], &[]),
            [("American Dental Hygiene Association", O)]
        );
        let text = "Riders on the Washington Metropolitan Area Transit Authority trains waited.";
        assert_eq!(
            completed(
                text,
                &[("Washington", L), ("Area Transit Authority", O)],
                &[]
            ),
            [("Washington Metropolitan Area Transit Authority", O)]
        );
        // An ordinal opens a unit's name.
        let text = "Troops of the 82nd Airborne Division landed.";
        assert_eq!(
            completed(text, &[("Airborne Division", O)], &[]),
            [("82nd Airborne Division", O)]
        );
        // So does a bare number, for a unit; not an amount, nor a firm.
        let text =
            "Established as 4 Air Defense Wing in 1943 , it paid $ 3 Air Group and 7 Acme Inc .";
        assert_eq!(
            completed(
                text,
                &[("Air Defense Wing", O), ("Air Group", O), ("Acme Inc", O)],
                &[]
            ),
            [("4 Air Defense Wing", O), ("Air Group", O), ("Acme Inc", O)]
        );
    }

    #[test]
    fn issue_3_an_organisation_name_takes_its_of_or_for_phrase_unless_a_name_follows() {
        let text = "She studied at the Watson School of Biological Sciences last year.";
        assert_eq!(
            completed(text, &[("Watson", P), ("Biological Sciences", O)], &[]),
            [("Watson School of Biological Sciences", O)]
        );
        let text = "He joined the Institute for Palestinian Studies in Haifa.";
        assert_eq!(
            completed(
                text,
                &[("Institute", O), ("Palestinian Studies", O), ("Haifa", L)],
                &[]
            ),
            [("Institute for Palestinian Studies", O), ("Haifa", L)]
        );
        // A place after "of" and a club after "for" are names of their own.
        let text = "He leads the Liberal Party of Nova Scotia today.";
        assert_eq!(
            completed(text, &[("Liberal Party", O), ("Nova Scotia", L)], &[]),
            [("Liberal Party", O), ("Nova Scotia", L)]
        );
        let text = "He played in the Swiss Super League for FC Basel.";
        assert_eq!(
            completed(text, &[("Super League", O), ("FC Basel", O)], &[]),
            [("Swiss Super League", O), ("FC Basel", O)]
        );
    }

    #[test]
    fn issue_3_no_organisation_is_made_of_dates_adjectives_table_labels_or_misc_names() {
        // A month, a "-based" adjective and a table label stay out of the name.
        let text =
            "Shares rose after the August National Association of Purchasing Management index.";
        assert_eq!(
            completed(
                text,
                &[("National Association of Purchasing Management", O)],
                &[]
            ),
            [("National Association of Purchasing Management", O)]
        );
        let text = "said Erin Purcell of Boston-based Reagan Communications yesterday.";
        assert_eq!(
            completed(
                text,
                &[("Erin Purcell", P), ("Reagan Communications", O)],
                &[]
            ),
            [("Erin Purcell", P), ("Reagan Communications", O)]
        );
        // A designator that more capitalised words follow is no name's end, and one inside a
        // MISC name ("American League", a competition) is not an organisation's.
        let text = "Hong Kong Financial Secretary Donald Tsang spoke in the American League race.";
        assert_eq!(
            completed(
                text,
                &[("Hong Kong", L), ("Donald Tsang", P)],
                &["American League"]
            ),
            [("Hong Kong", L), ("Donald Tsang", P)]
        );
    }
}
