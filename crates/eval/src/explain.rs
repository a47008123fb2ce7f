//! What one case got wrong, key by key: the gold items an output missed and the output items
//! that match nothing, for error analysis (`--explain`). It reuses the scorers' own matching,
//! so an item listed here is one the figures count against the engine, with two exceptions
//! that need the whole set: extra counts of a type the set's gold never annotates (not scored)
//! and clusters (not explained). Toponyms and places follow the literal `accuracy` reading.

use crate::body::shingle_f1;
use crate::boilerplate::absent_lines;
use crate::case::Case;
use crate::events::{dyad_match, output_root, root_match, GoldEvent, OutputEvent};
use crate::geo::{haversine_km, place_fits, toponym_fits};
use crate::items::{
    self, count_pairs, gold_events, gold_key, gold_list, mention_pairs, output_events, quote_views,
    scored_quote_views, typed_pairs,
};
use crate::meta::{date_match, title_match};
use crate::quotes::{match_quotes, speaker_match};
use crate::record::{error_of, list_field, mentions, str_field, MentionView};
use crate::tally::matching;
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};

/// The misses of one gold key in one case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    pub key: String,
    /// Gold items the output did not get right.
    pub missed: Vec<String>,
    /// Output items that match no gold item.
    pub extra: Vec<String>,
}

/// Longest quote text shown, in characters.
const SHOWN_CHARS: usize = 80;

fn shorten(text: &str) -> String {
    if text.chars().count() <= SHOWN_CHARS {
        return text.to_string();
    }
    let head: String = text.chars().take(SHOWN_CHARS).collect();
    format!("{head}...")
}

/// Items of `output` left over after taking out each of `gold` once (multiset difference),
/// and the gold items left over the other way.
fn multiset_misses<T: Eq + std::hash::Hash + Clone>(gold: &[T], output: &[T]) -> (Vec<T>, Vec<T>) {
    let mut left: HashMap<&T, usize> = HashMap::new();
    for item in gold {
        *left.entry(item).or_insert(0) += 1;
    }
    let mut extra = Vec::new();
    for item in output {
        match left.get_mut(item) {
            Some(n) if *n > 0 => *n -= 1,
            _ => extra.push(item.clone()),
        }
    }
    let mut missed = Vec::new();
    for item in gold {
        if let Some(n) = left.get_mut(item) {
            if *n > 0 {
                *n -= 1;
                missed.push(item.clone());
            }
        }
    }
    (missed, extra)
}

fn actor(code: &Option<String>) -> &str {
    code.as_deref().unwrap_or("*")
}

fn show_gold_event(event: &GoldEvent) -> String {
    let code = match &event.code {
        Some(code) => code.clone(),
        None => format!("root {}", event.cameo_roots.join("/")),
    };
    format!(
        "{} -> {} {code}",
        actor(&event.source),
        actor(&event.target)
    )
}

fn show_output_event(event: &OutputEvent) -> String {
    format!(
        "{} -> {} {}",
        actor(&event.source),
        actor(&event.target),
        if event.code.is_empty() {
            output_root(event)
        } else {
            &event.code
        }
    )
}

