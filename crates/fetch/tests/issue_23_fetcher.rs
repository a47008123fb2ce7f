//! Issue 23: the fetcher against a server on 127.0.0.1 that the test starts (no other address
//! is ever contacted): timeouts, retries, redirects, size caps, robots.txt, conditional GET,
//! the User-Agent and the pause between requests to one host.

mod support;

use newsgraph_fetch::{Config, Fetched, Fetcher, Reason, Validators};
use std::io::Write;
use std::time::{Duration, Instant};
use support::server::{Response, Server};

const LIMIT: u64 = 20 * 1024 * 1024;

/// Short times, so the failures are quick.
fn fetcher() -> Fetcher {
    let mut config = Config::new("https://desk.example/crawler");
    config.timeout = Duration::from_millis(400);
    config.delay = Duration::ZERO;
    config.retries = 2;
    config.backoff = Duration::from_millis(10);
    Fetcher::new(config)
}

fn page(fetched: Fetched) -> newsgraph_fetch::Page {
    match fetched {
        Fetched::Page(page) => page,
        Fetched::NotModified => panic!("expected a page, got 304"),
    }
}

#[test]
fn issue_23_a_page_comes_with_its_validators_and_our_user_agent() {
    let server = Server::start();
    server.set(
        "/a",
        Response::html("<p>hello</p>")
            .header("ETag", "\"v1\"")
            .header("Last-Modified", "Tue, 07 May 2024 10:00:00 GMT"),
    );
    let got = page(fetcher().get(&server.url("/a"), None, LIMIT).unwrap());
    assert_eq!(got.body, b"<p>hello</p>");
    assert_eq!(got.media_type.as_deref(), Some("text/html"));
    assert_eq!(got.charset.as_deref(), Some("utf-8"));
    assert_eq!(got.validators.etag.as_deref(), Some("\"v1\""));
    let request = server
        .requests()
        .into_iter()
        .find(|r| r.path == "/a")
        .unwrap();
    let agent = request.header("user-agent").unwrap();
    assert!(agent.starts_with("newsgraph/"), "{agent}");
    assert!(agent.contains("https://desk.example/crawler"), "{agent}");
    // robots.txt was asked first (and is missing: everything allowed).
    assert_eq!(server.paths(), ["/robots.txt", "/a"]);
}

#[test]
fn issue_23_validators_are_sent_back_and_304_means_unchanged() {
    let server = Server::start();
    server.route("/feed", |request, _| {
        if request.header("if-none-match") == Some("\"v1\"") {
            Response::status(304)
        } else {
            Response::xml("<rss/>").header("ETag", "\"v1\"")
        }
    });
    let fetcher = fetcher();
    let first = page(fetcher.get(&server.url("/feed"), None, LIMIT).unwrap());
    let again = fetcher
        .get(&server.url("/feed"), Some(&first.validators), LIMIT)
        .unwrap();
    assert_eq!(again, Fetched::NotModified);
    let since = Validators {
        etag: None,
        last_modified: Some("Tue, 07 May 2024 10:00:00 GMT".into()),
    };
    fetcher
        .get(&server.url("/feed"), Some(&since), LIMIT)
        .unwrap();
    let last = server.requests().pop().unwrap();
    assert_eq!(
        last.header("if-modified-since"),
        Some("Tue, 07 May 2024 10:00:00 GMT")
    );
}

