//! Scores engine outputs against gold files, standalone (without `newsgraph eval`).
//!
//! ```text
//! cargo run --release -p newsgraph-eval --example score -- \
//!     --outputs out.jsonl [--json] [--explain KEY] GOLD.jsonl...
//! ```
//!
//! `out.jsonl` holds output records (OUTPUT.md), matched to gold cases by `id`; a case with no
//! output record counts as an error output. Prints one table per set, or the report as JSON.
//! `--explain KEY` (`all` for every key) first lists, case by case, the gold items missed and
//! the output items matching nothing on that key.

use newsgraph_eval::{explain, read_cases, Scorer};
use serde_json::Value;
use std::collections::HashMap;
use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("score: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut gold_files: Vec<PathBuf> = Vec::new();
    let mut outputs: Option<PathBuf> = None;
    let mut json = false;
    let mut explain_key: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => json = true,
            "--outputs" => outputs = args.next().map(PathBuf::from),
            "--explain" => explain_key = args.next(),
            _ => gold_files.push(PathBuf::from(arg)),
        }
    }
    let usage = "usage: score --outputs OUT.jsonl [--json] [--explain KEY|all] GOLD.jsonl...";
    let outputs = outputs.ok_or(usage)?;
    if gold_files.is_empty() {
        return Err(usage.to_string());
    }

    let file = std::fs::File::open(&outputs)
        .map_err(|e| format!("{}: {e} (run `newsgraph analyze` first)", outputs.display()))?;
    let mut by_id: HashMap<String, Value> = HashMap::new();
    for (index, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| format!("{}: {e}", outputs.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let record: Value = serde_json::from_str(&line)
            .map_err(|e| format!("{} line {}: {e}", outputs.display(), index + 1))?;
        if let Some(id) = record.get("id").and_then(Value::as_str) {
            by_id.insert(id.to_string(), record);
        }
    }

    let mut scorer = Scorer::new();
    for path in &gold_files {
        for case in read_cases(path).map_err(|e| e.to_string())? {
            let output = by_id.get(&case.id).ok_or("no output record with this id");
            if let Some(key) = &explain_key {
                for e in explain(&case, output) {
                    if key == "all" || e.key == *key || e.key == "output" {
                        println!("{} {}", case.id, e.key);
                        for item in &e.missed {
                            println!("  - {item}");
                        }
                        for item in &e.extra {
                            println!("  + {item}");
                        }
                    }
                }
            }
            scorer.add(&case, output);
        }
    }
    let report = scorer.finish();
    if json {
        let text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
        println!("{text}");
    } else {
        print!("{}", report.to_table());
    }
    Ok(())
}
