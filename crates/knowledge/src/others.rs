//! The remaining files, by the stage that reads them: `speech-verbs.tsv` and
//! `speaker-nouns.tsv` (quotes), `cameo.tsv`, `cameo-patterns.tsv` and `roles.tsv` (events and
//! exports), `html_entities.tsv` and `html_class_hints.tsv` (HTML extraction), `fips.tsv`
//! (exports).

use crate::entities::entity_type;
use crate::gazetteer::non_empty;
use crate::tsv::{read, KnowledgeError, Row};
use newsgraph_model::EntityType;

/// A row of `speech-verbs.tsv`: a form of a verb of saying and its lemma.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpeechVerb {
    pub form: &'static str,
    pub lemma: &'static str,
    /// A verb that says what somebody called something ("branded", "accused"; kind
    /// `naming`): it gives a woven quotation its speaker but introduces no whole quotation.
    pub naming: bool,
}

pub(crate) fn speech_verbs(
    file: &'static str,
    text: &'static str,
) -> Result<Vec<SpeechVerb>, KnowledgeError> {
    read(file, text, |row| {
        let [form, lemma, kind] = row.cells(2)?;
        non_empty(&row, form, "form")?;
        let naming = match kind {
            "" => false,
            "naming" => true,
            other => return Err(row.unknown("kind", other)),
        };
        Ok(SpeechVerb {
            form,
            lemma,
            naming,
        })
    })
}

/// How a speaker noun stands for someone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpeakerNounKind {
    /// "he", "she", "it".
    Pronoun,
    /// "president", "ministry": the head of a phrase like "the American president".
    Role,
    /// "a", "one", "another": opens a phrase that brings in somebody not named before.
    Indefinite,
    /// "but", "and", "meanwhile": opens a clause before its subject.
    Opener,
    /// "who", "whose", "where": opens a clause that describes the subject and is not it.
    Relative,
    /// "former", "vice": makes a role another one ("Vice President").
    Modifier,
}

/// A row of `speaker-nouns.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpeakerNoun {
    pub word: &'static str,
    pub kind: SpeakerNounKind,
    pub ty: EntityType,
}

pub(crate) fn speaker_nouns(
    file: &'static str,
    text: &'static str,
) -> Result<Vec<SpeakerNoun>, KnowledgeError> {
    read(file, text, |row| {
        let [word, kind, ty] = row.cells(3)?;
        non_empty(&row, word, "word")?;
        let kind = match kind {
            "pronoun" => SpeakerNounKind::Pronoun,
            "role" => SpeakerNounKind::Role,
            "indefinite" => SpeakerNounKind::Indefinite,
            "opener" => SpeakerNounKind::Opener,
            "relative" => SpeakerNounKind::Relative,
            "modifier" => SpeakerNounKind::Modifier,
            other => return Err(row.unknown("kind", other)),
        };
        Ok(SpeakerNoun {
            word,
            kind,
            ty: entity_type(&row, ty)?,
        })
    })
}

/// A row of `cameo.tsv`: an event code, its name, Goldstein score and quad class.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CameoCode {
    pub code: &'static str,
    pub name: &'static str,
    pub goldstein: f64,
    pub quad_class: u8,
}

pub(crate) fn cameo(
    file: &'static str,
    text: &'static str,
) -> Result<Vec<CameoCode>, KnowledgeError> {
    read(file, text, |row| {
        let [code, name, goldstein, quad] = row.cells(4)?;
        non_empty(&row, code, "code")?;
        Ok(CameoCode {
            code,
            name,
            goldstein: row.parse(goldstein, "Goldstein score")?,
            quad_class: row.parse(quad, "quad class")?,
        })
    })
}

/// A row of `cameo-roles.tsv`: an actor role code ("GOV") and its name ("government").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CameoRole {
    pub code: &'static str,
    pub name: &'static str,
}

pub(crate) fn cameo_roles(
    file: &'static str,
    text: &'static str,
) -> Result<Vec<CameoRole>, KnowledgeError> {
    read(file, text, |row| {
        let [code, name] = row.cells(2)?;
        non_empty(&row, code, "code")?;
        non_empty(&row, name, "name")?;
        Ok(CameoRole { code, name })
    })
}

