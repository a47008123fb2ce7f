//! Tune the story linker on records whose gold story is known.
//!
//! `newsgraph eval GOLD.jsonl --dump OUT.jsonl` writes the records; then
//! `cargo run --release -p newsgraph-store --example tune_stories -- OUT.jsonl GOLD.jsonl`
//! prints B-cubed precision, recall and F1 over a grid of thresholds.

use newsgraph_model::Record;
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

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let records: Vec<Record> = std::fs::read_to_string(&args[1])
        .expect("records file")
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let gold: HashMap<String, String> = std::fs::read_to_string(&args[2])
        .expect("gold file")
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| {
            Some((
                v["id"].as_str()?.to_string(),
                v["gold"]["cluster"].as_str()?.to_string(),
            ))
        })
        .collect();
    let records: Vec<Record> = records
        .into_iter()
        .filter(|r| gold.contains_key(&r.id))
        .collect();
    let gold: Vec<String> = records.iter().map(|r| gold[&r.id].clone()).collect();
    for sim in [0.16, 0.18, 0.2, 0.22, 0.25] {
        for top in [64, 96, 160, 256] {
            for ew in [2] {
                for window in [2, 4, 7, 10] {
                    let config = LinkerConfig {
                        story_similarity: sim,
                        top_terms: top,
                        entity_weight: ew,
                        story_window_days: window,
                        ..LinkerConfig::default()
                    };
                    let mut linker = Linker::with_config(config);
                    let pred: Vec<String> =
                        records.iter().map(|r| linker.link(r).0.story).collect();
                    let (p, r, f) = bcubed(&pred, &gold);
                    println!("sim {sim:.2} top {top:3} entity {ew} window {window:2}: P {p:.3} R {r:.3} F1 {f:.3}");
                }
            }
        }
    }
}
