//! The `ner` stage: tagger mentions plus gazetteer hits, resolved to one entity per real-world
//! thing per document.
//!
//! Order of work: tag the tokens (gazetteer marks are features); keep PER/ORG/LOC mentions (MISC
//! is trained as a class so that nationalities and events do not leak into the other types,
//! then dropped); add gazetteer hits of countries, organisations and known people the tagger
//! missed; then give every mention a canonical key: a gazetteer entry, a longer name of the same
//! person in the document (surname -> full name), the expansion of an acronym, or its own text.
//! Mentions with one key become one [`Entity`], in order of first mention.

use crate::knowledge::{Gazetteer, Ref};
use crate::tagger::Model;
use crate::train::mentions as tag_mentions;
use newsgraph_knowledge::{CalendarKind, LeaderKind};
use newsgraph_model::{Codes, Document, Entity, EntityType, Layer, Span, Stage, StageError, Token};
use std::sync::Arc;

/// A mention before grouping.
#[derive(Debug, Clone)]
pub(crate) struct Mention {
    pub(crate) span: Span,
    pub(crate) ty: EntityType,
    /// What the gazetteer says it is, when it knows.
    pub(crate) target: Option<Ref>,
    /// Canonical key (filled by resolution).
    pub(crate) key: String,
    /// The text says what the name is ("Caloi is a manufacturer of bicycles"): later rules
    /// that guess a type from other evidence leave it alone.
    pub(crate) stated: bool,
}

impl Mention {
    /// A mention the gazetteer has not attached yet.
    pub(crate) fn new(span: Span, ty: EntityType) -> Self {
        Mention {
            span,
            ty,
            target: None,
            key: String::new(),
            stated: false,
        }
    }
}

/// The `ner` stage.
pub struct NerStage {
    pub(crate) model: Arc<Model>,
    pub(crate) gaz: Arc<Gazetteer>,
    /// Sentences and tokens when no `segment` stage ran (tests, `ner` alone).
    pub(crate) segmenter: newsgraph_text::Segmenter,
}

impl Stage for NerStage {
    fn name(&self) -> &'static str {
        "ner"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Text, Layer::Tokens, Layer::Metadata]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Entities]
    }
    fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        let (_, tokens) = self.segmenter.of_document(doc);
        let date = doc.published.as_deref();
        let entities = crate::sections::recognise_in_sections(
            &doc.text,
            &tokens,
            doc.dateline,
            crate::sections::SECTION_BYTES,
            |text, tokens, dateline| {
                recognise(&self.model, &self.gaz, text, tokens, date, dateline)
            },
        );
        drop(tokens);
        doc.entities = entities;
        Ok(())
    }
}

/// Places of at least this many people, named in an article, set it in their country (for
/// demonyms: "Turkish" in an article about Istanbul is Turkey).
const SETTING_POPULATION: u64 = 1_000_000;

const TYPES: [EntityType; 3] = [
    EntityType::Person,
    EntityType::Organization,
    EntityType::Location,
];

fn ref_type(r: Ref) -> Option<EntityType> {
    match r {
        Ref::Country(_) | Ref::Place(_) => Some(EntityType::Location),
        Ref::Person(_) => Some(EntityType::Person),
        Ref::Org(_) => Some(EntityType::Organization),
        Ref::Demonym(_) => None,
    }
}

/// The best gazetteer reading of a mention of type `ty`.
fn pick(gaz: &Gazetteer, refs: &[Ref], ty: EntityType, surface: &str) -> Option<Ref> {
    // Among places, a reading whose own name is the mention, then the most populous, names the
    // entity (the geocoder still weighs every reading against the article's context).
    let rank = |r: &Ref| match (ty, r) {
        (EntityType::Location, Ref::Country(_)) => (0, false, 0),
        (EntityType::Location, Ref::Place(i)) => {
            let place = gaz.places.get(*i as usize);
            (
                1,
                // Case aside: the dateline "GENEVA" names the city Geneva, not the canton
                // Genève, however many people the canton has.
                place.is_none_or(|p| !p.name.eq_ignore_ascii_case(surface)),
                u64::MAX - place.map_or(0, |p| p.population),
            )
        }
        (EntityType::Organization, Ref::Org(_)) => (0, false, 0),
        (EntityType::Person, Ref::Person(_)) => (0, false, 0),
        _ => (9, false, 0),
    };
    refs.iter()
        .filter(|r| rank(r).0 < 9)
        .min_by_key(|r| rank(r))
        .copied()
}

/// Drop a leading article from a gazetteer hit ("the Kremlin" -> "Kremlin").
fn trim_article(text: &str, span: Span) -> Span {
    let s = &text[span.start..span.end];
    for a in ["the ", "The "] {
        if s.len() > a.len() && s.starts_with(a) {
            return Span::new(span.start + a.len(), span.end);
        }
    }
    span
}

/// Developer aid: with `NEWSGRAPH_TRACE_NER` set, print to stderr the mentions each rule of
/// [`recognise`] removed or added, so a wrong mention can be traced to the rule that made it.
struct Trace {
    on: bool,
    last: Vec<(Span, EntityType)>,
}

impl Trace {
    fn new() -> Trace {
        static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
        let on = *ON.get_or_init(|| std::env::var_os("NEWSGRAPH_TRACE_NER").is_some());
        Trace {
            on,
            last: Vec::new(),
        }
    }

    fn step(&mut self, rule: &str, text: &str, mentions: &[Mention]) {
        if !self.on {
            return;
        }
        let now: Vec<(Span, EntityType)> = mentions.iter().map(|m| (m.span, m.ty)).collect();
        let show = |(s, t): &(Span, EntityType)| format!("{}/{:?}", &text[s.start..s.end], t);
        let gone: Vec<String> = self
            .last
            .iter()
            .filter(|x| !now.contains(x))
            .map(show)
            .collect();
        let new: Vec<String> = now
            .iter()
            .filter(|x| !self.last.contains(x))
            .map(show)
            .collect();
        if !gone.is_empty() || !new.is_empty() {
            eprintln!("{rule}: - [{}] + [{}]", gone.join(", "), new.join(", "));
        }
        self.last = now;
    }
}

