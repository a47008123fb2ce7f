//! Issue 20: `analyze` over hostile inputs goes on and tells the truth in its exit status. A
//! directory with a FIFO and an unreadable entry gives an error record for each and a record for
//! every readable file; a run where every record failed exits with a failure; `--strict` fails
//! on any failed record; an article over `--max-text-mb` is a record error.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsgraph-cli-20-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn analyze(args: &[&str], input: &Path) -> (Output, Vec<serde_json::Value>) {
    let out = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .arg("analyze")
        .args(args)
        .arg(input)
        .output()
        .unwrap();
    let records = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (out, records)
}

#[test]
fn issue_20_a_fifo_and_a_broken_entry_are_error_records_and_the_run_goes_on() {
    let dir = dir("edges");
    std::fs::write(
        dir.join("a.txt"),
        "Rebels attacked a convoy near Goma on Tuesday.",
    )
    .unwrap();
    let fifo = Command::new("mkfifo").arg(dir.join("b.fifo")).status();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.join("nowhere"), dir.join("c.txt")).unwrap();
    let (out, records) = analyze(&["-q"], &dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(records[0]["id"], "a");
    assert!(records[0].get("error").is_none());
    let errors = records.iter().filter(|r| r.get("error").is_some()).count();
    let expected = usize::from(fifo.is_ok_and(|s| s.success())) + usize::from(cfg!(unix));
    assert_eq!(errors, expected, "{records:?}");
    // --strict: the same run fails because some records did.
    let (out, _) = analyze(&["-q", "--strict"], &dir);
    assert!(!out.status.success());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn issue_20_a_run_where_every_record_failed_exits_with_a_failure() {
    let dir = dir("failed");
    std::fs::write(dir.join("junk.bin"), [0u8, 159, 146, 150, 0, 1, 2, 3]).unwrap();
    std::fs::write(dir.join("empty.txt"), "   \n").unwrap();
    let (out, records) = analyze(&["-q"], &dir);
    assert_eq!(records.len(), 2);
    assert!(
        records.iter().all(|r| r.get("error").is_some()),
        "{records:?}"
    );
    assert!(
        !out.status.success(),
        "every record failed but the exit status was 0"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("2 of 2 records failed"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn issue_20_an_article_over_the_text_limit_is_a_record_error() {
    let dir = dir("limit");
    let long = "Rebels attacked a convoy near Goma on Tuesday. ".repeat(30_000);
    std::fs::write(dir.join("long.txt"), &long).unwrap();
    std::fs::write(dir.join("short.txt"), "Police arrested 3 men in Oslo.").unwrap();
    let (out, records) = analyze(&["-q", "--max-text-mb", "1"], &dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        records[0]["error"]
            .as_str()
            .is_some_and(|e| e.contains("over the limit")),
        "{}",
        records[0]
    );
    assert!(records[1].get("error").is_none());
    let _ = std::fs::remove_dir_all(&dir);
}
