//! Measure and inspect the text stages over a JSON-lines file of input records
//! (`{"id", "text", "title"?, "published"?}`, or gold lines whose `input` is such a record).
//!
//! ```text
//! cargo run --release -p newsgraph-text --example textbench -- bench   FILE.jsonl
//! cargo run --release -p newsgraph-text --example textbench -- removed FILE.jsonl
//! cargo run --release -p newsgraph-text --example textbench -- show    FILE.jsonl [ID]
//! cargo run --release -p newsgraph-text --example textbench -- jsonl   FILE.jsonl
//! ```
//! cargo run --release -p newsgraph-text --example textbench -- ablation GOLD.jsonl
//! cargo run --release -p newsgraph-text --example textbench -- rules   FILE.jsonl [SAMPLES]
//! ```
//! `ablation` scores the clean text against the gold `body` and `boilerplate` keys with every
//! inline furniture rule, with none, with each one alone and with all but one; `rules` counts
//! what each inline rule cuts over a corpus (cuts and words) and prints a sample of each.
//!
//! `bench` times clean and segment separately over every record (best of three passes);
//! `removed` lists every removed line with its reason; `show` prints one record's clean text
//! with `|` between sentences; `jsonl` writes one JSON line per record (text, metadata,
//! removed lines, sentences) for scripts to inspect.

use newsgraph_model::{Document, Hints};
use newsgraph_text::clean::clean_text_with;
use newsgraph_text::furniture::{furniture_reason, inline_cuts, InlineRule, RuleSet};
use std::time::Instant;

/// CPU seconds this thread has run (Linux `schedstat`); wall time where that is unavailable.
fn cpu_seconds() -> f64 {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .next()
                .and_then(|n| n.parse::<f64>().ok())
        })
        .map(|ns| ns / 1e9)
        .unwrap_or_else(|| START.get_or_init(Instant::now).elapsed().as_secs_f64())
}

