//! The linker's rules on small invented articles: copies, stories that stay within their window
//! and span, cohesion, and articles without a date.

use super::*;

/// An article naming `entities` (each mentioned where its name first appears in the text).
fn article(id: &str, published: Option<&str>, text: &str, entities: &[&str]) -> Record {
    let entities: Vec<serde_json::Value> = entities
        .iter()
        .filter_map(|name| {
            let start = text.find(name)?;
            let start = text[..start].chars().count();
            let end = start + name.chars().count();
            Some(serde_json::json!({
                "name": name, "type": "LOCATION",
                "mentions": [{"start": start, "end": end, "text": name}]
            }))
        })
        .collect();
    serde_json::from_value(serde_json::json!({
        "id": id, "title": null, "published": published, "text": text, "entities": entities
    }))
    .expect("a valid record")
}

const FLOOD: &str =
    "The river Aldern burst its banks near Westmoor, flooding farms and closing the \
    valley road, and rescue crews moved families from low ground as water kept rising.";
const FLOOD_LATER: &str = "Water from the river Aldern is still standing on farms near Westmoor; \
    crews reopened part of the valley road as the families who left low ground began returning.";
const FLOOD_AFTER: &str = "Farmers near Westmoor count the cost as the river Aldern falls back; \
    the valley road is open and families who fled low ground are home, crews said.";

fn link(linker: &mut Linker, r: &Record) -> Links {
    linker.link(r).0
}

#[test]
fn issue_21_a_report_of_the_same_happening_joins_its_story() {
    let mut linker = Linker::new();
    let a = link(
        &mut linker,
        &article("a", Some("2017-03-01"), FLOOD, &["Aldern", "Westmoor"]),
    );
    let b = link(
        &mut linker,
        &article(
            "b",
            Some("2017-03-03"),
            FLOOD_LATER,
            &["Aldern", "Westmoor"],
        ),
    );
    assert_eq!(b.story, a.story);
    assert_eq!(b.duplicate_of, None);
}

#[test]
fn issue_21_stories_never_span_more_than_their_longest_span() {
    let mut linker = Linker::new();
    let a = link(
        &mut linker,
        &article("a", Some("2017-03-01"), FLOOD, &["Aldern", "Westmoor"]),
    );
    let b = link(
        &mut linker,
        &article(
            "b",
            Some("2017-03-25"),
            FLOOD_LATER,
            &["Aldern", "Westmoor"],
        ),
    );
    let c = link(
        &mut linker,
        &article(
            "c",
            Some("2017-03-30"),
            FLOOD_AFTER,
            &["Aldern", "Westmoor"],
        ),
    );
    assert_ne!(b.story, a.story, "24 days apart: outside the 7-day window");
    assert_eq!(c.story, b.story, "5 days apart: one story");
    // With a window of 30 days each report is recent for the one before, but the third is 40
    // days after the first: a story of one happening does not chain into the next month.
    let mut wide = Linker::with_config(LinkerConfig {
        story_window_days: 30,
        ..LinkerConfig::default()
    });
    let a = link(
        &mut wide,
        &article("a", Some("2017-03-01"), FLOOD, &["Aldern", "Westmoor"]),
    );
    let b = link(
        &mut wide,
        &article(
            "b",
            Some("2017-03-25"),
            FLOOD_LATER,
            &["Aldern", "Westmoor"],
        ),
    );
    let c = link(
        &mut wide,
        &article(
            "c",
            Some("2017-04-10"),
            FLOOD_AFTER,
            &["Aldern", "Westmoor"],
        ),
    );
    assert_eq!(b.story, a.story, "a 30-day window takes the second report");
    assert_ne!(c.story, a.story, "but the story may not span 40 days");
}

#[test]
fn issue_21_an_undated_article_never_bridges_years() {
    let mut linker = Linker::new();
    let a = link(
        &mut linker,
        &article("a", Some("1987-03-01"), FLOOD, &["Aldern", "Westmoor"]),
    );
    let u = link(
        &mut linker,
        &article("u", None, FLOOD_LATER, &["Aldern", "Westmoor"]),
    );
    let c = link(
        &mut linker,
        &article(
            "c",
            Some("2017-03-01"),
            FLOOD_AFTER,
            &["Aldern", "Westmoor"],
        ),
    );
    assert_ne!(
        u.story, a.story,
        "an undated report joins no story by closeness"
    );
    assert_ne!(c.story, a.story, "nor does an article thirty years later");
    assert_ne!(c.story, u.story);
    // Two undated articles share a story only when one copies the other.
    let mut linker = Linker::new();
    let x = link(
        &mut linker,
        &article("x", None, FLOOD, &["Aldern", "Westmoor"]),
    );
    let y = link(
        &mut linker,
        &article("y", None, FLOOD_LATER, &["Aldern", "Westmoor"]),
    );
    let z = link(
        &mut linker,
        &article("z", None, FLOOD, &["Aldern", "Westmoor"]),
    );
    assert_ne!(y.story, x.story);
    assert_eq!(z.duplicate_of.as_deref(), Some("x"));
    assert_eq!(z.story, x.story);
}

#[test]
fn issue_21_notices_naming_no_one_make_no_story() {
    // Notices written to one template share every word and name nobody: not one happening.
    let notice = |id: &str, n: u32| {
        article(
            id,
            Some("1987-03-02"),
            &format!("Qtly div {n} cts vs {n} cts prior. Payable April one. Record March {n}."),
            &[],
        )
    };
    let mut linker = Linker::new();
    let a = link(&mut linker, &notice("a", 12));
    let b = link(&mut linker, &notice("b", 15));
    assert_ne!(b.story, a.story);
}

#[test]
fn issue_21_a_copy_far_in_time_is_a_copy_but_not_in_the_story() {
    let mut linker = Linker::new();
    let a = link(
        &mut linker,
        &article("a", Some("2015-03-01"), FLOOD, &["Aldern", "Westmoor"]),
    );
    let b = link(
        &mut linker,
        &article("b", Some("2017-03-01"), FLOOD, &["Aldern", "Westmoor"]),
    );
    assert_eq!(b.duplicate_of.as_deref(), Some("a"));
    assert_ne!(b.story, a.story);
}

#[test]
fn a_restored_linker_answers_as_the_one_that_linked() {
    let records = [
        article("a", Some("2017-03-01"), FLOOD, &["Aldern", "Westmoor"]),
        article(
            "b",
            Some("2017-03-02"),
            FLOOD_LATER,
            &["Aldern", "Westmoor"],
        ),
    ];
    let mut first = Linker::new();
    let mut restored = Linker::new();
    for r in &records {
        let (links, features) = first.link(r);
        let bytes = features.to_bytes();
        let back = ArticleFeatures::from_bytes(&bytes).expect("round trip");
        restored.restore(&r.id, &links.story, back);
    }
    let next = article(
        "c",
        Some("2017-03-04"),
        FLOOD_AFTER,
        &["Aldern", "Westmoor"],
    );
    assert_eq!(first.link(&next), restored.link(&next));
}
