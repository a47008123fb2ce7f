//! Train the tagger in memory and score the whole `ner` stage with it on gold files, without
//! rebuilding the embedded weights: the loop for tagger experiments.
//! `cargo run --release -p newsgraph-ner --example tagger_lab -- TRAIN DEV [OUT.bin] -- GOLD.jsonl...`
//! (training knobs from the environment, see `TrainOptions::from_env`; OUT.bin keeps the model).

use newsgraph_model::EntityType;
use newsgraph_ner::train::{read_conll, train_model, TrainOptions};
use std::collections::HashMap;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let split = args.iter().position(|a| a == "--").unwrap_or(args.len());
    let (head, golds) = (&args[..split], args.get(split + 1..).unwrap_or(&[]));
    if head.len() < 2 {
        eprintln!("usage: tagger_lab TRAIN DEV [OUT.bin] -- GOLD.jsonl...");
        std::process::exit(2);
    }
    let read = |p: &str| std::fs::read_to_string(p).expect("read file");
    let knowledge = newsgraph_knowledge::Knowledge::embedded();
    let segmenter = newsgraph_text::segmenter(knowledge).expect("knowledge reads");
    let gaz = &newsgraph_ner::Gazetteer::new(knowledge).expect("knowledge reads");
    let lex = &newsgraph_ner::Lexicon::new(knowledge).expect("knowledge reads");
    let sources = newsgraph_ner::features::Sources { lex, gaz };
    let opts = TrainOptions::from_env();
    let t = std::time::Instant::now();
    // NER_MODEL=FILE.bin scores a saved model instead of training one.
    let model = if let Ok(path) = std::env::var("NER_MODEL") {
        newsgraph_ner::tagger::Model::from_bytes(&std::fs::read(path).expect("read model"))
            .expect("model")
    } else {
        let (model, report) = train_model(
            sources,
            &read_conll(&read(&head[0])),
            &read_conll(&read(&head[1])),
            &opts,
        );
        eprintln!("{opts:?} {report:?} in {:.1} s", t.elapsed().as_secs_f64());
        model
    };
    if let Some(out) = head.get(2) {
        std::fs::write(out, model.to_bytes()).expect("write model");
    }
    let model = std::sync::Arc::new(model);
    // With NER_TIME=FILE.jsonl, time the tagger's parts over that file's texts.
    if let Ok(path) = std::env::var("NER_TIME") {
        let texts: Vec<String> = read(&path)
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .map(|v| v["text"].as_str().unwrap_or("").to_string())
            .collect();
        let toks: Vec<_> = texts.iter().map(|t| segmenter.segment(t, &[]).1).collect();
        let n = texts.len().max(1) as f64;
        let ta = std::time::Instant::now();
        let marks: Vec<_> = texts
            .iter()
            .zip(&toks)
            .map(|(t, k)| gaz.marks(&gaz.hits(t), k))
            .collect();
        let tb = std::time::Instant::now();
        for ((t, k), m) in texts.iter().zip(&toks).zip(&marks) {
            let infos = newsgraph_ner::features::token_infos(t, k, m, lex);
            std::hint::black_box(infos);
        }
        eprintln!(
            "per doc: gazetteer {:.1} us, features {:.1} us",
            (tb - ta).as_secs_f64() * 1e6 / n,
            tb.elapsed().as_secs_f64() * 1e6 / n
        );
        let t0 = std::time::Instant::now();
        let infos: Vec<_> = texts
            .iter()
            .zip(&toks)
            .map(|(t, k)| sources.infos(t, k))
            .collect();
        let t1 = std::time::Instant::now();
        let mut sum = 0;
        for i in &infos {
            sum += model.tag_first(i).len();
        }
        let t2 = std::time::Instant::now();
        for i in &infos {
            sum += model.tag(i).len();
        }
        let t3 = std::time::Instant::now();
        eprintln!(
            "per doc: infos {:.1} us, first stage {:.1} us, both stages {:.1} us ({sum})",
            (t1 - t0).as_secs_f64() * 1e6 / n,
            (t2 - t1).as_secs_f64() * 1e6 / n,
            (t3 - t2).as_secs_f64() * 1e6 / n
        );
    }
    // With NER_DUMP=FILE, every case's output goes to FILE as `newsgraph eval --dump` writes it
    // (id and entities with mention texts), for error breakdowns.
    let stage = newsgraph_ner::ner_stage(
        knowledge,
        &newsgraph_ner::Options {
            model: Some(model.clone()),
            ..Default::default()
        },
    )
    .expect("knowledge reads");
    let mut dump = std::env::var("NER_DUMP")
        .ok()
        .map(|p| std::fs::File::create(p).expect("create dump"));
    for path in golds {
        let (mut tp, mut np, mut ng) = ([0usize; 3], [0usize; 3], [0usize; 3]);
        for line in read(path).lines() {
            let v: serde_json::Value = serde_json::from_str(line).expect("json");
            let text = v["input"]["text"].as_str().unwrap_or("").to_string();
            let tokens = segmenter.segment(&text, &[]).1;
            let mut entities = stage.recognise(&text, &tokens, None, None);
            if std::env::var_os("NER_RAW").is_some() {
                // The tagger's own mentions, one entity each, without the stage's resolution.
                let infos = sources.infos(&text, &tokens);
                let tags = model.tag(&infos);
                entities = newsgraph_ner::tagger::mentions(&tags, &tokens)
                    .into_iter()
                    .filter(|m| m.2 < 3)
                    .map(|(a, b, ty)| {
                        let span = newsgraph_model::Span::new(
                            tokens[a].span.start,
                            tokens[b - 1].span.end,
                        );
                        let kind = [
                            EntityType::Person,
                            EntityType::Organization,
                            EntityType::Location,
                        ][ty];
                        newsgraph_model::Entity {
                            name: text[span.start..span.end].to_string(),
                            kind_type: kind,
                            kind: None,
                            codes: Default::default(),
                            geo: None,
                            mentions: vec![span],
                        }
                    })
                    .collect();
            }
            if let Some(f) = dump.as_mut() {
                use std::io::Write;
                let ents: Vec<serde_json::Value> = entities
                    .iter()
                    .map(|e| {
                        serde_json::json!({
                            "type": e.kind_type.as_str(),
                            "mentions": e.mentions.iter()
                                .map(|m| serde_json::json!({"text": &text[m.start..m.end]}))
                                .collect::<Vec<_>>(),
                        })
                    })
                    .collect();
                let rec = serde_json::json!({"id": v["input"]["id"], "entities": ents});
                writeln!(f, "{rec}").expect("write dump");
            }
            let mut want: HashMap<(String, usize), usize> = HashMap::new();
            for g in v["gold"]["entities"].as_array().into_iter().flatten() {
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
            for e in &entities {
                let ty = match e.kind_type {
                    EntityType::Person => 0,
                    EntityType::Organization => 1,
                    EntityType::Location => 2,
                };
                for m in &e.mentions {
                    np[ty] += 1;
                    if let Some(n) = want.get_mut(&(text[m.start..m.end].to_string(), ty)) {
                        if *n > 0 {
                            *n -= 1;
                            tp[ty] += 1;
                        }
                    }
                }
            }
        }
        let f1 = |tp: usize, np: usize, ng: usize| 2.0 * tp as f64 / (np + ng).max(1) as f64;
        let (a, b, c) = (
            tp.iter().sum::<usize>(),
            np.iter().sum::<usize>(),
            ng.iter().sum::<usize>(),
        );
        println!(
            "{path}: F1 {:.4} (P {:.4} R {:.4}; PER {:.4} ORG {:.4} LOC {:.4})",
            f1(a, b, c),
            a as f64 / b.max(1) as f64,
            a as f64 / c.max(1) as f64,
            f1(tp[0], np[0], ng[0]),
            f1(tp[1], np[1], ng[1]),
            f1(tp[2], np[2], ng[2])
        );
    }
}
