//! Test support shared by every crate's tests and examples (a dev-dependency only).
//!
//! - [`shared_dir`] finds the project's shared folder (gold sets, bench corpus, seed article):
//!   `NEWSGRAPH_SHARED`, else `../shared` or `../../shared` beside the workspace. [`shared_file`]
//!   is what a test that needs one file calls: on a user's clone without the folder it prints
//!   why the test is skipped and returns `None`; under CI (`CI=true`), where the folder is
//!   always present, a missing file is a failure, never a green "skipped".
//! - [`bless`] is the one variable that rewrites golden files everywhere (`NEWSGRAPH_BLESS=1`),
//!   and [`check_golden`] compares a rendering with its golden file (or rewrites it).

use std::path::{Path, PathBuf};

/// The variable that rewrites golden files instead of comparing with them.
pub const BLESS_VAR: &str = "NEWSGRAPH_BLESS";

/// The workspace root (this crate lives in `crates/testkit`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The shared folder: `NEWSGRAPH_SHARED`, else the first of `../shared` and `../../shared`
/// (beside the checkout, or beside a worktree's parent) that exists.
pub fn shared_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("NEWSGRAPH_SHARED") {
        return Some(PathBuf::from(dir)).filter(|p| p.is_dir());
    }
    let root = workspace_root();
    ["../shared", "../../shared"]
        .iter()
        .map(|p| root.join(p))
        .find(|p| p.is_dir())
}

/// Whether this run is CI's (`CI=true`), where the shared folder is always present.
pub fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// A file of the shared folder (`relative`, e.g. `data/dev/gva-dev.jsonl`), or `None` after
/// printing that the test is skipped. Under CI a missing file fails the test.
pub fn shared_file(relative: &str) -> Option<PathBuf> {
    let found = shared_dir()
        .map(|d| d.join(relative))
        .filter(|p| p.exists());
    if found.is_none() {
        skip(&format!("{relative} of the shared folder not found"));
    }
    found
}

/// Say why a test is skipped; under CI, fail it instead.
pub fn skip(why: &str) {
    assert!(
        !under_ci(),
        "{why}, and CI always has the shared folder (set NEWSGRAPH_SHARED to point at it)"
    );
    println!("skipped: {why} (set NEWSGRAPH_SHARED to point at the shared folder)");
}

/// Whether golden files are rewritten in this run (`NEWSGRAPH_BLESS` set).
pub fn bless() -> bool {
    std::env::var_os(BLESS_VAR).is_some()
}

/// Compare `actual` with the golden file at `path`; under [`bless`], write it instead.
pub fn check_golden(path: &Path, actual: &str) {
    if bless() {
        if let Err(e) = std::fs::write(path, actual) {
            panic!("cannot write {}: {e}", path.display());
        }
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    assert_eq!(
        actual,
        expected,
        "{} differs from what the code renders now; {BLESS_VAR}=1 rewrites it (then review the diff)",
        path.display()
    );
}
