//! `newsgraph eval`: run the engine on gold cases and print the figures of every gold key.
//!
//! Cases are analyzed in parallel chunks, exactly as `analyze` would (the case's `input` is an
//! input record). A set with `cluster` gold is linked the way `ingest` links it: its records go
//! through a temporary in-memory store, and their `story` is read back from it.
//!
//! Whether a demonym adjective ("Turkish") is a mention of its country is a convention of each
//! gold set, not a fact of the text (see `newsgraph_ner::Demonyms`): unless `--demonyms` says
//! otherwise, a file whose first case scores `toponyms` is run with demonyms as places (TR-News
//! annotates adjectival toponyms; extra mentions cost a toponym score nothing), one that scores
//! `entities` without them (CoNLL-2003 and OntoNotes tag them MISC or NORP).

use anyhow::Context;
use newsgraph_eval::{case_iter, Case, Scorer};
use newsgraph_store::{Linker, Store};
use rayon::prelude::*;
use std::fs::File;
use std::io::BufReader;
use std::path::PathBuf;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// Gold files (JSON lines in the gold format).
    #[arg(required = true)]
    gold: Vec<PathBuf>,
    /// Print the report as JSON instead of tables.
    #[arg(long)]
    json: bool,
    #[arg(long, short = 'j')]
    threads: Option<usize>,
    /// Score only the first N cases of each file.
    #[arg(long)]
    limit: Option<usize>,
    /// Also write every output record to this file (JSON lines), to inspect what was scored.
    #[arg(long)]
    dump: Option<PathBuf>,
    /// Also write what each case got wrong to this file (JSON lines: case id, gold key, the
    /// gold items missed and the output items that match nothing), for error analysis.
    #[arg(long)]
    explain: Option<PathBuf>,
    #[command(flatten)]
    engine: crate::EngineArgs,
}

const CHUNK: usize = 256;

/// The demonym convention of a gold file, read from the keys of its first case.
fn convention_of(gold: &serde_json::Value) -> Option<crate::DemonymArg> {
    if gold.get("toponyms").is_some() {
        Some(crate::DemonymArg::Places)
    } else if gold.get("entities").is_some() {
        Some(crate::DemonymArg::Never)
    } else {
        None
    }
}

pub fn run(args: Args) -> anyhow::Result<()> {
    // One engine per demonym convention the files need, built when first needed.
    let mut engines: Vec<(Option<crate::DemonymArg>, newsgraph::Engine)> = Vec::new();
    let threads = args.threads.unwrap_or_else(crate::default_threads).max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()?;
    let mut scorer = Scorer::new();
    let create = |p: &Option<PathBuf>| -> anyhow::Result<Option<std::io::BufWriter<File>>> {
        match p {
            Some(p) => Ok(Some(std::io::BufWriter::new(
                File::create(p).with_context(|| format!("cannot create `{}`", p.display()))?,
            ))),
            None => Ok(None),
        }
    };
    let mut dump = create(&args.dump)?;
    let mut explain = create(&args.explain)?;
    for path in &args.gold {
        let started = Instant::now();
        let file = File::open(path)
            .with_context(|| format!("cannot open gold file `{}`", path.display()))?;
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut cases = case_iter(BufReader::new(file), stem)
            .take(args.limit.unwrap_or(usize::MAX))
            .peekable();
        let convention = match (args.engine.demonyms, cases.peek()) {
            (Some(d), _) => Some(d),
            (None, Some(Ok(case))) => convention_of(&case.gold),
            (None, _) => None,
        };
        let at = match engines.iter().position(|(c, _)| *c == convention) {
            Some(at) => at,
            None => {
                let mut engine_args = args.engine.clone();
                engine_args.demonyms = convention;
                engines.push((convention, engine_args.engine()?));
                engines.len() - 1
            }
        };
        let engine = &engines[at].1;
        // Story clusters need a store; it is created only when a case has `cluster` gold.
        let mut linking: Option<(Store, Linker)> = None;
        let mut n = 0usize;
        loop {
            let chunk: Vec<Case> = cases
                .by_ref()
                .take(CHUNK)
                .collect::<Result<_, _>>()
                .with_context(|| format!("bad gold file `{}`", path.display()))?;
            if chunk.is_empty() {
                break;
            }
            let outputs: Vec<Result<serde_json::Value, String>> = pool.install(|| {
                chunk
                    .par_iter()
                    .map(|case| {
                        let doc =
                            newsgraph_io::document_from_value(&case.input).map_err(|(_, e)| e)?;
                        let record = engine.analyze_document(doc)?;
                        serde_json::to_value(record).map_err(|e| e.to_string())
                    })
                    .collect()
            });
            let mut outputs = outputs;
            if chunk.iter().any(|c| c.gold.get("cluster").is_some()) {
                let (store, linker) = match linking.as_mut() {
                    Some(l) => l,
                    None => linking.insert((Store::open_in_memory()?, Linker::new())),
                };
                link_chunk(store, linker, &chunk, &mut outputs)?;
            }
            for (case, output) in chunk.iter().zip(&outputs) {
                if let Some(w) = dump.as_mut() {
                    use std::io::Write;
                    let line = match output {
                        Ok(v) => v.to_string(),
                        Err(e) => serde_json::json!({"id": case.id, "error": e}).to_string(),
                    };
                    writeln!(w, "{line}")?;
                }
                if let Some(w) = explain.as_mut() {
                    use std::io::Write;
                    let output = output.as_ref().map_err(|e| e.as_str());
                    for miss in newsgraph_eval::explain::explain(case, output) {
                        if miss.missed.is_empty() && miss.extra.is_empty() {
                            continue;
                        }
                        let line = serde_json::json!({
                            "id": case.id,
                            "key": miss.key,
                            "missed": miss.missed,
                            "extra": miss.extra,
                        });
                        writeln!(w, "{line}")?;
                    }
                }
                scorer.add(case, output.as_ref().map_err(|e| e.as_str()));
            }
            n += chunk.len();
        }
        if !args.json {
            eprintln!(
                "newsgraph eval: {}: {n} cases in {:.1} s",
                path.display(),
                started.elapsed().as_secs_f64()
            );
        }
    }
    let report = scorer.finish();
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", report.to_table());
    }
    Ok(())
}

/// Put the chunk's records through the store (in case order) and read their stories back.
fn link_chunk(
    store: &mut Store,
    linker: &mut Linker,
    chunk: &[Case],
    outputs: &mut [Result<serde_json::Value, String>],
) -> anyhow::Result<()> {
    let mut batch = Vec::new();
    for value in outputs.iter().flatten() {
        let record: newsgraph_model::Record = serde_json::from_value(value.clone())?;
        batch.push(linker.linked(record));
    }
    store.write_batch(&batch, &[])?;
    for (case, output) in chunk.iter().zip(outputs.iter_mut()) {
        if let Ok(value) = output {
            let id = value
                .get("id")
                .and_then(|v| v.as_str())
                .unwrap_or(&case.id)
                .to_string();
            if let Some(stored) = store.record(&id)? {
                value["story"] = serde_json::Value::from(stored.story);
                value["duplicate_of"] = serde_json::Value::from(stored.duplicate_of);
            }
        }
    }
    Ok(())
}
