//! Reading the fields scorers need out of an output record (a `serde_json::Value` per
//! `shared/spec/OUTPUT.md`), tolerant of missing or mistyped fields: a field that is not
//! there simply contributes nothing.

use crate::text::{char_slice, fold_space};
use serde_json::Value;

/// One entity mention of an output record, flattened with what its entity says.
#[derive(Debug, Clone, PartialEq)]
pub struct MentionView {
    /// The mention text, white space folded.
    pub text: String,
    /// `PERSON`, `ORGANIZATION`, `LOCATION` (upper-cased as found).
    pub entity_type: String,
    /// The entity's `geo.lat`, `geo.lon`, when both are numbers.
    pub coords: Option<(f64, f64)>,
    /// The entity's `geo.country`, upper-cased.
    pub country: Option<String>,
}

/// A string field, if present and a string.
pub fn str_field<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(Value::as_str)
}

/// A list field; absent, null or not a list gives an empty slice.
pub fn list_field<'a>(value: &'a Value, key: &str) -> &'a [Value] {
    value
        .get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// An integer, from a JSON integer, an integral float or a numeric string.
pub fn as_integer(value: &Value) -> Option<i64> {
    if let Some(n) = value.as_i64() {
        return Some(n);
    }
    if let Some(f) = value.as_f64() {
        return (f.fract() == 0.0 && f.abs() < 9.0e15).then_some(f as i64);
    }
    value.as_str().and_then(|s| s.trim().parse().ok())
}

/// The error message of a record that is `{"id": ..., "error": "..."}`.
pub fn error_of(record: &Value) -> Option<&str> {
    match record.get("error") {
        None | Some(Value::Null) => None,
        Some(Value::String(message)) => Some(message),
        Some(_) => Some("error"),
    }
}

/// Every mention of every entity of `record`, in the record's entity order.
pub fn mentions(record: &Value) -> Vec<MentionView> {
    let text = str_field(record, "text").unwrap_or("");
    let mut out = Vec::new();
    for entity in list_field(record, "entities") {
        let entity_type = str_field(entity, "type").unwrap_or("").to_uppercase();
        let geo = entity.get("geo").filter(|g| g.is_object());
        let coords = geo.and_then(|g| {
            let lat = g.get("lat").and_then(Value::as_f64)?;
            let lon = g.get("lon").and_then(Value::as_f64)?;
            Some((lat, lon))
        });
        let country = geo
            .and_then(|g| str_field(g, "country"))
            .map(|c| c.trim().to_uppercase());
        for mention in list_field(entity, "mentions") {
            // The contract gives the mention text; fall back to the offsets if it is missing.
            let surface = str_field(mention, "text").or_else(|| {
                let start = mention.get("start").and_then(as_integer)?;
                let end = mention.get("end").and_then(as_integer)?;
                char_slice(
                    text,
                    usize::try_from(start).ok()?,
                    usize::try_from(end).ok()?,
                )
            });
            if let Some(surface) = surface {
                out.push(MentionView {
                    text: fold_space(surface),
                    entity_type: entity_type.clone(),
                    coords,
                    country: country.clone(),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn mentions_flatten_entities_and_fall_back_to_offsets() {
        let record = json!({
            "text": "Zürich and Bern",
            "entities": [
                {"name": "Zürich", "type": "LOCATION",
                 "geo": {"country": "ch", "lat": 47.37, "lon": 8.54},
                 "mentions": [{"start": 0, "end": 6}]},
                {"name": "Bern", "type": "location", "geo": null,
                 "mentions": [{"start": 11, "end": 15, "text": "Bern"}]},
                {"name": "broken", "type": "PERSON", "mentions": [{"start": 40, "end": 50}]}
            ]
        });
        let got = mentions(&record);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].text, "Zürich");
        assert_eq!(got[0].coords, Some((47.37, 8.54)));
        assert_eq!(got[0].country.as_deref(), Some("CH"));
        assert_eq!(got[1].entity_type, "LOCATION");
        assert_eq!(got[1].coords, None);
    }

    #[test]
    fn integers_and_errors() {
        assert_eq!(as_integer(&json!(24)), Some(24));
        assert_eq!(as_integer(&json!(24.0)), Some(24));
        assert_eq!(as_integer(&json!(24.5)), None);
        assert_eq!(as_integer(&json!(" 7 ")), Some(7));
        assert_eq!(
            error_of(&json!({"id": "a", "error": "bad html"})),
            Some("bad html")
        );
        assert_eq!(error_of(&json!({"id": "a", "error": null})), None);
        assert_eq!(error_of(&json!({"id": "a"})), None);
    }
}
