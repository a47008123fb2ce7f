#!/usr/bin/env python3
"""Regenerate tests/data/sample.warc and sample.warc.gz from the fixture pages in tests/data.

The archive mimics a CC-NEWS crawl: a warcinfo record, then request/response pairs, a
metadata record, a non-HTML response, a 404, a chunked response and a gzip-encoded one.
The .gz file compresses every record as its own gzip member, as crawlers do.
Run from the repository root: python3 crates/html/tools/make_warc_fixture.py
"""
import gzip
import pathlib

DATA = pathlib.Path(__file__).resolve().parent.parent / "tests" / "data"
DATE = "2023-03-14T09:00:00Z"


def record(kind, uri, block, content_type, n):
    head = [
        "WARC/1.0",
        f"WARC-Type: {kind}",
        f"WARC-Date: {DATE}",
        f"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{n:012d}>",
    ]
    if uri:
        head.append(f"WARC-Target-URI: {uri}")
    head += [f"Content-Type: {content_type}", f"Content-Length: {len(block)}"]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def http(status, headers, body):
    lines = [f"HTTP/1.1 {status}"] + [f"{k}: {v}" for k, v in headers] + ["", ""]
    return "\r\n".join(lines).encode("latin-1") + body


def chunked(body, size=300):
    out = b""
    for i in range(0, len(body), size):
        part = body[i : i + size]
        out += b"%x\r\n" % len(part) + part + b"\r\n"
    return out + b"0\r\n\r\n"


def main():
    bridge = (DATA / "harbour_bridge.html").read_bytes()
    stadtrat = (DATA / "stadtrat.html").read_bytes()
    trees = (DATA / "url_dated.html").read_bytes()
    resp = "application/http; msgtype=response"
    records = [
        record("warcinfo", None, b"software: newsgraph fixture\r\nformat: WARC File Format 1.0\r\n", "application/warc-fields", 1),
        record("request", "https://courier.example.org/news/harbour-bridge-repairs",
               b"GET /news/harbour-bridge-repairs HTTP/1.1\r\nHost: courier.example.org\r\n\r\n", "application/http; msgtype=request", 2),
        record("response", "https://courier.example.org/news/harbour-bridge-repairs",
               http("200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", len(bridge))], bridge), resp, 3),
        record("metadata", "https://courier.example.org/news/harbour-bridge-repairs", b"fetchTimeMs: 120\r\n", "application/warc-fields", 4),
        record("response", "https://courier.example.org/img/bridge.jpg",
               http("200 OK", [("Content-Type", "image/jpeg")], b"\xff\xd8\xff\xe0 not really a jpeg"), resp, 5),
        record("response", "https://courier.example.org/missing",
               http("404 Not Found", [("Content-Type", "text/html")], b"<html><body>Not found</body></html>"), resp, 6),
        record("response", "https://kreisbote.example.de/lokales/radwege",
               http("200 OK", [("Content-Type", "text/html; charset=ISO-8859-1"), ("Transfer-Encoding", "chunked")], chunked(stadtrat)), resp, 7),
        record("response", "https://news.example.com/2021/05/08/volunteers-plant-trees",
               http("200 OK", [("Content-Type", "text/html"), ("Content-Encoding", "gzip")], gzip.compress(trees, mtime=0)), resp, 8),
    ]
    (DATA / "sample.warc").write_bytes(b"".join(records))
    (DATA / "sample.warc.gz").write_bytes(b"".join(gzip.compress(r, mtime=0) for r in records))
    print(f"{len(records)} records -> sample.warc, sample.warc.gz")


main()
