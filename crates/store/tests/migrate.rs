//! Stores written by an older newsgraph open migrated, with nothing lost; stores this build
//! cannot read are refused with a message that says why. The fixtures are in `tests/data`
//! (see its README): a SQLite store of version 1, and the version-1 PostgreSQL schema into which
//! the same rows are loaded when `NEWSGRAPH_TEST_PG` names a database.

use newsgraph_store::{ArticleFeatures, Linked, Store, StoreError, SCHEMA_VERSION};
use std::io::Read;
use std::path::{Path, PathBuf};

fn temp_path(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsgraph-migrate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
    }
    path
}

/// A fresh copy of the version-1 SQLite fixture.
fn v1_copy(name: &str) -> PathBuf {
    fixture_copy("store-v1.db.gz", name)
}

/// A fresh copy of a gzipped SQLite fixture of `tests/data`.
fn fixture_copy(fixture: &str, name: &str) -> PathBuf {
    let gz = format!("{}/tests/data/{fixture}", env!("CARGO_MANIFEST_DIR"));
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(gz).expect("fixture"))
        .read_to_end(&mut bytes)
        .expect("gunzip fixture");
    let path = temp_path(name);
    std::fs::write(&path, bytes).expect("write fixture copy");
    path
}

/// (id, features) of every article as the version-1 file stored them (JSON).
fn v1_features(path: &Path) -> Vec<(String, ArticleFeatures)> {
    let conn = rusqlite::Connection::open(path).expect("open fixture");
    let mut stmt = conn
        .prepare("SELECT id, features FROM articles ORDER BY rowid")
        .expect("v1 articles");
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .expect("query")
        .map(|r| {
            let (id, json) = r.expect("row");
            (
                id,
                serde_json::from_str(&json).expect("v1 features are JSON"),
            )
        })
        .collect();
    rows
}

/// What a store answers, compared before and after a migration and between backends.
#[derive(Debug, PartialEq)]
struct Seen {
    stats: String,
    stories: Vec<(String, String)>,
    records: Vec<String>,
    mentions: Vec<(String, usize, i64, i64, i64, String)>,
    truce: Vec<String>,
    linker_len: usize,
}

fn seen(store: &Store) -> Seen {
    let mut records = Vec::new();
    store
        .each_record(&mut |r| {
            records.push(serde_json::to_string(&r).map_err(std::io::Error::other)?);
            Ok(())
        })
        .expect("records");
    let mut truce: Vec<String> = store
        .search(&newsgraph_store::Query {
            text: Some("ceasefire".into()),
            limit: 20,
            ..Default::default()
        })
        .expect("search")
        .into_iter()
        .map(|h| h.id)
        .collect();
    truce.sort();
    Seen {
        stats: serde_json::to_string(&store.stats().expect("stats")).expect("json"),
        stories: store.stories().expect("stories"),
        records,
        mentions: store
            .event_mentions()
            .expect("mentions")
            .into_iter()
            .map(|m| {
                let first = m.first_article;
                (
                    m.article_id,
                    m.idx,
                    m.mentions,
                    m.articles,
                    m.sources,
                    first,
                )
            })
            .collect(),
        truce,
        linker_len: store.linker().expect("linker").len(),
    }
}

/// Checks that hold of the fixture once migrated, whatever the backend.
fn check_migrated(store: &mut Store, seen: &Seen) {
    assert_eq!(store.migrated_from(), Some(1));
    assert!(seen.stats.contains("\"articles\":9"), "{}", seen.stats);
    assert!(seen.stats.contains("\"failures\":1"), "{}", seen.stats);
    assert!(
        seen.stats.contains("\"global_events\":16"),
        "{}",
        seen.stats
    );
    assert_eq!(seen.linker_len, 9);
    assert!(!seen.truce.is_empty());
    let shooting = store
        .record("local_shooting")
        .expect("read")
        .expect("stored");
    assert_eq!(shooting.toll.len(), 1, "the record keeps its toll");
    assert_eq!(shooting.toll[0].kind, "WOUND");
    // The rebuilt linker still finds copies: features survived the move to the binary form.
    let mut linker = store.linker().expect("linker");
    let mut copy = store.record("harbour-fire").expect("read").expect("stored");
    copy.id = "harbour-fire-again".into();
    copy.story = None;
    copy.duplicate_of = None;
    let (links, features) = linker.link(&copy);
    assert_eq!(links.duplicate_of.as_deref(), Some("harbour-fire"));
    assert_eq!(links.story, "s-harbour-fire");
    store
        .write_batch(
            &[Linked {
                record: copy,
                links,
                features,
            }],
            &[],
        )
        .expect("write after migration");
    assert_eq!(store.stats().expect("stats").articles, 10);
}

