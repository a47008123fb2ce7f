//! One type per name: the words of a name type it ("Buffalo Bisons" a team, "The Triffids" a
//! band), a lower-case title before it makes it a person, a team cue makes a town its club,
//! and the document votes: an unlisted name keeps one type in it, and names listed together
//! ("Orgy, Velvet Revolver and Linkin Park") share one.

use super::{Context, Mention, Reads};
use crate::gazetteer::Ref;
use newsgraph_model::EntityType;

rule!(
    /// "Buffalo Bisons", "The Ramones", "John Birch Society", "Cornish Colony Museum": what a
    /// name's own words say its type is.
    NameWords,
    "name_words",
    [Reads::Gazetteer, Reads::Words("ner-words.tsv"), Reads::Words("place-words.tsv"), Reads::Words("kind-nouns.tsv")],
    |cx, found| {
        retype_by_name_words(cx, &mut found.mentions);
    }
);

rule!(
    /// "the sorcerer queen Sarraounia": a lower-case title before an unlisted name states a
    /// person.
    AfterTitles,
    "after_titles",
    [Reads::Words("ner-words.tsv")],
    |cx, found| {
        retype_after_titles(cx, &mut found.mentions);
    }
);

rule!(
    /// "played for Lausanne": a town after a team cue is its club; countries stay places.
    TeamCues,
    "team_cues",
    [Reads::Gazetteer, Reads::Words("definition-words.tsv")],
    |cx, found| {
        retype_by_team_cues(cx, &mut found.mentions);
    }
);

rule!(
    /// One name, one type: an unlisted name takes the type it has most often in the document.
    VoteTypes,
    "vote_types",
    [],
    |cx, found| {
        vote_types(cx, &mut found.mentions);
    }
);

rule!(
    /// "Orgy, Velvet Revolver and Linkin Park": names listed together share a type.
    ListTypes,
    "list_types",
    [Reads::Words("ner-words.tsv")],
    |cx, found| {
        type_lists(cx, &mut found.mentions);
    }
);

/// "Buffalo Bisons", "Philadelphia Eagles", "West Coast Eagles": a place name followed by one
/// capitalised plural is a team, not a place or a person, unless the whole name is itself a
/// listed place ("United States", "Virgin Islands") or ends in a place word ("Heights"). A
/// "person" whose name opens with "The" is a group too ("The Triffids"), and a "place" holding
/// an organisation designator is that organisation ("Cornish Colony Museum").
pub(crate) fn retype_by_name_words(cx: &Context, mentions: &mut [Mention]) {
    let (lex, gaz, text) = (cx.lex, cx.gaz, cx.text);
    for m in mentions.iter_mut() {
        if m.ty == EntityType::Organization {
            continue;
        }
        let name = &text[m.span.start..m.span.end];
        // No one's name opens with "The": "The Triffids" is a band. Nor ends in a designator
        // that is no surname too: "John Birch Society", "George Washington University
        // Hospital" ("Charlotte Church" and "Margaret Court" stay people).
        let designated = || {
            name.rsplit_once(' ').is_some_and(|(_, last)| {
                let classes = lex.names.classes(last);
                last.starts_with(char::is_uppercase)
                    && classes & crate::lexicon::class::ORG != 0
                    && classes & crate::lexicon::class::SURNAME == 0
            })
        };
        // "Cary Towne Center", "Cornish Colony Museum": a place name then an organisation
        // designator that never names a place.
        // Buildings that house one ("Hospital", "Centre") say nothing (`not_last` in
        // data/kind-nouns.tsv).
        let institution = || {
            name.split(' ').skip(1).any(|w| {
                let classes = lex.names.classes(w);
                w.starts_with(char::is_uppercase)
                    && classes & crate::lexicon::class::ORG != 0
                    && classes & crate::lexicon::class::LOC == 0
                    && !lex.definitions.says_nothing_last(&w.to_lowercase())
                    && lex.definitions.noun_type(&w.to_lowercase())
                        != Some(Some(EntityType::Location))
            })
        };
        if m.ty == EntityType::Location
            && name.contains(' ')
            && institution()
            && !gaz.is_place_name(name, false)
        {
            m.ty = EntityType::Organization;
            m.target = None;
            continue;
        }
        if m.ty == EntityType::Person && (name.starts_with("The ") || designated()) {
            m.ty = EntityType::Organization;
            m.target = None;
            continue;
        }
        // "The Ramones", "The Zutons": "The" and one capitalised plural that is no known place
        // ("The Netherlands", "The Bahamas") is a band or a team.
        let group = name.strip_prefix("The ").is_some_and(|rest| {
            !rest.contains(' ')
                && rest.len() > 3
                && rest.ends_with('s')
                && !rest.ends_with("ss")
                && rest.chars().skip(1).all(char::is_lowercase)
        });
        if m.ty == EntityType::Location
            && group
            && m.target.is_none()
            && !gaz.is_place_name(name, false)
            && !gaz.is_place_name(&name[4..], false)
        {
            m.ty = EntityType::Organization;
            continue;
        }
        let Some((place, last)) = name.rsplit_once(' ') else {
            continue;
        };
        let plural = last.len() > 3
            && last.starts_with(char::is_uppercase)
            && last.chars().skip(1).all(char::is_lowercase)
            && last.ends_with('s')
            && !last.ends_with("ss");
        if plural
            && !lex.place_words.ends.contains(last)
            && lex.definitions.noun_type(&last.to_lowercase()).is_none()
            && gaz.is_place_name(place, true)
            && !lex.place_words.directions.contains(place)
            && (m.ty == EntityType::Location || !lex.names.is_given_name(place))
            && gaz.lookup(name).is_empty()
        {
            m.ty = EntityType::Organization;
            m.target = None;
        }
    }
}

