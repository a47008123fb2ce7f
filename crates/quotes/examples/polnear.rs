//! Measures the quotes stage on a gold file with `quotes` keys (GOLD.md scoring), before the
//! real entity layer is wired in: entities come from a crude capitalised-word finder that lives
//! here only, so speaker figures are a rough lower bound.
//!
//! ```text
//! cargo run --release -p newsgraph-quotes --example polnear -- [GOLD.jsonl] [--dump]
//! ```
//! Given input records without gold (e.g. the bench corpus), it only times the stage.
//! The gold file defaults to `$NEWSGRAPH_SHARED/data/dev/polnear-dev.jsonl`; the run skips with
//! a message when it is absent. `--dump` prints every miss and every unmatched output.

use newsgraph_knowledge::Knowledge;
use newsgraph_model::{Document, Entity, EntityType, Span};
use newsgraph_quotes::lexicon::{Lexicon, NounKind};
use newsgraph_quotes::words::tokens_in;
use newsgraph_quotes::QuoteStage;
use newsgraph_text::Segmenter;
use std::collections::HashMap;
use std::time::Instant;

/// Crude stand-in for NER: runs of capitalised words not opening a sentence alone, titles
/// stripped, a lone surname joined to the earlier full name it ends.
fn crude_entities(lex: &Lexicon, segmenter: &Segmenter, text: &str) -> Vec<Entity> {
    let mut entities: Vec<Entity> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let (sentences, tokens) = segmenter.segment(text, &[]);
    for sentence in sentences.iter().map(|s| s.span) {
        let toks: Vec<_> = tokens_in(text, &tokens, sentence, usize::MAX)
            .into_iter()
            .filter(|t| t.is_word())
            .collect();
        let mut k = 0;
        while k < toks.len() {
            let cap = |t: &newsgraph_quotes::words::Tok| {
                text[t.span.start..]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
            };
            if !cap(&toks[k]) {
                k += 1;
                continue;
            }
            let start = k;
            while k < toks.len()
                && cap(&toks[k])
                && (k == start || toks[k].span.start - toks[k - 1].span.end <= 2)
            {
                k += 1;
            }
            let mut run = &toks[start..k];
            while let Some(first) = run.first() {
                let w = &text[first.span.start..first.span.end];
                let is_title = lex.is_title(w)
                    || matches!(lex.noun(w), Some((NounKind::Role | NounKind::Pronoun, _)));
                if is_title
                    || (start == 0
                        && run.len() > 1
                        && first.span.start == sentence.start
                        && lex.noun(w).is_some())
                {
                    run = &run[1..];
                } else {
                    break;
                }
            }
            if run.is_empty() || (run.len() == 1 && run[0].span.start == sentence.start) {
                continue;
            }
            let mut span = Span::new(run[0].span.start, run[run.len() - 1].span.end);
            let mut name = &text[span.start..span.end];
            for suffix in ["’s", "'s"] {
                if let Some(stripped) = name.strip_suffix(suffix) {
                    name = stripped;
                    span.end -= suffix.len();
                }
            }
            if lex.is_verb(name) || name.len() < 2 {
                continue;
            }
            let last = name.rsplit(' ').next().unwrap_or(name).to_string();
            let idx = by_key
                .get(name)
                .or_else(|| by_key.get(&last))
                .copied()
                .unwrap_or_else(|| {
                    entities.push(Entity {
                        name: name.to_string(),
                        kind_type: EntityType::Person,
                        kind: None,
                        codes: Default::default(),
                        geo: None,
                        mentions: Vec::new(),
                    });
                    entities.len() - 1
                });
            by_key.entry(name.to_string()).or_insert(idx);
            by_key.entry(last).or_insert(idx);
            entities[idx].mentions.push(span);
        }
    }
    entities
}

fn words(s: &str) -> HashMap<String, usize> {
    let mut m = HashMap::new();
    for w in s
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
    {
        *m.entry(w.to_lowercase()).or_insert(0) += 1;
    }
    m
}

fn shared(a: &HashMap<String, usize>, b: &HashMap<String, usize>) -> usize {
    a.iter()
        .map(|(w, n)| (*n).min(*b.get(w).unwrap_or(&0)))
        .sum()
}

