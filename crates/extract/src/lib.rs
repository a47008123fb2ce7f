//! Counts, dates, themes and tone: the GKG-style figures of an article.
//!
//! Four stages (see [`stages`]; the default pipeline runs `dates` before `ner`, the others
//! after it):
//! - [`dates::Dates`] (`dates`): temporal expressions resolved against the publication date
//!   ("on Monday", "last month", "Sept. 5"), and the publication date itself when the input
//!   gave none and the text opens with one (a dateline, "Published: ...").
//! - [`counts::Counts`] (`counts`): how many people were killed, wounded, arrested ...
//! - [`themes::Themes`] (`themes`): themes of a documented taxonomy (`data/themes.tsv`).
//! - [`tone::ToneStage`] (`tone`): GDELT's seven tone figures.
//!
//! Every stage reads its knowledge (`numbers.tsv`, `calendar.tsv`, `counts.tsv`, `themes.tsv`,
//! `tone-lexicon.tsv`, `tone-reference.tsv`) through the knowledge layer: [`stages`] takes a
//! [`Knowledge`] and each stage's constructor compiles its tables once, so a test can build a
//! stage over a small knowledge set of its own. The stages scan words themselves ([`scan`]) so they work whether or not
//! the text stage's tokens are present; they use its sentences when it gave them. The scan is
//! shared: dates, counts and tone reuse the thread's last scan when it is of the same text.
//! Numbers ("1,200", "twenty-five", "half a million", "dozens") are read by [`numbers`].
//!
//! Code map: `scan.rs` words and sentences; `numbers.rs` number reader; `dates.rs`,
//! `counts.rs`, `themes.rs`, `tone.rs` one stage each, with its docs and golden tests;
//! `lexicon.rs` the hash maps of the compiled tables; `golden.rs` the one test renderer
//! (`[words](LABEL)`). `examples/` holds the measuring tools: `gva_counts` (counts P/R/F1 on
//! a gold file), `bench_stages` (time per stage), `peek` (what the stages find, to read).
//!
//! Invariants: no stage changes `Document::text`; every span is a byte range into it (counts
//! read from the title say so with `Count::in_title`, and their span is into the title); the
//! stages know nothing of files or I/O; bad input never panics.

pub mod counts;
pub mod dates;
pub mod lexicon;
pub mod numbers;
pub mod scan;
pub mod themes;
pub mod tone;

#[cfg(test)]
mod golden;

pub use newsgraph_knowledge::{Knowledge, KnowledgeError};
use newsgraph_model::Stage;

/// This crate's stages, in order: `dates`, then [`figure_stages`]. The default pipeline runs
/// `dates` before `ner` (it may set the publication date, which `ner` reads) and the others
/// after it (counts read the entities).
pub fn stages(k: &Knowledge) -> Result<Vec<Box<dyn Stage>>, KnowledgeError> {
    let mut stages: Vec<Box<dyn Stage>> = vec![Box::new(dates::Dates::new(k)?)];
    stages.extend(figure_stages(k)?);
    Ok(stages)
}

/// `counts`, `themes` and `tone`, in the order the pipeline runs them.
pub fn figure_stages(k: &Knowledge) -> Result<Vec<Box<dyn Stage>>, KnowledgeError> {
    Ok(vec![
        Box::new(counts::Counts::new(k)?),
        Box::new(themes::Themes::new(k)?),
        Box::new(tone::ToneStage::new(k)?),
    ])
}
