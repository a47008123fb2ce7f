//! Gold keys and output fields read into the item types the scorers compare.
//!
//! Gold values are read leniently: a key that is null or of the wrong shape is not scored, and
//! a malformed item (a toponym without coordinates) is skipped. The same readers serve gold and
//! output where the shapes agree (quotes, counts), and actor codes are accepted both as a plain
//! string (gold) and as `{"name", "code"}` (output).

use crate::events::{GoldEvent, OutputEvent};
use crate::geo::{Place, Toponym};
use crate::quotes::QuoteView;
use crate::record::{as_integer, list_field, str_field, MentionView};
use crate::text::fold_space;
use serde_json::Value;

/// A gold key's value, unless absent or null.
pub fn gold_key<'a>(gold: &'a Value, key: &str) -> Option<&'a Value> {
    gold.get(key).filter(|v| !v.is_null())
}

/// A gold list key, unless absent or not a list.
pub fn gold_list<'a>(gold: &'a Value, key: &str) -> Option<&'a [Value]> {
    gold_key(gold, key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
}

/// An actor code given as a string, or as an object with a `code` (the output shape).
pub fn actor_code(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(code) => Some(code.clone()),
        Value::Object(actor) => actor
            .get("code")
            .and_then(Value::as_str)
            .map(str::to_string),
        _ => None,
    }
    .filter(|code| !code.trim().is_empty())
}

/// A code given as a non-empty string (not a number: CAMEO codes keep their leading zeros).
pub fn code_string(value: Option<&Value>) -> Option<String> {
    value
        .and_then(Value::as_str)
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// Gold `entities` as (text, TYPE) pairs.
pub fn typed_pairs(items: &[Value]) -> Vec<(String, String)> {
    items
        .iter()
        .filter_map(|item| {
            let text = str_field(item, "text")?;
            let kind = str_field(item, "type")?;
            Some((fold_space(text), kind.trim().to_uppercase()))
        })
        .collect()
}

/// `counts` as (type, number) pairs.
pub fn count_pairs(items: &[Value]) -> Vec<(String, i64)> {
    items
        .iter()
        .filter_map(|item| {
            let kind = str_field(item, "type")?;
            let number = item.get("number").and_then(as_integer)?;
            Some((kind.to_string(), number))
        })
        .collect()
}

/// `quotes` as texts with their speakers.
pub fn quote_views(items: &[Value]) -> Vec<QuoteView> {
    items
        .iter()
        .filter_map(|item| {
            let text = str_field(item, "text")?;
            let speaker = str_field(item, "speaker").filter(|s| !s.trim().is_empty());
            Some(QuoteView::new(text, speaker))
        })
        .collect()
}

/// The output quotes as a set's gold lists them. Output gives one entry per quoted passage
/// (the later fragments of one quotation marked `continues`). The PolNeAR sets' gold (see
/// GOLD.md and `data/SOURCES.md`) lists full quotations only, each with its fragments joined
/// by a space: there an entry marked `partial` is left out (neither right nor wrong) and the
/// fragments of one quotation are joined into one quote before matching.
pub fn scored_quote_views(set: &str, items: &[Value]) -> Vec<QuoteView> {
    if !set.starts_with("polnear") {
        return quote_views(items);
    }
    let flag = |item: &Value, key: &str| item.get(key) == Some(&Value::Bool(true));
    let mut out: Vec<QuoteView> = Vec::new();
    for item in items.iter().filter(|q| !flag(q, "partial")) {
        let Some(text) = str_field(item, "text") else {
            continue;
        };
        match out.last_mut() {
            Some(last) if flag(item, "continues") => {
                last.text.push(' ');
                last.text.push_str(text);
            }
            _ => {
                let speaker = str_field(item, "speaker").filter(|s| !s.trim().is_empty());
                out.push(QuoteView::new(text, speaker));
            }
        }
    }
    out
}

/// Gold `events`.
pub fn gold_events(items: &[Value]) -> Vec<GoldEvent> {
    items
        .iter()
        .filter(|item| item.is_object())
        .map(|item| GoldEvent {
            source: actor_code(item.get("source")),
            target: actor_code(item.get("target")),
            code: code_string(item.get("code")),
            cameo_roots: list_field(item, "cameo_roots")
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect(),
        })
        .collect()
}

/// The `events` of an output record.
pub fn output_events(record: &Value) -> Vec<OutputEvent> {
    list_field(record, "events")
        .iter()
        .filter(|item| item.is_object())
        .map(|item| OutputEvent {
            source: actor_code(item.get("source")),
            target: actor_code(item.get("target")),
            code: code_string(item.get("code")).unwrap_or_default(),
            root: code_string(item.get("root")).unwrap_or_default(),
        })
        .collect()
}

/// A cluster or story id given as a string or a number.
pub fn id_string(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Output mentions as (text, TYPE) pairs.
pub fn mention_pairs(mentions: &[MentionView]) -> Vec<(String, String)> {
    mentions
        .iter()
        .map(|m| (m.text.clone(), m.entity_type.clone()))
        .collect()
}

/// Gold `toponyms`.
pub fn toponyms(items: &[Value]) -> Vec<Toponym> {
    items
        .iter()
        .filter_map(|t| {
            Some(Toponym {
                text: fold_space(str_field(t, "text")?),
                lat: t.get("lat").and_then(Value::as_f64)?,
                lon: t.get("lon").and_then(Value::as_f64)?,
            })
        })
        .collect()
}

/// Gold `places`.
pub fn places(items: &[Value]) -> Vec<Place> {
    items
        .iter()
        .filter_map(|p| {
            Some(Place {
                text: fold_space(str_field(p, "text")?),
                country: str_field(p, "country")?.trim().to_uppercase(),
            })
        })
        .collect()
}

/// Gold `boilerplate` lines (strings, or objects with a `text`).
pub fn lines(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .filter_map(|l| l.as_str().or_else(|| str_field(l, "text")))
        .map(str::to_string)
        .collect()
}
