//! Issue 23: `newsgraph watch` keeps a store current from feeds, cycle after cycle, against a
//! tiny HTTP server this test starts on 127.0.0.1 (a port the OS picks). Every URL the feeds
//! list is on that server: no request ever leaves the machine.
//!
//! The server plays a news site: feeds that gain items between cycles and answer 304 when
//! unchanged, a slow page past the timeout, a 404, a 500 then a 200, a redirect loop, a page
//! over 20 MB, a robots.txt that disallows a path, a page linked from two feeds. After each
//! cycle the test checks what the store holds and what the server was asked for; another test
//! kills `watch` in the middle of a cycle and checks that the rerun stores every page once.

#![cfg(feature = "watch")]

#[path = "../../fetch/tests/support/server.rs"]
mod server;

use newsgraph_store::Store;
use server::{Response, Server};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const CONTACT: &str = "https://desk.example/newsgraph-crawler";

fn newsgraph() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsgraph"));
    // The server is local; no proxy may stand in between.
    for var in [
        "http_proxy",
        "HTTP_PROXY",
        "https_proxy",
        "HTTPS_PROXY",
        "all_proxy",
        "ALL_PROXY",
    ] {
        cmd.env_remove(var);
    }
    cmd
}

fn tmpdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsgraph-issue23-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `watch --once` with short times, so failures are quick.
fn watch_once(feeds: &Path, db: &Path, extra: &[&str]) -> Output {
    let out = newsgraph()
        .arg("watch")
        .arg("--feeds")
        .arg(feeds)
        .arg("--db")
        .arg(db)
        .args([
            "--once",
            "--contact",
            CONTACT,
            // Long enough for the 20 MB read of /news/huge on a loaded machine (a shorter
            // timeout made it a timeout, not too-large); /news/slow answers well after it.
            "--timeout",
            "2s",
            "--delay",
            "0ms",
        ])
        .args([
            "--backoff",
            "20ms",
            "--retries",
            "2",
            "--give-up-after",
            "2",
            "-v",
        ])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "watch failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// A news page the team wrote for this test.
fn page(title: &str, body: &str) -> Response {
    Response::html(format!(
        "<!doctype html><html><head><title>{title} | Valley Post</title></head>\
         <body><nav>Home | World | Sport</nav><article><h1>{title}</h1>{body}</article>\
         <footer>Copyright Valley Post</footer></body></html>"
    ))
}

fn rss(items: &[String]) -> String {
    let items: String = items
        .iter()
        .map(|link| format!("<item><title>Item {link}</title><link>{link}</link></item>"))
        .collect();
    format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Valley Post</title>{items}</channel></rss>")
}

/// (url, state, reason) of every page the store knows, by path.
fn pages(db: &Path) -> Vec<(String, String, Option<String>)> {
    let store = Store::open_sqlite(db).unwrap();
    store
        .pages()
        .unwrap()
        .into_iter()
        .map(|page| {
            let path = page
                .url
                .splitn(4, '/')
                .nth(3)
                .map(|p| format!("/{p}"))
                .unwrap_or(page.url);
            (path, page.state, page.reason)
        })
        .collect()
}

fn state_of(db: &Path, path: &str) -> (String, Option<String>) {
    pages(db)
        .into_iter()
        .find(|(p, _, _)| p == path)
        .map(|(_, s, r)| (s, r))
        .unwrap_or_else(|| panic!("{path} is not in the store"))
}

fn stored_ids(db: &Path) -> Vec<String> {
    let store = Store::open_sqlite(db).unwrap();
    let mut ids = Vec::new();
    store
        .each_record(&mut |r| {
            ids.push(r.id);
            Ok(())
        })
        .unwrap();
    ids
}

fn lines(path: &Path) -> usize {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .count()
}

/// The set of update files in `dir`, by stamp.
fn update_sets(dir: &Path) -> Vec<String> {
    let mut stamps: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".gkg.csv").map(str::to_string)
        })
        .collect();
    stamps.sort();
    stamps
}

