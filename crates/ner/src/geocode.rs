//! The `geocode` stage: every LOCATION entity to a place with coordinates.
//!
//! Countries come from `countries.tsv`; other names from `places.tsv` and the lookup-only
//! `places-small.tsv` (towns, counties), where one name often has many readings ("Paris" in
//! France, Texas, Kentucky). Each reading is scored: the log of its population; a bonus when
//! the article's other places imply its country; one local bonus when they imply its region,
//! lie near it or could lie in its region (the strongest of the three counts in full); a large
//! one when the text pairs it with its container ("Atlanta, Georgia", "EDMONTON, Ky"); capitals
//! are preferred, regions are not read in datelines, readings found by an alternate name weigh
//! less. Two rounds let the first round's picks serve as nearby points for the second. A place
//! the gazetteer does not know, and a small town nothing in the text puts near in an article
//! set in another country, are put in the article's main country.

use crate::gazetteer::{Gazetteer, Ref};
use crate::lexicon::Lexicon;
use newsgraph_model::{Document, EntityType, Geo, Layer, Stage, StageError};

/// The `geocode` stage.
pub struct GeocodeStage {
    pub(crate) lex: std::sync::Arc<Lexicon>,
    pub(crate) gaz: std::sync::Arc<Gazetteer>,
}

impl Stage for GeocodeStage {
    fn name(&self) -> &'static str {
        "geocode"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Text, Layer::Metadata, Layer::Entities]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Geo]
    }
    fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        geocode(&self.lex, &self.gaz, doc);
        Ok(())
    }
}

/// A possible reading of a place name.
struct Candidate {
    geo: Geo,
    population: u64,
    kind: &'static str,
    admin1: String,
    /// From `places-small.tsv`: known to the lookup, not to the text matcher.
    small: bool,
    /// Found by one of its other names ("Berlin" for an Ohio town once so called), not its
    /// own: weaker evidence than a namesake.
    alias: bool,
}

fn country_geo(c: &crate::gazetteer::Country) -> Option<Geo> {
    Some(Geo {
        country: c.iso2.to_string(),
        lat: c.lat?,
        lon: c.lon?,
        geonames_id: c.geonames_id,
        admin1: None,
        feature: Some("PCLI".into()),
    })
}

/// A country as a reading: it outweighs any place by population.
fn country_candidate(geo: Geo) -> Candidate {
    Candidate {
        geo,
        population: u64::MAX,
        kind: "country",
        admin1: String::new(),
        small: false,
        alias: false,
    }
}

