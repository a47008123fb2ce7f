//! Speed of the events stage alone on the shared bench corpus (ignored by default):
//! `cargo test --release -p newsgraph-events --test bench -- --ignored --nocapture`.
//! Upstream layers come from the engine's stages (`support::prepare`), prepared before timing.

mod support;

use std::time::Instant;
use support::knowledge;

#[test]
#[ignore]
fn events_stage_speed_on_bench_articles() {
    let Some(path) = newsgraph_testkit::shared_file("data/bench/news.jsonl") else {
        return;
    };
    let text = std::fs::read_to_string(&path).expect("the bench corpus reads");
    let limit: usize = std::env::var("BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let docs: Vec<_> = text
        .lines()
        .step_by(
            std::env::var("BENCH_STEP")
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(1),
        )
        .take(limit)
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| {
            let mut doc = support::prepare(v["text"].as_str().unwrap_or(""), "2016-01-01");
            doc.published = v["published"]
                .as_str()
                .map(|s| s.chars().take(10).collect());
            doc
        })
        .collect();
    let coder = knowledge().expect("knowledge");
    let rounds: usize = std::env::var("BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let mut events = 0;
    let cpu_started = thread_cpu_ns();
    let started = Instant::now();
    for _ in 0..rounds {
        for doc in &docs {
            events += coder.code_document(doc).len();
        }
    }
    let per_doc = started.elapsed().as_secs_f64() * 1000.0 / (rounds * docs.len()) as f64;
    // On a shared machine wall time counts other processes too; on-CPU time does not.
    let cpu_per_doc = match (cpu_started, thread_cpu_ns()) {
        (Some(a), Some(b)) => (b - a) as f64 / 1e6 / (rounds * docs.len()) as f64,
        _ => f64::NAN,
    };
    let words: usize = docs.iter().map(|d| d.text.split_whitespace().count()).sum();
    println!(
                "{} docs ({} words avg), {:.4} ms per article wall, {:.4} ms on CPU, {:.2} events per article",
        docs.len(),
        words / docs.len().max(1),
        per_doc,
        cpu_per_doc,
        events as f64 / (rounds * docs.len()) as f64
    );
}

/// Nanoseconds this thread has run on a CPU (Linux `schedstat`), if available.
fn thread_cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}
