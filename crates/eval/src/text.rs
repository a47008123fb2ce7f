//! Word tokens and text folding shared by the scorers.
//!
//! Every scorer that compares words uses [`words`]: maximal runs of Unicode letters, digits and
//! underscores, the `\w+` tokenizer of the ScrapingHub article-extraction benchmark. Punctuation
//! and quotation marks therefore never decide a match, and "don't" is the two tokens "don", "t"
//! on both sides alike.

/// A character that belongs to a word token (Python's `\w`, near enough).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The word tokens of `text`, in order, as slices of it.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
}

/// The lower-cased word tokens of `text`.
pub fn lower_words(text: &str) -> Vec<String> {
    words(text).map(str::to_lowercase).collect()
}

/// `text` with every run of white space made one space and the ends trimmed.
pub fn fold_space(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for part in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

/// [`fold_space`] and lower case: the folding used to compare titles.
pub fn fold_case_space(text: &str) -> String {
    fold_space(&text.to_lowercase())
}

/// The code points `start..end` of `text` (the offsets of the output contract), if in range.
pub fn char_slice(text: &str, start: usize, end: usize) -> Option<&str> {
    if start > end {
        return None;
    }
    let mut indices = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()));
    let from = indices.nth(start)?;
    let to = if end == start {
        from
    } else {
        indices.nth(end - start - 1)?
    };
    text.get(from..to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_on_punctuation_and_keep_unicode_letters() {
        let got: Vec<&str> =
            words("Don't panic, São Paulo's mayor said: \"no_way\" 3.5%").collect();
        assert_eq!(
            got,
            ["Don", "t", "panic", "São", "Paulo", "s", "mayor", "said", "no_way", "3", "5"]
        );
        assert_eq!(words("  -- ").count(), 0);
    }

    #[test]
    fn folding_collapses_space_and_case() {
        assert_eq!(fold_space("  a \n\t b  "), "a b");
        assert_eq!(fold_case_space(" The  EU\nSummit "), "the eu summit");
    }

    #[test]
    fn char_slice_counts_code_points() {
        let text = "Zürich is in Switzerland";
        assert_eq!(char_slice(text, 0, 6), Some("Zürich"));
        assert_eq!(char_slice(text, 13, 24), Some("Switzerland"));
        assert_eq!(char_slice(text, 3, 3), Some(""));
        assert_eq!(char_slice(text, 20, 30), None);
        assert_eq!(char_slice(text, 5, 2), None);
    }
}