fn candidates(lex: &Lexicon, gaz: &Gazetteer, doc: &Document, k: usize) -> Vec<Candidate> {
    let e = &doc.entities[k];
    let mut out = Vec::new();
    if let Some(c) = e
        .codes
        .iso2
        .as_deref()
        .and_then(|iso2| gaz.country_by_iso2(iso2))
    {
        out.extend(country_geo(c).map(country_candidate));
    }
    let coded = !out.is_empty();
    let mut surfaces: Vec<String> = vec![e.name.to_lowercase()];
    for m in &e.mentions {
        if let Some(t) = doc.text.get(m.start..m.end) {
            surfaces.push(t.to_lowercase());
        }
    }
    let mut refs: Vec<Ref> = gaz.lookup(&e.name);
    for m in &e.mentions {
        if let Some(t) = doc.text.get(m.start..m.end) {
            for r in gaz.lookup(t) {
                if !refs.contains(&r) {
                    refs.push(r);
                }
            }
        }
    }
    // "North London": no place has that name, so it is placed at London.
    if refs.is_empty() && !coded {
        if let Some((first, rest)) = e.name.split_once(' ') {
            if lex.place_words.directions.contains(first) {
                refs = gaz.lookup(rest);
            }
        }
    }
    // "the White House", "the Kremlin" as a place: the seat of a listed institution of one
    // country is in that country, whatever a namesake town or a translated alias of a far
    // city says (Casablanca is "White House" in Arabic).
    if !coded {
        let seat = gaz
            .lookup_listed(&e.name)
            .into_iter()
            .find_map(|r| match r {
                Ref::Org(i) => gaz
                    .orgs
                    .get(i as usize)
                    .filter(|o| !o.country.is_empty())
                    .and_then(|o| gaz.countries.iter().find(|c| c.iso3 == o.country)),
                _ => None,
            });
        if let Some(geo) = seat.and_then(country_geo) {
            out.push(Candidate {
                geo: Geo {
                    feature: None,
                    ..geo
                },
                population: SEAT_POPULATION,
                kind: "site",
                admin1: String::new(),
                small: false,
                alias: false,
            });
        }
    }
    for r in refs {
        // A name the tagger coded as a country keeps its country reading; its namesake
        // places ("Georgia" the state) stay as readings a "City, Georgia" can pick.
        if coded && !matches!(r, Ref::Place(_)) {
            continue;
        }
        match r {
            Ref::Place(i) => {
                let Some(p) = gaz.places.get(i as usize) else {
                    continue;
                };
                let feature = p.feature.split('.').nth(1).unwrap_or("").to_string();
                out.push(Candidate {
                    geo: Geo {
                        country: p.country.to_string(),
                        lat: p.lat,
                        lon: p.lon,
                        geonames_id: p.geonames_id,
                        admin1: Some(p.admin1.to_string()).filter(|s| !s.is_empty()),
                        feature: Some(feature).filter(|s| !s.is_empty()),
                    },
                    population: p.population,
                    kind: if p.feature.starts_with('A') {
                        "region"
                    } else if p.feature.ends_with("PPLC") {
                        "capital"
                    } else {
                        "city"
                    },
                    admin1: p.admin1.to_string(),
                    small: gaz.is_small(i),
                    // Non-ASCII names may differ from the mention only by accents.
                    alias: p.name.is_ascii()
                        && !surfaces.iter().any(|s| s.eq_ignore_ascii_case(p.name)),
                });
            }
            Ref::Country(i) => {
                let Some(geo) = gaz.countries.get(i as usize).and_then(country_geo) else {
                    continue;
                };
                out.push(country_candidate(geo));
            }
            _ => {}
        }
    }
    out
}

/// Great-circle distance in km.
fn distance_km(a: &Geo, b: &Geo) -> f64 {
    let rad = std::f64::consts::PI / 180.0;
    let (la1, la2) = (a.lat * rad, b.lat * rad);
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((b.lon - a.lon) * rad / 2.0).sin().powi(2);
    12_742.0 * h.sqrt().min(1.0).asin()
}

/// What one place entity tells about the others' whereabouts.
#[derive(Default)]
struct Clue {
    /// Its country, when every well-known reading (country, region, city of >= 15,000
    /// people) lies in one.
    country: Option<String>,
    /// Its first-level region, when every well-known reading lies in one.
    admin1: Option<String>,
    /// Its point, when it has one well-known reading (or once it is resolved).
    point: Option<Geo>,
    /// It is a country named as such ("Canada"), the strongest country clue.
    named_country: bool,
}

fn clue(cands: &[Candidate]) -> Clue {
    // Counties are small but rarely share a name within one region: they count.
    let known: Vec<&Candidate> = cands
        .iter()
        .filter(|c| !c.small || c.kind == "region")
        .collect();
    let Some(first) = known.first() else {
        return Clue::default();
    };
    let mut out = Clue::default();
    if known.iter().all(|c| c.geo.country == first.geo.country) {
        out.country = Some(first.geo.country.clone());
        out.named_country = known.iter().any(|c| c.kind == "country");
        if !first.admin1.is_empty() && known.iter().all(|c| c.admin1 == first.admin1) {
            out.admin1 = Some(first.admin1.clone());
        }
    }
    // A country's point says little about where in it the story is.
    let local =
        |c: &Candidate| c.kind == "city" || c.kind == "capital" || (c.small && c.kind == "region");
    if known.len() == 1 && local(first) {
        out.point = Some(first.geo.clone());
    }
    out
}

