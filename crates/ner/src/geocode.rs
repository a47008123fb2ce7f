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

/// Fill `geo` of every LOCATION entity the gazetteer can place.
pub fn geocode(gaz: &Gazetteer, doc: &mut Document) {
    // The countries the article itself names.
    let named: Vec<String> = doc
        .entities
        .iter()
        .filter(|e| e.kind_type == EntityType::Location)
        .filter_map(|e| e.codes.iso2.clone())
        .collect();
    let dateline = doc
        .dateline
        .and_then(|s| doc.text.get(s.start..s.end))
        .unwrap_or("")
        .to_string();
    for k in 0..doc.entities.len() {
        let e = &doc.entities[k];
        if e.kind_type != EntityType::Location || e.geo.is_some() {
            continue;
        }
        if let Some(iso2) = e.codes.iso2.as_deref() {
            if let Some(c) = gaz.country_by_iso2(iso2) {
                if let (Some(lat), Some(lon)) = (c.lat, c.lon) {
                    doc.entities[k].geo = Some(Geo {
                        country: c.iso2.clone(),
                        lat,
                        lon,
                        geonames_id: c.geonames_id,
                        admin1: None,
                        feature: Some("PCLI".into()),
                    });
                }
                continue;
            }
        }
        let mut candidates: Vec<Ref> = gaz.lookup(&e.name);
        for m in &e.mentions {
            if let Some(t) = doc.text.get(m.start..m.end) {
                for r in gaz.lookup(t) {
                    if !candidates.contains(&r) {
                        candidates.push(r);
                    }
                }
            }
        }
        let mut best: Option<(f64, Geo, &'static str)> = None;
        for r in candidates {
            let (geo, pop, region) = match r {
                Ref::Place(i) => {
                    let Some(p) = gaz.places.get(i as usize) else {
                        continue;
                    };
                    let feature = p.feature.split('.').nth(1).unwrap_or("").to_string();
                    (
                        Geo {
                            country: p.country.clone(),
                            lat: p.lat,
                            lon: p.lon,
                            geonames_id: p.geonames_id,
                            admin1: Some(p.admin1.clone()).filter(|s| !s.is_empty()),
                            feature: Some(feature).filter(|s| !s.is_empty()),
                        },
                        p.population,
                        if p.feature.starts_with('A') {
                            "region"
                        } else {
                            "city"
                        },
                    )
                }
                Ref::Country(i) => {
                    let Some(c) = gaz.countries.get(i as usize) else {
                        continue;
                    };
                    let (Some(lat), Some(lon)) = (c.lat, c.lon) else {
                        continue;
                    };
                    let geo = Geo {
                        country: c.iso2.clone(),
                        lat,
                        lon,
                        geonames_id: c.geonames_id,
                        admin1: None,
                        feature: Some("PCLI".into()),
                    };
                    (geo, 50_000_000, "country")
                }
                _ => continue,
            };
            let mut score = (pop.max(1) as f64).ln();
            if named.contains(&geo.country) {
                score += 6.0;
            }
            if !dateline.is_empty() && dateline.contains(&e.name) {
                score += 2.0;
            }
            if region == "region" {
                score += 1.0;
            }
            if best.as_ref().is_none_or(|b| score > b.0) {
                best = Some((score, geo, region));
            }
        }
        if let Some((_, geo, kind)) = best {
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
}
