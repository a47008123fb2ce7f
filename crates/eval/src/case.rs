//! Gold cases: one JSON line of a gold file (`shared/spec/GOLD.md`).

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::io::{self, BufRead, BufReader};
use std::path::Path;

/// One gold case: an input record for the engine and the gold keys to score its output on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Case {
    pub id: String,
    /// The source collection; figures are reported per set.
    pub set: String,
    /// An input record of OUTPUT.md, to be fed to the engine unchanged.
    pub input: Value,
    /// An object of gold keys (`body`, `entities`, ...).
    pub gold: Value,
}

#[derive(Deserialize)]
struct RawCase {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    set: Option<String>,
    #[serde(default)]
    input: Value,
    #[serde(default)]
    gold: Value,
}

impl Case {
    /// Parses one gold line; `default_set` names the set when the line does not.
    pub fn from_json_line(line: &str, default_set: &str) -> Result<Case, serde_json::Error> {
        let raw: RawCase = serde_json::from_str(line)?;
        let id = raw
            .id
            .or_else(|| {
                raw.input
                    .get("id")
                    .and_then(Value::as_str)
                    .map(str::to_string)
            })
            .unwrap_or_default();
        Ok(Case {
            id,
            set: raw
                .set
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| default_set.to_string()),
            input: raw.input,
            gold: raw.gold,
        })
    }
}

/// The cases of a reader of gold lines, one at a time (blank lines skipped). A line that is
/// not a gold case is an `InvalidData` error naming its line number.
pub fn case_iter<R: BufRead>(
    reader: R,
    default_set: String,
) -> impl Iterator<Item = io::Result<Case>> {
    reader
        .lines()
        .enumerate()
        .filter(|(_, line)| line.as_ref().map_or(true, |l| !l.trim().is_empty()))
        .map(move |(index, line)| {
            let line = line?;
            Case::from_json_line(&line, &default_set).map_err(|e| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("line {}: not a gold case: {e}", index + 1),
                )
            })
        })
}

/// All cases of a gold file. Cases without a `set` take the file's stem as their set.
pub fn read_cases(path: &Path) -> io::Result<Vec<Case>> {
    let file = std::fs::File::open(path)?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    case_iter(BufReader::new(file), stem)
        .map(|case| case.map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display()))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cases_fills_defaults_and_names_bad_lines() {
        let text = concat!(
            r#"{"id": "c1", "set": "demo", "input": {"id": "c1", "text": "Rain."}, "gold": {"title": "Rain"}}"#,
            "\n\n",
            r#"{"input": {"id": "c2", "text": "Sun."}, "gold": {}}"#,
            "\n",
            "not json\n"
        );
        let got: Vec<io::Result<Case>> = case_iter(text.as_bytes(), "file".to_string()).collect();
        assert_eq!(got.len(), 3);
        let first = got[0].as_ref().expect("first case parses");
        assert_eq!((first.id.as_str(), first.set.as_str()), ("c1", "demo"));
        let second = got[1].as_ref().expect("second case parses");
        assert_eq!((second.id.as_str(), second.set.as_str()), ("c2", "file"));
        let error = got[2].as_ref().expect_err("third line is bad");
        assert!(error.to_string().starts_with("line 4:"), "{error}");
    }

    #[test]
    fn read_cases_reports_missing_files() {
        assert!(read_cases(Path::new("/nonexistent/gold.jsonl")).is_err());
    }
}
