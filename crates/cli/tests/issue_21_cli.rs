//! Issue 21: the CLI prints ids whole and each error once, and `relink` links a stored archive
//! again by the current rules. Runs the real binary over a store filled through the library.

use newsgraph_model::Record;
use newsgraph_store::{Linked, Linker, Store};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn newsgraph(args: &[&str], db: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(args)
        .arg("--db")
        .arg(db)
        .output()
        .expect("newsgraph runs")
}

fn record(id: &str, published: &str, text: &str) -> Record {
    serde_json::from_value(serde_json::json!({
        "id": id, "title": format!("Harbour report {id}"), "published": published, "text": text,
        "entities": [{"name": "Rotterdam", "type": "LOCATION",
                      "mentions": [{"start": 0, "end": 9, "text": "Rotterdam"}]}]
    }))
    .expect("a valid record")
}

/// A store of three articles about one harbour fire, with ids longer than a table column.
fn store(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsgraph-issue21-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let db = dir.join(name);
    let _ = std::fs::remove_file(&db);
    let mut store = Store::open_sqlite(&db).expect("store");
    let mut linker = Linker::new();
    let text = "Rotterdam harbour fire destroyed a grain warehouse on Friday, injuring two \
                workers, and firefighters fought the blaze for six hours, the port said.";
    let batch: Vec<Linked> = [
        (
            "harbour-fire-rotterdam-2016-09-09-first-report",
            "2016-09-09",
        ),
        (
            "harbour-fire-rotterdam-2016-09-10-second-report",
            "2016-09-10",
        ),
    ]
    .iter()
    .map(|(id, day)| linker.linked(record(id, day, text)))
    .collect();
    store.write_batch(&batch, &[]).expect("write");
    db
}

#[test]
fn issue_21_search_prints_whole_ids() {
    let db = store("ids.db");
    let out = newsgraph(&["search", "warehouse"], &db);
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        table.contains("harbour-fire-rotterdam-2016-09-10-second-report "),
        "{table}"
    );
}

#[test]
fn issue_21_an_error_is_said_once() {
    let db = store("errors.db");
    let out = newsgraph(&["search", "NOT"], &db);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = said.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "{said}");
    assert_eq!(lines[0].matches("syntax error").count(), 1, "{said}");
}

#[test]
fn issue_21_relink_links_a_store_again() {
    let db = store("relink.db");
    let before = Store::open_sqlite(&db)
        .expect("open")
        .stories()
        .expect("stories");
    assert_eq!(
        before[0].1, before[1].1,
        "the copy joined its original's story"
    );
    // Stories may now span no day at all: the copy, a day later, keeps its original but gets
    // a story of its own.
    let out = newsgraph(&["relink", "--story-max-days", "0"], &db);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("2 articles"), "{said}");
    assert!(said.contains("1 moved"), "{said}");
    let store = Store::open_sqlite(&db).expect("reopen");
    let after = store.stories().expect("stories");
    assert_ne!(after[0].1, after[1].1);
    let copy = store
        .record("harbour-fire-rotterdam-2016-09-10-second-report")
        .expect("read")
        .expect("stored");
    assert_eq!(
        copy.duplicate_of.as_deref(),
        Some("harbour-fire-rotterdam-2016-09-09-first-report")
    );
    assert_eq!(store.stats().expect("stats").stories, 2);
    assert!(!store.linked_by_older_rules().expect("rules"));
}
