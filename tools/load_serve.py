#!/usr/bin/env python3
"""Load run against `newsgraph serve` (#20): N clients, a fixed number of requests of a realistic
mix (searches with and without filters, articles, events, timeline, stats), on 127.0.0.1 only.

    python3 tools/load_serve.py --url http://127.0.0.1:8080 --clients 20 --requests 2000

Prints one JSON line: requests/s, p50/p95/p99/max latency, the count of non-200 answers with
every status, the mix (requests per kind) and, with `--server-pid`, the server's CPU time per
request (user + system, from /proc): the figure that does not depend on what else the machine
is running, so the rate on a quiet machine can be inferred from a loaded one. Stdlib only.

The server keeps answers to repeated requests until its store changes (`serve --cache`, on by
default); `serve --cache 0` measures every request computed afresh.
"""
import os
import argparse
import http.client
import json
import random
import threading
import time
import urllib.parse

WORDS = ["ceasefire", "election", "police", "president", "protest", "minister", "court",
         "troops", "oil", "trade", "storm", "vaccine", "refugees", "talks", "border",
         "parliament", "strike", "bank", "rebels", "sanctions", "\"prime minister\"",
         "syria AND talks", "china OR russia", "football", "earthquake"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", default="http://127.0.0.1:8080")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=20)
    ap.add_argument("--server-pid", type=int, help="report this process's CPU ms per request")
    args = ap.parse_args()
    url = urllib.parse.urlparse(args.url)
    if url.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("load runs only against this machine")
    rng = random.Random(args.seed)

    # Article ids to fetch come from the store itself.
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    ids = []
    for w in WORDS[:10]:
        conn.request("GET", "/api/search?limit=20&q=" + urllib.parse.quote(w))
        ids += [h["id"] for h in json.loads(conn.getresponse().read())["hits"]]
    conn.close()
    ids = ids or ["none"]

    def path():
        r = rng.random()
        w = urllib.parse.quote(rng.choice(WORDS))
        if r < 0.40:
            return "search", f"/api/search?q={w}"
        if r < 0.50:
            return "search+dates", f"/api/search?q={w}&since=2016-01-01&until=2016-12-31"
        if r < 0.55:
            country = rng.choice(['US', 'GB', 'SY', 'RU', 'CN'])
            return "search+country", f"/api/search?q={w}&country={country}"
        if r < 0.80:
            return "article", "/api/articles/" + urllib.parse.quote(rng.choice(ids), safe="")
        if r < 0.90:
            return "events", f"/api/events?limit=50&root={rng.randint(1, 20):02}"
        if r < 0.95:
            return "stats", "/api/stats"
        return "network", "/api/network?limit=60"

    kinds = [path() for _ in range(args.requests)]
    plan = [p for _, p in kinds]
    mix = {}
    for kind, _ in kinds:
        mix[kind] = mix.get(kind, 0) + 1

    def cpu_ms():
        if not args.server_pid:
            return None
        with open(f"/proc/{args.server_pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")
    lock = threading.Lock()
    latencies, errors, statuses = [], [0], {}

    def client(paths):
        c = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        for p in paths:
            t0 = time.perf_counter()
            try:
                c.request("GET", p)
                res = c.getresponse()
                res.read()
                status = res.status
            except Exception:
                c.close()
                c = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
                status = 0
            dt = time.perf_counter() - t0
            with lock:
                latencies.append(dt)
                statuses[status] = statuses.get(status, 0) + 1
                if status != 200:
                    errors[0] += 1
        c.close()

    chunks = [plan[i::args.clients] for i in range(args.clients)]
    threads = [threading.Thread(target=client, args=(c,)) for c in chunks]
    cpu0 = cpu_ms()
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    cpu1 = cpu_ms()
    latencies.sort()
    q = lambda f: latencies[min(len(latencies) - 1, int(f * len(latencies)))] * 1000
    print(json.dumps({
        "clients": args.clients, "requests": len(latencies), "seconds": round(wall, 2),
        "requests_per_s": round(len(latencies) / wall, 1), "p50_ms": round(q(0.50), 1),
        "p95_ms": round(q(0.95), 1), "p99_ms": round(q(0.99), 1),
        "max_ms": round(latencies[-1] * 1000, 1), "errors": errors[0], "statuses": statuses,
        "server_cpu_ms_per_request": None if cpu0 is None else round((cpu1 - cpu0) / len(latencies), 2),
        "mix": mix}))


if __name__ == "__main__":
    main()
