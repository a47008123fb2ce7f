//! Print what the stages of this crate find in the first articles of a JSON-lines corpus, for
//! a person to read: `cargo run --release -p newsgraph-extract --example peek -- FILE [N] [SKIP]`.

use newsgraph_model::Document;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: peek FILE.jsonl [N] [SKIP]");
        std::process::exit(2);
    };
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(5);
    let skip: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(0);
    let data = std::fs::read_to_string(&path).unwrap_or_default();
    let stages = match newsgraph_extract::stages(newsgraph_extract::Knowledge::embedded()) {
        Ok(stages) => stages,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    for line in data.lines().skip(skip).take(n) {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let input = if v["input"].is_object() {
            &v["input"]
        } else {
            &v
        };
        let mut doc = Document::from_text(input["id"].as_str().unwrap_or(""), "");
        doc.text = input["text"].as_str().unwrap_or("").to_string();
        doc.title = input["title"].as_str().map(str::to_string);
        doc.published = input["published"]
            .as_str()
            .map(|s| s.chars().take(10).collect());
        for stage in &stages {
            let _ = stage.run(&mut doc);
        }
        println!("== {} published {:?}", doc.id, doc.published);
        for d in &doc.dates {
            println!("  date  {:?} -> {}", doc.slice(d.span), d.value);
        }
        for c in &doc.counts {
            let text = if c.in_title {
                "(title)"
            } else {
                doc.slice(c.span)
            };
            println!("  count {} {} {:?} {:?}", c.kind, c.number, c.object, text);
        }
        let themes: Vec<String> = doc
            .themes
            .iter()
            .map(|t| format!("{}:{}", t.code, t.evidence.len()))
            .collect();
        println!("  themes {}", themes.join(" "));
        println!("  tone {:?}", doc.tone);
    }
}