#[test]
fn a_version_1_sqlite_store_migrates() {
    let path = v1_copy("v1.db");
    let before = v1_features(&path);
    let mut store = Store::open_sqlite(&path).expect("a version-1 store opens");
    let after = seen(&store);
    check_migrated(&mut store, &after);
    drop(store);

    // Features are the same numbers, now in the binary form.
    let conn = rusqlite::Connection::open(&path).expect("reopen");
    for (id, features) in &before {
        let bytes: Vec<u8> = conn
            .query_row("SELECT features FROM articles WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .expect("features");
        assert_eq!(
            &ArticleFeatures::from_bytes(&bytes).expect("binary"),
            features
        );
    }
    let toll: i64 = conn
        .query_row(
            "SELECT number FROM toll WHERE article_id = 'local_shooting' AND type = 'WOUND'",
            [],
            |r| r.get(0),
        )
        .expect("the toll table is filled from the stored records");
    assert_eq!(toll, 2);
    let version: String = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'schema_version'",
            [],
            |r| r.get(0),
        )
        .expect("version row");
    assert_eq!(version, SCHEMA_VERSION.to_string());
    drop(conn);

    let again = Store::open_sqlite(&path).expect("reopens");
    assert_eq!(again.migrated_from(), None);
}

#[test]
fn issue_23_a_version_2_sqlite_store_migrates() {
    let path = fixture_copy("store-v2.db.gz", "v2.db");
    let mut store = Store::open_sqlite(&path).expect("a version-2 store opens");
    assert_eq!(store.migrated_from(), Some(2));
    let stats = store.stats().expect("stats");
    assert_eq!((stats.articles, stats.failures), (9, 1));
    assert_eq!(store.linker().expect("linker").len(), 9);
    // Articles stored before version 3 have no time; they are in every export without one.
    let mut all = 0;
    store
        .each_record(&mut |_| {
            all += 1;
            Ok(())
        })
        .expect("records");
    assert_eq!(all, 9);
    let since = newsgraph_store::Window {
        since: Some("2000-01-01T00:00:00Z".into()),
        ..Default::default()
    };
    let mut recent = 0;
    store
        .each_record_in(&since, &mut |_| {
            recent += 1;
            Ok(())
        })
        .expect("records");
    assert_eq!(recent, 0);
    // The watch tables exist now.
    assert_eq!(store.pending_pages(None).expect("watch_pages").len(), 0);
    assert_eq!(store.last_cycle().expect("watch_cycles"), None);
    // A new article gets its time.
    let mut copy = store.record("harbour-fire").expect("read").expect("stored");
    copy.id = "harbour-fire-again".into();
    let (links, features) = store.linker().expect("linker").link(&copy);
    store
        .write_batch(
            &[Linked {
                record: copy,
                links,
                features,
            }],
            &[],
        )
        .expect("write after migration");
    let mut recent = 0;
    store
        .each_record_in(&since, &mut |_| {
            recent += 1;
            Ok(())
        })
        .expect("records");
    assert_eq!(recent, 1);
    drop(store);
    let again = Store::open_sqlite(&path).expect("reopens");
    assert_eq!(again.migrated_from(), None);
}

#[test]
fn issue_21_a_version_3_sqlite_store_migrates() {
    let path = fixture_copy("store-v3.db.gz", "v3.db");
    let mut store = Store::open_sqlite(&path).expect("a version-3 store opens");
    assert_eq!(store.migrated_from(), Some(3));
    let stats = store.stats().expect("stats");
    assert_eq!((stats.articles, stats.failures), (9, 1));
    // Its stories were linked by the older rules; relink says what it changed.
    assert!(store.linked_by_older_rules().expect("rules"));
    let conn = rusqlite::Connection::open(&path).expect("sqlite");
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).expect(sql) };
    let placed = "SELECT count(*) FROM global_events WHERE place IS NOT NULL";
    let located = "SELECT count(DISTINCT g.id) FROM global_events g JOIN events e \
                   ON e.global_id = g.id AND e.article_id = g.first_article \
                   WHERE e.location IS NOT NULL";
    assert!(count(placed) > 0);
    assert!(count(placed) <= count(located));
    let events = count("SELECT count(*) FROM events");
    let done = store
        .relink(newsgraph_store::LinkerConfig::default(), &mut |_| {})
        .expect("relink");
    assert_eq!(done.articles, 9);
    assert!(!store.linked_by_older_rules().expect("rules"));
    assert_eq!(count("SELECT count(*) FROM events"), events);
    assert_eq!(count(placed), count(located));
    drop(store);
    let again = Store::open_sqlite(&path).expect("reopens");
    assert_eq!(again.migrated_from(), None);
}

