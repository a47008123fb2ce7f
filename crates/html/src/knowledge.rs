//! What the html readers know, compiled once from the knowledge layer: month names
//! (`months.tsv`), date marks and digit systems (`date-words.tsv`), class and id hints
//! (`html_class_hints.tsv`) and named character references (`html_entities.tsv`).
//!
//! The `html` stage builds one in its constructor ([`crate::stages`]); the readers that are no
//! stage (feeds, sitemaps) take one from their caller. A parsed [`crate::dom::Dom`] keeps a
//! handle on the knowledge it was parsed with, so everything that reads a page reaches it.

use crate::date::DateWords;
use crate::extract::ClassHints;
use newsgraph_knowledge::{Knowledge, KnowledgeError};
use std::collections::HashMap;
use std::sync::Arc;

/// The html readers' tables.
pub struct HtmlKnowledge {
    /// Month names of every language -> month.
    pub(crate) months: HashMap<&'static str, u8>,
    pub(crate) date_words: DateWords,
    pub(crate) class_hints: ClassHints,
    /// Named character references (with and without their `;`) -> text.
    pub(crate) entities: HashMap<&'static str, String>,
}

impl HtmlKnowledge {
    /// The tables of `k`, compiled.
    pub fn new(k: &Knowledge) -> Result<Arc<HtmlKnowledge>, KnowledgeError> {
        // A name two languages share keeps the month of the first row that lists it.
        let mut months = HashMap::new();
        for row in k.months()? {
            for name in row.names() {
                months.entry(name).or_insert(row.month);
            }
        }
        let entities = k
            .html_entities()?
            .iter()
            .map(|e| (e.name, e.value.clone()))
            .collect();
        Ok(Arc::new(HtmlKnowledge {
            months,
            date_words: DateWords::new(k.date_words()?),
            class_hints: ClassHints::new(k.html_class_hints()?),
            entities,
        }))
    }

    /// The tables of the embedded knowledge files ([`Knowledge::embedded`]), compiled anew: a
    /// reader that is no stage (a feed file, a watched listing) builds one and keeps it.
    pub fn embedded() -> Result<Arc<HtmlKnowledge>, KnowledgeError> {
        HtmlKnowledge::new(Knowledge::embedded())
    }
}

impl std::fmt::Debug for HtmlKnowledge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HtmlKnowledge")
            .field("months", &self.months.len())
            .field("entities", &self.entities.len())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
pub(crate) fn embedded() -> Arc<HtmlKnowledge> {
    HtmlKnowledge::embedded().expect("embedded knowledge files")
}
