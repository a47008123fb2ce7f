//! The schema version (`meta.schema_version`) and the steps that bring an older store up to it.
//!
//! Versions:
//! 1. The first releases: no version row; `articles.features` held JSON; no `toll` table.
//! 2. `features` as a binary blob (`ArticleFeatures::to_bytes`); the `toll` table; the same
//!    indexes in both backends (case-insensitive entity names index `lower(name)`).
//! 3. `articles.added` (when each article was stored, for `export --since`); the tables of
//!    `newsgraph watch` (`watch_feeds`, `watch_pages`, `watch_cycles`), created as new tables.
//! 4. `global_events.place`, and the indexes that find the global event a report joins
//!    (`events.rs`): reports merge within a story and a few days, or at one place on one day,
//!    no longer on a key. Stories and events stored before keep the links they were given;
//!    `newsgraph relink` links them again by the new rules.
//!
//! Opening a store reads its version. The current version opens as it is; an older one is
//! migrated in one transaction (all or nothing, one process at a time); a newer one, or a
//! database whose tables are not a newsgraph store's, is refused with a message that says so.
//! To change the layout: change `schema.rs`, raise [`CURRENT`], add a step to [`STEPS`] (written
//! in the SQL both engines share, through [`Db`]), and add a fixture of the old layout to
//! `tests/migrate.rs`.

use super::schema::{self, TOLL};
use super::{p, Db, Dialect, Param};
use crate::{ArticleFeatures, StoreError};

/// The layout this build writes.
pub const CURRENT: u32 = 4;

/// One migration step, run inside the schema transaction.
type Step = fn(&dyn Db) -> Result<(), StoreError>;

/// `STEPS[i]` migrates version `i + 1` to `i + 2`.
const STEPS: &[Step] = &[v1_to_v2, v2_to_v3, v3_to_v4];

/// Rows read per round while a step rewrites a table, so memory stays flat on a large store.
const PAGE: i64 = 1000;

/// Create the schema of an empty database, migrate an older one, or refuse one this build
/// cannot read. `place` names the store in messages. Returns the version the store had (None
/// when it was empty).
pub(crate) fn prepare(db: &dyn Db, place: &str) -> Result<Option<u32>, StoreError> {
    // The common case, a store of this version, takes no write lock.
    let found = version(db, place)?;
    if found == Some(CURRENT) {
        return Ok(found);
    }
    db.script(db.dialect().begin_schema())?;
    let result = version(db, place).and_then(|found| upgrade(db, place, found).map(|()| found));
    match result {
        Ok(found) => {
            db.script("COMMIT")?;
            Ok(found)
        }
        Err(e) => {
            let _ = db.script("ROLLBACK");
            Err(e)
        }
    }
}

fn upgrade(db: &dyn Db, place: &str, found: Option<u32>) -> Result<(), StoreError> {
    match found {
        Some(v) if v == CURRENT => return Ok(()),
        Some(v) if v > CURRENT => {
            return Err(StoreError::Schema(format!(
            "the store `{place}` has schema version {v}, written by a newer newsgraph; this one \
                 reads versions up to {CURRENT}: use a newer newsgraph"
        )))
        }
        Some(v) => {
            for step in STEPS.iter().skip(v as usize - 1) {
                step(db)?;
            }
        }
        None => {}
    }
    db.script(&schema::create_all(db.dialect()))?;
    db.execute(
        "INSERT INTO meta (key, value) VALUES ('schema_version', ?) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        &[p(CURRENT.to_string())],
    )?;
    Ok(())
}

fn table_exists(db: &dyn Db, name: &str) -> Result<bool, StoreError> {
    Ok(db.count(db.dialect().table_exists(), &[p(name)])? > 0)
}

/// The store's version: from `meta`, else 1 when it holds newsgraph's articles table (the
/// releases before versions), else None (an empty database).
fn version(db: &dyn Db, place: &str) -> Result<Option<u32>, StoreError> {
    if table_exists(db, "meta")? {
        if let Some(mut row) =
            db.first("SELECT value FROM meta WHERE key = 'schema_version'", &[])?
        {
            let value: String = row.get(0)?;
            return value.trim().parse().map(Some).map_err(|_| {
                StoreError::Schema(format!(
                    "the store `{place}` has schema version `{value}`, which is not a number"
                ))
            });
        }
    }
    if !table_exists(db, "articles")? {
        return Ok(None);
    }
    // Version 1 had these columns; a table without them is someone else's.
    db.first(
        "SELECT id, story, duplicate_of, text, record, features FROM articles LIMIT 1",
        &[],
    )
    .map_err(|e| {
        StoreError::Schema(format!(
            "`{place}` holds an `articles` table that is not a newsgraph store's ({e}); \
             give --db a new file or database"
        ))
    })?;
    Ok(Some(1))
}

