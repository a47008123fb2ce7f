//! The tagger's own names, made fit to be mentions: trimmed of what no name holds, and the
//! names it called MISC (nationalities, events, works; not output) sorted into those that are
//! after all a place, a person after an office, or an organisation, and those that stay MISC.

use super::places::tagged_name_is_place;
use super::{sort, token_range, Context, Mention, Reads};
use crate::lexicon::class;
use newsgraph_knowledge::CalendarKind;
use newsgraph_model::{EntityType, Span};

rule!(
    /// "Carl Heinrich Georg (", "Marcus Beauford born", "Of Shree Saptakoteshwar", "Toronto
    /// Saturday": a name neither begins nor ends with a bracket, quotation mark or comma, nor ends
    /// with a lower-case word or a weekday, nor opens with a stray preposition; the tagger
    /// sometimes runs a name on into them.
    TrimNames,
    "trim_names",
    [Reads::Tokens, Reads::Words("definition-words.tsv"), Reads::Words("calendar.tsv")],
    |cx, found| {
        let trimmed = |span: Span| {
            let (a, b) = token_range(cx.tokens, span)?;
            let (a, b) = trim_name(cx, a, b + 1);
            (b > a).then(|| Span::new(cx.tokens[a].span.start, cx.tokens[b - 1].span.end))
        };
        found.mentions.retain_mut(|m| match trimmed(m.span) {
            Some(span) => {
                m.span = span;
                true
            }
            None => false,
        });
        found.misc.retain_mut(|m| match trimmed(*m) {
            Some(span) => {
                *m = span;
                true
            }
            None => false,
        });
    }
);

/// The token range `a..b` of a name without the edges no name has (see [`TrimNames`]).
pub(crate) fn trim_name(cx: &Context, mut a: usize, mut b: usize) -> (usize, usize) {
    let word = |i: usize| cx.word(i);
    let edge_punct =
        |i: usize| !word(i).chars().any(char::is_alphanumeric) && !matches!(word(i), "&" | "!");
    // "Of Shree Saptakoteshwar": a preposition or conjunction opening a sentence is no part of
    // the name (`stray_opener` in data/definition-words.tsv; "The" may be: "The Zutons").
    let function_word = |i: usize| cx.lex.definitions.is_stray_opener(word(i));
    while a < b && (edge_punct(a) || (a + 1 < b && function_word(a))) {
        a += 1;
    }
    // "Toronto Saturday": a weekday after a place is when, not part of its name.
    while b > a
        && (edge_punct(b - 1)
            || word(b - 1).chars().next().is_some_and(char::is_lowercase)
            || (b - 1 > a && cx.lex.is_calendar_word(word(b - 1), CalendarKind::Weekday)))
    {
        b -= 1;
    }
    (a, b)
}

rule!(
    /// "Mr Kushner", "Ms Sturgeon", "Dr. Ruth Owen": an abbreviated title ("Mr", "Gen.", as
    /// `abbreviations.tsv` lists them) before a name is no part of it (the CoNLL-2003
    /// convention), and says that the name is a person's. British style writes "Mr" without
    /// the period that keeps the tagger from taking it in.
    LeadingTitles,
    "leading_titles",
    [Reads::Tokens, Reads::Words("abbreviations.tsv")],
    |cx, found| {
        for m in found.mentions.iter_mut() {
            let Some((a, last)) = token_range(cx.tokens, m.span) else {
                continue;
            };
            // The title, its period as a token of its own, then a capitalised word.
            let mut at = a + 1;
            if at <= last && cx.word(at) == "." {
                at += 1;
            }
            if at > last
                || !cx.lex.is_abbreviated_title(cx.word(a))
                || !cx.word(at).starts_with(char::is_uppercase)
            {
                continue;
            }
            m.span = Span::new(cx.tokens[at].span.start, m.span.end);
            m.ty = EntityType::Person;
            m.target = None;
        }
    }
);

rule!(
    /// "the US President": an office after a place name is no part of it.
    PlaceBeforeOffice,
    "place_before_office",
    [Reads::Tokens, Reads::Words("ner-words.tsv")],
    |cx, found| {
        for m in found.mentions.iter_mut() {
            if m.ty != EntityType::Location {
                continue;
            }
            let Some((a, last)) = token_range(cx.tokens, m.span) else {
                continue;
            };
            if last > a && cx.lex.names.classes(cx.word(last)) & class::TITLE != 0 {
                m.span = Span::new(m.span.start, cx.tokens[last - 1].span.end);
            }
        }
    }
);

/// The token where a MISC name `a..b` ends: "Seven Years' War against Great Britain", a
/// lower-case word that joins no name ends it, so the place after it is still found.
fn misc_end(cx: &Context, a: usize, b: usize) -> usize {
    (a + 1..b)
        .find(|&i| {
            let w = cx.word(i);
            w.chars().all(char::is_lowercase) && !crate::features::CONNECTORS.contains(&w)
        })
        .unwrap_or(b)
}

