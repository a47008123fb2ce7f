//! Geography as GDELT writes it: FIPS 10-4 country codes (from `data/fips.tsv`), the geo type
//! of a place (1 country, 2 US state, 3 US city, 4 world city, 5 world state) and one location
//! block, built from the record's entities.

use crate::cells::{num, part};
use newsgraph_knowledge::{Knowledge, KnowledgeError};
use newsgraph_model::record::{EntityOut, LocationOut};
use newsgraph_model::Record;
use std::collections::{HashMap, HashSet};

/// One country of `data/countries.tsv`, as the exporter needs it.
#[derive(Debug, Clone)]
pub struct CountryRow {
    pub iso2: &'static str,
    pub cameo: &'static str,
    pub name: &'static str,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// The geography tables of the exporter (`fips.tsv`, `countries.tsv`, `roles.tsv`), compiled
/// once from the knowledge layer by [`crate::Exporter::new`].
pub(crate) struct Geography {
    fips: HashMap<&'static str, &'static str>,
    by_iso2: HashMap<&'static str, CountryRow>,
    by_cameo: HashMap<&'static str, CountryRow>,
    roles: HashSet<&'static str>,
}

impl Geography {
    pub(crate) fn new(k: &Knowledge) -> Result<Geography, KnowledgeError> {
        let fips = k.fips()?.iter().map(|r| (r.iso2, r.fips)).collect();
        let mut by_iso2 = HashMap::new();
        let mut by_cameo = HashMap::new();
        for c in k.countries()? {
            let row = CountryRow {
                iso2: c.iso2,
                cameo: c.cameo,
                name: c.name,
                lat: c.lat,
                lon: c.lon,
            };
            by_cameo.insert(c.cameo, row.clone());
            by_iso2.insert(c.iso2, row);
        }
        let roles = k.roles()?.iter().map(|r| r.code).collect();
        Ok(Geography {
            fips,
            by_iso2,
            by_cameo,
            roles,
        })
    }

    /// The FIPS 10-4 code of an ISO 3166-1 alpha-2 country code (`AU` -> `AS`, `DE` -> `GM`).
    pub(crate) fn fips_of_iso2(&self, iso2: &str) -> Option<&'static str> {
        self.fips.get(iso2.to_ascii_uppercase().as_str()).copied()
    }

    pub(crate) fn country_by_cameo(&self, code: &str) -> Option<&CountryRow> {
        self.by_cameo.get(code)
    }

    pub(crate) fn country_by_iso2(&self, iso2: &str) -> Option<&CountryRow> {
        self.by_iso2.get(iso2)
    }

    pub(crate) fn is_role(&self, code: &str) -> bool {
        self.roles.contains(code)
    }
}

/// One place as the GDELT geography columns describe it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Place {
    /// 1 country, 2 US state, 3 US city, 4 world city, 5 world state; 0 unknown.
    pub kind: u8,
    pub name: String,
    /// FIPS 10-4 country code.
    pub country: String,
    /// FIPS country code + first-level region code (`USTX`), or the country code alone for a
    /// country.
    pub adm1: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// GeoNames id of a city or region; the FIPS code for a country, as GDELT does.
    pub feature: String,
}

impl Place {
    /// The place an entity names, when it has a position.
    pub(crate) fn of_entity(e: &EntityOut, tables: &Geography) -> Option<Place> {
        let geo = e.geo.as_ref()?;
        let fips = tables.fips_of_iso2(&geo.country).unwrap_or("").to_string();
        let feature = geo.feature.as_deref().unwrap_or("");
        let is_country = e.kind.as_deref() == Some("country") || feature.starts_with("PCL");
        let is_region = e.kind.as_deref() == Some("region") || feature.starts_with("ADM");
        let us = geo.country.eq_ignore_ascii_case("US");
        let kind = match (is_country, is_region, us) {
            (true, _, _) => 1,
            (_, true, true) => 2,
            (_, true, false) => 5,
            (_, false, true) => 3,
            (_, false, false) => 4,
        };
        // GDELT's ADM1 is a code; a stage that records the region's name instead (`Texas`)
        // leaves the country code alone rather than a made-up `USTexas`.
        let adm1 = match (geo.admin1.as_deref(), kind) {
            (_, 1) => fips.clone(),
            (Some(a), _) if !fips.is_empty() && is_region_code(a) => format!("{fips}{a}"),
            _ => fips.clone(),
        };
        let feature = if kind == 1 {
            fips.clone()
        } else {
            geo.geonames_id.map(|g| g.to_string()).unwrap_or_default()
        };
        Some(Place {
            kind,
            name: full_name(&e.name, kind, &geo.country, tables),
            country: fips,
            adm1,
            lat: Some(geo.lat),
            lon: Some(geo.lon),
            feature,
        })
    }

