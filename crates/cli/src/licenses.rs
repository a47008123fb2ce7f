//! `newsgraph licenses`: every embedded data file's source, licence and terms.
//!
//! The table is `data/LICENSES.tsv`, embedded; the notices some licences require ship in
//! NOTICE. The default entity weights come from research-only data: `--ner-weights FILE` loads
//! weights trained with `train-ner` on data the user has rights to.

#[derive(clap::Args)]
pub struct Args {
    /// One JSON array instead of text.
    #[arg(long)]
    json: bool,
    /// Print the notices that must travel with newsgraph (the NOTICE file) instead.
    #[arg(long, conflicts_with = "json")]
    notice: bool,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    if args.notice {
        print!("{}", newsgraph::NOTICE);
    } else if args.json {
        println!("{}", newsgraph::licenses_json());
    } else {
        print!("{}", newsgraph::licenses::render());
        println!(
            "\nThe embedded entity weights (ner-weights.bin) come from research-only data. For other \
             uses, train weights on data you have rights to (`newsgraph train-ner`) and pass \
             `--ner-weights FILE` to analyze, ingest and eval. The notices these licences \
             require: `newsgraph licenses --notice`."
        );
    }
    Ok(())
}
