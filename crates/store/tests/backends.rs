//! The same ingest and reads against every backend: SQLite always, PostgreSQL when
//! `NEWSGRAPH_TEST_PG` holds a URL (`.ci/run` starts one). Each backend must give the same
//! answers, so the CLI and the server behave alike over either.

use newsgraph_model::Record;
use newsgraph_store::{Linked, Linker, Query, Store};

fn record(id: &str, text: &str, published: &str, source: &str, theme: &str, code: &str) -> Record {
    let value = serde_json::json!({
        "id": id, "title": format!("Title of {id}"), "published": published, "language": "en",
        "source": source, "text": text,
        "entities": [
            {"name": "Russia", "type": "LOCATION", "kind": "country", "codes": {"iso2": "RU", "iso3": "RUS", "cameo": "RUS"},
             "geo": {"country": "RU", "lat": 60.0, "lon": 100.0}, "mentions": [{"start": 0, "end": 6, "text": "Russia"}]}
        ],
        "quotes": [{"text": "It holds", "speaker": "Russia", "start": 7, "end": 15, "verb": "said"}],
        "counts": [{"type": "KILL", "number": 3, "approximate": false, "object": "people", "text": "3 people", "location": null}],
        "toll": [{"type": "KILL", "number": 3, "approximate": false}],
        "dates": [], "themes": [{"code": theme, "count": 1, "offsets": [[0, 6]]}],
        "tone": {"tone": -1.5, "positive": 1.0, "negative": 2.5, "polarity": 3.5, "activity": 9.0, "self_group": 0.0, "words": 12},
        "events": [{"source": {"name": "Russia", "code": "RUS"}, "target": {"name": "Turkey", "code": "TUR"},
                    "code": code, "root": &code[..2], "quad_class": 1, "goldstein": 1.0,
                    "location": {"name": "Ankara", "country": "TR", "lat": 39.9, "lon": 32.9},
                    "date": "2016-09-05", "text": text, "is_root": true, "mentions": 2}],
        "story": null, "duplicate_of": null
    });
    serde_json::from_value(value).expect("a valid record")
}

fn batch() -> Vec<Linked> {
    let mut linker = Linker::new();
    [
        record(
            "a1",
            "Russia and Turkey agreed on a truce in talks in Ankara on Monday, officials said.",
            "2016-09-05",
            "wire-one",
            "CEASEFIRE",
            "040",
        ),
        record(
            "a2",
            "Russia and Turkey agreed on a truce in talks in Ankara on Monday, officials said.",
            "2016-09-06",
            "wire-two",
            "CEASEFIRE",
            "040",
        ),
        record(
            "a3",
            "Heavy floods displaced thousands of families along the river delta this week.",
            "2016-09-07",
            "wire-one",
            "FLOOD",
            "190",
        ),
    ]
    .into_iter()
    .map(|record| linker.linked(record))
    .collect()
}

/// What one backend answers, in a form two backends can be compared on.
#[derive(Debug, PartialEq)]
struct Answers {
    ids: Vec<String>,
    stats: String,
    stories: Vec<(String, String)>,
    records: Vec<Record>,
    truce: Vec<String>,
    by_actor: Vec<String>,
    by_theme: Vec<String>,
    by_root: Vec<String>,
    since: Vec<String>,
    events: Vec<(i64, i64, String)>,
    timeline: Vec<(String, u64, u64)>,
    network: Vec<(String, String, u64)>,
    mentions: Vec<(String, usize, i64, i64, i64, String)>,
    facets: String,
    linker_len: usize,
    /// Every view of one query (issue 21): the count, events, timeline and network of "truce",
    /// and of the flood theme.
    truce_views: Views,
    flood_views: Views,
}

/// What each view answers for one query: (count, event codes, timeline days, network edges).
type Views = (
    u64,
    Vec<String>,
    Vec<(String, u64)>,
    Vec<(String, String, i64)>,
);

fn views(store: &Store, q: Query) -> Views {
    let q = Query { limit: 10, ..q };
    let count = store.count(&q).expect("count");
    // Issue 20: the bounded count and the facets' articles agree with the exact count (each
    // backend ranks and counts in its own SQL: the statements must run on both).
    assert_eq!(store.count_upto(&q, 1000).expect("count"), (count, false));
    let bounded = store.count_upto(&q, 0).expect("count");
    assert!(
        bounded == (count, false) || bounded == (0, count > 0),
        "a count is exact or says it stopped at the bound: {bounded:?} of {count}"
    );
    assert_eq!(store.facets(&q).expect("facets").articles, count);
    (
        count,
        store
            .events(&q)
            .expect("events")
            .into_iter()
            .map(|e| e.code)
            .collect(),
        store
            .timeline(&q)
            .expect("timeline")
            .into_iter()
            .map(|d| (d.day, d.articles))
            .collect(),
        store
            .network(&q)
            .expect("network")
            .edges
            .into_iter()
            .map(|e| (e.source, e.target, e.quad_class))
            .collect(),
    )
}