/// Score of one reading given the other entities' clues: log population, raised when the
/// article's other places share its country, and when they share its region, lie near it or
/// could lie in its region (`votes`). Those three say one thing, that the story is local to
/// the reading, so the strongest counts and the others add a little: two small namesakes in
/// one US state ("Berlin" and "Washington", Ohio) must not beat the capitals together. A small
/// town still beats a big namesake with such context ("Edmonton" near Cairns).
fn score(c: &Candidate, others: &[&Clue], in_dateline: bool, votes: f64) -> f64 {
    let mut score = (c.population.clamp(1, 1 << 40) as f64).ln();
    let same_country = others
        .iter()
        .filter(|o| o.country.as_deref() == Some(c.geo.country.as_str()));
    if let Some(named) = same_country.map(|o| o.named_country).reduce(|a, b| a || b) {
        score += if named {
            NAMED_COUNTRY_BONUS
        } else {
            COUNTRY_BONUS
        };
    }
    if c.kind != "country" {
        let mut local = [0.0f64; 3];
        if !c.admin1.is_empty()
            && others.iter().any(|o| {
                o.country.as_deref() == Some(c.geo.country.as_str())
                    && o.admin1.as_deref() == Some(c.admin1.as_str())
            })
        {
            local[0] = REGION_BONUS;
        }
        let nearest = others
            .iter()
            .filter_map(|o| o.point.as_ref())
            .map(|p| distance_km(p, &c.geo))
            .fold(f64::INFINITY, f64::min);
        if nearest < 100.0 {
            local[1] = NEAR_BONUS;
        } else if nearest < 300.0 {
            local[1] = NEAR_BONUS / 2.0;
        }
        local[2] = VOTE_BONUS * votes.min(1.0);
        let strongest = local.iter().copied().fold(0.0, f64::max);
        score += strongest + 0.3 * (local.iter().sum::<f64>() - strongest);
    }
    match c.kind {
        // A dateline names a town; elsewhere a bare region name is usually the region.
        "region" if in_dateline => score -= 4.0,
        "region" => score += 1.0,
        "capital" => score += CAPITAL_BONUS,
        "country" => score += CODED_COUNTRY_BONUS,
        _ => {}
    }
    if c.alias {
        score -= ALIAS_PENALTY;
    }
    score
}

/// Does `outer` (a region or country reading) contain `inner`?
fn contains(outer: &Candidate, inner: &Candidate) -> bool {
    match outer.kind {
        "country" => inner.kind != "country" && outer.geo.country == inner.geo.country,
        "region" => {
            inner.kind != "country"
                && outer.geo.country == inner.geo.country
                && !outer.admin1.is_empty()
                && outer.admin1 == inner.admin1
                && !std::ptr::eq(outer, inner)
        }
        _ => false,
    }
}

/// "Atlanta, Georgia", "London, Ont.": a place mention followed by a comma and another place
/// mention names the place and what contains it. Pairs of (inner, outer) indices into `places`.
fn container_pairs(doc: &Document, places: &[usize]) -> Vec<(usize, usize)> {
    let mut starts: Vec<(usize, usize)> = places
        .iter()
        .enumerate()
        .flat_map(|(n, &k)| doc.entities[k].mentions.iter().map(move |m| (m.start, n)))
        .collect();
    starts.sort_unstable();
    let mut pairs = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (n, &k) in places.iter().enumerate() {
        for m in &doc.entities[k].mentions {
            let Some(rest) = doc.text.get(m.end..) else {
                continue;
            };
            let Some(after) = rest.strip_prefix(',') else {
                continue;
            };
            let next = m.end + 1 + (after.len() - after.trim_start().len());
            if let Ok(at) = starts.binary_search_by_key(&next, |s| s.0) {
                let outer = starts[at].1;
                if outer != n && seen.insert((n, outer)) {
                    pairs.push((n, outer));
                }
            }
        }
    }
    pairs
}

