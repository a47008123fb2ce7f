//! Names the tagger ran together, split: listed names joined by a hyphen ("Turkey-Russia
//! relations"), a place, an office and a person ("New York Gov. Andrew Cuomo"), and two names
//! over a joining word ("Karl Langdon & Harvey Deegan", "University of Peking in Beijing").

use super::tagged::is_office;
use super::{sort, token_range, Context, Mention, Reads};
use crate::gazetteer::Ref;
use newsgraph_model::{EntityType, Span};

rule!(
    /// "Turkey-Russia relations": a hyphenated pair of listed countries or organisations is no
    /// name of its own; the parts' gazetteer hits stand.
    JoinedNames,
    "split_joined_names",
    [Reads::Misc, Reads::Gazetteer],
    |cx, found| {
        split_joined_names(cx, &mut found.mentions, &mut found.misc);
    }
);

rule!(
    /// "New York Gov. Andrew Cuomo", "Boxing Association President Ramon Manzanares": an office
    /// inside a name splits it into a place or an organisation and a person.
    OfficeNames,
    "split_office_names",
    [Reads::Tokens, Reads::Gazetteer, Reads::Words("ner-words.tsv"), Reads::Words("kind-nouns.tsv")],
    |cx, found| {
        split_office_names(cx, &mut found.mentions);
    }
);

rule!(
    /// "Karl Langdon & Harvey Deegan", "Bridgeton and Salem", "University of Peking in
    /// Beijing": two names over "and" or a locative are two mentions.
    ListedNames,
    "split_listed_names",
    [Reads::Tokens, Reads::Gazetteer, Reads::Words("ner-words.tsv")],
    |cx, found| {
        split_listed_names(cx, &mut found.mentions);
    }
);

/// "Turkey-Russia relations", "U.S.-China talks": the tagger takes a hyphenated pair of listed
/// names for one name. When every part is a listed country or organisation and the whole is
/// not itself listed ("Guinea-Bissau" is), the joined mention is dropped so that the parts'
/// gazetteer hits stand as mentions of their own.
pub(crate) fn split_joined_names(cx: &Context, mentions: &mut Vec<Mention>, misc: &mut Vec<Span>) {
    let (gaz, text) = (cx.gaz, cx.text);
    let joined = |span: &Span| {
        let s = &text[span.start..span.end];
        if !s.contains(['-', '–']) || s.contains(char::is_whitespace) || !gaz.lookup(s).is_empty()
        {
            return false;
        }
        let mut parts = 0;
        let all_listed = s.split(['-', '–']).all(|part| {
            parts += 1;
            gaz.lookup(part)
                .iter()
                .any(|r| matches!(r, Ref::Country(_) | Ref::Org(_)))
        });
        all_listed && parts >= 2
    };
    mentions.retain(|m| !joined(&m.span));
    misc.retain(|m| !joined(m));
}

