//! What a [`Query`] selects, as SQL written once for both backends: the conditions on an
//! article (`a`), and the subquery of the ids of every matching article. The search, its count
//! and facets, and the events, timeline and network views all select articles through here, so
//! every view of the API (and of the web UI) follows the same search words and filters.

use crate::sql::{p, Dialect, Param};
use crate::Query;

/// The conditions a query puts on an article aliased `a` (every filter but the search words),
/// each as ` AND ...`, with their parameters in order.
pub(crate) fn article_conditions(q: &Query) -> (String, Vec<Param<'static>>) {
    let mut sql = String::new();
    let mut args: Vec<Param<'static>> = Vec::new();
    if let Some(actor) = &q.actor {
        sql.push_str(
            " AND (a.id IN (SELECT article_id FROM events WHERE source_code LIKE ? || '%' ESCAPE '\\' \
               OR target_code LIKE ? || '%' ESCAPE '\\') \
               OR a.id IN (SELECT article_id FROM entities WHERE cameo LIKE ? || '%' ESCAPE '\\'))",
        );
        let code = like_prefix(&actor.to_uppercase());
        args.extend([p(code.clone()), p(code.clone()), p(code)]);
    }
    if let Some(entity) = &q.entity {
        sql.push_str(" AND a.id IN (SELECT article_id FROM entities WHERE lower(name) = lower(?))");
        args.push(p(entity.clone()));
    }
    if let Some(country) = &q.country {
        // Asked per article (its few entities, by the primary key) rather than as a list of
        // every article naming the country: a common country names most of the store, and the
        // `OR` keeps SQLite off the country index, so the list was a scan of every entity.
        sql.push_str(
            " AND EXISTS (SELECT 1 FROM entities c WHERE c.article_id = a.id \
               AND (c.country = ? OR c.iso2 = ?))",
        );
        args.extend([p(country.to_uppercase()), p(country.to_uppercase())]);
    }
    if let Some(theme) = &q.theme {
        sql.push_str(" AND a.id IN (SELECT article_id FROM themes WHERE code = ?)");
        args.push(p(theme.to_uppercase()));
    }
    if let Some(root) = &q.root {
        sql.push_str(" AND a.id IN (SELECT article_id FROM events WHERE root = ?)");
        args.push(p(root_code(root)));
    }
    if let Some(since) = &q.since {
        sql.push_str(" AND a.published >= ?");
        args.push(p(since.clone()));
    }
    if let Some(until) = &q.until {
        sql.push_str(" AND a.published <= ?");
        args.push(p(until.clone()));
    }
    (sql, args)
}

/// The search words of a query, when it has any.
pub(crate) fn words(q: &Query) -> Option<&str> {
    q.text.as_deref().filter(|t| !t.trim().is_empty())
}

/// `SELECT a.id FROM ... WHERE ...`: the ids of every article the query matches (no limit),
/// with its parameters.
pub(crate) fn matching_ids(dialect: Dialect, q: &Query) -> (String, Vec<Param<'static>>) {
    let (conditions, params) = article_conditions(q);
    let (from, mut args) = match words(q) {
        Some(text) => dialect.text_filter(text),
        None => ("FROM articles a WHERE true", Vec::new()),
    };
    args.extend(params);
    (format!("SELECT a.id {from}{conditions}"), args)
}

/// ` ORDER BY ...` of the search's hits, best first: by full-text rank when the query has
/// words, else newest first; ties in ingest order. Its parameters follow those of
/// [`matching_ids`] (the same `FROM`), so `matching_ids` + this + ` LIMIT n` are the first `n`
/// hits' ids.
pub(crate) fn hit_order(dialect: Dialect, q: &Query) -> (String, Vec<Param<'static>>) {
    match words(q) {
        Some(text) => {
            let (rank, params) = dialect.text_rank(text);
            (format!(" ORDER BY {rank}, a.rowid"), params)
        }
        None => (
            " ORDER BY a.published DESC NULLS LAST, a.rowid DESC".to_string(),
            Vec::new(),
        ),
    }
}

/// Whether the query narrows the articles at all (else views skip the subquery).
pub(crate) fn selects_articles(q: &Query) -> bool {
    words(q).is_some()
        || q.actor.is_some()
        || q.entity.is_some()
        || q.country.is_some()
        || q.theme.is_some()
        || q.root.is_some()
        || q.since.is_some()
        || q.until.is_some()
}

/// `text` as the prefix of a `LIKE ... ESCAPE '\'` pattern: its own `%`, `_` and `\` match
/// only themselves (an actor filter of `%` must not match every article).
pub(crate) fn like_prefix(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A CAMEO root as stored: two digits ("4" -> "04").
pub(crate) fn root_code(root: &str) -> String {
    format!("{root:0>2}")
}
