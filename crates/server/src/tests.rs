//! API tests over an in-memory store holding two hand-made records.

use super::*;
use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use newsgraph_model::Record;
use newsgraph_store::Linker;
use tower::ServiceExt;

fn record(id: &str, text: &str, published: &str) -> Record {
    let value = serde_json::json!({
        "id": id, "title": format!("Title of {id}"), "published": published, "language": "en", "text": text,
        "entities": [
            {"name": "Russia", "type": "LOCATION", "kind": "country", "codes": {"iso2": "RU", "iso3": "RUS", "cameo": "RUS"},
             "geo": {"country": "RU", "lat": 60.0, "lon": 100.0}, "mentions": [{"start": 0, "end": 6, "text": "Russia"}]}
        ],
        "quotes": [], "counts": [], "dates": [], "themes": [{"code": "CEASEFIRE", "count": 1, "offsets": []}],
        "tone": null,
        "events": [{"source": {"name": "Russia", "code": "RUS"}, "target": {"name": "Turkey", "code": "TUR"},
                    "code": "040", "root": "04", "quad_class": 1, "goldstein": 1.0,
                    "location": {"name": "Ankara", "country": "TR", "lat": 39.9, "lon": 32.9},
                    "date": published, "text": text, "is_root": true, "mentions": 1}],
        "story": null, "duplicate_of": null
    });
    serde_json::from_value(value).expect("a valid record")
}

fn app() -> Router {
    let mut store = Store::open_in_memory().unwrap();
    let mut linker = Linker::new();
    let mut batch = Vec::new();
    for r in [
        record(
            "a1",
            "Russia and Turkey agreed on a truce <script>alert(1)</script> in talks.",
            "2016-09-05",
        ),
        record(
            "a2",
            "Russia said the truce with Turkey held on Tuesday despite shelling.",
            "2016-09-06",
        ),
    ] {
        batch.push(linker.linked(r));
    }
    store.write_batch(&batch, &[]).unwrap();
    router(store)
}

async fn get(app: &Router, uri: &str) -> (StatusCode, serde_json::Value) {
    let res = app
        .clone()
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null),
    )
}

#[tokio::test]
async fn search_finds_words_and_applies_filters() {
    let app = app();
    let (status, body) = get(&app, "/api/search?q=truce").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["hits"].as_array().unwrap().len(), 2);
    let (_, body) = get(&app, "/api/search?q=truce&since=2016-09-06").await;
    assert_eq!(body["hits"].as_array().unwrap().len(), 1);
    assert_eq!(body["hits"][0]["id"], "a2");
    let (_, body) = get(&app, "/api/search?actor=TUR&theme=ceasefire").await;
    assert_eq!(body["hits"].as_array().unwrap().len(), 2);
    assert_eq!(body["facets"]["roots"][0][0], "04");
    let (_, body) = get(&app, "/api/search?q=shelling&country=RU").await;
    assert_eq!(body["hits"][0]["id"], "a2");
}

