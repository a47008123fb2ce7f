//! `newsgraph train-ner`: retrain the entity tagger's weights from CoNLL-2003 files.
//!
//! A thin wrapper over `newsgraph_ner::train`; the weights it writes are what the ner crate
//! embeds (`data/ner-weights.bin`), so rebuild the binary afterwards.

use anyhow::Context;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// CoNLL-2003 training file (token ... NER tag per line).
    #[arg(long)]
    train: PathBuf,
    /// CoNLL-2003 development file; the epoch with the best dev F1 is kept.
    #[arg(long)]
    dev: PathBuf,
    /// Where to write the weights.
    #[arg(long, default_value = "data/ner-weights.bin")]
    out: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    // The tagger's features read the embedded gazetteers and word lists.
    let knowledge = newsgraph_knowledge::Knowledge::default();
    let report = newsgraph_ner::train(&knowledge, &args.train, &args.dev, &args.out)
        .context("training the entity tagger")?;
    println!(
        "trained on {} documents ({} tokens), {} epochs, best epoch {}: dev F1 {:.4} (PER {:.4} ORG {:.4} LOC {:.4}); wrote {} ({} bytes)",
        report.train_docs,
        report.train_tokens,
        report.epochs,
        report.best_epoch,
        report.dev_f1,
        report.dev_f1_by_type[0],
        report.dev_f1_by_type[1],
        report.dev_f1_by_type[2],
        args.out.display(),
        report.model_bytes
    );
    Ok(())
}
