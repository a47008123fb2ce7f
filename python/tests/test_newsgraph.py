"""Tests of the Python package (issue #22): run by .ci/run in a venv after `pip install ./python`."""

import itertools
import json
import os
import pathlib
import subprocess
import threading
import time

import pytest

import newsgraph

ROOT = pathlib.Path(__file__).resolve().parents[2]
ARTICLE = ROOT / "examples" / "articles" / "geneva-talks.txt"


def binary():
    """The command line built from the same checkout, when there is one."""
    for path in (os.environ.get("NEWSGRAPH_BIN"), "target/release/newsgraph", "target/debug/newsgraph"):
        if path and (ROOT / path).is_file():
            return ROOT / path
    return None


@pytest.fixture(scope="module")
def engine():
    return newsgraph.Engine()


def test_issue_22_analyze_the_example_article():
    record = newsgraph.analyze(ARTICLE.read_text())
    assert record["entities"][0]["name"] == "Ukraine"
    assert record["title"].startswith("Ukraine and Russia agree to prisoner swap")
    assert any(q["speaker"] for q in record["quotes"])
    assert any(c["type"] == "KILL" and c["number"] == 12 for c in record["counts"])


def test_issue_22_the_same_record_as_the_command_line(engine):
    exe = binary()
    if exe is None:
        if os.environ.get("CI") == "true":
            pytest.fail("no newsgraph binary under target/ (build it first, or set NEWSGRAPH_BIN)")
        pytest.skip("no newsgraph binary under target/ to compare with")
    line = subprocess.run(
        [str(exe), "analyze", "-q", str(ARTICLE)], check=True, capture_output=True, text=True
    ).stdout
    cli = json.loads(line)
    ours = engine.analyze(ARTICLE.read_text(), id=cli["id"])
    assert ours == cli
    # Field for field: the same order, lists (never tuples), the same numbers.
    assert json.dumps(ours) == json.dumps(cli)
    streamed = next(engine.analyze_many([{"id": cli["id"], "text": ARTICLE.read_text()}]))
    assert json.dumps(streamed) == json.dumps(cli)


def test_issue_22_facts_given_win_and_html_pages_are_read(engine):
    page = (
        "<html><head><title>Floods in Dhaka</title></head><body><article>"
        "<p>DHAKA - Floods killed 14 people in Bangladesh on Monday, police said.</p>"
        "</article></body></html>"
    )
    by_keyword = engine.analyze(html=page, url="https://news.example/a", published="2024-07-01")
    by_flag = engine.analyze(page, html=True, url="https://news.example/a", published="2024-07-01")
    assert by_keyword == by_flag
    assert by_keyword["title"] == "Floods in Dhaka"
    assert by_keyword["url"] == "https://news.example/a"
    assert by_keyword["published"] == "2024-07-01"
    assert [c["number"] for c in by_keyword["counts"]] == [14]


def test_issue_22_wrong_calls_raise():
    with pytest.raises(TypeError):
        newsgraph.analyze()
    with pytest.raises(ValueError):
        newsgraph.analyze("text", html="<p>page</p>")
    with pytest.raises(newsgraph.NewsgraphError, match="unknown stage"):
        newsgraph.Engine(stages=["clean", "sentiment"])
    with pytest.raises(newsgraph.NewsgraphError, match="NER weights"):
        newsgraph.Engine(ner_weights="/nonexistent/weights.bin")


def test_issue_22_stages_and_weights_options():
    weights = ROOT / "data" / "ner-weights.bin"
    small = newsgraph.Engine(stages=["html", "clean", "segment", "ner", "geocode"], ner_weights=str(weights))
    # The text-size guard (#20) runs before every other stage, whichever stages are asked for.
    assert small.stages == ["html", "limit", "clean", "segment", "ner", "geocode"]
    record = small.analyze(ARTICLE.read_text())
    assert record["entities"] and not record["events"] and record["tone"] is None


def test_issue_22_analyze_many_keeps_order_and_puts_errors_in_place(engine):
    inputs = [
        "Police arrested 3 men in Oslo on Monday.",
        {"id": "doha", "text": "Talks resumed in Doha on Tuesday.", "published": "2024-02-06"},
        {"id": "empty"},
        {"id": 7, "html": "<p>Protesters marched in Lima.</p>"},
        {"id": "bad-url", "text": "x", "url": 5},
        42,
        b'{"id": "line", "text": "Floods hit Dhaka."}',
        b"{not json",
    ]
    out = list(engine.analyze_many(inputs, threads=2))
    ids = [r["id"] for r in out]
    assert ids == [out[0]["id"], "doha", "empty", "7", "bad-url", "item 5", "line", "item 7"]
    assert "error" not in out[6] and "not a JSON record" in out[7]["error"]
    assert "error" not in out[0] and "error" not in out[1] and "error" not in out[3]
    assert out[1]["published"] == "2024-02-06"
    assert "neither `text` nor `html`" in out[2]["error"]
    assert "`url` must be a string" in out[4]["error"]
    assert "str" in out[5]["error"]
    one_by_one = [engine.analyze(t) for t in ["Police arrested 3 men in Oslo on Monday."]]
    assert out[0] == one_by_one[0]


