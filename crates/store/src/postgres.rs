//! [`PgStore`]: the store in a PostgreSQL database (schema in `schema_pg.sql`), for archives
//! that outgrow one file and for many ingest, serve, search and export processes at once.
//!
//! Writers may run side by side: each batch is one transaction, articles are inserted with
//! `ON CONFLICT DO NOTHING` and deduplicated events are counted with upserts, so two writers
//! never store an article twice or lose a mention. Each writer links stories with the linker it
//! rebuilt when it started, so articles ingested at the same moment by two writers are only
//! linked to what each writer has seen.

use crate::store::{EventMention, Store, EVENT_MENTIONS_SQL};
use crate::{
    ArticleFeatures, Day, Edge, EventRow, Facets, Hit, Linked, Linker, Query, StoreError,
    StoreStats,
};
use newsgraph_model::Record;
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::ToSql;
use postgres::{Client, NoTls, Row, Transaction};
use std::cell::RefCell;
use std::collections::HashSet;

const SCHEMA: &str = include_str!("schema_pg.sql");

/// Any number, so that concurrent first connections create the schema one at a time.
const SCHEMA_LOCK: i64 = 0x6e65_7773_6772_6170;

pub struct PgStore {
    /// The client needs `&mut` for every query; the store's readers take `&self` like
    /// SQLite's, and a store is used from one thread at a time (the server holds it in a mutex).
    client: RefCell<Client>,
}

type Params = Vec<Box<dyn ToSql + Sync>>;

/// Adds a parameter and gives its placeholder (`$3`).
fn param(args: &mut Params, value: impl ToSql + Sync + 'static) -> String {
    args.push(Box::new(value));
    format!("${}", args.len())
}

fn refs(args: &Params) -> Vec<&(dyn ToSql + Sync)> {
    args.iter().map(|a| a.as_ref()).collect()
}

/// The URL with its password replaced, for error messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let auth = &url[scheme + 3..at];
            match auth.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

impl PgStore {
    /// Connect to `postgres://user:password@host:port/dbname` and create the tables if needed.
    pub fn connect(url: &str) -> Result<Self, StoreError> {
        Self::connect_in_schema(url, None)
    }

    /// Like [`PgStore::connect`], with the tables in `schema` (created when missing) rather
    /// than `public`: tests use a fresh schema each.
    pub fn connect_in_schema(url: &str, schema: Option<&str>) -> Result<Self, StoreError> {
        let open_err = |source| StoreError::OpenPg {
            url: redact(url),
            source,
        };
        let mut client = Client::connect(url, NoTls).map_err(open_err)?;
        if let Some(schema) = schema {
            let quoted = format!("\"{}\"", schema.replace('"', ""));
            client.batch_execute(&format!(
                "CREATE SCHEMA IF NOT EXISTS {quoted}; SET search_path TO {quoted}"
            ))?;
        }
        client.execute("SELECT pg_advisory_lock($1)", &[&SCHEMA_LOCK])?;
        let created = client.batch_execute(SCHEMA);
        client.execute("SELECT pg_advisory_unlock($1)", &[&SCHEMA_LOCK])?;
        created?;
        Ok(PgStore {
            client: RefCell::new(client),
        })
    }

    fn query(&self, sql: &str, args: &Params) -> Result<Vec<Row>, StoreError> {
        Ok(self.client.borrow_mut().query(sql, &refs(args))?)
    }

    fn write_batch_once(
        &self,
        batch: &[Linked],
        failures: &[(String, String)],
    ) -> Result<(), StoreError> {
        let mut client = self.client.borrow_mut();
        let mut tx = client.transaction()?;
        for linked in batch {
            write_article(&mut tx, linked)?;
        }
        let fail = tx.prepare(
            "INSERT INTO failures (id, error) VALUES ($1, $2) \
             ON CONFLICT (id) DO UPDATE SET error = excluded.error",
        )?;
        for (id, error) in failures {
            tx.execute(&fail, &[&id.as_str(), &error.as_str()])?;
        }
        tx.commit()?;
        Ok(())
    }