#[test]
fn issue_23_a_slow_page_times_out_after_its_retries() {
    let server = Server::start();
    server.set(
        "/slow",
        Response::html("late").delay(Duration::from_secs(2)),
    );
    let started = Instant::now();
    let err = fetcher()
        .get(&server.url("/slow"), None, LIMIT)
        .unwrap_err();
    assert_eq!(err.reason, Reason::Timeout, "{err}");
    assert_eq!(err.attempts, 3);
    assert_eq!(server.hits("/slow"), 3);
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn issue_23_a_404_is_not_retried_and_a_500_is() {
    let server = Server::start();
    let err = fetcher()
        .get(&server.url("/gone"), None, LIMIT)
        .unwrap_err();
    assert_eq!(err.reason, Reason::Client(404));
    assert_eq!(server.hits("/gone"), 1);

    server.route("/flaky", |_, n| {
        if n == 0 {
            Response::status(500)
        } else {
            Response::html("<p>back</p>")
        }
    });
    let got = page(fetcher().get(&server.url("/flaky"), None, LIMIT).unwrap());
    assert_eq!(got.body, b"<p>back</p>");
    assert_eq!(server.hits("/flaky"), 2);

    server.set("/down", Response::status(503));
    let err = fetcher()
        .get(&server.url("/down"), None, LIMIT)
        .unwrap_err();
    assert_eq!(err.reason, Reason::Server(503));
    assert_eq!(server.hits("/down"), 3);
}

#[test]
fn issue_23_redirects_are_followed_five_times_at_most() {
    let server = Server::start();
    server.set("/moved", Response::redirect(301, "/here"));
    server.set("/here", Response::html("<p>here</p>"));
    let got = page(fetcher().get(&server.url("/moved"), None, LIMIT).unwrap());
    assert_eq!(got.url, server.url("/here"));
    assert_eq!(got.redirects, 1);

    server.set("/loop/a", Response::redirect(302, "/loop/b"));
    server.set("/loop/b", Response::redirect(302, "/loop/a"));
    let err = fetcher()
        .get(&server.url("/loop/a"), None, LIMIT)
        .unwrap_err();
    assert_eq!(err.reason, Reason::Redirects, "{err}");
    assert_eq!(server.hits("/loop/a") + server.hits("/loop/b"), 6);
}

#[test]
fn issue_23_a_page_over_the_cap_is_refused() {
    let server = Server::start();
    let big = vec![b'x'; 64 * 1024];
    server.set("/declared", Response::html(big.clone()));
    server.set("/streamed", Response::html(big).without_length());
    for path in ["/declared", "/streamed"] {
        let err = fetcher().get(&server.url(path), None, 1024).unwrap_err();
        assert_eq!(err.reason, Reason::TooLarge, "{path}: {err}");
    }
    assert_eq!(server.hits("/streamed"), 1);
}

#[test]
fn issue_23_robots_txt_is_honoured() {
    let server = Server::start();
    server.set(
        "/robots.txt",
        Response::text("User-agent: *\nDisallow: /private/\n\nUser-agent: otherbot\nDisallow: /\n"),
    );
    server.set("/private/memo", Response::html("secret"));
    server.set("/news/1", Response::html("<p>news</p>"));
    let fetcher = fetcher();
    let err = fetcher
        .get(&server.url("/private/memo"), None, LIMIT)
        .unwrap_err();
    assert_eq!(err.reason, Reason::Robots);
    fetcher.get(&server.url("/news/1"), None, LIMIT).unwrap();
    // A redirect into a disallowed path is refused too.
    server.set("/sneaky", Response::redirect(302, "/private/memo"));
    let err = fetcher
        .get(&server.url("/sneaky"), None, LIMIT)
        .unwrap_err();
    assert_eq!(err.reason, Reason::Robots);
    assert_eq!(server.hits("/private/memo"), 0);
    assert_eq!(server.hits("/robots.txt"), 1, "read once, then cached");
}

#[test]
fn issue_23_an_unreadable_robots_txt_keeps_the_crawler_away() {
    let server = Server::start();
    server.set("/robots.txt", Response::status(500));
    server.set("/news/1", Response::html("<p>news</p>"));
    let err = fetcher()
        .get(&server.url("/news/1"), None, LIMIT)
        .unwrap_err();
    assert_eq!(err.reason, Reason::RobotsUnavailable);
    assert!(err.reason.transient());
    assert_eq!(server.hits("/news/1"), 0);
}

#[test]
fn issue_23_gzip_bodies_are_decompressed() {
    let server = Server::start();
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(b"<p>squeezed</p>").unwrap();
    let gz = encoder.finish().unwrap();
    server.set("/gz", Response::html(gz).header("Content-Encoding", "gzip"));
    let got = page(fetcher().get(&server.url("/gz"), None, LIMIT).unwrap());
    assert_eq!(got.body, b"<p>squeezed</p>");
    let asked = server.requests().pop().unwrap();
    assert!(asked
        .header("accept-encoding")
        .unwrap_or("")
        .contains("gzip"));
}

#[test]
fn issue_23_requests_to_one_host_are_spaced_by_the_delay() {
    let server = Server::start();
    server.set("/robots.txt", Response::text("User-agent: *\nAllow: /\n"));
    for i in 0..3 {
        server.set(&format!("/p{i}"), Response::html("<p>x</p>"));
    }
    let mut config = Config::new("mailto:desk@desk.example");
    config.delay = Duration::from_millis(150);
    let fetcher = Fetcher::new(config);
    let started = Instant::now();
    std::thread::scope(|s| {
        for i in 0..3 {
            let (fetcher, url) = (&fetcher, server.url(&format!("/p{i}")));
            s.spawn(move || fetcher.get(&url, None, LIMIT).unwrap());
        }
    });
    // robots.txt and three pages, one at a time, three pauses between them at least.
    assert!(
        started.elapsed() >= Duration::from_millis(450),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.requests().len(), 4);
}

#[test]
fn issue_23_nothing_listens_means_a_connect_failure() {
    // A port we bound and released: nothing answers there (still 127.0.0.1).
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let err = fetcher()
        .get(&format!("http://127.0.0.1:{port}/x"), None, LIMIT)
        .unwrap_err();
    // Found when robots.txt is asked for; the page is not asked for then.
    assert_eq!(err.reason, Reason::Connect, "{err}");
    assert_eq!(err.attempts, 0, "robots.txt's tries are not the page's");
}
