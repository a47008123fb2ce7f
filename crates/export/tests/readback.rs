//! Writes Event, Mentions and GKG files for hand-built fixture records, reads them back and
//! checks every column the records fill, field by field, against the GDELT codebooks.

use newsgraph_export::{
    Exporter, GlobalEvent, Knowledge, EVENT_COLUMNS, GKG_COLUMNS, MENTION_COLUMNS,
};
use newsgraph_model::record::{
    ActorOut, CountOut, DateOut, EntityOut, EventOut, LocationOut, MentionOut, QuoteOut, ThemeOut,
    TollOut,
};
use newsgraph_model::{Codes, EntityType, Geo, Record, Tone};
use std::io::{BufRead, Write};

const TEXT: &str = "Kyiv, March 3 - Sergei Lavrov met Antonio Guterres in Geneva on Monday. \
\"We will talk again,\" Lavrov said. Shelling killed 12 people in Kharkiv.";

fn mention(text: &str, needle: &str) -> MentionOut {
    let byte = text.find(needle).expect("fixture names its mentions");
    let start = text[..byte].chars().count();
    MentionOut {
        start,
        end: start + needle.chars().count(),
        text: needle.to_string(),
    }
}

fn entity(name: &str, kind_type: EntityType, cameo: &str, geo: Option<Geo>) -> EntityOut {
    let short = name.split_whitespace().last().unwrap_or(name);
    EntityOut {
        name: name.to_string(),
        kind_type,
        kind: geo.as_ref().map(|_| "city".to_string()),
        codes: Codes {
            cameo: (!cameo.is_empty()).then(|| cameo.to_string()),
            ..Codes::default()
        },
        geo,
        mentions: vec![mention(TEXT, short)],
    }
}

fn fixture() -> Record {
    let geneva = Geo {
        country: "CH".into(),
        lat: 46.2022,
        lon: 6.1457,
        geonames_id: Some(2660646),
        admin1: Some("GE".into()),
        feature: Some("PPLA".into()),
    };
    let kharkiv = Geo {
        country: "UA".into(),
        lat: 49.9808,
        lon: 36.2527,
        geonames_id: Some(706483),
        admin1: Some("07".into()),
        feature: Some("PPLA".into()),
    };
    let sentence = "Sergei Lavrov met Antonio Guterres in Geneva on Monday.";
    let quote = "We will talk again,";
    let quote_at = mention(TEXT, quote);
    Record {
        id: "fixture-1".into(),
        url: Some("https://www.example-news.org/world/talks".into()),
        title: Some("Lavrov meets Guterres".into()),
        published: Some("2026-03-03".into()),
        published_at: None,
        language: Some("en".into()),
        source: None,
        author: None,
        text: TEXT.into(),
        removed: vec![],
        entities: vec![
            entity("Sergei Lavrov", EntityType::Person, "RUSGOV", None),
            entity("Antonio Guterres", EntityType::Person, "IGOUNO", None),
            entity("Geneva", EntityType::Location, "", Some(geneva)),
            entity("Kharkiv", EntityType::Location, "", Some(kharkiv)),
            EntityOut {
                name: "United Nations".into(),
                kind_type: EntityType::Organization,
                kind: Some("igo".into()),
                codes: Codes::default(),
                geo: None,
                mentions: vec![],
            },
        ],
        quotes: vec![QuoteOut {
            text: quote.into(),
            speaker: Some("Sergei Lavrov".into()),
            start: quote_at.start,
            end: quote_at.end,
            verb: Some("said".into()),
            partial: false,
            continues: false,
        }],
        counts: vec![CountOut {
            kind: "KILL".into(),
            number: 12,
            approximate: false,
            object: Some("people".into()),
            text: "killed 12 people".into(),
            location: Some("Kharkiv".into()),
            in_title: false,
        }],
        toll: vec![TollOut {
            kind: "KILL".into(),
            number: 12,
            approximate: false,
        }],
        dates: vec![DateOut {
            text: "March 3".into(),
            value: "2026-03-03".into(),
            start: 6,
            end: 13,
        }],
        themes: vec![ThemeOut {
            code: "KILL".into(),
            count: 1,
            offsets: vec![[mention(TEXT, "killed").start, mention(TEXT, "killed").end]],
        }],
        tone: Some(Tone {
            tone: -2.5,
            positive: 1.0,
            negative: 3.5,
            polarity: 4.5,
            activity: 10.0,
            self_group: 0.5,
            words: 24,
        }),
        events: vec![EventOut {
            source: Some(ActorOut {
                name: "Sergei Lavrov".into(),
                code: "RUSGOV".into(),
            }),
            target: Some(ActorOut {
                name: "Antonio Guterres".into(),
                code: "IGOUNO".into(),
            }),
            code: "043".into(),
            root: "04".into(),
            quad_class: 1,
            goldstein: 2.8,
            location: Some(LocationOut {
                name: "Geneva".into(),
                country: Some("CH".into()),
                lat: Some(46.2022),
                lon: Some(6.1457),
            }),
            date: Some("2026-03-02".into()),
            text: sentence.into(),
            is_root: true,
            mentions: 1,
        }],
        story: None,
        duplicate_of: None,
        diagnostics: vec![],
    }
}

