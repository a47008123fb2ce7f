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
    Ok(())
}
