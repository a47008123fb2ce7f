//! `newsgraph serve`: the HTTP API and web UI over a store.

use anyhow::Context;
use newsgraph_store::SqliteStore;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, default_value = "news.db")]
    db: PathBuf,
    /// Address to listen on. The default only accepts connections from this machine.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: String,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    if !args.db.exists() {
        anyhow::bail!(
            "the store `{}` does not exist; create it with `newsgraph ingest FILES --db {}`",
            args.db.display(),
            args.db.display()
        );
    }
    let store = SqliteStore::open(&args.db)
        .with_context(|| format!("cannot open `{}`", args.db.display()))?;
    newsgraph_server::serve(store, &args.addr)
        .with_context(|| format!("cannot serve on {}", args.addr))
}
