//! Parse sentences given one a line on stdin, words separated by spaces, and print each word's
//! tag, head and relation: `cargo run --release -p newsgraph-syntax --example parse [WEIGHTS]`
//! (the embedded weights by default).

use newsgraph_syntax::{render, Analysis, Model, Scratch};
use std::io::BufRead;

fn main() {
    let bytes = match std::env::args().nth(1) {
        Some(path) => std::fs::read(&path).expect("weights"),
        None => newsgraph_knowledge::Knowledge::embedded()
            .parser_weights()
            .to_vec(),
    };
    let model = &Model::from_bytes(&bytes).expect("model");
    let mut scratch = Scratch::default();
    let mut out = Analysis::default();
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let words: Vec<&str> = line.split_whitespace().collect();
        model.analyze(&words, &mut scratch, &mut out);
        println!("{}", render(model, &words, &out));
    }
}
