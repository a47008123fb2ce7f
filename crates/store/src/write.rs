//! Storing a batch of linked articles: one transaction per batch, one row per article and a row
//! per item of each layer, and events merged into the deduplicated `global_events`.

use crate::sql::schema::{
    Table, ARTICLES, COUNTS, ENTITIES, EVENTS, GLOBAL_EVENTS, MENTIONS, QUOTES, STORIES, THEMES,
    TOLL,
};
use crate::sql::{p, Db, Param};
use crate::{Linked, Store, StoreError};

impl Store {
    /// Store a batch of linked articles and failures in one transaction. Articles already
    /// stored are skipped (ingest is idempotent).
    pub fn write_batch(
        &mut self,
        batch: &[Linked],
        failures: &[(String, String)],
    ) -> Result<(), StoreError> {
        self.write_batch_and(batch, failures, |_| Ok(()))
    }

    /// [`Store::write_batch`], with `then` run in the same transaction (watch marks the pages
    /// it stored, so a kill leaves both done or neither).
    pub(crate) fn write_batch_and(
        &mut self,
        batch: &[Linked],
        failures: &[(String, String)],
        then: impl Fn(&dyn Db) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let writer = Writer::new(newsgraph_time::utc_text(newsgraph_time::now_unix()));
        self.db.transaction(|db| {
            // SQLite's FTS5 writes its pending rows out at every statement savepoint; adding
            // them after every other row of the batch leaves it one write, at commit.
            let mut indexed = Vec::with_capacity(batch.len());
            for linked in batch {
                if let Some(rowid) = writer.article(db, linked)? {
                    indexed.push((rowid, linked));
                }
            }
            if let Some(index) = db.dialect().text_index_insert() {
                for (rowid, linked) in indexed {
                    let r = &linked.record;
                    db.execute(
                        index,
                        &[p(rowid), p(r.title.as_deref().unwrap_or("")), p(&r.text)],
                    )?;
                }
            }
            for (id, error) in failures {
                db.execute(
                    "INSERT INTO failures (id, error) VALUES (?, ?) \
                     ON CONFLICT (id) DO UPDATE SET error = excluded.error",
                    &[p(id), p(error)],
                )?;
            }
            then(db)
        })
    }
}

/// The statements of a batch, rendered once.
pub(crate) struct Writer {
    /// When the batch is stored (`articles.added`).
    added: String,
    article: String,
    story: String,
    entity: String,
    mention: String,
    quote: String,
    count: String,
    toll: String,
    theme: String,
    global_event: String,
    event: String,
}

impl Writer {
    pub(crate) fn new(added: String) -> Self {
        Writer {
            added,
            article: format!("{} ON CONFLICT (id) DO NOTHING RETURNING rowid", ARTICLES.insert()),
            story: format!(
                "{} ON CONFLICT (id) DO UPDATE SET articles = stories.articles + 1, \
                   first_seen = CASE WHEN stories.first_seen IS NULL OR excluded.first_seen < stories.first_seen \
                     THEN excluded.first_seen ELSE stories.first_seen END, \
                   last_seen = CASE WHEN stories.last_seen IS NULL OR excluded.last_seen > stories.last_seen \
                     THEN excluded.last_seen ELSE stories.last_seen END",
                STORIES.insert()
            ),
            entity: ENTITIES.insert(),
            mention: MENTIONS.insert(),
            quote: QUOTES.insert(),
            count: COUNTS.insert(),
            toll: TOLL.insert(),
            theme: THEMES.insert(),
            global_event: format!("{} RETURNING id", GLOBAL_EVENTS.insert()),
            event: EVENTS.insert(),
        }
    }

    /// Store one article and its layers; its rowid, or None when it was already stored.
    fn article(&self, db: &dyn Db, linked: &Linked) -> Result<Option<i64>, StoreError> {
        let r = &linked.record;
        let record_json =
            serde_json::to_string(r).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let features = linked.features.to_bytes();
        let values = [
            p(&r.id),
            p(r.url.as_deref()),
            p(r.title.as_deref()),
            p(r.published.as_deref()),
            p(r.language.as_deref()),
            p(r.source.as_deref()),
            p(&linked.links.story),
            p(linked.links.duplicate_of.as_deref()),
            p(r.text.split_whitespace().count()),
            p(r.tone.map(|t| t.tone)),
            p(&r.text),
            p(record_json),
            Param::Blob(&features),
            p(&self.added),
        ];
        let Some(mut row) = db.first(&self.article, checked(&ARTICLES, &values)?)? else {
            return Ok(None); // already stored (by this or another writer): ingest is idempotent
        };
        let rowid: i64 = row.get(0)?;
        self.story(db, linked)?;
        self.layers(db, linked)?;
        self.events(db, linked)?;
        Ok(Some(rowid))
    }

