//! The library's own tests: order and errors of the stream, options, weights files.

use super::*;

fn engine() -> Engine {
    Engine::new().expect("the default pipeline builds")
}

#[test]
fn issue_22_records_come_back_in_input_order_whatever_the_threads() {
    let engine = engine();
    let texts: Vec<String> = (0..40)
        .map(|i| format!("Police in Oslo arrested {i} men on Monday, officials said."))
        .collect();
    let ids = |threads: usize, chunk: usize| -> Vec<String> {
        engine
            .analyze_records(
                texts
                    .iter()
                    .enumerate()
                    .map(|(i, t)| Article::text(t.as_str()).id(format!("a{i}"))),
                threads,
            )
            .expect("threads start")
            .chunk_size(chunk)
            .map(|o| o.expect("analyzed").id)
            .collect()
    };
    let expected: Vec<String> = (0..40).map(|i| format!("a{i}")).collect();
    assert_eq!(ids(1, 256), expected);
    assert_eq!(ids(2, 3), expected);
    assert_eq!(ids(3, 1), expected);
}

#[test]
fn issue_22_a_bad_input_is_an_error_in_its_place() {
    let engine = engine();
    let items = vec![
        Item::Json {
            fallback_id: "line 1".into(),
            line: br#"{"id": "ok", "text": "Talks resumed in Doha."}"#.to_vec(),
        },
        Item::Json {
            fallback_id: "line 2".into(),
            line: b"{not json".to_vec(),
        },
        Item::from(Document::from_text("doc", "Floods hit Dhaka.")),
    ];
    let out: Vec<Outcome> = engine.analyze_records(items, 2).expect("threads").collect();
    assert_eq!(out.len(), 3);
    assert_eq!(out[0].as_ref().map(|r| r.id.as_str()), Ok("ok"));
    let bad = out[1].as_ref().expect_err("not JSON");
    assert_eq!(bad.id, "line 2");
    assert!(bad.error.contains("not a JSON record"), "{}", bad.error);
    assert_eq!(out[2].as_ref().map(|r| r.id.as_str()), Ok("doc"));
}

#[test]
fn issue_22_the_same_record_as_one_at_a_time() {
    let engine = engine();
    let text = "GENEVA - Ukraine and Russia agreed on Thursday to swap prisoners, officials said.";
    let one = engine.analyze_text(text).expect("analyzed");
    let many: Vec<Record> = engine
        .analyze_records([Article::text(text)], 2)
        .expect("threads")
        .map(|o| o.expect("analyzed"))
        .collect();
    assert_eq!(many, vec![one]);
}

#[test]
fn issue_22_unknown_stage_and_missing_layer_are_refused() {
    let unknown = Engine::with_options(Options::default().stages(["clean", "sentiment"]));
    let message = unknown.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(message.contains("unknown stage `sentiment`"), "{message}");
    assert!(message.contains("segment"), "{message}");
    let missing = Engine::with_options(Options::default().stages(["html", "ner"]));
    let message = missing.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(message.contains("`ner` requires"), "{message}");
}

#[test]
fn issue_22_ner_weights_from_a_file() {
    let dir = std::env::temp_dir().join(format!("newsgraph-weights-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let missing = Engine::with_options(Options::default().ner_weights(dir.join("none.bin")));
    assert!(matches!(missing, Err(Error::WeightsFile { .. })));
    let junk = dir.join("junk.bin");
    std::fs::write(&junk, b"not weights at all").expect("write");
    let bad = Engine::with_options(Options::default().ner_weights(&junk));
    let message = bad.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(message.contains("train-ner"), "{message}");
    // The weights `train-ner` writes load, and give the embedded engine's output.
    let weights = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/ner-weights.bin");
    let engine = Engine::with_options(Options::default().ner_weights(weights)).expect("loads");
    let text = "Vladimir Putin spoke in Moscow on Monday.";
    let record = engine.analyze_text(text).expect("analyzed");
    assert_eq!(
        Some(record),
        Engine::new().ok().and_then(|e| e.analyze_text(text).ok())
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn issue_20_a_text_over_the_limit_is_a_record_error() {
    let engine = Engine::with_options(Options::default().max_text_bytes(1000)).expect("builds");
    let long = "Rebels attacked a convoy near Goma on Tuesday. ".repeat(100);
    let error = engine.analyze_text(&long).expect_err("refused");
    assert!(error.to_string().contains("over the limit"), "{error}");
    assert!(engine
        .analyze_text("Rebels attacked a convoy near Goma on Tuesday.")
        .is_ok());
}
