//! Golden tests of the counts stage: sentences in news style with every count marked.

use super::*;
use crate::golden::render;

/// The stage's lexicon over the embedded knowledge files.
fn lexicon() -> Lexicon {
    Lexicon::new(Knowledge::embedded()).expect("embedded knowledge files")
}

/// Every count statement and the toll of `doc`.
fn counts_of(doc: &Document) -> Figures {
    super::counts_of(doc, &lexicon())
}

/// The body with every count marked `[words](TYPE number[~] object)`.
fn check(text: &str, expect: &str) {
    let mut doc = Document::from_text("t", "");
    doc.text = text.to_string();
    let marks: Vec<(Span, String)> = counts_of(&doc)
        .toll
        .iter()
        .map(|c| {
            let approx = if c.approximate { "~" } else { "" };
            let object = c
                .object
                .as_deref()
                .map(|o| format!(" {o}"))
                .unwrap_or_default();
            (c.span, format!("{} {}{approx}{object}", c.kind, c.number))
        })
        .collect();
    assert_eq!(render(text, &marks), expect);
}

/// The body with every count statement (`counts`, not the toll) marked.
fn check_counts(text: &str, expect: &str) {
    let mut doc = Document::from_text("t", "");
    doc.text = text.to_string();
    let marks: Vec<(Span, String)> = counts_of(&doc)
        .counts
        .iter()
        .map(|c| (c.span, format!("{} {}", c.kind, c.number)))
        .collect();
    assert_eq!(render(text, &marks), expect);
}

#[test]
fn issue_17_counts_list_historical_and_cumulative_figures() {
    check_counts(
        "Two soldiers were killed on Monday. The United Nations says 3,498 civilians were killed in 2016, and a total of 11,000 since the war began.",
        "[Two soldiers were killed](KILL 2) on Monday. The United Nations says [3,498 civilians were killed](KILL 3498) in 2016, and a total of 11,000 since the war began.",
    );
}

#[test]
fn issue_17_split_figures_are_two_counts_and_one_toll() {
    let text = "Gunmen killed 14 men and 11 women and children in the village.";
    check_counts(
        text,
        "Gunmen killed [14 men](KILL 14) and [11 women and children](KILL 11) in the village.",
    );
    check(
        text,
        "Gunmen [killed 14 men and 11](KILL 25 men) women and children in the village.",
    );
}

#[test]
fn issue_17_one_navy_seal_and_three_additional_seals() {
    check_counts(
        "The raid led to the death of one Navy SEAL, and three additional SEALs were wounded.",
        "The raid led to the [death of one](KILL 1) Navy SEAL, and [three additional SEALs were wounded](WOUND 3).",
    );
}

#[test]
fn issue_17_the_same_number_for_the_same_happening_once() {
    check_counts(
        "Floods displaced 2,000 families. Officials said 2,000 families were displaced, including more than 500 in the capital.",
        "Floods [displaced 2,000](DISPLACED 2000) families. Officials said 2,000 families were displaced, including more than [500](DISPLACED 500) in the capital.",
    );
}

#[test]
fn issue_17_vague_figures_and_lone_victims_are_no_count_statements() {
    // Both are in the toll (see the tests above); GKG Counts list stated numbers only.
    check_counts(
        "Police arrested hundreds of protesters. A 23-year-old man was shot and killed.",
        "Police arrested hundreds of protesters. A 23-year-old man was shot and killed.",
    );
}

#[test]
fn issue_17_toll_is_the_main_happening() {
    // The attack's figures, not the earlier war's.
    check(
        "A car bomb killed 12 people and wounded 30 in the market on Friday. More than 400,000 people have been killed since 2011.",
        "A car bomb [killed 12](KILL 12 people) people and [wounded 30](WOUND 30) in the market on Friday. More than 400,000 people have been killed since 2011.",
    );
}

#[test]
fn number_before_a_passive_trigger() {
    check(
        "At least 48 people were killed in the blast near the market.",
        "At least [48 people were killed](KILL 48 people) in the blast near the market.",
    );
}

#[test]
fn number_after_an_active_trigger_with_modifier() {
    check(
        "The bombers struck twice, killing more than 7,000 civilians, and wounding twenty-five.",
        "The bombers struck twice, [killing more than 7,000](KILL 7000 civilians) civilians, and [wounding twenty-five](WOUND 25).",
    );
}

#[test]
fn vague_plurals_are_approximate() {
    check(
        "Two car bombs kill dozens in the capital.",
        "Two car bombs [kill dozens](KILL 24~) in the capital.",
    );
    check(
        "Police arrested hundreds of protesters on Sunday.",
        "Police [arrested hundreds](ARREST 200~ protesters) of protesters on Sunday.",
    );
}

