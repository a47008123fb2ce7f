//! Actors: who can be the source or target of an event, with a CAMEO actor code.
//!
//! Two kinds of evidence are read:
//! - the entity layer: an entity with `codes.cameo` (filled by the NER stage for countries,
//!   known office holders and coded organizations) or a LOCATION placed in a country (a
//!   capital stands for its government: "Beirut rejected ...");
//! - actor phrases the NER does not give as entities, built from `data/countries.tsv` (names,
//!   aliases, demonyms) and `data/roles.tsv` (role nouns): "Russian troops" -> RUSMIL,
//!   "Sudan's government" -> SDNGOV, "rebels in the Ivory Coast" -> CIVREB,
//!   "Hungarian and Romanian officials" -> HUNGOV and ROUGOV.
//!
//! Uncoded people the entity layer found, and role nouns on their own ("the police", "a
//! court"), are actors without a country (`incomplete`): the coder gives them the country the
//! article is about. The lexicon knows nothing of verbs; the coder reads who is subject and
//! object from the sentence's parse.

use crate::fasthash::{FastMap as HashMap, KeyFilter};
use crate::words::{phrase_words, Word, WordKind};
use newsgraph_knowledge::{Country as CountryRow, Role};
use newsgraph_model::{Entity, EntityType};
use newsgraph_text::Segmenter;

/// A country of `data/countries.tsv`.
#[derive(Debug, Clone)]
pub struct Country {
    pub cameo: Box<str>,
    pub name: Box<str>,
}

/// The words after the first of a phrase, and the value the phrase stands for.
type PhraseTail = (Box<[Box<str>]>, u32);

/// Multi-word phrases indexed by their first word; longest match wins.
#[derive(Debug, Default)]
struct PhraseIndex {
    by_first: HashMap<Box<str>, Vec<PhraseTail>>,
    filter: KeyFilter,
}

impl PhraseIndex {
    fn insert(&mut self, words: Vec<String>, value: u32) {
        let Some((first, rest)) = words.split_first() else {
            return;
        };
        let rest: Box<[Box<str>]> = rest.iter().map(|w| Box::from(w.as_str())).collect();
        self.filter.insert(first);
        let slot = self.by_first.entry(first.as_str().into()).or_default();
        if !slot.iter().any(|(r, _)| *r == rest) {
            slot.push((rest, value));
        }
    }

    /// Longest phrase starting at `at`: (number of words, value).
    fn longest(&self, words: &[&str], at: usize) -> Option<(usize, u32)> {
        let first = *words.get(at)?;
        if !self.filter.may_contain(first) {
            return None;
        }
        let cands = self.by_first.get(first)?;
        let mut best: Option<(usize, u32)> = None;
        for (rest, value) in cands {
            let n = rest.len() + 1;
            if best.is_some_and(|(b, _)| b >= n) || at + n > words.len() {
                continue;
            }
            if rest.iter().zip(&words[at + 1..]).all(|(a, b)| &**a == *b) {
                best = Some((n, *value));
            }
        }
        best
    }
}

/// Countries and role nouns, compiled once.
#[derive(Debug, Default)]
pub struct ActorLexicon {
    pub countries: Vec<Country>,
    by_iso2: HashMap<Box<str>, u32>,
    by_iso3: HashMap<Box<str>, u32>,
    by_cameo: HashMap<Box<str>, u32>,
    /// Names, aliases and demonyms, case-sensitive.
    names: PhraseIndex,
    /// Role nouns, lower case.
    roles: PhraseIndex,
    role_codes: Vec<Box<str>>,
}

