//! Reproduce `data/ner-weights.bin`:
//! `cargo run --release -p newsgraph-ner --example train_ner -- TRAIN DEV OUT`
//! (the `newsgraph train-ner --train ... --dev ... --out ...` subcommand calls the same function).

use std::path::PathBuf;

fn main() {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if args.len() != 3 {
        eprintln!("usage: train_ner TRAIN.txt DEV.txt OUT.bin");
        std::process::exit(2);
    }
    match newsgraph_ner::train(&args[0], &args[1], &args[2]) {
        Ok(report) => println!("{report:#?}"),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
