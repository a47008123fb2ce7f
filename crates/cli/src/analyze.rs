//! `newsgraph analyze`: articles in, one output record per article out, in input order.

use crate::runner::{self, Outcome};
use anyhow::Context;
use newsgraph_io::{expand, Inputs};
use newsgraph_model::record::ErrorRecord;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One JSON record per line (the contract of OUTPUT.md).
    Jsonl,
    /// A readable report per article, for people.
    Pretty,
}

#[derive(clap::Args)]
pub struct Args {
    /// Files (.txt, .html, .jsonl), directories (read recursively), or `-` for JSON lines on stdin.
    #[arg(default_value = "-")]
    inputs: Vec<String>,
    #[arg(long, value_enum, default_value = "jsonl")]
    format: Format,
    /// Write records here instead of stdout.
    #[arg(long, short)]
    out: Option<PathBuf>,
    /// Worker threads (default: every core).
    #[arg(long, short = 'j')]
    threads: Option<usize>,
    /// No progress bar and no closing summary.
    #[arg(long, short)]
    quiet: bool,
    /// Print time spent in each stage after the summary.
    #[arg(long)]
    stats: bool,
    /// Print the closing summary as one JSON object (used by `newsgraph bench`).
    #[arg(long, hide = true)]
    summary_json: bool,
    /// Exit with a failure status when any record fails (default: only when every one does).
    #[arg(long)]
    strict: bool,
    #[command(flatten)]
    engine: crate::EngineArgs,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let engine = args.engine.engine()?;
    let strict = args.strict;
    let sources = expand(&args.inputs)?;
    let mut out: Box<dyn Write> = match &args.out {
        Some(path) => {
            Box::new(BufWriter::new(File::create(path).with_context(|| {
                format!("cannot create output file `{}`", path.display())
            })?))
        }
        None => Box::new(BufWriter::new(io::stdout().lock())),
    };
    let threads = args.threads.unwrap_or_else(crate::default_threads).max(1);
    let format = args.format;
    let render = move |outcome: Outcome| -> String {
        match (format, outcome) {
            (Format::Jsonl, Ok(record)) => serde_json::to_string(&record)
                .unwrap_or_else(|e| error_line(&record.id, &e.to_string())),
            (Format::Jsonl, Err(e)) => error_line(&e.id, &e.error),
            (Format::Pretty, Ok(record)) => crate::pretty::render(&record),
            (Format::Pretty, Err(e)) => format!("== {}\nERROR: {}\n", e.id, e.error),
        }
    };
    let inputs = Inputs::new(sources);
    let notes = inputs.notes();
    let summary = runner::run(
        &engine,
        inputs,
        threads,
        !args.quiet && !args.summary_json,
        render,
        |line| {
            out.write_all(line.as_bytes())?;
            out.write_all(b"\n")
        },
    );
    // A closed pipe (`| head`) is not an error worth shouting about.
    let summary = match summary {
        Err(e)
            if e.downcast_ref::<io::Error>()
                .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe) =>
        {
            return Ok(());
        }
        other => other?,
    };
    match out.flush() {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(()),
        other => other?,
    }
    if !args.quiet {
        for note in notes.lock().map(|n| n.clone()).unwrap_or_default() {
            eprintln!("newsgraph analyze: {note}");
        }
    }
    if args.summary_json {
        eprintln!("{}", summary.json());
    } else if !args.quiet {
        eprintln!("newsgraph analyze: {}", summary.line());
    }
    if args.stats {
        for s in engine.pipeline().stats() {
            use std::sync::atomic::Ordering::Relaxed;
            let docs = s.docs.load(Relaxed).max(1);
            eprintln!(
                "  stage {:<10} {:>8} docs {:>6} errors {:>9.1} µs/doc",
                s.name,
                s.docs.load(Relaxed),
                s.errors.load(Relaxed),
                s.nanos.load(Relaxed) as f64 / docs as f64 / 1000.0
            );
        }
    }
    crate::check_failures("analyze", &summary, strict)
}

fn error_line(id: &str, error: &str) -> String {
    serde_json::to_string(&ErrorRecord {
        id: id.to_string(),
        error: error.to_string(),
    })
    .unwrap_or_else(|_| r#"{"id":null,"error":"unprintable error"}"#.to_string())
}