/// "New York Gov. Andrew Cuomo", "Texas Senator Ted Cruz": the tagger may run a place, an
/// office and a person together into one person (or one organisation). The words after the office are the person;
/// the words before it (joined to a place mention right before them, "New" + "York") are a
/// place when the gazetteer knows one by that name, and are dropped otherwise.
pub(crate) fn split_office_names(cx: &Context, mentions: &mut Vec<Mention>) {
    let (lex, gaz, text, tokens) = (cx.lex, cx.gaz, cx.text, cx.tokens);
    let word = |i: usize| &text[tokens[i].span.start..tokens[i].span.end];
    let mut k = 0;
    while k < mentions.len() {
        let m = mentions[k].clone();
        let Some((first, last)) = token_range(tokens, m.span) else {
            k += 1;
            continue;
        };
        // The office sits between capitalised words ("Church of Our Lady of Compassion" and
        // "The Stooges and Captain Beefheart" hold no office).
        let capitalised = |i: usize| word(i).starts_with(char::is_uppercase);
        let office = (first + 1..last)
            .find(|&i| capitalised(i - 1) && capitalised(i + 1) && is_office(cx, word(i)));
        // "Coach Darrell Royal" tagged as an organisation: an office, then a given name, opens
        // it; the rest is the person.
        let given = |i: usize| lex.names.is_given_name(word(i));
        if office.is_none()
            && m.ty == EntityType::Organization
            && last > first + 1
            && is_office(cx, word(first))
            && given(first + 1)
        {
            mentions[k].span = Span::new(tokens[first + 1].span.start, m.span.end);
            mentions[k].ty = EntityType::Person;
            mentions[k].target = None;
            k += 1;
            continue;
        }
        let Some(office) = office.filter(|_| m.ty != EntityType::Location) else {
            k += 1;
            continue;
        };
        let person = Span::new(tokens[office + 1].span.start, m.span.end);
        // "Boxing Association President Ramon Manzanares": an organisation, its office and
        // the person holding it.
        if m.ty == EntityType::Organization {
            let body = Span::new(m.span.start, tokens[office - 1].span.end);
            if !gaz.is_place_name(&text[body.start..body.end], false) {
                mentions[k].span = body;
                mentions.push(Mention::new(person, EntityType::Person));
                k += 1;
                continue;
            }
            mentions[k].ty = EntityType::Person;
        }
        let mut place = Span::new(m.span.start, tokens[office - 1].span.end);
        // A place mention just before ("New" of "New York Gov.") belongs to the place.
        let before = mentions.iter().position(|p| {
            p.ty == EntityType::Location
                && p.span.end < m.span.start
                && text[p.span.end..m.span.start].trim().is_empty()
        });
        if let Some(b) = before {
            let joined = Span::new(mentions[b].span.start, place.end);
            if gaz.is_place_name(&text[joined.start..joined.end], false) {
                place = joined;
            }
        }
        let is_place = gaz.is_place_name(&text[place.start..place.end], false);
        mentions[k].span = person;
        if is_place {
            if let Some(b) = before.filter(|&b| mentions[b].span.start == place.start) {
                mentions[b].span = place;
            } else {
                mentions.push(Mention::new(place, EntityType::Location));
            }
        }
        k += 1;
    }
    sort(mentions);
}

/// Two names the tagger ran together over a joining word: "Karl Langdon & Harvey Deegan" (no
/// person's name holds "and" or "&"), "Bridgeton and Salem" (two places of the gazetteer),
/// "University of Peking in Beijing", "Cal Anderson Park after Washington" (a place after
/// "in", "at", "near", "after", when the words before it hold a designator such as
/// "University" or "Park", or are a person or a place). Each side becomes a mention of its own;
/// a side that is no name is dropped. An organisation such as "Human Rights in China" stays
/// whole.
pub(crate) fn split_listed_names(cx: &Context, mentions: &mut Vec<Mention>) {
    let (lex, gaz, text, tokens) = (cx.lex, cx.gaz, cx.text, cx.tokens);
    use crate::lexicon::class;
    let classes = |w: &str| lex.names.classes(w);
    let word = |i: usize| &text[tokens[i].span.start..tokens[i].span.end];
    let capitalised = |i: usize| word(i).chars().next().is_some_and(char::is_uppercase);
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len());
    for m in mentions.drain(..) {
        let Some((first, last)) = token_range(tokens, m.span) else {
            out.push(m);
            continue;
        };
        let joint = (first + 1..last).find(|&i| {
            let w = word(i);
            let and = matches!(w, "and" | "&");
            let locative = matches!(w, "in" | "at" | "near" | "after");
            if !(and || locative) || !capitalised(i - 1) || !capitalised(i + 1) {
                return false;
            }
            let left = &text[m.span.start..tokens[i - 1].span.end];
            let right = &text[tokens[i + 1].span.start..m.span.end];
            if !gaz.lookup(&text[m.span.start..m.span.end]).is_empty() {
                return false;
            }
            if and {
                // "Luton and London" tagged as one organisation is two towns when both are
                // known places of some size ("Procter and Gamble" is not, nor "McDonald & Co").
                m.ty == EntityType::Person
                    || (m.ty == EntityType::Location
                        && gaz.is_place_name(left, false)
                        && gaz.is_place_name(right, false))
                    || (m.ty == EntityType::Organization
                        && !right.split(' ').any(|w| lex.names.is_org_word(w))
                        && gaz.is_place_name(left, true)
                        && gaz.is_place_name(right, true))
            } else {
                let designated = left
                    .split(' ')
                    .any(|w| classes(w) & (class::ORG | class::LOC) != 0);
                gaz.is_place_name(right, false) && (designated || m.ty != EntityType::Organization)
            }
        });
        let Some(joint) = joint else {
            out.push(m);
            continue;
        };
        let locative = !matches!(word(joint), "and" | "&");
        let places = !locative && m.ty == EntityType::Organization;
        out.push(Mention {
            span: Span::new(m.span.start, tokens[joint - 1].span.end),
            ty: if places { EntityType::Location } else { m.ty },
            ..m.clone()
        });
        out.push(Mention::new(
            Span::new(tokens[joint + 1].span.start, m.span.end),
            if locative || places {
                EntityType::Location
            } else {
                m.ty
            },
        ));
    }
    *mentions = out;
}

