//! English function words (from `data/stopwords-en.txt`), ignored when choosing an article's
//! distinctive terms.

use std::collections::HashSet;
use std::sync::OnceLock;

const LIST: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/stopwords-en.txt"
));

pub fn is_stopword(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        LIST.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
    .contains(word)
}
