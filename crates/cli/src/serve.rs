//! `newsgraph serve`: the HTTP API and web UI over a store.

use anyhow::Context;

#[derive(clap::Args)]
pub struct Args {
    /// The store: a SQLite file or a `postgres://user:pass@host/db` URL.
    #[arg(long, default_value = "news.db")]
    db: String,
    /// Address to listen on. The default only accepts connections from this machine.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: String,
    /// Store connections answering requests side by side (default: twice the cores, at least 4).
    #[arg(long)]
    readers: Option<usize>,
    /// Longest a query may run, in milliseconds, before it is stopped and answers 503.
    #[arg(long, default_value = "5000")]
    query_timeout: u64,
    /// No access log (one line per request: method, path, status, ms).
    #[arg(long, short)]
    quiet: bool,
    /// Answers kept for repeated requests (search, events, timeline, network, stats), dropped
    /// whenever the store changes; 0 keeps none. PostgreSQL stores keep none.
    #[arg(long, default_value = "512")]
    cache: usize,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    // The first connection says whether the store exists and migrates it; the rest only open.
    let first = crate::open_existing_store(&args.db)?;
    let options = newsgraph_server::Options {
        readers: args
            .readers
            .unwrap_or_else(|| (2 * crate::default_threads()).max(4))
            .max(1),
        deadline: std::time::Duration::from_millis(args.query_timeout.max(1)),
        quiet: args.quiet,
        cache: args.cache,
    };
    let first = std::cell::Cell::new(Some(first));
    let db = args.db.clone();
    newsgraph_server::serve(
        move || match first.take() {
            Some(store) => Ok(store),
            None => newsgraph_store::open(&db),
        },
        &args.addr,
        &options,
    )
    .with_context(|| format!("cannot serve on {}", args.addr))
}
