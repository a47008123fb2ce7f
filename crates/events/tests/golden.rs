//! Golden tests: short news-style sentences written for these tests, coded by the events stage
//! and rendered with the source, action and target marked, through one `check` helper.
//!
//! Entities come from the crude gazetteer of `support` (countries, organizations, people and
//! big places of `data/`), standing in for the NER stage.

mod support;

use newsgraph_events::render::render_event;
use newsgraph_model::Document;
use std::sync::OnceLock;
use support::knowledge;

fn gazetteer() -> &'static support::Gazetteer {
    static G: OnceLock<support::Gazetteer> = OnceLock::new();
    G.get_or_init(support::Gazetteer::load)
}

fn prepare(text: &str) -> Document {
    let mut doc = Document::from_text("golden", text);
    doc.text = text.to_string();
    doc.published = Some("2016-09-05".into());
    support::segment(&mut doc);
    gazetteer().tag(&mut doc);
    doc
}

/// Code `text` and compare every event, rendered as "sentence with marks  =>  SRC CODE TGT".
fn check(text: &str, expected: &[&str]) {
    let doc = prepare(text);
    let coder = knowledge().expect("embedded knowledge compiles");
    let got: Vec<String> = coder
        .code_document_with_spans(&doc)
        .iter()
        .map(|(e, spans)| {
            let code = |a: &Option<newsgraph_model::Actor>| {
                a.as_ref().map_or("-".to_string(), |a| a.code.clone())
            };
            format!(
                "{}  =>  {} {} {}",
                render_event(&doc, e, spans),
                code(&e.source),
                e.code,
                code(&e.target)
            )
        })
        .collect();
    assert_eq!(got, expected, "\ngot:\n{}\n", got.join("\n"));
}

#[test]
fn seed_blame_is_a_government_accusing_a_country() {
    check(
        "U.S. officials have blamed Russian Federation for the recent hacking of the party's servers.",
        &["[U.S. officials](src:USAGOV) have [blamed](act:112) [Russian Federation](tgt:RUS) for the recent hacking of the party's servers.  =>  USAGOV 112 RUS"],
    );
}

#[test]
fn seed_meeting_of_two_leaders_is_a_consultation() {
    check(
        "Barack Obama met Vladimir Putin on the sidelines of the summit in Hangzhou.",
        &["[Barack Obama](src:USAGOV) [met](act:040) [Vladimir Putin](tgt:RUSGOV) on the sidelines of the summit in Hangzhou.  =>  USAGOV 040 RUSGOV"],
    );
}

#[test]
fn demonym_and_role_nouns_make_actors() {
    check(
        "Russian troops shelled Syrian rebels near the border.",
        &["[Russian troops](src:RUSMIL) [shelled](act:194) [Syrian rebels](tgt:SYRREB) near the border.  =>  RUSMIL 194 SYRREB"],
    );
}

#[test]
fn passive_voice_swaps_source_and_target() {
    check(
        "A convoy of Syrian rebels was attacked by Russian troops on Sunday.",
        &["A convoy of [Syrian rebels](tgt:SYRREB) was [attacked](act:190) by [Russian troops](src:RUSMIL) on Sunday.  =>  RUSMIL 190 SYRREB"],
    );
}

#[test]
fn reported_speech_codes_the_reported_action() {
    check(
        "Hungarian officials said Serbian police arrested two Romanian journalists.",
        &["Hungarian officials said [Serbian police](src:SRBCOP) [arrested](act:173) two [Romanian journalists](tgt:ROUMED).  =>  SRBCOP 173 ROUMED"],
    );
}

#[test]
fn negated_meeting_is_a_refusal_and_hypothetical_sanctions_are_not_coded() {
    check(
        "Israel did not meet the Palestinian delegation. Russia could impose sanctions on Georgia.",
        &["[Israel](src:ISR) did not [meet](act:125) the [Palestinian delegation](tgt:PSEGOV).  =>  ISR 125 PSEGOV"],
    );
}

#[test]
fn threatened_to_is_a_threat_with_the_governed_object() {
    check(
        "Iran threatened to impose sanctions on the United Arab Emirates.",
        &["[Iran](src:IRN) [threatened to impose sanctions](act:1312) on the [United Arab Emirates](tgt:ARE).  =>  IRN 1312 ARE"],
    );
}

#[test]
fn compound_subject_of_a_mutual_action_gives_both_directions() {
    check(
        "The United States and Russia agreed to a ceasefire in Syria.",
        &[
            "The [United States](src:USA) and [Russia](tgt:RUS) [agreed to a ceasefire](act:037) in Syria.  =>  USA 037 RUS",
            "The [United States](tgt:USA) and [Russia](src:RUS) [agreed to a ceasefire](act:037) in Syria.  =>  RUS 037 USA",
        ],
    );
}

#[test]
fn compound_target_gives_one_event_per_member() {
    check(
        "Pakistan imposed sanctions on Iran and Turkey.",
        &[
            "[Pakistan](src:PAK) [imposed sanctions](act:163) on [Iran](tgt:IRN) and Turkey.  =>  PAK 163 IRN",
            "[Pakistan](src:PAK) [imposed sanctions](act:163) on Iran and [Turkey](tgt:TUR).  =>  PAK 163 TUR",
        ],
    );
}

#[test]
fn stated_intention_becomes_an_intent_code() {
    check(
        "Germany will send humanitarian aid to Sudan.",
        &["[Germany](src:DEU) will [send humanitarian aid](act:033) to [Sudan](tgt:SDN).  =>  DEU 033 SDN"],
    );
}

#[test]
fn domestic_action_without_object_falls_on_the_own_country() {
    check(
        "Nigerian police arrested dozens of people after the march.",
        &["[Nigerian police](src:NGACOP) [arrested](act:173) dozens of people after the march.  =>  NGACOP 173 NGA"],
    );
}

#[test]
fn demand_through_must_is_coded_against_the_demanded() {
    check(
        "Britain said on Monday that Iran must release the detained sailors.",
        &["[Britain](src:GBR) said on Monday that [Iran](tgt:IRN) [must](act:100) release the detained sailors.  =>  GBR 100 IRN"],
    );
}

#[test]
fn repeated_event_in_one_article_is_one_event_with_mentions() {
    let doc = prepare("Russian troops shelled Ukrainian positions on Monday.\n\nRussian troops shelled Ukrainian positions again overnight.");
    let events = knowledge().expect("knowledge").code_document(&doc);
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].mentions, 2);
    assert!(
        events[0].is_root,
        "the first report is in the lead paragraph"
    );
    assert_eq!(events[0].date.as_deref(), Some("2016-09-05"));
}

#[test]
fn location_is_a_place_named_in_the_sentence() {
    let doc = prepare("Barack Obama met Vladimir Putin in Hangzhou on Monday.");
    let events = knowledge().expect("knowledge").code_document(&doc);
    let place = events
        .first()
        .and_then(|e| e.location.as_ref())
        .map(|l| l.name.as_str());
    assert_eq!(place, Some("Hangzhou"));
}

#[test]
fn events_carry_goldstein_and_quad_class_from_the_table() {
    let doc = prepare("Russian troops shelled Syrian rebels near the border.");
    let events = knowledge().expect("knowledge").code_document(&doc);
    assert_eq!((events[0].goldstein, events[0].quad_class), (-10.0, 4));
}
