//! Issue 23: what `newsgraph watch` keeps in the store (feed validators, listed pages and their
//! states, cycles) and the export windows, on SQLite always and on PostgreSQL when
//! `NEWSGRAPH_TEST_PG` holds a URL.

use newsgraph_model::Record;
use newsgraph_store::{
    Cycle, FeedPoll, FeedValidators, FoundPage, Linked, Linker, PageOutcome, Store, Window,
};

fn record(id: &str, url: &str) -> Record {
    serde_json::from_value(serde_json::json!({
        "id": id, "url": url, "title": format!("Title of {id}"), "published": "2024-05-07",
        "language": "en", "text": format!("Floods closed the valley road near {id} on Tuesday, police said."),
        "entities": [], "quotes": [], "counts": [], "toll": [], "dates": [], "themes": [],
        "events": [], "story": null, "duplicate_of": null
    }))
    .expect("a valid record")
}

fn found(url: &str) -> FoundPage {
    FoundPage {
        url: url.into(),
        article_id: format!("id-{}", url.rsplit('/').next().unwrap_or("")),
        title: Some(format!("Title of {url}")),
        published: Some("2024-05-07".into()),
        source: Some("Valley Post".into()),
    }
}

fn poll(url: &str, etag: Option<&str>, listed: u64) -> FeedPoll {
    FeedPoll {
        url: url.into(),
        parent: None,
        status: if etag.is_some() { "ok" } else { "not-modified" }.into(),
        error: None,
        answer: etag.map(|e| {
            (
                FeedValidators {
                    etag: Some(e.into()),
                    last_modified: None,
                },
                listed,
            )
        }),
    }
}

