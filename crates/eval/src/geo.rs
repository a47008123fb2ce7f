//! `toponyms` and `places`: are the place names put in the right place?
//!
//! A gold toponym is right when an output LOCATION mention with the same text (white space
//! folded, case kept) belongs to an entity whose `geo` is within 161 km (100 miles, the usual
//! geocoding threshold) by great-circle distance; a gold place is right when that entity's
//! `geo.country` is the gold country.
//!
//! A text often comes several times ("Russia" three times in one article). Two figures:
//! - `accuracy` (GOLD.md read literally): each gold toponym is checked against all output
//!   mentions with its text, so one well-placed "Russia" makes every gold "Russia" right;
//!   this measures placing, not finding every mention.
//! - `accuracy_1to1`: each output mention can vouch for one gold toponym only (a maximum
//!   one-to-one matching among same-text items), so missed repeats count as wrong.

use crate::record::MentionView;
use crate::tally::max_matching;
use std::collections::BTreeMap;

/// The accuracy radius of GOLD.md, in kilometres.
pub const RADIUS_KM: f64 = 161.0;

/// Great-circle distance in km between two (lat, lon) points in degrees.
pub fn haversine_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    const EARTH_RADIUS_KM: f64 = 6371.0088;
    let (lat1, lat2) = (a.0.to_radians(), b.0.to_radians());
    let d_lat = lat2 - lat1;
    let d_lon = (b.1 - a.1).to_radians();
    let h = (d_lat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (d_lon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// Right answers among gold items, under both readings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GeoTally {
    pub gold: usize,
    pub right: usize,
    pub right_one_to_one: usize,
}

impl GeoTally {
    pub fn add(&mut self, other: GeoTally) {
        self.gold += other.gold;
        self.right += other.right;
        self.right_one_to_one += other.right_one_to_one;
    }
}

/// Scores gold items against the LOCATION mentions of an output record; `text_of` names a
/// gold item's text and `fits` says whether a same-text mention places it right.
fn geo_tally<G>(
    gold: &[G],
    mentions: &[MentionView],
    text_of: impl Fn(&G) -> &str,
    fits: impl Fn(&G, &MentionView) -> bool,
) -> GeoTally {
    let mut by_text: BTreeMap<&str, (Vec<&G>, Vec<&MentionView>)> = BTreeMap::new();
    for item in gold {
        by_text.entry(text_of(item)).or_default().0.push(item);
    }
    for mention in mentions.iter().filter(|m| m.entity_type == "LOCATION") {
        if let Some(group) = by_text.get_mut(mention.text.as_str()) {
            group.1.push(mention);
        }
    }
    let mut tally = GeoTally {
        gold: gold.len(),
        ..GeoTally::default()
    };
    for (items, found) in by_text.values() {
        tally.right += items
            .iter()
            .filter(|g| found.iter().any(|m| fits(g, m)))
            .count();
        tally.right_one_to_one +=
            max_matching(items.len(), found.len(), |g, m| fits(items[g], found[m]));
    }
    tally
}

/// A gold toponym: its text (white space folded) and coordinates.
#[derive(Debug, Clone, PartialEq)]
pub struct Toponym {
    pub text: String,
    pub lat: f64,
    pub lon: f64,
}

/// Whether a same-text mention places the gold toponym within [`RADIUS_KM`].
pub fn toponym_fits(gold: &Toponym, mention: &MentionView) -> bool {
    mention
        .coords
        .is_some_and(|c| haversine_km((gold.lat, gold.lon), c) <= RADIUS_KM)
}

/// Scores the gold toponyms of one case.
pub fn toponym_tally(gold: &[Toponym], mentions: &[MentionView]) -> GeoTally {
    geo_tally(gold, mentions, |g| g.text.as_str(), toponym_fits)
}

/// A gold place: its text (white space folded) and ISO 3166-1 alpha-2 country (upper case).
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub text: String,
    pub country: String,
}

/// Whether a same-text mention puts the gold place in its country.
pub fn place_fits(gold: &Place, mention: &MentionView) -> bool {
    mention.country.as_deref() == Some(gold.country.as_str())
}