/// The exporter over the embedded knowledge files.
fn exporter() -> Exporter {
    Exporter::new(Knowledge::embedded()).expect("embedded knowledge files")
}

fn global() -> GlobalEvent {
    GlobalEvent {
        id: 7,
        mentions: 3,
        sources: 2,
        articles: 2,
        avg_tone: Some(-1.25),
        first_seen: Some("2026-03-03".into()),
    }
}

/// Writes lines to a file and reads them back as rows of fields.
fn round_trip(lines: &[String]) -> Vec<Vec<String>> {
    // Tests run in parallel: each round trip gets a file of its own.
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path =
        std::env::temp_dir().join(format!("newsgraph-export-{}-{n}.tsv", std::process::id()));
    {
        let mut f = std::fs::File::create(&path).expect("temp file");
        for l in lines {
            writeln!(f, "{l}").expect("write");
        }
    }
    let rows = std::io::BufReader::new(std::fs::File::open(&path).expect("read back"))
        .lines()
        .map(|l| {
            l.expect("utf-8 line")
                .split('\t')
                .map(str::to_string)
                .collect()
        })
        .collect();
    let _ = std::fs::remove_file(&path);
    rows
}

#[test]
fn event_row_follows_the_codebook() {
    let record = fixture();
    let rows = round_trip(&[exporter()
        .event_line(&global(), &record, 0)
        .expect("event 0")]);
    let f = &rows[0];
    assert_eq!(f.len(), EVENT_COLUMNS);
    let expect = [
        (0, "7"),
        (1, "20260302"),
        (2, "202603"),
        (3, "2026"),
        (4, "2026.2521"),
        (5, "RUSGOV"),
        (6, "SERGEI LAVROV"),
        (7, "RUS"),
        (12, "GOV"),
        (15, "IGOUNO"),
        (16, "ANTONIO GUTERRES"),
        (17, ""),
        (18, "UNO"),
        (22, "IGO"),
        (25, "1"),
        (26, "043"),
        (27, "043"),
        (28, "04"),
        (29, "1"),
        (30, "2.8"),
        (31, "3"),
        (32, "2"),
        (33, "2"),
        (34, "-1.25"),
        (35, "0"),
        (43, "0"),
        (51, "4"),
        (52, "Geneva, Switzerland"),
        (53, "SZ"),
        (54, "SZGE"),
        (55, ""),
        (56, "46.2022"),
        (57, "6.1457"),
        (58, "2660646"),
        (59, "20260303000000"),
        (60, "https://www.example-news.org/world/talks"),
    ];
    for (i, want) in expect {
        assert_eq!(f[i], want, "Event column {i}");
    }
}

#[test]
fn mention_row_follows_the_codebook() {
    let record = fixture();
    let rows = round_trip(&[exporter()
        .mention_line(&global(), &record, 0)
        .expect("event 0")]);
    let f = &rows[0];
    assert_eq!(f.len(), MENTION_COLUMNS);
    let action = TEXT.find("Sergei").unwrap();
    let expect = [
        (0, "7".to_string()),
        (1, "20260303000000".into()),
        (2, "20260303000000".into()),
        (3, "1".into()),
        (4, "example-news.org".into()),
        (5, "https://www.example-news.org/world/talks".into()),
        (6, "1".into()),
        (7, (action + "Sergei ".len()).to_string()),
        (8, TEXT.find("Guterres").unwrap().to_string()),
        (9, action.to_string()),
        (10, "1".into()),
        (11, "".into()),
        (12, TEXT.chars().count().to_string()),
        (13, "-2.5".into()),
        (14, "".into()),
        (15, "".into()),
    ];
    for (i, want) in expect {
        assert_eq!(f[i], want, "Mentions column {i}");
    }
}

