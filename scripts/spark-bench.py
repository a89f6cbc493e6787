"""The same corpus coded by `dyad code` (1 and 2 threads) and by dyad on local Spark (local[1],
local[2]), side by side; prints a Markdown table. Run by scripts/spark-bench.sh.

Input: the first --mb MB of text of a JSON Lines corpus (default: the UN General Debate corpus in
../shared), written once, uncompressed, to a work folder, so that Spark can split it (a .gz file is
one partition, which would leave a core idle) and both read the very same file. The CLI writes
its JSON Lines to a file; Spark writes Parquet (with --partition-by-date, partitioned by event
date as examples/spark_code.py does: on the UN corpus, whose speeches have no publication date,
that is hundreds of small date folders per task, a cost of the layout and not of coding).

Each configuration runs --repeat times; the best wall time is shown. Spark's session start (its
JVM) is measured apart, once per session, and each session runs in a process of its own. Beside
wall time, the CPU time of everything that ran is counted (the CLI's process; Spark's driver, JVM
and Python workers, from /proc): on a machine shared with other work, wall time says what a user
waits, CPU time what the work costs. The answer is checked: every run must give the CLI's number
of events.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def prepare(corpus: Path, mb: float, out: Path) -> tuple[int, int]:
    """Write the first `mb` MB of text of `corpus` to `out`: (documents, bytes of text)."""
    limit = mb * 1e6
    docs = size = 0
    opener = gzip.open if corpus.suffix == ".gz" else open
    with opener(corpus, "rt", encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        for line in src:
            if not line.strip():
                continue
            text = json.loads(line).get("text") or ""
            dst.write(line if line.endswith("\n") else line + "\n")
            docs += 1
            size += len(text.encode("utf-8"))
            if size >= limit:
                break
    return docs, size


def children_cpu() -> float:
    """CPU seconds of this process's children that have ended."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def tree_cpu(root: int) -> float:
    """CPU seconds of `root` and every process under it, living or ended and waited for."""
    procs = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2:].split()
        # ppid is field 4; utime, stime, cutime, cstime fields 14 to 17 (proc(5)).
        procs[int(entry)] = (int(fields[1]), sum(int(x) for x in fields[11:15]))
    children = defaultdict(list)
    for pid, (ppid, _) in procs.items():
        children[ppid].append(pid)
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += procs.get(pid, (0, 0))[1]
        stack.extend(children[pid])
    return total / os.sysconf("SC_CLK_TCK")


def cli(dyad: str, threads: int, path: Path, work: Path) -> dict:
    """`dyad code --threads N` of the file: wall and CPU seconds, events."""
    out = work / f"cli-{threads}.jsonl"
    cpu = children_cpu()
    start = time.perf_counter()
    with open(out, "wb") as f:
        subprocess.run([dyad, "code", "--threads", str(threads), str(path)], stdout=f, check=True)
    wall = time.perf_counter() - start
    cpu = children_cpu() - cpu
    with open(out, "rb") as f:
        events = sum(1 for _ in f)
    out.unlink()
    return {"wall": wall, "cpu": cpu, "events": events}


def spark_session_run(args: argparse.Namespace) -> None:
    """In a child process: start a session, code the file `repeat` times, print JSON."""
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    # The workers run this interpreter, which has dyad installed.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    start = time.perf_counter()
    from pyspark.sql import SparkSession

    import pyarrow.dataset as ds

    import dyad.spark

    spark = (
        SparkSession.builder.master(args.spark_child)
        .appName("dyad-spark-bench")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "2g")
        # Partitions of a few MB keep both cores busy to the end.
        .config("spark.sql.files.maxPartitionBytes", f"{args.partition_mb}m")
        # Batches of 1,000 documents rather than 10,000: speeches are long.
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "1000")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    started = time.perf_counter() - start
    runs = []
    schema = "id STRING, published STRING, text STRING"
    for i in range(args.repeat):
        target = f"{args.child_output}-{i}"
        cpu = tree_cpu(os.getpid())
        t = time.perf_counter()
        docs = spark.read.schema(schema).json(args.child_input)
        writer = dyad.spark.code(docs, errors="skip").write.mode("overwrite")
        if args.partition_by_date:
            writer = writer.partitionBy("date")
        writer.parquet(target)
        wall = time.perf_counter() - t
        cpu = tree_cpu(os.getpid()) - cpu
        events = ds.dataset(target, format="parquet", partitioning="hive").count_rows()
        runs.append({"wall": wall, "cpu": cpu, "events": events})
    partitions = spark.read.schema(schema).json(args.child_input).rdd.getNumPartitions()
    spark.stop()
    print(json.dumps({"start": started, "runs": runs, "partitions": partitions}))