/// Scores the gold places of one case.
pub fn place_tally(gold: &[Place], mentions: &[MentionView]) -> GeoTally {
    geo_tally(gold, mentions, |g| g.text.as_str(), place_fits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc(text: &str, coords: Option<(f64, f64)>, country: Option<&str>) -> MentionView {
        MentionView {
            text: text.to_string(),
            entity_type: "LOCATION".to_string(),
            coords,
            country: country.map(str::to_string),
        }
    }

    fn top(text: &str, lat: f64, lon: f64) -> Toponym {
        Toponym {
            text: text.to_string(),
            lat,
            lon,
        }
    }

    #[test]
    fn haversine_known_distances() {
        // One degree of latitude is 111.2 km; Paris-London is about 344 km.
        assert!((haversine_km((0.0, 0.0), (1.0, 0.0)) - 111.195).abs() < 0.01);
        let d = haversine_km((48.8566, 2.3522), (51.5074, -0.1278));
        assert!((d - 343.5).abs() < 1.0, "{d}");
        assert_eq!(haversine_km((10.0, 20.0), (10.0, 20.0)), 0.0);
        // Antipodes: half the circumference, no NaN.
        assert!((haversine_km((0.0, 0.0), (0.0, 180.0)) - 20015.1).abs() < 1.0);
    }

    #[test]
    fn toponyms_need_same_text_location_within_161_km() {
        let gold = [
            top("Aleppo", 36.20, 37.16),
            top("Ankara", 39.92, 32.85),
            top("Paris", 33.66, -95.56), // Paris, Texas
            top("Syria", 35.0, 38.0),
        ];
        let mut person = loc("Syria", Some((35.0, 38.0)), Some("SY"));
        person.entity_type = "PERSON".to_string();
        let output = [
            loc("Aleppo", Some((36.9, 37.16)), Some("SY")), // 0.7 degree north: 78 km, right
            loc("Ankara", Some((41.01, 28.98)), Some("TR")), // Istanbul: 350 km, wrong
            loc("Paris", Some((48.86, 2.35)), Some("FR")),  // wrong Paris
            loc("Paris", Some((33.66, -95.56)), Some("US")), // the right one, also found
            person,                                         // not a LOCATION
        ];
        assert_eq!(
            toponym_tally(&gold, &output),
            GeoTally {
                gold: 4,
                right: 2,
                right_one_to_one: 2
            }
        );
    }

    #[test]
    fn repeated_toponyms_under_both_readings() {
        let gold = [
            top("Russia", 60.0, 100.0),
            top("Russia", 60.0, 100.0),
            top("Russia", 60.0, 100.0),
        ];
        let output = [loc("Russia", Some((61.5, 105.3)), Some("RU"))];
        assert_eq!(
            toponym_tally(&gold, &output),
            GeoTally {
                gold: 3,
                right: 0,
                right_one_to_one: 0
            }
        );
        // 61.5N 105.3E is ~330 km from 60N 100E: wrong. Same place, two mentions found:
        let output = [
            loc("Russia", Some((60.0, 100.0)), Some("RU")),
            loc("Russia", Some((60.0, 100.0)), Some("RU")),
        ];
        assert_eq!(
            toponym_tally(&gold, &output),
            GeoTally {
                gold: 3,
                right: 3,
                right_one_to_one: 2
            }
        );
    }

    #[test]
    fn places_compare_the_country_and_missing_geo_is_wrong() {
        let gold = [
            Place {
                text: "Georgia".to_string(),
                country: "GE".to_string(),
            },
            Place {
                text: "Lisbon".to_string(),
                country: "PT".to_string(),
            },
        ];
        let output = [
            loc("Georgia", Some((32.7, -83.4)), Some("US")),
            loc("Lisbon", None, None),
        ];
        assert_eq!(
            place_tally(&gold, &output),
            GeoTally {
                gold: 2,
                right: 0,
                right_one_to_one: 0
            }
        );
        let output = [loc("Georgia", Some((42.0, 43.5)), Some("GE"))];
        assert_eq!(
            place_tally(&gold, &output),
            GeoTally {
                gold: 2,
                right: 1,
                right_one_to_one: 1
            }
        );
        assert_eq!(place_tally(&[], &output), GeoTally::default());
        assert_eq!(place_tally(&gold, &[]).right, 0);
    }
}
