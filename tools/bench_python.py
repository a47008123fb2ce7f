#!/usr/bin/env python3
"""Speed of `newsgraph.analyze_many` against `newsgraph analyze -j N` on the same corpus (#22).

Runs both alternately, ROUNDS times each, and prints every run's wall-clock time and CPU time
(user + system, every thread) and each side's medians. Both read the JSON-lines corpus and
produce every record: the command line writes JSON lines to /dev/null; Python streams the
file's lines through analyze_many and receives every record as a dict.

    python tools/bench_python.py --bin target/release/newsgraph [--threads 2] [--rounds 3]
        [--inputs bytes|dicts] [--limit N] [CORPUS]

--inputs bytes (default) gives analyze_many the file's lines as they are (parsed on the engine's
threads); --inputs dicts parses each line with json.loads in Python first, as a program holding
its articles as dicts would. --limit N takes the first N lines only (written to a temporary file
so that both sides read the same input).

On a shared, loaded machine wall-clock time measures the queue for a core; CPU time is the
figure to compare there (on 2 cores with 2 worker threads every CPU second the Python side
spends beyond the command line's is wall-clock time lost). Both sides build their engine (the
embedded knowledge, about a second of CPU) inside the timing: Python makes a new Engine per run.

Needs `pip install ./python` (a release build) in the running interpreter.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import tempfile
import time

import newsgraph


def cpu_self():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def cpu_children():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_cli(exe, corpus, threads):
    started, cpu = time.perf_counter(), cpu_children()
    subprocess.run(
        [exe, "analyze", "-q", "-j", str(threads), "--out", "/dev/null", corpus], check=True
    )
    return time.perf_counter() - started, cpu_children() - cpu


def run_python(corpus, threads, inputs):
    started, cpu, main = time.perf_counter(), cpu_self(), time.thread_time()
    engine = newsgraph.Engine()
    main = time.thread_time() - main  # the engine's build, on this thread
    loop = time.thread_time()
    n = 0
    with open(corpus, "rb") as lines:
        source = lines if inputs == "bytes" else map(json.loads, lines)
        for record in engine.analyze_many(source, threads=threads):
            n += 1
    wall, cpu, loop = time.perf_counter() - started, cpu_self() - cpu, time.thread_time() - loop
    return wall, cpu, (main, loop), n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default="../shared/data/bench/news.jsonl")
    ap.add_argument("--bin", default="target/release/newsgraph")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--inputs", choices=["bytes", "dicts"], default="bytes")
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    corpus, tmp = args.corpus, None
    if args.limit:
        tmp = tempfile.NamedTemporaryFile("wb", suffix=".jsonl", delete=False)
        with open(args.corpus, "rb") as f:
            for i, line in enumerate(f):
                if i == args.limit:
                    break
                tmp.write(line)
        tmp.close()
        corpus = tmp.name
    cli, py = [], []
    try:
        for i in range(args.rounds):
            wall, cpu = run_cli(args.bin, corpus, args.threads)
            cli.append((wall, cpu))
            wall, cpu, main_cpu, n = run_python(corpus, args.threads, args.inputs)
            py.append((wall, cpu))
            print(
                f"round {i + 1}: cli {cli[-1][0]:.2f} s ({cli[-1][1]:.2f} s CPU), "
                f"python {wall:.2f} s ({cpu:.2f} s CPU; on the calling thread {main_cpu[0]:.2f} s "
                f"building the engine, {main_cpu[1]:.2f} s in the loop; {n} records, "
                f"{args.inputs})",
                flush=True,
            )
    finally:
        if tmp:
            os.unlink(tmp.name)
    med = {name: [statistics.median(t[k] for t in runs) for k in (0, 1)] for name, runs in
           (("cli", cli), ("python", py))}
    for name, (wall, cpu) in med.items():
        print(f"{name:>6}: median {wall:.2f} s wall, {cpu:.2f} s CPU, {n / wall:.0f} articles/s, "
              f"{cpu / n * 1e6:.0f} µs CPU/article")
    print(
        f"python / cli (medians): wall {med['python'][0] / med['cli'][0]:.3f}, "
        f"CPU {med['python'][1] / med['cli'][1]:.3f}; best wall runs: "
        f"{min(t[0] for t in py) / min(t[0] for t in cli):.3f}"
    )


if __name__ == "__main__":
    main()
