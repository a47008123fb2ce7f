//! `newsgraph relink`: link a store's articles again by this build's rules (stories, copies and
//! events across articles), after an upgrade or with another story window. Records stay as they
//! are; one transaction, so an interrupted relink leaves the store as it was.

use anyhow::Context;
use std::io::IsTerminal;

#[derive(clap::Args)]
pub struct Args {
    /// The store: a SQLite file or a `postgres://user:pass@host/db` URL.
    #[arg(long, default_value = "news.db")]
    db: String,
    #[command(flatten)]
    stories: crate::StoryArgs,
    #[arg(long, short)]
    quiet: bool,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let config = args.stories.config()?;
    let mut store = crate::open_existing_store(&args.db)?;
    let show = !args.quiet && std::io::stderr().is_terminal();
    let started = std::time::Instant::now();
    let done = store
        .relink(config, &mut |n| {
            if show {
                eprint!("\rnewsgraph relink: {n} articles linked");
            }
        })
        .context("relink failed; the store is unchanged")?;
    if show {
        eprintln!();
    }
    if !args.quiet {
        eprintln!(
            "newsgraph relink: {} articles in {:.1} s: {} moved to another story; {} stories ({} before), {} distinct events ({} before)",
            done.articles,
            started.elapsed().as_secs_f64(),
            done.moved,
            done.stories_after,
            done.stories_before,
            done.global_events_after,
            done.global_events_before
        );
    }
    Ok(())
}
