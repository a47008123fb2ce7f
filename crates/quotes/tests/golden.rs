//! Golden tests of the quotes stage: each article is written for these tests, run through the
//! stage with hand-made entities, and rendered by [`render`] with every quoted fragment in
//! `[...]` and one line per quotation naming its speaker, the words that named them and the verb
//! (and `partial` for a quotation woven into the writer's sentence).

use newsgraph_model::{Document, Entity, EntityType, Span, Stage};
use newsgraph_quotes::QuoteStage;

/// A document whose entities are given as `"Canonical Name|alias|alias"` (PERSON),
/// `"ORG:Name|alias"` or `"LOC:Name|alias"`; every whole-word occurrence of a name or alias becomes a mention.
fn document(text: &str, entities: &[&str]) -> Document {
    let mut doc = Document::from_text("test", text);
    doc.text = text.to_string();
    for spec in entities {
        let (ty, spec) = if let Some(rest) = spec.strip_prefix("ORG:") {
            (EntityType::Organization, rest)
        } else if let Some(rest) = spec.strip_prefix("LOC:") {
            (EntityType::Location, rest)
        } else {
            (EntityType::Person, *spec)
        };
        let names: Vec<&str> = spec.split('|').collect();
        let mut mentions: Vec<Span> = Vec::new();
        for name in &names {
            for (at, _) in text.match_indices(name) {
                let span = Span::new(at, at + name.len());
                let bounded = !text[..at].ends_with(char::is_alphanumeric)
                    && !text[span.end..].starts_with(char::is_alphanumeric);
                if bounded && !mentions.iter().any(|m| m.overlaps(span)) {
                    mentions.push(span);
                }
            }
        }
        mentions.sort();
        doc.entities.push(Entity {
            name: names[0].to_string(),
            kind_type: ty,
            kind: None,
            codes: Default::default(),
            geo: None,
            mentions,
        });
    }
    doc
}

/// The text with quoted fragments in brackets, then one line per quotation.
fn render(doc: &Document) -> String {
    let mut cuts: Vec<(usize, char)> = Vec::new();
    for q in &doc.quotes {
        let parts = if q.parts.is_empty() {
            vec![q.span]
        } else {
            q.parts.clone()
        };
        for p in parts {
            cuts.push((p.start, '['));
            cuts.push((p.end, ']'));
        }
    }
    cuts.sort_by_key(|&(at, c)| (at, c == '['));
    let mut out = String::new();
    let mut last = 0;
    for (at, c) in cuts {
        out.push_str(&doc.text[last..at]);
        out.push(c);
        last = at;
    }
    out.push_str(&doc.text[last..]);
    for (i, q) in doc.quotes.iter().enumerate() {
        let speaker = q
            .speaker
            .map_or("-".to_string(), |e| doc.entities[e].name.clone());
        let named = q
            .speaker_span
            .map_or("-".to_string(), |s| doc.slice(s).to_string());
        let verb = q.verb.clone().unwrap_or_else(|| "-".to_string());
        let partial = if q.partial { " partial" } else { "" };
        out.push_str(&format!(
            "\nquote {}: speaker={speaker} named=\"{named}\" verb={verb}{partial}",
            i + 1
        ));
    }
    out
}

/// The stage over the embedded knowledge, built once for every test of this file.
fn stage() -> &'static QuoteStage {
    static STAGE: std::sync::OnceLock<QuoteStage> = std::sync::OnceLock::new();
    STAGE.get_or_init(|| {
        QuoteStage::new(newsgraph_knowledge::Knowledge::embedded()).expect("knowledge reads")
    })
}

fn check(text: &str, entities: &[&str], expect: &str) {
    let mut doc = document(text, entities);
    stage().run(&mut doc).expect("the quotes stage never fails");
    let got = render(&doc);
    assert_eq!(got.trim(), expect.trim(), "\n--- got ---\n{got}\n");
}

#[test]
fn speaker_named_after_the_quotation() {
    check(
        "“We will rebuild the bridge by spring,” Mayor Ana Torres said on Tuesday.",
        &["Ana Torres|Torres"],
        "“[We will rebuild the bridge by spring,]” Mayor Ana Torres said on Tuesday.
quote 1: speaker=Ana Torres named=\"Ana Torres\" verb=said",
    );
}

