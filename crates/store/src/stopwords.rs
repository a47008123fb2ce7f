//! English function words, ignored when choosing an article's distinctive terms. They come from
//! the `en` profile of `data/stopwords.tsv` (the list language identification uses too).

use std::collections::HashSet;
use std::sync::OnceLock;

const PROFILES: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/stopwords.tsv"
));

pub fn is_stopword(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        PROFILES
            .lines()
            .filter_map(|l| l.strip_prefix("en\t"))
            .flat_map(|words| words.split('|'))
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .collect()
    })
    .contains(word)
}

#[cfg(test)]
mod tests {
    #[test]
    fn english_function_words_are_known() {
        assert!(super::is_stopword("the"));
        assert!(!super::is_stopword("truce"));
    }
}