def test_issue_22_analyze_many_streams_from_an_endless_iterable(engine):
    texts = (f"Rebels freed {i} hostages in Goma, officials said." for i in itertools.count())
    first = list(itertools.islice(engine.analyze_many(texts, threads=2), 3))
    assert [r["text"].split()[2] for r in first] == ["0", "1", "2"]


def test_issue_22_an_exception_in_the_iterable_reaches_the_caller_after_earlier_records(engine):
    def inputs():
        yield "Talks resumed in Doha."
        yield "Floods hit Dhaka."
        raise RuntimeError("the feed broke")

    seen = []
    with pytest.raises(RuntimeError, match="the feed broke"):
        for record in engine.analyze_many(inputs(), threads=2):
            seen.append(record)
    assert len(seen) == 2


def test_issue_22_analysis_releases_the_gil(engine):
    """Another Python thread keeps running while the engine works."""
    text = ARTICLE.read_text()
    copies, took = 20, 0.0
    while copies < 5000:
        started = time.perf_counter()
        engine.analyze("\n\n".join([text] * copies))
        took = time.perf_counter() - started
        if took > 0.6:
            break
        copies *= 2
    big = "\n\n".join([text] * copies)
    gaps, done = [], threading.Event()

    def work():
        engine.analyze(big)
        done.set()

    worker = threading.Thread(target=work)
    last = time.perf_counter()
    worker.start()
    while not done.is_set():
        time.sleep(0.002)
        now = time.perf_counter()
        gaps.append(now - last)
        last = now
    worker.join()
    # Holding the GIL, the main thread would stall for the whole call (about `took`).
    assert max(gaps) < took / 2, (max(gaps), took)


def test_issue_22_to_frames_gives_one_table_per_kind():
    pd = pytest.importorskip("pandas")
    records = list(newsgraph.analyze_many([ARTICLE.read_text(), {"id": "bad"}], threads=2))
    frames = newsgraph.to_frames(records)
    assert set(frames) == {"articles", "entities", "quotes", "counts", "events"}
    assert all(isinstance(f, pd.DataFrame) for f in frames.values())
    articles = frames["articles"]
    assert list(articles["id"])[1] == "bad" and isinstance(articles["error"][1], str)
    assert len(frames["entities"]) == len(records[0]["entities"])
    assert (frames["entities"]["article_id"] == records[0]["id"]).all()
    assert len(frames["quotes"]) == len(records[0]["quotes"])
    assert len(frames["counts"]) == len(records[0]["counts"])
    assert len(frames["events"]) == len(records[0]["events"])
    assert {"source_code", "target_code", "goldstein", "lat"} <= set(frames["events"].columns)


def test_issue_22_store_ingests_once_and_searches(tmp_path, engine):
    store = newsgraph.Store(str(tmp_path / "news.db"), engine=engine)
    inputs = [
        {"id": "gva", "text": ARTICLE.read_text(), "published": "2024-03-14"},
        {"id": "oslo", "text": "Police arrested 3 men in Oslo on Monday.", "published": "2024-03-15"},
        {"id": "broken"},
    ]
    first = store.ingest(inputs, threads=2)
    assert first == {"added": 2, "skipped": 0, "failed": 1}
    again = store.ingest(inputs, threads=2)
    assert again["added"] == 0 and again["skipped"] == 2
    hits = store.search("prisoners")
    assert [h["id"] for h in hits] == ["gva"]
    assert [h["id"] for h in store.search(actor="RUS")] == ["gva"]
    assert store.get("gva")["title"].startswith("Ukraine and Russia")
    assert store.get("nope") is None
    assert store.stats()["articles"] == 2
    reopened = newsgraph.Store(str(tmp_path / "news.db"))
    assert reopened.stats()["articles"] == 2


def test_issue_22_licenses_name_every_data_file():
    rows = newsgraph.licenses()
    files = {r["file"] for r in rows}
    assert {"ner-weights.bin", "places.tsv", "tone-lexicon.tsv"} <= files
    weights = next(r for r in rows if r["file"] == "ner-weights.bin")
    assert "research" in weights["licence"]
    assert "Copyright (c) 2016 C.J. Hutto" in newsgraph.NOTICE