fn read_docs(path: &str) -> Vec<Document> {
    let data = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    data.lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|v| {
            let rec = v.get("input").cloned().unwrap_or(v);
            let text = rec.get("text")?.as_str()?.to_owned();
            let field = |k: &str| rec.get(k).and_then(|x| x.as_str()).map(str::to_owned);
            let mut doc = Document::from_text(field("id").unwrap_or_default(), text);
            doc.hints = Hints {
                url: field("url"),
                title: field("title"),
                published: field("published"),
                source: field("source"),
            };
            Some(doc)
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (mode, path) = match args.as_slice() {
        [m, p, ..] => (m.as_str(), p.as_str()),
        _ => {
            eprintln!("usage: textbench bench|removed|show FILE.jsonl [ID]");
            std::process::exit(2);
        }
    };
    let docs = read_docs(path);
    let stages = newsgraph_text::stages(newsgraph_knowledge::Knowledge::embedded())
        .expect("knowledge reads");
    match mode {
        "bench" => {
            let words: usize = docs
                .iter()
                .map(|d| match &d.raw {
                    Some(newsgraph_model::Raw::Text(t)) => t.split_whitespace().count(),
                    _ => 0,
                })
                .sum();
            // CPU time of this thread, not wall time: the bench machine is shared, and a
            // busy neighbour must not count against the stage.
            let mut best = [f64::MAX; 2];
            let (mut sentences, mut tokens) = (0, 0);
            for _ in 0..3 {
                let mut batch = docs.clone();
                for (i, stage) in stages.iter().enumerate() {
                    let t = cpu_seconds();
                    for doc in &mut batch {
                        if let Err(e) = stage.run(doc) {
                            eprintln!("{}: {e}", doc.id);
                        }
                    }
                    best[i] = best[i].min(cpu_seconds() - t);
                }
                sentences = batch.iter().map(|d| d.sentences.len()).sum();
                tokens = batch.iter().map(|d| d.tokens.len()).sum();
            }
            let n = docs.len() as f64;
            let total = best[0] + best[1];
            println!("{} articles, {} words ({:.0} words/article), {sentences} sentences, {tokens} tokens", docs.len(), words, words as f64 / n);
            println!("clean   {:8.2} us/article", best[0] / n * 1e6);
            println!("segment {:8.2} us/article", best[1] / n * 1e6);
            println!("both    {:8.2} us/article = {:.0} articles/s per core (thread CPU time, best of 3)", total / n * 1e6, n / total);
        }
        "removed" => {
            let mut by_reason = std::collections::BTreeMap::<String, usize>::new();
            let mut docs_with = 0;
            let mut paragraphs = 0;
            for mut doc in docs.clone() {
                for stage in &stages {
                    let _ = stage.run(&mut doc);
                }
                paragraphs += doc.paragraphs.len();
                docs_with += usize::from(!doc.removed.is_empty());
                for r in &doc.removed {
                    *by_reason.entry(r.reason.clone()).or_default() += 1;
                    println!("{}\t{}\t{}", doc.id, r.reason, r.text);
                }
            }
            eprintln!(
                "{} articles, {} with removals, {} kept paragraphs; removed by reason: {:?}",
                docs.len(),
                docs_with,
                paragraphs,
                by_reason
            );
        }
        "show" => {
            let want = args.get(2);
            for mut doc in docs.clone() {
                if want.is_some_and(|w| *w != doc.id) {
                    continue;
                }
                for stage in &stages {
                    let _ = stage.run(&mut doc);
                }
                println!(
                    "== {} title={:?} published={:?} lang={:?} dateline={:?} author={:?}",
                    doc.id,
                    doc.title,
                    doc.published,
                    doc.language,
                    doc.dateline.map(|s| doc.slice(s).to_owned()),
                    doc.author
                );
                for r in &doc.removed {
                    println!("  - [{}] {}", r.reason, r.text);
                }
                for i in 0..doc.paragraphs.len() {
                    let sents: Vec<&str> = doc
                        .sentences
                        .iter()
                        .filter(|s| s.paragraph == i)
                        .map(|s| doc.slice(s.span))
                        .collect();
                    println!("  {}", sents.join(" | "));
                }
            }
        }
        "jsonl" => {
            for mut doc in docs.clone() {
                for stage in &stages {
                    let _ = stage.run(&mut doc);
                }
                let sentences: Vec<&str> =
                    doc.sentences.iter().map(|s| doc.slice(s.span)).collect();
                let tokens: Vec<&str> = doc.tokens.iter().map(|t| doc.slice(t.span)).collect();
                let rec = serde_json::json!({
                    "id": doc.id, "title": doc.title, "published": doc.published, "language": doc.language,
                    "author": doc.author, "dateline": doc.dateline.map(|s| doc.slice(s).to_owned()),
                    "text": doc.text, "removed": doc.removed, "sentences": sentences, "tokens": tokens,
                });
                println!("{rec}");
            }
        }
        "ablation" => ablation(path),
        "misses" => misses(path),
        "rules" => rules(
            &docs,
            args.get(2).and_then(|n| n.parse().ok()).unwrap_or(15),
        ),
        _ => eprintln!("unknown mode {mode}"),
    }
}

/// Body shingle F1 (mean over cases) and the share of boilerplate lines gone, for one rule set.
fn score(cases: &[(String, Option<String>, Vec<String>)], rules: RuleSet) -> (f64, f64, usize) {
    let (mut f1, mut bodies, mut gone, mut lines) = (0.0, 0usize, 0usize, 0usize);
    for (text, body, boiler) in cases {
        let out = clean_text_with(tk(), text, rules).text;
        if let Some(body) = body {
            f1 += newsgraph_eval::shingle_f1(body, &out).f1;
            bodies += 1;
        }
        gone += newsgraph_eval::absent_lines(boiler, &out);
        lines += boiler.len();
    }
    (
        f1 / bodies.max(1) as f64,
        gone as f64 / lines.max(1) as f64,
        gone,
    )
}

fn ablation(path: &str) {
    let data = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let cases: Vec<(String, Option<String>, Vec<String>)> = data
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| {
            let text = v.get("input")?.get("text")?.as_str()?.to_owned();
            let gold = v.get("gold")?;
            let body = gold.get("body").and_then(|b| b.as_str()).map(str::to_owned);
            let boiler: Vec<String> = gold
                .get("boilerplate")
                .and_then(|b| b.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
            (body.is_some() || !boiler.is_empty()).then_some((text, body, boiler))
        })
        .collect();
    let show = |name: &str, rules: RuleSet| {
        let (f1, gone, n) = score(&cases, rules);
        println!("{name:<24} body F1 {f1:.3}  boilerplate removed {gone:.3} ({n})");
    };
    show("no inline rule", RuleSet::none());
    show("every inline rule", RuleSet::all());
    for rule in InlineRule::ALL {
        show(&format!("only {}", rule.name()), RuleSet::none().with(rule));
        show(
            &format!("all but {}", rule.name()),
            RuleSet::all().without(rule),
        );
    }
}

fn rules(docs: &[Document], samples: usize) {
    let k = tk();
    let segmenter = newsgraph_text::segmenter(newsgraph_knowledge::Knowledge::embedded())
        .unwrap_or_else(|e| panic!("{e}"));
    let mut tally: std::collections::BTreeMap<&str, (usize, usize, usize, Vec<String>)> =
        Default::default();
    let mut sentences = 0usize;
    for doc in docs {
        let Some(newsgraph_model::Raw::Text(raw)) = &doc.raw else {
            continue;
        };
        sentences += segmenter.split_sentences(raw).len();
        let mut seen_docs = std::collections::BTreeSet::new();
        for line in raw.lines().map(str::trim) {
            if line.is_empty() || furniture_reason(k, line).is_some() {
                continue;
            }
            for cut in inline_cuts(k, line, RuleSet::all()) {
                let e = tally.entry(cut.rule.name()).or_default();
                e.0 += 1;
                e.1 += line[cut.start..cut.end].split_whitespace().count();
                if seen_docs.insert(cut.rule) {
                    e.2 += 1;
                }
                // A spread sample: every 7th cut until enough are kept.
                if e.0 % 7 == 1 && e.3.len() < samples {
                    e.3.push(format!(
                        "{}\t[{}] {}",
                        doc.id,
                        cut.reason,
                        &line[cut.start..cut.end]
                    ));
                }
            }
        }
    }
    println!("{} articles, {} sentences", docs.len(), sentences);
    for (rule, (cuts, words, articles, sample)) in &tally {
        println!("{rule:<12} {cuts:>6} cuts {words:>7} words in {articles:>6} articles");
        for s in sample {
            println!("    {s}");
        }
    }
}

/// Gold furniture lines still in the clean text, case by case (`misses GOLD.jsonl`).
pub fn misses(path: &str) {
    let data = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    for v in data
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
    {
        let (Some(text), Some(gold)) = (
            v.pointer("/input/text").and_then(|t| t.as_str()),
            v.get("gold"),
        ) else {
            continue;
        };
        let c = clean_text_with(tk(), text, RuleSet::all());
        for line in gold
            .get("boilerplate")
            .and_then(|b| b.as_array())
            .into_iter()
            .flatten()
        {
            let line = line.as_str().unwrap_or_default().to_owned();
            if newsgraph_eval::absent_lines(std::slice::from_ref(&line), &c.text) == 0 {
                println!("{}\tKEPT\t{}", v["id"], line);
            }
        }
        for r in &c.removed {
            println!("{}\tcut [{}]\t{}", v["id"], r.reason, r.text);
        }
    }
}

/// The embedded knowledge, compiled once.
fn tk() -> &'static newsgraph_text::TextKnowledge {
    static K: std::sync::OnceLock<newsgraph_text::TextKnowledge> = std::sync::OnceLock::new();
    K.get_or_init(|| {
        newsgraph_text::TextKnowledge::new(newsgraph_knowledge::Knowledge::embedded())
            .unwrap_or_else(|e| panic!("{e}"))
    })
}
