//! Quick scorer for the `ner` and `geocode` stages alone, until `newsgraph eval` covers them:
//! `cargo run --release -p newsgraph-ner --example eval_ner -- FILE.jsonl...`
//! Entities: mention F1 over (text, type) multisets per case. Toponyms: accuracy at 161 km.

use newsgraph_model::{Document, EntityType};
use std::collections::HashMap;

fn km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1, la2, lo2) = (
        a.0.to_radians(),
        a.1.to_radians(),
        b.0.to_radians(),
        b.1.to_radians(),
    );
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

fn main() {
    let stages = newsgraph_ner::stages();
    let verbose = std::env::var("VERBOSE").is_ok();
    for path in std::env::args().skip(1) {
        let content = std::fs::read_to_string(&path).expect("read gold file");
        let (mut tp, mut np, mut ng) = ([0usize; 3], [0usize; 3], [0usize; 3]);
        let (mut topo_ok, mut topo_n) = (0, 0);
        let mut nanos = 0u128;
        let mut cases = 0;
        for line in content.lines() {
            let v: serde_json::Value = serde_json::from_str(line).expect("json");
            let text = v["input"]["text"].as_str().unwrap_or("").to_string();
            let mut doc = Document::from_text("x", text.clone());
            doc.text = text;
            doc.published = v["input"]["published"]
                .as_str()
                .map(|s| s.chars().take(10).collect());
            let t = std::time::Instant::now();
            for s in &stages {
                s.run(&mut doc).expect("stage");
            }
            nanos += t.elapsed().as_nanos();
            cases += 1;
            let ti = |t: EntityType| match t {
                EntityType::Person => 0,
                EntityType::Organization => 1,
                EntityType::Location => 2,
            };
            if let Some(gold) = v["gold"]["entities"].as_array() {
                let mut want: HashMap<(String, usize), usize> = HashMap::new();
                for g in gold {
                    let ty = match g["type"].as_str().unwrap_or("") {
                        "PERSON" => 0,
                        "ORGANIZATION" => 1,
                        _ => 2,
                    };
                    *want
                        .entry((g["text"].as_str().unwrap_or("").to_string(), ty))
                        .or_default() += 1;
                    ng[ty] += 1;
                }
                for e in &doc.entities {
                    for m in &e.mentions {
                        let key = (doc.text[m.start..m.end].to_string(), ti(e.kind_type));
                        np[key.1] += 1;
                        match want.get_mut(&key) {
                            Some(n) if *n > 0 => {
                                *n -= 1;
                                tp[key.1] += 1;
                            }
                            _ => {
                                if verbose {
                                    println!("FP {:?} {:?}", key.0, e.kind_type);
                                }
                            }
                        }
                    }
                }
                if verbose {
                    for ((t, ty), n) in want {
                        if n > 0 {
                            println!("FN {t:?} {ty}");
                        }
                    }
                }
            }
            if let Some(gold) = v["gold"]["toponyms"].as_array() {
                for g in gold {
                    topo_n += 1;
                    let text = g["text"].as_str().unwrap_or("");
                    let at = (
                        g["lat"].as_f64().unwrap_or(0.0),
                        g["lon"].as_f64().unwrap_or(0.0),
                    );
                    let ok = doc
                        .entities
                        .iter()
                        .filter(|e| e.kind_type == EntityType::Location)
                        .any(|e| {
                            e.mentions.iter().any(|m| &doc.text[m.start..m.end] == text)
                                && e.geo
                                    .as_ref()
                                    .is_some_and(|g| km((g.lat, g.lon), at) <= 161.0)
                        });
                    if ok {
                        topo_ok += 1;
                    } else if verbose {
                        let found: Vec<String> = doc
                            .entities
                            .iter()
                            .filter(|e| {
                                e.mentions.iter().any(|m| &doc.text[m.start..m.end] == text)
                            })
                            .map(|e| {
                                format!(
                                    "{} {:?} {:?}",
                                    e.name,
                                    e.kind_type,
                                    e.geo.as_ref().map(|g| (g.country.clone(), g.lat, g.lon))
                                )
                            })
                            .collect();
                        println!("TOPO miss {text:?} {at:?} -> {found:?}");
                    }
                }
            }
        }
        let f1 = |tp: usize, np: usize, ng: usize| {
            if tp == 0 {
                0.0
            } else {
                2.0 * tp as f64 / (np + ng) as f64
            }
        };
        let (a, b, c) = (
            tp.iter().sum::<usize>(),
            np.iter().sum::<usize>(),
            ng.iter().sum::<usize>(),
        );
        print!(
            "{path}: {cases} cases, {:.3} ms/case",
            nanos as f64 / 1e6 / cases.max(1) as f64
        );
        if c > 0 {
            print!(
                ", entity F1 {:.4} (P {:.4} R {:.4}; PER {:.4} ORG {:.4} LOC {:.4})",
                f1(a, b, c),
                a as f64 / b.max(1) as f64,
                a as f64 / c as f64,
                f1(tp[0], np[0], ng[0]),
                f1(tp[1], np[1], ng[1]),
                f1(tp[2], np[2], ng[2])
            );
        }
        if topo_n > 0 {
            print!(
                ", toponyms@161km {:.4} ({topo_ok}/{topo_n})",
                topo_ok as f64 / topo_n as f64
            );
        }
        println!();
    }
}
