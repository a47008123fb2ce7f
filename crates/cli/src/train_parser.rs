//! `newsgraph train-parser`: retrain the tagger and dependency parser from UD English EWT.
//!
//! A thin wrapper over `newsgraph_syntax::train`; the weights it writes are what the syntax
//! crate embeds (`data/parser-weights.bin`), so rebuild the binary afterwards.

use anyhow::Context;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// CoNLL-U training treebank (en_ewt-ud-train.conllu).
    #[arg(long)]
    train: PathBuf,
    /// CoNLL-U development treebank; the epoch with the best dev LAS is kept.
    #[arg(long)]
    dev: PathBuf,
    /// Where to write the weights.
    #[arg(long, default_value = "data/parser-weights.bin")]
    out: PathBuf,
    /// Print one line per epoch.
    #[arg(long)]
    verbose: bool,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let read = |p: &PathBuf| {
        std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()))
    };
    let (train, dev) = (read(&args.train)?, read(&args.dev)?);
    let opts = newsgraph_syntax::train::TrainOptions::default();
    let verbose = args.verbose;
    let (model, report) = newsgraph_syntax::train::train(&train, &dev, &opts, |line| {
        if verbose {
            eprintln!("{line}");
        }
    })
    .context("training the parser")?;
    let bytes = model.to_bytes();
    std::fs::write(&args.out, &bytes)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    let d = report.dev;
    println!(
        "trained on {} sentences ({} tokens), {} epochs, best epoch {}: dev ({} sentences, {} tokens) UPOS {:.4} tag {:.4} UAS {:.4} LAS {:.4} (without punctuation UAS {:.4} LAS {:.4}); {} relations; wrote {} ({} bytes)",
        report.train_sentences,
        report.train_tokens,
        report.epochs,
        report.best_epoch,
        report.dev_sentences,
        d.tokens,
        d.upos,
        d.tag,
        d.uas,
        d.las,
        d.uas_no_punct,
        d.las_no_punct,
        report.labels,
        args.out.display(),
        bytes.len()
    );
    Ok(())
}
