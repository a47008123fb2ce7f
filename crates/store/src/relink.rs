//! Linking a stored archive again, by the current rules (`newsgraph relink`): every article, in
//! ingest order, goes through a new [`Linker`]; its story, the copy it is of and its features
//! are rewritten, and stories and global events are rebuilt from the new links. Records (and
//! every layer table) stay as they are. One transaction: a relink that fails changes nothing.

use crate::sql::{p, Param};
use crate::write::Writer;
use crate::{Linked, Linker, LinkerConfig, Store, StoreError};
use newsgraph_model::Record;

/// The meta key of the version of the linking rules a store's links were made by.
pub(crate) const RULES_KEY: &str = "linker_rules";

/// What a relink changed.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Relinked {
    pub articles: u64,
    /// Articles whose story changed.
    pub moved: u64,
    pub stories_before: u64,
    pub stories_after: u64,
    pub global_events_before: u64,
    pub global_events_after: u64,
}

impl Store {
    /// Whether the store's links were made by older linking rules than this build's (a store
    /// written before, and not relinked since).
    pub fn linked_by_older_rules(&self) -> Result<bool, StoreError> {
        let rules = self.rules()?.unwrap_or(0);
        Ok(rules < crate::link::RULES && self.db.count("SELECT count(*) FROM articles", &[])? > 0)
    }

    /// The version of the linking rules recorded in the store, if any.
    pub(crate) fn rules(&self) -> Result<Option<u32>, StoreError> {
        let row = self.db.first(
            &format!("SELECT value FROM meta WHERE key = '{RULES_KEY}'"),
            &[],
        )?;
        match row {
            Some(mut row) => Ok(Some(row.get::<String>(0)?.parse().unwrap_or(0))),
            None => Ok(None),
        }
    }

    /// Record that the store's links follow this build's rules.
    pub(crate) fn mark_rules(&self) -> Result<(), StoreError> {
        self.db.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            &[p(RULES_KEY), p(crate::link::RULES.to_string())],
        )?;
        Ok(())
    }

    /// Link every stored article again with a new linker of `config` (see the module doc).
    /// `progress` is told how many articles have been linked, now and then.
    pub fn relink(
        &mut self,
        config: LinkerConfig,
        progress: &mut dyn FnMut(u64),
    ) -> Result<Relinked, StoreError> {
        let stories_before = self.db.count("SELECT count(*) FROM stories", &[])?;
        let global_events_before = self.db.count("SELECT count(*) FROM global_events", &[])?;
        // First every link, reading records; then every write, in one transaction (a backend
        // streaming rows cannot be written to meanwhile). Only what the writes need is kept.
        let mut linker = Linker::with_config(config);
        let mut linked: Vec<(Linked, bool)> = Vec::new();
        self.db.each(
            "SELECT record, story FROM articles ORDER BY rowid",
            &[],
            &mut |mut row| {
                let json: String = row.get(0)?;
                let old_story: String = row.get(1)?;
                let record: Record =
                    serde_json::from_str(&json).map_err(|e| StoreError::Corrupt(e.to_string()))?;
                let (links, features) = linker.link(&record);
                let moved = links.story != old_story;
                // What the writes read: id, title, dates, outlet and events.
                let record = Record {
                    text: String::new(),
                    removed: Vec::new(),
                    entities: Vec::new(),
                    quotes: Vec::new(),
                    counts: Vec::new(),
                    toll: Vec::new(),
                    dates: Vec::new(),
                    themes: Vec::new(),
                    diagnostics: Vec::new(),
                    ..record
                };
                linked.push((
                    Linked {
                        record,
                        links,
                        features,
                    },
                    moved,
                ));
                if linked.len().is_multiple_of(1000) {
                    progress(linked.len() as u64);
                }
                Ok(())
            },
        )?;
        progress(linked.len() as u64);
        let writer = Writer::new(newsgraph_time::utc_text(newsgraph_time::now_unix()));
        self.db.transaction(|db| {
            db.script("DELETE FROM events; DELETE FROM global_events; DELETE FROM stories;")?;
            for (l, _) in &linked {
                let features = l.features.to_bytes();
                db.execute(
                    "UPDATE articles SET story = ?, duplicate_of = ?, features = ? WHERE id = ?",
                    &[
                        p(&l.links.story),
                        p(l.links.duplicate_of.as_deref()),
                        Param::Blob(&features),
                        p(&l.record.id),
                    ],
                )?;
                writer.story(db, l)?;
                writer.events(db, l)?;
            }
            Ok(())
        })?;
        self.mark_rules()?;
        Ok(Relinked {
            articles: linked.len() as u64,
            moved: linked.iter().filter(|(_, moved)| *moved).count() as u64,
            stories_before,
            stories_after: self.db.count("SELECT count(*) FROM stories", &[])?,
            global_events_before,
            global_events_after: self.db.count("SELECT count(*) FROM global_events", &[])?,
        })
    }
}
