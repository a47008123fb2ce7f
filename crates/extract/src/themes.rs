//! The `themes` stage: which themes of the taxonomy in `data/themes.tsv` an article touches,
//! with every phrase that shows it.
//!
//! All phrases of all themes are compiled once into one Aho-Corasick automaton (ASCII
//! case-insensitive, leftmost-longest), so the stage is a single pass over the text whatever
//! the size of the taxonomy. A match counts only at word boundaries; a plural "s"/"es" right
//! after a phrase is part of the match. Themes come out in the order of their first evidence.

use crate::lexicon::WordMap;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use newsgraph_knowledge::{Knowledge, KnowledgeError};
use newsgraph_model::{Document, Layer, Span, Stage, StageError, Theme};

/// The compiled taxonomy.
pub struct Taxonomy {
    /// Theme codes, in file order.
    pub codes: Vec<&'static str>,
    /// For each automaton pattern, the themes (indices into `codes`) it shows.
    themes_of: Vec<Vec<usize>>,
    matcher: Option<AhoCorasick>,
}

impl Taxonomy {
    /// The taxonomy of `k`'s `themes.tsv`, compiled.
    pub fn new(k: &Knowledge) -> Result<Taxonomy, KnowledgeError> {
        let mut codes = Vec::new();
        let mut pattern_of: WordMap<&'static str, usize> = WordMap::default();
        let mut patterns: Vec<&'static str> = Vec::new();
        let mut themes_of: Vec<Vec<usize>> = Vec::new();
        for row in k.themes()? {
            let theme = codes.len();
            codes.push(row.code);
            for phrase in row.phrases() {
                let id = *pattern_of.entry(phrase).or_insert_with(|| {
                    patterns.push(phrase);
                    themes_of.push(Vec::new());
                    patterns.len() - 1
                });
                if !themes_of[id].contains(&theme) {
                    themes_of[id].push(theme);
                }
            }
        }
        // The patterns are our own, valid file; should the build still fail, the stage finds
        // no themes rather than stopping the engine.
        let matcher = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            // A full DFA: a few MB once, and one table look-up per byte of every article.
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .ok();
        Ok(Taxonomy {
            codes,
            themes_of,
            matcher,
        })
    }
}

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// The themes of a text with their evidence spans.
pub fn themes_of(text: &str, tax: &Taxonomy) -> Vec<Theme> {
    let Some(matcher) = tax.matcher.as_ref() else {
        return Vec::new();
    };
    let mut order: Vec<usize> = Vec::new();
    let mut evidence: WordMap<usize, Vec<Span>> = WordMap::default();
    for m in matcher.find_iter(text) {
        if is_word_char(text[..m.start()].chars().next_back()) {
            continue;
        }
        let rest = &text[m.end()..];
        let suffix = if rest.starts_with("es") && !is_word_char(rest[2..].chars().next()) {
            2
        } else if rest.starts_with('s') && !is_word_char(rest[1..].chars().next()) {
            1
        } else if !is_word_char(rest.chars().next()) {
            0
        } else {
            continue;
        };
        let span = Span::new(m.start(), m.end() + suffix);
        for &theme in &tax.themes_of[m.pattern().as_usize()] {
            let spans = evidence.entry(theme).or_default();
            if spans.is_empty() {
                order.push(theme);
            }
            spans.push(span);
        }
    }
    order
        .into_iter()
        .map(|t| Theme {
            code: tax.codes[t].to_string(),
            evidence: evidence.remove(&t).unwrap_or_default(),
        })
        .collect()
}

/// The `themes` stage.
pub struct Themes {
    taxonomy: Taxonomy,
}

impl Themes {
    /// The stage, with the taxonomy of `k`.
    pub fn new(k: &Knowledge) -> Result<Themes, KnowledgeError> {
        Ok(Themes {
            taxonomy: Taxonomy::new(k)?,
        })
    }
}

impl Stage for Themes {
    fn name(&self) -> &'static str {
        "themes"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Text]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Themes]
    }
    fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        doc.themes = themes_of(&doc.text, &self.taxonomy);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::golden::render;

    fn taxonomy() -> Taxonomy {
        Taxonomy::new(Knowledge::embedded()).expect("embedded themes.tsv")
    }

    fn themes_of(text: &str) -> Vec<Theme> {
        super::themes_of(text, &taxonomy())
    }

    /// The text with each theme's evidence marked `[words](CODE|CODE)`.
    fn check(text: &str, expect: &str) {
        let mut by_span: Vec<(Span, String)> = Vec::new();
        for theme in themes_of(text) {
            for span in theme.evidence {
                match by_span.iter_mut().find(|(s, _)| *s == span) {
                    Some((_, label)) => {
                        label.push('|');
                        label.push_str(&theme.code);
                    }
                    None => by_span.push((span, theme.code.clone())),
                }
            }
        }
        assert_eq!(render(text, &by_span), expect);
    }

    #[test]
    fn phrases_match_whole_words_with_plurals() {
        check(
            "The truce held as ceasefires spread; a Cease-Fire in Aleppo.",
            "The [truce](CEASEFIRE) held as [ceasefires](CEASEFIRE) spread; a [Cease-Fire](CEASEFIRE) in Aleppo.",
        );
        check(
            "Protestant leaders rewarded the pro-war crowd.",
            "Protestant [leaders](LEADER) rewarded the pro-[war](ARMEDCONFLICT) crowd.",
        );
    }

    #[test]
    fn longest_phrase_wins_and_may_carry_several_themes() {
        check(
            "A suicide bomber struck; hackers hit the Democratic party's servers.",
            "A [suicide bomber](SUICIDE_ATTACK) struck; [hackers](CYBER_ATTACK) hit the Democratic party's servers.",
        );
        let themes = themes_of("The death toll rose.");
        let codes: Vec<&str> = themes.iter().map(|t| t.code.as_str()).collect();
        assert_eq!(codes, ["KILL", "CASUALTIES"]);
    }

    #[test]
    fn counts_each_evidence() {
        let themes = themes_of("Sanctions, more sanctions, and an embargo.");
        assert_eq!(themes.len(), 1);
        assert_eq!(
            (themes[0].code.as_str(), themes[0].evidence.len()),
            ("SANCTIONS", 3)
        );
    }

    #[test]
    fn taxonomy_is_large_unique_and_lower_case() {
        let tax = taxonomy();
        assert!(tax.codes.len() >= 100, "only {} themes", tax.codes.len());
        let mut codes = tax.codes.clone();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), tax.codes.len(), "duplicate theme code");
        for row in Knowledge::embedded().themes().expect("embedded themes.tsv") {
            for phrase in row.phrases() {
                assert_eq!(
                    phrase,
                    phrase.to_lowercase(),
                    "phrases must be lower-case: {}",
                    row.code
                );
            }
        }
        assert!(tax.matcher.is_some());
    }
}
