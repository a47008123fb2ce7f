//! Derive word clusters for the tagger (`data/ner-clusters.tsv`) from unlabelled text:
//! `derive_clusters OUT.tsv FILE...` where each FILE is JSON lines with a `text` or
//! `input.text` field, or a CoNLL file (first column = token).
//!
//! Each frequent word (normalised lower form) is described by the words seen just left and
//! right of it (square-root of conditional frequencies over the 600 most frequent words),
//! projected to 96 dimensions with a fixed hash-based random projection, and grouped by
//! spherical k-means into 256 clusters. Deterministic: same input, same file.
//!
//! A third column gives how often the word is written with a capital inside a sentence
//! (after a word or a comma, all-capital spellings left out), in five bands: a common word
//! that opens a sentence ("Born", "Radio") is told from a name that is always capitalised.

use newsgraph_model::TokenKind;
use newsgraph_ner::lexicon::{caps_band, lower_form};
use std::collections::HashMap;
use std::io::Write;

const VOCAB: usize = 40_000;
const CONTEXT: usize = 600;
const DIM: usize = 96;
const K: usize = 256;
const ITERATIONS: usize = 20;

fn texts(path: &str) -> Vec<String> {
    let content = std::fs::read_to_string(path).unwrap_or_default();
    if path.ends_with(".jsonl") {
        content
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| {
                v["text"]
                    .as_str()
                    .or(v["input"]["text"].as_str())
                    .map(String::from)
            })
            .collect()
    } else {
        let words: Vec<&str> = content
            .lines()
            .filter_map(|l| l.split_whitespace().next())
            .collect();
        vec![words.join(" ")]
    }
}

