"""dyad.spark on a local[2] Spark session: a few hundred self-made documents coded in the
executors give, row for row, what `dyad code` gives for the same JSON Lines file."""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import dyad
import dyad.spark
from conftest import ROOT, cli_records, flatten, self_made_documents, write_jsonl

DOCS = 300


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_jsonl(tmp_path_factory.mktemp("spark") / "news.jsonl", self_made_documents(DOCS))


@pytest.fixture(scope="module")
def cli_rows(corpus) -> dict[str, list[dict]]:
    """The CLI's records of the corpus, flattened, by document, in the CLI's order."""
    by_doc = defaultdict(list)
    for r in cli_records(str(corpus)):
        by_doc[r["doc_id"]].append(flatten(r))
    return by_doc


def by_doc(rows) -> dict[str, list[dict]]:
    out = defaultdict(list)
    for r in rows:
        out[r["doc_id"]].append(r)
    return out


def test_the_spark_schema_is_the_event_schema(spark):
    s = dyad.spark.schema()
    arrow = dyad.event_schema()
    assert [f.name for f in s.fields] == arrow.names
    assert [f.nullable for f in s.fields] == [f.nullable for f in arrow]
    kinds = {f.name: f.dataType.simpleString() for f in s.fields}
    assert (kinds["date"], kinds["quad_class"], kinds["goldstein"], kinds["sentence"]) == (
        "date", "tinyint", "float", "bigint")


def test_spark_gives_the_cli_rows_row_for_row(spark, corpus, cli_rows):
    docs = spark.read.schema("id STRING, published STRING, text STRING").json(str(corpus))
    # Several partitions, so each of the two Python workers codes several batches.
    events = dyad.spark.code(docs.repartition(6), text="text", published="published", id="id")
    rows = [r.asDict() for r in events.collect()]
    assert sum(len(v) for v in cli_rows.values()) > 3 * DOCS, "too few events to compare"
    assert len(rows) == sum(len(v) for v in cli_rows.values())
    # Each document's events in the CLI's order; the documents in whatever order Spark ends.
    assert by_doc(rows) == cli_rows
    assert "0" in cli_rows and "doc-0001" in cli_rows  # numeric and text ids alike


def test_the_coder_is_made_once_per_python_worker(spark, corpus):
    docs = spark.read.schema("id STRING, published STRING, text STRING").json(str(corpus))
    dyad.spark.code(docs.repartition(8)).count()

    def probe(batches):
        import os

        import pyarrow as pa

        import dyad.spark as ds

        for _ in batches:
            yield pa.RecordBatch.from_pydict({"pid": [os.getpid()], "builds": [ds.builds]})

    seen = docs.repartition(8).mapInArrow(probe, "pid long, builds long").collect()
    builds = {r.pid: r.builds for r in seen}
    # Eight tasks ran on each of the two jobs, on reused workers: each made one coder.
    assert set(builds.values()) == {1}, builds
    assert len(builds) <= 2, builds


def test_the_example_writes_parquet_partitioned_by_date(spark, corpus, cli_rows, tmp_path):
    sys.path.insert(0, str(ROOT / "examples"))
    try:
        import spark_code
    finally:
        sys.path.pop(0)
    out = tmp_path / "events"
    spark_code.main(["--input", str(corpus), "--output", str(out)])
    dates = {p.name for p in out.iterdir() if p.is_dir()}
    assert "date=2026-01-05" in dates and "date=__HIVE_DEFAULT_PARTITION__" in dates, dates
    table = pq.read_table(out)
    assert table.num_rows == sum(len(v) for v in cli_rows.values())
    assert set(table.column("doc_id").to_pylist()) == set(cli_rows)


def test_missing_columns_are_named_on_the_driver(spark):
    df = spark.createDataFrame([("a", "Japan criticized China.")], "id string, body string")
    with pytest.raises(dyad.DyadError, match=r"no column `text`, `published` \(columns: id, body\)"):
        dyad.spark.code(df)
