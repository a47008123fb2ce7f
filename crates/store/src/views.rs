//! Read-only views over the store for the API, the UI and the GDELT exports: facets of a
//! search, the events table, a timeline, the actor network, and every event mention. Each is
//! one SQL query (a few for facets and the network), the same for both backends, and each
//! selects articles as the search does (`filter.rs`): the views of one query agree.

use crate::filter;
use crate::sql::{p, Dialect, Param, Row};
use crate::{Day, Edge, EventMention, EventRow, Facets, Network, Node, Query, Store, StoreError};

/// Most articles the facets of one search count (see [`Store::facets`]).
pub const FACET_ARTICLES: u64 = 500;

/// Rows of a query as `T`s, each built by `f`.
fn collect<T>(
    rows: Vec<Row>,
    f: impl Fn(&mut Row) -> Result<T, StoreError>,
) -> Result<Vec<T>, StoreError> {
    rows.into_iter().map(|mut r| f(&mut r)).collect()
}

/// The conditions on an article's events (aliased `e`) of a view: reported by an article the
/// query matches, and with the query's actor and root (an event view of `actor=RUS` shows the
/// events Russia is party to, not every event of an article that names Russia).
fn event_conditions(dialect: Dialect, q: &Query) -> (String, Vec<Param<'static>>) {
    let mut sql = String::new();
    let mut args = Vec::new();
    if filter::selects_articles(q) {
        let (ids, params) = filter::matching_ids(dialect, q);
        sql.push_str(&format!(" AND e.article_id IN ({ids})"));
        args.extend(params);
    }
    if let Some(actor) = &q.actor {
        sql.push_str(
            " AND (e.source_code LIKE ? || '%' ESCAPE '\\' OR e.target_code LIKE ? || '%' ESCAPE '\\')",
        );
        let code = filter::like_prefix(&actor.to_uppercase());
        args.extend([p(code.clone()), p(code)]);
    }
    if let Some(root) = &q.root {
        sql.push_str(" AND e.root = ?");
        args.push(p(filter::root_code(root)));
    }
    (sql, args)
}

impl Store {
    /// Facets of a search: the most frequent entities, countries, themes and event roots
    /// among its first [`FACET_ARTICLES`] hits in the search's order (the best matches, or
    /// the newest articles without words); every match when it has no more. Counting a common
    /// word's thousands of matches would cost a hundred times the page of hits it answers
    /// with; `Facets::articles` says how many articles were counted. Blank values are never a
    /// facet, nor one-word people and places that no gazetteer knows (a stray "Street" or
    /// "East" the tagger cut from a longer name). One statement: the articles are selected
    /// once and each facet counts over them.
    pub fn facets(&self, q: &Query) -> Result<Facets, StoreError> {
        let dialect = self.db.dialect();
        let (ids, mut args) = filter::matching_ids(dialect, q);
        let (order, params) = filter::hit_order(dialect, q);
        args.extend(params);
        let m = "article_id IN (SELECT id FROM m)";
        let sql = format!(
            "WITH m AS MATERIALIZED ({ids}{order} LIMIT {FACET_ARTICLES}) \
             SELECT 0 k, NULL a, NULL b, count(*) n FROM m \
             UNION ALL SELECT 1, name, type, n FROM ( \
               SELECT name, type, count(DISTINCT article_id) n FROM entities \
               WHERE {m} AND trim(name) <> '' \
               AND (name LIKE '% %' OR type NOT IN ('PERSON', 'LOCATION') OR cameo IS NOT NULL \
                    OR country IS NOT NULL OR geonames_id IS NOT NULL) \
               GROUP BY name, type ORDER BY n DESC, name LIMIT 15) f1 \
             UNION ALL SELECT 2, code, NULL, n FROM ( \
               SELECT code, count(*) n FROM themes WHERE {m} AND trim(code) <> '' \
               GROUP BY code ORDER BY n DESC, code LIMIT 15) f2 \
             UNION ALL SELECT 3, root, NULL, n FROM ( \
               SELECT root, count(DISTINCT article_id) n FROM events WHERE {m} AND trim(root) <> '' \
               GROUP BY root ORDER BY n DESC, root LIMIT 20) f3 \
             UNION ALL SELECT 4, country, NULL, n FROM ( \
               SELECT country, count(DISTINCT article_id) n FROM entities \
               WHERE {m} AND country IS NOT NULL AND trim(country) <> '' \
               GROUP BY country ORDER BY n DESC, country LIMIT 15) f4"
        );
        let mut facets = Facets::default();
        for mut r in self.db.rows(&sql, &args)? {
            let kind: i64 = r.get(0)?;
            let n: u64 = r.get(3)?;
            if kind == 0 {
                facets.articles = n;
                continue;
            }
            let key: String = r.get::<Option<String>>(1)?.unwrap_or_default();
            match kind {
                1 => {
                    facets
                        .entities
                        .push((key, r.get::<Option<String>>(2)?.unwrap_or_default(), n))
                }
                2 => facets.themes.push((key, n)),
                3 => facets.roots.push((key, n)),
                _ => facets.countries.push((key, n)),
            }
        }
        // Each facet's own order, whatever order the engine unites them in.
        facets
            .entities
            .sort_by(|x, y| y.2.cmp(&x.2).then_with(|| x.0.cmp(&y.0)));
        for list in [&mut facets.themes, &mut facets.roots, &mut facets.countries] {
            list.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
        }
        Ok(facets)
    }

