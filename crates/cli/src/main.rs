//! The `newsgraph` binary: the command line over the engine's crates.
//!
//! Each subcommand lives in its own module; this file only parses arguments and dispatches.
//! Only this crate uses `anyhow`: library crates return typed errors.

mod analyze;
mod bench;
mod duration;
mod eval;
mod export;
mod ingest;
mod licenses;
#[cfg(feature = "parquet")]
mod parquet_out;
mod pretty;
mod relink;
mod runner;
mod search;
mod serve;
mod train_ner;
mod train_parser;
#[cfg(feature = "watch")]
mod watch;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "newsgraph",
    version,
    about = "Turn news articles into a knowledge graph of events."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyze articles: input records in, output records (OUTPUT.md) out, one JSON line each.
    Analyze(analyze::Args),
    /// Analyze, link (duplicates, stories, events across articles) and store articles in one file.
    Ingest(ingest::Args),
    /// Link a store's articles again (stories, copies, events across articles) by this build's rules.
    Relink(relink::Args),
    /// Full-text search with filters over a store.
    Search(search::Args),
    /// Serve the HTTP JSON API and the web UI over a store.
    Serve(serve::Args),
    /// Write stored articles out: JSON lines, GDELT Event/Mentions/GKG tables, or Parquet.
    Export(export::Args),
    /// Score the engine against gold sets (GOLD.md format): one table per set.
    Eval(eval::Args),
    /// Measure analyze speed and peak memory over a JSON-lines corpus on 1 and 2 threads.
    Bench(bench::Args),
    /// Retrain the entity tagger from CoNLL-2003 files (writes data/ner-weights.bin).
    TrainNer(train_ner::Args),
    /// Print every embedded data file's source, licence and terms.
    Licenses(licenses::Args),
    /// Retrain the tagger and dependency parser from UD English EWT (writes data/parser-weights.bin).
    TrainParser(train_parser::Args),
    /// Keep a store current from news feeds and sitemaps: poll, fetch, analyze, link and store
    /// new pages, a cycle every 15 minutes (cargo feature `watch`, on by default).
    #[cfg(feature = "watch")]
    Watch(watch::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze(args) => analyze::run(args),
        Command::Bench(args) => bench::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Ingest(args) => ingest::run(args),
        Command::Relink(args) => relink::run(args),
        Command::Search(args) => search::run(args),
        Command::Export(args) => export::run(args),
        Command::Serve(args) => serve::run(args),
        Command::TrainNer(args) => train_ner::run(args),
        Command::Licenses(args) => licenses::run(args),
        Command::TrainParser(args) => train_parser::run(args),
        #[cfg(feature = "watch")]
        Command::Watch(args) => watch::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("newsgraph: error: {}", message(&e));
            ExitCode::FAILURE
        }
    }
}

/// An error and its causes on one line, each said once: a cause whose words the message holds
/// already (an error that prints its source, then hands it on) is not repeated.
fn message(e: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in e.chain() {
        let said = cause.to_string();
        if text.contains(&said) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&said);
    }
    text
}

/// How articles are linked into stories, for the commands that link (`ingest`, `relink`).
#[derive(clap::Args, Clone, Debug)]
pub(crate) struct StoryArgs {
    /// An article joins a story when it is close to the story's articles published within this
    /// many days of it.
    #[arg(long, value_name = "DAYS", default_value_t = newsgraph_store::LinkerConfig::default().story_window_days)]
    story_window: i64,
    /// No story spans more days than this, from its first article to its last.
    #[arg(long, value_name = "DAYS", default_value_t = newsgraph_store::LinkerConfig::default().story_max_days)]
    story_max_days: i64,
}

impl StoryArgs {
    pub(crate) fn config(&self) -> anyhow::Result<newsgraph_store::LinkerConfig> {
        if self.story_window < 0 || self.story_max_days < 0 {
            anyhow::bail!("--story-window and --story-max-days take a number of days, 0 or more");
        }
        Ok(newsgraph_store::LinkerConfig {
            story_window_days: self.story_window,
            story_max_days: self.story_max_days,
            ..Default::default()
        })
    }
}

/// Default thread count: every core.
pub(crate) fn default_threads() -> usize {
    newsgraph::default_threads()
}

