//! Pieces of one name joined again: a place cut off the front of an organisation's name
//! ("Pakistan" + "Boy Scouts Association"), a quoted nickname inside a person's name, two
//! pieces over a name particle ("Silang y Andaya"), an Arabic article ("al-Bab"), and a
//! possessive that possesses nothing ("Dillard's was added": the shop).

use super::{leading_word, token_range, Context, Mention, Reads};
use crate::gazetteer::Ref;
use newsgraph_model::{EntityType, Span};

rule!(
    /// "Pakistan Boy Scouts Association", "Huntington Metrorail Station": a place right before
    /// an organisation or a place, one space on, is part of its name.
    PlaceAndOrganisation,
    "place_and_organisation",
    [],
    |cx, found| {
        join_place_and_organisation(cx, &mut found.mentions);
    }
);

rule!(
    /// Joaquin "El Chapo" Guzman: a quoted nickname stays inside the person's name.
    Nicknames,
    "nicknames",
    [Reads::Tokens, Reads::Words("ner-words.tsv")],
    |cx, found| {
        join_nicknames(cx, &mut found.mentions);
    }
);

rule!(
    /// "Diego Silang y Andaya": two person mentions joined by a name particle are one name;
    /// "against de Lima": a surname alone keeps its particle.
    NameParticles,
    "name_particles",
    [Reads::Words("definition-words.tsv")],
    |cx, found| {
        join_name_particles(cx, &mut found.mentions);
    }
);

rule!(
    /// "the town of al-Bab", "Orum al-Kubra": an Arabic name's hyphenated article is part of
    /// the name.
    ArticleNames,
    "article_names",
    [Reads::Tokens, Reads::Gazetteer, Reads::Words("definition-words.tsv")],
    |cx, found| {
        join_article_names(cx, &mut found.mentions);
    }
);

rule!(
    /// "Dillard's was added", "Thalhimer's, JC Penney": a possessive followed by nothing it
    /// possesses names a shop or firm, and the "'s" is part of the name.
    PossessiveNames,
    "possessive_names",
    [Reads::Words("definition-words.tsv")],
    |cx, found| {
        join_possessive_names(cx, &mut found.mentions);
    }
);

/// "Pakistan Boy Scouts Association", "North Korean Red Cross": the tagger may cut a country,
/// a place or a demonym off the front of an organisation's name; a place mention followed, one
/// space on, by an organisation mention is one organisation, and by another place mention one
/// place.
pub(crate) fn join_place_and_organisation(cx: &Context, mentions: &mut Vec<Mention>) {
    let text = cx.text;
    let mut k = 0;
    while k + 1 < mentions.len() {
        let (a, b) = (&mentions[k], &mentions[k + 1]);
        // Two places one space apart are one place's name ("Huntington Metrorail Station",
        // "Washington Dulles International Airport"); an organisation after a place is that
        // place's organisation.
        let joined = a.ty == EntityType::Location
            && matches!(b.ty, EntityType::Organization | EntityType::Location)
            && text.get(a.span.end..b.span.start) == Some(" ");
        if joined && b.ty == EntityType::Location {
            mentions[k + 1].span = Span::new(a.span.start, b.span.end);
            mentions[k + 1].target = None;
            mentions.remove(k);
            continue;
        }
        if joined {
            mentions[k + 1].span = Span::new(a.span.start, b.span.end);
            mentions[k + 1].target = None;
            mentions.remove(k);
            continue;
        }
        k += 1;
    }
}