#[test]
fn verb_before_the_speaker_and_straight_marks() {
    check(
        r#""The budget is balanced for the first time in a decade," said Finance Minister Lars Holm."#,
        &["Lars Holm|Holm"],
        r#""[The budget is balanced for the first time in a decade,]" said Finance Minister Lars Holm.
quote 1: speaker=Lars Holm named="Lars Holm" verb=said"#,
    );
}

#[test]
fn speaker_and_comma_before_the_quotation() {
    check(
        "At a briefing in Oslo, Holm added, “Nobody expected numbers like these so soon.”",
        &["Lars Holm|Holm"],
        "At a briefing in Oslo, Holm added, “[Nobody expected numbers like these so soon.]”
quote 1: speaker=Lars Holm named=\"Holm\" verb=added",
    );
}

#[test]
fn colon_closing_the_previous_paragraph_introduces_the_quotation() {
    check(
        "Lars Holm told lawmakers in a late session:\n\n“Nobody expected these numbers. We did it anyway, and we will do it again.”",
        &["Lars Holm|Holm"],
        "Lars Holm told lawmakers in a late session:\n\n“[Nobody expected these numbers. We did it anyway, and we will do it again.]”
quote 1: speaker=Lars Holm named=\"Lars Holm\" verb=told",
    );
}

#[test]
fn quotation_interrupted_by_its_attribution_is_one_quotation() {
    check(
        "“We are ready,” Torres said. “The crews start work on Monday.”",
        &["Ana Torres|Torres"],
        "“[We are ready,]” Torres said. “[The crews start work on Monday.]”
quote 1: speaker=Ana Torres named=\"Torres\" verb=said",
    );
}

#[test]
fn a_second_verb_starts_a_second_quotation() {
    check(
        "“We are ready,” Torres said, adding: “The crews start work on Monday.”",
        &["Ana Torres|Torres"],
        "“[We are ready,]” Torres said, adding: “[The crews start work on Monday.]”
quote 1: speaker=Ana Torres named=\"Torres\" verb=said
quote 2: speaker=Ana Torres named=\"Torres\" verb=adding",
    );
}

#[test]
fn pronoun_resolves_to_the_subject_of_the_sentence_before() {
    check(
        "President Mara Vell shook hands with Prime Minister Jon Abe in Geneva on Friday. “I think we have found common ground”, she told reporters.",
        &["Mara Vell|Vell", "Jon Abe|Abe"],
        "President Mara Vell shook hands with Prime Minister Jon Abe in Geneva on Friday. “[I think we have found common ground]”, she told reporters.
quote 1: speaker=Mara Vell named=\"she\" verb=told",
    );
}

#[test]
fn role_noun_resolves_to_the_nearest_person_named_before() {
    check(
        "Senator Paul Drake voted against the bill on Thursday.\n\n“This bill spends money we do not have,” the senator said.",
        &["Paul Drake|Drake"],
        "Senator Paul Drake voted against the bill on Thursday.\n\n“[This bill spends money we do not have,]” the senator said.
quote 1: speaker=Paul Drake named=\"the senator\" verb=said",
    );
}

#[test]
fn according_to_names_the_speaker() {
    check(
        "According to Drake, “the vote will happen next week no matter what the leaders say.”",
        &["Paul Drake|Drake"],
        "According to Drake, “[the vote will happen next week no matter what the leaders say.]”
quote 1: speaker=Paul Drake named=\"Drake\" verb=according",
    );
}

#[test]
fn unknown_speaker_words_leave_the_speaker_empty() {
    check(
        "“It is a mess and everyone in the room knows it,” a source close to the talks said.",
        &["Paul Drake|Drake"],
        "“[It is a mess and everyone in the room knows it,]” a source close to the talks said.
quote 1: speaker=- named=\"a source close to the talks\" verb=said",
    );
}

#[test]
fn issue_17_woven_words_are_partial_quotations_titles_are_none() {
    check(
        "Drake called the plan a \"disaster\" on “Morning Briefing With Kate” and said the talks were “going nowhere fast” this week.",
        &["Paul Drake|Drake"],
        "Drake called the plan a \"[disaster]\" on “Morning Briefing With Kate” and said the talks were “[going nowhere fast]” this week.
quote 1: speaker=Paul Drake named=\"Drake\" verb=called partial
quote 2: speaker=Paul Drake named=\"Drake\" verb=said partial",
    );
}

