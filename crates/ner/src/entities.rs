//! Mentions made entities: one entity per canonical key and type, in order of first mention,
//! with the gazetteer's kind and codes; then the links a whole entity list allows: a role
//! phrase naming the one office holder of the article ("the Russian leader"), and an
//! administration named after a leader ("the Obama Administration") coded as that government.

use crate::gazetteer::{Gazetteer, Ref};
use crate::lexicon::Lexicon;
use crate::rules::Mention;
use newsgraph_knowledge::LeaderKind;
use newsgraph_model::{Codes, Entity, EntityType, Span, Token};

/// Group mentions by key and type into entities with codes.
pub(crate) fn group(gaz: &Gazetteer, mentions: Vec<Mention>, date: Option<&str>) -> Vec<Entity> {
    let mut entities: Vec<Entity> = Vec::new();
    for m in mentions {
        if let Some(e) = entities
            .iter_mut()
            .find(|e| e.name == m.key && e.kind_type == m.ty)
        {
            e.mentions.push(m.span);
            continue;
        }
        let (kind, codes) = describe(gaz, m.target, date);
        entities.push(Entity {
            name: m.key,
            kind_type: m.ty,
            kind,
            codes,
            geo: None,
            mentions: vec![m.span],
        });
    }
    entities
}

fn describe(gaz: &Gazetteer, r: Option<Ref>, date: Option<&str>) -> (Option<String>, Codes) {
    let none = (None, Codes::default());
    let Some(r) = r else { return none };
    match r {
        Ref::Country(i) => gaz.countries.get(i as usize).map_or(none, |c| {
            (
                Some("country".into()),
                Codes {
                    iso2: Some(c.iso2.to_string()),
                    iso3: Some(c.iso3.to_string()),
                    cameo: Some(c.cameo.to_string()).filter(|s| !s.is_empty()),
                },
            )
        }),
        Ref::Place(i) => gaz.places.get(i as usize).map_or(none, |p| {
            let kind = if p.feature.starts_with('A') {
                "region"
            } else {
                "city"
            };
            (Some(kind.into()), Codes::default())
        }),
        Ref::Org(i) => gaz.orgs.get(i as usize).map_or(none, |o| {
            (
                Some(o.kind.to_string()).filter(|s| !s.is_empty()),
                Codes {
                    cameo: Some(o.cameo.to_string()).filter(|s| !s.is_empty()),
                    ..Default::default()
                },
            )
        }),
        Ref::Person(i) => {
            let Some(p) = gaz.people.get(i as usize) else {
                return none;
            };
            let term = gaz.person_term(p.name, date);
            let cameo = term
                .map(|t| format!("{}{}", t.country, t.role))
                .filter(|s| !s.is_empty());
            (
                None,
                Codes {
                    cameo,
                    ..Default::default()
                },
            )
        }
        Ref::Demonym(_) => none,
    }
}

/// "the Russian leader", "the French foreign minister": a demonym and an office that exactly
/// one listed person of the document held for that country on the article's date is another
/// mention of that person. The office is the person's own title ("President", "Foreign
/// Minister") or a generic leader word for a head of state or government.
pub(crate) fn link_role_phrases(
    lex: &Lexicon,
    gaz: &Gazetteer,
    text: &str,
    tokens: &[Token],
    date: Option<&str>,
    entities: &mut [Entity],
) {
    let officials: Vec<(usize, &crate::gazetteer::Person)> = entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind_type == EntityType::Person)
        .filter_map(|(k, e)| Some((k, gaz.person_term(&e.name, date)?)))
        .collect();
    if officials.is_empty() {
        return;
    }
    let word = |i: usize| &text[tokens[i].span.start..tokens[i].span.end];
    for i in 1..tokens.len() {
        if !word(i - 1).eq_ignore_ascii_case("the") {
            continue;
        }
        // A demonym is a listed form, which has a capital: the small places (never a demonym)
        // and words without one need no look-up.
        if !word(i).chars().any(char::is_uppercase) {
            continue;
        }
        let Some(country) = gaz.lookup_listed(word(i)).iter().find_map(|r| match r {
            Ref::Demonym(c) => gaz.countries.get(*c as usize),
            _ => None,
        }) else {
            continue;
        };
        // The office: up to three words after the demonym, longest first.
        for len in (1..=3).rev() {
            let end = i + 1 + len;
            if end > tokens.len() || tokens[end - 1].sentence != tokens[i].sentence {
                continue;
            }
            let office = &text[tokens[i + 1].span.start..tokens[end - 1].span.end];
            let generic = lex.is_leader_word(office, LeaderKind::Generic);
            let holders: Vec<usize> = officials
                .iter()
                .filter(|(_, p)| p.country == country.iso3)
                .filter(|(_, p)| {
                    office.eq_ignore_ascii_case(p.title)
                        || (generic
                            && p.role == "GOV"
                            && lex.is_leader_word(p.title, LeaderKind::HeadTitle))
                })
                .map(|(k, _)| *k)
                .collect();
            if let [k] = holders[..] {
                let span = Span::new(tokens[i].span.start, tokens[end - 1].span.end);
                if !entities[k].mentions.iter().any(|m| m.overlaps(span)) {
                    // The phrase's demonym stops being a mention of the country: mentions of
                    // different entities never overlap.
                    for e in entities.iter_mut() {
                        e.mentions.retain(|m| !m.overlaps(span));
                    }
                    let e = &mut entities[k];
                    e.mentions.push(span);
                    e.mentions.sort_by_key(|m| m.start);
                }
                break;
            }
        }
    }
}

/// "the Obama Administration", "the Johnson government": an organisation named after a listed
/// person of the document who then led a government is that country's government (CAMEO
/// `<country>GOV`), not an unknown organisation.
pub(crate) fn code_administrations(
    lex: &Lexicon,
    gaz: &Gazetteer,
    date: Option<&str>,
    entities: &mut [Entity],
) {
    for k in 0..entities.len() {
        let e = &entities[k];
        if e.kind_type != EntityType::Organization || e.codes.cameo.is_some() {
            continue;
        }
        let Some(leader) = e
            .name
            .rsplit_once(' ')
            .filter(|(_, last)| lex.is_leader_word(last, LeaderKind::Government))
            .map(|(leader, _)| leader.trim_end())
            .filter(|l| !l.is_empty() && !l.contains(' '))
        else {
            continue;
        };
        let country = entities.iter().find_map(|p| {
            if p.kind_type != EntityType::Person
                || p.name.split_whitespace().next_back() != Some(leader)
            {
                return None;
            }
            let term = gaz.person_term(&p.name, date)?;
            (term.role == "GOV").then_some(term.country)
        });
        if let Some(country) = country {
            let e = &mut entities[k];
            e.kind = Some("government".into());
            e.codes.cameo = Some(format!("{country}GOV"));
        }
    }
}
