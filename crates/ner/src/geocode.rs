//! The `geocode` stage: every LOCATION entity to a place with coordinates.
//!
//! Countries come from `countries.tsv`; other names from `places.tsv`, where one name often has
//! many candidates ("Paris" in France and in Texas). The candidate is chosen by a score: the log
//! of its population, a strong bonus when its country is one the article names, a bonus for
//! being the dateline place's country, and a small one for first-level regions named whole.

use crate::knowledge::{Gazetteer, Ref};
use newsgraph_model::{Document, EntityType, Geo, Layer, Stage, StageError};

/// The `geocode` stage.
pub struct GeocodeStage {
    pub(crate) gaz: &'static Gazetteer,
}

impl Stage for GeocodeStage {
    fn name(&self) -> &'static str {
        "geocode"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Entities]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Geo]
    }
    fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        geocode(self.gaz, doc);
        Ok(())
    }
}

/// A possible reading of a place name.
struct Candidate {
    geo: Geo,
    population: u64,
    kind: &'static str,
    admin1: String,
}

fn country_geo(c: &crate::knowledge::Country) -> Option<Geo> {
    Some(Geo {
        country: c.iso2.clone(),
        lat: c.lat?,
        lon: c.lon?,
        geonames_id: c.geonames_id,
        admin1: None,
        feature: Some("PCLI".into()),
    })
}

fn candidates(gaz: &Gazetteer, doc: &Document, k: usize) -> Vec<Candidate> {
    let e = &doc.entities[k];
    if let Some(c) = e
        .codes
        .iso2
        .as_deref()
        .and_then(|iso2| gaz.country_by_iso2(iso2))
    {
        return country_geo(c)
            .map(|geo| Candidate {
                geo,
                population: u64::MAX,
                kind: "country",
                admin1: String::new(),
            })
            .into_iter()
            .collect();
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
    let mut out = Vec::new();
    for r in refs {
        match r {
            Ref::Place(i) => {
                let Some(p) = gaz.places.get(i as usize) else {
                    continue;
                };
                let feature = p.feature.split('.').nth(1).unwrap_or("").to_string();
                out.push(Candidate {
                    geo: Geo {
                        country: p.country.clone(),
                        lat: p.lat,
                        lon: p.lon,
                        geonames_id: p.geonames_id,
                        admin1: Some(p.admin1.clone()).filter(|s| !s.is_empty()),
                        feature: Some(feature).filter(|s| !s.is_empty()),
                    },
                    population: p.population,
                    kind: if p.feature.starts_with('A') {
                        "region"
                    } else {
                        "city"
                    },
                    admin1: p.admin1.clone(),
                });
            }
            Ref::Country(i) => {
                let Some(geo) = gaz.countries.get(i as usize).and_then(country_geo) else {
                    continue;
                };
                out.push(Candidate {
                    geo,
                    population: u64::MAX,
                    kind: "country",
                    admin1: String::new(),
                });
            }
            _ => {}
        }
    }
    out
}

/// Fill `geo` of every LOCATION entity the gazetteer can place.
pub fn geocode(gaz: &Gazetteer, doc: &mut Document) {
    let places: Vec<usize> = (0..doc.entities.len())
        .filter(|&k| {
            doc.entities[k].kind_type == EntityType::Location && doc.entities[k].geo.is_none()
        })
        .collect();
    let all: Vec<Vec<Candidate>> = places.iter().map(|&k| candidates(gaz, doc, k)).collect();
    // Context: countries the article names or implies (a name whose every reading lies in one
    // country), and the regions it names.
    let mut countries: Vec<&str> = Vec::new();
    let mut regions: Vec<(&str, &str)> = Vec::new();
    for cands in &all {
        let Some(first) = cands.first() else { continue };
        if cands.iter().all(|c| c.geo.country == first.geo.country) {
            countries.push(&first.geo.country);
        }
        for c in cands.iter().filter(|c| c.kind == "region") {
            regions.push((&c.geo.country, &c.admin1));
        }
    }
    let dateline = doc
        .dateline
        .and_then(|s| doc.text.get(s.start..s.end))
        .unwrap_or("");
    let mut chosen: Vec<(usize, Geo, &'static str)> = Vec::new();
    for (n, &k) in places.iter().enumerate() {
        let name = &doc.entities[k].name;
        let best = all[n]
            .iter()
            .map(|c| {
                let mut score = (c.population.clamp(1, 1 << 40) as f64).ln();
                if countries.contains(&c.geo.country.as_str()) {
                    score += 6.0;
                }
                if c.kind != "region"
                    && !c.admin1.is_empty()
                    && regions
                        .iter()
                        .any(|r| r.0 == c.geo.country && r.1 == c.admin1 && r.1 != name)
                {
                    score += 4.0;
                }
                if !dateline.is_empty() && dateline.contains(name.as_str()) {
                    score += 2.0;
                }
                if c.kind == "region" {
                    score += 1.0;
                }
                (score, c)
            })
            .max_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((_, c)) = best {
            chosen.push((k, c.geo.clone(), c.kind));
        }
    }
    for (k, geo, kind) in chosen {
        let e = &mut doc.entities[k];
        if e.kind.is_none() {
            e.kind = Some(kind.to_string());
        }
        if kind == "country" && e.codes.iso2.is_none() {
            e.codes.iso2 = Some(geo.country.clone());
        }
        e.geo = Some(geo);
    }
}