fn main() {
    let knowledge = Knowledge::embedded();
    let lex = Lexicon::new(knowledge).expect("knowledge reads");
    let segmenter = newsgraph_text::segmenter(knowledge).expect("knowledge reads");
    let stage = QuoteStage::new(knowledge).expect("knowledge reads");
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dump = args.iter().any(|a| a == "--dump");
    let path = match args.iter().find(|a| !a.starts_with("--")) {
        Some(p) => std::path::PathBuf::from(p),
        None => match newsgraph_testkit::shared_dir() {
            Some(d) => d.join("data/dev/polnear-dev.jsonl"),
            None => {
                println!("skipped: no shared data directory (set NEWSGRAPH_SHARED)");
                return;
            }
        },
    };
    let Ok(data) = std::fs::read_to_string(&path) else {
        println!("skipped: cannot read {}", path.display());
        return;
    };
    let (mut gold_n, mut out_n, mut matched, mut with_speaker, mut speaker_right) = (0, 0, 0, 0, 0);
    let mut stage_time = std::time::Duration::ZERO;
    let mut docs = 0;
    let repeat: usize = std::env::var("QUOTES_REPEAT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    for line in data.lines() {
        let Ok(case) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        // A gold case (scored when it has `quotes`), or a bare input record (timed only).
        let input = if case.get("input").is_some() {
            &case["input"]
        } else {
            &case
        };
        let gold = match case["gold"]["quotes"].as_array() {
            Some(g) => g.as_slice(),
            None if case.get("gold").is_some() => continue,
            None => &[],
        };
        let text = input["text"].as_str().unwrap_or("").to_string();
        let mut doc = Document::from_text(case["id"].as_str().unwrap_or(""), text.clone());
        doc.text = text;
        doc.entities = crude_entities(&lex, &segmenter, &doc.text);
        // The text stage gives sentences and tokens in the real pipeline; do that work outside
        // the timing.
        (doc.sentences, doc.tokens) = segmenter.segment(&doc.text, &[]);
        let started = Instant::now();
        // `QUOTES_REPEAT=n` runs the stage n more times per document, so that CPU time measured
        // from outside (`time`) can be told apart from the harness's own work.
        for _ in 0..repeat {
            std::hint::black_box(stage.find_quotes(&doc));
        }
        let quotes = stage.find_quotes(&doc);
        stage_time += started.elapsed();
        docs += 1;
        doc.quotes = quotes;
        let record = newsgraph_model::Record::from_document(&doc);
        let outs: Vec<(HashMap<String, usize>, &newsgraph_model::record::QuoteOut)> =
            record.quotes.iter().map(|q| (words(&q.text), q)).collect();
        let mut used = vec![false; outs.len()];
        if dump {
            println!("DOC {}", doc.id);
        }
        gold_n += gold.len();
        out_n += outs.len();
        for g in gold {
            let gw = words(g["text"].as_str().unwrap_or(""));
            let total: usize = gw.values().sum();
            let best = (0..outs.len())
                .filter(|&k| !used[k])
                .map(|k| (shared(&gw, &outs[k].0), k))
                .filter(|&(s, _)| s > 0)
                .max_by_key(|&(s, k)| (s, std::cmp::Reverse(k)));
            let gold_speaker = g["speaker"].as_str();
            match best {
                Some((s, k)) if 2 * s >= total => {
                    used[k] = true;
                    matched += 1;
                    if let Some(gs) = gold_speaker {
                        with_speaker += 1;
                        let right = outs[k]
                            .1
                            .speaker
                            .as_deref()
                            .is_some_and(|os| shared(&words(os), &words(gs)) > 0);
                        if right {
                            speaker_right += 1;
                        } else if dump {
                            println!(
                                "SPEAKER gold={gs:?} out={:?} verb={:?} | {}",
                                outs[k].1.speaker,
                                outs[k].1.verb,
                                &outs[k].1.text.chars().take(80).collect::<String>()
                            );
                        }
                    }
                }
                _ => {
                    if gold_speaker.is_some() {
                        with_speaker += 1;
                    }
                    if dump {
                        println!(
                            "MISS {:?}",
                            g["text"]
                                .as_str()
                                .unwrap_or("")
                                .chars()
                                .take(120)
                                .collect::<String>()
                        );
                    }
                }
            }
        }
        if dump {
            for (k, (_, q)) in outs.iter().enumerate() {
                let tag = if used[k] { "HIT" } else { "EXTRA" };
                println!(
                    "{tag} verb={:?} speaker={:?} parts={} | {:?}",
                    q.verb,
                    q.speaker,
                    doc.quotes[k].parts.len(),
                    q.text.chars().take(120).collect::<String>()
                );
            }
        }
    }
    let pct = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    println!(
        "{}: cases={docs} gold={gold_n} output={out_n} matched={matched} recall={:.3} precision={:.3} speaker={:.3} ({speaker_right}/{with_speaker}) stage={:.4} ms/doc",
        path.display(),
        pct(matched, gold_n),
        pct(matched, out_n),
        pct(speaker_right, with_speaker),
        stage_time.as_secs_f64() * 1000.0 / docs.max(1) as f64
    );
}