/// A line of `cameo-patterns.tsv` (format in the file's header); the events crate compiles
/// the patterns, this only splits the lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternLine {
    /// `@name<TAB>cells...`.
    Directive {
        name: &'static str,
        cells: Vec<&'static str>,
    },
    /// `CODE<TAB>PATTERN[<TAB>FLAGS]`.
    Pattern {
        code: &'static str,
        pattern: &'static str,
        flags: &'static str,
    },
}

/// A line of `cameo-patterns.tsv` with where it stands, for the compiler's errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CameoPattern {
    pub row: Row,
    pub line: PatternLine,
}

pub(crate) fn cameo_patterns(
    file: &'static str,
    text: &'static str,
) -> Result<Vec<CameoPattern>, KnowledgeError> {
    read(file, text, |row| {
        let line = match row.text.strip_prefix('@') {
            Some(rest) => {
                let mut cells = rest.split('\t').map(str::trim);
                let name = cells.next().unwrap_or("");
                non_empty(&row, name, "directive")?;
                PatternLine::Directive {
                    name,
                    cells: cells.collect(),
                }
            }
            None => {
                let [code, pattern, flags] = row.cells(2)?;
                PatternLine::Pattern {
                    code,
                    pattern,
                    flags,
                }
            }
        };
        Ok(CameoPattern { row, line })
    })
}

/// A row of `roles.tsv`: a role noun and its CAMEO role code ("soldier" -> `MIL`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Role {
    pub phrase: &'static str,
    pub code: &'static str,
}

pub(crate) fn roles(file: &'static str, text: &'static str) -> Result<Vec<Role>, KnowledgeError> {
    read(file, text, |row| {
        let [phrase, code] = row.cells(2)?;
        non_empty(&row, phrase, "phrase")?;
        non_empty(&row, code, "role code")?;
        Ok(Role { phrase, code })
    })
}

/// A row of `html_entities.tsv`: a named character reference and the characters it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlEntity {
    /// With its `;` when the reference needs one ("amp;"), without for the legacy forms.
    pub name: &'static str,
    pub value: String,
}

pub(crate) fn html_entities(
    file: &'static str,
    text: &'static str,
) -> Result<Vec<HtmlEntity>, KnowledgeError> {
    read(file, text, |row| {
        let [name, code_points] = row.cells(2)?;
        non_empty(&row, name, "name")?;
        let mut value = String::new();
        for hex in code_points.split(' ') {
            let c = u32::from_str_radix(hex, 16)
                .ok()
                .and_then(char::from_u32)
                .ok_or_else(|| row.error(format!("code point {hex:?} is not valid")))?;
            value.push(c);
        }
        Ok(HtmlEntity { name, value })
    })
}

/// The kinds of `html_class_hints.tsv`: what a class or id holding the substring says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClassHintKind {
    /// Never article text unless it also looks like content.
    Unlikely,
    /// Overrides `unlikely` ("article", "body").
    Maybe,
    Negative,
    Positive,
}

/// A row of `html_class_hints.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClassHint {
    pub kind: ClassHintKind,
    pub substring: &'static str,
}

pub(crate) fn html_class_hints(
    file: &'static str,
    text: &'static str,
) -> Result<Vec<ClassHint>, KnowledgeError> {
    read(file, text, |row| {
        let [kind, substring] = row.cells(2)?;
        non_empty(&row, substring, "substring")?;
        let kind = match kind {
            "unlikely" => ClassHintKind::Unlikely,
            "maybe" => ClassHintKind::Maybe,
            "negative" => ClassHintKind::Negative,
            "positive" => ClassHintKind::Positive,
            other => return Err(row.unknown("kind", other)),
        };
        Ok(ClassHint { kind, substring })
    })
}

/// A row of `fips.tsv`: an ISO alpha-2 country code's FIPS 10-4 code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fips {
    pub iso2: &'static str,
    pub fips: &'static str,
    pub name: &'static str,
}

pub(crate) fn fips(file: &'static str, text: &'static str) -> Result<Vec<Fips>, KnowledgeError> {
    read(file, text, |row| {
        let [iso2, fips, name] = row.cells(2)?;
        non_empty(&row, iso2, "ISO code")?;
        Ok(Fips { iso2, fips, name })
    })
}
