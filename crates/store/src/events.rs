//! Which reports are one happening: the deduplicated `global_events` behind GDELT's NumMentions,
//! NumArticles and NumSources. An event an article reports joins an earlier global event
//! - of the same story, with the same actors and CAMEO code, dated within
//!   [`EVENT_WINDOW_DAYS`] of it (the day a report gives may be a day off: "yesterday" read
//!   against another publication date), or
//! - of any story, with the same actors and CAMEO root, at the same place on the same day;
//!
//! else it starts a global event of its own. An event without a date (nor its article) never
//! joins another. Since a story spans a few weeks of one happening, counts are reports of one
//! happening, not of every remark between the same two actors in a year of coverage.
//!
//! With PostgreSQL, two writers storing reports of one event at the same moment may each start
//! it (the lookup and the insert are not one statement); ingest by one writer is exact.

use crate::link::{date_of, day_number};
use crate::sql::schema::GLOBAL_EVENTS;
use crate::sql::{p, Db};
use crate::write::checked;
use crate::{Linked, StoreError};
use newsgraph_model::record::EventOut;

/// Days apart that two reports of one story may date the same happening.
pub const EVENT_WINDOW_DAYS: i64 = 1;

/// The place of an event as `global_events.place` keeps it: name and country, lower-cased.
pub(crate) fn place_key(name: &str, country: Option<&str>) -> String {
    format!("{name}|{}", country.unwrap_or("")).to_ascii_lowercase()
}

/// The global event that report `idx` of the article joins (its counts raised), or the one it
/// starts; its id. `insert` is the global event INSERT ... RETURNING id.
pub(crate) fn merge(
    db: &dyn Db,
    insert: &str,
    linked: &Linked,
    idx: usize,
    e: &EventOut,
) -> Result<i64, StoreError> {
    let r = &linked.record;
    let src = e.source.as_ref().map(|a| a.code.as_str());
    let tgt = e.target.as_ref().map(|a| a.code.as_str());
    let date = e.date.as_deref().or(r.published.as_deref());
    let place = e
        .location
        .as_ref()
        .map(|l| place_key(&l.name, l.country.as_deref()));
    let found = match date.and_then(day_number) {
        Some(day) => same_story(db, &linked.links.story, src, tgt, &e.code, day)?.map_or_else(
            || match (&place, src.is_some() || tgt.is_some()) {
                (Some(place), true) => same_place(db, src, tgt, &e.root, date, place),
                _ => Ok(None),
            },
            |g| Ok(Some(g)),
        )?,
        None => None,
    };
    let Some(global) = found else {
        let values = [
            p(format!("{}#{idx}", r.id)),
            p(src),
            p(tgt),
            p(&e.code),
            p(&e.root),
            p(date),
            p(&linked.links.story),
            p(&r.id),
            p(e.mentions),
            p(1i64),
            p(1i64),
            p(place),
        ];
        let Some(mut row) = db.first(insert, checked(&GLOBAL_EVENTS, &values)?)? else {
            return Err(StoreError::Corrupt("an event insert returned no id".into()));
        };
        return row.get(0);
    };
    // A second report of the event in the same article is a mention, not another article; an
    // outlet already counted is not another source.
    let article_is_new = db
        .first(
            "SELECT 1 FROM events WHERE global_id = ? AND article_id = ? LIMIT 1",
            &[p(global), p(&r.id)],
        )?
        .is_none();
    let outlet_is_new = article_is_new
        && db
            .first(
                "SELECT 1 FROM events e JOIN articles a ON a.id = e.article_id \
                 WHERE e.global_id = ? AND a.source IS NOT DISTINCT FROM ? LIMIT 1",
                &[p(global), p(r.source.as_deref())],
            )?
            .is_none();
    db.execute(
        "UPDATE global_events SET mentions = mentions + ?, articles = articles + ?, \
         sources = sources + ? WHERE id = ?",
        &[
            p(e.mentions),
            p(i64::from(article_is_new)),
            p(i64::from(outlet_is_new)),
            p(global),
        ],
    )?;
    Ok(global)
}

/// The global event of the story with these actors and code, dated closest to `day` within
/// the window (the earliest of equals).
fn same_story(
    db: &dyn Db,
    story: &str,
    src: Option<&str>,
    tgt: Option<&str>,
    code: &str,
    day: i64,
) -> Result<Option<i64>, StoreError> {
    let mut sql = String::from(
        "SELECT id, date FROM global_events WHERE story = ? AND code = ? \
         AND source_code IS NOT DISTINCT FROM ? AND target_code IS NOT DISTINCT FROM ? AND date IN (",
    );
    let mut args = vec![p(story), p(code), p(src), p(tgt)];
    for d in day - EVENT_WINDOW_DAYS..=day + EVENT_WINDOW_DAYS {
        sql.push_str(if d == day - EVENT_WINDOW_DAYS {
            "?"
        } else {
            ", ?"
        });
        args.push(p(date_of(d)));
    }
    sql.push_str(") ORDER BY id");
    let mut best: Option<(i64, i64)> = None;
    for mut row in db.rows(&sql, &args)? {
        let id: i64 = row.get(0)?;
        let date: String = row.get(1)?;
        let gap = day_number(&date).map_or(i64::MAX, |d| (d - day).abs());
        if best.is_none_or(|(_, g)| gap < g) {
            best = Some((id, gap));
        }
    }
    Ok(best.map(|(id, _)| id))
}

/// The earliest global event of any story with these actors and root, at `place` on `date`.
fn same_place(
    db: &dyn Db,
    src: Option<&str>,
    tgt: Option<&str>,
    root: &str,
    date: Option<&str>,
    place: &str,
) -> Result<Option<i64>, StoreError> {
    let row = db.first(
        "SELECT id FROM global_events WHERE date = ? AND place = ? AND root = ? \
         AND source_code IS NOT DISTINCT FROM ? AND target_code IS NOT DISTINCT FROM ? \
         ORDER BY id LIMIT 1",
        &[p(date), p(place), p(root), p(src), p(tgt)],
    )?;
    row.map(|mut r| r.get(0)).transpose()
}
