//! Issue 8: a WARC archive (plain and gzip) and RSS/Atom feeds written for the project go
//! through `newsgraph analyze`, one record per HTML page or feed item, with its URL.

use std::path::Path;
use std::process::Command;

fn analyze(file: &str) -> (Vec<serde_json::Value>, String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../html/tests/data")
        .join(file);
    let out = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .arg("analyze")
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let records = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (records, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn issue_8_warc_archives_give_one_record_per_html_response() {
    for file in ["sample.warc", "sample.warc.gz"] {
        let (records, stderr) = analyze(file);
        assert!(!records.is_empty(), "{file}: no records");
        for r in &records {
            assert!(r.get("error").is_none(), "{file}: {r}");
            assert!(
                r["url"].as_str().is_some_and(|u| u.starts_with("http")),
                "{file}: no url in {r}"
            );
            assert!(
                r["text"]
                    .as_str()
                    .is_some_and(|t| t.split_whitespace().count() > 20),
                "{file}: no body"
            );
        }
        assert!(
            stderr.contains("skipped"),
            "{file}: skipped records are reported: {stderr}"
        );
    }
}

#[test]
fn issue_8_feeds_give_one_record_per_item() {
    for file in ["feed.rss", "feed.atom"] {
        let (records, _) = analyze(file);
        assert!(records.len() >= 2, "{file}: {} records", records.len());
        for r in &records {
            assert!(r.get("error").is_none(), "{file}: {r}");
            assert!(
                r["title"].as_str().is_some_and(|t| !t.is_empty()),
                "{file}: no title in {r}"
            );
            assert!(r["url"].as_str().is_some(), "{file}: no url");
        }
    }
}