#[tokio::test]
async fn punctuation_in_search_words_is_not_a_syntax_error() {
    let (status, _) = get(&app(), "/api/search?q=U.S.%20%22truce").await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn article_comes_back_as_a_record_and_a_missing_one_is_404() {
    let app = app();
    let (status, body) = get(&app, "/api/articles/a1").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["entities"][0]["name"], "Russia");
    assert!(body["story"].is_string());
    let (status, body) = get(&app, "/api/articles/nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body["error"].as_str().unwrap().contains("nope"));
}

#[tokio::test]
async fn events_timeline_network_and_stats() {
    let app = app();
    let (_, events) = get(&app, "/api/events?root=04").await;
    assert!(!events.as_array().unwrap().is_empty());
    assert_eq!(events[0]["source_code"], "RUS");
    let (_, days) = get(&app, "/api/timeline").await;
    assert_eq!(days.as_array().unwrap().len(), 2);
    let (_, network) = get(&app, "/api/network").await;
    assert_eq!(network["edges"][0]["source"], "RUS");
    assert_eq!(network["edges"][0]["quad_class"], 1);
    assert_eq!(network["nodes"][0]["name"], "Russia");
    let (_, stats) = get(&app, "/api/stats").await;
    assert_eq!(stats["articles"], 2);
    let (status, spec) = get(&app, "/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert!(spec["paths"]["/api/search"].is_object());
}

#[tokio::test]
async fn issue_21_every_view_follows_the_search_and_counts_every_match() {
    let app = app();
    let (_, body) = get(&app, "/api/search?q=truce&limit=1").await;
    assert_eq!(
        body["total"], 2,
        "the count is of every match, not of the page"
    );
    assert_eq!(body["hits"].as_array().unwrap().len(), 1);
    assert_eq!(
        body["facets"]["roots"][0][1], 2,
        "facets count every match, not the page"
    );
    // Both articles report one event (merged within their story), each on its own day.
    for (view, every) in [("events", 1), ("timeline", 2)] {
        let (_, all) = get(&app, &format!("/api/{view}")).await;
        let (_, some) = get(&app, &format!("/api/{view}?q=shelling")).await;
        let (_, none) = get(&app, &format!("/api/{view}?q=flood")).await;
        assert_eq!(all.as_array().unwrap().len(), every, "{view}: {all}");
        assert_eq!(some.as_array().unwrap().len(), 1, "{view}: {some}");
        assert!(none.as_array().unwrap().is_empty(), "{view}: {none}");
    }
    let (_, days) = get(&app, "/api/timeline?until=2016-09-05").await;
    assert_eq!(days[0]["day"], "2016-09-05");
    assert_eq!(days.as_array().unwrap().len(), 1);
    let (_, network) = get(&app, "/api/network?q=flood").await;
    assert!(network["edges"].as_array().unwrap().is_empty());
    let (_, network) = get(&app, "/api/network?actor=TUR").await;
    assert_eq!(network["edges"][0]["events"], 2);
}

#[tokio::test]
async fn issue_21_codes_name_cameo_events_countries_and_themes() {
    let (status, codes) = get(&app(), "/api/codes").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(codes["events"]["190"]["quad_class"], 4);
    assert!(codes["events"]["190"]["name"].as_str().unwrap().len() > 3);
    assert!(codes["events"]["042"]["goldstein"].is_number());
    assert_eq!(codes["countries"]["SY"], "Syria");
    assert_eq!(codes["countries"]["SYR"], "Syria");
    assert!(codes["themes"]["CEASEFIRE"].is_string());
    assert_eq!(codes["roles"]["MIL"], "military");
    let (_, spec) = get(&app(), "/api/openapi.json").await;
    assert!(spec["paths"]["/api/codes"].is_object());
}

#[tokio::test]
async fn issue_23_status_shows_the_last_watch_cycle() {
    let (_, body) = get(&app(), "/api/status").await;
    assert_eq!(body["stats"]["articles"], 2);
    assert!(body["watch"].is_null(), "never watched: {body}");
    assert_eq!(body["pages"]["pending"], 0);

    let mut store = Store::open_in_memory().unwrap();
    store
        .record_cycle(&newsgraph_store::Cycle {
            started: "2024-05-07T10:15:00Z".into(),
            seconds: 4.25,
            feeds: 3,
            new_pages: 12,
            fetched: 11,
            stored: 10,
            failed: 2,
            failures: [("timeout".to_string(), 1), ("http-404".to_string(), 1)].into(),
            ..Default::default()
        })
        .unwrap();
    let (status, body) = get(&router(store), "/api/status").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["watch"]["started"], "2024-05-07T10:15:00Z");
    assert_eq!(body["watch"]["stored"], 10);
    assert_eq!(body["watch"]["failures"]["timeout"], 1);
    let (_, spec) = get(&app(), "/api/openapi.json").await;
    assert!(spec["paths"]["/api/status"].is_object());
}

#[tokio::test]
async fn ui_assets_are_embedded() {
    let app = app();
    let res = app
        .clone()
        .oneshot(Request::get("/").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.into_body().collect().await.unwrap().to_bytes();
    assert!(String::from_utf8_lossy(&html).contains("/app.js"));
    let (status, world) = get(&app, "/world.json").await;
    assert_eq!(status, StatusCode::OK);
    assert!(world["countries"].as_array().unwrap().len() > 150);
}

#[tokio::test]
async fn issue_22_licenses_name_every_data_file_and_geonames() {
    let app = app();
    let (status, rows) = get(&app, "/api/licenses").await;
    assert_eq!(status, StatusCode::OK);
    let rows = rows.as_array().unwrap();
    assert!(
        rows.iter()
            .any(|r| r["file"] == "places.tsv"
                && r["licence"].as_str().unwrap().contains("CC BY 4.0"))
    );
    assert!(rows
        .iter()
        .any(|r| r["file"] == "tone-lexicon.tsv"
            && r["terms"].as_str().unwrap().contains("C.J. Hutto")));
    let (_, spec) = get(&app, "/api/openapi.json").await;
    assert!(spec["paths"]["/api/licenses"].is_object());
}

#[tokio::test]
async fn issue_20_openapi_lists_the_errors_each_endpoint_gives() {
    let (_, spec) = get(&app(), "/api/openapi.json").await;
    for (path, codes) in [
        ("/api/search", &["200", "400", "503"][..]),
        ("/api/events", &["200", "400", "503"]),
        ("/api/timeline", &["200", "400", "503"]),
        ("/api/network", &["200", "400", "503"]),
        ("/api/articles/{id}", &["200", "400", "404", "503"]),
        ("/api/stats", &["200", "503"]),
        ("/api/status", &["200", "503"]),
    ] {
        let responses = &spec["paths"][path]["get"]["responses"];
        for code in codes {
            assert!(responses[code].is_object(), "{path} does not list {code}");
        }
    }
    let error = &spec["components"]["schemas"]["Error"]["required"];
    assert_eq!(error, &serde_json::json!(["error", "hint"]));
    let result = &spec["components"]["schemas"]["SearchResult"]["properties"];
    assert!(result["total_is_lower_bound"].is_object());
    assert!(result["facets"]["properties"]["articles"].is_object());
}