fn project(ctx: usize, d: usize) -> f32 {
    let mut x =
        (ctx as u64 * 0x9E37_79B9_7F4A_7C15) ^ (d as u64).wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    x ^= x >> 29;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 32;
    if x & 1 == 0 {
        1.0
    } else {
        -1.0
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: derive_clusters OUT.tsv FILE...");
        std::process::exit(2);
    }
    let segmenter = newsgraph_text::segmenter(newsgraph_knowledge::Knowledge::embedded())
        .expect("knowledge reads");
    let mut docs: Vec<Vec<String>> = Vec::new();
    // Per lower form: (capitalised, lower-case) occurrences inside a sentence.
    let mut case_counts: HashMap<String, (u32, u32)> = HashMap::new();
    for path in &args[1..] {
        for t in texts(path) {
            let toks = segmenter.segment(&t, &[]).1;
            let words: Vec<&str> = toks.iter().map(|k| &t[k.span.start..k.span.end]).collect();
            for i in 1..toks.len() {
                let prev = words[i - 1];
                let inside = toks[i - 1].sentence == toks[i].sentence
                    && (toks[i - 1].kind == TokenKind::Word || prev == ",");
                let w = words[i];
                let letters = w.chars().filter(|c| c.is_alphabetic()).count();
                let all_caps = letters > 1 && !w.chars().any(|c| c.is_lowercase());
                if !inside || letters == 0 || all_caps {
                    continue;
                }
                let e = case_counts.entry(lower_form(w)).or_default();
                if w.chars().next().is_some_and(|c| c.is_uppercase()) {
                    e.0 += 1;
                } else {
                    e.1 += 1;
                }
            }
            docs.push(words.iter().map(|w| lower_form(w)).collect());
        }
    }
    let mut freq: HashMap<&str, usize> = HashMap::new();
    for d in &docs {
        for w in d {
            *freq.entry(w.as_str()).or_default() += 1;
        }
    }
    let mut by_freq: Vec<(&str, usize)> = freq.into_iter().filter(|x| x.1 >= 3).collect();
    by_freq.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    by_freq.truncate(VOCAB);
    let index: HashMap<&str, usize> = by_freq.iter().enumerate().map(|(i, w)| (w.0, i)).collect();
    let n = by_freq.len();
    eprintln!("{} documents, vocabulary {n}", docs.len());
    // Context counts: left neighbours in [0, CONTEXT], right in [CONTEXT+1, 2*CONTEXT+1].
    let mut counts: Vec<HashMap<usize, f32>> = vec![HashMap::new(); n];
    for d in &docs {
        for i in 0..d.len() {
            let Some(&w) = index.get(d[i].as_str()) else {
                continue;
            };
            let ctx = |j: Option<usize>| {
                j.and_then(|j| d.get(j))
                    .and_then(|x| index.get(x.as_str()))
                    .map_or(CONTEXT, |&c| c.min(CONTEXT))
            };
            *counts[w].entry(ctx(i.checked_sub(1))).or_default() += 1.0;
            *counts[w].entry(CONTEXT + 1 + ctx(Some(i + 1))).or_default() += 1.0;
        }
    }
    let mut vecs = vec![0f32; n * DIM];
    for (w, c) in counts.iter().enumerate() {
        // Summed in a fixed order: float sums in hash order would differ between runs.
        let mut c: Vec<(usize, f32)> = c.iter().map(|(&ctx, &k)| (ctx, k)).collect();
        c.sort_by_key(|x| x.0);
        let total: f32 = c.iter().map(|x| x.1).sum();
        let v = &mut vecs[w * DIM..(w + 1) * DIM];
        for &(ctx, k) in &c {
            let x = (k / total).sqrt();
            for (d, slot) in v.iter_mut().enumerate() {
                *slot += x * project(ctx, d);
            }
        }
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-9);
        v.iter_mut().for_each(|x| *x /= norm);
    }
    // Spherical k-means, seeded with evenly spaced words of the frequency ranking.
    let k = K.min(n);
    let mut centres: Vec<f32> = (0..k)
        .flat_map(|c| vecs[(c * n / k) * DIM..(c * n / k + 1) * DIM].to_vec())
        .collect();
    let mut assign = vec![0usize; n];
    for it in 0..ITERATIONS {
        let mut moved = 0;
        for w in 0..n {
            let v = &vecs[w * DIM..(w + 1) * DIM];
            let mut best = (f32::MIN, 0);
            for c in 0..k {
                let s: f32 = centres[c * DIM..(c + 1) * DIM]
                    .iter()
                    .zip(v)
                    .map(|(a, b)| a * b)
                    .sum();
                if s > best.0 {
                    best = (s, c);
                }
            }
            if assign[w] != best.1 {
                moved += 1;
                assign[w] = best.1;
            }
        }
        centres.iter_mut().for_each(|x| *x = 0.0);
        for w in 0..n {
            for d in 0..DIM {
                centres[assign[w] * DIM + d] += vecs[w * DIM + d];
            }
        }
        for c in 0..k {
            let v = &mut centres[c * DIM..(c + 1) * DIM];
            let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-9);
            v.iter_mut().for_each(|x| *x /= norm);
        }
        eprintln!("iteration {it}: {moved} words moved");
    }
    let mut out = match std::fs::File::create(&args[0]) {
        Ok(f) => std::io::BufWriter::new(f),
        Err(e) => {
            eprintln!("{}: {e}", args[0]);
            std::process::exit(1);
        }
    };
    let _ = writeln!(
        out,
        "# ner-clusters.tsv - word clusters for the entity tagger's features."
    );
    let _ = writeln!(out, "# Built by `cargo run --release -p newsgraph-ner --example derive_clusters` (see data/SOURCES.md).");
    let _ = writeln!(
        out,
        "# Columns: word (lower case, digits as 0), cluster id (0..{k}), capitalisation band inside a sentence (0 always lower case .. 4 always capitalised, - too few to tell)."
    );
    for (w, (word, _)) in by_freq.iter().enumerate() {
        let band = case_counts
            .get(*word)
            .and_then(|&(cap, low)| caps_band(cap, low))
            .map_or("-".to_string(), |b| b.to_string());
        let _ = writeln!(out, "{word}\t{}\t{band}", assign[w]);
    }
}
