//! The figures of a run: one [`Row`] per (set, key, metric), printable as one table per set
//! and serializable for `--json`.

use serde::Serialize;
use std::fmt::Write;

/// One figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// The gold set (`set` of the cases).
    pub set: String,
    /// The gold key, with a suffix for a breakdown: `entities`, `entities.PERSON`,
    /// `events.dyad`; `output` for the error count.
    pub key: String,
    /// `precision`, `recall`, `f1`, `accuracy`, ...
    pub metric: String,
    pub value: f64,
    /// Cases that carried the key.
    pub cases: usize,
    /// Gold items the figure is over (mentions, quotes, toponyms, lines, ...); equal to
    /// `cases` for per-case figures.
    pub items: usize,
}

/// All figures of a run, in set order (first seen first), then in the key order of GOLD.md.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Report {
    pub rows: Vec<Row>,
}

/// The key and metric of the per-set error count row.
pub const ERRORS_KEY: &str = "output";
pub const ERRORS_METRIC: &str = "errors";

impl Report {
    /// The value of one figure, if reported.
    pub fn get(&self, set: &str, key: &str, metric: &str) -> Option<f64> {
        self.rows
            .iter()
            .find(|r| r.set == set && r.key == key && r.metric == metric)
            .map(|r| r.value)
    }

    /// One plain-text table per set: key, metric, value, cases, gold items.
    pub fn to_table(&self) -> String {
        let mut out = String::new();
        let mut sets: Vec<&str> = Vec::new();
        for row in &self.rows {
            if !sets.contains(&row.set.as_str()) {
                sets.push(&row.set);
            }
        }
        for set in sets {
            let rows: Vec<&Row> = self.rows.iter().filter(|r| r.set == set).collect();
            let errors = rows
                .iter()
                .find(|r| r.key == ERRORS_KEY && r.metric == ERRORS_METRIC);
            if !out.is_empty() {
                out.push('\n');
            }
            match errors {
                Some(e) => {
                    let _ = writeln!(out, "{set}: {} cases, {} errors", e.cases, e.value);
                }
                None => {
                    let _ = writeln!(out, "{set}");
                }
            }
            let key_width = rows
                .iter()
                .map(|r| r.key.len())
                .max()
                .unwrap_or(0)
                .max("key".len());
            let metric_width = rows
                .iter()
                .map(|r| r.metric.len())
                .max()
                .unwrap_or(0)
                .max("metric".len());
            let _ = writeln!(
                out,
                "  {:key_width$}  {:metric_width$}  {:>6}  {:>6}  {:>7}",
                "key", "metric", "value", "cases", "items"
            );
            for row in rows.iter().filter(|r| r.key != ERRORS_KEY) {
                let _ = writeln!(
                    out,
                    "  {:key_width$}  {:metric_width$}  {:>6.3}  {:>6}  {:>7}",
                    row.key, row.metric, row.value, row.cases, row.items
                );
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(set: &str, key: &str, metric: &str, value: f64, cases: usize, items: usize) -> Row {
        Row {
            set: set.to_string(),
            key: key.to_string(),
            metric: metric.to_string(),
            value,
            cases,
            items,
        }
    }

    #[test]
    fn table_groups_by_set_and_aligns() {
        let report = Report {
            rows: vec![
                row("wiki", ERRORS_KEY, ERRORS_METRIC, 1.0, 3, 3),
                row("wiki", "entities", "f1", 0.5, 3, 40),
                row("wiki", "entities.PERSON", "precision", 0.25, 3, 12),
                row("gva", "cluster", "f1", 1.0 / 3.0, 10, 10),
            ],
        };
        let expected = "\
wiki: 3 cases, 1 errors
  key              metric      value   cases    items
  entities         f1          0.500       3       40
  entities.PERSON  precision   0.250       3       12

gva
  key      metric   value   cases    items
  cluster  f1       0.333      10       10
";
        assert_eq!(report.to_table(), expected);
        assert_eq!(report.get("wiki", "entities", "f1"), Some(0.5));
        assert_eq!(report.get("wiki", "entities", "recall"), None);
    }
}
