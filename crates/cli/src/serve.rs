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
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let store = crate::open_existing_store(&args.db)?;
    newsgraph_server::serve(store, &args.addr)
        .with_context(|| format!("cannot serve on {}", args.addr))
}
