//! `newsgraph licenses` and `--ner-weights` (issue #22).

use std::process::Command;

fn newsgraph(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn issue_22_licenses_lists_every_row_with_source_and_terms() {
    let out = newsgraph(&["licenses"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for row in newsgraph::licenses::all() {
        assert!(text.contains(row.file), "{} missing", row.file);
        assert!(text.contains(row.terms), "terms of {} missing", row.file);
    }
    assert!(text.contains("research use only"));
    assert!(text.contains("--ner-weights"));
    let notice = newsgraph(&["licenses", "--notice"]);
    let notice = String::from_utf8_lossy(&notice.stdout);
    assert!(notice.contains("Copyright (c) 2016 C.J. Hutto"));
    assert!(notice.contains("GeoNames"));
    let json = newsgraph(&["licenses", "--json"]);
    let rows: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(
        rows.as_array().map(Vec::len),
        Some(newsgraph::licenses::all().len())
    );
}

#[test]
fn issue_22_ner_weights_flag_loads_or_says_what_is_wrong() {
    let article = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/articles/geneva-talks.txt"
    );
    let weights = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/ner-weights.bin");
    let embedded = newsgraph(&["analyze", "-q", article]);
    let loaded = newsgraph(&["analyze", "-q", "--ner-weights", weights, article]);
    assert!(loaded.status.success());
    assert_eq!(embedded.stdout, loaded.stdout);
    let bad = newsgraph(&[
        "analyze",
        "-q",
        "--ner-weights",
        "/nonexistent.bin",
        article,
    ]);
    assert!(!bad.status.success());
    let said = String::from_utf8_lossy(&bad.stderr);
    assert!(said.contains("cannot read the NER weights file"), "{said}");
}
