//! `newsgraph export`: stored articles out, as OUTPUT.md records with `story` and `duplicate_of`.

use anyhow::Context;
use newsgraph_store::SqliteStore;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One output record per line, with `story` and `duplicate_of` filled.
    Jsonl,
}

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, default_value = "news.db")]
    db: PathBuf,
    #[arg(long, value_enum, default_value = "jsonl")]
    format: Format,
    /// Output file (`-` for stdout).
    #[arg(long, default_value = "-")]
    to: String,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    if !args.db.exists() {
        anyhow::bail!(
            "the store `{}` does not exist; create it with `newsgraph ingest FILES --db {}`",
            args.db.display(),
            args.db.display()
        );
    }
    let store = SqliteStore::open(&args.db)?;
    let mut out: Box<dyn Write> = if args.to == "-" {
        Box::new(BufWriter::new(std::io::stdout().lock()))
    } else {
        Box::new(BufWriter::new(
            File::create(&args.to).with_context(|| format!("cannot create `{}`", args.to))?,
        ))
    };
    let n = match args.format {
        Format::Jsonl => store.for_each_record(|record| {
            let line = serde_json::to_string(&record).map_err(std::io::Error::other)?;
            out.write_all(line.as_bytes())?;
            out.write_all(b"\n")
        })?,
    };
    out.flush()?;
    eprintln!("newsgraph export: {n} records written");
    Ok(())
}