def spark(master: str, path: Path, work: Path, args: argparse.Namespace) -> dict:
    """A Spark session in a process of its own: its start and its runs."""
    command = [
        sys.executable, __file__, "--spark-child", master, "--child-input", str(path),
        "--child-output", str(work / f"spark-{master}"), "--repeat", str(args.repeat),
        "--partition-mb", str(args.partition_mb),
    ] + (["--partition-by-date"] if args.partition_by_date else [])
    out = subprocess.run(command, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"Spark {master} failed:\n{out.stderr[-4000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add = p.add_argument
    add("--corpus", type=Path, default=ROOT.parent / "shared/corpora/ungdc.jsonl.gz")
    add("--mb", type=float, default=200.0,
        help="MB of text to code (default: 200, the whole UN corpus)")
    add("--dyad", default=str(ROOT / "target/release/dyad"), help="the dyad command (release build)")
    add("--repeat", type=int, default=3, help="runs of each configuration; the best is shown")
    add("--partition-mb", type=int, default=16,
        help="Spark input partition size (spark.sql.files.maxPartitionBytes)")
    add("--partition-by-date", action="store_true",
        help="Spark writes Parquet partitioned by date, as the example")
    p.add_argument("--spark-child", help=argparse.SUPPRESS)
    p.add_argument("--child-input", help=argparse.SUPPRESS)
    p.add_argument("--child-output", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.spark_child:
        spark_session_run(args)
        return

    rows = []
    with tempfile.TemporaryDirectory(prefix="dyad-spark-bench-") as tmp:
        work = Path(tmp)
        path = work / "corpus.jsonl"
        docs, size = prepare(args.corpus, args.mb, path)
        mb = size / 1e6
        load_before = os.getloadavg()[0]
        print(f"input: {docs} documents, {mb:.1f} MB of text ({path.stat().st_size / 1e6:.1f} MB of "
              f"JSON Lines) from {args.corpus}", flush=True)
        for threads in (1, 2):
            runs = [cli(args.dyad, threads, path, work) for _ in range(args.repeat)]
            rows.append((f"`dyad code --threads {threads}` → JSON Lines", threads, runs, None))
            print(f"cli {threads}: {runs}", flush=True)
        for cores in (1, 2):
            r = spark(f"local[{cores}]", path, work, args)
            written = "Parquet by date" if args.partition_by_date else "Parquet"
            rows.append((f"Spark `local[{cores}]`, `dyad.spark.code` → {written}", cores, r["runs"], r))
            print(f"spark local[{cores}]: {r}", flush=True)
        load_after = os.getloadavg()[0]

    expected = rows[0][2][0]["events"]
    for name, _, runs, _ in rows:
        assert all(r["events"] == expected for r in runs), (name, runs, expected)
    best = {name: min(runs, key=lambda r: r["wall"]) for name, _, runs, _ in rows}
    cli_by_cores = {cores: best[name] for name, cores, _, extra in rows if extra is None}
    print()
    print(f"{mb:.1f} MB of text, {docs:,} documents, {expected:,} events in every run; best of "
          f"{args.repeat} runs (wall); CPU seconds of that run")
    print()
    print("| run | cores | wall s | MB/s | wall vs CLI | CPU s | MB per CPU s | CPU vs CLI |")
    print("|---|---|---|---|---|---|---|---|")
    for name, cores, runs, extra in rows:
        b, c = best[name], cli_by_cores[cores]
        print(f"| {name} | {cores} | {b['wall']:.1f} | {mb / b['wall']:.1f} | {b['wall'] / c['wall']:.2f} "
              f"| {b['cpu']:.1f} | {mb / b['cpu']:.1f} | {b['cpu'] / c['cpu']:.2f} |")
    sparks = [(name, cores, extra) for name, cores, _, extra in rows if extra is not None]
    print()
    print("Spark session start (JVM and Python, not in the times above): "
          + ", ".join(f"local[{cores}] {extra['start']:.1f} s" for _, cores, extra in sparks)
          + f"; input partitions: {sparks[0][2]['partitions']}")
    (n1, _, _), (n2, _, _) = sparks
    print(f"speed-up from 1 to 2 cores (wall): CLI {cli_by_cores[1]['wall'] / cli_by_cores[2]['wall']:.2f}x, "
          f"Spark {best[n1]['wall'] / best[n2]['wall']:.2f}x")
    print(f"load average (1 min) before {load_before:.1f}, after {load_after:.1f}, on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
