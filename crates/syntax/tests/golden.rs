//! Golden parses of short news sentences written for these tests, with the embedded weights,
//! rendered one word a line (`index word tag head relation`) through the crate's `render`.
//! They pin the constructions the event coder reads: subjects and objects, the passive and its
//! agent, possessors, coordination and reported speech.

use newsgraph_syntax::{render, Analysis, Model, Scratch};

fn check(sentence: &str, expected: &str) {
    let model = Model::from_bytes(newsgraph_knowledge::Knowledge::embedded().parser_weights())
        .expect("embedded weights load");
    let model = &model;
    let words: Vec<&str> = sentence.split(' ').collect();
    let mut out = Analysis::default();
    model.analyze(&words, &mut Scratch::default(), &mut out);
    let got = render(model, &words, &out);
    let want: String = expected
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(got, want, "\ngot:\n{got}");
}

#[test]
fn issue_16_active_subject_and_object() {
    check(
        "Russian troops shelled the town on Monday .",
        "1 Russian ADJ 2 amod
         2 troops NOUN 3 nsubj
         3 shelled VERB_VBD 0 root
         4 the DET 5 det
         5 town NOUN 3 obj
         6 on ADP 7 case
         7 Monday PROPN 3 obl
         8 . PUNCT 3 punct",
    );
}

#[test]
fn issue_16_passive_with_agent() {
    check(
        "The convoy was attacked by rebels .",
        "1 The DET 2 det
         2 convoy NOUN 4 nsubj:pass
         3 was AUX_VBD 4 aux:pass
         4 attacked VERB_VBN 0 root
         5 by ADP 6 case
         6 rebels NOUN 4 obl:agent
         7 . PUNCT 4 punct",
    );
}

#[test]
fn issue_16_possessor_of_a_nominal_event() {
    check(
        "Turkey condemned Russia 's air strikes .",
        "1 Turkey PROPN 2 nsubj
         2 condemned VERB_VBD 0 root
         3 Russia PROPN 6 nmod:poss
         4 's PART_POS 3 case
         5 air NOUN 6 compound
         6 strikes NOUN 2 obj
         7 . PUNCT 2 punct",
    );
}

#[test]
fn issue_16_reported_speech_and_coordination() {
    check(
        "Officials said Israel and Jordan signed a treaty .",
        "1 Officials NOUN 2 nsubj
         2 said VERB_VBD 0 root
         3 Israel PROPN 6 nsubj
         4 and CCONJ 5 cc
         5 Jordan PROPN 3 conj
         6 signed VERB_VBD 2 ccomp
         7 a DET 8 det
         8 treaty NOUN 6 obj
         9 . PUNCT 2 punct",
    );
}

#[test]
fn odd_input_never_panics() {
    let model = Model::from_bytes(newsgraph_knowledge::Knowledge::embedded().parser_weights())
        .expect("embedded weights load");
    let model = &model;
    let mut scratch = Scratch::default();
    let mut out = Analysis::default();
    for words in [vec![], vec![""], vec!["é", "—", "…"], vec!["a"; 500]] {
        model.analyze(&words, &mut scratch, &mut out);
        assert_eq!(out.heads.len(), words.len());
        assert!(out.heads.iter().filter(|h| h.is_none()).count() <= 1);
    }
}
