//! The scorer end to end on hand-made cases: every key, error outputs, several sets. Every
//! expected figure is worked out by hand in the comments.

use newsgraph_eval::{Case, Report, Scorer};
use serde_json::{json, Value};

fn case(id: &str, set: &str, gold: Value) -> Case {
    Case {
        id: id.to_string(),
        set: set.to_string(),
        input: json!({"id": id, "text": ""}),
        gold,
    }
}

fn check(report: &Report, set: &str, key: &str, metric: &str, expected: f64) {
    let got = report
        .get(set, key, metric)
        .unwrap_or_else(|| panic!("no figure {set} {key} {metric}"));
    assert!(
        (got - expected).abs() < 1e-9,
        "{set} {key} {metric}: got {got}, expected {expected}"
    );
}

fn cases_of(report: &Report, set: &str, key: &str, metric: &str) -> usize {
    report
        .rows
        .iter()
        .find(|r| r.set == set && r.key == key && r.metric == metric)
        .map(|r| r.cases)
        .unwrap_or(usize::MAX)
}

fn scored() -> Report {
    let mut scorer = Scorer::new();

    // Set "news": metadata, entities, body, boilerplate; the second case errs.
    let c1 = case(
        "c1",
        "news",
        json!({
            "title": "Floods hit Lisbon", "published": "2024-03-01",
            "entities": [{"text": "Lisbon", "type": "LOCATION"}, {"text": "Ana Ruiz", "type": "PERSON"},
                         {"text": "Lisbon", "type": "LOCATION"}],
            "body": "Rain fell on Lisbon for three days and the river rose.",
            "boilerplate": ["Share", "Advertisement"]
        }),
    );
    let o1 = json!({
        "id": "c1", "title": "FLOODS HIT  LISBON", "published": "2024-03-01T08:00:00Z",
        "text": "Share\n\nRain fell on Lisbon for three days and the river rose.",
        "entities": [
            {"name": "Lisbon", "type": "LOCATION", "mentions": [{"start": 7, "end": 13, "text": "Lisbon"},
                                                                {"start": 20, "end": 26, "text": "Lisbon"}]},
            {"name": "Ruiz", "type": "PERSON", "mentions": [{"start": 30, "end": 34, "text": "Ruiz"}]}
        ]
    });
    scorer.add(&c1, Ok(&o1));
    let c2 = case(
        "c2",
        "news",
        json!({
            "title": "Sun returns", "published": "2024-03-02",
            "entities": [{"text": "Porto", "type": "LOCATION"}],
            "body": "The sun came back to Porto on Sunday.", "boilerplate": ["Menu"]
        }),
    );
    scorer.add(&c2, Err("bad html"));

    // Set "gva": counts and clusters; the last case is an error record.
    let gva = [
        (
            json!({"cluster": "1", "counts": [{"type": "KILL", "number": 2}, {"type": "WOUND", "number": 1}]}),
            json!({"id": "c3", "story": "s1", "counts": [{"type": "KILL", "number": 2}, {"type": "KILL", "number": 2},
                                                      {"type": "WOUND", "number": 3}]}),
        ),
        (
            json!({"cluster": "1", "counts": []}),
            json!({"id": "c4", "story": "s1", "counts": [{"type": "KILL", "number": 1}]}),
        ),
        (
            json!({"cluster": 2, "counts": [{"type": "KILL", "number": 1}]}),
            json!({"id": "c5", "story": null, "counts": [{"type": "KILL", "number": 1}]}),
        ),
        (
            json!({"cluster": "2"}),
            json!({"id": "c6", "error": "too long"}),
        ),
    ];
    for (i, (gold, output)) in gva.iter().enumerate() {
        scorer.add(
            &case(&format!("c{}", i + 3), "gva", gold.clone()),
            Ok(output),
        );
    }

    // Set "quotes".
    let c7 = case(
        "c7",
        "quotes",
        json!({"quotes": [{"text": "We will rebuild the bridge", "speaker": "Mayor Ana Ruiz"},
                          {"text": "Nobody warned us", "speaker": null}]}),
    );
    let o7 = json!({"id": "c7", "quotes": [{"text": "we will rebuild the bridge soon", "speaker": "Ana Ruiz",
                                            "start": 0, "end": 31}]});
    scorer.add(&c7, Ok(&o7));

    // Set "geo": toponyms and places.
    let c8 = case(
        "c8",
        "geo",
        json!({"toponyms": [{"text": "Lisbon", "lat": 38.72, "lon": -9.14}, {"text": "Lisbon", "lat": 38.72, "lon": -9.14},
                            {"text": "Porto", "lat": 41.15, "lon": -8.61}],
               "places": [{"text": "Lisbon", "country": "PT"}]}),
    );
    let o8 = json!({"id": "c8", "entities": [
        {"name": "Lisbon", "type": "LOCATION", "geo": {"country": "PT", "lat": 38.7, "lon": -9.1},
         "mentions": [{"start": 0, "end": 6, "text": "Lisbon"}]},
        {"name": "Porto", "type": "ORGANIZATION", "mentions": [{"start": 10, "end": 15, "text": "Porto"}]}
    ]});
    scorer.add(&c8, Ok(&o8));

    // Set "events": PLOVER-style gold without codes.
    let c9 = case(
        "c9",
        "events",
        json!({"events": [{"source": "HUNGOV", "target": "ROUGOV", "code": null, "cameo_roots": ["03"]}]}),
    );
    let o9 = json!({"id": "c9", "events": [
        {"source": {"name": "Hungary", "code": "HUN"}, "target": {"name": "Romania", "code": "ROU"},
         "code": "036", "root": "03"},
        {"source": {"name": "United States", "code": "USA"}, "target": null, "code": "010", "root": "01"}
    ]});
    scorer.add(&c9, Ok(&o9));
    scorer.finish()
}