impl ActorLexicon {
    /// Build from the rows of `countries.tsv` and `roles.tsv`, their phrases split into words
    /// by `segmenter` as sentences are.
    pub fn new(countries: &[CountryRow], roles: &[Role], segmenter: &Segmenter) -> ActorLexicon {
        let mut lex = ActorLexicon::default();
        for c in countries {
            let cameo = if c.cameo.is_empty() { c.iso3 } else { c.cameo };
            if cameo.is_empty() || c.name.is_empty() {
                continue;
            }
            let id = lex.countries.len() as u32;
            lex.countries.push(Country {
                cameo: cameo.into(),
                name: c.name.into(),
            });
            if !c.iso2.is_empty() {
                lex.by_iso2.insert(c.iso2.into(), id);
            }
            if !c.iso3.is_empty() {
                lex.by_iso3.insert(c.iso3.into(), id);
            }
            lex.by_cameo.insert(cameo.into(), id);
            for phrase in std::iter::once(c.name)
                .chain(c.aliases())
                .chain(c.demonyms())
            {
                lex.names.insert(phrase_words(segmenter, phrase), id);
            }
        }
        for r in roles {
            let id = match lex.role_codes.iter().position(|c| &**c == r.code) {
                Some(p) => p as u32,
                None => {
                    lex.role_codes.push(r.code.into());
                    (lex.role_codes.len() - 1) as u32
                }
            };
            lex.roles
                .insert(phrase_words(segmenter, &r.phrase.to_lowercase()), id);
        }
        lex
    }

    /// The country whose CAMEO code is `cameo`.
    pub fn country_of_code(&self, cameo: &str) -> Option<&Country> {
        self.by_cameo
            .get(cameo)
            .map(|&i| &self.countries[i as usize])
    }

    /// The country whose ISO 3166-1 alpha-2 code is `iso2`.
    pub fn country_by_iso2(&self, iso2: &str) -> Option<&Country> {
        self.by_iso2.get(iso2).map(|&i| &self.countries[i as usize])
    }

    /// The CAMEO actor code of an entity, when it can be an actor.
    pub fn entity_code(&self, e: &Entity) -> Option<String> {
        if let Some(c) = e.codes.cameo.as_deref().filter(|c| !c.is_empty()) {
            return Some(c.to_string());
        }
        if e.kind_type != EntityType::Location {
            return None;
        }
        let by_geo = e
            .geo
            .as_ref()
            .and_then(|g| self.by_iso2.get(g.country.as_str()));
        let by_iso3 = e.codes.iso3.as_deref().and_then(|c| self.by_iso3.get(c));
        by_geo
            .or(by_iso3)
            .map(|&i| self.countries[i as usize].cameo.to_string())
    }
}

/// What kind of place an actor mention names, if any: a place is an actor only as its country,
/// or as the government a capital stands for ("Moscow said").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Place {
    #[default]
    NotPlace,
    Country,
    Capital,
    /// A city or region: only the scene of an event, or at most its country under attack.
    Other,
}

/// One actor mention in a sentence: words `start..end`, its code and display name.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ActorMention {
    pub start: usize,
    pub end: usize,
    pub code: String,
    pub name: String,
    pub entity: Option<usize>,
    /// The CAMEO role part, when a role noun gave one.
    pub role: Option<Box<str>>,
    /// No country known ("President Omar El Bashir", "the police", a person the knowledge does
    /// not list): `code` is the role alone (or empty), and the coder completes it with the
    /// country the article is about, else the other side's.
    pub incomplete: bool,
    pub place: Place,
    /// Found only for the parse-based reading: a role noun alone ("the police") or a person the
    /// knowledge does not list. The word-window fallback ([`crate::window`]) ignores it.
    pub bare: bool,
}

/// Adjacent actors joined by "and"/commas: `actors[first..last]`, words `start..end`, for the
/// word-window fallback ([`crate::window`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Group {
    pub first: usize,
    pub last: usize,
    pub start: usize,
    pub end: usize,
    /// Right after a preposition ("in X", "with X"): an object, not a subject.
    pub object: bool,
}

/// What the actor finder reads about one sentence.
pub struct SentenceView<'a> {
    pub words: &'a [Word],
    /// Lower-cased word texts.
    pub lower: &'a [&'a str],
    /// Word texts as written.
    pub orig: &'a [&'a str],
    /// For each word, the entity mention starting there: (end word, entity index).
    pub entity_at: &'a [Option<(usize, usize)>],
    /// Words that belong to some entity mention.
    pub covered: &'a [bool],
    /// Words that belong to an action pattern match.
    pub in_action: &'a [bool],
    /// Grammar classes of the words (`patterns::class` bits; 0 for a content word).
    pub classes: &'a [u16],
}

