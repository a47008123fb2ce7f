//! `newsgraph bench`: analyze speed and peak memory over a corpus, on 1 and 2 threads.
//!
//! Each configuration runs `newsgraph analyze` as a child process, so the peak memory of one run
//! does not hide in another's, and the figures are exactly what a user's run would see.

use anyhow::{bail, Context};
use std::path::PathBuf;
use std::process::{Command, Stdio};

#[derive(clap::Args)]
pub struct Args {
    /// JSON-lines corpus (default: ../shared/data/bench/news.jsonl).
    corpus: Option<PathBuf>,
    /// Thread counts to measure.
    #[arg(long, value_delimiter = ',', default_value = "1,2")]
    threads: Vec<usize>,
    /// Runs per configuration; the fastest is reported.
    #[arg(long, default_value = "1")]
    runs: usize,
    /// Also measure the store: ingest the corpus with linking into a fresh store, ingest it
    /// again (must add nothing), then time searches (p50/p95).
    #[arg(long)]
    store: bool,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let corpus = match args.corpus {
        Some(p) => p,
        None => crate::shared_dir()
            .map(|d| d.join("data/bench/news.jsonl"))
            .filter(|p| p.is_file())
            .context("no corpus given and ../shared/data/bench/news.jsonl not found; pass a JSON-lines file")?,
    };
    let exe = std::env::current_exe().context("cannot find the newsgraph binary")?;
    println!("corpus: {}", corpus.display());
    println!(
        "{:>7} {:>9} {:>9} {:>12} {:>18} {:>13}",
        "threads", "articles", "errors", "seconds", "articles/s/core", "peak RSS MB"
    );
    for &threads in &args.threads {
        let mut best: Option<serde_json::Value> = None;
        for _ in 0..args.runs.max(1) {
            let output = Command::new(&exe)
                .args([
                    "analyze",
                    "--summary-json",
                    "--out",
                    "/dev/null",
                    "--threads",
                    &threads.to_string(),
                ])
                .arg(&corpus)
                .stdin(Stdio::null())
                .output()
                .context("cannot run newsgraph analyze")?;
            let stderr = String::from_utf8_lossy(&output.stderr);
            if !output.status.success() {
                bail!("analyze failed: {stderr}");
            }
            let summary: serde_json::Value = stderr
                .lines()
                .rev()
                .find_map(|l| serde_json::from_str(l).ok())
                .context("analyze printed no summary")?;
            let secs = |v: &serde_json::Value| v["seconds"].as_f64().unwrap_or(f64::MAX);
            if best.as_ref().is_none_or(|b| secs(&summary) < secs(b)) {
                best = Some(summary);
            }
        }
        let s = best.context("no run")?;
        let articles = s["articles"].as_u64().unwrap_or(0);
        let seconds = s["seconds"].as_f64().unwrap_or(0.0);
        println!(
            "{:>7} {:>9} {:>9} {:>12.2} {:>18.0} {:>13}",
            threads,
            articles,
            s["errors"],
            seconds,
            articles as f64 / seconds.max(1e-9) / threads as f64,
            s["peak_rss_mb"]
        );
    }
    if args.store {
        bench_store(&exe, &corpus)?;
    }
    Ok(())
}

/// Ingest timings and search latency over a fresh store of the corpus.
fn bench_store(exe: &std::path::Path, corpus: &std::path::Path) -> anyhow::Result<()> {
    use std::time::Instant;
    let dir = std::env::temp_dir().join(format!("newsgraph-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let db = dir.join("bench.db");
    let _ = std::fs::remove_file(&db);
    for pass in ["first ingest", "second ingest"] {
        let started = Instant::now();
        let out = Command::new(exe)
            .arg("ingest")
            .arg(corpus)
            .arg("--db")
            .arg(&db)
            .stdin(Stdio::null())
            .output()?;
        if !out.status.success() {
            bail!("ingest failed: {}", String::from_utf8_lossy(&out.stderr));
        }
        let said = String::from_utf8_lossy(&out.stderr);
        println!(
            "{pass}: {:.1} s; {}",
            started.elapsed().as_secs_f64(),
            said.lines().last().unwrap_or("").trim()
        );
    }
    let store = newsgraph_store::Store::open_sqlite(&db)?;
    // Queries a user would type: frequent names and topic words, alone and with filters.
    let words = [
        "oil",
        "bank",
        "shooting",
        "police",
        "president",
        "election",
        "trade",
        "Japan",
        "dollar",
        "coffee",
        "\"interest rates\"",
        "killed",
        "court",
        "Chicago",
        "war",
        "strike",
        "budget",
        "wheat",
        "Iran",
        "minister",
    ];
    let mut times = Vec::new();
    for (i, w) in words.iter().cycle().take(200).enumerate() {
        let query = newsgraph_store::Query {
            text: Some(w.to_string()),
            since: (i % 3 == 1).then(|| "1987-03-01".to_string()),
            country: (i % 5 == 2).then(|| "US".to_string()),
            limit: 20,
            ..Default::default()
        };
        let started = Instant::now();
        let hits = store.search(&query)?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box(hits);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
    println!(
        "search over {} queries: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        times.len(),
        pct(0.5),
        pct(0.95),
        pct(1.0)
    );
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
