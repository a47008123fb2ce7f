//! The gazetteers: `countries.tsv`, `places.tsv` and `places-small.tsv`, `people.tsv`,
//! `organizations.tsv` (formats in `data/README.md`). Rows borrow their text from the file, so
//! the 180,000 small places cost no allocation beyond the row itself.

use crate::tsv::{list, read, KnowledgeError, Row};

/// A row of `countries.tsv`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Country {
    pub iso2: &'static str,
    pub iso3: &'static str,
    /// The CAMEO country code (the ISO alpha-3 code but for Kosovo's `KSV`).
    pub cameo: &'static str,
    pub name: &'static str,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub geonames_id: Option<u64>,
    pub capital: &'static str,
    aliases: &'static str,
    demonyms: &'static str,
}

impl Country {
    /// Other names ("UAE", "Emirates").
    pub fn aliases(&self) -> impl Iterator<Item = &'static str> + Clone {
        list(self.aliases)
    }
    /// Adjectives and nouns of its people ("Emirati", "Emiratis"); a few join two with a comma
    /// ("Antiguan,Barbudan").
    pub fn demonyms(&self) -> impl Iterator<Item = &'static str> + Clone {
        list(self.demonyms)
    }
}

pub(crate) fn countries(
    file: &'static str,
    text: &'static str,
) -> Result<Vec<Country>, KnowledgeError> {
    read(file, text, |row| {
        let [iso2, iso3, cameo, name, lat, lon, geonames_id, capital, aliases, demonyms] =
            row.cells(4)?;
        Ok(Country {
            iso2,
            iso3,
            cameo,
            name,
            lat: row.parse_opt(lat, "latitude")?,
            lon: row.parse_opt(lon, "longitude")?,
            geonames_id: row.parse_opt(geonames_id, "GeoNames id")?,
            capital,
            aliases,
            demonyms,
        })
    })
}

/// A row of `places.tsv` or `places-small.tsv`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Place {
    pub geonames_id: Option<u64>,
    pub name: &'static str,
    /// ISO 3166-1 alpha-2 (empty for a continent).
    pub country: &'static str,
    /// The first-level region's name.
    pub admin1: &'static str,
    /// GeoNames class and code: `P.PPLC` capital, `P.PPL` town, `A.ADM1` region, `L.CONT`.
    pub feature: &'static str,
    pub population: u64,
    pub lat: f64,
    pub lon: f64,
    alternate_names: &'static str,
}

impl Place {
    /// Other names, Latin script, the ASCII form first.
    pub fn alternate_names(&self) -> impl Iterator<Item = &'static str> + Clone {
        list(self.alternate_names)
    }
}

pub(crate) fn places(file: &'static str, text: &'static str) -> Result<Vec<Place>, KnowledgeError> {
    read(file, text, place)
}

/// One row of a places file.
pub(crate) fn place(row: Row) -> Result<Place, KnowledgeError> {
    let [id, name, country, admin1, feature, population, lat, lon, alternate_names] =
        row.cells(8)?;
    Ok(Place {
        geonames_id: row.parse_opt(id, "GeoNames id")?,
        name,
        country,
        admin1,
        feature,
        population: row.parse_opt(population, "population")?.unwrap_or(0),
        lat: row.parse(lat, "latitude")?,
        lon: row.parse(lon, "longitude")?,
        alternate_names,
    })
}

/// A row of `people.tsv`: one term of office.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Person {
    pub name: &'static str,
    aliases: &'static str,
    /// ISO alpha-3 (empty for officials of international bodies).
    pub country: &'static str,
    /// CAMEO role code (`GOV`, `MIL`, `IGO` ...).
    pub role: &'static str,
    /// The office held ("President", "Foreign Minister").
    pub title: &'static str,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub start: &'static str,
    /// As `start`; empty while in office.
    pub end: &'static str,
}

impl Person {
    pub fn aliases(&self) -> impl Iterator<Item = &'static str> + Clone {
        list(self.aliases)
    }
}

pub(crate) fn people(
    file: &'static str,
    text: &'static str,
) -> Result<Vec<Person>, KnowledgeError> {
    read(file, text, |row| {
        let [name, aliases, country, role, title, start, end] = row.cells(4)?;
        non_empty(&row, name, "name")?;
        Ok(Person {
            name,
            aliases,
            country,
            role,
            title,
            start,
            end,
        })
    })
}

/// A row of `organizations.tsv`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Org {
    pub name: &'static str,
    aliases: &'static str,
    /// `armed_group`, `government`, `igo`, `party` ...
    pub kind: &'static str,
    pub cameo: &'static str,
    /// ISO alpha-3 (empty for international bodies).
    pub country: &'static str,
}

impl Org {
    pub fn aliases(&self) -> impl Iterator<Item = &'static str> + Clone {
        list(self.aliases)
    }
}

pub(crate) fn organizations(
    file: &'static str,
    text: &'static str,
) -> Result<Vec<Org>, KnowledgeError> {
    read(file, text, |row| {
        let [name, aliases, kind, cameo, country] = row.cells(1)?;
        non_empty(&row, name, "name")?;
        Ok(Org {
            name,
            aliases,
            kind,
            cameo,
            country,
        })
    })
}

pub(crate) fn non_empty(row: &Row, cell: &str, what: &str) -> Result<(), KnowledgeError> {
    if cell.is_empty() {
        Err(row.error(format!("empty {what}")))
    } else {
        Ok(())
    }
}
