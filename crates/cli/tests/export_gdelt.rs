//! `newsgraph export` end to end: hand-built records stored in a SQLite file (and in
//! PostgreSQL when `NEWSGRAPH_TEST_PG` is set), exported as GDELT Event, Mentions and GKG files
//! by the binary, then read back field by field.

use newsgraph_model::Record;
use newsgraph_store::{Linked, Linker, Store};
use std::path::{Path, PathBuf};
use std::process::Command;

fn record(id: &str, source: &str, published: &str) -> Record {
    let text = "Russia and Turkey agreed on a truce in Ankara on Monday, officials said.";
    serde_json::from_value(serde_json::json!({
        "id": id, "url": format!("https://{source}/news/{id}"), "title": "Truce agreed",
        "published": published, "language": "en", "source": source, "text": text,
        "entities": [
            {"name": "Russia", "type": "LOCATION", "kind": "country", "codes": {"iso2": "RU", "iso3": "RUS", "cameo": "RUS"},
             "geo": {"country": "RU", "lat": 60.0, "lon": 100.0, "feature": "PCLI"}, "mentions": [{"start": 0, "end": 6, "text": "Russia"}]},
            {"name": "Turkey", "type": "LOCATION", "kind": "country", "codes": {"iso2": "TR", "iso3": "TUR", "cameo": "TUR"},
             "geo": {"country": "TR", "lat": 39.0, "lon": 35.0, "feature": "PCLI"}, "mentions": [{"start": 11, "end": 17, "text": "Turkey"}]}
        ],
        "quotes": [], "counts": [], "dates": [], "themes": [{"code": "CEASEFIRE", "count": 1, "offsets": [[33, 38]]}],
        "tone": {"tone": -1.0, "positive": 2.0, "negative": 3.0, "polarity": 5.0, "activity": 8.0, "self_group": 0.0, "words": 13},
        "events": [{"source": {"name": "Russia", "code": "RUS"}, "target": {"name": "Turkey", "code": "TUR"},
                    "code": "057", "root": "05", "quad_class": 1, "goldstein": 8.0,
                    "location": {"name": "Ankara", "country": "TR", "lat": 39.92, "lon": 32.85},
                    "date": "2016-09-05", "text": text, "is_root": true, "mentions": 1}],
        "story": null, "duplicate_of": null
    }))
    .expect("a valid record")
}

fn fill(store: &mut Store) {
    let mut linker = Linker::new();
    let batch: Vec<Linked> = [
        record("a1", "one.example", "2016-09-05"),
        record("a2", "two.example", "2016-09-06"),
    ]
    .into_iter()
    .map(|record| linker.linked(record))
    .collect();
    store.write_batch(&batch, &[]).expect("stored");
}

fn export(db: &str, format: &str, dir: &Path) -> Vec<Vec<String>> {
    let to: PathBuf = dir.join(format!("{format}.tsv"));
    let status = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(["export", "--db", db, "--format", format, "--to"])
        .arg(&to)
        .status()
        .expect("newsgraph runs");
    assert!(status.success(), "export --format {format} failed");
    std::fs::read_to_string(&to)
        .expect("export written")
        .lines()
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

fn check(db: &str, dir: &Path) {
    // Two articles report one event: one Event line, two Mentions lines, two GKG lines.
    let events = export(db, "gdelt-events", dir);
    assert_eq!(events.len(), 1);
    let e = &events[0];
    assert_eq!(e.len(), 61);
    assert_eq!(&e[1], "20160905");
    assert_eq!((e[5].as_str(), e[7].as_str()), ("RUS", "RUS"));
    assert_eq!((e[15].as_str(), e[17].as_str()), ("TUR", "TUR"));
    assert_eq!(
        (e[26].as_str(), e[27].as_str(), e[28].as_str()),
        ("057", "057", "05")
    );
    assert_eq!(
        (e[31].as_str(), e[32].as_str(), e[33].as_str()),
        ("2", "2", "2")
    );
    assert_eq!(&e[34], "-1");
    // Country actors are placed in their country, with FIPS codes (Russia RS, Turkey TU).
    assert_eq!((e[35].as_str(), e[37].as_str()), ("1", "RS"));
    assert_eq!((e[43].as_str(), e[45].as_str()), ("1", "TU"));
    assert_eq!(
        (e[51].as_str(), e[52].as_str(), e[53].as_str()),
        ("4", "Ankara", "TU")
    );
    assert_eq!(&e[59], "20160905000000");
    assert_eq!(&e[60], "https://one.example/news/a1");

    let mentions = export(db, "gdelt-mentions", dir);
    assert_eq!(mentions.len(), 2);
    for (m, (id, source)) in mentions
        .iter()
        .zip([("a1", "one.example"), ("a2", "two.example")])
    {
        assert_eq!(m.len(), 16);
        assert_eq!(m[0], e[0], "both mentions point at the one event");
        assert_eq!(&m[1], "20160905000000");
        assert_eq!(&m[3], "1");
        assert_eq!(m[4], source);
        assert_eq!(m[5], format!("https://{source}/news/{id}"));
        assert_eq!(
            (m[6].as_str(), m[7].as_str(), m[8].as_str()),
            ("1", "0", "11")
        );
    }
    assert_eq!(&mentions[1][2], "20160906000000");

    let gkg = export(db, "gdelt-gkg", dir);
    assert_eq!(gkg.len(), 2);
    for g in &gkg {
        assert_eq!(g.len(), 27);
        assert_eq!(&g[7], "CEASEFIRE");
        assert_eq!(&g[9], "1#Russia#RS#RS#60#100#RS;1#Turkey#TU#TU#39#35#TU");
        assert_eq!(&g[15], "-1,2,3,5,8,0,13");
        assert_eq!(&g[23], "Russia,0;Turkey,11");
    }
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsgraph-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn gdelt_files_from_sqlite_read_back() {
    let dir = temp_dir("sqlite");
    let db = dir.join("news.db");
    fill(&mut Store::open_sqlite(&db).expect("store"));
    check(db.to_str().expect("utf-8 path"), &dir);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn gdelt_files_from_postgres_read_back() {
    let Ok(url) = std::env::var("NEWSGRAPH_TEST_PG") else {
        eprintln!("skipped: set NEWSGRAPH_TEST_PG=postgres://user:pass@host/db to test PostgreSQL");
        return;
    };
    // A database of its own would need CREATEDB; a fresh schema named in the URL's options does
    // not. The store creates the schema, the export reads it through the same options.
    let schema = format!("newsgraph_cli_{}", std::process::id());
    let sep = if url.contains('?') { '&' } else { '?' };
    let scoped = format!("{url}{sep}options=-csearch_path%3D{schema}");
    let mut store = Store::connect_postgres(&url, Some(&schema)).expect("pg");
    fill(&mut store);
    drop(store);
    let dir = temp_dir("pg");
    check(&scoped, &dir);
    let _ = std::fs::remove_dir_all(&dir);
    let mut client = postgres_client(&url);
    client(&format!("DROP SCHEMA \"{schema}\" CASCADE"));
}

/// Runs one statement with `psql` (installed with the PostgreSQL server the test needs).
fn postgres_client(url: &str) -> impl FnMut(&str) + '_ {
    move |sql: &str| {
        let out = Command::new("psql")
            .args([url, "-qc", sql])
            .output()
            .expect("psql runs");
        assert!(
            out.status.success(),
            "{sql}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