/// "the sorcerer queen Sarraounia", "led by general Belgrano": a title in lower case right
/// before an unlisted name makes it a person's, as the text states it (so the name's other
/// mentions follow it).
pub(crate) fn retype_after_titles(cx: &Context, mentions: &mut [Mention]) {
    let (lex, text) = (cx.lex, cx.text);
    for m in mentions.iter_mut() {
        let name = &text[m.span.start..m.span.end];
        // Not a firm ("Yamaichi Securities Co Ltd") nor a contraction ("I'll").
        if m.ty == EntityType::Person
            || m.target.is_some()
            || m.stated
            || name.contains(['\'', '’'])
            || name.split(' ').any(|w| lex.names.is_org_word(w))
        {
            continue;
        }
        let title = text[..m.span.start]
            .strip_suffix(' ')
            .and_then(|before| before.rsplit(' ').next())
            .is_some_and(|w| {
                w.len() > 2
                    && w.chars().all(|c| c.is_ascii_lowercase())
                    && lex.names.classes(w) & crate::lexicon::class::TITLE != 0
            });
        if title {
            m.ty = EntityType::Person;
            m.stated = true;
        }
    }
}

/// "played for Lausanne", "signed with Coburg": a town's name right after a team cue of
/// `data/definition-words.tsv` is its club, and so is a town joined to that club by "and"
/// ("played with Footscray and North Melbourne"). Countries stay places.
pub(crate) fn retype_by_team_cues(cx: &Context, mentions: &mut [Mention]) {
    let (lex, gaz, text) = (cx.lex, cx.gaz, cx.text);
    let is_country = |name: &str| {
        gaz.lookup_listed(name)
            .iter()
            .any(|r| matches!(r, Ref::Country(_)))
    };
    let cues = &lex.definitions.grammar.team_cues;
    let mut previous_club: Option<usize> = None;
    for m in mentions.iter_mut() {
        let before = text[..m.span.start].trim_end_matches(' ');
        let cued = cues.iter().any(|cue| {
            before.len() >= cue.len()
                && before.is_char_boundary(before.len() - cue.len())
                && before[before.len() - cue.len()..].eq_ignore_ascii_case(cue)
                && !before[..before.len() - cue.len()].ends_with(char::is_alphanumeric)
        });
        let joined =
            previous_club.is_some_and(|end| matches!(&text[end..m.span.start], " and " | ", "));
        if m.ty == EntityType::Location
            && (cued || joined)
            && !is_country(&text[m.span.start..m.span.end])
        {
            m.ty = EntityType::Organization;
            m.target = None;
        }
        previous_club =
            (m.ty == EntityType::Organization && (cued || joined)).then_some(m.span.end);
    }
}

