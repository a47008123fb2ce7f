//! Tune and check the story linker, in memory, on analyzed records.
//!
//! `newsgraph eval GOLD.jsonl --dump OUT.jsonl` (or `newsgraph analyze`) writes the records; then
//! `cargo run --release -p newsgraph-store --example tune_stories -- OUT.jsonl [GOLD.jsonl]`
//! links them in file order with the default `LinkerConfig` (or each config of the grid given
//! by `STORY_GRID=sim,sim,...`) and prints B-cubed precision, recall and F1 against the gold
//! `cluster` keys when a gold file is given, and the shape of the stories: how many, the
//! largest, the widest span in days, and how many hold more than 100 articles or span more
//! than 31 days.

use newsgraph_model::Record;
use newsgraph_store::link::day_number;
use newsgraph_store::{Linker, LinkerConfig};
use std::collections::HashMap;

fn bcubed(pred: &[String], gold: &[String]) -> (f64, f64, f64) {
    let mut by_pred: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_gold: HashMap<&str, Vec<usize>> = HashMap::new();
    for i in 0..pred.len() {
        by_pred.entry(&pred[i]).or_default().push(i);
        by_gold.entry(&gold[i]).or_default().push(i);
    }
    let (mut p, mut r) = (0.0, 0.0);
    for i in 0..pred.len() {
        let same_pred = &by_pred[pred[i].as_str()];
        let same_gold = &by_gold[gold[i].as_str()];
        let both = same_pred.iter().filter(|&&j| gold[j] == gold[i]).count() as f64;
        p += both / same_pred.len() as f64;
        r += both / same_gold.len() as f64;
    }
    let n = pred.len() as f64;
    let (p, r) = (p / n, r / n);
    (p, r, 2.0 * p * r / (p + r))
}

/// Stories: count, largest (size, id), widest (days, id), over 100 articles, over 31 days.
fn shape(records: &[Record], pred: &[String]) -> String {
    let mut stories: HashMap<&str, (usize, Option<i64>, Option<i64>)> = HashMap::new();
    for (r, s) in records.iter().zip(pred) {
        let e = stories.entry(s).or_insert((0, None, None));
        e.0 += 1;
        if let Some(d) = r.published.as_deref().and_then(day_number) {
            e.1 = Some(e.1.map_or(d, |x: i64| x.min(d)));
            e.2 = Some(e.2.map_or(d, |x: i64| x.max(d)));
        }
    }
    let span = |v: &(usize, Option<i64>, Option<i64>)| v.2.zip(v.1).map_or(0, |(a, b)| a - b);
    let largest = stories
        .iter()
        .max_by_key(|(id, v)| (v.0, *id))
        .map(|(id, v)| (v.0, *id));
    let widest = stories
        .iter()
        .max_by_key(|(id, v)| (span(v), *id))
        .map(|(id, v)| (span(v), *id));
    let multi = stories.values().filter(|v| v.0 > 1).count();
    format!(
        "{} stories ({multi} with 2+), largest {:?}, widest {:?} days, >100: {}, >31 days: {}",
        stories.len(),
        largest,
        widest,
        stories.values().filter(|v| v.0 > 100).count(),
        stories.values().filter(|v| span(v) > 31).count()
    )
}

/// The `n` largest stories, each with its first titles (or text openings) and dates.
fn dump(records: &[Record], pred: &[String], n: usize) {
    let mut stories: HashMap<&str, Vec<&Record>> = HashMap::new();
    for (r, s) in records.iter().zip(pred) {
        stories.entry(s).or_default().push(r);
    }
    let mut list: Vec<(&str, Vec<&Record>)> = stories.into_iter().collect();
    list.sort_by_key(|(id, v)| (std::cmp::Reverse(v.len()), *id));
    for (id, members) in list.into_iter().take(n) {
        println!("== {id}: {} articles", members.len());
        for r in members.iter().take(12) {
            let head: String = r
                .title
                .clone()
                .unwrap_or_else(|| r.text.chars().take(90).collect())
                .replace('\n', " ");
            println!(
                "   {} {} | {head}",
                r.published.as_deref().unwrap_or("-"),
                r.id
            );
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: tune_stories RECORDS.jsonl [GOLD.jsonl]");
        std::process::exit(2);
    };
    let records: Vec<Record> = std::fs::read_to_string(path)
        .expect("records file")
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let gold: Option<HashMap<String, String>> = args.get(2).map(|g| {
        std::fs::read_to_string(g)
            .expect("gold file")
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| {
                let cluster = match &v["gold"]["cluster"] {
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                Some((v["id"].as_str()?.to_string(), cluster))
            })
            .collect()
    });
    let records: Vec<Record> = match &gold {
        Some(g) => records
            .into_iter()
            .filter(|r| g.contains_key(&r.id))
            .collect(),
        None => records,
    };
    // STORY_SIM, STORY_ENTITY, STORY_WINDOW: comma-separated values to try (a grid).
    let list = |name: &str| -> Vec<f64> {
        std::env::var(name)
            .ok()
            .map(|g| g.split(',').filter_map(|x| x.parse().ok()).collect())
            .unwrap_or_default()
    };
    let base = LinkerConfig::default();
    let or = |v: Vec<f64>, d: f64| if v.is_empty() { vec![d] } else { v };
    let mut configs = Vec::new();
    for sim in or(list("STORY_SIM"), base.story_similarity) {
        for ent in or(list("STORY_ENTITY"), base.story_entity_similarity) {
            for win in or(list("STORY_WINDOW"), base.story_window_days as f64) {
                for title in or(list("STORY_TITLE"), base.title_weight as f64) {
                    configs.push(LinkerConfig {
                        story_similarity: sim,
                        story_entity_similarity: ent,
                        story_window_days: win as i64,
                        title_weight: title as u32,
                        ..base
                    });
                }
            }
        }
    }
    for config in configs {
        let started = std::time::Instant::now();
        let mut linker = Linker::with_config(config);
        let pred: Vec<String> = records.iter().map(|r| linker.link(r).0.story).collect();
        let secs = started.elapsed().as_secs_f64();
        let scores = gold.as_ref().map(|g| {
            let gold: Vec<String> = records.iter().map(|r| g[&r.id].clone()).collect();
            let (p, r, f) = bcubed(&pred, &gold);
            format!("P {p:.3} R {r:.3} F1 {f:.4}; ")
        });
        println!(
            "sim {:.2} entity {:.2} window {} title {}: {}{} ({secs:.1} s)",
            config.story_similarity,
            config.story_entity_similarity,
            config.story_window_days,
            config.title_weight,
            scores.unwrap_or_default(),
            shape(&records, &pred)
        );
        if let Some(n) = std::env::var("STORY_DUMP")
            .ok()
            .and_then(|n| n.parse::<usize>().ok())
        {
            dump(&records, &pred, n);
        }
    }
}