/// Words between a preposition and the actor it governs ("in the occupied West Bank").
const MAX_MODIFIERS: usize = 3;
const JOINERS: [&str; 5] = [",", "and", "or", "the", "both"];
/// Lower-case particles inside personal names ("Hans van den Broek", "Osama bin Laden").
const NAME_PARTICLES: [&str; 9] = ["de", "van", "den", "von", "bin", "al", "da", "la", "el"];
const POSSESSIVE: &str = "'s";
/// Words between a country and its role noun ("Iraq's interim government").
const MAX_ROLE_GAP: usize = 2;

impl ActorLexicon {
    /// A role noun starting at word `at`, possibly after a possessive and a few modifiers.
    fn role_after(&self, s: &SentenceView, at: usize) -> Option<(u32, usize)> {
        let mut k = at;
        if s.lower.get(k).is_some_and(|w| *w == POSSESSIVE) {
            k += 1;
        }
        for skip in 0..=MAX_ROLE_GAP {
            let j = k + skip;
            if j >= s.words.len() {
                return None;
            }
            if s.entity_at[j].is_none() {
                if let Some((n, role)) = self.roles.longest(s.lower, j) {
                    return Some((role, j + n));
                }
            }
            // Only plain modifiers may stand between: no punctuation, names, verbs or joiners.
            let plain = s.words[j].kind == WordKind::Word
                && s.classes[j] == 0
                && !s.covered[j]
                && !s.in_action[j]
                && !JOINERS.contains(&s.lower[j])
                && self.names.longest(s.orig, j).is_none();
            if !plain {
                return None;
            }
        }
        None
    }

    /// After "Iraqi President": the capitalized words of a name not tagged as an entity.
    fn absorb_name(&self, s: &SentenceView, mut end: usize) -> usize {
        let capital = |w: usize| {
            s.words[w].kind == WordKind::Word
                && s.orig[w].starts_with(|c: char| c.is_uppercase())
                && s.entity_at[w].is_none()
                && !s.covered[w]
                && self.names.longest(s.orig, w).is_none()
        };
        while end < s.words.len() {
            if capital(end) {
                end += 1;
            } else if NAME_PARTICLES.contains(&s.lower[end])
                && end + 1 < s.words.len()
                && capital(end + 1)
            {
                end += 2;
            } else {
                break;
            }
        }
        end
    }