/// One name, one type: an unlisted name the tagger typed differently in one document takes
/// the type it has most often there (a tie keeps each mention's own).
pub(crate) fn vote_types(cx: &Context, mentions: &mut [Mention]) {
    let text = cx.text;
    let mut counts: newsgraph_model::hash::FastMap<&str, [u32; 3]> = Default::default();
    let index = |ty: EntityType| match ty {
        EntityType::Person => 0,
        EntityType::Organization => 1,
        _ => 2,
    };
    for m in mentions.iter() {
        if m.target.is_none() {
            // What the text states outweighs any number of guesses.
            let weight = if m.stated { 1000 } else { 1 };
            counts.entry(&text[m.span.start..m.span.end]).or_default()[index(m.ty)] += weight;
        }
    }
    for m in mentions.iter_mut() {
        if m.target.is_some() || m.stated {
            continue;
        }
        let Some(c) = counts.get(&text[m.span.start..m.span.end]) else {
            continue;
        };
        let best = (0..3)
            .max_by_key(|&i| (c[i], i == index(m.ty)))
            .unwrap_or(0);
        if c[best] > c[index(m.ty)] {
            m.ty = [
                EntityType::Person,
                EntityType::Organization,
                EntityType::Location,
            ][best];
        }
    }
}

/// "Orgy, Velvet Revolver, and Linkin Park": names listed together are things of one kind; in
/// a list of three or more where two thirds share a type, an unlisted organisation or place
/// of the other type (no definition stating it, no designator ending it) takes theirs.
/// `mentions` must be sorted by start.
pub(crate) fn type_lists(cx: &Context, mentions: &mut [Mention]) {
    let (lex, text) = (cx.lex, cx.text);
    let separator = |gap: &str| matches!(gap, ", " | " , " | ", and " | " , and " | " and ");
    let mut start = 0;
    while start < mentions.len() {
        let mut end = start + 1;
        while end < mentions.len()
            && mentions[end].span.start > mentions[end - 1].span.end
            && separator(&text[mentions[end - 1].span.end..mentions[end].span.start])
        {
            end += 1;
        }
        let run = &mut mentions[start..end];
        if run.len() >= 3 {
            let count = |ty: EntityType| run.iter().filter(|m| m.ty == ty).count();
            let types = [
                EntityType::Person,
                EntityType::Organization,
                EntityType::Location,
            ];
            if let Some(&major) = types.iter().find(|&&ty| 3 * count(ty) >= 2 * run.len()) {
                for m in run.iter_mut() {
                    // A person stays one (a surname among places is more often a name than
                    // a place), and so does a name its last word types ("Jimmy Manopo Band").
                    let designated = text[m.span.start..m.span.end]
                        .rsplit(' ')
                        .next()
                        .is_some_and(|w| lex.names.is_org_word(w));
                    if m.ty != major
                        && m.ty != EntityType::Person
                        && m.target.is_none()
                        && !m.stated
                        && !designated
                    {
                        m.ty = major;
                    }
                }
            }
        }
        start = end;
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{mentions_of, shown, TestDoc};
    use super::*;
    use newsgraph_model::Span;

    #[test]
    fn issue_3_a_place_and_a_plural_make_a_team() {
        let text = "the Buffalo Bisons beat Mark Andrews and the United States; the John \
                    Birch Society and Charlotte Church; Cornish Colony Museum, West Bank";
        let mut mentions = mentions_of(
            text,
            &[
                ("Buffalo Bisons", EntityType::Location),
                ("Mark Andrews", EntityType::Person),
                ("United States", EntityType::Location),
                ("John Birch Society", EntityType::Person),
                ("Charlotte Church", EntityType::Person),
                ("Cornish Colony Museum", EntityType::Location),
                ("West Bank", EntityType::Location),
            ],
        );
        retype_by_name_words(&TestDoc::new(text).cx(), &mut mentions);
        let types: Vec<EntityType> = mentions.iter().map(|m| m.ty).collect();
        assert_eq!(
            types,
            [
                EntityType::Organization,
                EntityType::Person,
                EntityType::Location,
                EntityType::Organization,
                EntityType::Person,
                EntityType::Organization,
                EntityType::Location
            ]
        );
        // "The" and a plural: a band, unless a known place ("The Netherlands").
        let text = "songs by The Ramones recorded in The Netherlands";
        let mut mentions = mentions_of(
            text,
            &[
                ("The Ramones", EntityType::Location),
                ("The Netherlands", EntityType::Location),
            ],
        );
        retype_by_name_words(&TestDoc::new(text).cx(), &mut mentions);
        assert_eq!(
            shown(text, &mentions),
            [
                ("The Ramones", EntityType::Organization),
                ("The Netherlands", EntityType::Location)
            ]
        );
    }

    #[test]
    fn issue_3_one_unlisted_name_has_one_type_in_a_document() {
        let (org, per) = (EntityType::Organization, EntityType::Person);
        let text = "Magna said profits rose. Managers stay with Magna, and Magna will hire.";
        let mut mentions: Vec<Mention> = text
            .match_indices("Magna")
            .zip([org, per, org])
            .map(|((at, name), ty)| Mention::new(Span::new(at, at + name.len()), ty))
            .collect();
        vote_types(&TestDoc::new(text).cx(), &mut mentions);
        type_lists(&TestDoc::new(text).cx(), &mut mentions);
        assert!(mentions.iter().all(|m| m.ty == org));
    }

    #[test]
    fn issue_3_a_town_after_a_team_cue_is_its_club() {
        let (org, loc) = (EntityType::Organization, EntityType::Location);
        let text = "He played with Footscray and North Melbourne, then played for France in Leeds.";
        let mut mentions = mentions_of(
            text,
            &[
                ("Footscray", loc),
                ("North Melbourne", loc),
                ("France", loc),
                ("Leeds", loc),
            ],
        );
        retype_by_team_cues(&TestDoc::new(text).cx(), &mut mentions);
        let types: Vec<EntityType> = mentions.iter().map(|m| m.ty).collect();
        assert_eq!(types, [org, org, loc, loc]);
    }

    #[test]
    fn issue_3_names_listed_together_share_a_type() {
        let (org, loc, per) = (
            EntityType::Organization,
            EntityType::Location,
            EntityType::Person,
        );
        let text = "He got back Breisach, Kehl and Freiburg, and met Novak, Ilic and Jovic.";
        let mut mentions = mentions_of(
            text,
            &[
                ("Breisach", org),
                ("Kehl", loc),
                ("Freiburg", loc),
                ("Novak", per),
                ("Ilic", per),
                ("Jovic", per),
            ],
        );
        type_lists(&TestDoc::new(text).cx(), &mut mentions);
        let types: Vec<EntityType> = mentions.iter().map(|m| m.ty).collect();
        assert_eq!(types, [loc, loc, loc, per, per, per]);
        // A name its last word types keeps it.
        let text = "Hosts were Jimmy Manopo Band, Erwin Gutawa and Elfa Secioria.";
        let mut mentions = mentions_of(
            text,
            &[
                ("Jimmy Manopo Band", org),
                ("Erwin Gutawa", per),
                ("Elfa Secioria", per),
            ],
        );
        type_lists(&TestDoc::new(text).cx(), &mut mentions);
        assert_eq!(mentions[0].ty, org);
    }

    #[test]
    fn issue_3_a_lower_case_title_states_a_person_for_every_mention() {
        let (loc, per) = (EntityType::Location, EntityType::Person);
        let text = "the sorcerer queen Tamiraka resisted . Tamiraka wrote to Voulet , and \
                    Tamiraka moved north .";
        let at: Vec<usize> = text.match_indices("Tamiraka").map(|(i, _)| i).collect();
        let mut mentions: Vec<Mention> = at
            .iter()
            .map(|&i| Mention::new(Span::new(i, i + "Tamiraka".len()), loc))
            .collect();
        retype_after_titles(&TestDoc::new(text).cx(), &mut mentions);
        assert_eq!(mentions[0].ty, per);
        assert_eq!(mentions[1].ty, loc);
        // The stated type outweighs the two guesses in the vote.
        vote_types(&TestDoc::new(text).cx(), &mut mentions);
        assert!(mentions.iter().all(|m| m.ty == per));
    }
}
