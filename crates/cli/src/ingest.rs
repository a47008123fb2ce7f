//! `newsgraph ingest`: analyze, link and store articles in a SQLite file or PostgreSQL, with
//! progress.
//!
//! Idempotent: an article whose id is already stored is skipped before analysis. Resumable: the
//! store commits every batch in one transaction, so after a kill a new run keeps what was
//! committed and picks up the rest.

use crate::runner::{self, Outcome};
use anyhow::Context;
use newsgraph_io::{expand, Inputs, Item};
use newsgraph_store::Linked;
use std::cell::Cell;
use std::collections::HashSet;

#[derive(clap::Args)]
pub struct Args {
    /// Files, directories or `-` (JSON lines on stdin), as for `analyze`.
    #[arg(required = true)]
    inputs: Vec<String>,
    /// The store (created when missing): a SQLite file, or a `postgres://user:pass@host/db`
    /// URL that many ingest and serve processes can share.
    #[arg(long, default_value = "news.db")]
    db: String,
    #[arg(long, short = 'j')]
    threads: Option<usize>,
    /// Articles per transaction.
    #[arg(long, default_value = "500")]
    batch: usize,
    #[arg(long, short)]
    quiet: bool,
    /// Exit with a failure status when any record fails (default: only when every one does).
    #[arg(long)]
    strict: bool,
    #[command(flatten)]
    engine: crate::EngineArgs,
    #[command(flatten)]
    stories: crate::StoryArgs,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let engine = args.engine.engine()?;
    let sources = expand(&args.inputs)?;
    // The store's own error names the file or the URL (with its password hidden).
    let mut store = newsgraph_store::open(&args.db).context("cannot open the store")?;
    crate::say_if_migrated(&store, &args.db);
    let already: HashSet<String> = store.ids()?;
    let mut seen_now: HashSet<String> = HashSet::new();
    let mut linker = store.linker_with(args.stories.config()?)?;
    if !args.quiet && store.linked_by_older_rules()? {
        eprintln!(
            "newsgraph ingest: the store's stories were linked by an older newsgraph; \
             `newsgraph relink --db {}` links them again by this one's rules",
            args.db
        );
    }
    let before = already.len();
    let skipped = Cell::new(0u64);
    let inputs = Inputs::new(sources);
    let notes = inputs.notes();
    let items = inputs.map(Item::resolve).filter(|item| match item {
        Item::Doc(doc) if already.contains(&doc.id) => {
            skipped.set(skipped.get() + 1);
            false
        }
        _ => true,
    });
    let threads = args.threads.unwrap_or_else(crate::default_threads).max(1);
    let mut batch: Vec<Linked> = Vec::with_capacity(args.batch);
    let mut failures: Vec<(String, String)> = Vec::new();
    let mut added = 0u64;
    let mut duplicates = 0u64;
    let batch_size = args.batch.max(1);
    let summary = runner::run(
        &engine,
        items,
        threads,
        !args.quiet,
        |o: Outcome| o,
        |outcome| {
            match outcome {
                Ok(record) => {
                    if !seen_now.insert(record.id.clone()) {
                        return Ok(()); // the same id twice in one run: keep the first
                    }
                    let linked = linker.linked(record);
                    duplicates += linked.links.duplicate_of.is_some() as u64;
                    added += 1;
                    batch.push(linked);
                }
                Err(e) => failures.push((e.id, e.error)),
            }
            if batch.len() >= batch_size {
                store
                    .write_batch(&batch, &failures)
                    .map_err(std::io::Error::other)?;
                batch.clear();
                failures.clear();
            }
            Ok(())
        },
    )?;
    store.write_batch(&batch, &failures)?;
    let stats = store.stats()?;
    if !args.quiet {
        for note in notes.lock().map(|n| n.clone()).unwrap_or_default() {
            eprintln!("newsgraph ingest: {note}");
        }
        eprintln!("newsgraph ingest: {}", summary.line());
        eprintln!(
            "  {} new articles ({} copies of earlier ones), {} already stored and skipped; the store `{}` now holds {} articles in {} stories ({} before), {} events ({} distinct), {} failures",
            added,
            duplicates,
            skipped.get(),
            if newsgraph_store::is_postgres_url(&args.db) { "(PostgreSQL)" } else { args.db.as_str() },
            stats.articles,
            stats.stories,
            before,
            stats.events,
            stats.global_events,
            stats.failures
        );
    }
    crate::check_failures("ingest", &summary, args.strict)
}
