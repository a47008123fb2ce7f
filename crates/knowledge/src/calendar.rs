//! Words of time and number: `calendar.tsv` (months, weekdays, relative days, holidays),
//! `numbers.tsv` (number words), and for dates in web pages `months.tsv` (month names of
//! several languages) and `date-words.tsv` (digit systems, date marks, ordinals, connectors).

use crate::gazetteer::non_empty;
use crate::tsv::{list, read, KnowledgeError};

/// The kinds of `calendar.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalendarKind {
    /// Value: the month, 1..12.
    Month,
    /// Value: the ISO weekday, 1 (Monday)..7.
    Weekday,
    /// Value: days from publication ("yesterday" -1).
    RelDay,
    /// A word before a month or a year that makes it a date ("in", "since").
    Lead,
    /// A word that puts a weekday after publication ("will").
    Future,
    /// A feast or holiday ("Thanksgiving"): a date, not a name.
    Holiday,
}

/// A row of `calendar.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CalendarWord {
    /// Lower case.
    pub word: &'static str,
    pub kind: CalendarKind,
    pub value: i64,
}

pub(crate) fn calendar(
    file: &'static str,
    text: &'static str,
) -> Result<Vec<CalendarWord>, KnowledgeError> {
    read(file, text, |row| {
        let [word, kind, value] = row.cells(3)?;
        non_empty(&row, word, "word")?;
        let kind = match kind {
            "month" => CalendarKind::Month,
            "weekday" => CalendarKind::Weekday,
            "relday" => CalendarKind::RelDay,
            "lead" => CalendarKind::Lead,
            "future" => CalendarKind::Future,
            "holiday" => CalendarKind::Holiday,
            other => return Err(row.unknown("kind", other)),
        };
        Ok(CalendarWord {
            word,
            kind,
            value: row.parse(value, "value")?,
        })
    })
}

/// The kinds of `numbers.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberKind {
    /// "one".."nineteen".
    Unit,
    /// "twenty".."ninety".
    Tens,
    Hundred,
    /// "thousand", "million", "billion".
    Scale,
    Dozen,
    Half,
    /// "dozens", "hundreds": an approximate number.
    Approx,
    /// "a couple", "several".
    Quantity,
}

/// A row of `numbers.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberWord {
    pub word: &'static str,
    pub kind: NumberKind,
    pub value: i64,
}

pub(crate) fn numbers(
    file: &'static str,
    text: &'static str,
) -> Result<Vec<NumberWord>, KnowledgeError> {
    read(file, text, |row| {
        let [word, kind, value] = row.cells(3)?;
        non_empty(&row, word, "word")?;
        let kind = match kind {
            "unit" => NumberKind::Unit,
            "tens" => NumberKind::Tens,
            "hundred" => NumberKind::Hundred,
            "scale" => NumberKind::Scale,
            "dozen" => NumberKind::Dozen,
            "half" => NumberKind::Half,
            "approx" => NumberKind::Approx,
            "quantity" => NumberKind::Quantity,
            other => return Err(row.unknown("kind", other)),
        };
        Ok(NumberWord {
            word,
            kind,
            value: row.parse(value, "value")?,
        })
    })
}

/// A row of `months.tsv`: a month's names in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthNames {
    pub language: &'static str,
    /// 1..12.
    pub month: u8,
    names: &'static str,
}

impl MonthNames {
    /// Lower-case names and abbreviations ("january", "jan").
    pub fn names(&self) -> impl Iterator<Item = &'static str> + Clone {
        list(self.names)
    }
}

pub(crate) fn months(
    file: &'static str,
    text: &'static str,
) -> Result<Vec<MonthNames>, KnowledgeError> {
    read(file, text, |row| {
        let [language, month, names] = row.cells(3)?;
        let month: u8 = row.parse(month, "month")?;
        if !(1..=12).contains(&month) {
            return Err(row.error(format!("month {month} is not 1..12")));
        }
        Ok(MonthNames {
            language,
            month,
            names,
        })
    })
}

/// The kinds of `date-words.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateWordKind {
    /// The zero of a decimal digit system other than ASCII; the next nine code points are 1..9.
    DigitZero,
    /// A sign after the year's number ("2020年").
    YearMark,
    /// A sign after the month's number ("6月").
    MonthMark,
    /// A sign after the day's number ("28日").
    DayMark,
    /// A word before the month's number (Vietnamese "tháng").
    MonthWord,
    /// A word before the year's number (Vietnamese "năm").
    YearWord,
    /// A suffix after a day's number ("th", "er").
    Ordinal,
    /// A word between day, month and year ("de", "of").
    Connector,
}

/// A row of `date-words.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateWord {
    pub kind: DateWordKind,
    pub value: &'static str,
}

pub(crate) fn date_words(
    file: &'static str,
    text: &'static str,
) -> Result<Vec<DateWord>, KnowledgeError> {
    read(file, text, |row| {
        let [kind, value] = row.cells(2)?;
        non_empty(&row, value, "value")?;
        let kind = match kind {
            "digit_zero" => DateWordKind::DigitZero,
            "year_mark" => DateWordKind::YearMark,
            "month_mark" => DateWordKind::MonthMark,
            "day_mark" => DateWordKind::DayMark,
            "month_word" => DateWordKind::MonthWord,
            "year_word" => DateWordKind::YearWord,
            "ordinal" => DateWordKind::Ordinal,
            "connector" => DateWordKind::Connector,
            other => return Err(row.unknown("kind", other)),
        };
        if kind == DateWordKind::DigitZero && value.chars().count() != 1 {
            return Err(row.error(format!("a digit zero is one character, not {value:?}")));
        }
        Ok(DateWord { kind, value })
    })
}