    /// Find the actors of one sentence, in order.
    pub fn find(&self, s: &SentenceView, entities: &[Entity], out: &mut Vec<ActorMention>) {
        let n = s.words.len();
        let mut i = 0;
        while i < n {
            if let Some((end, e)) = s.entity_at[i] {
                let entity = &entities[e];
                // "Dutch Prime Minister Mark Rutte": the title the article gives right before a
                // person is their role at its date, whatever office the knowledge lists last.
                let person = entity.kind_type == EntityType::Person;
                if let Some(prev) = out.last_mut().filter(|p| {
                    person
                        && p.end == i
                        && p.entity.is_none()
                        && p.role.is_some()
                        && !p.incomplete
                        && p.place == Place::Country
                }) {
                    prev.end = end;
                    prev.name = entity.name.clone();
                    prev.entity = Some(e);
                    i = end;
                    continue;
                }
                match self.entity_code(entity) {
                    Some(code) => {
                        let mut m = ActorMention {
                            start: i,
                            end,
                            code,
                            name: entity.name.clone(),
                            entity: Some(e),
                            place: place_kind(entity),
                            ..Default::default()
                        };
                        // A person coded by role alone ("REB": no country known). An
                        // organization whose whole code is generic ("IGO" for the G20, "MNC")
                        // is complete as it is: it takes no country from the other side.
                        let person = entity.kind_type == EntityType::Person;
                        if let Some(r) = self.role_codes.iter().find(|r| person && ***r == *m.code)
                        {
                            m.role = Some(r.clone());
                            m.incomplete = true;
                        }
                        if m.code.len() == 3 && !m.incomplete {
                            if let Some((role, role_end)) = self.role_after(s, end) {
                                let role = self.role_codes[role as usize].clone();
                                m.code.push_str(&role);
                                m.role = Some(role);
                                m.end = role_end;
                            }
                        }
                        i = m.end;
                        out.push(m);
                    }
                    None => {
                        // An uncoded person right after "Russian President" is that actor;
                        // anyone else the knowledge does not list is a person of the
                        // article's country.
                        if entity.kind_type == EntityType::Person {
                            if let Some(prev) =
                                out.last_mut().filter(|p| p.end == i && p.role.is_some())
                            {
                                prev.end = end;
                                prev.name = entity.name.clone();
                                prev.entity = Some(e);
                            } else {
                                out.push(ActorMention {
                                    start: i,
                                    end,
                                    name: entity.name.clone(),
                                    entity: Some(e),
                                    incomplete: true,
                                    bare: true,
                                    ..Default::default()
                                });
                            }
                        }
                        i = end;
                    }
                }
                continue;
            }
            // "ethnic Albanians" are a group, not the country.
            let ethnic = i > 0 && s.lower[i - 1] == "ethnic";
            if let Some((len, country)) = self.names.longest(s.orig, i).filter(|_| !ethnic) {
                let c = &self.countries[country as usize];
                let mut m = ActorMention {
                    start: i,
                    end: i + len,
                    code: c.cameo.to_string(),
                    name: c.name.to_string(),
                    place: Place::Country,
                    ..Default::default()
                };
                if let Some((role, role_end)) = self.role_after(s, i + len) {
                    let role = self.role_codes[role as usize].clone();
                    m.code.push_str(&role);
                    m.role = Some(role);
                    m.end = self.absorb_name(s, role_end);
                }
                i = m.end;
                out.push(m);
                continue;
            }
            if let Some((len, role)) = self.roles.longest(s.lower, i) {
                if let Some(m) = self.role_of_place(s, entities, i, i + len, role) {
                    i = m.end;
                    out.push(m);
                    continue;
                }
                if let Some(m) = self.titled_person(s, entities, i, i + len, role) {
                    i = m.end;
                    out.push(m);
                    continue;
                }
                // "the police", "ministers", "a court": a kind of actor of the article's
                // country, unless the words belong to a name.
                if !s.covered[i..i + len].iter().any(|&c| c) {
                    let role = self.role_codes[role as usize].clone();
                    out.push(ActorMention {
                        start: i,
                        end: i + len,
                        code: role.to_string(),
                        name: s.orig[i..i + len].join(" "),
                        role: Some(role),
                        incomplete: true,
                        bare: true,
                        ..Default::default()
                    });
                    i += len;
                    continue;
                }
            }
            i += 1;
        }
        self.share_roles(s, out);
        // "Bosnian Serbs", "Iraqi Kurds": a demonym right before another names one actor, coded
        // by the first (the country the group lives in).
        let mut k = 1;
        while k < out.len() {
            if out[k - 1].end == out[k].start
                && out[k - 1].role.is_none()
                && out[k - 1].entity.is_none()
            {
                let next = out.remove(k);
                out[k - 1].end = next.end;
                out[k - 1].role = next.role;
            } else {
                k += 1;
            }
        }
    }

    /// "rebels in the Ivory Coast", "the government of Sudan": a role noun and a place.
    fn role_of_place(
        &self,
        s: &SentenceView,
        entities: &[Entity],
        start: usize,
        role_end: usize,
        role: u32,
    ) -> Option<ActorMention> {
        let mut j = role_end;
        if !matches!(s.lower.get(j), Some(&"in") | Some(&"of")) {
            return None;
        }
        j += 1;
        if s.lower.get(j) == Some(&"the") {
            j += 1;
        }
        let (code, name, end, entity) =
            if let Some((end, e)) = s.entity_at.get(j).copied().flatten() {
                let code = self.entity_code(&entities[e])?;
                (code, entities[e].name.clone(), end, Some(e))
            } else {
                let (len, country) = self.names.longest(s.orig, j)?;
                let c = &self.countries[country as usize];
                (c.cameo.to_string(), c.name.to_string(), j + len, None)
            };
        let mut code = code;
        let role = self.role_codes[role as usize].clone();
        if code.len() == 3 {
            code.push_str(&role);
        }
        Some(ActorMention {
            start,
            end,
            code,
            name,
            entity,
            role: Some(role),
            ..Default::default()
        })
    }

