//! Issue 6: the store links a spun copy (official names, sentences reordered, boilerplate added)
//! to its original, keeps unrelated articles apart, and a second ingest adds nothing.
//! Runs the real binary end to end: ingest into a temporary store, then export.

use std::path::{Path, PathBuf};
use std::process::Command;

fn newsgraph() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsgraph"))
}

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data/stories")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// What a content farm does to a wire story: official names for countries and alliances,
/// paragraphs in another order, site furniture around them.
fn spin(original: &str) -> String {
    let spun = original
        .replace("the United States", "the United States of America")
        .replace("Russia ", "Russian Federation ")
        .replace("NATO", "North Atlantic Treaty Organisation");
    let mut paragraphs: Vec<&str> = spun.split("\n\n").collect();
    let title = paragraphs.remove(0);
    paragraphs.reverse();
    let mut out = vec!["Share", title];
    for (i, p) in paragraphs.iter().enumerate() {
        out.push(p);
        if i == 1 {
            out.push("Advertisement");
        }
    }
    out.push("Read more: Ten things to know about the Geneva talks");
    out.join("\n\n")
}

fn tmpdir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsgraph-issue6-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("in")).unwrap();
    dir
}

fn export(db: &Path) -> Vec<serde_json::Value> {
    let out = newsgraph()
        .args(["export", "--db"])
        .arg(db)
        .args(["--to", "-"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn issue_6_spun_copy_is_linked_to_its_original() {
    let dir = tmpdir();
    let original = fixture("ceasefire-talks.txt");
    std::fs::write(dir.join("in/a-original.txt"), &original).unwrap();
    std::fs::write(dir.join("in/b-unrelated.txt"), fixture("harbour-fire.txt")).unwrap();
    std::fs::write(dir.join("in/c-spun.txt"), spin(&original)).unwrap();
    let db = dir.join("news.db");
    let ingest = || {
        newsgraph()
            .arg("ingest")
            .arg(dir.join("in"))
            .arg("--db")
            .arg(&db)
            .arg("--quiet")
            .output()
            .unwrap()
    };
    let first = ingest();
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );

    let records = export(&db);
    let by_id = |id: &str| {
        records
            .iter()
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("no record {id}"))
    };
    let (original, unrelated, spun) = (by_id("a-original"), by_id("b-unrelated"), by_id("c-spun"));
    assert_eq!(
        spun["duplicate_of"], "a-original",
        "the spun copy must point to its original"
    );
    assert_eq!(spun["story"], original["story"]);
    assert!(original["duplicate_of"].is_null());
    assert!(unrelated["duplicate_of"].is_null());
    assert_ne!(unrelated["story"], original["story"]);

    // A second ingest of the same files changes nothing.
    let second = ingest();
    assert!(second.status.success());
    assert_eq!(export(&db), records);
}