#[test]
fn gkg_row_follows_the_codebook() {
    let record = fixture();
    let rows = round_trip(&[exporter().gkg_line(&record, 1)]);
    let f = &rows[0];
    assert_eq!(f.len(), GKG_COLUMNS);
    let killed = TEXT.find("killed").unwrap();
    let kharkiv = TEXT.find("Kharkiv").unwrap();
    let geneva = TEXT.find("Geneva").unwrap();
    let quote = TEXT.find("We will").unwrap();
    let expect = [
        (0, "20260303000000-1".to_string()),
        (1, "20260303000000".into()),
        (2, "1".into()),
        (3, "example-news.org".into()),
        (4, "https://www.example-news.org/world/talks".into()),
        (
            5,
            "KILL#12#people#4#Kharkiv, Ukraine#UP#UP07#49.9808#36.2527#706483".into(),
        ),
        (
            6,
            format!("KILL#12#people#4#Kharkiv, Ukraine#UP#UP07#49.9808#36.2527#706483#{killed}"),
        ),
        (7, "KILL".into()),
        (8, format!("KILL,{killed}")),
        (
            9,
            "4#Geneva, Switzerland#SZ#SZGE#46.2022#6.1457#2660646;4#Kharkiv, Ukraine#UP#UP07#49.9808#36.2527#706483"
                .into(),
        ),
        (
            10,
            format!(
                "4#Geneva, Switzerland#SZ#SZGE##46.2022#6.1457#2660646#{geneva};4#Kharkiv, Ukraine#UP#UP07##49.9808#36.2527#706483#{kharkiv}"
            ),
        ),
        (11, "Sergei Lavrov;Antonio Guterres".into()),
        (
            12,
            format!(
                "Sergei Lavrov,{};Antonio Guterres,{}",
                TEXT.find("Lavrov").unwrap(),
                TEXT.find("Guterres").unwrap()
            ),
        ),
        (13, "United Nations".into()),
        (14, "".into()),
        (15, "-2.5,1,3.5,4.5,10,0.5,24".into()),
        (16, "3#3#3#2026#6".into()),
        (17, "wc:24".into()),
        (18, "".into()),
        (21, "".into()),
        (22, format!("{quote}|19|said|We will talk again,")),
        (25, "".into()),
        (26, "<PAGE_TITLE>Lavrov meets Guterres</PAGE_TITLE>".into()),
    ];
    for (i, want) in expect {
        assert_eq!(f[i], want, "GKG column {i}");
    }
    assert!(f[23].starts_with(&format!("Sergei Lavrov,{}", TEXT.find("Lavrov").unwrap())));
    assert_eq!(f[24], format!("12,people,{killed}"));
}

#[test]
fn a_bare_record_still_has_every_column() {
    let record = Record {
        events: fixture().events,
        ..Record::from_document(&newsgraph_model::Document::from_text("bare", "Tabs\there."))
    };
    let g = GlobalEvent {
        id: 1,
        mentions: 1,
        sources: 1,
        articles: 1,
        avg_tone: None,
        first_seen: None,
    };
    let rows = round_trip(&[
        exporter().event_line(&g, &record, 0).unwrap(),
        exporter().mention_line(&g, &record, 0).unwrap(),
        exporter().gkg_line(&record, 9),
    ]);
    assert_eq!(rows[0].len(), EVENT_COLUMNS);
    assert_eq!(rows[1].len(), MENTION_COLUMNS);
    assert_eq!(rows[2].len(), GKG_COLUMNS);
    assert_eq!(rows[2][0], "00000000000000-9");
    assert_eq!(rows[2][2], "2");
    assert_eq!(rows[2][4], "bare");
    assert!(exporter().event_line(&g, &record, 5).is_none());
}

#[test]
fn issue_20_every_event_row_has_a_date_and_a_web_source_url() {
    // An undated article: the date comes from when the event was first seen (stored).
    let mut record = fixture();
    record.published = None;
    for event in &mut record.events {
        event.date = None;
    }
    record.url = Some("javascript:alert(1)".into());
    let g = GlobalEvent {
        first_seen: Some("2026-12-06T05:00:00Z".into()),
        ..global()
    };
    let rows = round_trip(&[exporter().event_line(&g, &record, 0).unwrap()]);
    assert_eq!(rows[0][1], "20261206");
    assert_ne!(rows[0][60], "javascript:alert(1)");
    assert_eq!(
        rows[0][60], "fixture-1",
        "no web URL: the record's id, as CITATIONONLY"
    );
}

#[test]
fn issue_20_an_event_dated_after_its_article_is_not_exported_as_happened() {
    let mut record = fixture();
    record.events[0].date = Some("2026-03-10".into());
    assert!(exporter().event_line(&global(), &record, 0).is_none());
    assert!(exporter().mention_line(&global(), &record, 0).is_none());
}