#[test]
fn issue_23_watch_keeps_a_store_current_cycle_after_cycle() {
    let server = Server::start();
    let site = |path: &str| server.url(path);
    server.set(
        "/robots.txt",
        Response::text("User-agent: *\nDisallow: /private/\n"),
    );
    // Feed A gains an item between cycles; its ETag follows its content.
    let feed_a: Arc<Mutex<Vec<String>>> = Arc::new(Mutex::new(
        [
            "/news/dam",
            "/news/shared",
            "/news/slow",
            "/news/gone",
            "/news/flaky",
            "/news/loop",
            "/news/huge",
            "/private/memo",
        ]
        .iter()
        .map(|p| site(p))
        .collect(),
    ));
    let items = Arc::clone(&feed_a);
    server.route("/feed-a.xml", move |request, _| {
        let items = items.lock().unwrap();
        let etag = format!("\"a{}\"", items.len());
        if request.header("if-none-match") == Some(etag.as_str()) {
            return Response::status(304);
        }
        Response::xml(rss(&items)).header("ETag", &etag)
    });
    // Feed B (Atom, relative links) shares a page with feed A; it answers by Last-Modified.
    const MODIFIED: &str = "Tue, 07 May 2024 10:00:00 GMT";
    server.route("/feed-b.atom", |request, _| {
        if request.header("if-modified-since") == Some(MODIFIED) {
            return Response::status(304);
        }
        Response::new(
            200,
            "application/atom+xml",
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Harbour Herald</title>\
             <entry><title>Shared</title><link href=\"/news/shared?utm_source=atom\"/></entry>\
             <entry><title>Ferry crews walk out</title><link rel=\"alternate\" href=\"/news/ferry\"/></entry>\
             </feed>",
        )
        .header("Last-Modified", MODIFIED)
    });
    // A news sitemap, answering by ETag.
    let sitemap = format!(
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\"><url><loc>{}</loc>\
         <news:news><news:publication><news:name>Valley Post</news:name></news:publication>\
         <news:publication_date>2024-05-07</news:publication_date>\
         <news:title>Library reopens after floods</news:title></news:news></url></urlset>",
        site("/news/library")
    );
    server.route("/sitemap-news.xml", move |request, _| {
        if request.header("if-none-match") == Some("\"s1\"") {
            return Response::status(304);
        }
        Response::xml(sitemap.clone()).header("ETag", "\"s1\"")
    });
    server.set(
        "/news/dam",
        page(
            "Valley dam opens after six years of work",
            "<p>VALLEYTOWN - Engineers opened the new Valley dam on Tuesday after six years of \
             work, the regional water board said.</p><p>The board said the dam would protect \
             4,000 homes from the spring floods that struck the valley in 2019.</p>",
        ),
    );
    server.set(
        "/news/shared",
        page(
            "Harbour council approves new ferry terminal",
            "<p>PORT ELLIS - The harbour council approved plans for a new ferry terminal on \
             Monday, its chairman Tomas Reyes said.</p><p>Construction is due to start in \
             March and cost 40 million euros, the council said.</p>",
        ),
    );
    server.set(
        "/news/ferry",
        page(
            "Ferry crews walk out over rosters",
            "<p>PORT ELLIS - Ferry crews walked out on Wednesday in a dispute over rosters, \
             stranding 900 passengers, the operator said.</p><p>Union leaders said talks would \
             resume on Friday.</p>",
        ),
    );
    server.set(
        "/news/library",
        page(
            "Library reopens after floods",
            "<p>VALLEYTOWN - The town library reopened on Thursday, a year after floods \
             destroyed 12,000 books, the mayor said.</p>",
        ),
    );
    server.set(
        "/news/slow",
        page("Too late", "<p>This page answers after the timeout.</p>")
            .delay(Duration::from_millis(5000)),
    );
    server.route("/news/flaky", |_, n| {
        if n == 0 {
            Response::status(500)
        } else {
            page(
                "Bridge reopens to traffic",
                "<p>NORTH BEND - The river bridge reopened to traffic on Friday after repairs, \
                 police said.</p>",
            )
        }
    });
    server.set("/news/loop", Response::redirect(302, "/news/loop-again"));
    server.set("/news/loop-again", Response::redirect(302, "/news/loop"));
    server.set(
        "/news/huge",
        Response::html(vec![b'x'; 21 * 1024 * 1024]).without_length(),
    );
    server.set("/private/memo", page("Private", "<p>Not for crawlers.</p>"));

    let dir = tmpdir("cycles");
    let feeds = dir.join("feeds.txt");
    std::fs::write(
        &feeds,
        format!(
            "# the test site\n{}  Valley Post\n{}\n\n{}   # a news sitemap\n{}\n",
            site("/feed-a.xml"),
            site("/feed-b.atom"),
            site("/sitemap-news.xml"),
            site("/feed-gone.xml")
        ),
    )
    .unwrap();
    let db = dir.join("news.db");
    let updates = dir.join("updates");
    let export_dir = ["--export-dir", updates.to_str().unwrap()];

    // Cycle 1.
    let out = watch_once(&feeds, &db, &export_dir);
    let log = String::from_utf8_lossy(&out.stderr);
    let cycle_line = log
        .lines()
        .find(|l| l.contains(" cycle "))
        .unwrap_or_default();
    assert!(
        cycle_line.contains("4 feeds polled (1 failed: http-404 1), 10 new pages"),
        "{log}"
    );
    assert!(
        cycle_line.contains(
            "5 failed (http-404 1, redirects 1, robots 1, timeout 1, too-large 1), 5 stored"
        ),
        "{log}"
    );
    let mut ids = stored_ids(&db);
    ids.sort();
    let mut want: Vec<String> = [
        "/news/dam",
        "/news/shared",
        "/news/flaky",
        "/news/ferry",
        "/news/library",
    ]
    .iter()
    .map(|p| newsgraph_io::stable_id(&site(p)))
    .collect();
    want.sort();
    assert_eq!(ids, want, "the five readable pages are stored, each once");
    assert_eq!(
        server.hits("/news/shared"),
        1,
        "a page linked from two feeds is fetched once"
    );
    assert_eq!(server.hits("/news/shared?utm_source=atom"), 0);
    assert_eq!(
        server.hits("/news/flaky"),
        2,
        "a 500, then a 200 on the retry"
    );
    assert_eq!(server.hits("/news/gone"), 1, "no retry after a 404");
    assert_eq!(
        server.hits("/news/slow"),
        3,
        "the first try and two retries"
    );
    assert_eq!(
        server.hits("/news/loop") + server.hits("/news/loop-again"),
        6
    );
    assert_eq!(server.hits("/news/huge"), 1);
    assert_eq!(server.hits("/private/memo"), 0, "robots.txt disallows it");
    assert_eq!(server.hits("/robots.txt"), 1);
    assert_eq!(
        state_of(&db, "/news/gone"),
        ("failed".into(), Some("http-404".into()))
    );
    assert_eq!(
        state_of(&db, "/news/loop"),
        ("failed".into(), Some("redirects".into()))
    );
    assert_eq!(
        state_of(&db, "/news/huge"),
        ("failed".into(), Some("too-large".into()))
    );
    assert_eq!(
        state_of(&db, "/private/memo"),
        ("failed".into(), Some("robots".into()))
    );
    assert_eq!(
        state_of(&db, "/news/slow"),
        ("pending".into(), Some("timeout".into()))
    );
    for request in server.requests() {
        let agent = request.header("user-agent").unwrap_or_default();
        assert!(
            agent.starts_with("newsgraph/") && agent.contains(CONTACT),
            "{agent}"
        );
    }
    let store = Store::open_sqlite(&db).unwrap();
    let shared = store
        .record(&newsgraph_io::stable_id(&site("/news/shared")))
        .unwrap()
        .unwrap();
    assert_eq!(
        shared.source.as_deref(),
        Some("Valley Post"),
        "the feeds file names the source"
    );
    let library = store
        .record(&newsgraph_io::stable_id(&site("/news/library")))
        .unwrap()
        .unwrap();
    assert_eq!(
        library.title.as_deref(),
        Some("Library reopens after floods")
    );
    let last = store.last_cycle().unwrap().unwrap();
    assert_eq!(
        (
            last.feeds,
            last.feeds_failed,
            last.new_pages,
            last.stored,
            last.failed
        ),
        (4, 1, 10, 5, 5)
    );
    drop(store);
    let sets = update_sets(&updates);
    assert_eq!(sets.len(), 1);
    assert_eq!(sets[0].len(), 14, "YYYYMMDDHHMMSS: {}", sets[0]);
    assert_eq!(lines(&updates.join(format!("{}.gkg.csv", sets[0]))), 5);
    assert!(updates.join(format!("{}.export.CSV", sets[0])).exists());
    assert!(updates.join(format!("{}.mentions.CSV", sets[0])).exists());

    // Cycle 2: feed A gains an item; feed B and the sitemap are unchanged (304).
    feed_a.lock().unwrap().push(site("/news/new-bridge"));
    server.set(
        "/news/new-bridge",
        page(
            "Second bridge planned for North Bend",
            "<p>NORTH BEND - Planners unveiled a second bridge over the river on Saturday, \
             the transport ministry said.</p>",
        ),
    );
    server.clear_log();
    let out = watch_once(&feeds, &db, &export_dir);
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(
        log.contains("4 feeds polled (2 not modified, 1 failed: http-404 1), 1 new pages, 1 fetched, 1 failed (timeout 1), 1 stored"),
        "{log}"
    );
    let asked = server.requests();
    let feed_request = asked.iter().find(|r| r.path == "/feed-a.xml").unwrap();
    assert_eq!(feed_request.header("if-none-match"), Some("\"a8\""));
    let atom_request = asked.iter().find(|r| r.path == "/feed-b.atom").unwrap();
    assert_eq!(atom_request.header("if-modified-since"), Some(MODIFIED));
    let mut paths = server.paths();
    paths.sort();
    assert_eq!(
        paths,
        [
            "/feed-a.xml",
            "/feed-b.atom",
            "/feed-gone.xml",
            "/news/new-bridge",
            "/news/slow",
            "/news/slow",
            "/news/slow",
            "/robots.txt",
            "/sitemap-news.xml"
        ],
        "known pages are not fetched again; the timed-out one is"
    );
    assert_eq!(stored_ids(&db).len(), 6);
    assert_eq!(
        state_of(&db, "/news/slow"),
        ("failed".into(), Some("timeout".into())),
        "given up after --give-up-after 2 cycles"
    );
    let sets = update_sets(&updates);
    assert_eq!(sets.len(), 2);
    assert_eq!(
        lines(&updates.join(format!("{}.gkg.csv", sets[1]))),
        1,
        "only what cycle 2 stored"
    );

    // Cycle 3: nothing changed: feeds answer 304 and no page is fetched.
    server.clear_log();
    let out = watch_once(&feeds, &db, &[]);
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(
        log.contains("4 feeds polled (3 not modified, 1 failed: http-404 1), 0 new pages, 0 fetched, 0 failed, 0 stored"),
        "{log}"
    );
    let mut paths = server.paths();
    paths.sort();
    assert_eq!(
        paths,
        [
            "/feed-a.xml",
            "/feed-b.atom",
            "/feed-gone.xml",
            "/robots.txt",
            "/sitemap-news.xml"
        ]
    );
    assert_eq!(stored_ids(&db).len(), 6);

    // Export by time: everything was stored in the last minutes, nothing in the future.
    let export = |since: &str| {
        let out = newsgraph()
            .args(["export", "--db"])
            .arg(&db)
            .args(["--format", "gdelt-gkg", "--since", since])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).lines().count()
    };
    assert_eq!(export("1h"), 6);
    assert_eq!(export("2999-01-01"), 0);
}