fn exercise(store: &mut Store) {
    let feed = "http://127.0.0.1:1/feed.xml";
    assert_eq!(store.feed_validators(feed).unwrap(), None);
    let pages = [found("http://127.0.0.1:1/a"), found("http://127.0.0.1:1/b")];
    assert_eq!(
        store
            .record_poll(&poll(feed, Some("\"v1\""), 2), &pages)
            .unwrap(),
        2
    );
    assert_eq!(
        store
            .feed_validators(feed)
            .unwrap()
            .unwrap()
            .etag
            .as_deref(),
        Some("\"v1\"")
    );
    // A second feed listing a known page adds only its new one.
    let other = "http://127.0.0.1:1/other.xml";
    let more = [found("http://127.0.0.1:1/b"), found("http://127.0.0.1:1/c")];
    assert_eq!(
        store
            .record_poll(&poll(other, Some("\"w\""), 2), &more)
            .unwrap(),
        1
    );
    // A 304 keeps the validators.
    assert_eq!(store.record_poll(&poll(feed, None, 0), &[]).unwrap(), 0);
    assert_eq!(
        store
            .feed_validators(feed)
            .unwrap()
            .unwrap()
            .etag
            .as_deref(),
        Some("\"v1\"")
    );

    let pending = store.pending_pages(None).unwrap();
    let urls: Vec<&str> = pending.iter().map(|p| p.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "http://127.0.0.1:1/a",
            "http://127.0.0.1:1/b",
            "http://127.0.0.1:1/c"
        ]
    );
    assert_eq!(pending[1].feed, feed, "the first feed that listed it");
    assert_eq!(store.pending_pages(Some(1)).unwrap().len(), 1);

    // a is stored, b fails for good, c fails for now (and for good on its third try).
    let mut linker = Linker::new();
    let rec = record("id-a", "http://127.0.0.1:1/a");
    let (links, features) = linker.link(&rec);
    let batch = [Linked {
        record: rec,
        links,
        features,
    }];
    let failed = |url: &str, reason: &str, transient| PageOutcome::Failed {
        url: url.into(),
        reason: reason.into(),
        error: format!("{reason} from {url}"),
        transient,
    };
    store
        .write_watched(
            &batch,
            &[],
            &[
                PageOutcome::Stored {
                    url: "http://127.0.0.1:1/a".into(),
                },
                failed("http://127.0.0.1:1/b", "http-404", false),
                failed("http://127.0.0.1:1/c", "timeout", true),
            ],
            3,
        )
        .unwrap();
    let now = store.pages().unwrap();
    assert_eq!(now[0].state, "stored");
    assert_eq!(now[1].state, "failed");
    assert_eq!(now[1].reason.as_deref(), Some("http-404"));
    assert_eq!((now[2].state.as_str(), now[2].attempts), ("pending", 1));
    for _ in 0..2 {
        store
            .write_watched(
                &[],
                &[],
                &[failed("http://127.0.0.1:1/c", "timeout", true)],
                3,
            )
            .unwrap();
    }
    assert_eq!(
        store.pages().unwrap()[2].state,
        "failed",
        "given up after 3 tries"
    );
    let counts = store.page_counts().unwrap();
    assert_eq!((counts.pending, counts.stored, counts.failed), (0, 1, 2));

    // The stored article carries when it was stored, and windows select by time and by row.
    let last = store.last_row().unwrap();
    assert!(last > 0);
    let count = |window: &Window| {
        let mut n = 0;
        store
            .each_record_in(window, &mut |_| {
                n += 1;
                Ok(())
            })
            .unwrap();
        n
    };
    let now = newsgraph_time::now_unix();
    let past = newsgraph_time::utc_text(now - 3600);
    let future = newsgraph_time::utc_text(now + 3600);
    assert_eq!(count(&Window::default()), 1);
    assert_eq!(
        count(&Window {
            since: Some(past.clone()),
            ..Window::default()
        }),
        1
    );
    assert_eq!(
        count(&Window {
            since: Some(future.clone()),
            ..Window::default()
        }),
        0
    );
    assert_eq!(
        count(&Window {
            until: Some(past),
            ..Window::default()
        }),
        0
    );
    assert_eq!(
        count(&Window {
            after_row: Some(last),
            ..Window::default()
        }),
        0
    );
    assert_eq!(
        count(&Window {
            through_row: Some(last),
            ..Window::default()
        }),
        1
    );

    // Cycles.
    assert_eq!(store.last_cycle().unwrap(), None);
    assert_eq!(store.exported_through().unwrap(), 0);
    let cycle = Cycle {
        started: "2024-05-07T10:15:00Z".into(),
        seconds: 1.5,
        feeds: 2,
        not_modified: 1,
        fetched: 3,
        stored: 1,
        failed: 2,
        failures: [("http-404".to_string(), 1), ("timeout".to_string(), 1)].into(),
        exported_through: Some(last),
        ..Cycle::default()
    };
    store.record_cycle(&cycle).unwrap();
    assert_eq!(store.last_cycle().unwrap(), Some(cycle));
    assert_eq!(store.exported_through().unwrap(), last);
}

#[test]
fn issue_23_watch_state_on_sqlite() {
    let mut store = Store::open_in_memory().expect("in-memory store");
    exercise(&mut store);
}

#[cfg(feature = "postgres")]
#[test]
fn issue_23_watch_state_on_postgres() {
    let Ok(url) = std::env::var("NEWSGRAPH_TEST_PG") else {
        eprintln!("skipped: set NEWSGRAPH_TEST_PG=postgres://user:pass@host/db to test PostgreSQL");
        return;
    };
    let schema = format!("newsgraph_watch_{}", std::process::id());
    let mut store =
        Store::connect_postgres(&url, Some(&schema)).expect("connect to NEWSGRAPH_TEST_PG");
    exercise(&mut store);
    drop(store);
    let mut cleanup = postgres::Client::connect(&url, postgres::NoTls).expect("reconnect");
    cleanup
        .batch_execute(&format!("DROP SCHEMA \"{schema}\" CASCADE"))
        .expect("drop test schema");
}