#[cfg(test)]
mod tests {
    use super::super::tests::{mentions_of, shown, TestDoc};
    use super::*;

    fn split(text: &str, name: &str, ty: EntityType) -> Vec<(String, EntityType)> {
        let mut mentions = mentions_of(text, &[(name, ty)]);
        split_listed_names(&TestDoc::new(text).cx(), &mut mentions);
        shown(text, &mentions)
            .into_iter()
            .map(|(name, ty)| (name.to_string(), ty))
            .collect()
    }

    #[test]
    fn issue_3_names_run_together_are_split() {
        use EntityType::{Location as Loc, Organization as Org, Person as Per};
        let own = |v: &[(&str, EntityType)]| -> Vec<(String, EntityType)> {
            v.iter().map(|(s, t)| (s.to_string(), *t)).collect()
        };
        assert_eq!(
            split(
                "hosts Karl Langdon & Harvey Deegan said",
                "Karl Langdon & Harvey Deegan",
                Per
            ),
            own(&[("Karl Langdon", Per), ("Harvey Deegan", Per)])
        );
        assert_eq!(
            split(
                "trains to Bridgeton and Salem ran late",
                "Bridgeton and Salem",
                Loc
            ),
            own(&[("Bridgeton", Loc), ("Salem", Loc)])
        );
        assert_eq!(
            split(
                "the University of Peking in Beijing said",
                "University of Peking in Beijing",
                Org
            ),
            own(&[("University of Peking", Org), ("Beijing", Loc)])
        );
        // Two towns tagged as one organisation are two places; a firm is not.
        assert_eq!(
            split("flights between Luton and London", "Luton and London", Org),
            own(&[("Luton", Loc), ("London", Loc)])
        );
        assert_eq!(
            split("an analyst at McDonald & Co said", "McDonald & Co", Org),
            own(&[("McDonald & Co", Org)])
        );
        // An organisation named after a cause keeps its place ("Human Rights in China").
        assert_eq!(
            split(
                "the group Human Rights in China said",
                "Human Rights in China",
                Org
            ),
            own(&[("Human Rights in China", Org)])
        );
    }

    #[test]
    fn issue_3_an_office_inside_a_name_splits_it() {
        let cases = [
            (
                "said World Boxing Association President Ramon Manzanares on Monday",
                "World Boxing Association President Ramon Manzanares",
                vec![
                    ("World Boxing Association", EntityType::Organization),
                    ("Ramon Manzanares", EntityType::Person),
                ],
            ),
            (
                "prayers at the Church of Our Lady of Compassion today",
                "Church of Our Lady of Compassion",
                vec![("Church of Our Lady of Compassion", EntityType::Organization)],
            ),
            // A job is an office too ("Coach", "Sheriff"), and may open the name.
            (
                "said Seminole County Sheriff Don Eslinger on Monday",
                "Seminole County Sheriff Don Eslinger",
                vec![
                    ("Seminole County", EntityType::Location),
                    ("Don Eslinger", EntityType::Person),
                ],
            ),
            (
                "players thanked Coach Darrell Royal after the game",
                "Coach Darrell Royal",
                vec![("Darrell Royal", EntityType::Person)],
            ),
            // A plural job inside a name is no office.
            (
                "a strike by the Screen Actors Guild ended",
                "Screen Actors Guild",
                vec![("Screen Actors Guild", EntityType::Organization)],
            ),
        ];
        for (text, name, want) in cases {
            let mut mentions = mentions_of(text, &[(name, EntityType::Organization)]);
            split_office_names(&TestDoc::new(text).cx(), &mut mentions);
            assert_eq!(shown(text, &mentions), want, "{text}");
        }
    }
}