rule!(
    /// "a derailment in Wainwright, Alta.": a listed place that the text sets as a place is that
    /// place, whatever the tagger made of it; not an adjective ("in Olympic record time"), a
    /// common word ("Special Agent in Charge"), a direction ("Eastern and Western"), nor what a
    /// word or a mark after it continues ("Area C", "Butler's", "HIV/AIDS").
    MiscListedPlaces,
    "misc_listed_places",
    [Reads::Misc, Reads::Facts, Reads::Gazetteer, Reads::Words("place-words.tsv"), Reads::Words("stopwords.tsv")],
    |cx, found| {
        let mut places = Vec::new();
        found.misc.retain(|&span| {
            let Some((a, last)) = token_range(cx.tokens, span) else {
                return true;
            };
            let b = last + 1;
            let next = cx.tokens.get(b).map(|t| cx.of(t.span));
            let noun_follows = next.is_some_and(|w| {
                !(w.starts_with([',', '.', ';', ':', '(', ')', '"', '\n'])
                    || cx.lex.definitions.is_function_word(w))
            });
            let common = cx.infos[a].caps.checked_sub(1).is_some_and(|band| band < 3)
                || cx.lex.place_words.directions.contains(cx.of(span));
            let place = misc_end(cx, a, b) == b
                && !noun_follows
                && !common
                && tagged_name_is_place(cx, span);
            if place {
                places.push(Mention::new(span, EntityType::Location));
            }
            !place
        });
        if !places.is_empty() {
            found.mentions.extend(places);
            sort(&mut found.mentions);
        }
    }
);

/// A title ("Gov.", "President") or a job that a person holds ("Coach", "Sheriff",
/// "Director": singular person nouns of `data/kind-nouns.tsv`; "Screen Actors Guild" holds
/// none).
pub(crate) fn is_office(cx: &Context, w: &str) -> bool {
    cx.lex.names.is_title(w)
        || (w.starts_with(char::is_uppercase)
            && !w.ends_with('s')
            && cx.lex.definitions.noun_type(&w.to_lowercase()) == Some(Some(EntityType::Person)))
}

rule!(
    /// "Law Professor David W. Opderbeck", "Devil Rays ' Manager Lou Piniella": an office inside
    /// a MISC name, then a given name, starts a person.
    MiscOffices,
    "misc_offices",
    [Reads::Misc, Reads::Words("ner-words.tsv"), Reads::Words("kind-nouns.tsv")],
    |cx, found| {
        let mut people = Vec::new();
        for misc in found.misc.iter_mut() {
            let Some((a, last)) = token_range(cx.tokens, *misc) else {
                continue;
            };
            let end = misc_end(cx, a, last + 1);
            if let Some(p) = person_after_office(cx, a, end) {
                *misc = Span::new(cx.tokens[a].span.start, cx.tokens[p - 1].span.end);
                let person = Span::new(cx.tokens[p].span.start, cx.tokens[end - 1].span.end);
                people.push(Mention::new(person, EntityType::Person));
            }
        }
        if !people.is_empty() {
            found.mentions.extend(people);
            sort(&mut found.mentions);
        }
    }
);

/// The first token of a person's name after an office among tokens `a..b` of a MISC name: a
/// title or a person noun ("Professor", "Manager"), then a given name and capitalised words
/// to the end.
pub(crate) fn person_after_office(cx: &Context, a: usize, b: usize) -> Option<usize> {
    let word = |i: usize| cx.word(i);
    let at = (a..b.saturating_sub(1))
        .rev()
        .find(|&i| is_office(cx, word(i)))?
        + 1;
    let named = cx.lex.names.is_given_name(word(at))
        && (at..b).all(|i| word(i).starts_with(char::is_uppercase))
        && b - at >= 2;
    named.then_some(at)
}

rule!(
    /// "American Civil Liberties Union": a name the tagger took for an adjective phrase (it opens
    /// with a demonym) but that ends in an organisation designator is an organisation.
    MiscDesignated,
    "misc_designated",
    [Reads::Misc, Reads::Words("ner-words.tsv"), Reads::Words("kind-nouns.tsv")],
    |cx, found| {
        let mut orgs = Vec::new();
        found.misc.retain(|&span| {
            let Some((a, last)) = token_range(cx.tokens, span) else {
                return true;
            };
            let b = last + 1;
            let last = cx.word(last);
            let designated = misc_end(cx, a, b) == b
                && b - a > 1
                && last.chars().any(char::is_lowercase)
                && last.starts_with(char::is_uppercase)
                && {
                    let lower_last = last.to_lowercase();
                    (cx.lex.names.is_org_word(last)
                        || cx.lex.definitions.noun_type(&lower_last)
                            == Some(Some(EntityType::Organization)))
                        && !cx.lex.definitions.says_nothing_last(&lower_last)
                };
            if designated {
                orgs.push(Mention::new(span, EntityType::Organization));
            }
            !designated
        });
        if !orgs.is_empty() {
            found.mentions.extend(orgs);
            sort(&mut found.mentions);
        }
    }
);

