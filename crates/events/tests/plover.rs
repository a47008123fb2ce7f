//! Scores the events stage on the PLOVER gold standard records (`plover-gsr.jsonl`) with the
//! crude stand-in stages of `support`, the way GOLD.md scores events: one-to-one matching on
//! the first three letters of source and target codes (a null gold side matches anything);
//! dyad F1 on actors only, root F1 on actors and root. Prints the figures and the misses;
//! skips when the shared data is absent.

mod support;

use serde_json::Value;
use support::knowledge;

#[derive(Default)]
struct Score {
    gold: usize,
    out: usize,
    dyad: usize,
    root: usize,
}

fn f1(hit: usize, gold: usize, out: usize) -> (f64, f64, f64) {
    let p = if out == 0 {
        0.0
    } else {
        hit as f64 / out as f64
    };
    let r = if gold == 0 {
        0.0
    } else {
        hit as f64 / gold as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

fn side(code: Option<&str>) -> Option<String> {
    code.map(|c| c.chars().take(3).collect())
}

/// One-to-one greedy matching; `with_root` also requires the root to be acceptable.
fn matches(
    gold: &[(Option<String>, Option<String>, Vec<String>)],
    out: &[(String, String, String)],
    with_root: bool,
) -> usize {
    let mut used = vec![false; out.len()];
    let mut hits = 0;
    for (gs, gt, roots) in gold {
        let ok = |o: &(String, String, String)| {
            gs.as_ref().is_none_or(|s| *s == o.0)
                && gt.as_ref().is_none_or(|t| *t == o.1)
                && (!with_root || roots.contains(&o.2))
        };
        if let Some(k) = (0..out.len()).find(|&k| !used[k] && ok(&out[k])) {
            used[k] = true;
            hits += 1;
        }
    }
    hits
}

#[test]
fn plover_gold_standard_scores() {
    let Some(path) = newsgraph_testkit::shared_file("data/dev/plover-gsr.jsonl") else {
        return;
    };
    let text = std::fs::read_to_string(&path).expect("the gold file reads");
    let coder = knowledge().expect("embedded knowledge compiles");
    let verbose = std::env::var("PLOVER_VERBOSE").is_ok();
    let only = std::env::var("PLOVER_ONLY").ok();
    let mut score = Score::default();
    for line in text.lines() {
        let case: Value = serde_json::from_str(line).expect("gold line is JSON");
        let id = case["id"].as_str().unwrap_or("");
        let input = case["input"]["text"].as_str().unwrap_or("");
        if only.as_deref().is_some_and(|o| !id.contains(o)) {
            continue;
        }
        let doc = support::prepare(input, "");
        let explained = coder.code_document_with_spans(&doc);
        let events: Vec<_> = explained.iter().map(|(e, _)| e.clone()).collect();
        let out: Vec<(String, String, String)> = events
            .iter()
            .map(|e| {
                (
                    side(e.source.as_ref().map(|a| a.code.as_str())).unwrap_or_default(),
                    side(e.target.as_ref().map(|a| a.code.as_str())).unwrap_or_default(),
                    e.root().to_string(),
                )
            })
            .collect();
        let gold: Vec<(Option<String>, Option<String>, Vec<String>)> = case["gold"]["events"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|g| {
                        let roots = g["cameo_roots"]
                            .as_array()
                            .map(|r| {
                                r.iter()
                                    .filter_map(|x| x.as_str().map(str::to_string))
                                    .collect()
                            })
                            .unwrap_or_default();
                        (
                            side(g["source"].as_str()),
                            side(g["target"].as_str()),
                            roots,
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let dyad = matches(&gold, &out, false);
        let root = matches(&gold, &out, true);
        score.gold += gold.len();
        score.out += out.len();
        score.dyad += dyad;
        score.root += root;
        if only.is_some() {
            for e in &doc.entities {
                println!("   entity {} {:?} {:?}", e.name, e.kind_type, e.codes.cameo);
            }
        }
        if verbose && (root < gold.len() || root < out.len()) {
            println!("MISS {id}: {input}");
            println!(
                "   gold {:?}",
                gold.iter()
                    .map(|g| (g.0.clone(), g.1.clone(), g.2.join("/")))
                    .collect::<Vec<_>>()
            );
            for (e, spans) in &explained {
                println!(
                    "   out  {}",
                    newsgraph_events::render::render_event(&doc, e, spans)
                );
            }
        }
    }
    let (dp, dr, df) = f1(score.dyad, score.gold, score.out);
    let (rp, rr, rf) = f1(score.root, score.gold, score.out);
    println!("plover-gsr: gold {} out {}", score.gold, score.out);
    println!("events.dyad P {dp:.3} R {dr:.3} F1 {df:.3}");
    println!("events.root P {rp:.3} R {rr:.3} F1 {rf:.3}");
}
