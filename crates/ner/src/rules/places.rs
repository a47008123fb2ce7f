//! Places the text sets as places, whatever the tagger made of them: names ending in a place
//! word ("Hay Street", "Hancock Pond"), listed places after a cue ("in Innisfail", "north of
//! Mareeba"), before their region ("Hinton, Alberta"), beside another place ("between Brighton
//! and Hove"), before an office or a kind of place ("Texas Senator", "a Houston suburb"), in the
//! dateline, and in "Seattle-based"; a seat of government in a spatial phrase ("at the White
//! House"). The words are those of `data/place-words.tsv`.

use super::{sort, Context, Mention, Reads};
use crate::gazetteer::Ref;
use newsgraph_model::{EntityType, Span};

rule!(
    /// "Hay Street", "Metcalfe County", "River Mersey": a name ending in a place word (or a
    /// person's opening with one) is a place, MISC names included.
    PlaceWordNames,
    "place_word_names",
    [Reads::Misc, Reads::Words("place-words.tsv")],
    |cx, found| {
        retype_place_names(cx, &mut found.mentions, &mut found.misc);
    }
);

rule!(
    /// "drained Hancock Pond": untagged capitalised words before a place word are a place.
    AddPlaceNames,
    "add_place_names",
    [Reads::Tokens, Reads::Misc, Reads::Words("place-words.tsv")],
    |cx, found| {
        add_place_names(cx, &mut found.mentions, &found.misc);
    }
);

rule!(
    /// "in Innisfail", "eastern Aleppo", "Texas Senator", "between Brighton and Hove": a listed
    /// place the text sets as a place is a LOCATION, unless it is a person's surname.
    PlaceContext,
    "place_context",
    [Reads::Gazetteer, Reads::Words("place-words.tsv"), Reads::Words("ner-words.tsv"), Reads::Words("kind-nouns.tsv")],
    |cx, found| {
        retype_by_place_context(cx, &mut found.mentions);
    }
);

rule!(
    /// "BEIJING --": the dateline's place is a place mention.
    Dateline,
    "dateline",
    [Reads::Dateline, Reads::Gazetteer],
    |cx, found| {
        add_dateline(cx, &mut found.mentions, &mut found.misc);
    }
);

rule!(
    /// "Churchill, Man.": the region or country after a place and a comma is a place mention.
    ContainingRegions,
    "containing_regions",
    [Reads::Gazetteer],
    |cx, found| {
        add_containing_regions(cx, &mut found.mentions);
    }
);

rule!(
    /// "Seattle-based Starbucks": the place a firm is based in is a place mention.
    BasedPlaces,
    "based_places",
    [Reads::Tokens, Reads::Gazetteer],
    |cx, found| {
        add_based_places(cx, &mut found.mentions);
    }
);

rule!(
    /// "jumped a fence at the White House", "protesters outside the Kremlin": a listed seat of
    /// government (a government body whose name ends in no designator such as "Ministry") in
    /// a spatial phrase is the place, not the body.
    SeatPlaces,
    "seat_places",
    [Reads::Tokens, Reads::Gazetteer, Reads::Words("ner-words.tsv")],
    |cx, found| {
        retype_seat_places(cx, &mut found.mentions);
    }
);

/// See [`SeatPlaces`]. "in the White House" stays the body (it works there); "at", "outside",
/// "inside", "near", "into", "around" and "close to" the seat are places.
pub(crate) fn retype_seat_places(cx: &Context, mentions: &mut [Mention]) {
    for m in mentions.iter_mut() {
        let Some(Ref::Org(i)) = m.target else {
            continue;
        };
        let seat = cx.gaz.orgs.get(i as usize).is_some_and(|o| {
            o.kind == "government"
                && o.name
                    .rsplit(' ')
                    .next()
                    .is_some_and(|last| !cx.lex.names.is_org_word(last))
        });
        if !seat || m.ty == EntityType::Location {
            continue;
        }
        let before: Vec<&str> = cx.text[..m.span.start]
            .split_whitespace()
            .rev()
            .take(3)
            .collect();
        let spatial = match before.as_slice() {
            ["the", w, ..] => matches!(
                w.to_lowercase().as_str(),
                "at" | "outside" | "inside" | "near" | "into" | "around"
            ),
            _ => false,
        } || matches!(
            before.as_slice(),
            [
                "the",
                "to",
                "close" | "closer" | "next" | "adjacent" | "near",
                ..
            ]
        );
        if spatial {
            m.ty = EntityType::Location;
        }
    }
}

