//! Scorers for every gold key of `shared/spec/GOLD.md`, over output records.
//!
//! `newsgraph eval` runs the engine on the `input` of each gold [`Case`] and hands the case and
//! the engine's output record (a `serde_json::Value`, so records made elsewhere score the same
//! way) or its error to a [`Scorer`]. When all cases are in, [`Scorer::finish`] gives a
//! [`Report`]: one [`Row`] per set, key and metric, printable with [`Report::to_table`] and
//! serializable for `--json`.
//!
//! One module per gold key, each with its measure as a plain function tested on its own:
//!
//! | key | module | function | figures |
//! |---|---|---|---|
//! | `body` | [`body`] | [`shingle_f1`] | mean per-case precision, recall, F1 of word 4-gram shingles; `f1_of_means` as the ScrapingHub benchmark |
//! | `boilerplate` | [`boilerplate`] | [`absent_lines`] | share of listed lines absent from the output text |
//! | `title`, `published` | [`meta`] | [`title_match`], [`date_match`] | accuracy |
//! | `entities` | [`entities`] | [`mention_tallies`] | micro P/R/F1 of (text, type) mention multisets, overall and per type |
//! | `quotes` | [`quotes`] | [`quote_tally`] | micro P/R/F1 of one-to-one quote matching; speaker accuracy |
//! | `counts` | [`counts`] | [`count_tallies`] | micro P/R/F1 of (type, number) sets, overall and per gold type |
//! | `toponyms`, `places` | [`geo`] | [`toponym_tally`], [`place_tally`] | accuracy (at 161 km / on country), literal and one-to-one |
//! | `events` | [`events`] | [`event_tallies`] | micro P/R/F1 of dyad, root and code matchings |
//! | `cluster` | [`cluster`] | [`bcubed`] | B-cubed P/R/F1 over each set |
//!
//! For error analysis, [`explain()`] lists per case the gold items an output missed and the
//! output items that match nothing, through the same matching as the figures. The example
//! `examples/score.rs` scores a JSONL file of outputs against gold files standalone
//! (`cargo run --release -p newsgraph-eval --example score -- --outputs out.jsonl GOLD.jsonl`).
//!
//! Conventions shared by all: both sides empty is a perfect score and one side empty scores 0
//! (no NaN, see [`tally`]); words are `\w+` tokens ([`text`]); an error output counts as all
//! wrong on every key of its case, never as skipped (for micro precision it adds no output
//! items, so it lowers recall and accuracy; for `body` it scores 0 on both, for `cluster` 0 on
//! both for its own item).

pub mod body;
pub mod boilerplate;
pub mod case;
pub mod cluster;
pub mod counts;
pub mod entities;
pub mod events;
pub mod explain;
pub mod geo;
pub mod items;
pub mod meta;
pub mod quotes;
pub mod record;
pub mod report;
pub mod scorer;
pub mod tally;
pub mod text;

pub use body::shingle_f1;
pub use boilerplate::absent_lines;
pub use case::{case_iter, read_cases, Case};
pub use cluster::bcubed;
pub use counts::count_tallies;
pub use entities::{mention_tallies, mention_tally};
pub use events::event_tallies;
pub use explain::{explain, Explanation};
pub use geo::{haversine_km, place_tally, toponym_tally};
pub use meta::{date_match, title_match};
pub use quotes::quote_tally;
pub use report::{Report, Row};
pub use scorer::Scorer;
pub use tally::{Prf, Tally};
