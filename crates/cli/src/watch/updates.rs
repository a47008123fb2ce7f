//! The update files a cycle writes with `--export-dir`, named as GDELT names its 15-minute
//! files: `YYYYMMDDHHMMSS.export.CSV` (the Event table), `.mentions.CSV` and `.gkg.csv`,
//! tab-separated like GDELT's (which are zipped; these are not). Each file is written under a
//! temporary name and renamed when complete, so a reader never sees half a file.

use crate::export::{write_lines, Format};
use anyhow::Context;
use newsgraph_store::{Store, Window};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

/// The three tables and their file suffixes.
const FILES: [(Format, &str); 3] = [
    (Format::GdeltEvents, "export.CSV"),
    (Format::GdeltMentions, "mentions.CSV"),
    (Format::GdeltGkg, "gkg.csv"),
];

/// Write the set `DIR/STAMP.*` for the articles of `window`; the number of articles in it.
pub fn write(store: &Store, dir: &Path, stamp: &str, window: &Window) -> anyhow::Result<u64> {
    let mut articles = 0;
    for (format, suffix) in FILES {
        let path = dir.join(format!("{stamp}.{suffix}"));
        let partial = dir.join(format!(".{stamp}.{suffix}.partial"));
        let file = File::create(&partial)
            .with_context(|| format!("cannot create `{}`", partial.display()))?;
        let mut out = BufWriter::new(file);
        let (records, _lines) = write_lines(store, format, window, &mut out)?;
        out.flush()?;
        out.into_inner()
            .map_err(|e| e.into_error())?
            .sync_all()
            .with_context(|| format!("cannot write `{}`", partial.display()))?;
        std::fs::rename(&partial, &path)
            .with_context(|| format!("cannot write `{}`", path.display()))?;
        articles = records;
    }
    Ok(articles)
}