    /// The article counted in its story (created with it when it is the first).
    pub(crate) fn story(&self, db: &dyn Db, linked: &Linked) -> Result<(), StoreError> {
        let r = &linked.record;
        let values = [
            p(&linked.links.story),
            p(r.title.as_deref()),
            p(r.published.as_deref()),
            p(r.published.as_deref()),
            p(1i64),
        ];
        db.execute(&self.story, checked(&STORIES, &values)?)
            .map(drop)
    }

    /// The rows of every layer of the record but its story and events.
    fn layers(&self, db: &dyn Db, linked: &Linked) -> Result<(), StoreError> {
        let r = &linked.record;
        let insert = |sql: &str, table: &Table, values: &[Param]| -> Result<(), StoreError> {
            db.execute(sql, checked(table, values)?).map(drop)
        };
        for (i, e) in r.entities.iter().enumerate() {
            let geo = e.geo.as_ref();
            insert(
                &self.entity,
                &ENTITIES,
                &[
                    p(&r.id),
                    p(i),
                    p(&e.name),
                    p(e.kind_type.as_str()),
                    p(e.kind.as_deref()),
                    p(e.codes.cameo.as_deref()),
                    p(e.codes.iso2.as_deref()),
                    p(e.codes.iso3.as_deref()),
                    p(geo.map(|g| g.country.as_str())),
                    p(geo.map(|g| g.lat)),
                    p(geo.map(|g| g.lon)),
                    p(geo.and_then(|g| g.geonames_id)),
                    p(e.mentions.len()),
                ],
            )?;
            for m in &e.mentions {
                let values = [p(&r.id), p(i), p(m.start), p(m.end), p(&m.text)];
                insert(&self.mention, &MENTIONS, &values)?;
            }
        }
        for (i, q) in r.quotes.iter().enumerate() {
            insert(
                &self.quote,
                &QUOTES,
                &[
                    p(&r.id),
                    p(i),
                    p(&q.text),
                    p(q.speaker.as_deref()),
                    p(q.verb.as_deref()),
                    p(q.start),
                    p(q.end),
                ],
            )?;
        }
        for c in &r.counts {
            insert(
                &self.count,
                &COUNTS,
                &[
                    p(&r.id),
                    p(&c.kind),
                    p(c.number),
                    p(c.approximate),
                    p(c.object.as_deref()),
                    p(c.location.as_deref()),
                    p(&c.text),
                ],
            )?;
        }
        for t in &r.toll {
            let values = [p(&r.id), p(&t.kind), p(t.number), p(t.approximate)];
            insert(&self.toll, &TOLL, &values)?;
        }
        for t in &r.themes {
            insert(&self.theme, &THEMES, &[p(&r.id), p(&t.code), p(t.count)])?;
        }
        Ok(())
    }

    /// Events: each one an article reports joins the global event of the same happening
    /// (`events.rs`), or starts one; then its own row points to it.
    pub(crate) fn events(&self, db: &dyn Db, linked: &Linked) -> Result<(), StoreError> {
        let r = &linked.record;
        for (i, e) in r.events.iter().enumerate() {
            let global = crate::events::merge(db, &self.global_event, linked, i, e)?;
            let loc = e.location.as_ref();
            let values = [
                p(&r.id),
                p(i),
                p(global),
                p(e.source.as_ref().map(|a| a.name.as_str())),
                p(e.source.as_ref().map(|a| a.code.as_str())),
                p(e.target.as_ref().map(|a| a.name.as_str())),
                p(e.target.as_ref().map(|a| a.code.as_str())),
                p(&e.code),
                p(&e.root),
                p(i64::from(e.quad_class)),
                p(e.goldstein),
                p(loc.map(|l| l.name.as_str())),
                p(loc.and_then(|l| l.country.as_deref())),
                p(loc.and_then(|l| l.lat)),
                p(loc.and_then(|l| l.lon)),
                p(e.date.as_deref()),
                p(e.is_root),
                p(e.mentions),
                p(&e.text),
            ];
            db.execute(&self.event, checked(&EVENTS, &values)?)?;
        }
        Ok(())
    }
}

/// The values, when there is one for each column the table's INSERT names.
pub(crate) fn checked<'v, 'a>(
    table: &Table,
    values: &'v [Param<'a>],
) -> Result<&'v [Param<'a>], StoreError> {
    if values.len() == table.arity() {
        Ok(values)
    } else {
        Err(StoreError::Unsupported(format!(
            "{} values for the {} columns of `{}`",
            values.len(),
            table.arity(),
            table.name
        )))
    }
}