    /// "President Omar El Bashir", "Judge Alejandro Rivera": a capitalized title and a name the
    /// entity layer could not code. The country is left for the coder to complete.
    fn titled_person(
        &self,
        s: &SentenceView,
        entities: &[Entity],
        start: usize,
        role_end: usize,
        role: u32,
    ) -> Option<ActorMention> {
        if !s.orig[start].starts_with(|c: char| c.is_uppercase()) || s.covered[start] {
            return None;
        }
        let (end, name, entity) = match s.entity_at.get(role_end).copied().flatten() {
            Some((end, e)) => {
                let ent = &entities[e];
                if ent.kind_type != EntityType::Person || self.entity_code(ent).is_some() {
                    return None;
                }
                (end, ent.name.clone(), Some(e))
            }
            None => {
                let end = self.absorb_name(s, role_end);
                if end == role_end {
                    return None;
                }
                (end, s.orig[role_end..end].join(" "), None)
            }
        };
        let role = self.role_codes[role as usize].clone();
        Some(ActorMention {
            start,
            end,
            code: role.to_string(),
            name,
            entity,
            role: Some(role),
            incomplete: true,
            ..Default::default()
        })
    }

    /// "Hungarian and Romanian officials": the first of a pair takes the second's role.
    fn share_roles(&self, s: &SentenceView, actors: &mut [ActorMention]) {
        for k in (1..actors.len()).rev() {
            let (a, b) = actors.split_at_mut(k);
            let (prev, next) = (&mut a[k - 1], &b[0]);
            let joined = (prev.end..next.start).all(|w| JOINERS.contains(&s.lower[w]))
                && (prev.end..next.start).any(|w| s.lower[w] == "and" || s.lower[w] == "or");
            // A country by name or demonym, even when the entity layer tagged it.
            let country = prev.entity.is_none() || prev.place == Place::Country;
            if joined && prev.role.is_none() && prev.code.len() == 3 && country {
                if let Some(role) = &next.role {
                    prev.code.push_str(role);
                    prev.role = Some(role.clone());
                }
            }
        }
    }
}

/// Group adjacent actors (joined only by "and", "or", commas, "the", "both") into compounds.
pub fn group(
    actors: &[ActorMention],
    lower: &[&str],
    is_prep: impl Fn(&str) -> bool,
    is_modifier: impl Fn(usize) -> bool,
    out: &mut Vec<Group>,
) {
    let mut k = 0;
    while k < actors.len() {
        let mut last = k + 1;
        while last < actors.len() {
            let gap = actors[last - 1].end..actors[last].start;
            let joined = gap.clone().all(|w| JOINERS.contains(&lower[w]))
                && gap
                    .clone()
                    .any(|w| lower[w] == "and" || lower[w] == "or" || lower[w] == ",");
            if !joined {
                break;
            }
            last += 1;
        }
        // A list joined by commas alone ("In Jerusalem, Israel ...") is not a compound.
        let has_and = (k + 1..last).any(|m| {
            (actors[m - 1].end..actors[m].start).any(|w| lower[w] == "and" || lower[w] == "or")
        });
        if !has_and && last - k < 3 {
            last = k + 1;
        }
        let start = actors[k].start;
        // "of the Israeli-occupied West Bank": determiners and modifiers may stand between.
        let mut before = start;
        while before > 0 && start - before < MAX_MODIFIERS && is_modifier(before - 1) {
            before -= 1;
        }
        let object = (before..=start).any(|b| b > 0 && is_prep(lower[b - 1]));
        out.push(Group {
            first: k,
            last,
            start,
            end: actors[last - 1].end,
            object,
        });
        k = last;
    }
}

/// What kind of place an entity is: a country, a capital (GeoNames `PPLC`), another place,
/// or none.
pub fn place_kind(e: &Entity) -> Place {
    if e.kind_type != EntityType::Location {
        return Place::NotPlace;
    }
    let feature = e
        .geo
        .as_ref()
        .and_then(|g| g.feature.as_deref())
        .unwrap_or("");
    if e.kind.as_deref() == Some("country") || feature.starts_with("PCL") {
        Place::Country
    } else if feature == "PPLC" {
        Place::Capital
    } else {
        Place::Other
    }
}
