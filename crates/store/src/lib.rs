//! The embedded store, cross-article linking (duplicates, stories) and search.