#[test]
fn issue_17_a_scare_quoted_word_nobody_says_has_no_speaker() {
    // The mayor is the subject, but no verb of saying or naming gives her the word.
    check(
        "Mayor Lina Ortiz drove past the \"ghost\" estate on the river on Tuesday.",
        &["Lina Ortiz|Ortiz"],
        "Mayor Lina Ortiz drove past the \"[ghost]\" estate on the river on Tuesday.
quote 1: speaker=- named=\"-\" verb=- partial",
    );
}

#[test]
fn quotation_running_over_two_paragraphs_is_one_quotation() {
    check(
        "Abe spoke for an hour.\n\n“The harbour will reopen in May, and the ferries will run again,” Abe said. “Fishing boats come first.\n\n“Then the cruise ships, once the piers are safe.”",
        &["Jon Abe|Abe"],
        "Abe spoke for an hour.\n\n“[The harbour will reopen in May, and the ferries will run again,]” Abe said. “[Fishing boats come first.]\n\n“[Then the cruise ships, once the piers are safe.]”
quote 1: speaker=Jon Abe named=\"Abe\" verb=said",
    );
}

#[test]
fn closed_quotation_goes_on_in_the_next_paragraph_without_attribution() {
    check(
        "“We will not sign this deal,” Vell told reporters.\n\n“Not this month, and not in this form.”\n\nThe talks resume on Monday.",
        &["Mara Vell|Vell"],
        "“[We will not sign this deal,]” Vell told reporters.\n\n“[Not this month, and not in this form.]”\n\nThe talks resume on Monday.
quote 1: speaker=Mara Vell named=\"Vell\" verb=told",
    );
}

#[test]
fn nested_quotation_stays_inside() {
    check(
        "“They told me “wait and see” and then they left the table,” Abe said.",
        &["Jon Abe|Abe"],
        "“[They told me “wait and see” and then they left the table,]” Abe said.
quote 1: speaker=Jon Abe named=\"Abe\" verb=said",
    );
}

#[test]
fn organization_speaks_through_a_statement() {
    check(
        "“The company will appeal the ruling in every court available,” Norfield Energy said in a statement.",
        &["ORG:Norfield Energy"],
        "“[The company will appeal the ruling in every court available,]” Norfield Energy said in a statement.
quote 1: speaker=Norfield Energy named=\"Norfield Energy\" verb=said",
    );
}

#[test]
fn bad_input_does_not_panic() {
    for text in ["", "\"", "“", "”", "\"\"", "“”\n\n”“", "said \"", "é“x”é"] {
        let mut doc = document(text, &[]);
        // A mention past the end of the text must be ignored, not sliced.
        doc.entities.push(Entity {
            name: "Ghost".into(),
            kind_type: EntityType::Person,
            kind: None,
            codes: Default::default(),
            geo: None,
            mentions: vec![Span::new(50, 60)],
        });
        stage().run(&mut doc).expect("never fails");
    }
}

/// The seed article of the project (read from the shared folder, never copied here).
#[test]
fn seed_article_quotes_and_speakers() {
    let Some(path) = newsgraph_testkit::shared_file("seed/000_56393bfea5eef749.txt") else {
        return;
    };
    let text = std::fs::read_to_string(&path).expect("the seed article reads");
    let mut doc = document(
        &text,
        &[
            "Vladimir Putin|Putin",
            "Barack Obama|Obama",
            "Xi",
            "Recep Tayyip Erdogan",
        ],
    );
    stage().run(&mut doc).expect("never fails");
    let said: Vec<(String, Option<String>)> = doc
        .quotes
        .iter()
        .map(|q| {
            (
                doc.slice(q.span).chars().take(30).collect(),
                q.speaker.map(|e| doc.entities[e].name.clone()),
            )
        })
        .collect();
    let speaker_of = |start: &str| {
        said.iter()
            .find(|(t, _)| t.starts_with(start))
            .map(|(_, s)| s.clone())
    };
    assert_eq!(
        speaker_of("I think we have reached"),
        Some(Some("Vladimir Putin".into())),
        "{said:?}"
    );
    assert_eq!(
        speaker_of("We have had some productive"),
        Some(Some("Barack Obama".into())),
        "{said:?}"
    );
    assert_eq!(
        speaker_of("Part of what I"),
        Some(Some("Barack Obama".into())),
        "{said:?}"
    );
    assert_eq!(
        speaker_of("He’s exercising his"),
        Some(Some("Barack Obama".into())),
        "{said:?}"
    );
    // "technical", "a range of issues" and "grave differences" are borrowed words: partial
    // quotations.
    let partial = |start: &str| {
        doc.quotes
            .iter()
            .find(|q| doc.slice(q.span).starts_with(start))
            .map(|q| q.partial)
    };
    assert_eq!(
        (
            partial("technical"),
            partial("a range of"),
            partial("grave")
        ),
        (Some(true), Some(true), Some(true)),
        "{said:?}"
    );
}