#[test]
fn metadata_entities_body_and_boilerplate_with_an_error_case() {
    let r = scored();
    check(&r, "news", "output", "errors", 1.0);
    check(&r, "news", "title", "accuracy", 0.5);
    check(&r, "news", "published", "accuracy", 0.5);
    // Mentions: c1 matches Lisbon x2 of its 3 outputs; c2 (error) misses Porto.
    // Matched 2, output 3, gold 4.
    check(&r, "news", "entities", "precision", 2.0 / 3.0);
    check(&r, "news", "entities", "recall", 0.5);
    check(&r, "news", "entities", "f1", 4.0 / 7.0);
    check(&r, "news", "entities.LOCATION", "f1", 0.8);
    check(&r, "news", "entities.PERSON", "recall", 0.0);
    // Body c1: 11 gold words -> 8 shingles; output adds "Share" -> 9, 8 shared: P 8/9, R 1,
    // F1 16/17. c2 errs: 0. Means P 4/9, R 1/2, F1 8/17; F1 of means also 8/17.
    check(&r, "news", "body", "precision", 4.0 / 9.0);
    check(&r, "news", "body", "recall", 0.5);
    check(&r, "news", "body", "f1", 8.0 / 17.0);
    check(&r, "news", "body", "f1_of_means", 8.0 / 17.0);
    // "Advertisement" removed; "Share" kept; the error case's "Menu" counts as kept.
    check(&r, "news", "boilerplate", "removed", 1.0 / 3.0);
    assert_eq!(cases_of(&r, "news", "entities", "f1"), 2);
}