#[test]
fn death_toll_reads_right() {
    check(
        "The death toll rose to 112 on Tuesday, officials said.",
        "The [death toll rose to 112](KILL 112) on Tuesday, officials said.",
    );
}

#[test]
fn a_lone_victim_counts_one() {
    check(
        "A 23-year-old man was shot and killed outside a bar on Elm Street.",
        "[A 23-year-old man was shot and killed](KILL 1 man) outside a bar on Elm Street.",
    );
    check(
        "Police said he shot at officers.",
        "Police said he shot at officers.",
    );
    check(
        "Officers said he was arrested at his home.",
        "Officers said [he was arrested](ARREST 1) at his home.",
    );
}

#[test]
fn ages_years_money_and_addresses_are_never_counts() {
    check(
        "John Reed, 23, was killed in 2014.",
        "John Reed, 23, was killed in 2014.",
    );
    check(
        "The victim, aged 31, died at 5 p.m.",
        "The victim, aged 31, died at 5 p.m.",
    );
    check(
        "Thieves seized $5 million from the bank.",
        "Thieves seized $5 million from the bank.",
    );
    check(
        "Shots were fired at 1200 Main Street, killing nobody.",
        "Shots were fired at 1200 Main Street, killing nobody.",
    );
}

#[test]
fn compound_groups_add_up() {
    check(
        "Two children and an adult were found dead in the apartment.",
        "[Two children and an adult were found dead](KILL 3 adult) in the apartment.",
    );
    check(
        "Police said two adults and a child were shot.",
        "Police said [two adults and a child were shot](WOUND 3 child).",
    );
}

#[test]
fn groups_after_the_trigger_add_up() {
    check(
        "Police are investigating the shooting deaths of a mother and her two children.",
        "Police are investigating the [shooting deaths of a mother and her two children](KILL 3 mother).",
    );
}

#[test]
fn victims_named_after_the_event() {
    check(
        "He is charged in the fatal shooting of a 13-year-old girl.",
        "He is charged in the [fatal shooting of a 13-year-old](KILL 1 13-year-old) girl.",
    );
}

#[test]
fn shot_minus_killed_gives_the_wounded() {
    let mut doc = Document::from_text("t", "");
    doc.text = "Seven people were shot early Sunday. Police said the shooting killed two.".into();
    let got: Vec<(String, i64)> = counts_of(&doc)
        .toll
        .into_iter()
        .map(|c| (c.kind, c.number))
        .collect();
    assert_eq!(got, [("KILL".to_string(), 2), ("WOUND".to_string(), 5)]);
}

#[test]
fn repeated_figures_keep_the_first() {
    let mut doc = Document::from_text("t", "");
    doc.text = "Three people were killed on Friday. Police say three people were killed \
                and one was killed last year."
        .into();
    let got: Vec<(String, i64)> = counts_of(&doc)
        .toll
        .into_iter()
        .map(|c| (c.kind, c.number))
        .collect();
    assert_eq!(got, [("KILL".to_string(), 3)]);
}

#[test]
fn title_counts_are_flagged() {
    let mut doc = Document::from_text("t", "");
    doc.title = Some("Islamic State blasts kill dozens".into());
    doc.text = "Leaders met on Monday.".into();
    let counts = counts_of(&doc).toll;
    assert_eq!(counts.len(), 1);
    assert!(counts[0].in_title && counts[0].approximate);
    assert_eq!((counts[0].kind.as_str(), counts[0].number), ("KILL", 24));
    assert_eq!(
        &doc.title.as_deref().unwrap_or("")[counts[0].span.start..counts[0].span.end],
        "kill dozens"
    );
}

#[test]
fn an_exact_body_figure_beats_a_vague_title() {
    let mut doc = Document::from_text("t", "");
    doc.title = Some("Blasts kill dozens in the capital".into());
    doc.text = "A car bomb killed at least 48 people on Sunday.".into();
    let got: Vec<(String, i64, bool)> = counts_of(&doc)
        .toll
        .into_iter()
        .map(|c| (c.kind, c.number, c.in_title))
        .collect();
    assert_eq!(got, [("KILL".to_string(), 48, false)]);
}

#[test]
fn every_count_row_is_understood() {
    // The knowledge layer refuses a row of an unknown kind or a trigger without a type and a
    // side; here, every row is read and the triggers are indexed.
    let lex = lexicon();
    assert!(lex.triggers.by_first.contains_key("killed"));
    assert!(!lex.object_words.is_empty() && !lex.months.is_empty());
}