#[test]
fn surname_the_entity_layer_missed_still_finds_its_entity() {
    check(
        "Marianne Espinoza filed her papers on Monday.\n\n“Fourteen years in the capital is long enough,” Espinoza said.",
        &["Marianne Espinoza"],
        "Marianne Espinoza filed her papers on Monday.\n\n“[Fourteen years in the capital is long enough,]” Espinoza said.
quote 1: speaker=Marianne Espinoza named=\"Espinoza\" verb=said",
    );
}

#[test]
fn quotation_signed_with_a_dash() {
    check(
        "“The line at the polling station went around the block twice.” ― Nora Blum",
        &["Nora Blum|Blum"],
        "“[The line at the polling station went around the block twice.]” ― Nora Blum
quote 1: speaker=Nora Blum named=\"Nora Blum\" verb=-",
    );
}

#[test]
fn a_place_in_the_speaker_phrase_is_not_the_speaker() {
    check(
        "Marco Reyes toured the flooded towns on Saturday.\n\n“We will rebuild every house,” the Florida senator said.",
        &["Marco Reyes|Reyes", "LOC:Florida"],
        "Marco Reyes toured the flooded towns on Saturday.\n\n“[We will rebuild every house,]” the Florida senator said.
quote 1: speaker=Marco Reyes named=\"the Florida senator\" verb=said",
    );
}

#[test]
fn participle_takes_the_subject_of_its_clause() {
    check(
        "Vell congratulated Abe on the result, adding, “Now the real work begins for both of us.”",
        &["Mara Vell|Vell", "Jon Abe|Abe"],
        "Vell congratulated Abe on the result, adding, “[Now the real work begins for both of us.]”
quote 1: speaker=Mara Vell named=\"Vell\" verb=adding",
    );
}

#[test]
fn indefinite_speaker_phrase_names_nobody_known() {
    check(
        "Paul Drake won the primary by six points.\n\n“Nobody saw this coming,” said one Republican official in the state.",
        &["Paul Drake|Drake"],
        "Paul Drake won the primary by six points.\n\n“[Nobody saw this coming,]” said one Republican official in the state.
quote 1: speaker=- named=\"one Republican official in the state\" verb=said",
    );
}

// Issue 17, kind 2: quotations beside their attribution.

#[test]
fn issue_17_a_quotation_after_its_attribution_sentence() {
    check(
        "The army would respond to any attack on its posts, the army chief Omar Haddad said in a statement. \"No more restraint for anyone.\"",
        &["Omar Haddad|Haddad"],
        "The army would respond to any attack on its posts, the army chief Omar Haddad said in a statement. \"[No more restraint for anyone.]\"
quote 1: speaker=Omar Haddad named=\"Omar Haddad\" verb=said",
    );
}

#[test]
fn issue_17_a_title_in_the_attribution_sentence_leaves_it_to_the_next_quotation() {
    check(
        "Senator Ada Kerr told Nadia Bell on \"Morning Report\" on Sunday. \"The money is there and the crews are ready to start work.\"",
        &["Ada Kerr|Kerr", "Nadia Bell"],
        "Senator Ada Kerr told Nadia Bell on \"Morning Report\" on Sunday. \"[The money is there and the crews are ready to start work.]\"
quote 1: speaker=Ada Kerr named=\"Ada Kerr\" verb=told",
    );
}

#[test]
fn issue_17_a_paragraph_opening_with_a_quotation_takes_the_speaker_the_last_one_named() {
    check(
        "Mayor Lina Ortiz told the council the bridge would reopen in May.\n\n\"We have the money, we have the crews and we have the steel.\"",
        &["Lina Ortiz|Ortiz"],
        "Mayor Lina Ortiz told the council the bridge would reopen in May.\n\n\"[We have the money, we have the crews and we have the steel.]\"
quote 1: speaker=Lina Ortiz named=\"Lina Ortiz\" verb=told",
    );
}

