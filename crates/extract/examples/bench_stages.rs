//! Time per article of each stage of this crate over a JSON-lines corpus (input records), run
//! alone on one thread: `cargo run --release -p newsgraph-extract --example bench_stages --
//! shared/data/bench/news.jsonl [LIMIT]`. The input text is taken as the clean text, and
//! sentences come from the fallback splitter (no text stage).

use newsgraph_model::Document;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: bench_stages CORPUS.jsonl [LIMIT]");
        std::process::exit(2);
    };
    let limit: usize = args
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(usize::MAX);
    let Ok(data) = std::fs::read_to_string(&path) else {
        eprintln!("cannot read {path}");
        std::process::exit(1);
    };
    let mut docs: Vec<Document> = Vec::new();
    for line in data.lines().take(limit) {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let mut doc = Document::from_text(v["id"].as_str().unwrap_or(""), "");
        doc.text = v["text"].as_str().unwrap_or("").to_string();
        doc.title = v["title"].as_str().map(str::to_string);
        doc.published = v["published"]
            .as_str()
            .map(|s| s.chars().take(10).collect());
        docs.push(doc);
    }
    let stages = match newsgraph_extract::stages(newsgraph_extract::Knowledge::embedded()) {
        Ok(stages) => stages,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    // Warm up: compile every lexicon once.
    if let Some(first) = docs.first() {
        for stage in &stages {
            let _ = stage.run(&mut first.clone());
        }
    }
    // Document by document, every stage in turn, as the pipeline runs them.
    let n = docs.len().max(1) as f64;
    let mut nanos = vec![0u128; stages.len()];
    let started = Instant::now();
    let cpu_started = cpu_nanos();
    for doc in docs.iter_mut() {
        for (k, stage) in stages.iter().enumerate() {
            let t = Instant::now();
            let _ = stage.run(doc);
            nanos[k] += t.elapsed().as_nanos();
        }
    }
    let wall = started.elapsed().as_secs_f64() * 1e6 / n;
    let cpu = cpu_nanos()
        .zip(cpu_started)
        .map_or(f64::NAN, |(b, a)| (b - a) as f64 / 1e3 / n);
    for (stage, ns) in stages.iter().zip(&nanos) {
        println!(
            "{:8} {:7.2} us/article wall",
            stage.name(),
            *ns as f64 / 1e3 / n
        );
    }
    println!(
        "{:8} {:7.2} us/article wall {:7.2} us/article on cpu, {} articles",
        "all",
        wall,
        cpu,
        docs.len()
    );
}

/// Time this thread has spent on a CPU (Linux schedstat), so a loaded machine does not skew
/// the figure as much as wall time does.
fn cpu_nanos() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}
