#!/usr/bin/env python3
"""Measure one `newsgraph watch` cycle over pages served on this machine (issue 23).

Serves the first N records of a JSON-lines corpus (the bench, by default) as HTML pages, spread
over several loopback hosts (127.0.0.1, 127.0.0.2, ...: one request at a time per host, so the
fetchers work in parallel as they would over several sites), each host with an RSS feed of its
pages; runs `newsgraph watch --once` over them with no delay between requests, then a second
cycle (every feed answers 304). Prints pages/s, CPU time and peak memory of each cycle, and the
load average, since the machine may be shared. Nothing is sent anywhere but 127.0.0.x.

    python3 tools/bench_watch.py --bin target/release/newsgraph [--pages 1000] [--hosts 4]
"""

import argparse
import html
import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def pages_from(corpus, count):
    """(title, body html) of the first `count` records that have text."""
    out = []
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            if len(out) >= count:
                break
            rec = json.loads(line)
            text = rec.get("text") or ""
            if not text.strip():
                continue
            paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\n {2,}", text) if p.strip()]
            title = rec.get("title") or paragraphs[0][:80]
            body = "".join(f"<p>{html.escape(' '.join(p.split()))}</p>" for p in paragraphs)
            out.append((title, body))
    return out


def handler_for(routes, etag):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path.endswith(".xml") and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.end_headers()
                return
            body = routes.get(self.path)
            if body is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            kind = "application/rss+xml" if self.path.endswith(".xml") else "text/html; charset=utf-8"
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            if self.path.endswith(".xml"):
                self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    return Handler


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_cycle(args, feeds, db, label):
    cmd = ["/usr/bin/time", "-v", args.bin, "watch", "--once", "--feeds", feeds, "--db", db,
           "--contact", "https://newsgraph.invalid/bench", "--delay", "0ms",
           "--fetchers", str(args.fetchers)]
    load = os.getloadavg()[0]
    started = time.time()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.time() - started
    if proc.returncode != 0:
        raise SystemExit(proc.stderr)
    line = next((l for l in proc.stderr.splitlines() if " cycle " in l), "")
    stored = int(re.search(r"(\d+) stored", line).group(1))
    fetched = int(re.search(r"(\d+) fetched", line).group(1))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr).group(1))
    user = float(re.search(r"User time \(seconds\): ([\d.]+)", proc.stderr).group(1))
    system = float(re.search(r"System time \(seconds\): ([\d.]+)", proc.stderr).group(1))
    print(f"{label}: {line.split('newsgraph watch: ', 1)[-1]}")
    print(f"  {fetched} pages fetched, {stored} stored in {wall:.1f} s wall (start-up included): "
          f"{fetched / wall:.1f} pages/s; CPU {user + system:.1f} s "
          f"({fetched / max(user + system, 1e-9):.1f} pages per CPU-second); "
          f"peak memory {rss // 1024} MB; load average {load:.1f} at start")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default="target/release/newsgraph")
    shared = os.environ.get("NEWSGRAPH_SHARED", "../shared")
    ap.add_argument("--corpus", default=os.path.join(shared, "data/bench/news.jsonl"))
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--hosts", type=int, default=4)
    ap.add_argument("--fetchers", type=int, default=4)
    args = ap.parse_args()

    pages = pages_from(args.corpus, args.pages)
    port = free_port()
    work = tempfile.mkdtemp(prefix="newsgraph-bench-watch-")
    servers, feed_urls = [], []
    for h in range(args.hosts):
        host = f"127.0.0.{h + 1}"
        routes = {"/robots.txt": b"User-agent: *\nAllow: /\n"}
        items = []
        for i in range(h, len(pages), args.hosts):
            title, body = pages[i]
            path = f"/news/{i}.html"
            routes[path] = (f"<!doctype html><html><head><title>{html.escape(title)}</title></head>"
                            f"<body><article><h1>{html.escape(title)}</h1>{body}</article></body></html>").encode()
            items.append(f"<item><title>{html.escape(title)}</title><link>http://{host}:{port}{path}</link></item>")
        routes["/feed.xml"] = ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>bench</title>"
                               + "".join(items) + "</channel></rss>").encode()
        server = ThreadingHTTPServer((host, port), handler_for(routes, f"\"bench-{h}\""))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        feed_urls.append(f"http://{host}:{port}/feed.xml  Bench {h + 1}")
    feeds = os.path.join(work, "feeds.txt")
    with open(feeds, "w") as f:
        f.write("\n".join(feed_urls) + "\n")
    db = os.path.join(work, "news.db")
    env_note = f"{len(pages)} pages on {args.hosts} loopback hosts, --fetchers {args.fetchers}, {os.cpu_count()} cores"
    print(env_note)
    try:
        run_cycle(args, feeds, db, "cycle 1 (every page new)")
        run_cycle(args, feeds, db, "cycle 2 (every feed unchanged: 304)")
    finally:
        for s in servers:
            s.shutdown()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