/// The options of the analysis engine every analyzing command takes.
#[derive(clap::Args, Clone, Debug, Default)]
pub(crate) struct EngineArgs {
    /// Tag entities with these weights (written by `newsgraph train-ner` on data you have the
    /// rights to) instead of the embedded ones, which come from research-only data (CoNLL-2003,
    /// Reuters RCV1; see `newsgraph licenses`).
    #[arg(long, value_name = "FILE")]
    ner_weights: Option<PathBuf>,
    /// Refuse (with a record error) an article whose text is longer than this many MB.
    #[arg(long, value_name = "MB", default_value = "2")]
    max_text_mb: f64,
    /// Turn these entity rules off, by name (comma-separated; also `NEWSGRAPH_NER_OFF`), to
    /// measure what each is worth. An unknown name is refused with the list of names.
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    ner_off: Vec<String>,
    /// Whether a demonym adjective ("Turkish") is a mention of its country, a convention of
    /// the gold set compared against: `in-setting` (the default of every command but `eval`),
    /// `never` (CoNLL-2003) or `places` (TR-News). `eval` without it follows each gold file's
    /// keys: `never` where mentions are scored (`entities`), `places` where toponyms are.
    #[arg(long, value_enum)]
    pub(crate) demonyms: Option<DemonymArg>,
}

/// `--demonyms`: see [`newsgraph::Demonyms`].
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum DemonymArg {
    /// In an article set in the country (it names the country or one of its big places).
    #[default]
    InSetting,
    /// Never (CoNLL-2003's and intl-news-dev's convention).
    Never,
    /// Always (TR-News's convention: adjectival toponyms).
    Places,
}

impl EngineArgs {
    pub(crate) fn engine(&self) -> anyhow::Result<newsgraph::Engine> {
        let mut options = newsgraph::Options::default();
        if let Some(path) = &self.ner_weights {
            options = options.ner_weights(path);
        }
        if self.max_text_mb.is_nan() || self.max_text_mb <= 0.0 {
            anyhow::bail!("--max-text-mb must be a positive number of megabytes");
        }
        options = options.max_text_bytes((self.max_text_mb * 1024.0 * 1024.0) as usize);
        let mut off = self.ner_off.clone();
        if let Ok(names) = std::env::var("NEWSGRAPH_NER_OFF") {
            off.extend(
                names
                    .split(',')
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .map(String::from),
            );
        }
        options = options
            .ner_off(off)
            .demonyms(match self.demonyms.unwrap_or_default() {
                DemonymArg::InSetting => newsgraph::Demonyms::InSetting,
                DemonymArg::Never => newsgraph::Demonyms::Never,
                DemonymArg::Places => newsgraph::Demonyms::Places,
            });
        Ok(newsgraph::Engine::with_options(options)?)
    }
}

/// The exit status of a run that analyzed `articles` with `errors` failures: a failure when
/// every record failed (nothing useful came out), or with `--strict` when any did.
pub(crate) fn check_failures(
    command: &str,
    summary: &runner::Summary,
    strict: bool,
) -> anyhow::Result<()> {
    if summary.errors > 0 && (strict || summary.errors == summary.articles) {
        anyhow::bail!(
            "{command}: {} of {} records failed{}",
            summary.errors,
            summary.articles,
            if strict { " (--strict)" } else { "" }
        );
    }
    Ok(())
}

/// Open the store named by `--db` (a SQLite file or a `postgres://` URL) that a read-only
/// command needs: a missing SQLite file is an error that says how to create one.
pub(crate) fn open_existing_store(db: &str) -> anyhow::Result<newsgraph_store::Store> {
    if !newsgraph_store::is_postgres_url(db) && !std::path::Path::new(db).exists() {
        anyhow::bail!(
            "the store `{db}` does not exist; create it with `newsgraph ingest FILES --db {db}`"
        );
    }
    let store =
        newsgraph_store::open(db).map_err(|e| anyhow::anyhow!("cannot open the store: {e}"))?;
    say_if_migrated(&store, db);
    Ok(store)
}

/// Tell the user that opening the store upgraded its layout (older newsgraphs cannot read it).
pub(crate) fn say_if_migrated(store: &newsgraph_store::Store, db: &str) {
    if let Some(from) = store.migrated_from() {
        let place = if newsgraph_store::is_postgres_url(db) {
            "(PostgreSQL)"
        } else {
            db
        };
        eprintln!(
            "newsgraph: the store `{place}` was upgraded from schema version {from} to {}",
            newsgraph_store::SCHEMA_VERSION
        );
    }
}

#[allow(dead_code)]
pub(crate) fn shared_dir() -> Option<PathBuf> {
    std::env::var_os("NEWSGRAPH_SHARED")
        .map(PathBuf::from)
        .or_else(|| {
            ["../shared", "../../shared", "/work/shared"]
                .iter()
                .map(PathBuf::from)
                .find(|p| p.is_dir())
        })
}
