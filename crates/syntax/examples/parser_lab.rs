//! Try training options without rebuilding the binary:
//! `cargo run --release -p newsgraph-syntax --example parser_lab -- TRAIN.conllu DEV.conllu [OUT.bin]`
//! Environment: `EPOCHS`, `TAGGER_BITS`, `PARSER_BITS`, `LABELER_BITS`, `SEED`.

use newsgraph_syntax::train::{train, TrainOptions};

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(train_path), Some(dev_path)) = (args.first(), args.get(1)) else {
        eprintln!("usage: parser_lab TRAIN.conllu DEV.conllu [OUT.bin]");
        std::process::exit(2);
    };
    let d = TrainOptions::default();
    let opts = TrainOptions {
        epochs: env_or("EPOCHS", d.epochs),
        tagger_bits: env_or("TAGGER_BITS", d.tagger_bits),
        parser_bits: env_or("PARSER_BITS", d.parser_bits),
        labeler_bits: env_or("LABELER_BITS", d.labeler_bits),
        min_label_count: d.min_label_count,
        seed: env_or("SEED", d.seed),
    };
    let read = |p: &str| std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{p}: {e}"));
    let start = std::time::Instant::now();
    let (model, report) = train(&read(train_path), &read(dev_path), &opts, |line| {
        eprintln!("{line} ({:.1} s)", start.elapsed().as_secs_f64())
    })
    .expect("training");
    println!("{report:#?}");
    let rels = [
        "nsubj",
        "nsubj:pass",
        "obj",
        "iobj",
        "obl",
        "obl:agent",
        "nmod",
        "nmod:poss",
        "ccomp",
        "xcomp",
        "conj",
        "appos",
        "acl",
        "acl:relcl",
        "advcl",
        "compound",
        "amod",
    ];
    let dev_trees = newsgraph_syntax::conllu::read(&read(dev_path));
    let recall = newsgraph_syntax::train::relation_recall(&model, &dev_trees, &rels);
    for (r, (right, total)) in rels.iter().zip(recall) {
        println!(
            "{r:12} {:.3} of {total}",
            right as f64 / total.max(1) as f64
        );
    }
    if let Some(out) = args.get(2) {
        std::fs::write(out, model.to_bytes()).expect("write");
    }
}