/// A listed institution's seat weighs as a city of a billion people: it outweighs any
/// namesake town or alias, not a "City, Region" pair.
const SEAT_POPULATION: u64 = 1_000_000_000;
const VOTE_BONUS: f64 = 5.0;
/// How far the article's main country must lead the next for an unknown place to be put in it.
const MAIN_COUNTRY_LEAD: f64 = 1.5;
/// How far the main country must lead a small town's country for the town to be doubted.
const DOUBTFUL_LEAD: f64 = 3.0;
const ALIAS_PENALTY: f64 = 3.0;
const CONTAINER_BONUS: f64 = 15.0;
/// A country reading outweighs any namesake's context short of "City, Georgia".
const CODED_COUNTRY_BONUS: f64 = 8.0;
const COUNTRY_BONUS: f64 = 3.0;
const NAMED_COUNTRY_BONUS: f64 = 6.0;
const REGION_BONUS: f64 = 5.0;
const NEAR_BONUS: f64 = 5.0;
const CAPITAL_BONUS: f64 = 4.0;

/// Most places of an article weighed as the context of one of them. Every place of a real
/// article is context for every other (the most any of the 27k bench articles names is 123);
/// in a page of many stories a place is weighed against its neighbours in reading order, so
/// the work stays linear in the length of the page.
const CONTEXT_PLACES: usize = 256;

/// The places (indexes among `count`, in order of first mention) that are the context of `n`.
fn context(n: usize, count: usize) -> std::ops::Range<usize> {
    if count <= CONTEXT_PLACES + 1 {
        return 0..count;
    }
    let start = n
        .saturating_sub(CONTEXT_PLACES / 2)
        .min(count - CONTEXT_PLACES - 1);
    start..start + CONTEXT_PLACES + 1
}

