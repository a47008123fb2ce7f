//! `newsgraph watch`: keep a store current from news feeds, a cycle every 15 minutes as GDELT
//! does.
//!
//! Each cycle (`cycle.rs`) polls every feed or sitemap of the feeds file with a conditional GET
//! (`feeds.rs`), records the pages they list that the store does not know, fetches each,
//! analyzes, links and stores it as `ingest` does (`pages.rs`), optionally writes GDELT-style
//! update files (`updates.rs`), and logs one line. HTTP is `newsgraph-fetch`'s; what must
//! survive a kill lives in the store, written so a kill at any moment loses nothing and stores
//! nothing twice (see `newsgraph_store::watch`).

mod cycle;
mod feeds;
mod pages;
mod updates;

use anyhow::Context;
use std::path::PathBuf;
use std::time::{Duration, Instant};

#[derive(clap::Args)]
pub struct Args {
    /// The feeds file: one RSS, Atom or sitemap URL a line, optionally followed by the source's
    /// name; `#` starts a comment. Read again at every cycle.
    #[arg(long, value_name = "FILE")]
    feeds: PathBuf,
    /// The store (created when missing): a SQLite file or a `postgres://` URL.
    #[arg(long, default_value = "news.db")]
    db: String,
    /// Where site owners reach whoever runs this crawler (a URL or `mailto:` address); sent in
    /// the User-Agent, `newsgraph/VERSION (+CONTACT)`. Also read from NEWSGRAPH_CONTACT.
    #[arg(long, env = "NEWSGRAPH_CONTACT", value_name = "URL")]
    contact: String,
    /// Time from the start of one cycle to the start of the next.
    #[arg(long, default_value = "15m", value_parser = crate::duration::parse)]
    every: Duration,
    /// Run one cycle and exit (for cron or a systemd timer).
    #[arg(long)]
    once: bool,
    /// After each cycle, write what it stored as GDELT's 15-minute files do:
    /// `YYYYMMDDHHMMSS.export.CSV`, `.mentions.CSV` and `.gkg.csv` (tab-separated).
    #[arg(long, value_name = "DIR")]
    export_dir: Option<PathBuf>,
    /// Longest a request may take.
    #[arg(long, default_value = "30s", value_parser = crate::duration::parse)]
    timeout: Duration,
    /// Pause after each request to a host before the next one (a site's robots.txt may ask
    /// for a longer one).
    #[arg(long, default_value = "1s", value_parser = crate::duration::parse)]
    delay: Duration,
    /// Extra tries after a timeout, a dropped connection or a 5xx answer (none after a 4xx).
    #[arg(long, default_value = "2")]
    retries: u32,
    /// Wait before the first retry, doubled before each next one.
    #[arg(long, default_value = "2s", value_parser = crate::duration::parse)]
    backoff: Duration,
    /// Pages fetched and analyzed at once, each on a thread of its own (requests to one host
    /// still go one at a time).
    #[arg(long, default_value = "4")]
    fetchers: usize,
    /// Pages fetched per cycle at most (the rest wait for the next cycle); 0: no limit.
    #[arg(long, default_value = "0")]
    max_pages: usize,
    /// Ignore listed pages whose feed date is older than this (`2d`); the default takes all.
    #[arg(long, value_parser = crate::duration::parse)]
    max_age: Option<Duration>,
    /// Cycles a page that timed out or met a 5xx is tried in before it is given up.
    #[arg(long, default_value = "4")]
    give_up_after: u32,
    /// Articles per transaction (a kill loses at most the fetched pages not yet written, which
    /// the next run fetches again).
    #[arg(long, default_value = "32")]
    batch: usize,
    /// Print every failed page and feed.
    #[arg(long, short)]
    verbose: bool,
    /// Print nothing but errors (no cycle lines).
    #[arg(long, short)]
    quiet: bool,
    #[command(flatten)]
    engine: crate::EngineArgs,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    if args.contact.trim().is_empty() {
        anyhow::bail!("--contact needs a URL or mailto: address where site owners reach you");
    }
    let engine = args.engine.engine()?;
    let mut store = newsgraph_store::open(&args.db).context("cannot open the store")?;
    crate::say_if_migrated(&store, &args.db);
    if let Some(dir) = &args.export_dir {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the export directory `{}`", dir.display()))?;
    }
    let mut config = newsgraph_fetch::Config::new(&args.contact);
    config.timeout = args.timeout;
    config.delay = args.delay;
    config.retries = args.retries;
    config.backoff = args.backoff;
    let fetcher = newsgraph_fetch::Fetcher::new(config);
    let settings = cycle::Settings {
        fetchers: args.fetchers.max(1),
        max_pages: (args.max_pages > 0).then_some(args.max_pages),
        max_age: args.max_age,
        give_up_after: args.give_up_after.max(1),
        batch: args.batch.max(1),
        export_dir: args.export_dir.clone(),
        verbose: args.verbose,
    };
    // Built once: the linker then follows what this process stores, cycle after cycle.
    let mut linker = store.linker()?;
    let mut feeds: Vec<feeds::FeedLine> = Vec::new();
    loop {
        let started = Instant::now();
        // The feeds file is read at each cycle, so it can be edited while watch runs; a
        // broken edit keeps the last good list (and says so).
        match feeds::read_feeds_file(&args.feeds) {
            Ok(list) => feeds = list,
            Err(e) if feeds.is_empty() => return Err(e),
            Err(e) => eprintln!("newsgraph watch: {e:#}; polling the feeds read before"),
        }
        match cycle::run(
            &engine,
            &fetcher,
            &mut store,
            &mut linker,
            &feeds,
            &settings,
        ) {
            Ok(summary) if !args.quiet => eprintln!("newsgraph watch: {}", summary.line()),
            Ok(_) => {}
            Err(e) if args.once => return Err(e),
            // The store went away for a moment, say: what was committed is kept, and the next
            // cycle picks up the rest, with the linker rebuilt from what was committed.
            Err(e) => {
                eprintln!("newsgraph watch: the cycle stopped: {e:#}");
                linker = store.linker()?;
            }
        }
        if args.once {
            return Ok(());
        }
        let next = started + args.every;
        std::thread::sleep(next.saturating_duration_since(Instant::now()));
    }
}
