//! The hash maps of this crate's compiled word tables. The tables themselves are built from
//! the knowledge layer (`newsgraph-knowledge`) by each stage's constructor, once, when the
//! pipeline is built; a test can build a stage over a small knowledge set of its own.

// The project's one fast hasher (newsgraph_model::hash): the lexicons are looked up once per
// word with short keys, where SipHash costs more than the rest of a stage.
/// A hash map keyed by lexicon words, with the fast hasher.
pub type WordMap<K, V> = newsgraph_model::hash::FastMap<K, V>;
/// A hash set of lexicon words, with the fast hasher.
pub type WordSet<K> = newsgraph_model::hash::FastSet<K>;
