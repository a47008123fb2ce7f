//! Issue 21: reports become one global event only when they are reports of one happening: the
//! same story, actors and code within a day, or the same actors, root, place and day.

use newsgraph_model::Record;
use newsgraph_store::{ArticleFeatures, Linked, Links, Store};

/// An event as JSON: source and target codes, CAMEO code, place, date.
fn event(src: &str, tgt: &str, code: &str, place: &str, date: &str) -> serde_json::Value {
    serde_json::json!({
        "source": {"name": src, "code": src}, "target": {"name": tgt, "code": tgt},
        "code": code, "root": &code[..2], "quad_class": 4, "goldstein": -10.0,
        "location": {"name": place, "country": "SY"}, "date": date,
        "text": "They clashed.", "is_root": true, "mentions": 1
    })
}

fn linked(id: &str, story: &str, source: &str, events: Vec<serde_json::Value>) -> Linked {
    let record: Record = serde_json::from_value(serde_json::json!({
        "id": id, "published": "2016-09-05", "source": source, "text": "They clashed.",
        "events": events
    }))
    .expect("a valid record");
    Linked {
        record,
        links: Links {
            duplicate_of: None,
            story: story.into(),
        },
        features: ArticleFeatures {
            minhash: Vec::new(),
            terms: Vec::new(),
            entities: Vec::new(),
            day: None,
        },
    }
}

/// (article, event index) → global event id.
fn globals(store: &Store) -> Vec<((String, usize), i64)> {
    store
        .event_mentions()
        .expect("mentions")
        .into_iter()
        .map(|m| ((m.article_id, m.idx), m.global_id))
        .collect()
}

fn global_of(g: &[((String, usize), i64)], article: &str, idx: usize) -> i64 {
    g.iter()
        .find(|((a, i), _)| a == article && *i == idx)
        .map(|(_, id)| *id)
        .expect("event stored")
}

#[test]
fn issue_21_reports_merge_within_a_story_and_a_day_or_at_one_place_and_day() {
    let mut store = Store::open_in_memory().expect("store");
    let batch = vec![
        linked(
            "a1",
            "s1",
            "wire-one",
            vec![
                event("SYR", "REB", "190", "Aleppo", "2016-09-05"),
                // The same event said twice in one article: one more mention, not an article.
                event("SYR", "REB", "190", "Aleppo", "2016-09-05"),
            ],
        ),
        // Same story, a day later by its reckoning: the same happening.
        linked(
            "a2",
            "s1",
            "wire-two",
            vec![event("SYR", "REB", "190", "Aleppo", "2016-09-06")],
        ),
        // Same story, three days later: another clash.
        linked(
            "a3",
            "s1",
            "wire-two",
            vec![event("SYR", "REB", "190", "Aleppo", "2016-09-08")],
        ),
        // Another story, same actors, root, place and day: the same happening.
        linked(
            "b1",
            "s2",
            "wire-three",
            vec![event("SYR", "REB", "193", "Aleppo", "2016-09-05")],
        ),
        // Another story, same actors and day, another place: not the same.
        linked(
            "c1",
            "s3",
            "wire-three",
            vec![event("SYR", "REB", "190", "Homs", "2016-09-05")],
        ),
    ];
    store.write_batch(&batch, &[]).expect("write");
    let g = globals(&store);
    let first = global_of(&g, "a1", 0);
    assert_eq!(global_of(&g, "a1", 1), first);
    assert_eq!(global_of(&g, "a2", 0), first);
    assert_ne!(global_of(&g, "a3", 0), first);
    assert_eq!(global_of(&g, "b1", 0), first);
    assert_ne!(global_of(&g, "c1", 0), first);

    let events = store
        .events(&newsgraph_store::Query {
            limit: 10,
            ..Default::default()
        })
        .expect("events");
    let top = events
        .iter()
        .find(|e| e.id == first)
        .expect("the merged event");
    assert_eq!((top.mentions, top.articles), (4, 3));
    let sources = store
        .event_mentions()
        .expect("mentions")
        .into_iter()
        .find(|m| m.global_id == first)
        .map(|m| m.sources);
    assert_eq!(sources, Some(3), "wire-one, wire-two, wire-three");
    assert_eq!(store.stats().expect("stats").global_events, 3);
}