#[test]
fn a_store_of_a_newer_version_is_refused() {
    let path = temp_path("newer.db");
    drop(Store::open_sqlite(&path).expect("create"));
    let conn = rusqlite::Connection::open(&path).expect("open");
    conn.execute(
        "UPDATE meta SET value = '99' WHERE key = 'schema_version'",
        [],
    )
    .expect("raise the version");
    drop(conn);
    let err = Store::open_sqlite(&path).err().expect("refused");
    assert!(matches!(err, StoreError::Schema(_)), "{err}");
    assert!(err.to_string().contains("newer newsgraph"), "{err}");
}

#[test]
fn a_database_with_someone_elses_articles_table_is_refused() {
    let path = temp_path("foreign.db");
    let conn = rusqlite::Connection::open(&path).expect("open");
    conn.execute("CREATE TABLE articles (title TEXT)", [])
        .expect("a foreign table");
    drop(conn);
    let err = Store::open_sqlite(&path).err().expect("refused");
    assert!(err.to_string().contains("not a newsgraph store"), "{err}");
}

#[cfg(feature = "postgres")]
#[test]
fn a_version_1_postgres_store_migrates_like_sqlite() {
    let Ok(url) = std::env::var("NEWSGRAPH_TEST_PG") else {
        eprintln!("skipped: set NEWSGRAPH_TEST_PG=postgres://user:pass@host/db to test PostgreSQL");
        return;
    };
    let schema = format!("newsgraph_migrate_{}", std::process::id());
    let mut pg = postgres::Client::connect(&url, postgres::NoTls).expect("connect");
    pg.batch_execute(&format!(
        "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}; SET search_path TO {schema};\n{}",
        include_str!("data/schema-v1-pg.sql")
    ))
    .expect("version-1 schema");
    let path = v1_copy("v1-for-pg.db");
    load_into_postgres(&path, &mut pg);

    let mut store = Store::connect_postgres(&url, Some(&schema)).expect("migrates");
    let migrated = seen(&store);
    check_migrated(&mut store, &migrated);
    drop(store);
    pg.batch_execute(&format!("DROP SCHEMA {schema} CASCADE"))
        .expect("drop test schema");

    let lite = Store::open_sqlite(&v1_copy("v1-beside-pg.db")).expect("sqlite migrates");
    let expected = seen(&lite);
    assert_eq!(migrated, expected);
}

/// Copy every row of the version-1 SQLite file into the version-1 PostgreSQL tables, as a
/// version-1 PostgreSQL ingest would have written them.
#[cfg(feature = "postgres")]
fn load_into_postgres(path: &Path, pg: &mut postgres::Client) {
    use postgres::types::ToSql;
    let lite = rusqlite::Connection::open(path).expect("open fixture");
    let tables = [
        "articles",
        "stories",
        "entities",
        "mentions",
        "quotes",
        "counts",
        "themes",
        "global_events",
        "events",
        "failures",
    ];
    for table in tables {
        let types: Vec<(String, String)> = pg
            .query(
                "SELECT column_name::text, data_type::text FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER' \
                 ORDER BY ordinal_position",
                &[&table],
            )
            .expect("columns")
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect();
        let names: Vec<String> = types.iter().map(|(n, _)| format!("\"{n}\"")).collect();
        let marks: Vec<String> = (1..=types.len()).map(|i| format!("${i}")).collect();
        let insert = format!(
            "INSERT INTO {table} ({}) VALUES ({})",
            names.join(", "),
            marks.join(", ")
        );
        let mut stmt = lite
            .prepare(&format!("SELECT {} FROM {table}", names.join(", ")))
            .expect("select");
        let mut rows = stmt.query([]).expect("rows");
        while let Some(row) = rows.next().expect("row") {
            let mut values: Vec<Box<dyn ToSql + Sync>> = Vec::new();
            for (i, (_, ty)) in types.iter().enumerate() {
                let v: Box<dyn ToSql + Sync> = match ty.as_str() {
                    "bigint" => Box::new(row.get::<_, Option<i64>>(i).expect("int")),
                    "double precision" => Box::new(row.get::<_, Option<f64>>(i).expect("real")),
                    "boolean" => Box::new(row.get::<_, Option<bool>>(i).expect("bool")),
                    _ => Box::new(row.get::<_, Option<String>>(i).expect("text")),
                };
                values.push(v);
            }
            let refs: Vec<&(dyn ToSql + Sync)> = values.iter().map(|v| v.as_ref()).collect();
            pg.execute(&insert, &refs).expect("insert");
        }
    }
    pg.batch_execute(
        "SELECT setval(pg_get_serial_sequence('articles', 'rowid'), (SELECT max(rowid) FROM articles));
         SELECT setval(pg_get_serial_sequence('global_events', 'id'), (SELECT max(id) FROM global_events));",
    )
    .expect("sequences");
}
