"""`newsgraph analyze -` as a streaming filter under PySpark's RDD.pipe, in local mode with 2 workers.

Checks that every input line gives exactly one output record, in order, with the same id, over
the project's fixtures (tests/data/articles) and over 1,000 bench articles from the shared data
(skipped with a message when ../shared is absent), and prints articles/s of the Spark run
against `newsgraph analyze` alone on the same lines.

Usage: python tests/spark/test_pipe.py [--bin target/release/newsgraph] [--limit 1000]
Needs pyspark (pinned in .ci/run) and Java 17.
"""

import argparse
import json
import os
import pathlib
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]


def shared_dir():
    """NEWSGRAPH_SHARED, else the first of ../shared, ../../shared, /work/shared from the repo."""
    env = os.environ.get("NEWSGRAPH_SHARED")
    candidates = [pathlib.Path(env)] if env else []
    candidates += [ROOT / "../shared", ROOT / "../../shared", pathlib.Path("/work/shared")]
    return next((c.resolve() for c in candidates if c.is_dir()), None)


def fixture_lines():
    """The project's own fixture articles as input records (id = file stem)."""
    lines = []
    for path in sorted((ROOT / "tests/data/articles").glob("*.txt")):
        lines.append(json.dumps({"id": path.stem, "text": path.read_text(encoding="utf-8")}))
    return lines


def bench_lines(limit):
    shared = shared_dir()
    bench = shared / "data/bench/news.jsonl" if shared else None
    if not bench or not bench.is_file():
        print("SKIP bench articles: shared data not found (set NEWSGRAPH_SHARED or put it at ../shared)")
        return None
    with open(bench, encoding="utf-8") as f:
        return [line.rstrip("\n") for _, line in zip(range(limit), f) if line.strip()]


def check_one_per_input(name, inputs, outputs):
    in_ids = [json.loads(line)["id"] for line in inputs]
    out_ids = [json.loads(line)["id"] for line in outputs]
    assert len(outputs) == len(inputs), f"{name}: {len(inputs)} inputs but {len(outputs)} outputs"
    assert out_ids == in_ids, f"{name}: output ids differ from input ids (first: {out_ids[:3]} vs {in_ids[:3]})"
    for line in outputs:
        record = json.loads(line)
        assert "error" in record or "entities" in record, f"{name}: not an output record: {line[:200]}"
    print(f"ok {name}: {len(outputs)} records, one per input, ids in order")


def run_spark(sc, command, lines, workers):
    rdd = sc.parallelize(lines, workers)
    return rdd.pipe(command, env={"RUST_BACKTRACE": "1"}).collect()


def run_alone(binary, lines, threads):
    data = ("\n".join(lines) + "\n").encode("utf-8")
    started = time.perf_counter()
    out = subprocess.run(
        [binary, "analyze", "-", "-q", "-j", str(threads)], input=data, capture_output=True, check=True
    )
    return time.perf_counter() - started, out.stdout.decode("utf-8").splitlines()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=os.environ.get("NEWSGRAPH_BIN", str(ROOT / "target/release/newsgraph")))
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    binary = str(pathlib.Path(args.bin).resolve())
    if not os.access(binary, os.X_OK):
        sys.exit(f"no newsgraph binary at {binary}: build it (cargo build --release -p newsgraph-cli) or pass --bin")

    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master(f"local[{args.workers}]")
        .appName("newsgraph-pipe-test")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    sc = spark.sparkContext
    # Each Spark worker runs one single-threaded analyze: Spark provides the parallelism.
    command = f"{binary} analyze - -q -j 1"

    fixtures = fixture_lines()
    assert fixtures, "no fixtures in tests/data/articles"
    check_one_per_input("fixtures", fixtures, run_spark(sc, command, fixtures, args.workers))

    bench = bench_lines(args.limit)
    if bench:
        run_spark(sc, command, bench[:50], args.workers)  # warm up the JVM and the workers
        started = time.perf_counter()
        outputs = run_spark(sc, command, bench, args.workers)
        spark_seconds = time.perf_counter() - started
        check_one_per_input(f"{len(bench)} bench articles", bench, outputs)
        alone_seconds, alone = run_alone(binary, bench, args.workers)
        assert [json.loads(l)["id"] for l in alone] == [json.loads(l)["id"] for l in outputs]
        print(
            f"spark local[{args.workers}] RDD.pipe: {len(bench) / spark_seconds:,.0f} articles/s "
            f"({spark_seconds:.2f} s); newsgraph analyze -j {args.workers} alone: "
            f"{len(bench) / alone_seconds:,.0f} articles/s ({alone_seconds:.2f} s)"
        )
        # The DataFrame view of the output, as the README shows it.
        frame = spark.read.json(sc.parallelize(outputs, args.workers))
        assert frame.count() == len(bench)
        assert "entities" in frame.columns and "events" in frame.columns
        print("ok output loads as a DataFrame:", ", ".join(frame.columns[:8]), "...")
    spark.stop()


if __name__ == "__main__":
    main()
