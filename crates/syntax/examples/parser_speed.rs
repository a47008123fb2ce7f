//! Time tagging and parsing: `cargo run --release -p newsgraph-syntax --example parser_speed --
//! WEIGHTS.bin DEV.conllu [ROUNDS]` prints words per second for tagging alone and for the whole
//! analysis.

use newsgraph_syntax::{conllu, Analysis, Model, Scratch};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(weights), Some(dev)) = (args.first(), args.get(1)) else {
        eprintln!("usage: parser_speed WEIGHTS.bin DEV.conllu [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(3);
    let model = Model::from_bytes(&std::fs::read(weights).expect("weights")).expect("model");
    let trees = conllu::read(&std::fs::read_to_string(dev).expect("dev"));
    let sentences: Vec<Vec<&str>> = trees
        .iter()
        .map(|t| t.tokens.iter().map(|k| k.form.as_str()).collect())
        .collect();
    let words: usize = sentences.iter().map(Vec::len).sum();
    let mut scratch = Scratch::default();
    let mut out = Analysis::default();
    let mut tags = Vec::new();
    for _ in 0..rounds {
        let t = Instant::now();
        for s in &sentences {
            model.tag(s, &mut scratch, &mut tags);
        }
        let tag_s = t.elapsed().as_secs_f64();
        let t = Instant::now();
        for s in &sentences {
            model.analyze(s, &mut scratch, &mut out);
        }
        let all_s = t.elapsed().as_secs_f64();
        println!(
            "{words} words: tag {:.0} words/s ({:.2} us/word), tag+parse+label {:.0} words/s ({:.2} us/word)",
            words as f64 / tag_s,
            tag_s * 1e6 / words as f64,
            words as f64 / all_s,
            all_s * 1e6 / words as f64
        );
    }
}
