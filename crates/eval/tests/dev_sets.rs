//! The scorer on the real gold sets of `shared/data/dev` (skipped when they are absent):
//! outputs built straight from the gold must score 1.0 on every figure, and empty outputs must
//! score 0 recall. This checks that every gold shape the sets use is read, and that scoring
//! the whole dev collection stays fast.

use newsgraph_eval::{explain, read_cases, Case, Report, Scorer};
use serde_json::{json, Value};
use std::path::PathBuf;

fn dev_cases() -> Option<Vec<Case>> {
    let dir = newsgraph_testkit::shared_file("data/dev")?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let mut cases = Vec::new();
    for file in files {
        cases.extend(read_cases(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display())));
    }
    Some(cases)
}

/// An output record that says exactly what the gold says.
fn perfect_output(case: &Case) -> Value {
    let gold = &case.gold;
    let empty = Vec::new();
    let list = |key: &str| gold.get(key).and_then(Value::as_array).unwrap_or(&empty);
    let mut entities = Vec::new();
    for e in list("entities") {
        entities
            .push(json!({"name": e["text"], "type": e["type"], "mentions": [{"text": e["text"]}]}));
    }
    for t in list("toponyms") {
        entities.push(json!({"name": t["text"], "type": "LOCATION",
                             "geo": {"lat": t["lat"], "lon": t["lon"]}, "mentions": [{"text": t["text"]}]}));
    }
    // A place is also one of the gold's LOCATION mentions where the case lists entities too:
    // give that mention its country rather than output the place a second time.
    for p in list("places") {
        let listed = entities
            .iter_mut()
            .find(|e| e["type"] == "LOCATION" && e["name"] == p["text"] && e.get("geo").is_none());
        match listed {
            Some(e) => e["geo"] = json!({"country": p["country"]}),
            None => entities.push(json!({"name": p["text"], "type": "LOCATION",
                                         "geo": {"country": p["country"]}, "mentions": [{"text": p["text"]}]})),
        }
    }
    let events: Vec<Value> = list("events")
        .iter()
        .map(|e| {
            let code = e["code"]
                .as_str()
                .map(str::to_string)
                .unwrap_or_else(|| format!("{}0", e["cameo_roots"][0].as_str().unwrap_or("01")));
            let actor = |side: &Value| side.as_str().map(|c| json!({"name": c, "code": c}));
            json!({"source": actor(&e["source"]), "target": actor(&e["target"]),
                   "root": code[..2].to_string(), "code": code})
        })
        .collect();
    json!({
        "id": case.id, "title": gold["title"], "published": gold["published"],
        "text": gold.get("body").cloned().unwrap_or(json!("")),
        "entities": entities, "quotes": gold["quotes"], "counts": gold["counts"], "toll": gold["toll"],
        "events": events, "story": gold["cluster"]
    })
}

fn score(cases: &[Case], output: impl Fn(&Case) -> Value) -> Report {
    let mut scorer = Scorer::new();
    for case in cases {
        scorer.add(case, Ok(&output(case)));
    }
    scorer.finish()
}

#[test]
fn gold_as_output_scores_one_everywhere_and_nothing_scores_zero_recall() {
    let Some(cases) = dev_cases() else {
        return;
    };
    let outputs: Vec<Value> = cases.iter().map(perfect_output).collect();
    let started = std::time::Instant::now();
    let mut scorer = Scorer::new();
    for (case, output) in cases.iter().zip(&outputs) {
        scorer.add(case, Ok(output));
    }
    let perfect = scorer.finish();
    println!("scored {} cases in {:?}", cases.len(), started.elapsed());
    println!("{}", perfect.to_table());
    for row in perfect.rows.iter().filter(|r| r.key != "output") {
        assert!((row.value - 1.0).abs() < 1e-9, "{row:?}");
    }
    for (case, output) in cases.iter().zip(&outputs) {
        let misses = explain(case, Ok(output));
        assert!(misses.is_empty(), "{}: {misses:?}", case.id);
    }
    let nothing = score(&cases, |case| json!({"id": case.id}));
    for row in &nothing.rows {
        // (B-cubed recall is not 0: every story alone still finds the one-article stories.)
        let must_be_zero = ["recall", "accuracy", "accuracy_1to1"];
        if must_be_zero.contains(&row.metric.as_str()) {
            assert_eq!(row.value, 0.0, "{row:?}");
        }
    }
}