/// Joaquin "El Chapo" Guzman, William "Buckshot" May: a quoted nickname between a given name
/// and a surname is inside one person's name, which the tagger cuts in two (or three).
/// `mentions` must be sorted by start.
pub(crate) fn join_nicknames(cx: &Context, mentions: &mut Vec<Mention>) {
    let (lex, text, tokens) = (cx.lex, cx.text, cx.tokens);
    let word = |i: usize| &text[tokens[i].span.start..tokens[i].span.end];
    let quote = |i: usize| matches!(word(i), "\"" | "“" | "”" | "'" | "‘" | "’");
    let capitalised = |i: usize| word(i).starts_with(char::is_uppercase);
    let mut k = 0;
    while k < mentions.len() {
        let m = &mentions[k];
        let Some((first, last)) = token_range(tokens, m.span) else {
            k += 1;
            continue;
        };
        let given = || lex.names.is_given_name(word(first));
        if last + 4 >= tokens.len() || !quote(last + 1) || !(m.ty == EntityType::Person || given())
        {
            k += 1;
            continue;
        }
        // One to three capitalised words, the closing quote, then the surname.
        let Some(close) = (last + 3..=(last + 5).min(tokens.len() - 2)).find(|&i| quote(i)) else {
            k += 1;
            continue;
        };
        if !(last + 2..close).all(capitalised) || !capitalised(close + 1) {
            k += 1;
            continue;
        }
        let surname = tokens[close + 1].span;
        let end = mentions
            .iter()
            .find(|o| o.span.start == surname.start)
            .map_or(surname.end, |o| o.span.end);
        let span = Span::new(m.span.start, end);
        mentions.retain(|o| !o.span.overlaps(span));
        mentions.insert(k, Mention::new(span, EntityType::Person));
        k += 1;
    }
}

/// "Diego Silang y Andaya", "Anton Wolfgang von Faber-Castell": two person mentions joined by a
/// name particle (`data/definition-words.tsv`) are one person's name.
pub(crate) fn join_name_particles(cx: &Context, mentions: &mut Vec<Mention>) {
    let (lex, text) = (cx.lex, cx.text);
    let mut k = 0;
    while k + 1 < mentions.len() {
        let (a, b) = (&mentions[k], &mentions[k + 1]);
        if a.ty == EntityType::Person
            && b.ty == EntityType::Person
            && b.span.start > a.span.end
            && text[a.span.end..b.span.start]
                .strip_prefix(' ')
                .and_then(|gap| gap.strip_suffix(' '))
                .is_some_and(|w| lex.definitions.is_name_particle(w))
        {
            let span = Span::new(a.span.start, b.span.end);
            mentions[k] = Mention::new(span, EntityType::Person);
            mentions.remove(k + 1);
            continue;
        }
        k += 1;
    }
    // "charges against de Lima", "said van Gaal": a surname named alone keeps its particle
    // (not "y", which also joins two surnames), when no name runs on before it.
    for m in mentions.iter_mut() {
        if m.ty != EntityType::Person {
            continue;
        }
        let Some(before) = text[..m.span.start].strip_suffix(' ') else {
            continue;
        };
        let particle = before
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        let rest = &before[..before.len() - particle.len()];
        let word_before = rest.trim_end().rsplit(' ').next().unwrap_or("");
        if particle.len() >= 2
            && lex.definitions.is_name_particle(particle)
            && rest.ends_with(' ')
            && !word_before.starts_with(char::is_uppercase)
        {
            m.span = Span::new(m.span.start - particle.len() - 1, m.span.end);
        }
    }
}

/// See [`ArticleNames`]. Arabic names keep their article, lower case and hyphenated, as
/// English news transliterates it: a word of a name particle (`data/definition-words.tsv`: "al",
/// "el"), a hyphen and a capital ("al-Bab", "Bashar al-Assad"). The tagger reads such a word as
/// no name: it is joined to the name right before it ("Orum al-Kubra"), gives its own start to
/// a name the tagger cut out of it, or, alone, is a place when the gazetteer knows it with the
/// article as a word of its own ("Al Bab").
pub(crate) fn join_article_names(cx: &Context, mentions: &mut Vec<Mention>) {
    let (lex, gaz, text) = (cx.lex, cx.gaz, cx.text);
    let mut changed = false;
    // Found from the text's hyphens (few) rather than from every word.
    for (hyphen, _) in text.match_indices('-') {
        let head = &text.as_bytes()[..hyphen];
        let letters = head
            .iter()
            .rev()
            .take(4)
            .take_while(|b| b.is_ascii_lowercase())
            .count();
        if letters == 0 || letters > 3 {
            continue;
        }
        let from = hyphen - letters;
        let k = cx.tokens.partition_point(|t| t.span.start < from);
        let Some(t) = cx.tokens.get(k).filter(|t| t.span.start == from) else {
            continue;
        };
        // The hyphen must lie inside the word ("al - Bab" is three words).
        let Some((particle, rest)) = text
            .get(t.span.start..t.span.end)
            .and_then(|word| Some((word.get(..letters)?, word.get(letters + 1..)?)))
        else {
            continue;
        };
        if !rest.starts_with(char::is_uppercase) || !lex.definitions.is_name_particle(particle) {
            continue;
        }
        let span = t.span;
        if let Some(m) = mentions
            .iter_mut()
            .find(|m| m.span.end + 1 == span.start && text.get(m.span.end..span.start) == Some(" "))
        {
            m.span = Span::new(m.span.start, span.end);
            m.target = None;
            changed = true;
            continue;
        }
        if let Some(m) = mentions
            .iter_mut()
            .find(|m| m.span.start > span.start && m.span.start < span.end)
        {
            m.span = Span::new(span.start, m.span.end.max(span.end));
            m.target = None;
            changed = true;
            continue;
        }
        if mentions.iter().any(|m| m.span.overlaps(span)) {
            continue;
        }
        let spaced = format!("{particle} {rest}");
        if gaz.is_place_name(&spaced, true) {
            let mut m = Mention::new(span, EntityType::Location);
            m.target = super::pick(gaz, &gaz.lookup(&spaced), EntityType::Location, &spaced);
            mentions.push(m);
            changed = true;
        }
    }
    if changed {
        super::sort(mentions);
    }
}

