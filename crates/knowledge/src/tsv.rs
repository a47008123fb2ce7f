//! The one reader of the knowledge files' shared TSV shape (`data/README.md`): `#` comment lines
//! and blank lines are skipped, every other line is a row of tab-separated cells, trimmed; a
//! list cell joins its items with `|`. Every mistake is a [`KnowledgeError`] that names the file
//! and the line, so a bad row is found by `cargo test`, never silently skipped.

use std::str::FromStr;

/// A knowledge file could not be read: which file, which line (1-based; 0 for the whole file),
/// and what was wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct KnowledgeError {
    pub file: &'static str,
    pub line: usize,
    pub message: String,
}

/// One data row of a knowledge file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub file: &'static str,
    /// 1-based line number in the file.
    pub line: usize,
    /// The whole line, without its line break.
    pub text: &'static str,
}

/// The data rows of `text`, the content of `file` (named in errors).
pub fn rows(file: &'static str, text: &'static str) -> impl Iterator<Item = Row> + Clone {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
        .map(move |(i, l)| Row {
            file,
            line: i + 1,
            text: l.trim_end_matches('\r'),
        })
}

impl Row {
    /// An error about this row.
    pub fn error(&self, message: impl Into<String>) -> KnowledgeError {
        KnowledgeError {
            file: self.file,
            line: self.line,
            message: message.into(),
        }
    }

    /// The row's cells, trimmed: at least `required` of them and at most `N`; missing optional
    /// cells are empty.
    pub fn cells<const N: usize>(
        &self,
        required: usize,
    ) -> Result<[&'static str; N], KnowledgeError> {
        let mut out = [""; N];
        let mut count = 0;
        for cell in self.text.split('\t') {
            if count == N {
                return Err(self.error(format!("more than {N} cells")));
            }
            out[count] = cell.trim();
            count += 1;
        }
        if count < required {
            return Err(self.error(format!("{count} cells, expected at least {required}")));
        }
        Ok(out)
    }

    /// `cell` parsed as a `T` (`what` names the column in the error).
    pub fn parse<T: FromStr>(&self, cell: &str, what: &str) -> Result<T, KnowledgeError> {
        cell.parse()
            .map_err(|_| self.error(format!("{what} {cell:?} is not a valid value")))
    }

    /// `cell` parsed as a `T`, or `None` when it is empty (unknown).
    pub fn parse_opt<T: FromStr>(
        &self,
        cell: &str,
        what: &str,
    ) -> Result<Option<T>, KnowledgeError> {
        if cell.is_empty() {
            Ok(None)
        } else {
            self.parse(cell, what).map(Some)
        }
    }

    /// An error for a value outside the column's vocabulary.
    pub fn unknown(&self, what: &str, value: &str) -> KnowledgeError {
        self.error(format!("unknown {what} {value:?}"))
    }
}

/// The items of a `|`-joined list cell, trimmed, empty items left out.
pub fn list(cell: &'static str) -> impl Iterator<Item = &'static str> + Clone {
    cell.split('|').map(str::trim).filter(|s| !s.is_empty())
}

/// Read every row of a file with `parse`, stopping at the first error. The table is sized
/// exactly (a first pass counts the rows): the largest file has 180,000 of them, and a vector
/// grown by doubling would hold half as much again, twice over while it moves.
pub fn read<T>(
    file: &'static str,
    text: &'static str,
    mut parse: impl FnMut(Row) -> Result<T, KnowledgeError>,
) -> Result<Vec<T>, KnowledgeError> {
    let mut out = Vec::with_capacity(rows(file, text).count());
    for row in rows(file, text) {
        out.push(parse(row)?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_skip_comments_and_blank_lines_and_count_lines() {
        let rows: Vec<Row> = rows("t.tsv", "# header\n\na\tb\n  \nc\td\r\n").collect();
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].line, rows[0].text), (3, "a\tb"));
        assert_eq!((rows[1].line, rows[1].text), (5, "c\td"));
    }

    #[test]
    fn errors_name_the_file_and_the_line() {
        let row = rows("data/x.tsv", "# c\nword\n").next().expect("one row");
        let err = row.cells::<2>(2).expect_err("too few cells");
        assert_eq!(
            err.to_string(),
            "data/x.tsv:2: 1 cells, expected at least 2"
        );
        let err = row.cells::<0>(0).expect_err("too many cells");
        assert_eq!(err.to_string(), "data/x.tsv:2: more than 0 cells");
        let n: Result<u32, _> = row.parse("x1", "count");
        assert_eq!(
            n.expect_err("not a number").to_string(),
            "data/x.tsv:2: count \"x1\" is not a valid value"
        );
    }

    #[test]
    fn cells_are_trimmed_and_optional_ones_empty() {
        let row = rows("t", " a \t b").next().expect("one row");
        assert_eq!(row.cells::<3>(2).expect("fits"), ["a", "b", ""]);
        assert_eq!(list(" x | |y").collect::<Vec<_>>(), ["x", "y"]);
    }
}