#[test]
fn issue_23_a_killed_watch_loses_nothing_and_stores_nothing_twice() {
    let server = Server::start();
    let paths: Vec<String> = (0..24).map(|i| format!("/wire/story-{i}")).collect();
    for (i, path) in paths.iter().enumerate() {
        server.set(
            path,
            page(
                &format!("Storm report number {i}"),
                &format!(
                    "<p>COASTVILLE - Storm number {i} of the season cut power to {} homes on \
                     Monday, the utility said.</p><p>Crews expected to restore power by the \
                     weekend, a spokesman for district {i} said.</p>",
                    100 + i * 7
                ),
            )
            .delay(Duration::from_millis(150)),
        );
    }
    let links: Vec<String> = paths.iter().map(|p| server.url(p)).collect();
    server.set("/wire.xml", Response::xml(rss(&links)));
    let dir = tmpdir("kill");
    let feeds = dir.join("feeds.txt");
    std::fs::write(&feeds, format!("{} Coast Wire\n", server.url("/wire.xml"))).unwrap();
    let db = dir.join("news.db");

    let mut child = newsgraph()
        .arg("watch")
        .arg("--feeds")
        .arg(&feeds)
        .arg("--db")
        .arg(&db)
        .args([
            "--once",
            "--contact",
            CONTACT,
            "--delay",
            "0ms",
            "--batch",
            "2",
            "--fetchers",
            "1",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it once a few batches are committed, in the middle of the cycle.
    let deadline = Instant::now() + Duration::from_secs(300);
    loop {
        assert!(Instant::now() < deadline, "watch stored nothing in time");
        assert!(
            child.try_wait().unwrap().is_none(),
            "watch ended before it was killed"
        );
        let stored = Some(&db)
            .filter(|db| db.exists())
            .and_then(|db| Store::open_sqlite(db).ok())
            .and_then(|s| s.page_counts().ok())
            .map_or(0, |c| c.stored);
        if stored >= 4 {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let before: Vec<String> = stored_ids(&db);
    assert!(
        before.len() >= 4 && before.len() < paths.len(),
        "killed mid-cycle: {} of {} stored",
        before.len(),
        paths.len()
    );
    let fetched_before = server.paths();

    // Run again: every page is stored, each once, and none stored before is fetched again.
    server.clear_log();
    watch_once(&feeds, &db, &[]);
    let after = stored_ids(&db);
    assert_eq!(after.len(), paths.len());
    let mut unique = after.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), paths.len(), "no page is stored twice");
    for (path, url) in paths.iter().zip(&links) {
        let id = newsgraph_io::stable_id(url);
        assert!(after.contains(&id), "{path} is stored");
        if before.contains(&id) {
            assert_eq!(server.hits(path), 0, "{path} was stored before the kill");
        }
        assert_eq!(state_of(&db, path).0, "stored");
    }
    // Every page was asked for at least once over both runs, and at most twice (a page fetched
    // but not yet committed when the kill came is fetched again).
    for path in &paths {
        let total = fetched_before.iter().filter(|p| *p == path).count() + server.hits(path);
        assert!((1..=2).contains(&total), "{path}: {total} requests");
    }
}
