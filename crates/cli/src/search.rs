//! `newsgraph search`: full-text search with filters over a store, as a table or JSON.

use anyhow::Context;
use newsgraph_store::Query;

#[derive(clap::Args)]
pub struct Args {
    /// Words to find (FTS5: "quoted phrases", AND, OR, NOT). Omit to list by filters only.
    words: Vec<String>,
    /// The store: a SQLite file or a `postgres://user:pass@host/db` URL.
    #[arg(long, default_value = "news.db")]
    db: String,
    /// CAMEO actor code or prefix (RUS, USAGOV) in the article's events or entities.
    #[arg(long)]
    actor: Option<String>,
    /// An entity's canonical name ("Vladimir Putin").
    #[arg(long)]
    entity: Option<String>,
    /// ISO 3166-1 alpha-2 country of a place the article names.
    #[arg(long)]
    country: Option<String>,
    /// Theme code (CEASEFIRE, TERROR, ...).
    #[arg(long)]
    theme: Option<String>,
    /// CAMEO event root code (01-20).
    #[arg(long)]
    root: Option<String>,
    /// Published on or after this date (YYYY-MM-DD).
    #[arg(long)]
    since: Option<String>,
    /// Published on or before this date (YYYY-MM-DD).
    #[arg(long)]
    until: Option<String>,
    #[arg(long, default_value = "20")]
    limit: usize,
    /// JSON lines instead of a table.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let store = crate::open_existing_store(&args.db)?;
    let words = args.words.join(" ");
    let query = Query {
        text: (!words.trim().is_empty()).then_some(words),
        actor: args.actor,
        entity: args.entity,
        country: args.country,
        theme: args.theme,
        root: args.root,
        since: args.since,
        until: args.until,
        limit: args.limit,
    };
    let hits = store
        .search(&query)
        .context("search failed (check the query words)")?;
    if args.json {
        for h in &hits {
            println!("{}", serde_json::to_string(h)?);
        }
        return Ok(());
    }
    // Ids are never cut (a user copies them into `export` or the API): the column is as wide
    // as the longest. Titles and snippets are cut to fit a line.
    let width = hits
        .iter()
        .map(|h| h.id.chars().count())
        .max()
        .unwrap_or(0)
        .max(2);
    println!(
        "{:<width$} {:<10} {:<50} snippet",
        "id", "published", "title"
    );
    for h in &hits {
        let title: String = h.title.as_deref().unwrap_or("").chars().take(50).collect();
        let snippet: String = h.snippet.chars().take(100).collect();
        println!(
            "{:<width$} {:<10} {:<50} {}",
            h.id,
            h.published.as_deref().unwrap_or("-"),
            title,
            snippet
        );
    }
    eprintln!(
        "{} result{}",
        hits.len(),
        if hits.len() == 1 { "" } else { "s" }
    );
    Ok(())
}