rule!(
    /// "dinner at Mar-a-Lago", "a crash outside Mar-a-Lago": an unlisted name the tagger took
    /// for an organisation, that the text sets at least twice, and in a third of its uses,
    /// right after a spatial preposition with no article, is a place at every use.
    LocativeNames,
    "locative_names",
    [Reads::Tokens],
    |cx, found| {
        retype_locative_names(cx, &mut found.mentions);
    }
);

/// See [`LocativeNames`]. "to" and "from" are left out: a team plays "to Ajax", a player
/// comes "from Ajax".
pub(crate) fn retype_locative_names(cx: &Context, mentions: &mut [Mention]) {
    let text = cx.text;
    let open = |m: &Mention| m.ty == EntityType::Organization && m.target.is_none() && !m.stated;
    let mut counts: newsgraph_model::hash::FastMap<&str, (u32, u32)> = Default::default();
    for m in mentions.iter().filter(|m| open(m)) {
        let before = text[..m.span.start].split_whitespace().next_back();
        let spatial = matches!(
            before,
            Some("at" | "near" | "outside" | "inside" | "into" | "At" | "Near" | "Outside")
        );
        let c = counts.entry(&text[m.span.start..m.span.end]).or_default();
        c.0 += u32::from(spatial);
        c.1 += 1;
    }
    for m in mentions.iter_mut() {
        if !open(m) {
            continue;
        }
        let place = counts
            .get(&text[m.span.start..m.span.end])
            .is_some_and(|&(spatial, all)| spatial >= 2 && 3 * spatial >= all);
        if place {
            m.ty = EntityType::Location;
        }
    }
}

