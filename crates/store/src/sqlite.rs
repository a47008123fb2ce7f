//! [`SqliteStore`]: the default store, one SQLite file. Schema in `schema.sql` (documented there).

use crate::{ArticleFeatures, Linked, Linker, StoreError};
use newsgraph_model::Record;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashSet;
use std::path::Path;

const SCHEMA: &str = include_str!("schema.sql");

pub struct SqliteStore {
    conn: Connection,
}

/// A search: full-text words and filters, all optional.
#[derive(Debug, Clone, Default)]
pub struct Query {
    /// FTS5 words ("truce", "\"cease fire\"", "syria AND truce").
    pub text: Option<String>,
    /// CAMEO actor code prefix, matched on event sources/targets and entity codes ("RUS").
    pub actor: Option<String>,
    /// Entity canonical name (exact, case-insensitive).
    pub entity: Option<String>,
    /// ISO 3166-1 alpha-2 country of a place the article names.
    pub country: Option<String>,
    pub theme: Option<String>,
    /// CAMEO event root code ("04").
    pub root: Option<String>,
    /// `YYYY-MM-DD` bounds on the publication date, inclusive.
    pub since: Option<String>,
    pub until: Option<String>,
    pub limit: usize,
}

/// One search result.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Hit {
    pub id: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub story: String,
    pub duplicate_of: Option<String>,
    pub snippet: String,
}

/// Row counts of the main tables.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct StoreStats {
    pub articles: u64,
    pub duplicates: u64,
    pub stories: u64,
    pub entities: u64,
    pub quotes: u64,
    pub events: u64,
    pub global_events: u64,
    pub failures: u64,
}

