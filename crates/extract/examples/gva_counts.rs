//! Scores the counts stage's toll alone on a GVA-style gold file (`toll` key of `shared/spec/GOLD.md`):
//! micro precision and recall of (type, number) pairs per case, and the time per article.
//!
//! Usage: `cargo run --release -p newsgraph-extract --example gva_counts -- GOLD.jsonl [MISSES.txt]`
//! Runs without the text and ner stages (the input text is taken as the clean text), so it
//! measures this stage in isolation; `newsgraph eval` measures the whole pipeline.

use newsgraph_model::Document;
use std::io::Write;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: gva_counts GOLD.jsonl [MISSES.txt]");
        std::process::exit(2);
    };
    let misses_path = args.next();
    let data = match std::fs::read_to_string(&path) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(1);
        }
    };
    let mut misses = misses_path.and_then(|p| std::fs::File::create(p).ok());
    let (mut gold_n, mut out_n, mut hit, mut cases) = (0usize, 0usize, 0usize, 0usize);
    let mut nanos = 0u128;
    let stage =
        match newsgraph_extract::counts::Counts::new(newsgraph_extract::Knowledge::embedded()) {
            Ok(stage) => stage,
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        };
    for line in data.lines() {
        let Ok(case) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let Some(gold) = case["gold"]["toll"].as_array() else {
            continue;
        };
        cases += 1;
        let input = &case["input"];
        let mut doc = Document::from_text(input["id"].as_str().unwrap_or(""), "");
        doc.text = input["text"].as_str().unwrap_or("").to_string();
        doc.published = input["published"]
            .as_str()
            .map(|s| s.chars().take(10).collect());
        doc.title = input["title"].as_str().map(str::to_string);
        let started = Instant::now();
        let counts = stage.figures(&doc).toll;
        nanos += started.elapsed().as_nanos();
        let gold: Vec<(String, i64)> = gold
            .iter()
            .map(|g| {
                (
                    g["type"].as_str().unwrap_or("").to_string(),
                    g["number"].as_i64().unwrap_or(-1),
                )
            })
            .collect();
        let mut out: Vec<(String, i64)> =
            counts.iter().map(|c| (c.kind.clone(), c.number)).collect();
        out.sort();
        out.dedup();
        let matched = out.iter().filter(|o| gold.contains(o)).count();
        gold_n += gold.len();
        out_n += out.len();
        hit += matched;
        if let Some(f) = misses.as_mut() {
            if matched != gold.len() || matched != out.len() {
                let _ = writeln!(f, "== {} gold {:?}", doc.id, gold);
                for c in &counts {
                    let _ = writeln!(
                        f,
                        "   out {} {} {:?}",
                        c.kind,
                        c.number,
                        &doc.text.get(c.span.start..c.span.end)
                    );
                }
            }
        }
    }
    let p = hit as f64 / out_n.max(1) as f64;
    let r = hit as f64 / gold_n.max(1) as f64;
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    println!(
        "cases {cases} gold {gold_n} output {out_n} matched {hit}  P {p:.3} R {r:.3} F1 {f1:.3}  {:.1} us/article",
        nanos as f64 / 1000.0 / cases.max(1) as f64
    );
}
