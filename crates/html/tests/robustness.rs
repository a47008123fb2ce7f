//! Robustness: hostile and random input never panics, never recurses without bound, and
//! stays within time on large pages. A seeded generator stands in for property testing (no
//! extra dependency): it splices fragments of real-looking markup, truncates them anywhere
//! (also inside multi-byte characters and entities), and feeds every reader.

use newsgraph_html::{decode_html_bytes, extract_article, read_feed, read_warc, sniff, HtmlStage};
use newsgraph_model::{Document, Stage};
use std::time::Instant;

/// The html readers' tables over the embedded knowledge files.
fn knowledge() -> std::sync::Arc<newsgraph_html::HtmlKnowledge> {
    newsgraph_html::HtmlKnowledge::new(newsgraph_knowledge::Knowledge::embedded())
        .expect("embedded knowledge files")
}

/// The `html` stage over the embedded knowledge files.
fn html_stage() -> HtmlStage {
    HtmlStage::new(newsgraph_knowledge::Knowledge::embedded()).expect("embedded knowledge files")
}

/// xorshift64*: deterministic, so a failure can be replayed from its case number.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const FRAGMENTS: &[&str] = &[
    "<p>",
    "</p>",
    "<div class=\"article-body\">",
    "</div>",
    "<li>",
    "<ul>",
    "</ul>",
    "<table><tr><td>",
    "</td>",
    "<br>",
    "<br/>",
    "<script>",
    "</script>",
    "<script type=\"application/ld+json\">",
    "{\"@type\":\"NewsArticle\",\"headline\":\"x\",\"datePublished\":\"2020-02-30\"}",
    "<style>",
    "</style>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<!DOCTYPE html>",
    "<?xml version=\"1.0\"?>",
    "&amp;",
    "&#x1F600;",
    "&#99999999;",
    "&#;",
    "&",
    "&nbsp",
    "<",
    ">",
    "=\"",
    "'",
    "<a href=x>",
    "</a>",
    "<meta property=\"og:title\" content=\"",
    "<time datetime=\"2016-09-05\">",
    "5. März 2019",
    "Sept. 31, 2016",
    "12/31/1999",
    "<title>",
    "</title>",
    "<h1>",
    "</h1>",
    "<rss><channel><item><title>",
    "</item>",
    "<feed><entry>",
    "<link href=\"",
    "WARC/1.0\r\n",
    "Content-Length: 99999999999\r\n",
    "\r\n\r\n",
    "Élan café naïve — “quotes” ",
    "日本語のテキスト",
    "\u{0}",
    "\u{FEFF}",
    "The council voted on Tuesday, after a long debate, to close the bridge for repairs. ",
];

fn random_doc(rng: &mut Rng) -> Vec<u8> {
    let mut out = Vec::new();
    for _ in 0..rng.below(120) {
        out.extend_from_slice(FRAGMENTS[rng.below(FRAGMENTS.len())].as_bytes());
        if rng.below(10) == 0 {
            out.push(rng.next() as u8);
        }
    }
    out.truncate(rng.below(out.len() + 1));
    out
}

#[test]
fn random_markup_never_panics_anywhere() {
    let k = knowledge();
    let stage = html_stage();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for case in 0..1500 {
        let bytes = random_doc(&mut rng);
        let text = decode_html_bytes(&bytes);
        let result = std::panic::catch_unwind(|| {
            let _ = extract_article(&text, Some("https://example.org/2019/02/29/x"), &k);
            let _ = read_feed(&bytes, &k);
            let _ = sniff(&bytes);
            let _: Vec<_> = read_warc(std::io::Cursor::new(bytes.clone()))
                .take(50)
                .collect();
            let mut doc = Document::from_html("r", text.clone());
            let _ = stage.run(&mut doc);
        });
        assert!(
            result.is_ok(),
            "case {case} panicked on {:?}",
            String::from_utf8_lossy(&bytes)
        );
    }
}

#[test]
fn truncation_at_every_byte_of_a_fixture_page_never_panics() {
    let k = knowledge();
    let page = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/harbour_bridge.html"
    ))
    .expect("fixture");
    for cut in 0..page.len() {
        let text = decode_html_bytes(&page[..cut]);
        let _ = extract_article(&text, None, &k);
    }
}

#[test]
fn pathological_nesting_and_unclosed_tags_stay_linear() {
    let k = knowledge();
    let cases = [
        "<div>".repeat(50_000),
        "<p><b><i>".repeat(25_000),
        "<table><tr><td>".repeat(15_000),
        "<a href=\"x\">".repeat(25_000) + "text",
        "<li>".repeat(50_000),
        "&".repeat(300_000),
        "<".repeat(300_000),
        "<!--".to_string() + &"x".repeat(300_000),
        "<script>".to_string() + &"</scrip".repeat(30_000),
        "<p class=\"".to_string() + &"a".repeat(300_000),
    ];
    for (i, page) in cases.iter().enumerate() {
        let started = Instant::now();
        let _ = extract_article(page, None, &k);
        let secs = started.elapsed().as_secs_f64();
        // Generous bound (debug build, shared machine): quadratic behaviour would take minutes.
        assert!(secs < 20.0, "case {i} took {secs:.1}s");
    }
}

#[test]
fn a_large_page_under_the_cap_is_processed() {
    let k = knowledge();
    // About 5 MB of plausible markup: must finish and find the text.
    let para = "<p>The council voted on Tuesday, after a long debate, to close the bridge for repairs.</p>\n";
    let page = format!(
        "<html><body><div class=\"article\">{}</div></body></html>",
        para.repeat(5_000_000 / para.len())
    );
    let article = extract_article(&page, None, &k).expect("under the cap");
    assert!(article.text.starts_with("The council voted"));
}

#[test]
fn a_50_mb_page_is_refused_before_parsing() {
    let k = knowledge();
    let page = "x".repeat(50 * 1024 * 1024);
    let started = Instant::now();
    let err = extract_article(&page, None, &k).expect_err("over the cap");
    assert!(err.contains("50.0 MB"), "{err}");
    assert!(started.elapsed().as_millis() < 1000);
}
