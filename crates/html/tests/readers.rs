//! WARC, feed and sniffing tests on the fixtures in tests/data (written for newsgraph).

use newsgraph_html::{read_feed, read_warc, sniff, InputKind};
use std::path::PathBuf;

/// The html readers' tables over the embedded knowledge files.
fn knowledge() -> std::sync::Arc<newsgraph_html::HtmlKnowledge> {
    newsgraph_html::HtmlKnowledge::new(newsgraph_knowledge::Knowledge::embedded())
        .expect("embedded knowledge files")
}

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn check_sample_warc(bytes: Vec<u8>) {
    let mut reader = read_warc(std::io::Cursor::new(bytes));
    let articles: Vec<_> = reader
        .by_ref()
        .collect::<Result<_, _>>()
        .expect("fixture reads cleanly");
    let urls: Vec<&str> = articles.iter().map(|a| a.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://courier.example.org/news/harbour-bridge-repairs",
            "https://kreisbote.example.de/lokales/radwege",
            "https://news.example.com/2021/05/08/volunteers-plant-trees",
        ]
    );
    assert!(articles[0].html.contains("Old Harbour Bridge"));
    // Chunked and ISO-8859-1 (from the HTTP header) decode to clean text.
    assert!(
        articles[1].html.contains("Bürgermeisterin Anna Vogt"),
        "{}",
        articles[1].html
    );
    // Gzip content encoding is undone.
    assert!(articles[2].html.contains("3,000 native trees"));
    assert_eq!(articles[0].fetched.as_deref(), Some("2023-03-14T09:00:00Z"));
    let skipped: Vec<(String, u64)> = reader
        .skipped()
        .iter()
        .map(|(k, v)| (k.clone(), *v))
        .collect();
    assert_eq!(
        skipped,
        [
            ("HTTP status 404".to_string(), 1),
            ("not HTML: image/jpeg".to_string(), 1),
            ("not a response record: metadata".to_string(), 1),
            ("not a response record: request".to_string(), 1),
            ("not a response record: warcinfo".to_string(), 1),
        ]
    );
}

#[test]
fn warc_yields_html_responses_and_counts_the_rest() {
    check_sample_warc(fixture("sample.warc"));
}

#[test]
fn warc_gz_with_one_member_per_record_reads_the_same() {
    check_sample_warc(fixture("sample.warc.gz"));
}

#[test]
fn truncated_warc_reports_an_error_instead_of_panicking() {
    let bytes = fixture("sample.warc");
    for cut in [10, 200, 1000, bytes.len() - 5] {
        let results: Vec<_> = read_warc(std::io::Cursor::new(bytes[..cut].to_vec())).collect();
        assert!(
            results.iter().any(|r| r.is_err()),
            "cut at {cut} should report an error"
        );
    }
}

#[test]
fn rss_items_become_articles() {
    let items = read_feed(&fixture("feed.rss"), &knowledge()).expect("valid feed");
    assert_eq!(items.len(), 2);
    assert_eq!(
        items[0].title.as_deref(),
        Some("Harbour bridge to close for six months of repairs")
    );
    assert_eq!(
        items[0].link.as_deref(),
        Some("https://courier.example.org/news/harbour-bridge-repairs")
    );
    assert_eq!(items[0].published.as_deref(), Some("2023-03-14"));
    assert_eq!(items[0].author.as_deref(), Some("Maria Lindqvist"));
    assert!(
        items[0].html.starts_with("<p>The Old Harbour Bridge"),
        "content:encoded wins: {}",
        items[0].html
    );
    assert_eq!(
        items[1].title.as_deref(),
        Some("Ferry operator hires 30 crew & adds night sailings")
    );
    assert_eq!(
        items[1].html,
        "<p>The ferry company will run <b>night sailings</b> while the bridge is shut.</p>"
    );
    assert_eq!(items[1].published.as_deref(), Some("2023-03-15"));
}

#[test]
fn atom_entries_become_articles() {
    let items = read_feed(&fixture("feed.atom"), &knowledge()).expect("valid feed");
    assert_eq!(items.len(), 2);
    assert_eq!(
        items[0].title.as_deref(),
        Some("Stadtrat beschließt neues Radwegenetz")
    );
    assert_eq!(
        items[0].link.as_deref(),
        Some("https://kreisbote.example.de/lokales/radwege")
    );
    assert_eq!(items[0].published.as_deref(), Some("2019-03-05"));
    assert_eq!(items[0].author.as_deref(), Some("Jonas Keller"));
    assert_eq!(
        items[0].html,
        r#"<div xmlns="http://www.w3.org/1999/xhtml"><p>Bis 2025 sollen 42 Kilometer neue Radwege entstehen.</p><p>Die Kosten liegen bei rund 9 Millionen Euro.</p></div>"#
    );
    assert_eq!(
        items[1].link.as_deref(),
        Some("https://kreisbote.example.de/lokales/baeume")
    );
    assert_eq!(items[1].published.as_deref(), Some("2019-04-13"));
    assert_eq!(
        items[1].html,
        "<p>More than 200 volunteers planted trees.</p>"
    );
}

#[test]
fn a_page_is_not_a_feed() {
    assert!(read_feed(&fixture("harbour_bridge.html"), &knowledge()).is_err());
}

#[test]
fn sniff_tells_every_kind() {
    assert_eq!(sniff(&fixture("harbour_bridge.html")), InputKind::Html);
    assert_eq!(sniff(&fixture("stadtrat.html")), InputKind::Html);
    assert_eq!(sniff(&fixture("feed.rss")), InputKind::Feed);
    assert_eq!(sniff(&fixture("feed.atom")), InputKind::Feed);
    assert_eq!(sniff(&fixture("sample.warc")), InputKind::Warc);
    let gz = fixture("sample.warc.gz");
    assert_eq!(sniff(&gz[..gz.len().min(200)]), InputKind::Warc);
    assert_eq!(
        sniff(b"{\"id\":\"a1\",\"text\":\"Flooding closed roads.\"}\n"),
        InputKind::JsonLines
    );
    assert_eq!(
        sniff(b"\xEF\xBB\xBF  Flooding closed roads in the north on Monday."),
        InputKind::Text
    );
    assert_eq!(sniff(b"<p>Flooding closed roads.</p>"), InputKind::Html);
    assert_eq!(sniff(b""), InputKind::Text);
}
