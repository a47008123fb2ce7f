//! The four stages together on articles written for these tests, through `stages()` as the
//! pipeline runs them, and (when `shared/` is present) the counts figure on the GVA dev set.

use newsgraph_model::{Document, Record};

/// A summit story in wire style, written for this test.
const SUMMIT: &str = "Leaders of both countries met at the summit site here for two hours, \
officials said.\n\nOn Monday, the president said the truce talks had made progress, but warned \
that grave differences remained on a ceasefire.\n\nA car bomb wounded 112 people in the \
capital last week, police said. Hackers also hit the party's servers in \
September.";

fn run_all(doc: &mut Document) {
    let k = newsgraph_extract::Knowledge::embedded();
    for stage in newsgraph_extract::stages(k).expect("embedded knowledge files") {
        stage.run(doc).expect("stages never fail on text");
    }
}

#[test]
fn seed_like_story_gets_counts_dates_themes_and_tone() {
    let mut doc = Document::from_text("summit", "");
    doc.text = SUMMIT.to_string();
    doc.title = Some("Powers work on truce, as blasts kill dozens".to_string());
    doc.published = Some("2016-09-07".to_string());
    run_all(&mut doc);

    let counts: Vec<(&str, i64, bool, bool)> = doc
        .counts
        .iter()
        .map(|c| (c.kind.as_str(), c.number, c.approximate, c.in_title))
        .collect();
    // "kill dozens" states no number: the toll keeps it, the count statements do not.
    assert_eq!(counts, [("WOUND", 112, false, false)]);
    let toll: Vec<(&str, i64, bool, bool)> = doc
        .toll
        .iter()
        .map(|c| (c.kind.as_str(), c.number, c.approximate, c.in_title))
        .collect();
    assert_eq!(
        toll,
        [("KILL", 24, true, true), ("WOUND", 112, false, false)]
    );

    let dates: Vec<(&str, &str)> = doc
        .dates
        .iter()
        .map(|d| (doc.slice(d.span), d.value.as_str()))
        .collect();
    assert_eq!(
        dates,
        [
            ("Monday", "2016-09-05"),
            ("last week", "2016-08"),
            ("September", "2016-09")
        ]
    );

    let themes: Vec<&str> = doc.themes.iter().map(|t| t.code.as_str()).collect();
    for code in [
        "CEASEFIRE",
        "NEGOTIATIONS",
        "BOMBING",
        "WOUND",
        "CYBER_ATTACK",
        "SECURITY_SERVICES",
    ] {
        assert!(themes.contains(&code), "{code} missing from {themes:?}");
    }
    let tone = doc.tone.expect("tone is always set");
    assert!(
        tone.words > 50 && tone.negative > 0.0 && tone.positive > 0.0,
        "{tone:?}"
    );

    // The output record shows a title count with the title's words.
    doc.title = Some("Powers work on truce, as blasts kill 24".to_string());
    run_all(&mut doc);
    let record = Record::from_document(&doc);
    assert_eq!(record.counts[0].text, "kill 24");
    assert!(record.counts[0].in_title);
}

#[test]
fn published_date_is_read_from_the_text_when_missing() {
    let mut doc = Document::from_text("dateline", "");
    doc.text = "Posted: 12 March 2015\n\nThe mayor resigned yesterday after a vote.".to_string();
    run_all(&mut doc);
    assert_eq!(doc.published.as_deref(), Some("2015-03-12"));
    let yesterday = doc
        .dates
        .iter()
        .find(|d| doc.slice(d.span) == "yesterday")
        .map(|d| d.value.as_str());
    assert_eq!(yesterday, Some("2015-03-11"));
}

#[test]
fn empty_and_odd_texts_never_panic() {
    for text in [
        "",
        " ",
        "\u{feff}",
        "“”",
        "5",
        "a-",
        "-a",
        "1,2,3,4",
        "Sept.",
        "’s",
        "Ωμέγα 12 000",
    ] {
        let mut doc = Document::from_text("odd", "");
        doc.text = text.to_string();
        doc.title = Some(text.to_string());
        run_all(&mut doc);
    }
}

/// The incident figures of gva-dev are its `toll` gold (they were under `counts` before the
/// gold split every count statement from the main happening's figures).
#[test]
fn gva_dev_toll_f1_stays_above_the_bar() {
    let Some(path) = newsgraph_testkit::shared_file("data/dev/gva-dev.jsonl") else {
        return;
    };
    let data = std::fs::read_to_string(&path).expect("readable gold file");
    let (mut gold_n, mut out_n, mut hit) = (0usize, 0usize, 0usize);
    let stage = newsgraph_extract::counts::Counts::new(newsgraph_extract::Knowledge::embedded())
        .expect("embedded knowledge files");
    for line in data.lines() {
        let case: serde_json::Value = serde_json::from_str(line).expect("gold lines are JSON");
        let Some(gold) = case["gold"]["toll"].as_array() else {
            continue;
        };
        let gold: Vec<(String, i64)> = gold
            .iter()
            .map(|g| {
                (
                    g["type"].as_str().unwrap_or("").to_string(),
                    g["number"].as_i64().unwrap_or(-1),
                )
            })
            .collect();
        let mut doc = Document::from_text("gva", "");
        doc.text = case["input"]["text"].as_str().unwrap_or("").to_string();
        doc.published = case["input"]["published"]
            .as_str()
            .map(|s| s.chars().take(10).collect());
        let mut out: Vec<(String, i64)> = stage
            .figures(&doc)
            .toll
            .into_iter()
            .map(|c| (c.kind, c.number))
            .collect();
        out.sort();
        out.dedup();
        hit += out.iter().filter(|o| gold.contains(o)).count();
        gold_n += gold.len();
        out_n += out.len();
    }
    let (p, r) = (
        hit as f64 / out_n.max(1) as f64,
        hit as f64 / gold_n.max(1) as f64,
    );
    let f1 = 2.0 * p * r / (p + r).max(1e-9);
    println!("gva-dev toll: P {p:.3} R {r:.3} F1 {f1:.3}");
    assert!(f1 >= 0.60, "toll F1 {f1:.3} fell below 0.60");
}