#[test]
fn counts_and_clusters_over_a_set() {
    let r = scored();
    check(&r, "gva", "output", "errors", 1.0);
    // Pairs as sets: c3 1 of 2 out, 2 gold; c4 0 of 1 out; c5 1 of 1. Matched 2, out 4, gold 3.
    // The ARREST output of c4 is left out: the set's gold annotates KILL and WOUND only.
    check(&r, "gva", "counts", "precision", 0.5);
    check(&r, "gva", "counts", "recall", 2.0 / 3.0);
    check(&r, "gva", "counts", "f1", 4.0 / 7.0);
    check(&r, "gva", "counts.KILL", "f1", 0.8);
    check(&r, "gva", "counts.WOUND", "f1", 0.0);
    assert_eq!(r.get("gva", "counts.ARREST", "f1"), None);
    assert_eq!(cases_of(&r, "gva", "counts", "f1"), 3);
    // B-cubed: c3, c4 P 1 R 1; c5 alone P 1 R 1/2; c6 error 0, 0.
    // P = 3/4, R = 5/8, F1 = 15/22.
    check(&r, "gva", "cluster", "bcubed_precision", 0.75);
    check(&r, "gva", "cluster", "bcubed_recall", 0.625);
    check(&r, "gva", "cluster", "bcubed_f1", 15.0 / 22.0);
    assert_eq!(cases_of(&r, "gva", "cluster", "bcubed_f1"), 4);
}

#[test]
fn quotes_geo_and_events() {
    let r = scored();
    check(&r, "quotes", "quotes", "precision", 1.0);
    check(&r, "quotes", "quotes", "recall", 0.5);
    check(&r, "quotes", "quotes", "speaker_accuracy", 1.0);
    // One Lisbon mention, 3 km off, vouches for both gold Lisbons (1 under one-to-one);
    // Porto is only an ORGANIZATION.
    check(&r, "geo", "toponyms", "accuracy", 2.0 / 3.0);
    check(&r, "geo", "toponyms", "accuracy_1to1", 1.0 / 3.0);
    check(&r, "geo", "places", "accuracy", 1.0);
    check(&r, "events", "events.dyad", "precision", 0.5);
    check(&r, "events", "events.dyad", "recall", 1.0);
    check(&r, "events", "events.root", "f1", 2.0 / 3.0);
    assert_eq!(r.get("events", "events.code", "f1"), None);
}

#[test]
fn sets_come_in_first_seen_order_and_the_table_names_them() {
    let r = scored();
    let mut sets: Vec<&str> = r.rows.iter().map(|row| row.set.as_str()).collect();
    sets.dedup();
    assert_eq!(sets, ["news", "gva", "quotes", "geo", "events"]);
    let table = r.to_table();
    assert!(table.starts_with("news: 2 cases, 1 errors\n"), "{table}");
    assert!(table.contains("\ngva: 4 cases, 1 errors\n"), "{table}");
    let json = serde_json::to_value(&r).expect("report serializes");
    assert!(json["rows"]
        .as_array()
        .is_some_and(|rows| rows.len() == r.rows.len()));
}

#[test]
fn malformed_gold_and_output_do_not_panic() {
    let mut scorer = Scorer::new();
    let gold = json!({"entities": "not a list", "title": 5, "cluster": null,
                      "toponyms": [{"text": "Nowhere"}], "quotes": [{"speaker": "x"}],
                      "events": [{"source": 7}], "counts": [{"type": "KILL", "number": "many"}]});
    let output = json!({"entities": [{"type": 3, "mentions": "x"}], "quotes": 4, "events": [null, {"code": 40}],
                        "counts": [{"type": "KILL"}], "text": 12});
    scorer.add(&case("bad", "odd", gold.clone()), Ok(&output));
    scorer.add(&case("bad2", "odd", gold), Ok(&json!("just a string")));
    let r = scorer.finish();
    // Malformed gold items are skipped, so toponyms and quotes have none to get wrong.
    check(&r, "odd", "toponyms", "accuracy", 0.0);
    check(&r, "odd", "quotes", "recall", 1.0);
    assert_eq!(r.get("odd", "entities", "f1"), None);
    assert_eq!(r.get("odd", "title", "accuracy"), None);
    // A gold event with no readable actor matches any output event: the object in the first
    // output does, the string output of the second case has none.
    check(&r, "odd", "events.dyad", "recall", 0.5);
}
