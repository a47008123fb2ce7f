//! Measure and inspect the text stages over a JSON-lines file of input records
//! (`{"id", "text", "title"?, "published"?}`, or gold lines whose `input` is such a record).
//!
//! ```text
//! cargo run --release -p newsgraph-text --example textbench -- bench   FILE.jsonl
//! cargo run --release -p newsgraph-text --example textbench -- removed FILE.jsonl
//! cargo run --release -p newsgraph-text --example textbench -- show    FILE.jsonl [ID]
//! cargo run --release -p newsgraph-text --example textbench -- jsonl   FILE.jsonl
//! ```
//! `bench` times clean and segment separately over every record (best of three passes);
//! `removed` lists every removed line with its reason; `show` prints one record's clean text
//! with `|` between sentences; `jsonl` writes one JSON line per record (text, metadata,
//! removed lines, sentences) for scripts to inspect.

use newsgraph_model::{Document, Hints};
use std::time::Instant;

/// CPU seconds this thread has run (Linux `schedstat`); wall time where that is unavailable.
fn cpu_seconds() -> f64 {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .next()
                .and_then(|n| n.parse::<f64>().ok())
        })
        .map(|ns| ns / 1e9)
        .unwrap_or_else(|| START.get_or_init(Instant::now).elapsed().as_secs_f64())
}

fn read_docs(path: &str) -> Vec<Document> {
    let data = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    data.lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|v| {
            let rec = v.get("input").cloned().unwrap_or(v);
            let text = rec.get("text")?.as_str()?.to_owned();
            let field = |k: &str| rec.get(k).and_then(|x| x.as_str()).map(str::to_owned);
            let mut doc = Document::from_text(field("id").unwrap_or_default(), text);
            doc.hints = Hints {
                url: field("url"),
                title: field("title"),
                published: field("published"),
                source: field("source"),
            };
            Some(doc)
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (mode, path) = match args.as_slice() {
        [m, p, ..] => (m.as_str(), p.as_str()),
        _ => {
            eprintln!("usage: textbench bench|removed|show FILE.jsonl [ID]");
            std::process::exit(2);
        }
    };
    let docs = read_docs(path);
    let stages = newsgraph_text::stages(newsgraph_knowledge::Knowledge::embedded())
        .expect("knowledge reads");
    match mode {
        "bench" => {
            let words: usize = docs
                .iter()
                .map(|d| match &d.raw {
                    Some(newsgraph_model::Raw::Text(t)) => t.split_whitespace().count(),
                    _ => 0,
                })
                .sum();
            // CPU time of this thread, not wall time: the bench machine is shared, and a
            // busy neighbour must not count against the stage.
            let mut best = [f64::MAX; 2];
            let (mut sentences, mut tokens) = (0, 0);
            for _ in 0..3 {
                let mut batch = docs.clone();
                for (i, stage) in stages.iter().enumerate() {
                    let t = cpu_seconds();
                    for doc in &mut batch {
                        if let Err(e) = stage.run(doc) {
                            eprintln!("{}: {e}", doc.id);
                        }
                    }
                    best[i] = best[i].min(cpu_seconds() - t);
                }
                sentences = batch.iter().map(|d| d.sentences.len()).sum();
                tokens = batch.iter().map(|d| d.tokens.len()).sum();
            }
            let n = docs.len() as f64;
            let total = best[0] + best[1];
            println!("{} articles, {} words ({:.0} words/article), {sentences} sentences, {tokens} tokens", docs.len(), words, words as f64 / n);
            println!("clean   {:8.2} us/article", best[0] / n * 1e6);
            println!("segment {:8.2} us/article", best[1] / n * 1e6);
            println!("both    {:8.2} us/article = {:.0} articles/s per core (thread CPU time, best of 3)", total / n * 1e6, n / total);
        }
        "removed" => {
            let mut by_reason = std::collections::BTreeMap::<String, usize>::new();
            let mut docs_with = 0;
            let mut paragraphs = 0;
            for mut doc in docs.clone() {
                for stage in &stages {
                    let _ = stage.run(&mut doc);
                }
                paragraphs += doc.paragraphs.len();
                docs_with += usize::from(!doc.removed.is_empty());
                for r in &doc.removed {
                    *by_reason.entry(r.reason.clone()).or_default() += 1;
                    println!("{}\t{}\t{}", doc.id, r.reason, r.text);
                }
            }
            eprintln!(
                "{} articles, {} with removals, {} kept paragraphs; removed by reason: {:?}",
                docs.len(),
                docs_with,
                paragraphs,
                by_reason
            );
        }
        "show" => {
            let want = args.get(2);
            for mut doc in docs.clone() {
                if want.is_some_and(|w| *w != doc.id) {
                    continue;
                }
                for stage in &stages {
                    let _ = stage.run(&mut doc);
                }
                println!(
                    "== {} title={:?} published={:?} lang={:?} dateline={:?} author={:?}",
                    doc.id,
                    doc.title,
                    doc.published,
                    doc.language,
                    doc.dateline.map(|s| doc.slice(s).to_owned()),
                    doc.author
                );
                for r in &doc.removed {
                    println!("  - [{}] {}", r.reason, r.text);
                }
                for i in 0..doc.paragraphs.len() {
                    let sents: Vec<&str> = doc
                        .sentences
                        .iter()
                        .filter(|s| s.paragraph == i)
                        .map(|s| doc.slice(s.span))
                        .collect();
                    println!("  {}", sents.join(" | "));
                }
            }
        }
        "jsonl" => {
            for mut doc in docs.clone() {
                for stage in &stages {
                    let _ = stage.run(&mut doc);
                }
                let sentences: Vec<&str> =
                    doc.sentences.iter().map(|s| doc.slice(s.span)).collect();
                let tokens: Vec<&str> = doc.tokens.iter().map(|t| doc.slice(t.span)).collect();
                let rec = serde_json::json!({
                    "id": doc.id, "title": doc.title, "published": doc.published, "language": doc.language,
                    "author": doc.author, "dateline": doc.dateline.map(|s| doc.slice(s).to_owned()),
                    "text": doc.text, "removed": doc.removed, "sentences": sentences, "tokens": tokens,
                });
                println!("{rec}");
            }
        }
        _ => eprintln!("unknown mode {mode}"),
    }
}