    fn count(&self, sql: &str) -> Result<u64, StoreError> {
        let row = self.client.borrow_mut().query_one(sql, &[])?;
        Ok(row.get::<_, i64>(0) as u64)
    }
}

/// Deadlocks and serialization failures: the transaction was rolled back and can be retried.
fn is_retryable(e: &postgres::Error) -> bool {
    use postgres::error::SqlState;
    e.code().is_some_and(|c| {
        *c == SqlState::T_R_DEADLOCK_DETECTED || *c == SqlState::T_R_SERIALIZATION_FAILURE
    })
}

fn record_of(json: &str, story: Option<String>, dup: Option<String>) -> Result<Record, StoreError> {
    let mut record: Record =
        serde_json::from_str(json).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    record.story = story;
    record.duplicate_of = dup;
    Ok(record)
}

impl Store for PgStore {
    fn ids(&self) -> Result<HashSet<String>, StoreError> {
        let rows = self.query("SELECT id FROM articles", &Vec::new())?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    fn linker(&self) -> Result<Linker, StoreError> {
        let mut linker = Linker::new();
        let mut client = self.client.borrow_mut();
        let mut rows = client.query_raw(
            "SELECT id, story, features FROM articles ORDER BY rowid",
            std::iter::empty::<&str>(),
        )?;
        while let Some(row) = rows.next()? {
            let id: String = row.get(0);
            let story: String = row.get(1);
            let features: ArticleFeatures = serde_json::from_str(row.get(2))
                .map_err(|e| StoreError::Corrupt(format!("features of {id}: {e}")))?;
            linker.restore(&id, &story, features);
        }
        Ok(linker)
    }

    fn write_batch(
        &mut self,
        batch: &[Linked],
        failures: &[(String, String)],
    ) -> Result<(), StoreError> {
        // Two writers upserting the same events in different orders can deadlock; PostgreSQL
        // then aborts one transaction, which is safe to run again.
        let mut attempt = 0;
        loop {
            match self.write_batch_once(batch, failures) {
                Err(StoreError::Pg(e)) if attempt < 5 && is_retryable(&e) => {
                    attempt += 1;
                    std::thread::sleep(std::time::Duration::from_millis(20 << attempt));
                }
                other => return other,
            }
        }
    }

    fn each_record(
        &self,
        f: &mut dyn FnMut(Record) -> std::io::Result<()>,
    ) -> Result<u64, StoreError> {
        let mut client = self.client.borrow_mut();
        let mut rows = client.query_raw(
            "SELECT record, story, duplicate_of FROM articles ORDER BY rowid",
            std::iter::empty::<&str>(),
        )?;
        let mut n = 0;
        while let Some(row) = rows.next()? {
            let record = record_of(row.get(0), row.get(1), row.get(2))?;
            f(record).map_err(|e| StoreError::Corrupt(format!("cannot write record: {e}")))?;
            n += 1;
        }
        Ok(n)
    }

    fn record(&self, id: &str) -> Result<Option<Record>, StoreError> {
        let row = self.client.borrow_mut().query_opt(
            "SELECT record, story, duplicate_of FROM articles WHERE id = $1",
            &[&id],
        )?;
        row.map(|r| record_of(r.get(0), r.get(1), r.get(2)))
            .transpose()
    }

    fn stories(&self) -> Result<Vec<(String, String)>, StoreError> {
        let rows = self.query("SELECT id, story FROM articles ORDER BY rowid", &Vec::new())?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    fn stats(&self) -> Result<StoreStats, StoreError> {
        Ok(StoreStats {
            articles: self.count("SELECT count(*) FROM articles")?,
            duplicates: self
                .count("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL")?,
            stories: self.count("SELECT count(*) FROM stories")?,
            entities: self.count("SELECT count(*) FROM entities")?,
            quotes: self.count("SELECT count(*) FROM quotes")?,
            events: self.count("SELECT count(*) FROM events")?,
            global_events: self.count("SELECT count(*) FROM global_events")?,
            failures: self.count("SELECT count(*) FROM failures")?,
        })
    }

    fn search(&self, q: &Query) -> Result<Vec<Hit>, StoreError> {
        let mut args: Params = Vec::new();
        let text = q.text.as_deref().filter(|t| !t.trim().is_empty());
        let mut sql = String::from("SELECT a.id, a.title, a.published, a.story, a.duplicate_of, ");
        if let Some(text) = text {
            let p = param(&mut args, text.to_string());
            sql.push_str(&format!(
                "ts_headline('english', a.text, websearch_to_tsquery('english', {p}), \
                 'StartSel=[, StopSel=], MaxWords=14, MinWords=6') \
                 FROM articles a WHERE a.tsv @@ websearch_to_tsquery('english', {p})"
            ));
        } else {
            sql.push_str("substr(a.text, 1, 160) FROM articles a WHERE true");
        }
        if let Some(actor) = &q.actor {
            let p = param(&mut args, actor.to_uppercase());
            sql.push_str(&format!(
                " AND (a.id IN (SELECT article_id FROM events WHERE source_code LIKE {p} || '%' OR target_code LIKE {p} || '%') \
                   OR a.id IN (SELECT article_id FROM entities WHERE cameo LIKE {p} || '%'))"
            ));
        }
        if let Some(entity) = &q.entity {
            let p = param(&mut args, entity.clone());
            sql.push_str(&format!(
                " AND a.id IN (SELECT article_id FROM entities WHERE lower(name) = lower({p}))"
            ));
        }
        if let Some(country) = &q.country {
            let p = param(&mut args, country.to_uppercase());
            sql.push_str(&format!(
                " AND a.id IN (SELECT article_id FROM entities WHERE country = {p} OR iso2 = {p})"
            ));
        }
        if let Some(theme) = &q.theme {
            let p = param(&mut args, theme.to_uppercase());
            sql.push_str(&format!(
                " AND a.id IN (SELECT article_id FROM themes WHERE code = {p})"
            ));
        }
        if let Some(root) = &q.root {
            let p = param(&mut args, format!("{root:0>2}"));
            sql.push_str(&format!(
                " AND a.id IN (SELECT article_id FROM events WHERE root = {p})"
            ));
        }
        if let Some(since) = &q.since {
            let p = param(&mut args, since.clone());
            sql.push_str(&format!(" AND a.published >= {p}"));
        }
        if let Some(until) = &q.until {
            let p = param(&mut args, until.clone());
            sql.push_str(&format!(" AND a.published <= {p}"));
        }
        if let Some(text) = text {
            let p = param(&mut args, text.to_string());
            sql.push_str(&format!(
                " ORDER BY ts_rank(a.tsv, websearch_to_tsquery('english', {p})) DESC, a.rowid"
            ));
        } else {
            sql.push_str(" ORDER BY a.published DESC NULLS LAST, a.rowid DESC");
        }
        sql.push_str(&format!(" LIMIT {}", q.limit.clamp(1, 10_000)));
        let rows = self.query(&sql, &args)?;
        Ok(rows
            .iter()
            .map(|r| Hit {
                id: r.get(0),
                title: r.get(1),
                published: r.get(2),
                story: r.get(3),
                duplicate_of: r.get(4),
                snippet: r
                    .get::<_, Option<String>>(5)
                    .unwrap_or_default()
                    .replace('\n', " "),
            })
            .collect())
    }

    fn facets(&self, q: &Query) -> Result<Facets, StoreError> {
        let ids: Vec<String> = self.search(q)?.into_iter().map(|h| h.id).collect();
        if ids.is_empty() {
            return Ok(Facets::default());
        }
        let top2 = |sql: &str| -> Result<Vec<(String, u64)>, StoreError> {
            let rows = self.client.borrow_mut().query(sql, &[&ids])?;
            Ok(rows
                .iter()
                .map(|r| (r.get(0), r.get::<_, i64>(1) as u64))
                .collect())
        };
        let entities = self
            .client
            .borrow_mut()
            .query(
                "SELECT name, type, count(DISTINCT article_id) n FROM entities WHERE article_id = ANY($1) \
                 GROUP BY name, type ORDER BY n DESC, name LIMIT 15",
                &[&ids],
            )?
            .iter()
            .map(|r| (r.get(0), r.get(1), r.get::<_, i64>(2) as u64))
            .collect();
        Ok(Facets {
            entities,
            themes: top2(
                "SELECT code, count(*) n FROM themes WHERE article_id = ANY($1) GROUP BY code ORDER BY n DESC, code LIMIT 15",
            )?,
            roots: top2(
                "SELECT root, count(DISTINCT article_id) n FROM events WHERE article_id = ANY($1) GROUP BY root ORDER BY n DESC, root LIMIT 20",
            )?,
            countries: top2(
                "SELECT country, count(DISTINCT article_id) n FROM entities WHERE country IS NOT NULL AND article_id = ANY($1) \
                 GROUP BY country ORDER BY n DESC, country LIMIT 15",
            )?,
        })
    }

    fn events(&self, q: &Query) -> Result<Vec<EventRow>, StoreError> {
        let mut args: Params = Vec::new();
        let mut filter = String::new();
        if let Some(actor) = &q.actor {
            let p = param(&mut args, actor.to_uppercase());
            filter.push_str(&format!(
                " AND (g.source_code LIKE {p} || '%' OR g.target_code LIKE {p} || '%')"
            ));
        }
        if let Some(root) = &q.root {
            let p = param(&mut args, format!("{root:0>2}"));
            filter.push_str(&format!(" AND g.root = {p}"));
        }
        if let Some(since) = &q.since {
            let p = param(&mut args, since.clone());
            filter.push_str(&format!(" AND g.date >= {p}"));
        }
        if let Some(until) = &q.until {
            let p = param(&mut args, until.clone());
            filter.push_str(&format!(" AND g.date <= {p}"));
        }
        if let Some(country) = &q.country {
            let p = param(&mut args, country.to_uppercase());
            filter.push_str(&format!(" AND e.country = {p}"));
        }
        // One row per deduplicated event, described by its first article's first report of it.
        let sql = format!(
            "SELECT * FROM (SELECT DISTINCT ON (g.id) g.id, g.source_code, g.target_code, e.source_name, e.target_name, \
             g.code, g.root, e.goldstein, e.quad_class, g.date, e.location, e.country, e.lat, e.lon, g.mentions, \
             g.articles, g.first_article, e.text \
             FROM global_events g JOIN events e ON e.global_id = g.id AND e.article_id = g.first_article \
             WHERE true{filter} ORDER BY g.id, e.idx) d ORDER BY mentions DESC, id LIMIT {}",
            q.limit.clamp(1, 10_000)
        );
        let rows = self.query(&sql, &args)?;
        Ok(rows
            .iter()
            .map(|r| EventRow {
                id: r.get(0),
                source_code: r.get(1),
                target_code: r.get(2),
                source_name: r.get(3),
                target_name: r.get(4),
                code: r.get(5),
                root: r.get(6),
                goldstein: r.get(7),
                quad_class: r.get(8),
                date: r.get(9),
                location: r.get(10),
                country: r.get(11),
                lat: r.get(12),
                lon: r.get(13),
                mentions: r.get(14),
                articles: r.get(15),
                first_article: r.get(16),
                text: r.get(17),
            })
            .collect())
    }

    fn timeline(&self) -> Result<Vec<Day>, StoreError> {
        let rows = self.query(
            "SELECT a.published, count(DISTINCT a.id), count(e.article_id) FROM articles a \
             LEFT JOIN events e ON e.article_id = a.id WHERE a.published IS NOT NULL \
             GROUP BY a.published ORDER BY a.published",
            &Vec::new(),
        )?;
        Ok(rows
            .iter()
            .map(|r| Day {
                day: r.get(0),
                articles: r.get::<_, i64>(1) as u64,
                events: r.get::<_, i64>(2) as u64,
            })
            .collect())
    }

    fn network(&self, limit: usize) -> Result<Vec<Edge>, StoreError> {
        let rows = self.query(
            &format!(
                "SELECT source_code, target_code, count(*) n, avg(goldstein) FROM events \
                 WHERE source_code IS NOT NULL AND target_code IS NOT NULL AND source_code <> target_code \
                 GROUP BY source_code, target_code ORDER BY n DESC, source_code, target_code LIMIT {}",
                limit.clamp(1, 1000)
            ),
            &Vec::new(),
        )?;
        Ok(rows
            .iter()
            .map(|r| Edge {
                source: r.get(0),
                target: r.get(1),
                events: r.get::<_, i64>(2) as u64,
                goldstein: r.get(3),
            })
            .collect())
    }

    fn event_mentions(&self) -> Result<Vec<EventMention>, StoreError> {
        let rows = self.query(EVENT_MENTIONS_SQL, &Vec::new())?;
        Ok(rows
            .iter()
            .map(|r| EventMention {
                article_id: r.get(0),
                idx: r.get::<_, i64>(1) as usize,
                global_id: r.get(2),
                mentions: r.get(3),
                articles: r.get(4),
                sources: r.get(5),
                first_article: r.get(6),
                first_published: r.get(7),
                avg_tone: r.get(8),
            })
            .collect())
    }
}

fn write_article(tx: &mut Transaction, linked: &Linked) -> Result<(), StoreError> {
    let r = &linked.record;
    let record_json = serde_json::to_string(r).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let features =
        serde_json::to_string(&linked.features).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let words = r.text.split_whitespace().count() as i64;
    let tone = r.tone.map(|t| t.tone);
    let inserted = tx.query_opt(
        "INSERT INTO articles (id, url, title, published, language, source, story, duplicate_of, words, tone, text, record, features) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (id) DO NOTHING RETURNING rowid",
        &[
            &r.id,
            &r.url,
            &r.title,
            &r.published,
            &r.language,
            &r.source,
            &linked.links.story,
            &linked.links.duplicate_of,
            &words,
            &tone,
            &r.text,
            &record_json,
            &features,
        ],
    )?;
    if inserted.is_none() {
        return Ok(()); // already stored (by this or another writer): ingest is idempotent
    }
    tx.execute(
        "INSERT INTO stories (id, title, first_seen, last_seen, articles) VALUES ($1, $2, $3, $3, 1) \
         ON CONFLICT (id) DO UPDATE SET articles = stories.articles + 1, \
           first_seen = LEAST(stories.first_seen, excluded.first_seen), \
           last_seen = GREATEST(stories.last_seen, excluded.last_seen)",
        &[&linked.links.story, &r.title, &r.published],
    )?;
    let ent = tx.prepare(
        "INSERT INTO entities (article_id, idx, name, type, kind, cameo, iso2, iso3, country, lat, lon, geonames_id, mentions) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    )?;
    let men = tx.prepare(
        "INSERT INTO mentions (article_id, entity_idx, start, \"end\", text) VALUES ($1, $2, $3, $4, $5)",
    )?;
    for (i, e) in r.entities.iter().enumerate() {
        let geo = e.geo.as_ref();
        tx.execute(
            &ent,
            &[
                &r.id,
                &(i as i64),
                &e.name,
                &e.kind_type.as_str(),
                &e.kind,
                &e.codes.cameo,
                &e.codes.iso2,
                &e.codes.iso3,
                &geo.map(|g| g.country.clone()),
                &geo.map(|g| g.lat),
                &geo.map(|g| g.lon),
                &geo.and_then(|g| g.geonames_id).map(|g| g as i64),
                &(e.mentions.len() as i64),
            ],
        )?;
        for m in &e.mentions {
            tx.execute(
                &men,
                &[
                    &r.id,
                    &(i as i64),
                    &(m.start as i64),
                    &(m.end as i64),
                    &m.text,
                ],
            )?;
        }
    }
    let quo = tx.prepare(
        "INSERT INTO quotes (article_id, idx, text, speaker, verb, start, \"end\") VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )?;
    for (i, q) in r.quotes.iter().enumerate() {
        tx.execute(
            &quo,
            &[
                &r.id,
                &(i as i64),
                &q.text,
                &q.speaker,
                &q.verb,
                &(q.start as i64),
                &(q.end as i64),
            ],
        )?;
    }
    let cnt = tx.prepare(
        "INSERT INTO counts (article_id, type, number, approximate, object, location, text) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )?;
    for c in &r.counts {
        tx.execute(
            &cnt,
            &[
                &r.id,
                &c.kind,
                &c.number,
                &c.approximate,
                &c.object,
                &c.location,
                &c.text,
            ],
        )?;
    }
    let thm = tx.prepare("INSERT INTO themes (article_id, code, count) VALUES ($1, $2, $3)")?;
    for t in &r.themes {
        tx.execute(&thm, &[&r.id, &t.code, &(t.count as i64)])?;
    }
    write_events(tx, linked)
}

/// Events join the global event with the same story, actors, code and date (as in SQLite).
fn write_events(tx: &mut Transaction, linked: &Linked) -> Result<(), StoreError> {
    let r = &linked.record;
    if r.events.is_empty() {
        return Ok(());
    }
    let seen_source = tx.prepare(
        "SELECT 1 FROM events e JOIN articles a ON a.id = e.article_id JOIN global_events g ON g.id = e.global_id \
         WHERE g.key = $1 AND a.source IS NOT DISTINCT FROM $2 LIMIT 1",
    )?;
    let upsert = tx.prepare(
        "INSERT INTO global_events (key, source_code, target_code, code, root, date, story, first_article, mentions, articles, sources) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, 1) \
         ON CONFLICT (key) DO UPDATE SET mentions = global_events.mentions + excluded.mentions, \
           articles = global_events.articles + 1, \
           sources = global_events.sources + (CASE WHEN $10::boolean THEN 1 ELSE 0 END) \
         RETURNING id",
    )?;
    let insert = tx.prepare(
        "INSERT INTO events (article_id, idx, global_id, source_name, source_code, target_name, target_code, code, root, quad_class, \
           goldstein, location, country, lat, lon, date, is_root, mentions, text) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)",
    )?;
    for (i, e) in r.events.iter().enumerate() {
        let src = e.source.as_ref().map(|a| a.code.clone());
        let tgt = e.target.as_ref().map(|a| a.code.clone());
        let key = crate::link::global_event_key(&linked.links.story, e);
        let new_source = tx.query_opt(&seen_source, &[&key, &r.source])?.is_none();
        let global: i64 = tx
            .query_one(
                &upsert,
                &[
                    &key,
                    &src,
                    &tgt,
                    &e.code,
                    &e.root,
                    &e.date,
                    &linked.links.story,
                    &r.id,
                    &(e.mentions as i64),
                    &new_source,
                ],
            )?
            .get(0);
        let loc = e.location.as_ref();
        tx.execute(
            &insert,
            &[
                &r.id,
                &(i as i64),
                &global,
                &e.source.as_ref().map(|a| a.name.clone()),
                &src,
                &e.target.as_ref().map(|a| a.name.clone()),
                &tgt,
                &e.code,
                &e.root,
                &(e.quad_class as i64),
                &e.goldstein,
                &loc.map(|l| l.name.clone()),
                &loc.and_then(|l| l.country.clone()),
                &loc.and_then(|l| l.lat),
                &loc.and_then(|l| l.lon),
                &e.date,
                &e.is_root,
                &(e.mentions as i64),
                &e.text,
            ],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(
            redact("postgres://news:secret@db:5432/news"),
            "postgres://news:***@db:5432/news"
        );
        assert_eq!(redact("postgres://db/news"), "postgres://db/news");
    }
}
