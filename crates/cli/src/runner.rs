//! The command line's runner: streams items through the library's ordered parallel analysis
//! ([`newsgraph::Engine::analyze_records_map`]), hands results to a sink in input order, and
//! keeps the counts, the progress bar and the closing summary.
//!
//! Memory stays bounded: the library keeps a few chunks of articles in flight at a time,
//! whatever the size of the input.

use indicatif::{ProgressBar, ProgressStyle};
use newsgraph::Engine;
use newsgraph_io::Item;
use std::io::IsTerminal;
use std::time::{Duration, Instant};

/// What a run did, for the closing summary and the bench.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    pub articles: u64,
    pub errors: u64,
    pub elapsed: Duration,
    pub threads: usize,
}

impl Summary {
    pub fn per_second(&self) -> f64 {
        self.articles as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
    pub fn json(&self) -> String {
        serde_json::json!({
            "articles": self.articles,
            "errors": self.errors,
            "seconds": self.elapsed.as_secs_f64(),
            "threads": self.threads,
            "peak_rss_mb": peak_rss_mb(),
        })
        .to_string()
    }
    pub fn line(&self) -> String {
        format!(
            "{} articles ({} errors) in {:.2} s: {:.0} articles/s on {} thread{} ({:.0}/s per thread); peak memory {} MB",
            self.articles,
            self.errors,
            self.elapsed.as_secs_f64(),
            self.per_second(),
            self.threads,
            if self.threads == 1 { "" } else { "s" },
            self.per_second() / self.threads as f64,
            peak_rss_mb().map(|m| m.to_string()).unwrap_or_else(|| "?".into()),
        )
    }
}

/// Peak resident memory of this process in MB (Linux `VmHWM`), when the OS tells.
pub fn peak_rss_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

/// One analyzed item: the record, or its id and what went wrong.
pub type Outcome = newsgraph::Outcome;

/// Run the engine over `items`, calling `sink` in input order. `map` turns each outcome into the
/// sink's type inside the worker threads (serialization is parallel too).
pub fn run<T: Send + 'static>(
    engine: &Engine,
    items: impl Iterator<Item = Item>,
    threads: usize,
    show_progress: bool,
    map: impl Fn(Outcome) -> T + Send + Sync + 'static,
    mut sink: impl FnMut(T) -> std::io::Result<()>,
) -> anyhow::Result<Summary> {
    let progress = if show_progress && std::io::stderr().is_terminal() {
        let bar = ProgressBar::new_spinner();
        bar.set_style(ProgressStyle::with_template(
            "{spinner} {pos} articles, {per_sec}, {elapsed} {msg}",
        )?);
        bar.enable_steady_tick(Duration::from_millis(200));
        Some(bar)
    } else {
        None
    };
    let started = Instant::now();
    let mut summary = Summary {
        threads,
        ..Default::default()
    };
    let outcomes = engine.analyze_records_map(items, threads, move |outcome| {
        (outcome.is_err(), map(outcome))
    })?;
    for (failed, out) in outcomes {
        summary.articles += 1;
        summary.errors += failed as u64;
        sink(out)?;
        if let Some(bar) = &progress {
            if summary.articles.is_multiple_of(64) {
                bar.set_position(summary.articles);
                if summary.errors > 0 {
                    bar.set_message(format!("({} errors)", summary.errors));
                }
            }
        }
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    summary.elapsed = started.elapsed();
    Ok(summary)
}
