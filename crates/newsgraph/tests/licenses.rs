//! Every data file a crate embeds has its source and licence in `data/LICENSES.tsv` (issue #22).

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Source files that end up in the binary: every crate's `src/` and `build.rs`.
fn sources(dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(std::fs::read_to_string(&path).unwrap_or_default());
        }
    }
}

#[test]
fn issue_22_every_embedded_data_file_has_a_licence_row() {
    let root = root();
    let mut code = Vec::new();
    for krate in std::fs::read_dir(root.join("crates"))
        .expect("crates/")
        .flatten()
    {
        sources(&krate.path().join("src"), &mut code);
        if let Ok(build) = std::fs::read_to_string(krate.path().join("build.rs")) {
            code.push(build);
        }
    }
    let rows: Vec<&str> = newsgraph::licenses::all().iter().map(|r| r.file).collect();
    let mut embedded = 0;
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(root.join("data"))
        .expect("data/")
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_dir() || name.ends_with(".md") {
            continue;
        }
        let by_path = format!("data/{name}\"");
        let by_name = format!("\"{name}\"");
        if code
            .iter()
            .any(|c| c.contains(&by_path) || c.contains(&by_name))
        {
            embedded += 1;
            if !rows.contains(&name.as_str()) {
                missing.push(name);
            }
        }
    }
    assert!(embedded > 20, "found only {embedded} embedded data files");
    assert!(
        missing.is_empty(),
        "data files embedded without a row in data/LICENSES.tsv: {missing:?}"
    );
    for row in rows {
        assert!(
            root.join("data").join(row).is_file(),
            "row for a missing file: {row}"
        );
    }
}
