//! Time spent per phase (parse, metadata, main text) over the readability dev pages.
//! Run: `cargo run --release -p newsgraph-html --example phase_timing [set]`.
use std::time::Instant;
fn main() {
    let knowledge = newsgraph_html::HtmlKnowledge::embedded().unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(1);
    });
    let set = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "readability".into());
    let shared = std::env::var("NEWSGRAPH_SHARED").unwrap_or_else(|_| "/work/shared".into());
    let Ok(src) = std::fs::read_to_string(format!("{shared}/data/dev/{set}.jsonl")) else {
        println!("skipped: dev set not found");
        return;
    };
    let pages: Vec<String> = src
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| v["input"]["html"].as_str().unwrap_or("").to_string())
        .collect();
    let t = Instant::now();
    let doms: Vec<_> = pages
        .iter()
        .map(|p| newsgraph_html::dom::parse_html(p, &knowledge))
        .collect();
    let parse = t.elapsed();
    let t = Instant::now();
    let metas: Vec<_> = doms
        .iter()
        .map(|d| newsgraph_html::meta::page_meta(d, None))
        .collect();
    let meta = t.elapsed();
    let t = Instant::now();
    let mut slowest = Vec::new();
    for (i, (d, m)) in doms.iter().zip(&metas).enumerate() {
        let s = Instant::now();
        let _ = newsgraph_html::extract::extract_main_text(d, m.title.as_deref());
        slowest.push((s.elapsed(), i, d.nodes.len(), pages[i].len()));
    }
    let extract = t.elapsed();
    slowest.sort();
    println!(
        "parse {parse:?} meta {meta:?} extract {extract:?} for {} pages",
        pages.len()
    );
    for s in slowest.iter().rev().take(5) {
        println!("slow: {:?} page {} nodes {} bytes {}", s.0, s.1, s.2, s.3);
    }
}