/// The misses of every gold key of `case` (keys without a miss left out). An error output
/// gives one `output` entry with its message: everything else is wrong by definition.
pub fn explain(case: &Case, output: Result<&Value, &str>) -> Vec<Explanation> {
    let record = match output {
        Err(message) => Some(message),
        Ok(record) => error_of(record),
    };
    if let Some(message) = record {
        return vec![Explanation {
            key: "output".to_string(),
            missed: vec![format!("error: {message}")],
            extra: Vec::new(),
        }];
    }
    let Ok(record) = output else {
        return Vec::new();
    };
    let gold = &case.gold;
    let text = str_field(record, "text").unwrap_or("");
    let record_mentions: Vec<MentionView> = mentions(record);
    let mut out = Vec::new();
    let mut push = |key: &str, missed: Vec<String>, extra: Vec<String>| {
        if !missed.is_empty() || !extra.is_empty() {
            out.push(Explanation {
                key: key.to_string(),
                missed,
                extra,
            });
        }
    };

    if let Some(body) = gold_key(gold, "body").and_then(Value::as_str) {
        let prf = shingle_f1(body, text);
        if prf.f1 < 1.0 {
            push(
                "body",
                vec![format!("shingle recall {:.3}", prf.recall)],
                vec![format!("shingle precision {:.3}", prf.precision)],
            );
        }
    }
    if let Some(lines) = gold_list(gold, "boilerplate") {
        let kept: Vec<String> = items::lines(lines)
            .into_iter()
            .filter(|line| absent_lines(std::slice::from_ref(line), text) == 0)
            .map(|line| format!("kept: {line}"))
            .collect();
        push("boilerplate", kept, Vec::new());
    }
    for (key, check) in [
        ("title", title_match as fn(&str, Option<&str>) -> bool),
        ("published", date_match),
    ] {
        if let Some(expected) = gold_key(gold, key).and_then(Value::as_str) {
            let got = str_field(record, key);
            if !check(expected, got) {
                push(
                    key,
                    vec![expected.to_string()],
                    vec![got.unwrap_or("(none)").to_string()],
                );
            }
        }
    }
    if let Some(entities) = gold_list(gold, "entities") {
        let show = |pairs: Vec<(String, String)>| -> Vec<String> {
            pairs
                .into_iter()
                .map(|(t, k)| format!("{t} ({k})"))
                .collect()
        };
        let (missed, extra) =
            multiset_misses(&typed_pairs(entities), &mention_pairs(&record_mentions));
        push("entities", show(missed), show(extra));
    }
    if let Some(quotes) = gold_list(gold, "quotes") {
        let gold_quotes = quote_views(quotes);
        let output_quotes = scored_quote_views(&case.set, list_field(record, "quotes"));
        let matched = match_quotes(&gold_quotes, &output_quotes);
        let mut missed = Vec::new();
        for (quote, found) in gold_quotes.iter().zip(&matched) {
            let shown = shorten(&quote.text);
            match (found, &quote.speaker) {
                (None, _) => missed.push(format!("\"{shown}\"")),
                (Some(o), Some(speaker)) => {
                    let got = output_quotes[*o].speaker.as_deref();
                    if !got.is_some_and(|g| speaker_match(speaker, g)) {
                        missed.push(format!(
                            "\"{shown}\": speaker {speaker}, got {}",
                            got.unwrap_or("(none)")
                        ));
                    }
                }
                (Some(_), None) => {}
            }
        }
        let used: BTreeSet<usize> = matched.iter().flatten().copied().collect();
        let extra = (0..output_quotes.len())
            .filter(|o| !used.contains(o))
            .map(|o| format!("\"{}\"", shorten(&output_quotes[o].text)))
            .collect();
        push("quotes", missed, extra);
    }
    if let Some(counts) = gold_list(gold, "counts") {
        let fold = |pairs: Vec<(String, i64)>| -> Vec<(String, i64)> {
            let set: BTreeSet<(String, i64)> = pairs
                .into_iter()
                .map(|(k, n)| (k.trim().to_uppercase(), n))
                .collect();
            set.into_iter().collect()
        };
        let (missed, extra) = multiset_misses(
            &fold(count_pairs(counts)),
            &fold(count_pairs(list_field(record, "counts"))),
        );
        let show = |pairs: Vec<(String, i64)>| -> Vec<String> {
            pairs.into_iter().map(|(k, n)| format!("{k} {n}")).collect()
        };
        push("counts", show(missed), show(extra));
    }
    let same_text = |text: &str| -> Vec<&MentionView> {
        record_mentions
            .iter()
            .filter(|m| m.entity_type == "LOCATION" && m.text == text)
            .collect()
    };
    if let Some(toponyms) = gold_list(gold, "toponyms") {
        let mut missed = Vec::new();
        for toponym in items::toponyms(toponyms) {
            let found = same_text(&toponym.text);
            if found.iter().any(|m| toponym_fits(&toponym, m)) {
                continue;
            }
            let nearest = found
                .iter()
                .filter_map(|m| m.coords)
                .map(|c| haversine_km((toponym.lat, toponym.lon), c))
                .fold(None, |best: Option<f64>, d| {
                    Some(best.map_or(d, |b| b.min(d)))
                });
            let why = match (found.is_empty(), nearest) {
                (true, _) => "no LOCATION mention".to_string(),
                (false, None) => "mention without geo".to_string(),
                (false, Some(km)) => format!("placed {km:.0} km away"),
            };
            missed.push(format!(
                "{} ({:.2}, {:.2}): {why}",
                toponym.text, toponym.lat, toponym.lon
            ));
        }
        push("toponyms", missed, Vec::new());
    }
    if let Some(places) = gold_list(gold, "places") {
        let mut missed = Vec::new();
        for place in items::places(places) {
            let found = same_text(&place.text);
            if found.iter().any(|m| place_fits(&place, m)) {
                continue;
            }
            let got: Vec<&str> = found.iter().filter_map(|m| m.country.as_deref()).collect();
            let why = if found.is_empty() {
                "no LOCATION mention".to_string()
            } else if got.is_empty() {
                "mention without country".to_string()
            } else {
                format!("placed in {}", got.join("/"))
            };
            missed.push(format!("{} ({}): {why}", place.text, place.country));
        }
        push("places", missed, Vec::new());
    }
    if let Some(events) = gold_list(gold, "events") {
        let gold_events = gold_events(events);
        let output_events = output_events(record);
        let pairs = matching(gold_events.len(), output_events.len(), |g, o| {
            let (g, o) = (&gold_events[g], &output_events[o]);
            dyad_match(g, o) && root_match(g, o)
        });
        let missed = gold_events
            .iter()
            .zip(&pairs)
            .filter(|(_, found)| found.is_none())
            .map(|(event, _)| show_gold_event(event))
            .collect();
        let used: BTreeSet<usize> = pairs.iter().flatten().copied().collect();
        let extra = (0..output_events.len())
            .filter(|o| !used.contains(o))
            .map(|o| show_output_event(&output_events[o]))
            .collect();
        push("events", missed, extra);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn case(gold: Value) -> Case {
        Case {
            id: "x".to_string(),
            set: "demo".to_string(),
            input: json!({}),
            gold,
        }
    }

    fn find<'a>(all: &'a [Explanation], key: &str) -> &'a Explanation {
        all.iter()
            .find(|e| e.key == key)
            .unwrap_or_else(|| panic!("no {key} in {all:?}"))
    }

    #[test]
    fn lists_missed_and_extra_items_per_key() {
        let gold = json!({
            "title": "Floods hit Lisbon",
            "entities": [{"text": "Lisbon", "type": "LOCATION"}, {"text": "Ana Ruiz", "type": "PERSON"}],
            "counts": [{"type": "KILL", "number": 2}],
            "quotes": [{"text": "We stay", "speaker": "Ana Ruiz"}, {"text": "It is over", "speaker": null}],
            "toponyms": [{"text": "Lisbon", "lat": 38.72, "lon": -9.14}, {"text": "Porto", "lat": 41.15, "lon": -8.61}],
            "events": [{"source": "PRT", "target": null, "code": "0233"}],
            "boilerplate": ["Share", "Menu"]
        });
        let output = json!({
            "title": "Floods hit Lisbon", "text": "Share\n\nRain fell.",
            "entities": [
                {"name": "Lisbon", "type": "LOCATION", "geo": {"country": "PT", "lat": 40.2, "lon": -8.4},
                 "mentions": [{"text": "Lisbon"}]},
                {"name": "Ruiz", "type": "PERSON", "mentions": [{"text": "Ruiz"}]}
            ],
            "counts": [{"type": "KILL", "number": 2}, {"type": "KILL", "number": 2}, {"type": "WOUND", "number": 1}],
            "quotes": [{"text": "we stay", "speaker": "Tom Reyes"}],
            "events": [{"source": {"code": "ESP"}, "target": null, "code": "0233", "root": "02"}]
        });
        let all = explain(&case(gold), Ok(&output));
        let keys: Vec<&str> = all.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "boilerplate",
                "entities",
                "quotes",
                "counts",
                "toponyms",
                "events"
            ]
        );
        assert_eq!(find(&all, "boilerplate").missed, ["kept: Share"]);
        assert_eq!(find(&all, "entities").missed, ["Ana Ruiz (PERSON)"]);
        assert_eq!(find(&all, "entities").extra, ["Ruiz (PERSON)"]);
        assert_eq!(
            find(&all, "quotes").missed,
            [
                "\"We stay\": speaker Ana Ruiz, got Tom Reyes",
                "\"It is over\""
            ]
        );
        assert_eq!(find(&all, "counts").extra, ["WOUND 1"]);
        // Lisbon placed at Coimbra, about 175 km north.
        let toponyms = &find(&all, "toponyms").missed;
        assert!(
            toponyms[0].starts_with("Lisbon (38.72, -9.14): placed 1"),
            "{toponyms:?}"
        );
        assert_eq!(toponyms[1], "Porto (41.15, -8.61): no LOCATION mention");
        assert_eq!(find(&all, "events").missed, ["PRT -> * 0233"]);
        assert_eq!(find(&all, "events").extra, ["ESP -> * 0233"]);
    }

    #[test]
    fn an_error_is_one_line_and_a_perfect_output_none() {
        let gold = case(json!({"title": "Rain"}));
        let all = explain(&gold, Err("bad html"));
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].missed, ["error: bad html"]);
        assert!(explain(&gold, Ok(&json!({"title": "rain"}))).is_empty());
    }
}
