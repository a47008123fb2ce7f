//! Time the `ner` + `geocode` stages on an input JSON-lines file (`text` per line), after a
//! warm-up that compiles the knowledge: `bench_ner FILE [N]`.

use newsgraph_model::Document;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: bench_ner FILE.jsonl [N]");
        std::process::exit(2);
    };
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(2000);
    let content = std::fs::read_to_string(path).unwrap_or_default();
    let texts: Vec<String> = content
        .lines()
        .take(n)
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| v["text"].as_str().unwrap_or("").to_string())
        .collect();
    let stages = newsgraph_ner::stages();
    let tokens: Vec<_> = texts
        .iter()
        .map(|t| newsgraph_ner::tokenize::tokenize(t))
        .collect();
    let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();
    let started = std::time::Instant::now();
    let mut entities = 0;
    for (text, toks) in texts.iter().zip(&tokens) {
        let mut doc = Document {
            text: text.clone(),
            tokens: toks.clone(),
            ..Default::default()
        };
        for s in &stages {
            let _ = s.run(&mut doc);
        }
        entities += doc.entities.len();
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{} docs, {:.0} words/doc, {:.3} ms/doc ({:.3} ms per 230 words), {entities} entities",
        texts.len(),
        words as f64 / texts.len().max(1) as f64,
        secs * 1e3 / texts.len().max(1) as f64,
        secs * 1e3 / words.max(1) as f64 * 230.0
    );
}