/// Find the entities of a text. `date` (`YYYY-MM-DD`) picks officials' terms of office;
/// `dateline` is the place the text opens with ("BEIJING --"), when the text stage found one.
pub fn recognise(
    model: &Model,
    gaz: &Gazetteer,
    text: &str,
    tokens: &[Token],
    date: Option<&str>,
    dateline: Option<Span>,
) -> Vec<Entity> {
    let hits = gaz.hits(text);
    let marks = gaz.marks(&hits, tokens);
    let infos =
        crate::features::token_infos(text, tokens, &marks, &|h| gaz.word_stats(h), &gaz.names);
    let tags = model.tag(&infos);
    let mut mentions: Vec<Mention> = Vec::new();
    // MISC names ("U.S. Open", "Iraqi") are not output, but no gazetteer hit may claim them.
    let mut misc: Vec<Span> = Vec::new();
    let mut trace = Trace::new();
    for (a, b, ty) in tag_mentions(&tags, tokens) {
        let (a, b) = trim_name(gaz, text, tokens, a, b);
        if b <= a {
            continue;
        }
        // "the US President": an office after a place name is no part of it.
        let b = if TYPES.get(ty) == Some(&EntityType::Location)
            && b > a + 1
            && gaz
                .names
                .classes(&text[tokens[b - 1].span.start..tokens[b - 1].span.end])
                & crate::wordlists::class::TITLE
                != 0
        {
            b - 1
        } else {
            b
        };
        let span = Span::new(tokens[a].span.start, tokens[b - 1].span.end);
        if ty >= 3 {
            // "Seven Years' War against Great Britain": a lower-case word that joins no name
            // ends the MISC name, so the place after it is still found.
            let end = (a + 1..b)
                .find(|&i| {
                    let w = &text[tokens[i].span.start..tokens[i].span.end];
                    w.chars().all(char::is_lowercase) && !crate::features::CONNECTORS.contains(&w)
                })
                .unwrap_or(b);
            // "American Civil Liberties Union": a name the tagger took for an adjective phrase
            // (it opens with a demonym) but that ends in an organisation designator.
            let last = &text[tokens[b - 1].span.start..tokens[b - 1].span.end];
            let designated = end == b
                && b - a > 1
                && last.chars().any(char::is_lowercase)
                && last.starts_with(char::is_uppercase)
                && {
                    let lower_last = last.to_lowercase();
                    (gaz.names.is_org_word(last)
                        || gaz.definitions.noun_type(&lower_last)
                            == Some(Some(EntityType::Organization)))
                        && !gaz.definitions.says_nothing_last(&lower_last)
                };
            // "a derailment in Wainwright, Alta.": a listed place that the text sets as a place
            // is that place, whatever the tagger made of it; not an adjective ("in Olympic
            // record time").
            // Nor a common word ("Special Agent in Charge"), a direction ("Eastern and
            // Western"), nor what a word or a mark after it continues ("Area C", "Butler's",
            // "HIV/AIDS").
            let next = tokens.get(b).map(|t| &text[t.span.start..t.span.end]);
            let noun_follows = next.is_some_and(|w| {
                !(w.starts_with([',', '.', ';', ':', '(', ')', '"', '\n'])
                    || gaz.definitions.is_function_word(w))
            });
            let common = infos[a].caps.checked_sub(1).is_some_and(|band| band < 3)
                || gaz
                    .place_words
                    .directions
                    .contains(&text[span.start..span.end]);
            if end == b && !noun_follows && !common && gaz.tagged_name_is_place(text, span) {
                mentions.push(Mention::new(span, EntityType::Location));
                continue;
            }
            // "Law Professor David W. Opderbeck", "Devil Rays ' Manager Lou Piniella": an
            // office inside the MISC name, then a given name, starts a person.
            if let Some(p) = person_after_office(gaz, text, tokens, a, end) {
                misc.push(Span::new(tokens[a].span.start, tokens[p - 1].span.end));
                let person = Span::new(tokens[p].span.start, tokens[end - 1].span.end);
                mentions.push(Mention::new(person, EntityType::Person));
                continue;
            }
            if !designated {
                misc.push(Span::new(tokens[a].span.start, tokens[end - 1].span.end));
                continue;
            }
            mentions.push(Mention::new(span, EntityType::Organization));
            continue;
        }
        // A name that fills a quotation exactly is a title ("Beautiful Lie", a song), which
        // the tagger may take for a band or a person.
        if is_quoted_title(text, span) {
            misc.push(span);
            continue;
        }
        // A title alone before a name ("Brigadier" of "Brigadier General Ross Hoyt") names
        // nobody; "King" alone may be a surname.
        let title = crate::wordlists::class::TITLE;
        let name_follows = tokens
            .get(b)
            .is_some_and(|t| text[t.span.start..t.span.end].starts_with(char::is_uppercase));
        if name_follows
            && text[span.start..span.end]
                .split_whitespace()
                .all(|w| gaz.names.classes(w) & title != 0)
        {
            misc.push(span);
            continue;
        }
        // One letter is an initial or a photo position ("Putin (L)"), not a name.
        if text[span.start..span.end]
            .chars()
            .filter(|c| c.is_alphanumeric())
            .count()
            < 2
        {
            continue;
        }
        mentions.push(Mention::new(span, TYPES[ty]));
    }
    if trace.on {
        let shown: Vec<&str> = misc.iter().map(|s| &text[s.start..s.end]).collect();
        eprintln!("tagger MISC: {shown:?}");
    }
    trace.step("tagger", text, &mentions);
    split_joined_names(gaz, text, &mut mentions, &mut misc);
    trace.step("split_joined_names", text, &mentions);
    split_office_names(gaz, text, tokens, &mut mentions);
    trace.step("split_office_names", text, &mentions);
    split_listed_names(gaz, text, tokens, &mut mentions);
    trace.step("split_listed_names", text, &mentions);
    retype_place_names(gaz, text, &mut mentions, &mut misc);
    trace.step("retype_place_names", text, &mentions);
    add_place_names(gaz, text, tokens, &mut mentions, &misc);
    trace.step("add_place_names", text, &mentions);
    retype_by_place_context(gaz, text, &mut mentions);
    trace.step("retype_by_place_context", text, &mentions);
    add_dateline(gaz, text, dateline, &mut mentions, &mut misc);
    trace.step("add_dateline", text, &mentions);
    add_containing_regions(gaz, text, &mut mentions);
    trace.step("add_containing_regions", text, &mentions);
    add_based_places(gaz, text, tokens, &mut mentions);
    trace.step("add_based_places", text, &mentions);
    crate::definitions::apply_last_word_kinds(gaz, text, &mut mentions, &mut misc);
    trace.step("apply_last_word_kinds", text, &mentions);
    crate::definitions::apply_definitions(gaz, text, tokens, &mut mentions, &mut misc, &|name| {
        gaz.lookup(name)
            .iter()
            .any(|r| matches!(r, Ref::Country(_) | Ref::Org(_) | Ref::Person(_)))
    });
    trace.step("apply_definitions", text, &mentions);
    // Gazetteer hits: attach to the tagger's mention with the same span, or add them when the
    // tagger saw nothing there (countries, organisations, people; places need the tagger).
    for h in &hits {
        let span = trim_article(text, h.span);
        let refs = gaz.refs(h.form);
        if let Some(m) = mentions.iter_mut().find(|m| m.span == span) {
            m.target = pick(gaz, refs, m.ty, &text[span.start..span.end]);
            // The curated organisation and people lists know a name's type better than the
            // tagger ("the Kremlin" is the Russian government, not a place).
            if m.target.is_none() {
                if let Some(r) = refs
                    .iter()
                    .copied()
                    .find(|r| matches!(r, Ref::Org(_) | Ref::Person(_)))
                {
                    m.ty = ref_type(r).unwrap_or(m.ty);
                    m.target = Some(r);
                }
            }
            continue;
        }
        // A listed country or organisation that the tagger cut in pieces ("Bosnia" and
        // "Herzegovina" of "Bosnia and Herzegovina") is one name: the pieces give way.
        let inside = |m: &Span| m.start >= span.start && m.end <= span.end;
        // So is a listed place cut into place pieces ("Newcastle" and "Tyne" of "Newcastle
        // upon Tyne").
        let place_pieces = || {
            text[span.start..span.end].contains(' ')
                && refs.iter().any(|r| matches!(r, Ref::Place(_)))
                && mentions
                    .iter()
                    .filter(|m| m.span.overlaps(span))
                    .all(|m| m.ty == EntityType::Location)
        };
        let listed_whole = refs
            .iter()
            .any(|r| matches!(r, Ref::Country(_) | Ref::Org(_)))
            || place_pieces();
        if listed_whole
            && mentions
                .iter()
                .filter(|m| m.span.overlaps(span))
                .all(|m| inside(&m.span))
            && misc.iter().filter(|m| m.overlaps(span)).all(inside)
            && text[span.start..span.end].contains(' ')
        {
            // MISC pieces too: "Kurdistan" of "Kurdistan Workers' Party".
            let had_pieces = mentions.iter().any(|m| m.span.overlaps(span));
            mentions.retain(|m| !m.span.overlaps(span));
            misc.retain(|m| !m.overlaps(span));
            // The place the tagger saw in pieces is a place mention.
            let place = refs.iter().copied().find(|r| matches!(r, Ref::Place(_)));
            if let (true, Some(place)) = (had_pieces, place) {
                if !refs
                    .iter()
                    .any(|r| matches!(r, Ref::Country(_) | Ref::Org(_)))
                {
                    let mut m = Mention::new(span, EntityType::Location);
                    m.target = Some(place);
                    mentions.push(m);
                    continue;
                }
            }
        }
        if mentions.iter().any(|m| m.span.overlaps(span)) {
            continue;
        }
        let Some(r) = refs.iter().copied().find(|r| {
            matches!(
                r,
                Ref::Country(_) | Ref::Org(_) | Ref::Person(_) | Ref::Demonym(_)
            )
        }) else {
            continue;
        };
        // A listed organisation or person tagged MISC exactly ("G20") is that organisation;
        // otherwise the MISC name wins ("U.S. Open").
        let curated = matches!(r, Ref::Org(_) | Ref::Person(_) | Ref::Demonym(_));
        if misc
            .iter()
            .any(|m| m.overlaps(span) && !(curated && *m == span))
        {
            continue;
        }
        if let Ref::Demonym(i) = r {
            // "Russians" are people, not the place; "Russian" (the adjective) stands for it.
            let form = &text[span.start..span.end];
            let plural = form
                .strip_suffix('s')
                .is_some_and(|singular| gaz.lookup(singular).contains(&Ref::Demonym(i)))
                || form.ends_with("men");
            if plural
                || classifies(gaz, text, span.start)
                || names_people(gaz, text, span)
                || !set_in(gaz, text, &hits, i)
            {
                continue;
            }
            mentions.push(Mention {
                span,
                ty: EntityType::Location,
                target: Some(Ref::Country(i)),
                key: String::new(),
                stated: false,
            });
            continue;
        }
        let Some(ty) = ref_type(r) else { continue };
        mentions.push(Mention {
            span,
            ty,
            target: Some(r),
            key: String::new(),
            stated: false,
        });
    }
    mentions.sort_by_key(|m| m.span.start);
    trace.step("gazetteer", text, &mentions);
    join_place_and_organisation(text, &mut mentions);
    trace.step("join_place_and_organisation", text, &mentions);
    drop_demonyms_opening_names(gaz, text, &mut mentions);
    trace.step("drop_demonyms_opening_names", text, &mentions);
    join_nicknames(gaz, text, tokens, &mut mentions);
    trace.step("join_nicknames", text, &mentions);
    join_name_particles(gaz, text, &mut mentions);
    trace.step("join_name_particles", text, &mentions);
    crate::organisations::complete_designated_names(
        gaz,
        text,
        tokens,
        &infos,
        &misc,
        &mut mentions,
    );
    trace.step("complete_designated_names", text, &mentions);
    drop_common_words(text, tokens, &infos, &mut mentions);
    trace.step("drop_common_words", text, &mentions);
    drop_model_names(text, &mut mentions);
    trace.step("drop_model_names", text, &mentions);
    join_possessive_names(gaz, text, &mut mentions);
    trace.step("join_possessive_names", text, &mentions);
    drop_holidays(gaz, text, &mut mentions);
    trace.step("drop_holidays", text, &mentions);
    add_numbered_units(gaz, text, tokens, &mut mentions);
    trace.step("add_numbered_units", text, &mentions);
    retype_by_name_words(gaz, text, &mut mentions);
    trace.step("retype_by_name_words", text, &mentions);
    retype_after_titles(gaz, text, &mut mentions);
    trace.step("retype_after_titles", text, &mentions);
    crate::definitions::retype_by_team_cues(gaz, text, &mut mentions, &|name| {
        gaz.lookup_listed(name)
            .iter()
            .any(|r| matches!(r, Ref::Country(_)))
    });
    trace.step("retype_by_team_cues", text, &mentions);
    add_acronyms(text, &mut mentions);
    trace.step("add_acronyms", text, &mentions);
    resolve(gaz, text, &mut mentions);
    trace.step("resolve", text, &mentions);
    vote_types(text, &mut mentions);
    trace.step("vote_types", text, &mentions);
    type_lists(gaz, text, &mut mentions);
    trace.step("type_lists", text, &mentions);
    let mut entities = group(gaz, text, mentions, date);
    link_role_phrases(gaz, text, tokens, date, &mut entities);
    entities.retain(|e| !e.mentions.is_empty());
    code_administrations(gaz, date, &mut entities);
    entities
}