/// "Dillard 's was added", "anchors: Thalhimer's, JC Penney": a name whose possessive is followed
/// by nothing it possesses names a shop or firm ("Moody's", "Lloyd's"), and the "'s" is part of
/// it. A place keeps its type ("Test at Lord's"); a listed person is left alone.
pub(crate) fn join_possessive_names(cx: &Context, mentions: &mut [Mention]) {
    let (lex, text) = (cx.lex, cx.text);
    for m in mentions.iter_mut() {
        if matches!(
            m.target,
            Some(Ref::Person(_) | Ref::Org(_) | Ref::Country(_))
        ) {
            continue;
        }
        let rest = &text[m.span.end..];
        let gap = usize::from(rest.starts_with(' '));
        let Some(mark) = ["'s", "’s"].iter().find(|p| rest[gap..].starts_with(**p)) else {
            continue;
        };
        let end = m.span.end + gap + mark.len();
        let after = &text[end..];
        let next = after.trim_start_matches(' ');
        let next_word = leading_word(next);
        // "Baker's and Yeutter's views", "Clinton's, Sanders' and Cruz's": the noun comes
        // after the last possessive.
        let shared_noun = || {
            let rest = next.get(next_word.len().max(1)..).unwrap_or("");
            let words: Vec<&str> = rest.split_whitespace().collect();
            let name = words
                .iter()
                .take_while(|w| w.starts_with(char::is_uppercase))
                .count();
            name > 0
                && (words[name - 1].ends_with(['\'', '’'])
                    || words[name - 1].ends_with("'s")
                    || words[name - 1].ends_with("’s")
                    || words.get(name).is_some_and(|w| w.starts_with(['\'', '’'])))
        };
        let nothing_possessed = after.starts_with([' ', '\n'])
            && (next.starts_with(['.', ';'])
                // ("Philip's had an accident": "'s" is "has" there.)
                || lex.definitions.is_copula(next_word)
                || (lex.definitions.is_auxiliary(next_word) && next_word != "had")
                || ((next.starts_with(',') || matches!(next_word, "and" | "or"))
                    && !shared_noun()));
        // A person named in full ("Lou Gehrig's disease") is still a person.
        let one_word = !text[m.span.start..m.span.end].contains(' ');
        if nothing_possessed && (one_word || m.ty != EntityType::Person) {
            m.span = Span::new(m.span.start, end);
            if m.ty == EntityType::Person {
                m.ty = EntityType::Organization;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{mentions_of, shown, TestDoc};
    use super::*;

    #[test]
    fn issue_3_a_place_cut_off_an_organisation_rejoins_it() {
        let text = "He led the Pakistan Boy Scouts Association in Lahore.";
        let mut mentions = mentions_of(
            text,
            &[
                ("Pakistan", EntityType::Location),
                ("Boy Scouts Association", EntityType::Organization),
                ("Lahore", EntityType::Location),
            ],
        );
        join_place_and_organisation(&TestDoc::new(text).cx(), &mut mentions);
        assert_eq!(
            shown(text, &mentions),
            [
                ("Pakistan Boy Scouts Association", EntityType::Organization),
                ("Lahore", EntityType::Location)
            ]
        );
    }

    #[test]
    fn issue_3_a_place_right_before_a_name_belongs_to_it() {
        let (org, loc) = (EntityType::Organization, EntityType::Location);
        let text = "from Huntington Metrorail Station to the Pakistan Boy Scouts Association";
        let mut mentions = mentions_of(
            text,
            &[
                ("Huntington", loc),
                ("Metrorail Station", loc),
                ("Pakistan", loc),
                ("Boy Scouts Association", org),
            ],
        );
        join_place_and_organisation(&TestDoc::new(text).cx(), &mut mentions);
        assert_eq!(
            shown(text, &mentions),
            [
                ("Huntington Metrorail Station", loc),
                ("Pakistan Boy Scouts Association", org)
            ]
        );
    }

    #[test]
    fn issue_18_a_surname_named_alone_keeps_its_particle() {
        let per = EntityType::Person;
        let text = "Charges against de Lima were filed, said Ana de Castro and Kim y Lee.";
        let mut mentions = mentions_of(text, &[("Lima", per), ("Castro", per), ("Lee", per)]);
        join_name_particles(&TestDoc::new(text).cx(), &mut mentions);
        assert_eq!(
            shown(text, &mentions),
            [("de Lima", per), ("Castro", per), ("Lee", per)]
        );
    }

    #[test]
    fn issue_3_a_quoted_nickname_stays_inside_the_name() {
        let per = EntityType::Person;
        let text =
            "Drug lord Joaquin \"El Chapo\" Guzman escaped, said Harold \" Junior \" Theriault.";
        let mut mentions = mentions_of(text, &[("Joaquin", per), ("Guzman", per), ("Harold", per)]);
        join_nicknames(&TestDoc::new(text).cx(), &mut mentions);
        assert_eq!(
            shown(text, &mentions),
            [
                ("Joaquin \"El Chapo\" Guzman", per),
                ("Harold \" Junior \" Theriault", per)
            ]
        );
        // A quoted title after a name is no nickname: a lower-case word follows it.
        let text = "Adele sang \"Hello\" again.";
        let mut mentions = mentions_of(text, &[("Adele", per)]);
        join_nicknames(&TestDoc::new(text).cx(), &mut mentions);
        assert_eq!(shown(text, &mentions), [("Adele", per)]);
    }

    #[test]
    fn issue_3_a_name_particle_joins_two_pieces_of_one_name() {
        let (per, loc) = (EntityType::Person, EntityType::Location);
        let text = "Diego Silang y Andaya led the revolt near Vigan and in Manila.";
        let mut mentions = mentions_of(
            text,
            &[
                ("Diego Silang", per),
                ("Andaya", per),
                ("Vigan", loc),
                ("Manila", loc),
            ],
        );
        join_name_particles(&TestDoc::new(text).cx(), &mut mentions);
        assert_eq!(
            shown(text, &mentions),
            [
                ("Diego Silang y Andaya", per),
                ("Vigan", loc),
                ("Manila", loc)
            ]
        );
    }

    #[test]
    fn issue_3_a_possessive_that_possesses_nothing_names_a_shop() {
        let (org, loc, per) = (
            EntityType::Organization,
            EntityType::Location,
            EntityType::Person,
        );
        let text = "Anchors were Harlan 's , JC Penney and Brody's . Test at Lord 's . \
                    Harlan 's sales fell , and Baker 's and Yeutter 's views differ .";
        let mut mentions = mentions_of(
            text,
            &[
                ("JC Penney", org),
                ("Brody", per),
                ("Lord", loc),
                ("Baker", per),
            ],
        );
        let first = text.find("Harlan").expect("name");
        let last = text.rfind("Harlan").expect("name");
        mentions.push(Mention::new(Span::new(first, first + 6), per));
        mentions.push(Mention::new(Span::new(last, last + 6), per));
        join_possessive_names(&TestDoc::new(text).cx(), &mut mentions);
        assert_eq!(
            shown(text, &mentions),
            [
                ("JC Penney", org),
                ("Brody's", org),
                ("Lord 's", loc),
                // "Baker 's and Yeutter 's views": the noun follows the second possessive.
                ("Baker", per),
                ("Harlan 's", org),
                // "Harlan 's sales": the possessive has its noun, so Harlan is a person.
                ("Harlan", per),
            ]
        );
    }
}
