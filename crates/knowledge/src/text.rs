//! The text stages' files: `abbreviations.tsv` (periods that end no sentence), `furniture.tsv`
//! (lines that are site furniture) and `stopwords.tsv` (language profiles; the `en` profile is
//! also the English function words other stages read).

use crate::gazetteer::non_empty;
use crate::tsv::{list, read, KnowledgeError};

/// What a period after an abbreviation means for sentence splitting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AbbrevKind {
    /// Never ends a sentence ("Mr.", "Gen.").
    Title,
    /// No break before a number ("Sept. 5").
    Month,
    /// No break before a number ("No. 1").
    Number,
    /// Breaks only before a common sentence opener ("Inc.", "U.S.").
    Other,
}

/// A row of `abbreviations.tsv`: the word without its period, and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Abbreviation {
    pub word: &'static str,
    pub kind: AbbrevKind,
}

pub(crate) fn abbreviations(
    file: &'static str,
    text: &'static str,
) -> Result<Vec<Abbreviation>, KnowledgeError> {
    read(file, text, |row| {
        let [word, kind] = row.cells(2)?;
        non_empty(&row, word, "abbreviation")?;
        let kind = match kind {
            "title" => AbbrevKind::Title,
            "month" => AbbrevKind::Month,
            "number" => AbbrevKind::Number,
            "other" => AbbrevKind::Other,
            other => return Err(row.unknown("kind", other)),
        };
        Ok(Abbreviation { word, kind })
    })
}

/// How a furniture pattern must sit in a line to fire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleKind {
    Exact,
    /// Exact, and the headline list that follows goes too.
    Section,
    Prefix,
    Suffix,
    Contains,
    /// Among the last few words of the line.
    Tail,
    /// A lead label ending in a colon ("Read more:"): at a line's start like `Prefix`; inside
    /// a line it takes the headline after it.
    Label,
    /// A social network's name (the pattern, lower case): three in a row are a share bar.
    Network,
    /// A word that stands between network names in a share bar ("permalink").
    Share,
    /// A function word that, capitalised before a lower-case word, opens a sentence ("the").
    Opener,
}

/// A row of `furniture.tsv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FurnitureRule {
    pub kind: RuleKind,
    pub reason: &'static str,
    /// The longest line (in words) the rule fires on; `usize::MAX` for `-` (no limit).
    pub max_words: usize,
    /// What a matcher looks for (the part before " * ").
    pub pattern: &'static str,
    /// "A * B": B must also occur after A (ASCII-case-insensitively).
    pub and_then: Option<&'static str>,
    /// Written in capitals: must match in capitals.
    pub case_sensitive: bool,
}

pub(crate) fn furniture(
    file: &'static str,
    text: &'static str,
) -> Result<Vec<FurnitureRule>, KnowledgeError> {
    read(file, text, |row| {
        let [kind, reason, max_words, pattern] = row.cells(4)?;
        let kind = match kind {
            "exact" => RuleKind::Exact,
            "section" => RuleKind::Section,
            "prefix" => RuleKind::Prefix,
            "suffix" => RuleKind::Suffix,
            "contains" => RuleKind::Contains,
            "tail" => RuleKind::Tail,
            "label" => RuleKind::Label,
            "network" => RuleKind::Network,
            "share" => RuleKind::Share,
            "opener" => RuleKind::Opener,
            other => return Err(row.unknown("kind", other)),
        };
        let max_words = if max_words == "-" {
            usize::MAX
        } else {
            row.parse(max_words, "max_words")?
        };
        let (pattern, and_then) = match pattern.split_once(" * ") {
            Some((a, b)) => (a, Some(b)),
            None => (pattern, None),
        };
        non_empty(&row, pattern, "pattern")?;
        let case_sensitive = pattern.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !pattern.chars().any(char::is_lowercase);
        Ok(FurnitureRule {
            kind,
            reason,
            max_words,
            pattern,
            and_then,
            case_sensitive,
        })
    })
}

/// A row of `stopwords.tsv`: a language's most frequent function words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LanguageProfile {
    /// ISO 639-1 code.
    pub language: &'static str,
    words: &'static str,
}

impl LanguageProfile {
    pub fn words(&self) -> impl Iterator<Item = &'static str> + Clone {
        list(self.words)
    }
}

pub(crate) fn stopwords(
    file: &'static str,
    text: &'static str,
) -> Result<Vec<LanguageProfile>, KnowledgeError> {
    read(file, text, |row| {
        let [language, words] = row.cells(2)?;
        non_empty(&row, language, "language")?;
        Ok(LanguageProfile { language, words })
    })
}

/// A row of `languages.tsv`: an ISO 639-3 code and its ISO 639-1 code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LanguageCode {
    pub iso639_3: &'static str,
    pub iso639_1: &'static str,
}

pub(crate) fn languages(
    file: &'static str,
    text: &'static str,
) -> Result<Vec<LanguageCode>, KnowledgeError> {
    read(file, text, |row| {
        let [iso639_3, iso639_1] = row.cells(2)?;
        if iso639_3.len() != 3 || iso639_1.len() != 2 {
            return Err(row.error(format!(
                "not an ISO 639-3 and 639-1 pair: {iso639_3} {iso639_1}"
            )));
        }
        Ok(LanguageCode { iso639_3, iso639_1 })
    })
}
