//! Every mention's canonical key: a gazetteer entry, a longer name of the same person in the
//! document (surname -> full name), the expansion of an acronym, or its own text. A surname of
//! a person named in full is that person whatever the tagger made of it. Mentions with one key
//! and one type become one entity (the stage's work).

use super::{pick, Context, Found, Mention, MentionRule, Reads};
use crate::gazetteer::{Gazetteer, Ref};
use newsgraph_model::EntityType;

/// Gazetteer readings attached, surnames typed as their person, and every mention's key. Later
/// rules and the grouping into entities need the keys: it cannot be turned off.
pub struct Resolve;

impl MentionRule for Resolve {
    fn name(&self) -> &'static str {
        "resolve"
    }
    fn reads(&self) -> &'static [Reads] {
        &[
            Reads::Gazetteer,
            Reads::Words("ner-words.tsv"),
            Reads::Words("place-words.tsv"),
        ]
    }
    fn apply(&self, cx: &Context, found: &mut Found) {
        resolve(cx, &mut found.mentions);
    }
    fn required(&self) -> bool {
        true
    }
}

/// Give every mention its canonical key.
pub(crate) fn resolve(cx: &Context, mentions: &mut [Mention]) {
    let (lex, gaz, text) = (cx.lex, cx.gaz, cx.text);
    // Gazetteer readings first, for mentions not yet attached.
    for m in mentions.iter_mut() {
        if m.target.is_none() {
            let surface = &text[m.span.start..m.span.end];
            // Small places can only be the reading of a place mention.
            let refs = if m.ty == EntityType::Location {
                gaz.lookup(surface)
            } else {
                gaz.lookup_listed(surface)
            };
            m.target = pick(gaz, &refs, m.ty, surface);
        }
    }
    // Each mention's text, borrowed: a key is copied out only when it is given.
    let surface: Vec<&str> = mentions
        .iter()
        .map(|m| &text[m.span.start..m.span.end])
        .collect();
    // The surnames and given names of people named in full ("Manuel Belgrano"; "North
    // Bridgton" opens with no given name), for the rule below.
    // Each mention's words and initials, once (the rules below compare every pair).
    let words_of: Vec<Vec<&str>> = surface
        .iter()
        .map(|s| s.split_whitespace().collect())
        .collect();
    let initials_of: Vec<String> = surface.iter().map(|s| initials(s)).collect();
    let given = |w: &str| lex.names.is_given_name(w);
    let mut name_parts: Vec<(&str, bool)> = Vec::new();
    for (m, s) in mentions.iter().zip(&surface) {
        let mut words = s.split_whitespace();
        if let (EntityType::Person, Some(first), Some(last)) =
            (m.ty, words.next(), words.next_back())
        {
            if given(first) && !lex.place_words.directions.contains(first) {
                name_parts.push((last, true));
                name_parts.push((first, false));
            }
        }
    }
    for k in 0..mentions.len() {
        let own = surface[k];
        // "Belgrano 's army", "Schlegel 's novel": the surname (or a given name) of a person's
        // longer name in the same document is that person, whatever the tagger made of it
        // (a town of that name included), unless the word is a listed organisation or country.
        if mentions[k].ty != EntityType::Person
            && !mentions[k].stated
            && !own.contains(' ')
            && own.chars().any(char::is_lowercase)
            && matches!(mentions[k].target, None | Some(Ref::Place(_)))
            && name_parts
                .iter()
                .any(|&(part, surname)| part == own && (surname || given(own)))
        {
            mentions[k].ty = EntityType::Person;
        }
        let ty = mentions[k].ty;
        // A person named by part of a longer name in the same document is that person.
        if ty == EntityType::Person {
            let words = &words_of[k];
            let longer = (0..mentions.len())
                .filter(|&j| j != k && mentions[j].ty == EntityType::Person)
                .filter(|&j| {
                    let lw = &words_of[j];
                    lw.len() > words.len()
                        && (lw.ends_with(words) || (words.len() == 1 && lw.starts_with(words)))
                })
                .max_by_key(|&j| surface[j].len());
            if let Some(j) = longer {
                let target = mentions[j].target.or(mentions[k].target);
                mentions[k].target = target;
                mentions[k].key =
                    canonical_of(gaz, target).unwrap_or_else(|| surface[j].to_string());
                continue;
            }
        }
        // An acronym of a longer name in the document is that name.
        if own.len() >= 2
            && own.len() <= 6
            && own.chars().all(|c| c.is_uppercase())
            && mentions[k].target.is_none()
        {
            if let Some(j) = (0..mentions.len())
                .find(|&j| j != k && surface[j].len() > own.len() && initials_of[j] == *own)
            {
                mentions[k].ty = mentions[j].ty;
                mentions[k].target = mentions[j].target;
                mentions[k].key =
                    canonical_of(gaz, mentions[j].target).unwrap_or_else(|| surface[j].to_string());
                continue;
            }
        }
        mentions[k].key = canonical_of(gaz, mentions[k].target).unwrap_or_else(|| own.to_string());
    }
}

fn initials(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
        .filter_map(|w| w.chars().next())
        .collect()
}

pub(crate) fn canonical_of(gaz: &Gazetteer, r: Option<Ref>) -> Option<String> {
    Some(match r? {
        Ref::Country(i) | Ref::Demonym(i) => gaz.countries.get(i as usize)?.name.to_string(),
        Ref::Place(i) => gaz.places.get(i as usize)?.name.to_string(),
        Ref::Person(i) => gaz.people.get(i as usize)?.name.to_string(),
        Ref::Org(i) => gaz.orgs.get(i as usize)?.name.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::super::tests::{mentions_of, shown, TestDoc};
    use super::*;
    use newsgraph_model::Span;

    #[test]
    fn issue_3_a_persons_surname_alone_is_that_person_whatever_its_tag() {
        let (org, per) = (EntityType::Organization, EntityType::Person);
        let text = "Gen. Manuel Belgrano took command. Belgrano's army crossed the river.";
        let mut mentions = mentions_of(text, &[("Manuel Belgrano", per)]);
        let at = text.rfind("Belgrano").unwrap();
        mentions.push(Mention::new(Span::new(at, at + "Belgrano".len()), org));
        resolve(&TestDoc::new(text).cx(), &mut mentions);
        assert_eq!(shown(text, &mentions)[1], ("Belgrano", per));
        assert_eq!(mentions[1].key, mentions[0].key);
        // A mistagged place is no person's name: "North" is no given name here.
        let text = "Trains ran to North Bridgton. Bridgton grew.";
        let mut mentions = mentions_of(text, &[("North Bridgton", per)]);
        let at = text.rfind("Bridgton").unwrap();
        mentions.push(Mention::new(Span::new(at, at + "Bridgton".len()), org));
        resolve(&TestDoc::new(text).cx(), &mut mentions);
        assert_eq!(mentions[1].ty, org);
        // A name the text defines keeps its stated type: the firm named after its founder.
        let text = "Caloi is a maker of bicycles. Guido Caloi ran Caloi.";
        let mut mentions = mentions_of(text, &[("Caloi", org), ("Guido Caloi", per)]);
        mentions[0].stated = true;
        let at = text.rfind("Caloi").unwrap();
        mentions.push(Mention::new(Span::new(at, at + "Caloi".len()), org));
        mentions[2].stated = true;
        resolve(&TestDoc::new(text).cx(), &mut mentions);
        assert_eq!(mentions[2].ty, org);
    }
}