rule!(
    /// "Seven Years' War against Great Britain": a MISC name ends at a lower-case word that joins
    /// no name, so the place after it is free to be found.
    MiscCut,
    "misc_cut",
    [Reads::Misc, Reads::Tokens],
    |cx, found| {
        for misc in found.misc.iter_mut() {
            let Some((a, last)) = token_range(cx.tokens, *misc) else {
                continue;
            };
            let end = misc_end(cx, a, last + 1);
            *misc = Span::new(misc.start, cx.tokens[end - 1].span.end);
        }
    }
);

rule!(
    /// A name that fills a quotation exactly is a title ("Beautiful Lie", a song), which the
    /// tagger may take for a band or a person.
    QuotedTitles,
    "quoted_titles",
    [],
    |cx, found| {
        let misc = &mut found.misc;
        found.mentions.retain(|m| {
            let quoted = is_quoted_title(cx.text, m.span);
            if quoted {
                misc.push(m.span);
            }
            !quoted
        });
        misc.sort_by_key(|m| m.start);
    }
);

/// Is `span` exactly the words between a pair of double quotation marks?
pub(crate) fn is_quoted_title(text: &str, span: Span) -> bool {
    let before = text[..span.start].trim_end_matches(' ');
    let after = text[span.end..].trim_start_matches(' ');
    let open = before.ends_with(['"', '“']);
    let close = after.starts_with(['"', '”']);
    open && close
}

rule!(
    /// A title alone before a name ("Brigadier" of "Brigadier General Ross Hoyt") names nobody;
    /// "King" alone may be a surname.
    LoneTitles,
    "lone_titles",
    [Reads::Tokens, Reads::Words("ner-words.tsv")],
    |cx, found| {
        let misc = &mut found.misc;
        found.mentions.retain(|m| {
            let Some((_, last)) = token_range(cx.tokens, m.span) else {
                return true;
            };
            let name_follows = cx
                .tokens
                .get(last + 1)
                .is_some_and(|t| cx.of(t.span).starts_with(char::is_uppercase));
            let title = name_follows
                && cx
                    .of(m.span)
                    .split_whitespace()
                    .all(|w| cx.lex.names.classes(w) & class::TITLE != 0);
            if title {
                misc.push(m.span);
            }
            !title
        });
        misc.sort_by_key(|m| m.start);
    }
);

rule!(
    /// One letter is an initial or a photo position ("Putin (L)"), not a name.
    SingleLetters,
    "single_letters",
    [],
    |cx, found| {
        found.mentions.retain(|m| {
            cx.of(m.span)
                .chars()
                .filter(|c| c.is_alphanumeric())
                .count()
                >= 2
        });
    }
);

#[cfg(test)]
mod tests {
    use super::super::tests::TestDoc;
    use super::*;

    #[test]
    fn issue_3_a_weekday_after_a_name_is_trimmed() {
        let text = "snow over Toronto Saturday night";
        let doc = TestDoc::new(text);
        let cx = doc.cx();
        let (a, b) = trim_name(&cx, 2, 4);
        assert_eq!(
            &text[doc.tokens[a].span.start..doc.tokens[b - 1].span.end],
            "Toronto"
        );
        // A weekday alone stays (the tagger's business), and short forms are not trimmed.
        let doc = TestDoc::new("the Sunday Times and Reading Sun");
        assert_eq!(trim_name(&doc.cx(), 1, 3), (1, 3));
        assert_eq!(trim_name(&doc.cx(), 4, 6), (4, 6));
        // A preposition opening the name is trimmed; "New" and "The" are not.
        let doc = TestDoc::new("Of Shree Saptakoteshwar | New Order | The Zutons");
        assert_eq!(trim_name(&doc.cx(), 0, 3), (1, 3));
        assert_eq!(trim_name(&doc.cx(), 4, 6), (4, 6));
        assert_eq!(trim_name(&doc.cx(), 7, 9), (7, 9));
    }

    #[test]
    fn issue_3_a_person_after_an_office_inside_a_misc_name() {
        let text = "a review by Law Professor David W. Opderbeck , and Devil Rays ' Manager \
                    Lou Piniella , and the Prime Minister 's Cup";
        let doc = TestDoc::new(text);
        let cx = doc.cx();
        let range = |name: &str| {
            let at = text.find(name).expect("name");
            token_range(&doc.tokens, Span::new(at, at + name.len())).expect("tokens")
        };
        let person = |name: &str| {
            let (a, b) = range(name);
            person_after_office(&cx, a, b + 1)
                .map(|p| &text[doc.tokens[p].span.start..doc.tokens[b].span.end])
        };
        assert_eq!(
            person("Law Professor David W. Opderbeck"),
            Some("David W. Opderbeck")
        );
        assert_eq!(
            person("Devil Rays ' Manager Lou Piniella"),
            Some("Lou Piniella")
        );
        assert_eq!(person("Prime Minister 's Cup"), None);
    }
}