    /// Deduplicated events, most reported first, reported in the articles a search matches
    /// (words and filters; `country` selects articles as it does for the search, so the map of
    /// a country's news shows talks about it held abroad too), with the query's actor and root.
    /// Each is described by its first article's first report of it.
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
        if filter::selects_articles(q) {
            let (conditions, params) = event_conditions(self.db.dialect(), q);
            sql.push_str(&format!(
                " AND g.id IN (SELECT e.global_id FROM events e WHERE true{conditions})"
            ));
            args.extend(params);
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

    /// Articles and events per publication day, in date order, of the articles a search
    /// matches (words and filters).
    pub fn timeline(&self, q: &Query) -> Result<Vec<Day>, StoreError> {
        let mut sql = String::from(
            "SELECT a.published, count(DISTINCT a.id), count(e.article_id) FROM articles a \
             LEFT JOIN events e ON e.article_id = a.id WHERE a.published IS NOT NULL",
        );
        let mut args: Vec<Param> = Vec::new();
        if filter::selects_articles(q) {
            let (ids, params) = filter::matching_ids(self.db.dialect(), q);
            sql.push_str(&format!(" AND a.id IN ({ids})"));
            args.extend(params);
        }
        sql.push_str(" GROUP BY a.published ORDER BY a.published");
        collect(self.db.rows(&sql, &args)?, |r| {
            Ok(Day {
                day: r.get(0)?,
                articles: r.get(1)?,
                events: r.get(2)?,
            })
        })
    }

    /// The strongest edges between actor codes (up to `q.limit`) among the events of the
    /// articles a search matches, with each actor's name (the one its events use most) and
    /// number of events. An `actor` filter keeps the edges that actor is party to.
    pub fn network(&self, q: &Query) -> Result<Network, StoreError> {
        let (conditions, args) = event_conditions(self.db.dialect(), q);
        let quads: String = (1..=4)
            .map(|k| format!(", sum(CASE WHEN quad_class = {k} THEN 1 ELSE 0 END)"))
            .collect();
        let rows = self.db.rows(
            &format!(
                "SELECT source_code, target_code, count(*) n, avg(goldstein){quads} FROM events e \
                 WHERE source_code IS NOT NULL AND target_code IS NOT NULL AND source_code <> target_code{conditions} \
                 GROUP BY source_code, target_code ORDER BY n DESC, source_code, target_code LIMIT {}",
                q.limit.clamp(1, 1000)
            ),
            &args,
        )?;
        let edges = collect(rows, |r| {
            let mut by_quad = [0u64; 4];
            for (k, slot) in by_quad.iter_mut().enumerate() {
                *slot = r.get(4 + k)?;
            }
            // The quad class most of the edge's events have; ties go to the conflict side.
            let quad_class = (0..4).max_by_key(|&k| by_quad[k]).unwrap_or(0) as i64 + 1;
            Ok(Edge {
                source: r.get(0)?,
                target: r.get(1)?,
                events: r.get(2)?,
                goldstein: r.get(3)?,
                quad_class,
            })
        })?;
        let mut codes: Vec<&str> = edges
            .iter()
            .flat_map(|e| [e.source.as_str(), e.target.as_str()])
            .collect();
        codes.sort_unstable();
        codes.dedup();
        if codes.is_empty() {
            return Ok(Network::default());
        }
        let marks = vec!["?"; codes.len()].join(",");
        let mut params: Vec<Param> = codes.iter().map(|c| p(*c)).collect();
        params.extend(args.iter().cloned());
        params.extend(codes.iter().map(|c| p(*c)));
        params.extend(args.iter().cloned());
        let names = self.db.rows(
            &format!(
                "SELECT code, name, count(*) FROM ( \
                   SELECT source_code code, source_name name FROM events e WHERE source_code IN ({marks}){conditions} \
                   UNION ALL \
                   SELECT target_code code, target_name name FROM events e WHERE target_code IN ({marks}){conditions} \
                 ) x GROUP BY code, name"
            ),
            &params,
        )?;
        let mut nodes: Vec<Node> = codes
            .iter()
            .map(|c| Node {
                code: (*c).to_string(),
                name: None,
                events: 0,
            })
            .collect();
        let mut best: Vec<u64> = vec![0; nodes.len()];
        for mut r in names {
            let code: String = r.get(0)?;
            let name: Option<String> = r.get(1)?;
            let n: u64 = r.get(2)?;
            let Ok(i) = codes.binary_search(&code.as_str()) else {
                continue;
            };
            nodes[i].events += n;
            if let Some(name) = name.filter(|n| !n.trim().is_empty()) {
                if n > best[i] {
                    best[i] = n;
                    nodes[i].name = Some(name);
                }
            }
        }
        nodes.sort_by(|a, b| b.events.cmp(&a.events).then_with(|| a.code.cmp(&b.code)));
        Ok(Network { nodes, edges })
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
             coalesce(f.published, f.added), t.avg_tone \
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
