//! Read-only views over the store for the API and UI: facets of a search, the events table,
//! a timeline and the actor network. Each is one SQL query; results are plain serde structs.

use crate::sqlite::{Query, SqliteStore};
use crate::StoreError;
use rusqlite::params_from_iter;
use serde::Serialize;

/// Counts of the most frequent values among a search's results.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Facets {
    pub entities: Vec<(String, String, u64)>,
    pub themes: Vec<(String, u64)>,
    pub roots: Vec<(String, u64)>,
    pub countries: Vec<(String, u64)>,
}

/// One deduplicated event with how often it was reported.
#[derive(Debug, Clone, Serialize)]
pub struct EventRow {
    pub id: i64,
    pub source_code: Option<String>,
    pub target_code: Option<String>,
    pub source_name: Option<String>,
    pub target_name: Option<String>,
    pub code: String,
    pub root: String,
    pub goldstein: f64,
    pub quad_class: i64,
    pub date: Option<String>,
    pub location: Option<String>,
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub mentions: i64,
    pub articles: i64,
    pub first_article: String,
    pub text: String,
}

/// Articles and events per day.
#[derive(Debug, Clone, Serialize)]
pub struct Day {
    pub day: String,
    pub articles: u64,
    pub events: u64,
}

/// An edge of the actor network: events from one actor code to another.
#[derive(Debug, Clone, Serialize)]
pub struct Edge {
    pub source: String,
    pub target: String,
    pub events: u64,
    pub goldstein: f64,
}

impl SqliteStore {
    /// Facets over the articles a search matches (up to its limit).
    pub fn facets(&self, q: &Query) -> Result<Facets, StoreError> {
        let ids: Vec<String> = self.search(q)?.into_iter().map(|h| h.id).collect();
        if ids.is_empty() {
            return Ok(Facets::default());
        }
        let marks = vec!["?"; ids.len()].join(",");
        let conn = self.connection();
        let top2 = |sql: String| -> Result<Vec<(String, u64)>, StoreError> {
            let mut stmt = conn.prepare(&sql)?;
            let rows = stmt
                .query_map(params_from_iter(ids.iter()), |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
                })?
                .collect::<Result<_, _>>()?;
            Ok(rows)
        };
        let mut stmt = conn.prepare(&format!(
            "SELECT name, type, count(DISTINCT article_id) n FROM entities WHERE article_id IN ({marks}) \
             GROUP BY name, type ORDER BY n DESC, name LIMIT 15"
        ))?;
        let entities = stmt
            .query_map(params_from_iter(ids.iter()), |r| {
                Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? as u64))
            })?
            .collect::<Result<_, _>>()?;
        Ok(Facets {
            entities,
            themes: top2(format!(
                "SELECT code, count(*) n FROM themes WHERE article_id IN ({marks}) GROUP BY code ORDER BY n DESC, code LIMIT 15"
            ))?,
            roots: top2(format!(
                "SELECT root, count(DISTINCT article_id) n FROM events WHERE article_id IN ({marks}) GROUP BY root ORDER BY n DESC, root LIMIT 20"
            ))?,
            countries: top2(format!(
                "SELECT country, count(DISTINCT article_id) n FROM entities WHERE country IS NOT NULL AND article_id IN ({marks}) \
                 GROUP BY country ORDER BY n DESC, country LIMIT 15"
            ))?,
        })
    }

    /// Deduplicated events, most reported first, filtered like a search (actor, root, dates).
    pub fn events(&self, q: &Query) -> Result<Vec<EventRow>, StoreError> {
        let mut sql = String::from(
            "SELECT g.id, g.source_code, g.target_code, e.source_name, e.target_name, g.code, g.root, e.goldstein, e.quad_class, \
             g.date, e.location, e.country, e.lat, e.lon, g.mentions, g.articles, g.first_article, e.text \
             FROM global_events g JOIN events e ON e.global_id = g.id AND e.article_id = g.first_article WHERE 1",
        );
        let mut args: Vec<String> = Vec::new();
        if let Some(actor) = &q.actor {
            sql.push_str(" AND (g.source_code LIKE ? || '%' OR g.target_code LIKE ? || '%')");
            args.extend([actor.to_uppercase(), actor.to_uppercase()]);
        }
        if let Some(root) = &q.root {
            sql.push_str(" AND g.root = ?");
            args.push(format!("{root:0>2}"));
        }
        if let Some(since) = &q.since {
            sql.push_str(" AND g.date >= ?");
            args.push(since.clone());
        }
        if let Some(until) = &q.until {
            sql.push_str(" AND g.date <= ?");
            args.push(until.clone());
        }
        if let Some(country) = &q.country {
            sql.push_str(" AND e.country = ?");
            args.push(country.to_uppercase());
        }
        sql.push_str(&format!(
            " GROUP BY g.id ORDER BY g.mentions DESC, g.id LIMIT {}",
            q.limit.clamp(1, 10_000)
        ));
        let mut stmt = self.connection().prepare(&sql)?;
        let rows = stmt
            .query_map(params_from_iter(args.iter()), |r| {
                Ok(EventRow {
                    id: r.get(0)?,
                    source_code: r.get(1)?,
                    target_code: r.get(2)?,
                    source_name: r.get(3)?,
                    target_name: r.get(4)?,
                    code: r.get(5)?,
                    root: r.get(6)?,
                    goldstein: r.get(7)?,
                    quad_class: r.get(8)?,
                    date: r.get(9)?,
                    location: r.get(10)?,
                    country: r.get(11)?,
                    lat: r.get(12)?,
                    lon: r.get(13)?,
                    mentions: r.get(14)?,
                    articles: r.get(15)?,
                    first_article: r.get(16)?,
                    text: r.get(17)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// Articles and events per publication day.
    pub fn timeline(&self) -> Result<Vec<Day>, StoreError> {
        let mut stmt = self.connection().prepare(
            "SELECT a.published, count(DISTINCT a.id), count(e.article_id) FROM articles a \
             LEFT JOIN events e ON e.article_id = a.id WHERE a.published IS NOT NULL \
             GROUP BY a.published ORDER BY a.published",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok(Day {
                    day: r.get(0)?,
                    articles: r.get::<_, i64>(1)? as u64,
                    events: r.get::<_, i64>(2)? as u64,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// The strongest edges between actor codes.
    pub fn network(&self, limit: usize) -> Result<Vec<Edge>, StoreError> {
        let mut stmt = self.connection().prepare(&format!(
            "SELECT source_code, target_code, count(*) n, avg(goldstein) FROM events \
             WHERE source_code IS NOT NULL AND target_code IS NOT NULL AND source_code <> target_code \
             GROUP BY source_code, target_code ORDER BY n DESC LIMIT {}",
            limit.clamp(1, 1000)
        ))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(Edge {
                    source: r.get(0)?,
                    target: r.get(1)?,
                    events: r.get::<_, i64>(2)? as u64,
                    goldstein: r.get(3)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }
}
