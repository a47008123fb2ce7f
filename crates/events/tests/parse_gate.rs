//! Which sentences are parsed (speed, #15/#16/#17): a sentence of one actor whose actions are
//! never coded one-sided gives no event however it parses, and is not parsed.

mod support;

use support::{knowledge, prepare};

/// Sentences parsed and events coded for one text.
fn parsed(text: &str) -> (usize, usize) {
    let doc = prepare(text, "2016-05-02");
    let coder = knowledge().expect("knowledge");
    let (events, counters) = coder.code_document_counted(&doc);
    (counters.parsed, events.len())
}

#[test]
fn issue_17_one_actor_and_no_one_sided_action_is_not_parsed() {
    // One actor cannot be both sides, and praise is never coded one-sided.
    let (parsed_sentences, events) = parsed("Germany praised the agreement on Monday.");
    assert_eq!((parsed_sentences, events), (0, 0));
}

#[test]
fn issue_17_two_actors_are_parsed() {
    let (parsed_sentences, events) = parsed("Germany praised France on Monday.");
    assert_eq!(parsed_sentences, 1);
    assert_eq!(events, 1);
}

#[test]
fn issue_17_one_actor_and_a_one_sided_action_is_parsed() {
    // An attack may be coded with its target alone ("the town was shelled").
    let (parsed_sentences, _) = parsed("Syria was shelled on Monday.");
    assert_eq!(parsed_sentences, 1);
}
