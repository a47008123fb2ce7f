//! Quick quality and speed check of HTML extraction on the shared dev sets, until the
//! workspace `eval` command covers them: body shingle F1 (word 4-grams, per-case P/R/F1
//! averaged, as `GOLD.md` describes), title accuracy (case/space folded) and published-date
//! accuracy, plus pages per second on one core.
//!
//! Run: `cargo run --release -p newsgraph-html --example dev_eval [--verbose]`.
//! Reads `$NEWSGRAPH_SHARED/data/dev/{readability,htmldate}.jsonl` (default: `../shared` or
//! `../../shared`, as `newsgraph_testkit::shared_dir` finds it); skips when absent.

use newsgraph_html::extract_article;
use std::collections::HashMap;
use std::time::Instant;

fn shingles(text: &str) -> HashMap<Vec<String>, u32> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    let mut out = HashMap::new();
    if words.len() < 4 {
        if !words.is_empty() {
            *out.entry(words).or_insert(0) += 1;
        }
        return out;
    }
    for w in words.windows(4) {
        *out.entry(w.to_vec()).or_insert(0) += 1;
    }
    out
}

fn prf(output: &str, gold: &str) -> (f64, f64, f64) {
    let o = shingles(output);
    let g = shingles(gold);
    let no: u32 = o.values().sum();
    let ng: u32 = g.values().sum();
    let common: u32 = o
        .iter()
        .map(|(k, c)| (*c).min(*g.get(k).unwrap_or(&0)))
        .sum();
    let p = if no == 0 {
        if ng == 0 {
            1.0
        } else {
            0.0
        }
    } else {
        common as f64 / no as f64
    };
    let r = if ng == 0 {
        1.0
    } else {
        common as f64 / ng as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

/// CPU nanoseconds this thread has run (Linux), if available.
fn cpu_nanos() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn fold(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn main() {
    let knowledge = newsgraph_html::HtmlKnowledge::embedded().unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(1);
    });
    let verbose = std::env::args().any(|a| a == "--verbose");
    // `--dump ID` prints one case's extracted text and gold body, to see what went wrong.
    let args: Vec<String> = std::env::args().collect();
    let dump = args
        .iter()
        .position(|a| a == "--dump")
        .and_then(|i| args.get(i + 1))
        .cloned();
    let Some(shared) = newsgraph_testkit::shared_dir() else {
        println!("skipped: no shared directory (set NEWSGRAPH_SHARED)");
        return;
    };
    for set in ["readability", "htmldate"] {
        let path = shared.join("data/dev").join(format!("{set}.jsonl"));
        let Ok(src) = std::fs::read_to_string(&path) else {
            println!("skipped: {} not found", path.display());
            continue;
        };
        let cases: Vec<serde_json::Value> = src
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect();
        // Speed: whole extraction (parse, metadata, main text), three rounds, nothing else timed.
        let pages: Vec<(&str, Option<&str>)> = cases
            .iter()
            .map(|c| {
                (
                    c["input"]["html"].as_str().unwrap_or(""),
                    c["input"]["url"].as_str(),
                )
            })
            .collect();
        let rounds = 3;
        let cpu_before = cpu_nanos();
        let timer = Instant::now();
        for _ in 0..rounds {
            for (html, url) in &pages {
                std::hint::black_box(extract_article(html, *url, &knowledge).ok());
            }
        }
        let wall_per_page = timer.elapsed().as_secs_f64() / (rounds * pages.len()) as f64;
        // CPU time of this thread when the OS reports it: the machine is shared, wall time is not ours.
        let per_page = match (cpu_before, cpu_nanos()) {
            (Some(a), Some(b)) => (b - a) as f64 / 1e9 / (rounds * pages.len()) as f64,
            _ => wall_per_page,
        };
        let total_bytes: usize = pages.iter().map(|p| p.0.len()).sum();
        let (mut sp, mut sr, mut sf, mut nb) = (0.0, 0.0, 0.0, 0);
        let (mut title_ok, mut nt, mut date_ok, mut nd) = (0, 0, 0, 0);
        let mut bytes = 0usize;
        let started = Instant::now();
        for case in &cases {
            let id = case["id"].as_str().unwrap_or("?");
            let html = case["input"]["html"].as_str().unwrap_or("");
            let url = case["input"]["url"].as_str();
            bytes += html.len();
            let article = match extract_article(html, url, &knowledge) {
                Ok(a) => a,
                Err(e) => {
                    println!("{id}: error {e}");
                    Default::default()
                }
            };
            let gold = &case["gold"];
            if dump.as_deref() == Some(id) {
                println!(
                    "--- output of {id}:\n{}\n--- gold body:\n{}\n---",
                    article.text,
                    gold["body"].as_str().unwrap_or("")
                );
            }
            if let Some(body) = gold["body"].as_str() {
                let (p, r, f) = prf(&article.text, body);
                sp += p;
                sr += r;
                sf += f;
                nb += 1;
                if verbose && f < 0.8 {
                    println!("{id}: body P {p:.2} R {r:.2} F {f:.2}");
                }
            }
            if let Some(title) = gold["title"].as_str() {
                nt += 1;
                let got = article.meta.title.as_deref().unwrap_or("");
                if fold(got) == fold(title) {
                    title_ok += 1;
                } else if verbose {
                    println!("{id}: title {got:?} != {title:?}");
                }
            }
            if let Some(date) = gold["published"].as_str() {
                nd += 1;
                let got = article.meta.published.as_deref().unwrap_or("");
                if got == &date[..date.len().min(10)] {
                    date_ok += 1;
                } else if verbose {
                    println!("{id}: date {got:?} != {date:?} {}", url.unwrap_or(""));
                }
            }
        }
        let secs = started.elapsed().as_secs_f64();
        let _ = secs;
        println!(
            "== {set}: {} cases, {:.1} MB, {:.0} pages/s, {:.1} MB/s per CPU-second (wall: {:.0} pages/s)",
            cases.len(),
            bytes as f64 / 1e6,
            1.0 / per_page,
            total_bytes as f64 / 1e6 / (per_page * pages.len() as f64),
            1.0 / wall_per_page
        );
        if nb > 0 {
            let n = nb as f64;
            println!(
                "body shingle P {:.3} R {:.3} F1 {:.3} (n={nb})",
                sp / n,
                sr / n,
                sf / n
            );
        }
        if nt > 0 {
            println!(
                "title accuracy {:.3} ({title_ok}/{nt})",
                title_ok as f64 / nt as f64
            );
        }
        if nd > 0 {
            println!(
                "published accuracy {:.3} ({date_ok}/{nd})",
                date_ok as f64 / nd as f64
            );
        }
    }
}