    /// The place an event happened: the record's entity of that name when it has one, else
    /// what the event itself says (a name, a country and maybe a point).
    pub(crate) fn of_event_location(record: &Record, loc: &LocationOut, geo: &Geography) -> Place {
        if let Some(p) = record
            .entities
            .iter()
            .filter(|e| e.name == loc.name)
            .find_map(|e| Place::of_entity(e, geo))
        {
            return p;
        }
        let country = loc.country.as_deref().unwrap_or("");
        let fips = geo.fips_of_iso2(country).unwrap_or("").to_string();
        let is_country = geo
            .country_by_iso2(country)
            .is_some_and(|c| c.name == loc.name);
        let kind = match (is_country, country.eq_ignore_ascii_case("US")) {
            (true, _) => 1,
            (false, true) => 3,
            (false, false) if !country.is_empty() => 4,
            _ => 0,
        };
        Place {
            kind,
            name: loc.name.clone(),
            adm1: fips.clone(),
            feature: if kind == 1 {
                fips.clone()
            } else {
                String::new()
            },
            country: fips,
            lat: loc.lat,
            lon: loc.lon,
        }
    }

    /// The country an actor code starts with, as a country-level place (type 1).
    pub(crate) fn of_country(row: &CountryRow, geo: &Geography) -> Place {
        let fips = geo.fips_of_iso2(row.iso2).unwrap_or("").to_string();
        Place {
            kind: 1,
            name: row.name.to_string(),
            country: fips.clone(),
            adm1: fips.clone(),
            lat: row.lat,
            lon: row.lon,
            feature: fips,
        }
    }

    /// The eight geography columns of the Event table: Type, FullName, CountryCode, ADM1Code,
    /// ADM2Code, Lat, Long, FeatureID (all empty but Type 0 for no place).
    pub fn event_columns(place: Option<&Place>) -> [String; 8] {
        match place {
            None => [
                "0".into(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ],
            Some(p) => [
                p.kind.to_string(),
                crate::cells::cell(&p.name),
                p.country.clone(),
                p.adm1.clone(),
                String::new(),
                num(p.lat, 4),
                num(p.lon, 4),
                p.feature.clone(),
            ],
        }
    }

    /// A GKG location block: V1 `Type#Name#CC#ADM1#Lat#Long#FeatureID`, or with `offset`
    /// V2 `Type#Name#CC#ADM1#ADM2#Lat#Long#FeatureID#offset`.
    pub fn gkg_block(&self, offset: Option<usize>) -> String {
        let name = part(&self.name, &['#', ';']);
        let (lat, lon) = (num(self.lat, 4), num(self.lon, 4));
        match offset {
            None => format!(
                "{}#{}#{}#{}#{}#{}#{}",
                self.kind, name, self.country, self.adm1, lat, lon, self.feature
            ),
            Some(o) => format!(
                "{}#{}#{}#{}##{}#{}#{}#{}",
                self.kind, name, self.country, self.adm1, lat, lon, self.feature, o
            ),
        }
    }
}

fn is_region_code(admin1: &str) -> bool {
    (1..=3).contains(&admin1.len()) && admin1.chars().all(|c| c.is_ascii_alphanumeric())
}

/// GDELT's full names carry their country ("Houston, Texas, United States"); we know the
/// country's name, not always the region's, so a place below country level gets ", Country".
fn full_name(name: &str, kind: u8, iso2: &str, geo: &Geography) -> String {
    match geo.country_by_iso2(&iso2.to_ascii_uppercase()) {
        Some(c) if kind != 1 && c.name != name => format!("{name}, {}", c.name),
        _ => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fips_codes_differ_from_iso_where_the_standard_says() {
        let geo = Geography::new(Knowledge::embedded()).expect("embedded knowledge files");
        assert_eq!(geo.fips_of_iso2("AU"), Some("AS"));
        assert_eq!(geo.fips_of_iso2("AT"), Some("AU"));
        assert_eq!(geo.fips_of_iso2("de"), Some("GM"));
        assert_eq!(geo.fips_of_iso2("US"), Some("US"));
        assert_eq!(geo.fips_of_iso2("ZZ"), None);
        assert_eq!(geo.country_by_cameo("RUS").map(|c| c.iso2), Some("RU"));
        assert!(geo.is_role("GOV"));
    }
}