/// 1 → 2: features from JSON to the binary blob; the `toll` table, filled from the stored
/// records; entity names indexed case-insensitively in both backends.
fn v1_to_v2(db: &dyn Db) -> Result<(), StoreError> {
    let blob = match db.dialect() {
        Dialect::Sqlite => "BLOB",
        Dialect::Postgres => "BYTEA",
    };
    db.script(&format!(
        "ALTER TABLE articles RENAME COLUMN features TO features_json;\n\
         ALTER TABLE articles ADD COLUMN features {blob};\n\
         DROP INDEX IF EXISTS entities_name;\n"
    ))?;
    // The table as version 2 defined it (a later version changing `toll` migrates from this).
    db.script(&TOLL.create(db.dialect()))?;
    let insert_toll = TOLL.insert();
    let mut after = i64::MIN;
    loop {
        let rows = db.rows(
            "SELECT rowid, id, features_json, record FROM articles WHERE rowid > ? ORDER BY rowid LIMIT ?",
            &[p(after), p(PAGE)],
        )?;
        if rows.is_empty() {
            break;
        }
        for mut row in rows {
            let rowid: i64 = row.get(0)?;
            let id: String = row.get(1)?;
            let json: String = row.get(2)?;
            let record: String = row.get(3)?;
            after = rowid;
            let features: ArticleFeatures = serde_json::from_str(&json)
                .map_err(|e| StoreError::Corrupt(format!("features of {id}: {e}")))?;
            db.execute(
                "UPDATE articles SET features = ? WHERE rowid = ?",
                &[Param::Blob(&features.to_bytes()), p(rowid)],
            )?;
            for (kind, number, approximate) in toll_of(&record) {
                db.execute(&insert_toll, &[p(&id), p(kind), p(number), p(approximate)])?;
            }
        }
    }
    db.script("ALTER TABLE articles DROP COLUMN features_json")
}

/// 2 → 3: when each article was stored. Articles stored before keep a null `added` (the time
/// is lost); the watch tables are new, created after the steps.
fn v2_to_v3(db: &dyn Db) -> Result<(), StoreError> {
    db.script("ALTER TABLE articles ADD COLUMN added TEXT")
}

/// 3 → 4: the place of each global event, from its first report.
fn v3_to_v4(db: &dyn Db) -> Result<(), StoreError> {
    db.script("ALTER TABLE global_events ADD COLUMN place TEXT")?;
    let mut after = i64::MIN;
    loop {
        let rows = db.rows(
            "SELECT g.id, e.location, e.country FROM global_events g JOIN events e \
             ON e.global_id = g.id AND e.article_id = g.first_article \
             WHERE g.id > ? ORDER BY g.id, e.idx LIMIT ?",
            &[p(after), p(PAGE)],
        )?;
        if rows.is_empty() {
            return Ok(());
        }
        for mut row in rows {
            let id: i64 = row.get(0)?;
            if id == after {
                continue; // a later report of the same event in its first article
            }
            after = id;
            let location: Option<String> = row.get(1)?;
            let country: Option<String> = row.get(2)?;
            if let Some(name) = location {
                db.execute(
                    "UPDATE global_events SET place = ? WHERE id = ?",
                    &[
                        p(crate::events::place_key(&name, country.as_deref())),
                        p(id),
                    ],
                )?;
            }
        }
    }
}

/// The `toll[]` of a stored record's JSON: (type, number, approximate) of each figure. Read
/// loosely, so a record of any version gives what it has.
fn toll_of(record: &str) -> Vec<(String, i64, bool)> {
    let value: serde_json::Value = serde_json::from_str(record).unwrap_or_default();
    let Some(toll) = value.get("toll").and_then(|t| t.as_array()) else {
        return Vec::new();
    };
    toll.iter()
        .filter_map(|t| {
            Some((
                t.get("type")?.as_str()?.to_string(),
                t.get("number")?.as_i64()?,
                t.get("approximate")
                    .and_then(|a| a.as_bool())
                    .unwrap_or(false),
            ))
        })
        .collect()
}
