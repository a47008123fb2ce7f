//! `newsgraph export`: stored articles out, from a SQLite file or PostgreSQL, as
//! - `jsonl`: OUTPUT.md records with `story` and `duplicate_of`;
//! - `gdelt-events`, `gdelt-mentions`, `gdelt-gkg`: the GDELT 2.0 Event and Mentions tables and
//!   the GKG 2.1, tab-separated (the writers live in `newsgraph-export`; `docs/EXPORT.md` says
//!   what each column holds and which stay empty);
//! - `parquet` (cargo feature `parquet`): one row per article, for Spark, DuckDB or pandas.
//!
//! `--since` / `--until` export only the articles stored in that span (GDELT's update files
//! hold what was added in 15 minutes; `watch --export-dir` writes such files after each cycle
//! through [`write_lines`]).

use anyhow::Context;
use newsgraph_export::{Exporter, GlobalEvent};
use newsgraph_store::{EventMention, Store, Window};
use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{BufWriter, Write};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One output record per line, with `story` and `duplicate_of` filled.
    Jsonl,
    /// GDELT 2.0 Event table: one line per deduplicated event, 61 tab-separated columns.
    GdeltEvents,
    /// GDELT 2.0 Mentions table: one line per event per article, 16 columns.
    GdeltMentions,
    /// GDELT GKG 2.1: one line per article, 27 columns.
    GdeltGkg,
    /// Apache Parquet, one row per article (needs the `parquet` cargo feature).
    Parquet,
}

#[derive(clap::Args)]
pub struct Args {
    /// The store: a SQLite file or a `postgres://user:pass@host/db` URL.
    #[arg(long, default_value = "news.db")]
    db: String,
    #[arg(long, value_enum, default_value = "jsonl")]
    format: Format,
    /// Output file (`-` for stdout; Parquet needs a file).
    #[arg(long, default_value = "-")]
    to: String,
    /// Only articles stored at or after this time: `YYYYMMDDHHMMSS` (GDELT's), `YYYY-MM-DD`,
    /// `YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM]` (UTC unless an offset is given), or a span back from
    /// now (`15m`, `2h`, `1d`).
    #[arg(long, value_name = "TIME")]
    since: Option<String>,
    /// Only articles stored before this time (same forms as `--since`).
    #[arg(long, value_name = "TIME")]
    until: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let store = crate::open_existing_store(&args.db)?;
    let window = Window {
        since: args.since.as_deref().map(stored_time).transpose()?,
        until: args.until.as_deref().map(stored_time).transpose()?,
        ..Window::default()
    };
    if args.format == Format::Parquet {
        return write_parquet(&store, &window, &args.to);
    }
    let mut out: Box<dyn Write> = if args.to == "-" {
        Box::new(BufWriter::new(std::io::stdout().lock()))
    } else {
        Box::new(BufWriter::new(
            File::create(&args.to).with_context(|| format!("cannot create `{}`", args.to))?,
        ))
    };
    let (records, lines) = write_lines(&store, args.format, &window, &mut out)?;
    out.flush()?;
    eprintln!("newsgraph export: {records} records read, {lines} lines written");
    Ok(())
}

/// A time as typed for `--since`/`--until`, as the store writes `articles.added`.
fn stored_time(typed: &str) -> anyhow::Result<String> {
    let secs = match crate::duration::parse(typed) {
        Ok(back) => newsgraph_time::now_unix()
            - i64::try_from(back.as_secs()).unwrap_or(i64::MAX),
        Err(_) => newsgraph_time::parse_instant(typed).with_context(|| {
            format!(
                "`{typed}` is not a time: write YYYYMMDDHHMMSS, YYYY-MM-DD,                  YYYY-MM-DDTHH:MM:SSZ or a span back from now such as 15m, 2h or 1d"
            )
        })?,
    };
    Ok(newsgraph_time::utc_text(secs))
}

/// Write the articles of `window` in a line format (every format but Parquet): the number of
/// records read and lines written.
pub(crate) fn write_lines(
    store: &Store,
    format: Format,
    window: &Window,
    out: &mut dyn Write,
) -> anyhow::Result<(u64, u64)> {
    let mut lines = 0u64;
    let exporter = Exporter::new(&newsgraph_knowledge::Knowledge::default())?;
    let mut emit = |line: String, out: &mut dyn Write| -> std::io::Result<()> {
        lines += 1;
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")
    };
    let records = match format {
        Format::Jsonl => store.each_record_in(window, &mut |record| {
            let line = serde_json::to_string(&record).map_err(std::io::Error::other)?;
            emit(line, out)
        })?,
        Format::GdeltGkg => {
            let mut sequence = 0u64;
            store.each_record_in(window, &mut |record| {
                sequence += 1;
                emit(exporter.gkg_line(&record, sequence), out)
            })?
        }
        Format::GdeltEvents | Format::GdeltMentions => {
            let index = event_index(store.event_mentions_in(window)?);
            let events_table = format == Format::GdeltEvents;
            let mut written: HashSet<i64> = HashSet::new();
            store.each_record_in(window, &mut |record| {
                for idx in 0..record.events.len() {
                    let Some((global, first_article)) = index.get(&(record.id.clone(), idx)) else {
                        continue;
                    };
                    let line = if events_table {
                        // The Event table describes each event once, as its first report has it.
                        if *first_article != record.id || !written.insert(global.id) {
                            continue;
                        }
                        exporter.event_line(global, &record, idx)
                    } else {
                        exporter.mention_line(global, &record, idx)
                    };
                    if let Some(line) = line {
                        emit(line, out)?;
                    }
                }
                Ok(())
            })?
        }
        Format::Parquet => anyhow::bail!("Parquet is not a line format: pass --to FILE.parquet"),
    };
    Ok((records, lines))
}

/// (article id, event index) -> the deduplicated event it reports and that event's first article.
fn event_index(rows: Vec<EventMention>) -> HashMap<(String, usize), (GlobalEvent, String)> {
    rows.into_iter()
        .map(|m| {
            let global = GlobalEvent {
                id: m.global_id,
                mentions: m.mentions,
                sources: m.sources,
                articles: m.articles,
                avg_tone: m.avg_tone,
                first_seen: m.first_published,
            };
            ((m.article_id, m.idx), (global, m.first_article))
        })
        .collect()
}

#[cfg(not(feature = "parquet"))]
fn write_parquet(_store: &Store, _window: &Window, _to: &str) -> anyhow::Result<()> {
    anyhow::bail!(
        "this newsgraph was built without Parquet; rebuild with `cargo build --release -p newsgraph-cli --features parquet`"
    )
}

#[cfg(feature = "parquet")]
fn write_parquet(store: &Store, window: &Window, to: &str) -> anyhow::Result<()> {
    crate::parquet_out::write(store, window, to)
}
