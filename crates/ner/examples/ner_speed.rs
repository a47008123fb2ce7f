//! Time the `ner` recognition alone over a JSON-lines corpus, in process, best of three passes:
//! `cargo run --release -p newsgraph-ner --example ner_speed -- news.jsonl [LIMIT]`.
//! Steadier than per-stage figures of a whole run when comparing two builds of the tagger.

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: ner_speed FILE.jsonl [LIMIT]");
        std::process::exit(2);
    };
    let limit: usize = args
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(usize::MAX);
    let content = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(1);
    });
    let texts: Vec<String> = content
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(String::from))
        .take(limit)
        .collect();
    let knowledge = newsgraph_knowledge::Knowledge::embedded();
    let segmenter = newsgraph_text::segmenter(knowledge).expect("knowledge reads");
    let stage = newsgraph_ner::ner_stage(knowledge, &newsgraph_ner::Options::default())
        .expect("knowledge and weights read");
    let tokens: Vec<_> = texts.iter().map(|t| segmenter.segment(t, &[]).1).collect();

    let mut best = f64::MAX;
    let mut found = 0;
    for _ in 0..3 {
        let start = std::time::Instant::now();
        found = 0;
        for (text, toks) in texts.iter().zip(&tokens) {
            found += stage.recognise(text, toks, None, None).len();
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    let per_doc = best * 1e6 / texts.len().max(1) as f64;
    println!(
        "{} documents, {found} entities: {per_doc:.1} us per document ({:.0} per second)",
        texts.len(),
        1e6 / per_doc
    );
}