/// Is the tagger's ORGANIZATION or PERSON mention at `span` of `text` really a place? Yes
/// for a listed county ("Metcalfe County", "PLYMOUTH CO."), and for another place name
/// ([`Gazetteer::is_place_name`], strict) that the text itself sets as a place: after "in", "near" or
/// "outside", before a comma and a region or country ("Hinton, Alberta"), or as the dateline
/// opening the text ("INNISFAIL, Australia -"). The caller still keeps a surname of a
/// person named in the same text.
pub(crate) fn tagged_name_is_place(cx: &Context, span: Span) -> bool {
    let (lex, gaz, text) = (cx.lex, cx.gaz, cx.text);
    let Some(name) = text.get(span.start..span.end) else {
        return false;
    };
    // The context is checked first: it is cheap, and most names have none.
    let after = &text[span.end..];
    let ends_with = |suffix: &str| {
        name.len() >= suffix.len()
            && name.is_char_boundary(name.len() - suffix.len())
            && name[name.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
    };
    if ends_with(" county") || ends_with(" co.") || ends_with(" parish") {
        // Not a club of that name in a results table ("Ross County 3 0 2 1").
        return !after.trim_start().starts_with(|c: char| c.is_ascii_digit())
            && gaz.is_place_name(name, true);
    }
    let before = text[..span.start].trim_end();
    let word_before = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    // Cue words (`data/place-words.tsv`): "in Innisfail", "north of Mareeba", "the towns
    // of Haris".
    let (cues, cues_of) = (&lex.place_words.cues, &lex.place_words.cues_of);
    let mut locative = cues.contains(word_before);
    if word_before == "of" {
        let word = before[..before.len() - 2]
            .trim_end()
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        locative = cues_of.contains(word.to_lowercase().as_str());
    }
    let dateline = before.is_empty() && (after.starts_with(',') || after.starts_with(" -"));
    (locative || dateline || gaz.container_after(text, span.end).is_some())
        && gaz.is_place_name(name, true)
}

/// "Hay Street", "Metcalfe County", "Hancock Pond": a name of two or more words that ends in a
/// place word is a LOCATION whatever type the tagger gave it, MISC included.
pub(crate) fn retype_place_names(cx: &Context, mentions: &mut Vec<Mention>, misc: &mut Vec<Span>) {
    let (lex, text) = (cx.lex, cx.text);
    let is_place = |span: &Span| {
        let mut words = text[span.start..span.end].split_whitespace();
        words
            .next_back()
            .is_some_and(|last| words.next().is_some() && lex.place_words.ends.contains(last))
    };
    for m in mentions.iter_mut() {
        if m.ty != EntityType::Location && is_place(&m.span) {
            m.ty = EntityType::Location;
        }
        // A person named "River Mersey" is a river (organisations keep their type: "Mount
        // Sinai Hospital", "Fort Worth Star-Telegram").
        let name = &text[m.span.start..m.span.end];
        if m.ty == EntityType::Person
            && name
                .split_once(' ')
                .is_some_and(|(first, _)| lex.place_words.leads.contains(first))
        {
            m.ty = EntityType::Location;
        }
    }
    let before = mentions.len();
    misc.retain(|span| {
        if !is_place(span) {
            return true;
        }
        mentions.push(Mention::new(*span, EntityType::Location));
        false
    });
    if mentions.len() > before {
        sort(mentions);
    }
}

/// "drained Hancock Pond": capitalised words before a place word that the tagger left untagged
/// make a LOCATION too (at least one such word; a sentence's first word only when it is not the
/// sole one).
pub(crate) fn add_place_names(cx: &Context, mentions: &mut Vec<Mention>, misc: &[Span]) {
    let (lex, text, tokens) = (cx.lex, cx.text, cx.tokens);
    let word = |i: usize| &text[tokens[i].span.start..tokens[i].span.end];
    let capitalised = |i: usize| word(i).chars().next().is_some_and(char::is_uppercase);
    let mut added = Vec::new();
    for i in 1..tokens.len() {
        if !lex.place_words.ends.contains(word(i)) {
            continue;
        }
        let mut a = i;
        while a > 0
            && tokens[a - 1].sentence == tokens[i].sentence
            && capitalised(a - 1)
            && word(a - 1)
                .chars()
                .all(|c| c.is_alphabetic() || c == '.' || c == '\'')
        {
            a -= 1;
        }
        let sentence_start = a == 0 || tokens[a - 1].sentence != tokens[a].sentence;
        if a == i || (sentence_start && i - a < 2) {
            continue;
        }
        let span = Span::new(tokens[a].span.start, tokens[i].span.end);
        if mentions.iter().any(|m| m.span.overlaps(span)) || misc.iter().any(|m| m.overlaps(span)) {
            continue;
        }
        added.push(Mention::new(span, EntityType::Location));
    }
    if !added.is_empty() {
        mentions.extend(added);
        sort(mentions);
    }
}

/// A name the tagger called an organisation or a person that the gazetteer knows as a place,
/// and that the text sets as a place ("in Innisfail", "Hinton, Alberta", a listed county, the
/// opening dateline: [`tagged_name_is_place`]), is a LOCATION; a surname of a person
/// named in full in the same text stays a person.
pub(crate) fn retype_by_place_context(cx: &Context, mentions: &mut [Mention]) {
    let (lex, gaz, text) = (cx.lex, cx.gaz, cx.text);
    // "North Bridgton", "Upper Saddle River": a direction word and a listed place name are a
    // place, not a person.
    for m in mentions.iter_mut() {
        if m.ty != EntityType::Person {
            continue;
        }
        let own = &text[m.span.start..m.span.end];
        if let Some((first, rest)) = own.split_once(' ') {
            if lex.place_words.directions.contains(first) && gaz.is_place_name(rest, true) {
                m.ty = EntityType::Location;
            }
        }
    }
    let people: Vec<Span> = mentions
        .iter()
        .filter(|m| m.ty == EntityType::Person)
        .map(|m| m.span)
        .collect();
    let mut places: Vec<Span> = mentions
        .iter()
        .filter(|m| m.ty == EntityType::Location)
        .map(|m| m.span)
        .collect();
    places.sort_by_key(|p| p.start);
    // The place mention starting, or ending, exactly at a byte offset (by bisection: a rule
    // below asks for every mention).
    let place_from = |at: usize| places.binary_search_by_key(&at, |p| p.start).is_ok();
    let place_to = |at: usize| {
        let i = places.partition_point(|p| p.end < at);
        places.get(i).is_some_and(|p| p.end == at)
    };
    for m in mentions.iter_mut() {
        if m.ty == EntityType::Location {
            continue;
        }
        let own = &text[m.span.start..m.span.end];
        // "between Brighton and Southampton", "Hilsea and Portsmouth": a listed place joined by
        // "and" or "or" to a place mention is a place too (an organisation so typed: a listed
        // place name that the tagger took for a person is more likely someone's name).
        let coordinated = || {
            let joined = [" and ", " or "].iter().any(|gap| {
                (text[m.span.end..].starts_with(gap) && place_from(m.span.end + gap.len()))
                    || (text[..m.span.start].ends_with(gap) && place_to(m.span.start - gap.len()))
            });
            joined && m.ty == EntityType::Organization && gaz.is_place_name(own, true)
        };
        // "a priest in Vigan , Ilocos Sur .": an unlisted name set after a place and a comma,
        // ending the sentence, is the region holding it (not a list: "Wachovia, Carnival Cruise
        // Lines, and ..." goes on; nor a name with an organisation designator).
        let container = || {
            m.target.is_none()
                && text[m.span.end..]
                    .trim_start_matches(' ')
                    .starts_with(['.', ';', ')', '\n'])
                && !own.split(' ').any(|w| lex.names.is_org_word(w))
                && [", ", " , "].iter().any(|gap| {
                    text[..m.span.start].ends_with(gap) && place_to(m.span.start - gap.len())
                })
        };
        if m.ty == EntityType::Organization && container() {
            m.ty = EntityType::Location;
            continue;
        }
        // The cheap evidence first: most names have none, and then no look-up is made.
        // "eastern Aleppo", "northern Iraq": a part of it is named, so it is a place.
        let part_of = || {
            text[..m.span.start]
                .strip_suffix(' ')
                .and_then(|before| before.rsplit(|c: char| !c.is_alphabetic()).next())
                .is_some_and(|w| {
                    let mut chars = w.chars();
                    chars.next().is_some_and(|c| c.is_ascii_lowercase()) && {
                        let cap: String = w[..1].to_ascii_uppercase() + chars.as_str();
                        lex.place_words.directions.contains(cap.as_str())
                    }
                })
                && gaz.is_place_name(own, true)
        };
        // "Texas Senator Ted Cruz", "British Columbia Finance Minister", "a Houston suburb",
        // "Aberdeen airport": an office of the place or a kind of place follows.
        let placed = || {
            let mut words_after = text[m.span.end..]
                .split_whitespace()
                .map(|w| w.trim_end_matches([',', '.', ';', ':']));
            let after: [&str; 2] = [
                words_after.next().unwrap_or(""),
                words_after.next().unwrap_or(""),
            ];
            let title = |w: &str| lex.names.is_title(w);
            let office = title(after[0])
                || (after[0].chars().next().is_some_and(char::is_uppercase) && title(after[1]));
            let place_noun = !after[0].is_empty()
                && after[0].chars().all(|c| c.is_lowercase())
                && lex.definitions.noun_type(after[0]) == Some(Some(EntityType::Location));
            (office || place_noun) && gaz.is_place_name(own, true)
        };
        // A country's name is the country ("the US singer"); CoNLL-2003 also tags national
        // teams as places. Only a listed organisation or person of that name keeps its type.
        let country = || {
            let refs = gaz.lookup_listed(own);
            refs.iter().any(|r| matches!(r, Ref::Country(_)))
                && !refs
                    .iter()
                    .any(|r| matches!(r, Ref::Org(_) | Ref::Person(_)))
        };
        let surname = || {
            people.iter().any(|p| {
                let full = &text[p.start..p.end];
                full.len() > own.len()
                    && full.ends_with(own)
                    && full[..full.len() - own.len()].ends_with(' ')
            })
        };
        if (part_of() || placed() || coordinated() || tagged_name_is_place(cx, m.span) || country())
            && !surname()
        {
            m.ty = EntityType::Location;
        }
    }
}

/// The dateline's place ("BEIJING --", "INNISFAIL, Australia -") is a place mention whatever
/// the tagger made of the upper-case word, when the gazetteer knows it as a place.
pub(crate) fn add_dateline(cx: &Context, mentions: &mut Vec<Mention>, misc: &mut Vec<Span>) {
    let (gaz, text, dateline) = (cx.gaz, cx.text, cx.dateline);
    let Some(span) = dateline else { return };
    let Some(name) = text.get(span.start..span.end) else {
        return;
    };
    if !gaz.is_place_name(name, false) {
        return;
    }
    if let Some(m) = mentions.iter_mut().find(|m| m.span == span) {
        m.ty = EntityType::Location;
        return;
    }
    if mentions.iter().any(|m| m.span.overlaps(span)) {
        return;
    }
    misc.retain(|m| !m.overlaps(span));
    mentions.push(Mention::new(span, EntityType::Location));
    sort(mentions);
}

/// "Churchill, Man.", "Hinton, Alberta": the region or country right after a place and a comma
/// is a place mention of its own, even when the tagger left it out or took it for an
/// organisation.
pub(crate) fn add_containing_regions(cx: &Context, mentions: &mut Vec<Mention>) {
    let (gaz, text) = (cx.gaz, cx.text);
    let mut regions: Vec<Span> = Vec::new();
    let mut retyped: Vec<usize> = Vec::new();
    let mut extended: Vec<(usize, Span)> = Vec::new();
    for m in mentions.iter().filter(|m| m.ty == EntityType::Location) {
        if let Some(span) = gaz.container_after(text, m.span.end) {
            // The tagger may have typed it already, wrongly ("AUSTIN, Texas" as a team).
            if let Some(k) = mentions.iter().position(|o| o.span == span) {
                retyped.push(k);
            } else if let Some(k) = mentions.iter().position(|o| {
                o.span.start == span.start && o.span.end < span.end && o.ty == EntityType::Location
            }) {
                // "Regina, Sask.": the abbreviation's period, which the tagger left to the
                // sentence.
                extended.push((k, span));
            } else if !mentions.iter().any(|o| o.span.overlaps(span)) && !regions.contains(&span) {
                regions.push(span);
            }
        }
    }
    for k in retyped {
        if mentions[k].ty == EntityType::Organization {
            mentions[k].ty = EntityType::Location;
        }
    }
    if !extended.is_empty() {
        for &(k, span) in &extended {
            mentions[k].span = span;
            mentions[k].target = None;
        }
        // The longer name swallows what the tagger found inside it ("Papua" grown into "Papua
        // New Guinea" takes the "Guinea" that was a mention of its own): mentions never overlap.
        let mut keep = vec![true; mentions.len()];
        for &(k, span) in &extended {
            for (j, m) in mentions.iter().enumerate() {
                if j != k && m.span.overlaps(span) {
                    keep[j] = false;
                }
            }
        }
        let mut j = 0;
        mentions.retain(|_| {
            j += 1;
            keep[j - 1]
        });
    }
    if regions.is_empty() {
        return;
    }
    mentions.extend(
        regions
            .into_iter()
            .map(|span| Mention::new(span, EntityType::Location)),
    );
    sort(mentions);
}

rule!(
    /// "Sen. Marco Rubio (R-Fla.)", "Rep. Sean Duffy, R-Wis.,": the state after a US
    /// legislator's party letter is a place mention.
    PartyStates,
    "party_states",
    [Reads::Gazetteer],
    |cx, found| {
        add_party_states(cx, &mut found.mentions);
    }
);

/// See [`PartyStates`]. American news names a member of Congress with a party letter (R, D,
/// I), a hyphen and the state, mostly in its AP abbreviation ("(D-N.Y.)", "R-Texas,"), in
/// parentheses or between commas. The state is one when the gazetteer knows it as a
/// first-level region of the United States; a name the tagger made of "D-Ariz" gives way.
pub(crate) fn add_party_states(cx: &Context, mentions: &mut Vec<Mention>) {
    let text = cx.text;
    let mut added: Vec<(Span, Span)> = Vec::new();
    for (at, _) in text.match_indices('-') {
        let Some(party) = at.checked_sub(1) else {
            continue;
        };
        if !matches!(text.as_bytes()[party], b'R' | b'D' | b'I')
            || !text[..party].ends_with(['(', ' '])
        {
            continue;
        }
        let rest = &text[at + 1..];
        // "N.Y.", "Fla.", "Texas", "New Mexico": letters, periods, and spaces before a capital.
        let len = rest
            .char_indices()
            .find(|&(i, c)| {
                !(c.is_ascii_alphabetic()
                    || c == '.'
                    || (c == ' ' && rest[i + 1..].starts_with(|n: char| n.is_ascii_uppercase())))
            })
            .map_or(rest.len(), |(i, _)| i);
        if !rest.starts_with(|c: char| c.is_ascii_uppercase())
            || !rest[len..].starts_with([')', ',', ';'])
        {
            continue;
        }
        let state = &rest[..len];
        let us_region = cx.gaz.lookup(state).iter().any(|r| match r {
            Ref::Place(i) => cx
                .gaz
                .places
                .get(*i as usize)
                .is_some_and(|p| p.feature == "A.ADM1" && p.country == "US"),
            _ => false,
        });
        if us_region {
            added.push((
                Span::new(party, at + 1 + len),
                Span::new(at + 1, at + 1 + len),
            ));
        }
    }
    if added.is_empty() {
        return;
    }
    for &(whole, state) in &added {
        match mentions.iter().position(|m| m.span == state) {
            Some(k) => mentions[k].ty = EntityType::Location,
            None => {
                mentions.retain(|m| !m.span.overlaps(whole));
                mentions.push(Mention::new(state, EntityType::Location));
            }
        }
    }
    sort(mentions);
}

/// "Seattle-based Starbucks", "a New York-based group": the place a firm is based in is a place
/// mention, though the tagger sees one adjective (CoNLL-2003 tags it MISC).
pub(crate) fn add_based_places(cx: &Context, mentions: &mut Vec<Mention>) {
    let (gaz, text, tokens) = (cx.gaz, cx.text, cx.tokens);
    let word = |i: usize| &text[tokens[i].span.start..tokens[i].span.end];
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let mut added = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let w = word(i);
        if !w.ends_with("based") {
            continue;
        }
        let Some(stem) = w
            .strip_suffix("-based")
            .or_else(|| w.strip_suffix("\u{2013}based"))
        else {
            continue;
        };
        if !capitalised(stem) {
            continue;
        }
        let end = t.span.start + stem.len();
        // "New York-based": earlier capitalised words of the same name.
        let mut first = i;
        while first > 0
            && tokens[first - 1].sentence == t.sentence
            && capitalised(word(first - 1))
            && i - first < 3
        {
            first -= 1;
        }
        let span = (first..=i)
            .map(|k| Span::new(tokens[k].span.start, end))
            .find(|s| gaz.is_place_name(&text[s.start..s.end], true));
        let Some(span) = span else { continue };
        if mentions.iter().any(|m| m.span.overlaps(span)) {
            continue;
        }
        added.push(Mention::new(span, EntityType::Location));
    }
    if !added.is_empty() {
        mentions.extend(added);
        sort(mentions);
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{mentions_of, TestDoc};
    use super::*;

    fn typed_as(text: &str, name: &str, ty: EntityType) -> EntityType {
        let mut mentions = mentions_of(text, &[(name, ty)]);
        retype_by_place_context(&TestDoc::new(text).cx(), &mut mentions);
        mentions[0].ty
    }

    #[test]
    fn issue_3_a_person_named_like_a_river_is_a_place() {
        let text = "ships on the River Mersey and Mount Sinai Hospital";
        let mut mentions = mentions_of(
            text,
            &[
                ("River Mersey", EntityType::Person),
                ("Mount Sinai Hospital", EntityType::Organization),
            ],
        );
        retype_place_names(&TestDoc::new(text).cx(), &mut mentions, &mut Vec::new());
        assert_eq!(mentions[0].ty, EntityType::Location);
        assert_eq!(mentions[1].ty, EntityType::Organization);
    }

    #[test]
    fn issue_3_an_office_or_a_kind_of_place_after_a_name_makes_it_a_place() {
        let org = EntityType::Organization;
        let loc = EntityType::Location;
        assert_eq!(typed_as("Texas Senator Ted Cruz spoke.", "Texas", org), loc);
        assert_eq!(
            typed_as(
                "British Columbia Finance Minister Mike de Jong said.",
                "British Columbia",
                org
            ),
            loc
        );
        assert_eq!(
            typed_as("They live in a Houston suburb.", "Houston", org),
            loc
        );
        assert_eq!(
            typed_as("A southwest Ohio man was charged.", "Ohio", org),
            loc
        );
        // A place name followed by anything else keeps the tagger's type ("Houston Rockets").
        assert_eq!(typed_as("The Houston Rockets won.", "Houston", org), org);
    }

    #[test]
    fn issue_3_a_direction_word_and_a_listed_place_are_no_person() {
        let (loc, per) = (EntityType::Location, EntityType::Person);
        let text = "The line reached North Bridgton in 1883 and a mill near Bridgton in 1884.";
        let town = text.rfind("Bridgton").expect("town");
        let mut mentions = mentions_of(text, &[("North Bridgton", per)]);
        mentions.push(Mention::new(Span::new(town, town + "Bridgton".len()), per));
        retype_by_place_context(&TestDoc::new(text).cx(), &mut mentions);
        assert_eq!(mentions[0].ty, loc);
        // No person "North Bridgton" hides the town as a surname any more.
        assert_eq!(mentions[1].ty, loc);
        assert_eq!(
            typed_as(
                "Talks with North Quimbleton ended.",
                "North Quimbleton",
                per
            ),
            per
        );
    }

    #[test]
    fn issue_3_a_listed_place_between_or_beside_another_place_is_a_place() {
        let (org, loc, per) = (
            EntityType::Organization,
            EntityType::Location,
            EntityType::Person,
        );
        assert_eq!(
            typed_as("The line runs between Brighton and Hove.", "Brighton", org),
            loc
        );
        let text = "Trains call at Cosham and Portsmouth.";
        let mut mentions = mentions_of(text, &[("Cosham", org), ("Portsmouth", loc)]);
        retype_by_place_context(&TestDoc::new(text).cx(), &mut mentions);
        assert_eq!(mentions[0].ty, loc);
        // A person beside a place keeps the tagger's type, and so does a club beside a club.
        let text = "His daughters, Malia and Sasha, joined him.";
        let mut mentions = mentions_of(text, &[("Malia", per), ("Sasha", loc)]);
        retype_by_place_context(&TestDoc::new(text).cx(), &mut mentions);
        assert_eq!(mentions[0].ty, per);
        // An unlisted name after a place and a comma, ending the sentence, is its region; a
        // list goes on.
        let text = "He served as priest in Vigan, Ilocos Sur. Clients: AT&T, Carnival Cruise Lines, and more.";
        let mut mentions = mentions_of(
            text,
            &[
                ("Vigan", loc),
                ("Ilocos Sur", org),
                ("Carnival Cruise Lines", org),
            ],
        );
        retype_by_place_context(&TestDoc::new(text).cx(), &mut mentions);
        assert_eq!(mentions[1].ty, loc);
        assert_eq!(mentions[2].ty, org);
        let text = "Arsenal and Chelsea drew.";
        let mut mentions = mentions_of(text, &[("Arsenal", org), ("Chelsea", org)]);
        retype_by_place_context(&TestDoc::new(text).cx(), &mut mentions);
        assert_eq!(mentions[0].ty, org);
    }

    #[test]
    fn a_tagged_name_is_a_place_only_where_the_text_sets_it_as_one() {
        let is_place = |text: &str, word: &str| {
            let at = text.find(word).expect("word in text");
            tagged_name_is_place(&TestDoc::new(text).cx(), Span::new(at, at + word.len()))
        };
        assert!(is_place(
            "Fire crews from Metcalfe County were called out.",
            "Metcalfe County"
        ));
        assert!(is_place(
            "Storms flattened crops near Innisfail on Sunday.",
            "Innisfail"
        ));
        assert!(is_place(
            "The mill in Hinton, Alberta, will close.",
            "Hinton"
        ));
        assert!(is_place(
            "INNISFAIL, Australia - Floods rose overnight.",
            "INNISFAIL"
        ));
        // A club in a results table, people and firms after weak prepositions.
        assert!(!is_place("Ross County 3 0 2 1 3 4 2", "Ross County"));
        assert!(!is_place("When I spoke to Alan he agreed.", "Alan"));
        assert!(!is_place("He sold 2,000 shares of Jones stock.", "Jones"));
        assert!(!is_place("Hinton said the vote was close.", "Hinton"));
    }
}