fn exercise(store: &mut Store) -> Answers {
    let batch = batch();
    store
        .write_batch(&batch, &[("broken".into(), "cannot read".into())])
        .expect("first write");
    // Ingest is idempotent: the same batch again changes nothing.
    store.write_batch(&batch, &[]).expect("second write");
    let search = |q: Query| -> Vec<String> {
        let mut ids: Vec<String> = store
            .search(&Query { limit: 10, ..q })
            .expect("search")
            .into_iter()
            .map(|h| h.id)
            .collect();
        ids.sort();
        ids
    };
    let mut ids: Vec<String> = store.ids().expect("ids").into_iter().collect();
    ids.sort();
    let mut records = Vec::new();
    store
        .each_record(&mut |r| {
            records.push(r);
            Ok(())
        })
        .expect("each record");
    let one = store.record("a1").expect("record").expect("a1 stored");
    assert_eq!(one, records[0]);
    assert!(store.record("nope").expect("record").is_none());
    Answers {
        ids,
        stats: serde_json::to_string(&store.stats().expect("stats")).unwrap(),
        stories: store.stories().expect("stories"),
        records,
        truce: search(Query {
            text: Some("truce".into()),
            ..Query::default()
        }),
        by_actor: search(Query {
            actor: Some("tur".into()),
            ..Query::default()
        }),
        by_theme: search(Query {
            theme: Some("flood".into()),
            ..Query::default()
        }),
        by_root: search(Query {
            root: Some("4".into()),
            ..Query::default()
        }),
        since: search(Query {
            since: Some("2016-09-06".into()),
            ..Query::default()
        }),
        events: store
            .events(&Query {
                limit: 10,
                ..Query::default()
            })
            .expect("events")
            .into_iter()
            .map(|e| (e.mentions, e.articles, e.first_article))
            .collect(),
        timeline: store
            .timeline(&Query::default())
            .expect("timeline")
            .into_iter()
            .map(|d| (d.day, d.articles, d.events))
            .collect(),
        network: store
            .network(&Query {
                limit: 10,
                ..Query::default()
            })
            .expect("network")
            .edges
            .into_iter()
            .map(|e| (e.source, e.target, e.events))
            .collect(),
        mentions: store
            .event_mentions()
            .expect("event mentions")
            .into_iter()
            .map(|m| {
                (
                    m.article_id,
                    m.idx,
                    m.mentions,
                    m.articles,
                    m.sources,
                    m.first_article,
                )
            })
            .collect(),
        facets: serde_json::to_string(
            &store
                .facets(&Query {
                    limit: 10,
                    ..Query::default()
                })
                .expect("facets"),
        )
        .unwrap(),
        linker_len: store.linker().expect("linker").len(),
        truce_views: views(
            store,
            Query {
                text: Some("truce".into()),
                ..Query::default()
            },
        ),
        flood_views: views(
            store,
            Query {
                theme: Some("flood".into()),
                ..Query::default()
            },
        ),
    }
}

fn check(a: &Answers) {
    assert_eq!(a.ids, ["a1", "a2", "a3"]);
    assert_eq!(
        a.records.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        ["a1", "a2", "a3"]
    );
    assert!(a.stats.contains("\"articles\":3"), "{}", a.stats);
    assert!(a.stats.contains("\"failures\":1"), "{}", a.stats);
    assert_eq!(a.truce, ["a1", "a2"]);
    assert_eq!(a.by_actor, ["a1", "a2", "a3"]);
    assert_eq!(a.by_theme, ["a3"]);
    assert_eq!(a.since, ["a2", "a3"]);
    assert_eq!(a.linker_len, 3);
    assert_eq!(a.mentions.len(), 3);
    // a2 copies a1: same story, so their events are one event reported by two outlets.
    assert_eq!(a.records[1].duplicate_of.as_deref(), Some("a1"));
    assert_eq!(a.events[0], (4, 2, "a1".to_string()));
    assert_eq!(a.mentions[1], ("a2".into(), 0, 4, 2, 2, "a1".into()));
    assert_eq!(a.network, [("RUS".into(), "TUR".into(), 3)]);
    assert_eq!(a.timeline.len(), 3);
    // Issue 21: every view follows the search words and filters, and the count is of every
    // match, not of a page.
    let (count, events, days, edges) = &a.truce_views;
    assert_eq!(*count, 2);
    assert_eq!(events, &["040"]);
    assert_eq!(
        days,
        &[("2016-09-05".to_string(), 1), ("2016-09-06".to_string(), 1)]
    );
    assert_eq!(edges, &[("RUS".to_string(), "TUR".to_string(), 1)]);
    let (count, events, days, _) = &a.flood_views;
    assert_eq!(*count, 1);
    assert_eq!(events, &["190"]);
    assert_eq!(days, &[("2016-09-07".to_string(), 1)]);
    // Export gives back the toll (issue #17's field) as analyze wrote it.
    assert_eq!(a.records[0].toll.len(), 1);
    assert_eq!(a.records[0].toll[0].number, 3);
}

#[test]
fn sqlite_backend_answers() {
    let mut store = Store::open_in_memory().expect("in-memory store");
    check(&exercise(&mut store));
}

#[cfg(feature = "postgres")]
#[test]
fn postgres_backend_answers_like_sqlite() {
    let Ok(url) = std::env::var("NEWSGRAPH_TEST_PG") else {
        eprintln!("skipped: set NEWSGRAPH_TEST_PG=postgres://user:pass@host/db to test PostgreSQL");
        return;
    };
    let schema = format!(
        "newsgraph_test_{}_{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0)
    );
    let mut pg =
        Store::connect_postgres(&url, Some(&schema)).expect("connect to NEWSGRAPH_TEST_PG");
    let answers = exercise(&mut pg);
    let mut cleanup = postgres::Client::connect(&url, postgres::NoTls).expect("reconnect");
    cleanup
        .batch_execute(&format!("DROP SCHEMA \"{schema}\" CASCADE"))
        .expect("drop test schema");
    check(&answers);
    let mut lite = Store::open_in_memory().expect("in-memory store");
    let expected = exercise(&mut lite);
    // Full-text ranking and snippets differ between FTS5 and tsvector; everything else agrees.
    assert_eq!(answers, expected);
}
