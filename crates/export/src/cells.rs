//! Making text safe for a GDELT cell: the tables are tab-separated with one record per line, and
//! multi-value cells nest their own delimiters (`;` between blocks, `#` or `,` or `|` inside),
//! so free text loses those characters rather than breaking the columns.

/// Free text for a top-level cell: tabs and line breaks become spaces.
pub fn cell(text: &str) -> String {
    squash(text, &[])
}

/// Free text inside a multi-value cell: also drops the delimiters of that cell.
pub fn part(text: &str, delimiters: &[char]) -> String {
    squash(text, delimiters)
}

fn squash(text: &str, delimiters: &[char]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() || c.is_control() || delimiters.contains(&c) {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// A number as GDELT prints it: no trailing zeros beyond what is needed, empty when unknown.
pub fn num(value: Option<f64>, decimals: usize) -> String {
    match value {
        Some(v) if v.is_finite() => {
            let s = format!("{v:.decimals$}");
            if s.contains('.') {
                s.trim_end_matches('0').trim_end_matches('.').to_string()
            } else {
                s
            }
        }
        _ => String::new(),
    }
}

/// The code-point offset of the first occurrence of `needle` in `text` (at or after byte
/// `from`), for fields the record gives as text only (counts, event sentences).
pub fn char_offset(text: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    let byte = text.find(needle)?;
    Some(text[..byte].chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters_and_breaks_become_single_spaces() {
        assert_eq!(cell("a\tb\n\nc "), "a b c");
        assert_eq!(part("Smith; Jones#1", &[';', '#']), "Smith Jones 1");
        assert_eq!(num(Some(-2.50), 4), "-2.5");
        assert_eq!(num(Some(3.0), 1), "3");
        assert_eq!(num(None, 1), "");
        assert_eq!(char_offset("é a b", "b"), Some(4));
    }
}
