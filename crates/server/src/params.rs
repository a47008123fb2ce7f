//! The query parameters of the search and events endpoints, checked before any query runs: a
//! malformed or oversized parameter is a 400 that says which and what is expected, never a
//! query that runs long or silently matches nothing (or everything).

use newsgraph_store::Query;
use serde::Deserialize;

/// Most characters in a search's words (the UI's box is far shorter).
pub const MAX_QUERY_CHARS: usize = 256;
/// Most words (and phrases) in a search: each is one pass over the full-text index.
pub const MAX_QUERY_TERMS: usize = 12;
/// Most results one request returns.
pub const MAX_LIMIT: usize = 1000;

/// Search parameters, shared by the search, events and network endpoints.
#[derive(Debug, Default, Deserialize)]
pub struct Params {
    q: Option<String>,
    actor: Option<String>,
    entity: Option<String>,
    country: Option<String>,
    theme: Option<String>,
    root: Option<String>,
    since: Option<String>,
    until: Option<String>,
    limit: Option<usize>,
}

/// A parameter that cannot be used: which one, what is wrong, and what would be right.
#[derive(Debug, PartialEq)]
pub struct Invalid {
    pub error: String,
    pub hint: String,
}

fn invalid(error: impl Into<String>, hint: impl Into<String>) -> Invalid {
    Invalid {
        error: error.into(),
        hint: hint.into(),
    }
}

/// A date bound as the store compares it: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
fn is_date(value: &str) -> bool {
    let parts: Vec<&str> = value.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && (1..=12).contains(&m.parse().unwrap_or(0)),
        [y, m, d] => {
            digits(y, 4)
                && digits(m, 2)
                && digits(d, 2)
                && (1..=12).contains(&m.parse().unwrap_or(0))
                && (1..=31).contains(&d.parse().unwrap_or(0))
        }
        _ => false,
    }
}

/// The words and quoted phrases of a search, as the full-text index will see them.
fn terms(text: &str) -> usize {
    let mut count = 0;
    for (i, part) in text.split('"').enumerate() {
        if i % 2 == 1 {
            count += usize::from(!part.trim().is_empty());
        } else {
            count += part
                .split_whitespace()
                .filter(|w| !matches!(*w, "AND" | "OR" | "NOT"))
                .count();
        }
    }
    count
}

impl Params {
    /// The limit asked for, or `default`; at most [`MAX_LIMIT`].
    pub fn limit_or(&self, default: usize) -> usize {
        self.limit.unwrap_or(default).clamp(1, MAX_LIMIT)
    }

    /// These parameters with `limit` set to `default` when the request gave none.
    pub fn with_default_limit(mut self, default: usize) -> Self {
        self.limit = Some(self.limit.unwrap_or(default));
        self
    }

    /// The store's query, or why the parameters cannot make one.
    pub fn query(self) -> Result<Query, Invalid> {
        let blank = |s: Option<String>| s.filter(|v| !v.trim().is_empty());
        let limit = self.limit_or(50);
        let text = blank(self.q);
        if let Some(text) = &text {
            let chars = text.chars().count();
            if chars > MAX_QUERY_CHARS {
                return Err(invalid(
                    format!("q is {chars} characters long; at most {MAX_QUERY_CHARS} are searched"),
                    "search for a few distinctive words or a quoted phrase",
                ));
            }
            let n = terms(text);
            if n > MAX_QUERY_TERMS {
                return Err(invalid(
                    format!("q has {n} words; at most {MAX_QUERY_TERMS} are searched"),
                    "search for a few distinctive words or a quoted phrase",
                ));
            }
        }
        let code = |name: &str, value: Option<String>, max: usize, what: &str| match blank(value) {
            Some(v)
                if v.len() > max || !v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') =>
            {
                Err(invalid(
                    format!(
                        "{name}=`{}` is not {what}",
                        v.chars().take(40).collect::<String>()
                    ),
                    format!("{name} takes letters, digits and `_`, at most {max}"),
                ))
            }
            other => Ok(other),
        };
        let actor = code("actor", self.actor, 30, "a CAMEO actor code (RUS, USAGOV)")?;
        let country = code("country", self.country, 3, "a country code (RU, TR)")?;
        let theme = code("theme", self.theme, 80, "a theme code (CEASEFIRE)")?;
        let root = match blank(self.root) {
            Some(r)
                if r.len() <= 2
                    && r.bytes().all(|b| b.is_ascii_digit())
                    && (1..=20).contains(&r.parse::<u8>().unwrap_or(0)) =>
            {
                Some(r)
            }
            Some(r) => {
                return Err(invalid(
                    format!(
                        "root=`{}` is not a CAMEO root code",
                        r.chars().take(40).collect::<String>()
                    ),
                    "root takes 01 to 20 (04: consult, 19: fight)",
                ))
            }
            None => None,
        };
        let date = |name: &str, value: Option<String>| match blank(value) {
            Some(v) if !is_date(v.trim()) => Err(invalid(
                format!(
                    "{name}=`{}` is not a date",
                    v.chars().take(40).collect::<String>()
                ),
                format!("{name} takes YYYY-MM-DD (or YYYY-MM, YYYY)"),
            )),
            other => Ok(other.map(|v| v.trim().to_string())),
        };
        let since = date("since", self.since)?;
        let until = date("until", self.until)?;
        let entity = blank(self.entity);
        if entity
            .as_ref()
            .is_some_and(|e| e.chars().count() > MAX_QUERY_CHARS)
        {
            return Err(invalid(
                format!("entity is longer than {MAX_QUERY_CHARS} characters"),
                "entity takes an entity's name (Vladimir Putin)",
            ));
        }
        Ok(Query {
            text,
            actor,
            entity,
            country,
            theme,
            root,
            since,
            until,
            limit,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> Params {
        let json: serde_json::Map<String, serde_json::Value> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), serde_json::Value::from(*v)))
            .collect();
        serde_json::from_value(serde_json::Value::Object(json)).unwrap_or_default()
    }

    #[test]
    fn issue_20_malformed_parameters_are_refused_with_a_hint() {
        for bad in [
            ("since", "notadate"),
            ("until", "2016-13-01"),
            ("actor", "%"),
            ("actor", "RU_%"),
            ("root", "99"),
            ("country", "R'U"),
        ] {
            let error = params(&[bad]).query().expect_err(bad.0);
            assert!(error.error.contains(bad.0), "{error:?}");
        }
        let hostile = vec!["the"; 150].join(" ");
        assert!(params(&[("q", &hostile)]).query().is_err());
        let long = "x".repeat(300);
        assert!(params(&[("q", &long)]).query().is_err());
    }

    #[test]
    fn good_parameters_pass() {
        let q = params(&[
            ("q", "\"cease fire\" OR truce"),
            ("since", "2016-09"),
            ("root", "4"),
            ("actor", "rus"),
        ])
        .query()
        .unwrap();
        assert_eq!(q.text.as_deref(), Some("\"cease fire\" OR truce"));
        assert_eq!(q.root.as_deref(), Some("4"));
        assert_eq!(terms("\"cease fire\" OR truce NOT \"\""), 2);
    }
}