#[test]
fn issue_17_a_quotation_over_paragraphs_flattened_into_one_line() {
    // The scraper lost the line break after "May."; the first paragraph was left open.
    check(
        "Abe spoke for an hour. She said: \"The harbour will reopen in May. \"Then the cruise ships come back, once the piers are safe.\" The port was shut in 2019.",
        &["Jon Abe|Abe"],
        "Abe spoke for an hour. She said: \"[The harbour will reopen in May.] \"[Then the cruise ships come back, once the piers are safe.]\" The port was shut in 2019.
quote 1: speaker=Jon Abe named=\"She\" verb=said",
    );
}

#[test]
fn issue_17_a_quotation_inside_a_quotation_in_straight_marks() {
    check(
        "\"The envoy told us \"not this year\" and left the room,\" Haddad said.",
        &["Omar Haddad|Haddad"],
        "\"[The envoy told us \"not this year\" and left the room,]\" Haddad said.
quote 1: speaker=Omar Haddad named=\"Haddad\" verb=said",
    );
}

// Issue 17, kind 3: speakers that are organisations and roles.

#[test]
fn issue_17_the_ministry_is_the_ministry_named_earlier() {
    check(
        "The Foreign Ministry summoned the ambassador on Monday. \"The decision is final and it is not open to talks,\" the ministry said.",
        &["ORG:Foreign Ministry", "LOC:Norway"],
        "The Foreign Ministry summoned the ambassador on Monday. \"[The decision is final and it is not open to talks,]\" the ministry said.
quote 1: speaker=Foreign Ministry named=\"the ministry\" verb=said",
    );
}

#[test]
fn issue_17_the_45_year_old_is_the_person_of_that_age() {
    check(
        "Ana Ruiz, 45, runs a bakery near the square. Tom Reyes, 61, sells fish there. \"We lost everything in one night,\" the 45-year-old said.",
        &["Ana Ruiz|Ruiz", "Tom Reyes|Reyes"],
        "Ana Ruiz, 45, runs a bakery near the square. Tom Reyes, 61, sells fish there. \"[We lost everything in one night,]\" the 45-year-old said.
quote 1: speaker=Ana Ruiz named=\"the 45-year-old\" verb=said",
    );
}

#[test]
fn issue_17_the_foreign_minister_is_the_person_named_in_that_role() {
    check(
        "Prime Minister Karl Berg met Foreign Minister Sara Lind in Oslo. Berg left early. \"We will not sign the treaty this year,\" the foreign minister said.",
        &["Karl Berg|Berg", "Sara Lind|Lind"],
        "Prime Minister Karl Berg met Foreign Minister Sara Lind in Oslo. Berg left early. \"[We will not sign the treaty this year,]\" the foreign minister said.
quote 1: speaker=Sara Lind named=\"the foreign minister\" verb=said",
    );
}

#[test]
fn issue_17_the_outlet_told_is_the_listener_never_the_speaker() {
    check(
        "\"Nobody has asked us what we need,\" Ruiz told AFP. Reyes told Reuters: \"The port will not close.\"",
        &["Ana Ruiz|Ruiz", "Tom Reyes|Reyes", "ORG:AFP", "ORG:Reuters"],
        "\"[Nobody has asked us what we need,]\" Ruiz told AFP. Reyes told Reuters: \"[The port will not close.]\"
quote 1: speaker=Ana Ruiz named=\"Ruiz\" verb=told
quote 2: speaker=Tom Reyes named=\"Reyes\" verb=told",
    );
}

// Issue 17, kind 4: damaged text.

#[test]
fn issue_17_damaged_marks_apostrophes_dashes_and_one_line() {
    // `don"t` is an apostrophe, `"?` a closing mark after a word and a dash after a space, and
    // the paragraphs run together in one line.
    check(
        "Ruiz said the port \"?the oldest in the region \"?would stay open.- \"We don\"t close, we never did,\"?Ruiz said.- Reyes disagreed.",
        &["Ana Ruiz|Ruiz", "Tom Reyes|Reyes"],
        "Ruiz said the port \"?the oldest in the region \"?would stay open.- \"[We don\"t close, we never did,]\"?Ruiz said.- Reyes disagreed.
quote 1: speaker=Ana Ruiz named=\"Ruiz\" verb=said",
    );
}
