//! Read-only views over the store for the API, the UI and the GDELT exports: facets of a
//! search, the events table, a timeline, the actor network, and every event mention. Each is
//! one SQL query (a few for facets), the same for both backends.

use crate::sql::{p, Param, Row};
use crate::{Day, Edge, EventMention, EventRow, Facets, Query, Store, StoreError};

/// Rows of a query as `T`s, each built by `f`.
fn collect<T>(
    rows: Vec<Row>,
    f: impl Fn(&mut Row) -> Result<T, StoreError>,
) -> Result<Vec<T>, StoreError> {
    rows.into_iter().map(|mut r| f(&mut r)).collect()
}

impl Store {
    /// Facets over the articles a search matches (up to its limit).
    pub fn facets(&self, q: &Query) -> Result<Facets, StoreError> {
        let ids: Vec<String> = self.search(q)?.into_iter().map(|h| h.id).collect();
        if ids.is_empty() {
            return Ok(Facets::default());
        }
        let marks = vec!["?"; ids.len()].join(",");
        let args: Vec<Param> = ids.iter().map(p).collect();
        let top = |sql: String| -> Result<Vec<(String, u64)>, StoreError> {
            collect(self.db.rows(&sql, &args)?, |r| Ok((r.get(0)?, r.get(1)?)))
        };
        let entities = collect(
            self.db.rows(
                &format!(
                    "SELECT name, type, count(DISTINCT article_id) n FROM entities WHERE article_id IN ({marks}) \
                     GROUP BY name, type ORDER BY n DESC, name LIMIT 15"
                ),
                &args,
            )?,
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        Ok(Facets {
            entities,
            themes: top(format!(
                "SELECT code, count(*) n FROM themes WHERE article_id IN ({marks}) \
                 GROUP BY code ORDER BY n DESC, code LIMIT 15"
            ))?,
            roots: top(format!(
                "SELECT root, count(DISTINCT article_id) n FROM events WHERE article_id IN ({marks}) \
                 GROUP BY root ORDER BY n DESC, root LIMIT 20"
            ))?,
            countries: top(format!(
                "SELECT country, count(DISTINCT article_id) n FROM entities \
                 WHERE country IS NOT NULL AND article_id IN ({marks}) \
                 GROUP BY country ORDER BY n DESC, country LIMIT 15"
            ))?,
        })
    }

    /// Deduplicated events, most reported first, filtered like a search (actor, root, dates,
    /// country). Each is described by its first article's first report of it.
    pub fn events(&self, q: &Query) -> Result<Vec<EventRow>, StoreError> {
        let mut sql = String::from(
            "SELECT g.id, g.source_code, g.target_code, e.source_name, e.target_name, g.code, g.root, \
             e.goldstein, e.quad_class, g.date, e.location, e.country, e.lat, e.lon, g.mentions, \
             g.articles, g.first_article, e.text \
             FROM global_events g JOIN events e ON e.global_id = g.id AND e.article_id = g.first_article \
             AND e.idx = (SELECT min(f.idx) FROM events f WHERE f.global_id = g.id AND f.article_id = g.first_article) \
             WHERE true",
        );
        let mut args: Vec<Param> = Vec::new();
        if let Some(actor) = &q.actor {
            sql.push_str(" AND (g.source_code LIKE ? || '%' OR g.target_code LIKE ? || '%')");
            args.extend([p(actor.to_uppercase()), p(actor.to_uppercase())]);
        }
        if let Some(root) = &q.root {
            sql.push_str(" AND g.root = ?");
            args.push(p(format!("{root:0>2}")));
        }
        if let Some(since) = &q.since {
            sql.push_str(" AND g.date >= ?");
            args.push(p(since));
        }
        if let Some(until) = &q.until {
            sql.push_str(" AND g.date <= ?");
            args.push(p(until));
        }
        if let Some(country) = &q.country {
            sql.push_str(" AND e.country = ?");
            args.push(p(country.to_uppercase()));
        }
        sql.push_str(&format!(
            " ORDER BY g.mentions DESC, g.id LIMIT {}",
            q.limit.clamp(1, 10_000)
        ));
        collect(self.db.rows(&sql, &args)?, |r| {
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
        })
    }

    /// Articles and events per publication day.
    pub fn timeline(&self) -> Result<Vec<Day>, StoreError> {
        let rows = self.db.rows(
            "SELECT a.published, count(DISTINCT a.id), count(e.article_id) FROM articles a \
             LEFT JOIN events e ON e.article_id = a.id WHERE a.published IS NOT NULL \
             GROUP BY a.published ORDER BY a.published",
            &[],
        )?;
        collect(rows, |r| {
            Ok(Day {
                day: r.get(0)?,
                articles: r.get(1)?,
                events: r.get(2)?,
            })
        })
    }

    /// The strongest edges between actor codes.
    pub fn network(&self, limit: usize) -> Result<Vec<Edge>, StoreError> {
        let rows = self.db.rows(
            &format!(
                "SELECT source_code, target_code, count(*) n, avg(goldstein) FROM events \
                 WHERE source_code IS NOT NULL AND target_code IS NOT NULL AND source_code <> target_code \
                 GROUP BY source_code, target_code ORDER BY n DESC, source_code, target_code LIMIT {}",
                limit.clamp(1, 1000)
            ),
            &[],
        )?;
        collect(rows, |r| {
            Ok(Edge {
                source: r.get(0)?,
                target: r.get(1)?,
                events: r.get(2)?,
                goldstein: r.get(3)?,
            })
        })
    }

    /// Every article's events joined to their deduplicated events, in ingest order. Tone is
    /// averaged over distinct articles, as GDELT's AvgTone is over documents.
    pub fn event_mentions(&self) -> Result<Vec<EventMention>, StoreError> {
        self.event_mentions_in(&crate::Window::default())
    }

    /// [`Store::event_mentions`] of the articles of `window` (their events' counts are over
    /// every article).
    pub fn event_mentions_in(
        &self,
        window: &crate::Window,
    ) -> Result<Vec<EventMention>, StoreError> {
        let (conditions, params) = window.conditions();
        let rows = self.db.rows(&format!(
            "SELECT e.article_id, e.idx, g.id, g.mentions, g.articles, g.sources, g.first_article, \
             f.published, t.avg_tone \
             FROM events e JOIN articles a ON a.id = e.article_id JOIN global_events g ON g.id = e.global_id \
             JOIN articles f ON f.id = g.first_article \
             LEFT JOIN (SELECT global_id, avg(tone) AS avg_tone FROM \
               (SELECT DISTINCT e2.global_id, e2.article_id, a2.tone FROM events e2 \
                JOIN articles a2 ON a2.id = e2.article_id) d \
               GROUP BY global_id) t ON t.global_id = g.id \
             WHERE true{conditions} ORDER BY a.rowid, e.idx"),
            &params,
        )?;
        collect(rows, |r| {
            Ok(EventMention {
                article_id: r.get(0)?,
                idx: r.get(1)?,
                global_id: r.get(2)?,
                mentions: r.get(3)?,
                articles: r.get(4)?,
                sources: r.get(5)?,
                first_article: r.get(6)?,
                first_published: r.get(7)?,
                avg_tone: r.get(8)?,
            })
        })
    }
}