/// Fill `geo` of every LOCATION entity the gazetteer can place.
pub fn geocode(lex: &Lexicon, gaz: &Gazetteer, doc: &mut Document) {
    let places: Vec<usize> = (0..doc.entities.len())
        .filter(|&k| {
            doc.entities[k].kind_type == EntityType::Location && doc.entities[k].geo.is_none()
        })
        .collect();
    let all: Vec<Vec<Candidate>> = places
        .iter()
        .map(|&k| candidates(lex, gaz, doc, k))
        .collect();
    let mut clues: Vec<Clue> = all.iter().map(|c| clue(c)).collect();
    let dateline = doc
        .dateline
        .and_then(|s| doc.text.get(s.start..s.end))
        .unwrap_or("");
    let in_dateline: Vec<bool> = places
        .iter()
        .map(|&k| {
            let e = &doc.entities[k];
            doc.dateline.is_some_and(|d| {
                e.mentions
                    .iter()
                    .any(|m| m.start >= d.start && m.end <= d.end)
            }) || (!dateline.is_empty() && dateline == e.name)
        })
        .collect();
    // The regions each place name may lie in, for the vote among the article's places.
    let regions_of: Vec<Vec<(&str, &str)>> = all
        .iter()
        .map(|cands| {
            let mut r: Vec<(&str, &str)> = cands
                .iter()
                .filter(|c| !c.admin1.is_empty())
                .map(|c| (c.geo.country.as_str(), c.admin1.as_str()))
                .collect();
            r.sort_unstable();
            r.dedup();
            r
        })
        .collect();
    // Each place's containers ("Springfield, Illinois": Illinois) and contents.
    let mut outers: Vec<Vec<usize>> = vec![Vec::new(); places.len()];
    let mut inners: Vec<Vec<usize>> = vec![Vec::new(); places.len()];
    for (inner, outer) in container_pairs(doc, &places) {
        outers[inner].push(outer);
        inners[outer].push(inner);
    }
    // Two rounds: the second also uses the points the first chose for ambiguous names, so a
    // chain of small places near each other holds together.
    let mut picks: Vec<Option<usize>> = vec![None; places.len()];
    // Whether the pick has no local support (no region, nearby place or container in the text).
    let mut alone: Vec<bool> = vec![false; places.len()];
    for round in 0..2 {
        for n in 0..places.len() {
            let near = context(n, places.len());
            let others: Vec<&Clue> = clues[near.clone()]
                .iter()
                .enumerate()
                .filter(|(j, _)| near.start + *j != n)
                .map(|(_, c)| c)
                .collect();
            picks[n] = all[n]
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    // Other places of the article with a reading in the same region; a
                    // name found in many regions ("Springfield") says little for each.
                    let votes: f64 = near
                        .clone()
                        .filter(|&j| {
                            // Each place's regions are sorted and deduplicated.
                            j != n
                                && regions_of[j]
                                    .binary_search(&(c.geo.country.as_str(), c.admin1.as_str()))
                                    .is_ok()
                        })
                        .map(|j| 1.0 / regions_of[j].len() as f64)
                        .sum();
                    let mut s = score(c, &others, in_dateline[n], votes);
                    let contained = outers[n]
                        .iter()
                        .any(|&outer| all[outer].iter().any(|o| contains(o, c)))
                        || inners[n]
                            .iter()
                            .any(|&inner| all[inner].iter().any(|i| contains(c, i)));
                    if contained {
                        s += CONTAINER_BONUS;
                    }
                    (s, i, contained || votes > 0.0)
                })
                .max_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, i, local)| {
                    alone[n] = round == 1
                        && all[n]
                            .get(i)
                            .is_some_and(|c| c.small && !local && !near_or_in_region(c, &others));
                    i
                });
        }
        if round == 0 {
            for (n, pick) in picks.iter().enumerate() {
                if let Some(c) = pick.and_then(|i| all[n].get(i)) {
                    if clues[n].point.is_none() && (c.kind == "city" || c.kind == "capital") {
                        clues[n].point = Some(c.geo.clone());
                    }
                }
            }
        }
    }
    let mut chosen: Vec<(usize, Geo, &'static str)> = Vec::new();
    // Small towns picked with nothing in the text near them: placed only if the article is not
    // clearly set in another country (see [`place_by_main_country`]).
    let mut doubtful: Vec<(usize, Geo, &'static str)> = Vec::new();
    for (n, &k) in places.iter().enumerate() {
        if let Some(c) = picks[n].and_then(|i| all[n].get(i)) {
            let kind = if c.kind == "capital" { "city" } else { c.kind };
            if c.kind == "city" && alone[n] {
                doubtful.push((k, c.geo.clone(), kind));
            } else {
                chosen.push((k, c.geo.clone(), kind));
            }
        }
    }
    assign(doc, chosen);
    let kept = place_by_main_country(gaz, doc, &doubtful);
    assign(doc, kept);
}

/// Give each entity its chosen place.
fn assign(doc: &mut Document, chosen: Vec<(usize, Geo, &'static str)>) {
    for (k, geo, kind) in chosen {
        let e = &mut doc.entities[k];
        if kind != "country" && e.codes.iso2.is_some() {
            // "Atlanta, Georgia": the entity is the namesake place, not the country.
            e.codes = Default::default();
        }
        if e.kind.is_none() {
            e.kind = Some(kind.to_string());
        }
        if kind == "country" && e.codes.iso2.is_none() {
            e.codes.iso2 = Some(geo.country.clone());
        }
        e.geo = Some(geo);
    }
}

/// Does the text set a reading near a place of the article or in the region of one?
fn near_or_in_region(c: &Candidate, others: &[&Clue]) -> bool {
    others.iter().any(|o| {
        (!c.admin1.is_empty()
            && o.country.as_deref() == Some(c.geo.country.as_str())
            && o.admin1.as_deref() == Some(c.admin1.as_str()))
            || o.point
                .as_ref()
                .is_some_and(|p| distance_km(p, &c.geo) < 300.0)
    })
}

/// "Mayendit", "Robben Island", "Seine-Saint-Denis": a place the gazetteer does not know lies,
/// most likely, in the country the article is set in. That country is the one its placed
/// mentions name most often, when it clearly leads ([`MAIN_COUNTRY_LEAD`] times the next);
/// the unknown place gets the country's point without a GeoNames id or feature code of its own,
/// so a reader can tell a place known only to its country.
///
/// `doubtful` are small towns (under 15,000 people) the gazetteer knows but nothing in the text
/// puts near ("the Old City" of Mosul is a hamlet in Pennsylvania): in an article set in
/// another country such a name is most likely a quarter or a site of that country the
/// gazetteer does not know, and is placed as unknown. Those left are returned, to be placed as
/// picked.
fn place_by_main_country(
    gaz: &Gazetteer,
    doc: &mut Document,
    doubtful: &[(usize, Geo, &'static str)],
) -> Vec<(usize, Geo, &'static str)> {
    let mut by_country: Vec<(&str, usize)> = Vec::new();
    let mut unknown = Vec::new();
    for (k, e) in doc.entities.iter().enumerate() {
        if e.kind_type != EntityType::Location {
            continue;
        }
        match &e.geo {
            Some(g) => match by_country.iter_mut().find(|(c, _)| *c == g.country) {
                Some((_, n)) => *n += e.mentions.len(),
                None => by_country.push((g.country.as_str(), e.mentions.len())),
            },
            None if doubtful.iter().all(|d| d.0 != k) => unknown.push(k),
            None => {}
        }
    }
    if unknown.is_empty() && doubtful.is_empty() {
        return Vec::new();
    }
    by_country.sort_by_key(|b| std::cmp::Reverse(b.1));
    let main = match by_country.as_slice() {
        [] => None,
        [(c, _)] => Some(*c),
        [(c, n), (_, m), ..] if *n as f64 >= MAIN_COUNTRY_LEAD * *m as f64 => Some(*c),
        _ => None,
    };
    let Some(geo) = main
        .and_then(|main| gaz.countries.iter().find(|c| c.iso2 == main))
        .and_then(country_geo)
    else {
        return doubtful.to_vec();
    };
    let named = |country: &str| {
        by_country
            .iter()
            .find(|(c, _)| *c == country)
            .map_or(0, |(_, n)| *n)
    };
    let lead = named(&geo.country) as f64;
    // The article is set elsewhere when its main country is named three times as often as the
    // town's country ("Killarney" in a story naming Ireland once and America twice stays Irish).
    let abroad: Vec<bool> = doubtful
        .iter()
        .map(|d| d.1.country != geo.country && lead >= DOUBTFUL_LEAD * named(&d.1.country) as f64)
        .collect();
    let geo = Geo {
        geonames_id: None,
        feature: None,
        ..geo
    };
    let mut kept = Vec::new();
    for (d, abroad) in doubtful.iter().zip(abroad) {
        if abroad {
            unknown.push(d.0);
        } else {
            kept.push(d.clone());
        }
    }
    for k in unknown {
        doc.entities[k].geo = Some(geo.clone());
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_20_every_place_of_an_article_is_context_and_a_long_page_is_windowed() {
        assert_eq!(context(3, 10), 0..10);
        assert_eq!(context(0, 1000), 0..CONTEXT_PLACES + 1);
        assert_eq!(context(500, 1000), 372..629);
        assert_eq!(context(999, 1000), 1000 - CONTEXT_PLACES - 1..1000);
    }
}
