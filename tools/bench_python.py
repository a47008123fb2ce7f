#!/usr/bin/env python3
"""Speed of `newsgraph.analyze_many` against `newsgraph analyze -j N` on the same corpus (#22).

Runs both alternately, ROUNDS times each, on a shared machine, and prints every run's time and
each side's median and spread. Both read the JSON-lines corpus and produce every record: the
command line writes JSON lines to /dev/null; Python streams the file's lines (bytes)
through analyze_many and receives every record as a dict.

    python tools/bench_python.py --bin target/release/newsgraph [--threads 2] [--rounds 3] [CORPUS]

Needs `pip install ./python` (a release build) in the running interpreter.
"""

import argparse
import json
import statistics
import subprocess
import time

import newsgraph


def run_cli(exe, corpus, threads):
    started = time.perf_counter()
    subprocess.run(
        [exe, "analyze", "-q", "-j", str(threads), "--out", "/dev/null", corpus], check=True
    )
    return time.perf_counter() - started


def run_python(engine, corpus, threads):
    started = time.perf_counter()
    n = 0
    with open(corpus, "rb") as lines:
        for record in engine.analyze_many(lines, threads=threads):
            n += 1
    return time.perf_counter() - started, n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default="../shared/data/bench/news.jsonl")
    ap.add_argument("--bin", default="target/release/newsgraph")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    engine = newsgraph.Engine()
    engine.analyze("Warm-up: talks resumed in Doha.")
    cli, py = [], []
    for i in range(args.rounds):
        cli.append(run_cli(args.bin, args.corpus, args.threads))
        took, n = run_python(engine, args.corpus, args.threads)
        py.append(took)
        print(f"round {i + 1}: cli {cli[-1]:.2f} s, python {py[-1]:.2f} s ({n} records)", flush=True)
    for name, times in (("cli", cli), ("python", py)):
        print(
            f"{name:>6}: median {statistics.median(times):.2f} s, min {min(times):.2f}, "
            f"max {max(times):.2f}, {n / statistics.median(times):.0f} articles/s"
        )
    ratio = statistics.median(py) / statistics.median(cli)
    print(f"python / cli (medians): {ratio:.3f}; best runs: {min(py) / min(cli):.3f}")


if __name__ == "__main__":
    main()