impl SqliteStore {
    /// Open (or create) the store file.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let conn = Connection::open(path).map_err(|source| StoreError::Open {
            path: path.display().to_string(),
            source,
        })?;
        Self::init(conn)
    }

    /// A store that lives in memory (tests, `eval` of story clusters).
    pub fn open_in_memory() -> Result<Self, StoreError> {
        Self::init(Connection::open_in_memory()?)
    }

    fn init(conn: Connection) -> Result<Self, StoreError> {
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.execute_batch(SCHEMA)?;
        Ok(SqliteStore { conn })
    }

    /// Ids of every stored article (to skip them on a new ingest).
    pub fn ids(&self) -> Result<HashSet<String>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT id FROM articles")?;
        let ids = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<_, _>>()?;
        Ok(ids)
    }

    /// Rebuild the linker from stored articles, in ingest order.
    pub fn linker(&self) -> Result<Linker, StoreError> {
        let mut linker = Linker::new();
        let mut stmt = self
            .conn
            .prepare("SELECT id, story, features FROM articles ORDER BY rowid")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let id: String = row.get(0)?;
            let story: String = row.get(1)?;
            let features: String = row.get(2)?;
            let features: ArticleFeatures = serde_json::from_str(&features)
                .map_err(|e| StoreError::Corrupt(format!("features of {id}: {e}")))?;
            linker.restore(&id, &story, features);
        }
        Ok(linker)
    }

    /// Store a batch of linked articles and failures in one transaction.
    pub fn write_batch(
        &mut self,
        batch: &[Linked],
        failures: &[(String, String)],
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        for linked in batch {
            write_article(&tx, linked)?;
        }
        {
            let mut fail =
                tx.prepare_cached("INSERT OR REPLACE INTO failures (id, error) VALUES (?1, ?2)")?;
            for (id, error) in failures {
                fail.execute(params![id, error])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Every stored article as an output record, with `story` and `duplicate_of`, in ingest order.
    pub fn for_each_record(
        &self,
        mut f: impl FnMut(Record) -> std::io::Result<()>,
    ) -> Result<u64, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT record, story, duplicate_of FROM articles ORDER BY rowid")?;
        let mut rows = stmt.query([])?;
        let mut n = 0;
        while let Some(row) = rows.next()? {
            let json: String = row.get(0)?;
            let mut record: Record =
                serde_json::from_str(&json).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            record.story = row.get(1)?;
            record.duplicate_of = row.get(2)?;
            f(record).map_err(|e| StoreError::Corrupt(format!("cannot write record: {e}")))?;
            n += 1;
        }
        Ok(n)
    }

    /// One stored article as an output record.
    pub fn record(&self, id: &str) -> Result<Option<Record>, StoreError> {
        let row = self
            .conn
            .query_row(
                "SELECT record, story, duplicate_of FROM articles WHERE id = ?1",
                [id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, Option<String>>(2)?,
                    ))
                },
            )
            .optional()?;
        let Some((json, story, dup)) = row else {
            return Ok(None);
        };
        let mut record: Record =
            serde_json::from_str(&json).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        record.story = Some(story);
        record.duplicate_of = dup;
        Ok(Some(record))
    }

    /// Story id of every stored article.
    pub fn stories(&self) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, story FROM articles ORDER BY rowid")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    pub fn stats(&self) -> Result<StoreStats, StoreError> {
        let count = |sql: &str| -> Result<u64, StoreError> {
            Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64)
        };
        Ok(StoreStats {
            articles: count("SELECT count(*) FROM articles")?,
            duplicates: count("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL")?,
            stories: count("SELECT count(*) FROM stories")?,
            entities: count("SELECT count(*) FROM entities")?,
            quotes: count("SELECT count(*) FROM quotes")?,
            events: count("SELECT count(*) FROM events")?,
            global_events: count("SELECT count(*) FROM global_events")?,
            failures: count("SELECT count(*) FROM failures")?,
        })
    }

    /// Full-text search with filters, best matches first (by FTS rank, else newest first).
    pub fn search(&self, q: &Query) -> Result<Vec<Hit>, StoreError> {
        let mut sql = String::from("SELECT a.id, a.title, a.published, a.story, a.duplicate_of, ");
        let mut args: Vec<String> = Vec::new();
        if let Some(text) = q.text.as_deref().filter(|t| !t.trim().is_empty()) {
            sql.push_str(
                "snippet(articles_fts, 1, '[', ']', ' … ', 12) FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid \
                 WHERE articles_fts MATCH ?",
            );
            args.push(fts_query(text));
        } else {
            sql.push_str("substr(a.text, 1, 160) FROM articles a WHERE 1");
        }
        if let Some(actor) = &q.actor {
            sql.push_str(
                " AND (a.id IN (SELECT article_id FROM events WHERE source_code LIKE ? || '%' OR target_code LIKE ? || '%') \
                   OR a.id IN (SELECT article_id FROM entities WHERE cameo LIKE ? || '%'))",
            );
            let p = actor.to_uppercase();
            args.extend([p.clone(), p.clone(), p]);
        }
        if let Some(entity) = &q.entity {
            sql.push_str(
                " AND a.id IN (SELECT article_id FROM entities WHERE name = ? COLLATE NOCASE)",
            );
            args.push(entity.clone());
        }
        if let Some(country) = &q.country {
            sql.push_str(
                " AND a.id IN (SELECT article_id FROM entities WHERE country = ? OR iso2 = ?)",
            );
            args.extend([country.to_uppercase(), country.to_uppercase()]);
        }
        if let Some(theme) = &q.theme {
            sql.push_str(" AND a.id IN (SELECT article_id FROM themes WHERE code = ?)");
            args.push(theme.to_uppercase());
        }
        if let Some(root) = &q.root {
            sql.push_str(" AND a.id IN (SELECT article_id FROM events WHERE root = ?)");
            args.push(format!("{:0>2}", root));
        }
        if let Some(since) = &q.since {
            sql.push_str(" AND a.published >= ?");
            args.push(since.clone());
        }
        if let Some(until) = &q.until {
            sql.push_str(" AND a.published <= ?");
            args.push(until.clone());
        }
        if q.text.as_deref().is_some_and(|t| !t.trim().is_empty()) {
            sql.push_str(" ORDER BY rank");
        } else {
            sql.push_str(" ORDER BY a.published DESC, a.rowid DESC");
        }
        sql.push_str(&format!(" LIMIT {}", q.limit.clamp(1, 10_000)));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let hits = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), |r| {
                Ok(Hit {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    published: r.get(2)?,
                    story: r.get(3)?,
                    duplicate_of: r.get(4)?,
                    snippet: r.get::<_, String>(5)?.replace('\n', " "),
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(hits)
    }

    /// The underlying connection, for commands that run their own read-only SQL (export).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

/// Make user words safe for FTS5: keep quoted phrases and the operators AND/OR/NOT, quote every
/// other word so that punctuation ("U.S.") cannot break the query syntax.
fn fts_query(text: &str) -> String {
    let mut out = Vec::new();
    let mut phrase = String::new();
    let mut in_phrase = false;
    for part in text.split_inclusive('"') {
        let ends_quote = part.ends_with('"');
        let body = part.trim_end_matches('"');
        if in_phrase {
            phrase.push_str(body);
            if ends_quote {
                out.push(format!("\"{}\"", phrase.replace('"', "")));
                phrase.clear();
                in_phrase = false;
            }
        } else {
            for w in body.split_whitespace() {
                match w {
                    "AND" | "OR" | "NOT" => out.push(w.to_string()),
                    _ => out.push(format!("\"{}\"", w.replace('"', ""))),
                }
            }
            in_phrase = ends_quote;
        }
    }
    if !phrase.trim().is_empty() {
        out.push(format!("\"{}\"", phrase.trim()));
    }
    out.join(" ")
}

fn write_article(tx: &rusqlite::Transaction, linked: &Linked) -> Result<(), StoreError> {
    let r = &linked.record;
    let record_json = serde_json::to_string(r).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let features =
        serde_json::to_string(&linked.features).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let inserted = tx.prepare_cached(
        "INSERT OR IGNORE INTO articles (id, url, title, published, language, source, story, duplicate_of, words, tone, text, record, features) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        r.id,
        r.url,
        r.title,
        r.published,
        r.language,
        r.source,
        linked.links.story,
        linked.links.duplicate_of,
        r.text.split_whitespace().count() as i64,
        r.tone.map(|t| t.tone),
        r.text,
        record_json,
        features
    ])?;
    if inserted == 0 {
        return Ok(()); // already stored: ingest is idempotent
    }
    let rowid = tx.last_insert_rowid();
    tx.prepare_cached("INSERT INTO articles_fts (rowid, title, text) VALUES (?1, ?2, ?3)")?
        .execute(params![rowid, r.title.as_deref().unwrap_or(""), r.text])?;
    tx.prepare_cached(
        "INSERT INTO stories (id, title, first_seen, last_seen, articles) VALUES (?1, ?2, ?3, ?3, 1) \
         ON CONFLICT(id) DO UPDATE SET articles = articles + 1, \
           first_seen = min(coalesce(first_seen, excluded.first_seen), coalesce(excluded.first_seen, first_seen)), \
           last_seen = max(coalesce(last_seen, excluded.last_seen), coalesce(excluded.last_seen, last_seen))",
    )?
    .execute(params![linked.links.story, r.title, r.published])?;

    let mut ent = tx.prepare_cached(
        "INSERT INTO entities (article_id, idx, name, type, kind, cameo, iso2, iso3, country, lat, lon, geonames_id, mentions) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    let mut men = tx.prepare_cached("INSERT INTO mentions (article_id, entity_idx, start, end, text) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    for (i, e) in r.entities.iter().enumerate() {
        ent.execute(params![
            r.id,
            i as i64,
            e.name,
            e.kind_type.as_str(),
            e.kind,
            e.codes.cameo,
            e.codes.iso2,
            e.codes.iso3,
            e.geo.as_ref().map(|g| g.country.clone()),
            e.geo.as_ref().map(|g| g.lat),
            e.geo.as_ref().map(|g| g.lon),
            e.geo.as_ref().and_then(|g| g.geonames_id).map(|g| g as i64),
            e.mentions.len() as i64
        ])?;
        for m in &e.mentions {
            men.execute(params![
                r.id,
                i as i64,
                m.start as i64,
                m.end as i64,
                m.text
            ])?;
        }
    }
    let mut quo =
        tx.prepare_cached("INSERT INTO quotes (article_id, idx, text, speaker, verb, start, end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?;
    for (i, q) in r.quotes.iter().enumerate() {
        quo.execute(params![
            r.id,
            i as i64,
            q.text,
            q.speaker,
            q.verb,
            q.start as i64,
            q.end as i64
        ])?;
    }
    let mut cnt = tx.prepare_cached(
        "INSERT INTO counts (article_id, type, number, approximate, object, location, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for c in &r.counts {
        cnt.execute(params![
            r.id,
            c.kind,
            c.number,
            c.approximate,
            c.object,
            c.location,
            c.text
        ])?;
    }
    let mut thm =
        tx.prepare_cached("INSERT INTO themes (article_id, code, count) VALUES (?1, ?2, ?3)")?;
    for t in &r.themes {
        thm.execute(params![r.id, t.code, t.count as i64])?;
    }
    write_events(tx, linked)?;
    Ok(())
}

/// Events: each article's event joins the global event with the same story, actors, code and
/// date, so one happening reported by many articles is one event with many mentions.
fn write_events(tx: &rusqlite::Transaction, linked: &Linked) -> Result<(), StoreError> {
    let r = &linked.record;
    let mut upsert = tx.prepare_cached(
        "INSERT INTO global_events (key, source_code, target_code, code, root, date, story, first_article, mentions, articles, sources) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, 1) \
         ON CONFLICT(key) DO UPDATE SET mentions = mentions + excluded.mentions, articles = articles + 1, \
           sources = sources + (CASE WHEN ?10 THEN 1 ELSE 0 END) \
         RETURNING id",
    )?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO events (article_id, idx, global_id, source_name, source_code, target_name, target_code, code, root, quad_class, \
           goldstein, location, country, lat, lon, date, is_root, mentions, text) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
    )?;
    let mut seen_source = tx.prepare_cached(
        "SELECT 1 FROM events e JOIN articles a ON a.id = e.article_id WHERE e.global_id = \
         (SELECT id FROM global_events WHERE key = ?1) AND a.source IS ?2 LIMIT 1",
    )?;
    for (i, e) in r.events.iter().enumerate() {
        let src = e.source.as_ref().map(|a| a.code.clone());
        let tgt = e.target.as_ref().map(|a| a.code.clone());
        let key = crate::link::global_event_key(&linked.links.story, e);
        let new_source = seen_source
            .query_row(params![key, r.source], |_| Ok(()))
            .optional()?
            .is_none();
        let global: i64 = upsert.query_row(
            params![
                key,
                src,
                tgt,
                e.code,
                e.root,
                e.date,
                linked.links.story,
                r.id,
                e.mentions as i64,
                new_source
            ],
            |row| row.get(0),
        )?;
        insert.execute(params![
            r.id,
            i as i64,
            global,
            e.source.as_ref().map(|a| a.name.clone()),
            src,
            e.target.as_ref().map(|a| a.name.clone()),
            tgt,
            e.code,
            e.root,
            e.quad_class as i64,
            e.goldstein,
            e.location.as_ref().map(|l| l.name.clone()),
            e.location.as_ref().and_then(|l| l.country.clone()),
            e.location.as_ref().and_then(|l| l.lat),
            e.location.as_ref().and_then(|l| l.lon),
            e.date,
            e.is_root,
            e.mentions as i64,
            e.text
        ])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fts_query_quotes_words_and_keeps_phrases_and_operators() {
        assert_eq!(fts_query("U.S. truce"), "\"U.S.\" \"truce\"");
        assert_eq!(
            fts_query("\"cease fire\" OR truce"),
            "\"cease fire\" OR \"truce\""
        );
    }
}