/// "the Obama Administration", "the Johnson government": an organisation named after a listed
/// person of the document who then led a government is that country's government (CAMEO
/// `<country>GOV`), not an unknown organisation.
fn code_administrations(gaz: &Gazetteer, date: Option<&str>, entities: &mut [Entity]) {
    for k in 0..entities.len() {
        let e = &entities[k];
        if e.kind_type != EntityType::Organization || e.codes.cameo.is_some() {
            continue;
        }
        let Some(leader) = e
            .name
            .rsplit_once(' ')
            .filter(|(_, last)| gaz.is_leader_word(last, LeaderKind::Government))
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

/// "the Russian leader", "the French foreign minister": a demonym and an office that exactly
/// one listed person of the document held for that country on the article's date is another
/// mention of that person. The office is the person's own title ("President", "Foreign
/// Minister") or a generic leader word for a head of state or government.
fn link_role_phrases(
    gaz: &Gazetteer,
    text: &str,
    tokens: &[Token],
    date: Option<&str>,
    entities: &mut [Entity],
) {
    let officials: Vec<(usize, &crate::knowledge::Person)> = entities
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
        let Some(country) = gaz.lookup(word(i)).iter().find_map(|r| match r {
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
            let generic = gaz.is_leader_word(office, LeaderKind::Generic);
            let holders: Vec<usize> = officials
                .iter()
                .filter(|(_, p)| p.country == country.iso3)
                .filter(|(_, p)| {
                    office.eq_ignore_ascii_case(p.title)
                        || (generic
                            && p.role == "GOV"
                            && gaz.is_leader_word(p.title, LeaderKind::HeadTitle))
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

/// The dateline's place ("BEIJING --", "INNISFAIL, Australia -") is a place mention whatever
/// the tagger made of the upper-case word, when the gazetteer knows it as a place.
fn add_dateline(
    gaz: &Gazetteer,
    text: &str,
    dateline: Option<Span>,
    mentions: &mut Vec<Mention>,
    misc: &mut Vec<Span>,
) {
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
    mentions.sort_by_key(|m| m.span.start);
}

/// A name the tagger called an organisation or a person that the gazetteer knows as a place,
/// and that the text sets as a place ("in Innisfail", "Hinton, Alberta", a listed county, the
/// opening dateline: [`Gazetteer::tagged_name_is_place`]), is a LOCATION; a surname of a person
/// named in full in the same text stays a person.
fn retype_by_place_context(gaz: &Gazetteer, text: &str, mentions: &mut [Mention]) {
    // "North Bridgton", "Upper Saddle River": a direction word and a listed place name are a
    // place, not a person.
    for m in mentions.iter_mut() {
        if m.ty != EntityType::Person {
            continue;
        }
        let own = &text[m.span.start..m.span.end];
        if let Some((first, rest)) = own.split_once(' ') {
            if gaz.place_words.directions.contains(first) && gaz.is_place_name(rest, true) {
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
                && !own.split(' ').any(|w| gaz.names.is_org_word(w))
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
                        gaz.place_words.directions.contains(cap.as_str())
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
            let title = |w: &str| gaz.names.is_title(w);
            let office = title(after[0])
                || (after[0].chars().next().is_some_and(char::is_uppercase) && title(after[1]));
            let place_noun = !after[0].is_empty()
                && after[0].chars().all(|c| c.is_lowercase())
                && gaz.definitions.noun_type(after[0]) == Some(Some(EntityType::Location));
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
        if (part_of()
            || placed()
            || coordinated()
            || gaz.tagged_name_is_place(text, m.span)
            || country())
            && !surname()
        {
            m.ty = EntityType::Location;
        }
    }
}

/// Two names the tagger ran together over a joining word: "Karl Langdon & Harvey Deegan" (no
/// person's name holds "and" or "&"), "Bridgeton and Salem" (two places of the gazetteer),
/// "University of Peking in Beijing", "Cal Anderson Park after Washington" (a place after
/// "in", "at", "near", "after", when the words before it hold a designator such as
/// "University" or "Park", or are a person or a place). Each side becomes a mention of its own;
/// a side that is no name is dropped. An organisation such as "Human Rights in China" stays
/// whole.
fn split_listed_names(gaz: &Gazetteer, text: &str, tokens: &[Token], mentions: &mut Vec<Mention>) {
    use crate::wordlists::class;
    let classes = |w: &str| gaz.names.classes(w);
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
                        && !right.split(' ').any(|w| gaz.names.is_org_word(w))
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

/// "Diego Silang y Andaya", "Anton Wolfgang von Faber-Castell": two person mentions joined by a
/// name particle (`data/definition-words.tsv`) are one person's name.
fn join_name_particles(gaz: &Gazetteer, text: &str, mentions: &mut Vec<Mention>) {
    let mut k = 0;
    while k + 1 < mentions.len() {
        let (a, b) = (&mentions[k], &mentions[k + 1]);
        if a.ty == EntityType::Person
            && b.ty == EntityType::Person
            && b.span.start > a.span.end
            && text[a.span.end..b.span.start]
                .strip_prefix(' ')
                .and_then(|gap| gap.strip_suffix(' '))
                .is_some_and(|w| gaz.definitions.is_name_particle(w))
        {
            let span = Span::new(a.span.start, b.span.end);
            mentions[k] = Mention::new(span, EntityType::Person);
            mentions.remove(k + 1);
            continue;
        }
        k += 1;
    }
}

/// Joaquin "El Chapo" Guzman, William "Buckshot" May: a quoted nickname between a given name
/// and a surname is inside one person's name, which the tagger cuts in two (or three).
/// `mentions` must be sorted by start.
fn join_nicknames(gaz: &Gazetteer, text: &str, tokens: &[Token], mentions: &mut Vec<Mention>) {
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
        let given = || gaz.names.is_given_name(word(first));
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

/// "Orgy, Velvet Revolver, and Linkin Park": names listed together are things of one kind; in
/// a list of three or more where two thirds share a type, an unlisted organisation or place
/// of the other type (no definition stating it, no designator ending it) takes theirs.
/// `mentions` must be sorted by start.
fn type_lists(gaz: &Gazetteer, text: &str, mentions: &mut [Mention]) {
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
                        .is_some_and(|w| gaz.names.is_org_word(w));
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

/// One name, one type: an unlisted name the tagger typed differently in one document takes
/// the type it has most often there (a tie keeps each mention's own).
fn vote_types(text: &str, mentions: &mut [Mention]) {
    let mut counts: crate::knowledge::FastMap<&str, [u32; 3]> = Default::default();
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

/// The letters and digits `s` opens with ("was" of "was added", "" of ", and").
fn leading_word(s: &str) -> &str {
    s.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("")
}

/// "over Thanksgiving weekend", "on Christmas Day": a holiday (`holiday` words of
/// `data/calendar.tsv`) is a date, not a place or a person.
fn drop_holidays(gaz: &Gazetteer, text: &str, mentions: &mut Vec<Mention>) {
    mentions.retain(|m| {
        let name = &text[m.span.start..m.span.end];
        let name = name
            .strip_suffix(" Day")
            .or_else(|| name.strip_suffix(" Eve"))
            .unwrap_or(name);
        m.target.is_some() || !gaz.is_calendar_word(name, CalendarKind::Holiday)
    });
}

/// "Dillard 's was added", "anchors: Thalhimer's, JC Penney": a name whose possessive is followed
/// by nothing it possesses names a shop or firm ("Moody's", "Lloyd's"), and the "'s" is part of
/// it. A place keeps its type ("Test at Lord's"); a listed person is left alone.
fn join_possessive_names(gaz: &Gazetteer, text: &str, mentions: &mut [Mention]) {
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
                || gaz.definitions.is_copula(next_word)
                || (gaz.definitions.is_auxiliary(next_word) && next_word != "had")
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

/// "The 139th was formed at Camp Howe", "the 65th assumed responsibility": an ordinal after
/// "the" and before a verb is a numbered unit's short name (a regiment, a wing). A date ("the
/// 5th was a Tuesday") is told apart by repetition: the unit is named so at least twice, or its
/// full name opens with the ordinal ("65th Air Division").
fn add_numbered_units(gaz: &Gazetteer, text: &str, tokens: &[Token], mentions: &mut Vec<Mention>) {
    let word = |i: usize| {
        tokens
            .get(i)
            .map_or("", |t| &text[t.span.start..t.span.end])
    };
    let verb_like = |w: &str| {
        w.chars().all(|c| c.is_ascii_lowercase())
            && (w.len() > 4 && w.ends_with("ed")
                || gaz.definitions.is_copula(w)
                || gaz.definitions.is_auxiliary(w)
                || gaz.definitions.is_copula_adverb(w))
    };
    let found: Vec<usize> = (1..tokens.len())
        .filter(|&i| {
            matches!(word(i - 1), "the" | "The")
                && crate::organisations::is_ordinal(word(i))
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
    mentions.sort_by_key(|m| m.span.start);
}

/// "P-51 Mustang", "F-16 Fighting Falcon", "CH-53 Sea Stallion": the name after a model code
/// (up to three capitals, a hyphen, digits) is a machine's, not a person's, firm's or place's.
fn drop_model_names(text: &str, mentions: &mut Vec<Mention>) {
    let model_code = |code: &str| {
        let Some((letters, number)) = code.split_once('-') else {
            return false;
        };
        let digits = number.chars().take_while(char::is_ascii_digit).count();
        (1..=3).contains(&letters.len())
            && letters.chars().all(|c| c.is_ascii_uppercase())
            && digits > 0
            && number[digits..].chars().all(|c| c.is_ascii_uppercase())
    };
    mentions.retain(|m| {
        matches!(
            m.target,
            Some(Ref::Country(_) | Ref::Org(_) | Ref::Person(_))
        ) || !text[..m.span.start]
            .strip_suffix(' ')
            .and_then(|before| before.rsplit(' ').next())
            .is_some_and(model_code)
    });
}

/// "Scouting", "Billion", "Meeting": one word that the corpus writes in lower case almost
/// always (capitalisation band 0), capitalised here by its place in a sentence or a heading,
/// names nothing unless a list knows it. A name the corpus capitalises even now and then
/// ("Reading", "Real") is left to the tagger.
fn drop_common_words(
    text: &str,
    tokens: &[Token],
    infos: &[crate::features::TokenInfo],
    mentions: &mut Vec<Mention>,
) {
    mentions.retain(|m| {
        if m.target.is_some() {
            return true;
        }
        let name = &text[m.span.start..m.span.end];
        let common = || {
            token_range(tokens, m.span)
                .is_some_and(|(a, b)| a == b && infos.get(a).is_some_and(|t| t.caps == 1))
        };
        !name.chars().any(char::is_lowercase) || !common()
    });
}

/// "the sorcerer queen Sarraounia", "led by general Belgrano": a title in lower case right
/// before an unlisted name makes it a person's, as the text states it (so the name's other
/// mentions follow it).
fn retype_after_titles(gaz: &Gazetteer, text: &str, mentions: &mut [Mention]) {
    for m in mentions.iter_mut() {
        let name = &text[m.span.start..m.span.end];
        // Not a firm ("Yamaichi Securities Co Ltd") nor a contraction ("I'll").
        if m.ty == EntityType::Person
            || m.target.is_some()
            || m.stated
            || name.contains(['\'', '’'])
            || name.split(' ').any(|w| gaz.names.is_org_word(w))
        {
            continue;
        }
        let title = text[..m.span.start]
            .strip_suffix(' ')
            .and_then(|before| before.rsplit(' ').next())
            .is_some_and(|w| {
                w.len() > 2
                    && w.chars().all(|c| c.is_ascii_lowercase())
                    && gaz.names.classes(w) & crate::wordlists::class::TITLE != 0
            });
        if title {
            m.ty = EntityType::Person;
            m.stated = true;
        }
    }
}

/// "Buffalo Bisons", "Philadelphia Eagles", "West Coast Eagles": a place name followed by one
/// capitalised plural is a team, not a place or a person, unless the whole name is itself a
/// listed place ("United States", "Virgin Islands") or ends in a place word ("Heights"). A
/// "person" whose name opens with "The" is a group too ("The Triffids"), and a "place" holding
/// an organisation designator is that organisation ("Cornish Colony Museum").
fn retype_by_name_words(gaz: &Gazetteer, text: &str, mentions: &mut [Mention]) {
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
                let classes = gaz.names.classes(last);
                last.starts_with(char::is_uppercase)
                    && classes & crate::wordlists::class::ORG != 0
                    && classes & crate::wordlists::class::SURNAME == 0
            })
        };
        // "Cary Towne Center", "Cornish Colony Museum": a place name then an organisation
        // designator that never names a place.
        // Buildings that house one ("Hospital", "Centre") say nothing (`not_last` in
        // data/kind-nouns.tsv).
        let institution = || {
            name.split(' ').skip(1).any(|w| {
                let classes = gaz.names.classes(w);
                w.starts_with(char::is_uppercase)
                    && classes & crate::wordlists::class::ORG != 0
                    && classes & crate::wordlists::class::LOC == 0
                    && !gaz.definitions.says_nothing_last(&w.to_lowercase())
                    && gaz.definitions.noun_type(&w.to_lowercase())
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
            && !gaz.place_words.ends.contains(last)
            && gaz.definitions.noun_type(&last.to_lowercase()).is_none()
            && gaz.is_place_name(place, true)
            && !gaz.place_words.directions.contains(place)
            && (m.ty == EntityType::Location || !gaz.names.is_given_name(place))
            && gaz.lookup(name).is_empty()
        {
            m.ty = EntityType::Organization;
            m.target = None;
        }
    }
}

/// "Pakistan Boy Scouts Association", "North Korean Red Cross": the tagger may cut a country,
/// a place or a demonym off the front of an organisation's name; a place mention followed, one
/// space on, by an organisation mention is one organisation, and by another place mention one
/// place.
fn join_place_and_organisation(text: &str, mentions: &mut Vec<Mention>) {
    let mut k = 0;
    while k + 1 < mentions.len() {
        let (a, b) = (&mentions[k], &mentions[k + 1]);
        // Two places one space apart are one place's name ("Huntington Metrorail Station",
        // "Washington Dulles International Airport"); an organisation after a place is that
        // place's organisation.
        let joined = a.ty == EntityType::Location
            && matches!(b.ty, EntityType::Organization | EntityType::Location)
            && &text[a.span.end..b.span.start] == " ";
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

/// A title ("Gov.", "President") or a job that a person holds ("Coach", "Sheriff",
/// "Director": singular person nouns of `data/kind-nouns.tsv`; "Screen Actors Guild" holds
/// none).
fn is_office(gaz: &Gazetteer, w: &str) -> bool {
    gaz.names.is_title(w)
        || (w.starts_with(char::is_uppercase)
            && !w.ends_with('s')
            && gaz.definitions.noun_type(&w.to_lowercase()) == Some(Some(EntityType::Person)))
}

/// The first token of a person's name after an office among tokens `a..b` of a MISC name: a
/// title or a person noun ("Professor", "Manager"), then a given name and capitalised words
/// to the end.
fn person_after_office(
    gaz: &Gazetteer,
    text: &str,
    tokens: &[Token],
    a: usize,
    b: usize,
) -> Option<usize> {
    let word = |i: usize| &text[tokens[i].span.start..tokens[i].span.end];
    let at = (a..b.saturating_sub(1))
        .rev()
        .find(|&i| is_office(gaz, word(i)))?
        + 1;
    let named = gaz.names.is_given_name(word(at))
        && (at..b).all(|i| word(i).starts_with(char::is_uppercase))
        && b - at >= 2;
    named.then_some(at)
}

/// "New York Gov. Andrew Cuomo", "Texas Senator Ted Cruz": the tagger may run a place, an
/// office and a person together into one person (or one organisation). The words after the office are the person;
/// the words before it (joined to a place mention right before them, "New" + "York") are a
/// place when the gazetteer knows one by that name, and are dropped otherwise.
fn split_office_names(gaz: &Gazetteer, text: &str, tokens: &[Token], mentions: &mut Vec<Mention>) {
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
            .find(|&i| capitalised(i - 1) && capitalised(i + 1) && is_office(gaz, word(i)));
        // "Coach Darrell Royal" tagged as an organisation: an office, then a given name, opens
        // it; the rest is the person.
        let given = |i: usize| gaz.names.is_given_name(word(i));
        if office.is_none()
            && m.ty == EntityType::Organization
            && last > first + 1
            && is_office(gaz, word(first))
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
    mentions.sort_by_key(|m| m.span.start);
}

/// "Seattle-based Starbucks", "a New York-based group": the place a firm is based in is a place
/// mention, though the tagger sees one adjective (CoNLL-2003 tags it MISC).
fn add_based_places(gaz: &Gazetteer, text: &str, tokens: &[Token], mentions: &mut Vec<Mention>) {
    let word = |i: usize| &text[tokens[i].span.start..tokens[i].span.end];
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let mut added = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let Some(stem) = word(i)
            .strip_suffix("-based")
            .or_else(|| word(i).strip_suffix("\u{2013}based"))
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
        mentions.sort_by_key(|m| m.span.start);
    }
}

/// "Churchill, Man.", "Hinton, Alberta": the region or country right after a place and a comma
/// is a place mention of its own, even when the tagger left it out or took it for an
/// organisation.
fn add_containing_regions(gaz: &Gazetteer, text: &str, mentions: &mut Vec<Mention>) {
    let mut regions: Vec<Span> = Vec::new();
    let mut retyped: Vec<usize> = Vec::new();
    for m in mentions.iter().filter(|m| m.ty == EntityType::Location) {
        if let Some(span) = gaz.container_after(text, m.span.end) {
            // The tagger may have typed it already, wrongly ("AUSTIN, Texas" as a team).
            if let Some(k) = mentions.iter().position(|o| o.span == span) {
                retyped.push(k);
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
    if regions.is_empty() {
        return;
    }
    mentions.extend(
        regions
            .into_iter()
            .map(|span| Mention::new(span, EntityType::Location)),
    );
    mentions.sort_by_key(|m| m.span.start);
}

/// Is `span` exactly the words between a pair of double quotation marks?
fn is_quoted_title(text: &str, span: Span) -> bool {
    let before = text[..span.start].trim_end_matches(' ');
    let after = text[span.end..].trim_start_matches(' ');
    let open = before.ends_with(['"', '“']);
    let close = after.starts_with(['"', '”']);
    open && close
}

/// A name neither begins nor ends with a bracket, quotation mark or comma, nor ends with a
/// lower-case word: the tagger sometimes runs a name on into them ("Carl Heinrich Georg (",
/// "Marcus Beauford born"), which no name does. Returns the trimmed token range.
/// The first and last token of `span`, when it starts and ends on token boundaries.
pub(crate) fn token_range(tokens: &[Token], span: Span) -> Option<(usize, usize)> {
    let first = tokens
        .binary_search_by_key(&span.start, |t| t.span.start)
        .ok()?;
    let last = tokens
        .binary_search_by_key(&span.end, |t| t.span.end)
        .ok()?;
    Some((first, last))
}

fn trim_name(
    gaz: &Gazetteer,
    text: &str,
    tokens: &[Token],
    mut a: usize,
    mut b: usize,
) -> (usize, usize) {
    let word = |i: usize| &text[tokens[i].span.start..tokens[i].span.end];
    let edge_punct =
        |i: usize| !word(i).chars().any(char::is_alphanumeric) && !matches!(word(i), "&" | "!");
    // "Of Shree Saptakoteshwar": a preposition or conjunction opening a sentence is no part of
    // the name (`stray_opener` in data/definition-words.tsv; "The" may be: "The Zutons").
    let function_word = |i: usize| gaz.definitions.is_stray_opener(word(i));
    while a < b && (edge_punct(a) || (a + 1 < b && function_word(a))) {
        a += 1;
    }
    // "Toronto Saturday": a weekday after a place is when, not part of its name.
    while b > a
        && (edge_punct(b - 1)
            || word(b - 1).chars().next().is_some_and(char::is_lowercase)
            || (b - 1 > a && gaz.is_calendar_word(word(b - 1), CalendarKind::Weekday)))
    {
        b -= 1;
    }
    (a, b)
}

impl Gazetteer {
    /// A leader word of `data/leader-words.tsv` of this kind, whatever its case.
    fn is_leader_word(&self, phrase: &str, kind: LeaderKind) -> bool {
        self.leader_words
            .iter()
            .any(|&(p, k)| k == kind && p.eq_ignore_ascii_case(phrase))
    }

    /// A whole weekday or month name, or a holiday, of `data/calendar.tsv`, of this kind: "Sun"
    /// and "Wed" abbreviate days but also name newspapers and people, "May" is a surname too.
    pub(crate) fn is_calendar_word(&self, word: &str, kind: CalendarKind) -> bool {
        let word = word.strip_suffix('.').unwrap_or(word);
        word.len() > 4
            && self
                .calendar
                .iter()
                .any(|&(w, k)| k == kind && w.eq_ignore_ascii_case(word))
    }
}

/// "Hay Street", "Metcalfe County", "Hancock Pond": a name of two or more words that ends in a
/// place word is a LOCATION whatever type the tagger gave it, MISC included.
fn retype_place_names(
    gaz: &Gazetteer,
    text: &str,
    mentions: &mut Vec<Mention>,
    misc: &mut Vec<Span>,
) {
    let is_place = |span: &Span| {
        let mut words = text[span.start..span.end].split_whitespace();
        words
            .next_back()
            .is_some_and(|last| words.next().is_some() && gaz.place_words.ends.contains(last))
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
                .is_some_and(|(first, _)| gaz.place_words.leads.contains(first))
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
        mentions.sort_by_key(|m| m.span.start);
    }
}

/// "drained Hancock Pond": capitalised words before a place word that the tagger left untagged
/// make a LOCATION too (at least one such word; a sentence's first word only when it is not the
/// sole one).
fn add_place_names(
    gaz: &Gazetteer,
    text: &str,
    tokens: &[Token],
    mentions: &mut Vec<Mention>,
    misc: &[Span],
) {
    let word = |i: usize| &text[tokens[i].span.start..tokens[i].span.end];
    let capitalised = |i: usize| word(i).chars().next().is_some_and(char::is_uppercase);
    let mut added = Vec::new();
    for i in 1..tokens.len() {
        if !gaz.place_words.ends.contains(word(i)) {
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
        mentions.sort_by_key(|m| m.span.start);
    }
}

/// "Turkey-Russia relations", "U.S.-China talks": the tagger takes a hyphenated pair of listed
/// names for one name. When every part is a listed country or organisation and the whole is
/// not itself listed ("Guinea-Bissau" is), the joined mention is dropped so that the parts'
/// gazetteer hits stand as mentions of their own.
fn split_joined_names(
    gaz: &Gazetteer,
    text: &str,
    mentions: &mut Vec<Mention>,
    misc: &mut Vec<Span>,
) {
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

/// Is the article set in country `i`: does it name the country, or one of its places of at
/// least [`SETTING_POPULATION`] people by that place's own name?
///
/// A demonym adjective ("the Turkish government", "Russian jets") is then one more mention of
/// that country, the way "the Kremlin's country" is a mention of Russia. Elsewhere ("German
/// Michael Schumacher won" in a results table) it only describes, and stays out: CoNLL-2003
/// tags such words MISC, TR-News tags them as toponyms (measured on dev: demonyms everywhere
/// cost CoNLL 3.1 points for TR-News +9.6; only in an article set in the country, CoNLL -2.4
/// for +8.2).
fn set_in(gaz: &Gazetteer, text: &str, hits: &[crate::knowledge::Hit], i: u32) -> bool {
    let Some(country) = gaz.countries.get(i as usize) else {
        return false;
    };
    hits.iter().any(|h| {
        gaz.refs(h.form).iter().any(|r| match r {
            Ref::Country(c) => *c == i,
            Ref::Place(p) => gaz.places.get(*p as usize).is_some_and(|place| {
                place.country == country.iso2
                    && place.population >= SETTING_POPULATION
                    && text.get(h.span.start..h.span.end) == Some(place.name)
            }),
            _ => false,
        })
    })
}

/// "Ben Stoloff was an American film director", "Daniel Segal is a British mathematician": a
/// demonym in the noun phrase after a copula and "a"/"an" classifies the subject (a nationality,
/// CoNLL's MISC), rather than standing for its country the way "the Turkish government" does.
fn classifies(gaz: &Gazetteer, text: &str, at: usize) -> bool {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let mut words = text[line_start..at].split_whitespace().rev();
    // Up to three modifiers between the article and the demonym ("a former", "an English born",
    // "a German and"), no preposition ("a summary of major Indonesian ...").
    for _ in 0..4 {
        match words.next() {
            Some("a" | "an") => {
                return words.next().is_some_and(|w| {
                    gaz.definitions.is_copula(w) || gaz.definitions.is_auxiliary(w)
                })
            }
            Some(w)
                if w.chars().all(|c| c.is_alphanumeric() || c == '-')
                    && (!gaz.definitions.is_function_word(w) || matches!(w, "and" | "or")) => {}
            _ => return false,
        }
    }
    false
}

/// "fought against the British ,", "give the Irish their biggest win": "the" and a demonym with
/// no noun after it are that people, not its country.
fn names_people(gaz: &Gazetteer, text: &str, span: Span) -> bool {
    let next = text[span.end..].trim_start_matches(' ');
    let next_word = leading_word(next);
    let the = text[..span.start].strip_suffix(' ').is_some_and(|before| {
        before.ends_with(" the") || before == "The" || before.ends_with("\nThe")
    });
    the && (next.starts_with([',', '.', ';', ')'])
        || (gaz.definitions.is_function_word(next_word) && !matches!(next_word, "and" | "or")))
}

/// "French Revolution", "Dutch Government before", "Canadian Geographic ,": a demonym left
/// standing before more capitalised words that end a name (no lower-case noun follows them, as
/// in "Turkish TV channels") opens that name, a work or body the tagger did not take whole; it
/// names no country. An office after it is no name ("Turkish Foreign Minister").
fn drop_demonyms_opening_names(gaz: &Gazetteer, text: &str, mentions: &mut Vec<Mention>) {
    let opens_a_name = |m: &Mention| {
        if !matches!(m.target, Some(Ref::Country(_))) || !text[m.span.end..].starts_with(' ') {
            return false;
        }
        let mut words = text[m.span.end..].split(' ').skip(1).peekable();
        let mut run = 0;
        while let Some(w) = words.next_if(|w| w.starts_with(char::is_uppercase)) {
            if gaz.names.is_title(w.trim_end_matches(['.', ','])) {
                return false;
            }
            run += 1;
            if run == 4 || w.ends_with([',', '.']) {
                break;
            }
        }
        let after = words.next().unwrap_or("");
        let content_word = after.starts_with(char::is_lowercase)
            && !gaz.definitions.is_function_word(after)
            && !matches!(after, "and" | "or");
        run > 0
            && !content_word
            && gaz
                .lookup(&text[m.span.start..m.span.end])
                .iter()
                .any(|r| matches!(r, Ref::Demonym(_)))
    };
    mentions.retain(|m| !opens_a_name(m));
}

/// "Democratic National Committee (DNC)": the parenthesised acronym is a mention of the name
/// before it.
fn add_acronyms(text: &str, mentions: &mut Vec<Mention>) {
    let mut extra = Vec::new();
    for m in mentions.iter() {
        let rest = &text[m.span.end..];
        // Allow a possessive between the name and the bracket: "Committee's (DNC)".
        let skip = ["’s", "'s"]
            .iter()
            .find(|p| rest.starts_with(**p))
            .map_or(0, |p| p.len());
        let rest = &rest[skip..];
        let trimmed = rest.trim_start();
        if !trimmed.starts_with('(') || rest.len() - trimmed.len() > 1 {
            continue;
        }
        let inner = &trimmed[1..];
        let Some(close) = inner.find(')') else {
            continue;
        };
        let acro = inner[..close].trim();
        if acro.len() < 2
            || acro.len() > 8
            || !acro
                .chars()
                .all(|c| c.is_uppercase() || c == '.' || c == '&')
        {
            continue;
        }
        let start = m.span.end
            + skip
            + (rest.len() - trimmed.len())
            + 1
            + (inner[..close].len() - inner[..close].trim_start().len());
        let span = Span::new(start, start + acro.len());
        if !mentions.iter().any(|o| o.span.overlaps(span)) {
            extra.push(Mention {
                span,
                ty: m.ty,
                target: m.target,
                key: String::new(),
                stated: false,
            });
        }
    }
    // The acronym stands for the name wherever the text uses it, tagged or not ("CSHL").
    let defined: Vec<Mention> = extra.clone();
    mentions.extend(extra);
    for d in &defined {
        let acro = &text[d.span.start..d.span.end];
        let alone = |at: usize| {
            !text[..at].ends_with(|c: char| c.is_alphanumeric())
                && !text[at + acro.len()..].starts_with(|c: char| c.is_alphanumeric())
        };
        for (at, _) in text.match_indices(acro).filter(|&(at, _)| alone(at)) {
            let span = Span::new(at, at + acro.len());
            if let Some(o) = mentions.iter_mut().find(|o| o.span == span) {
                o.ty = d.ty;
                o.target = d.target;
            } else if !mentions.iter().any(|o| o.span.overlaps(span)) {
                mentions.push(Mention {
                    span,
                    ty: d.ty,
                    target: d.target,
                    key: String::new(),
                    stated: false,
                });
            }
        }
    }
    mentions.sort_by_key(|m| m.span.start);
}

fn initials(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
        .filter_map(|w| w.chars().next())
        .collect()
}

/// Give every mention its canonical key.
fn resolve(gaz: &Gazetteer, text: &str, mentions: &mut [Mention]) {
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
    let surface: Vec<String> = mentions
        .iter()
        .map(|m| text[m.span.start..m.span.end].to_string())
        .collect();
    // The surnames and given names of people named in full ("Manuel Belgrano"; "North
    // Bridgton" opens with no given name), for the rule below.
    // Each mention's words and initials, once (the rules below compare every pair).
    let words_of: Vec<Vec<&str>> = surface
        .iter()
        .map(|s| s.split_whitespace().collect())
        .collect();
    let initials_of: Vec<String> = surface.iter().map(|s| initials(s)).collect();
    let given = |w: &str| gaz.names.is_given_name(w);
    let mut name_parts: Vec<(&str, bool)> = Vec::new();
    for (m, s) in mentions.iter().zip(&surface) {
        let mut words = s.split_whitespace();
        if let (EntityType::Person, Some(first), Some(last)) =
            (m.ty, words.next(), words.next_back())
        {
            if given(first) && !gaz.place_words.directions.contains(first) {
                name_parts.push((last, true));
                name_parts.push((first, false));
            }
        }
    }
    for k in 0..mentions.len() {
        let own = &surface[k];
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
                mentions[k].key = canonical_of(gaz, target).unwrap_or_else(|| surface[j].clone());
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
                    canonical_of(gaz, mentions[j].target).unwrap_or_else(|| surface[j].clone());
                continue;
            }
        }
        mentions[k].key = canonical_of(gaz, mentions[k].target).unwrap_or_else(|| own.clone());
    }
}

fn canonical_of(gaz: &Gazetteer, r: Option<Ref>) -> Option<String> {
    Some(match r? {
        Ref::Country(i) | Ref::Demonym(i) => gaz.countries.get(i as usize)?.name.to_string(),
        Ref::Place(i) => gaz.places.get(i as usize)?.name.to_string(),
        Ref::Person(i) => gaz.people.get(i as usize)?.name.to_string(),
        Ref::Org(i) => gaz.orgs.get(i as usize)?.name.to_string(),
    })
}

/// Group mentions by key and type into entities with codes.
fn group(gaz: &Gazetteer, _text: &str, mentions: Vec<Mention>, date: Option<&str>) -> Vec<Entity> {
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Mentions of the given names (first occurrence of each in `text`) with the given types.
    pub(crate) fn mentions_of(text: &str, names: &[(&str, EntityType)]) -> Vec<Mention> {
        names
            .iter()
            .map(|&(name, ty)| {
                let at = text.find(name).expect("name in text");
                Mention::new(Span::new(at, at + name.len()), ty)
            })
            .collect()
    }

    /// Each mention as its text and type, for comparing with the expected ones.
    pub(crate) fn shown<'a>(text: &'a str, mentions: &[Mention]) -> Vec<(&'a str, EntityType)> {
        mentions
            .iter()
            .map(|m| (&text[m.span.start..m.span.end], m.ty))
            .collect()
    }

    fn typed_as(text: &str, name: &str, ty: EntityType) -> EntityType {
        let mut mentions = mentions_of(text, &[(name, ty)]);
        retype_by_place_context(crate::for_tests(), text, &mut mentions);
        mentions[0].ty
    }

    fn split(text: &str, name: &str, ty: EntityType) -> Vec<(String, EntityType)> {
        let tokens = crate::tokens_for_tests(text);
        let mut mentions = mentions_of(text, &[(name, ty)]);
        split_listed_names(crate::for_tests(), text, &tokens, &mut mentions);
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
    fn issue_3_the_last_word_of_a_name_says_its_kind() {
        let gaz = crate::for_tests();
        use EntityType::{Organization as Org, Person as Per};
        let text = "Reading Festival | Dave Matthews Band | Film Director | Chicago \
                    Purchasing Managers | Mickey Rivers | Ohio State | Doyt Perry Stadium | \
                    Stuart Law | Catholicism";
        let names: [(&str, EntityType); 9] = [
            ("Reading Festival", Org),
            ("Dave Matthews Band", Per),
            ("Film Director", Org),
            ("Chicago Purchasing Managers", Org),
            ("Mickey Rivers", Per),
            ("Ohio State", Org),
            ("Doyt Perry Stadium", Per),
            ("Stuart Law", Per),
            ("Catholicism", Org),
        ];
        let mut mentions = mentions_of(text, &names);
        let mut misc = Vec::new();
        crate::definitions::apply_last_word_kinds(gaz, text, &mut mentions, &mut misc);
        assert_eq!(
            shown(text, &mentions),
            [
                ("Dave Matthews Band", Org),
                ("Chicago Purchasing Managers", Org),
                ("Mickey Rivers", Per),
                ("Ohio State", Org),
                ("Doyt Perry Stadium", Per),
                ("Stuart Law", Per),
            ]
        );
        assert_eq!(misc.len(), 3);
        // An event named "Battle of ...", a trophy, and a common noun's abbreviation in
        // capitals ("KOs") name no entity; an acronym that is no noun stays.
        let text =
            "Battle of the Bulge | Outland Trophy | 12 KOs | NATO | Port of Liverpool | DJ Khaled";
        let names = [
            ("Battle of the Bulge", Org),
            ("Outland Trophy", Org),
            ("KOs", Org),
            ("NATO", Org),
            ("Port of Liverpool", Org),
            ("DJ Khaled", Org),
        ];
        let mut mentions = mentions_of(text, &names);
        crate::definitions::apply_last_word_kinds(gaz, text, &mut mentions, &mut misc);
        assert_eq!(
            shown(text, &mentions),
            [
                ("NATO", Org),
                ("Port of Liverpool", EntityType::Location),
                ("DJ Khaled", Per)
            ]
        );
    }

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
        join_place_and_organisation(text, &mut mentions);
        assert_eq!(
            shown(text, &mentions),
            [
                ("Pakistan Boy Scouts Association", EntityType::Organization),
                ("Lahore", EntityType::Location)
            ]
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
            let tokens = crate::tokens_for_tests(text);
            let mut mentions = mentions_of(text, &[(name, EntityType::Organization)]);
            split_office_names(crate::for_tests(), text, &tokens, &mut mentions);
            assert_eq!(shown(text, &mentions), want, "{text}");
        }
    }

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
        retype_by_name_words(crate::for_tests(), text, &mut mentions);
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
        retype_by_name_words(crate::for_tests(), text, &mut mentions);
        assert_eq!(
            shown(text, &mentions),
            [
                ("The Ramones", EntityType::Organization),
                ("The Netherlands", EntityType::Location)
            ]
        );
    }

    #[test]
    fn issue_3_a_person_named_like_a_river_is_a_place() {
        let gaz = crate::for_tests();
        let text = "ships on the River Mersey and Mount Sinai Hospital";
        let mut mentions = mentions_of(
            text,
            &[
                ("River Mersey", EntityType::Person),
                ("Mount Sinai Hospital", EntityType::Organization),
            ],
        );
        retype_place_names(gaz, text, &mut mentions, &mut Vec::new());
        assert_eq!(mentions[0].ty, EntityType::Location);
        assert_eq!(mentions[1].ty, EntityType::Organization);
    }

    #[test]
    fn issue_3_a_weekday_after_a_name_is_trimmed() {
        let gaz = crate::for_tests();
        let text = "snow over Toronto Saturday night";
        let tokens = crate::tokens_for_tests(text);
        let (a, b) = trim_name(gaz, text, &tokens, 2, 4);
        assert_eq!(
            &text[tokens[a].span.start..tokens[b - 1].span.end],
            "Toronto"
        );
        // A weekday alone stays (the tagger's business), and short forms are not trimmed.
        let text = "the Sunday Times and Reading Sun";
        let tokens = crate::tokens_for_tests(text);
        assert_eq!(trim_name(gaz, text, &tokens, 1, 3), (1, 3));
        assert_eq!(trim_name(gaz, text, &tokens, 4, 6), (4, 6));
        // A preposition opening the name is trimmed; "New" and "The" are not.
        let text = "Of Shree Saptakoteshwar | New Order | The Zutons";
        let tokens = crate::tokens_for_tests(text);
        assert_eq!(trim_name(gaz, text, &tokens, 0, 3), (1, 3));
        assert_eq!(trim_name(gaz, text, &tokens, 4, 6), (4, 6));
        assert_eq!(trim_name(gaz, text, &tokens, 7, 9), (7, 9));
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
    fn issue_3_a_persons_surname_alone_is_that_person_whatever_its_tag() {
        let (org, per) = (EntityType::Organization, EntityType::Person);
        let text = "Gen. Manuel Belgrano took command. Belgrano's army crossed the river.";
        let mut mentions = mentions_of(text, &[("Manuel Belgrano", per)]);
        let at = text.rfind("Belgrano").unwrap();
        mentions.push(Mention::new(Span::new(at, at + "Belgrano".len()), org));
        resolve(crate::for_tests(), text, &mut mentions);
        assert_eq!(shown(text, &mentions)[1], ("Belgrano", per));
        assert_eq!(mentions[1].key, mentions[0].key);
        // A mistagged place is no person's name: "North" is no given name here.
        let text = "Trains ran to North Bridgton. Bridgton grew.";
        let mut mentions = mentions_of(text, &[("North Bridgton", per)]);
        let at = text.rfind("Bridgton").unwrap();
        mentions.push(Mention::new(Span::new(at, at + "Bridgton".len()), org));
        resolve(crate::for_tests(), text, &mut mentions);
        assert_eq!(mentions[1].ty, org);
        // A name the text defines keeps its stated type: the firm named after its founder.
        let text = "Caloi is a maker of bicycles. Guido Caloi ran Caloi.";
        let mut mentions = mentions_of(text, &[("Caloi", org), ("Guido Caloi", per)]);
        mentions[0].stated = true;
        let at = text.rfind("Caloi").unwrap();
        mentions.push(Mention::new(Span::new(at, at + "Caloi".len()), org));
        mentions[2].stated = true;
        resolve(crate::for_tests(), text, &mut mentions);
        assert_eq!(mentions[2].ty, org);
    }

    #[test]
    fn issue_3_a_quoted_nickname_stays_inside_the_name() {
        let gaz = crate::for_tests();
        let per = EntityType::Person;
        let text =
            "Drug lord Joaquin \"El Chapo\" Guzman escaped, said Harold \" Junior \" Theriault.";
        let tokens = crate::tokens_for_tests(text);
        let mut mentions = mentions_of(text, &[("Joaquin", per), ("Guzman", per), ("Harold", per)]);
        join_nicknames(gaz, text, &tokens, &mut mentions);
        assert_eq!(
            shown(text, &mentions),
            [
                ("Joaquin \"El Chapo\" Guzman", per),
                ("Harold \" Junior \" Theriault", per)
            ]
        );
        // A quoted title after a name is no nickname: a lower-case word follows it.
        let text = "Adele sang \"Hello\" again.";
        let tokens = crate::tokens_for_tests(text);
        let mut mentions = mentions_of(text, &[("Adele", per)]);
        join_nicknames(gaz, text, &tokens, &mut mentions);
        assert_eq!(shown(text, &mentions), [("Adele", per)]);
    }

    #[test]
    fn issue_3_a_name_particle_joins_two_pieces_of_one_name() {
        let gaz = crate::for_tests();
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
        join_name_particles(gaz, text, &mut mentions);
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
    fn issue_3_one_unlisted_name_has_one_type_in_a_document() {
        let gaz = crate::for_tests();
        let (org, per) = (EntityType::Organization, EntityType::Person);
        let text = "Magna said profits rose. Managers stay with Magna, and Magna will hire.";
        let mut mentions: Vec<Mention> = text
            .match_indices("Magna")
            .zip([org, per, org])
            .map(|((at, name), ty)| Mention::new(Span::new(at, at + name.len()), ty))
            .collect();
        vote_types(text, &mut mentions);
        type_lists(gaz, text, &mut mentions);
        assert!(mentions.iter().all(|m| m.ty == org));
    }

    #[test]
    fn issue_3_a_town_after_a_team_cue_is_its_club() {
        let gaz = crate::for_tests();
        let (org, loc) = (EntityType::Organization, EntityType::Location);
        let text =
            "He played with Footscray and North Melbourne, then played for England in Leeds.";
        let mut mentions = mentions_of(
            text,
            &[
                ("Footscray", loc),
                ("North Melbourne", loc),
                ("England", loc),
                ("Leeds", loc),
            ],
        );
        crate::definitions::retype_by_team_cues(gaz, text, &mut mentions, &|name| {
            name == "England"
        });
        let types: Vec<EntityType> = mentions.iter().map(|m| m.ty).collect();
        assert_eq!(types, [org, org, loc, loc]);
    }

    #[test]
    fn issue_3_a_name_after_a_model_code_is_a_machine() {
        let (org, loc) = (EntityType::Organization, EntityType::Location);
        let text = "It flew the P-51 Mustang and the F-16 Fighting Falcon over Jordan.";
        let mut mentions = mentions_of(
            text,
            &[("Mustang", loc), ("Fighting Falcon", org), ("Jordan", loc)],
        );
        drop_model_names(text, &mut mentions);
        assert_eq!(shown(text, &mentions), [("Jordan", loc)]);
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
        join_place_and_organisation(text, &mut mentions);
        assert_eq!(
            shown(text, &mentions),
            [
                ("Huntington Metrorail Station", loc),
                ("Pakistan Boy Scouts Association", org)
            ]
        );
    }

    #[test]
    fn issue_3_names_listed_together_share_a_type() {
        let gaz = crate::for_tests();
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
        type_lists(gaz, text, &mut mentions);
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
        type_lists(gaz, text, &mut mentions);
        assert_eq!(mentions[0].ty, org);
    }

    #[test]
    fn issue_3_a_common_word_alone_names_nothing() {
        let (org, per) = (EntityType::Organization, EntityType::Person);
        let text = "Scouting grew fast. Reading won 2-1, and Meeting Harris was easy.";
        let mut mentions = mentions_of(
            text,
            &[
                ("Scouting", org),
                ("Reading", org),
                ("Meeting", per),
                ("Harris", per),
            ],
        );
        let tokens = crate::tokens_for_tests(text);
        let infos = crate::for_tests().token_infos(text, &tokens);
        drop_common_words(text, &tokens, &infos, &mut mentions);
        assert_eq!(shown(text, &mentions), [("Reading", org), ("Harris", per)]);
    }

    #[test]
    fn issue_3_a_lower_case_title_states_a_person_for_every_mention() {
        let gaz = crate::for_tests();
        let (loc, per) = (EntityType::Location, EntityType::Person);
        let text = "the sorcerer queen Tamiraka resisted . Tamiraka wrote to Voulet , and \
                    Tamiraka moved north .";
        let at: Vec<usize> = text.match_indices("Tamiraka").map(|(i, _)| i).collect();
        let mut mentions: Vec<Mention> = at
            .iter()
            .map(|&i| Mention::new(Span::new(i, i + "Tamiraka".len()), loc))
            .collect();
        retype_after_titles(gaz, text, &mut mentions);
        assert_eq!(mentions[0].ty, per);
        assert_eq!(mentions[1].ty, loc);
        // The stated type outweighs the two guesses in the vote.
        vote_types(text, &mut mentions);
        assert!(mentions.iter().all(|m| m.ty == per));
    }

    #[test]
    fn issue_3_a_person_after_an_office_inside_a_misc_name() {
        let gaz = crate::for_tests();
        let text = "a review by Law Professor David W. Opderbeck , and Devil Rays ' Manager \
                    Lou Piniella , and the Prime Minister 's Cup";
        let tokens = crate::tokens_for_tests(text);
        let range = |name: &str| {
            let at = text.find(name).expect("name");
            token_range(&tokens, Span::new(at, at + name.len())).expect("tokens")
        };
        let person = |name: &str| {
            let (a, b) = range(name);
            person_after_office(gaz, text, &tokens, a, b + 1)
                .map(|p| &text[tokens[p].span.start..tokens[b].span.end])
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

    #[test]
    fn issue_3_a_possessive_that_possesses_nothing_names_a_shop() {
        let gaz = crate::for_tests();
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
        join_possessive_names(gaz, text, &mut mentions);
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

    #[test]
    fn issue_3_a_direction_word_and_a_listed_place_are_no_person() {
        let (loc, per) = (EntityType::Location, EntityType::Person);
        let text = "The line reached North Bridgton in 1883 and a mill near Bridgton in 1884.";
        let town = text.rfind("Bridgton").expect("town");
        let mut mentions = mentions_of(text, &[("North Bridgton", per)]);
        mentions.push(Mention::new(Span::new(town, town + "Bridgton".len()), per));
        retype_by_place_context(crate::for_tests(), text, &mut mentions);
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
        retype_by_place_context(crate::for_tests(), text, &mut mentions);
        assert_eq!(mentions[0].ty, loc);
        // A person beside a place keeps the tagger's type, and so does a club beside a club.
        let text = "His daughters, Malia and Sasha, joined him.";
        let mut mentions = mentions_of(text, &[("Malia", per), ("Sasha", loc)]);
        retype_by_place_context(crate::for_tests(), text, &mut mentions);
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
        retype_by_place_context(crate::for_tests(), text, &mut mentions);
        assert_eq!(mentions[1].ty, loc);
        assert_eq!(mentions[2].ty, org);
        let text = "Arsenal and Chelsea drew.";
        let mut mentions = mentions_of(text, &[("Arsenal", org), ("Chelsea", org)]);
        retype_by_place_context(crate::for_tests(), text, &mut mentions);
        assert_eq!(mentions[0].ty, org);
    }
}
