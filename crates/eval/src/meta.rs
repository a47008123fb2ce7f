//! `title` and `published`: exact matches of the article's metadata.

use crate::text::fold_case_space;

/// The title is right when both are equal after case folding and white-space collapsing.
pub fn title_match(gold: &str, output: Option<&str>) -> bool {
    output.is_some_and(|out| fold_case_space(out) == fold_case_space(gold))
}

/// The date part of an ISO 8601 date or date-time: what comes before a `T` or a space.
pub fn date_part(value: &str) -> &str {
    let value = value.trim();
    let end = value.find(['T', 't', ' ']).unwrap_or(value.len());
    &value[..end]
}

/// The publication date is right when the date parts are equal.
pub fn date_match(gold: &str, output: Option<&str>) -> bool {
    output.is_some_and(|out| {
        let out = date_part(out);
        !out.is_empty() && out == date_part(gold)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_fold_case_and_space_only() {
        assert!(title_match(
            "Floods hit  Lisbon",
            Some(" floods HIT\nlisbon ")
        ));
        assert!(!title_match(
            "Floods hit Lisbon",
            Some("Floods hit Lisbon.")
        ));
        assert!(!title_match("Floods hit Lisbon", None));
        assert!(title_match("", Some("  ")));
    }

    #[test]
    fn dates_compare_the_date_part() {
        assert!(date_match("2016-09-05", Some("2016-09-05T14:02:00+02:00")));
        assert!(date_match("2016-09-05", Some("2016-09-05 14:02")));
        assert!(date_match("2016-09-05T00:00:00", Some("2016-09-05")));
        assert!(!date_match("2016-09-05", Some("2016-09-06")));
        assert!(!date_match("2016-09-05", Some("")));
        assert!(!date_match("2016-09-05", None));
    }
}
