//! Where every embedded data file comes from and under which terms (`data/LICENSES.tsv`), for
//! `newsgraph licenses`, `/api/licenses` and the web UI's footer.
//!
//! The table is data, one row a file: a new data file adds a row, and the `newsgraph` crate's
//! tests fail when a crate embeds a file of `data/` that has none.

use serde::Serialize;

const TABLE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/LICENSES.tsv"
));

/// One embedded data file: its path (relative to `data/`), source, licence and terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DataLicense {
    pub file: &'static str,
    pub source: &'static str,
    pub licence: &'static str,
    pub terms: &'static str,
}

/// Every row of the table, in its order (comment lines and the header left out).
pub fn all() -> Vec<DataLicense> {
    TABLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .filter_map(|line| {
            let mut cells = line.split('\t');
            Some(DataLicense {
                file: cells.next()?,
                source: cells.next()?,
                licence: cells.next()?,
                terms: cells.next().unwrap_or(""),
            })
        })
        .collect()
}

/// The table as text for people: one block a file.
pub fn render() -> String {
    let mut out = String::from(
        "Data files embedded in newsgraph (code: Apache-2.0; notices to ship: NOTICE):\n",
    );
    for row in all() {
        out.push_str(&format!(
            "\n{}\n  source:  {}\n  licence: {}\n  terms:   {}\n",
            row.file, row.source, row.licence, row.terms
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn issue_22_every_row_has_four_cells() {
        let rows = super::all();
        assert!(rows.len() > 20);
        for line in super::TABLE.lines().filter(|l| !l.starts_with('#')) {
            assert_eq!(line.split('\t').count(), 4, "{line}");
        }
        assert!(rows
            .iter()
            .all(|r| !r.terms.is_empty() && !r.licence.is_empty()));
    }
}
