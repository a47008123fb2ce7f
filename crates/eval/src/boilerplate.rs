//! `boilerplate`: share of the listed site-furniture lines that the output `text` left out.
//!
//! A line counts as present when, white space folded on both sides, it occurs in the output text
//! with no word character glued to either end: "Share" is present in "Share\n\nRain fell" but
//! not in "Shareholders met". Case is kept. An error output counts every line as present
//! (all wrong); the share is summed over the lines of the whole set.

use crate::text::{fold_space, is_word_char};

/// Whether `line` occurs in `text` as a whole-word run (both already white-space folded).
fn occurs(line: &str, text: &str) -> bool {
    if line.is_empty() {
        return false;
    }
    text.match_indices(line).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + line.len()..].chars().next();
        let glued = |c: Option<char>, edge: Option<char>| {
            c.is_some_and(is_word_char) && edge.is_some_and(is_word_char)
        };
        !glued(before, line.chars().next()) && !glued(after, line.chars().next_back())
    })
}

/// How many of `lines` are absent from the output `text`.
pub fn absent_lines(lines: &[String], text: &str) -> usize {
    let text = fold_space(text);
    lines
        .iter()
        .filter(|line| !occurs(&fold_space(line), &text))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn lines_must_occur_as_whole_words() {
        let text =
            "Share\n\nRain fell on Lisbon. Shareholders met.\n\nRead more: Floods  in\nPorto";
        let listed = lines(&[
            "Share",
            "Advertisement",
            "Read more: Floods in Porto",
            "holders",
        ]);
        // "Share" and the related headline are present; the other two are absent.
        assert_eq!(absent_lines(&listed, text), 2);
    }

    #[test]
    fn punctuation_edges_and_empty_sides() {
        assert_eq!(
            absent_lines(&lines(&["(AP) —"]), "Porto (AP) — Rain fell"),
            0
        );
        assert_eq!(absent_lines(&lines(&["Share", "Menu"]), ""), 2);
        assert_eq!(absent_lines(&[], "anything"), 0);
        // A blank listed line is never "present".
        assert_eq!(absent_lines(&lines(&["  "]), "text"), 1);
    }
}
