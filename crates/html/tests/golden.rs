//! Golden tests: each fixture page in tests/data goes through the `html` stage and is rendered
//! with [`render`]; the result must equal `<page>.golden.txt`. After a deliberate change, run
//! with `NEWSGRAPH_BLESS=1` to rewrite the golden files, then review the diff.

use newsgraph_html::{decode_html_bytes, HtmlStage};
use newsgraph_model::{Document, Hints, Raw, Stage};
use std::path::PathBuf;

/// The `html` stage over the embedded knowledge files.
fn html_stage() -> HtmlStage {
    HtmlStage::new(newsgraph_knowledge::Knowledge::embedded()).expect("embedded knowledge files")
}

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

/// The one rendering of a stage result: metadata fields, a rule, then the text.
fn render(doc: &Document) -> String {
    let field = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    let text = match &doc.raw {
        Some(Raw::Text(t)) => t.clone(),
        other => format!("<not text: {other:?}>"),
    };
    format!(
        "title: {}\npublished: {}\nauthor: {}\nsource: {}\nlanguage: {}\nurl: {}\n---\n{}\n",
        field(&doc.title),
        field(&doc.published),
        field(&doc.author),
        field(&doc.source),
        field(&doc.language),
        field(&doc.url),
        text
    )
}

fn run_page(name: &str, hints: Hints) -> String {
    let bytes = std::fs::read(data_dir().join(name)).expect("fixture");
    let mut doc = Document::from_html(name, decode_html_bytes(&bytes));
    doc.hints = hints;
    html_stage().run(&mut doc).expect("stage runs");
    render(&doc)
}

fn check(name: &str, hints: Hints) {
    let got = run_page(name, hints);
    newsgraph_testkit::check_golden(&data_dir().join(format!("{name}.golden.txt")), &got);
}

#[test]
fn news_page_with_furniture() {
    check("harbour_bridge.html", Hints::default());
}

#[test]
fn legacy_latin1_page_with_broken_markup() {
    check("stadtrat.html", Hints::default());
}

#[test]
fn page_dated_by_its_url_hint() {
    let hints = Hints {
        url: Some("https://news.example.com/2021/05/08/volunteers-plant-trees".into()),
        ..Default::default()
    };
    check("url_dated.html", hints);
}

#[test]
fn hints_win_over_the_page() {
    let hints = Hints {
        title: Some("Bridge shut".into()),
        published: Some("2023-03-20T10:00:00Z".into()),
        source: Some("Wire".into()),
        url: Some("https://wire.example.net/x".into()),
    };
    let out = run_page("harbour_bridge.html", hints);
    assert!(out.starts_with(
        "title: Bridge shut\npublished: 2023-03-20\nauthor: Maria Lindqvist\nsource: Wire\nlanguage: en\nurl: https://wire.example.net/x\n"
    ), "{out}");
}

#[test]
fn plain_text_documents_pass_untouched() {
    let mut doc = Document::from_text("t", "Just text, <b>not</b> HTML.");
    html_stage().run(&mut doc).expect("stage runs");
    assert_eq!(
        doc.raw,
        Some(Raw::Text("Just text, <b>not</b> HTML.".into()))
    );
    assert_eq!(doc.title, None);
}

#[test]
fn giant_pages_are_refused_with_a_clear_error() {
    let page = format!(
        "<html><body><p>{}</p></body></html>",
        "word ".repeat(5 * 1024 * 1024)
    );
    let mut doc = Document::from_html("big", page);
    let err = html_stage().run(&mut doc).expect_err("over the cap");
    assert_eq!(err.stage, "html");
    assert!(
        err.message.contains("over the 20 MB limit"),
        "{}",
        err.message
    );
}
