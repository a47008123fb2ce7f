//! The extract stages' files: `counts.tsv` (the count lexicon), `themes.tsv` (the theme
//! taxonomy), `tone-lexicon.tsv` and `tone-reference.tsv` (tone word classes).

use crate::gazetteer::non_empty;
use crate::tsv::{list, read, KnowledgeError};

/// The kinds of `counts.tsv` (their meaning is in the file's header).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountKind {
    Trigger,
    Object,
    Person,
    Filler,
    Link,
    Pronoun,
    Possessive,
    Modifier,
    Unit,
    Stop,
}

/// A row of `counts.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CountWord {
    pub kind: CountKind,
    /// Lower-case words, joined by single spaces.
    pub phrase: &'static str,
    /// A trigger's count type (`KILL`, `WOUND`, `SHOT` ...); a modifier's `exact` or `approx`.
    pub ty: &'static str,
    /// A trigger's side: `left`, `right`, `both` or `one`.
    pub direction: &'static str,
}

pub(crate) fn counts(
    file: &'static str,
    text: &'static str,
) -> Result<Vec<CountWord>, KnowledgeError> {
    read(file, text, |row| {
        let [kind, phrase, ty, direction] = row.cells(2)?;
        non_empty(&row, phrase, "phrase")?;
        let kind = match kind {
            "trigger" => CountKind::Trigger,
            "object" => CountKind::Object,
            "person" => CountKind::Person,
            "filler" => CountKind::Filler,
            "link" => CountKind::Link,
            "pronoun" => CountKind::Pronoun,
            "possessive" => CountKind::Possessive,
            "modifier" => CountKind::Modifier,
            "unit" => CountKind::Unit,
            "stop" => CountKind::Stop,
            other => return Err(row.unknown("kind", other)),
        };
        if kind == CountKind::Trigger && (ty.is_empty() || direction.is_empty()) {
            return Err(row.error("a trigger needs a type and a direction"));
        }
        Ok(CountWord {
            kind,
            phrase,
            ty,
            direction,
        })
    })
}

/// A row of `themes.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub code: &'static str,
    pub description: &'static str,
    phrases: &'static str,
}

impl Theme {
    /// The phrases that show the theme, lower case.
    pub fn phrases(&self) -> impl Iterator<Item = &'static str> + Clone {
        list(self.phrases)
    }
}

pub(crate) fn themes(file: &'static str, text: &'static str) -> Result<Vec<Theme>, KnowledgeError> {
    read(file, text, |row| {
        let [code, description, phrases] = row.cells(3)?;
        non_empty(&row, code, "code")?;
        Ok(Theme {
            code,
            description,
            phrases,
        })
    })
}

/// A row of `tone-lexicon.tsv`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ToneWord {
    pub word: &'static str,
    pub positive: bool,
    /// VADER's mean valence, -4..4.
    pub valence: f64,
}

pub(crate) fn tone_lexicon(
    file: &'static str,
    text: &'static str,
) -> Result<Vec<ToneWord>, KnowledgeError> {
    read(file, text, |row| {
        let [word, sign, valence] = row.cells(3)?;
        non_empty(&row, word, "word")?;
        let positive = match sign {
            "+" => true,
            "-" => false,
            other => return Err(row.unknown("sign", other)),
        };
        Ok(ToneWord {
            word,
            positive,
            valence: row.parse(valence, "valence")?,
        })
    })
}

/// The classes of `tone-reference.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferenceClass {
    /// A form of an action verb.
    Activity,
    /// A first-person pronoun.
    SelfGroup,
}

/// A row of `tone-reference.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReferenceWord {
    pub word: &'static str,
    pub class: ReferenceClass,
}

pub(crate) fn tone_reference(
    file: &'static str,
    text: &'static str,
) -> Result<Vec<ReferenceWord>, KnowledgeError> {
    read(file, text, |row| {
        let [word, class] = row.cells(2)?;
        non_empty(&row, word, "word")?;
        let class = match class {
            "activity" => ReferenceClass::Activity,
            "self" => ReferenceClass::SelfGroup,
            other => return Err(row.unknown("class", other)),
        };
        Ok(ReferenceWord { word, class })
    })
}
