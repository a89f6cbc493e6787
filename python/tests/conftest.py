"""Shared fixtures: the `dyad` command to compare with, self-made documents, one Spark session."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def dyad_bin() -> str:
    """The `dyad` command: $DYAD_BIN (set by .ci/python.sh), else a build in the target folder."""
    if os.environ.get("DYAD_BIN"):
        return os.environ["DYAD_BIN"]
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    if not target.is_absolute():
        target = ROOT / target
    for profile in ("release", "debug"):
        if (target / profile / "dyad").exists():
            return str(target / profile / "dyad")
    pytest.fail("no dyad binary to compare with: cargo build --release -p dyad, or set DYAD_BIN")


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """Run `dyad ARGS…`, capturing text output."""
    return subprocess.run([dyad_bin(), *args], capture_output=True, text=True)


def cli_records(*args: str) -> list[dict]:
    """The event records `dyad code ARGS…` prints, parsed."""
    out = run_cli("code", *args)
    assert out.returncode == 0, out.stderr
    return [json.loads(line) for line in out.stdout.splitlines()]


# Self-made news: actors the built-in dictionaries know, verb phrases of several CAMEO roots,
# time expressions, places and modalities, so that every column gets values.
ACTORS = [
    "China", "Japan", "South Korea", "North Korea", "the United States", "Russia", "Ukraine",
    "France", "Germany", "India", "Iran", "Israel", "Egypt", "Nigeria", "Brazil", "NATO",
    "the United Nations", "Chinese President Xi Jinping", "South Korean President Lee Jae Myung",
    "the Japanese foreign minister", "Russian troops", "Iranian officials", "German police",
]
ACTS = [
    "held talks with", "criticized", "accused", "visited", "signed an agreement with",
    "threatened", "praised", "met", "condemned", "urged", "will visit", "did not sign a deal with",
    "rejected a proposal from", "attacked", "expelled diplomats from", "sent aid to",
    "called for negotiations with", "imposed sanctions on", "once fought alongside",
]
WHEN = ["", " on Monday", " yesterday", " last week", " in March", " on January 5", " in 1998",
        " just over two months ago"]
WHERE = ["", " in Beijing", " in Seoul", " in Geneva", " in Paris", " at the border"]
DATELINES = ["", "SEOUL, Jan 5 (Yonhap) -- ", "GENEVA -- ", "MOSCOW (Reuters) - "]


def self_made_documents(n: int, seed: int = 6) -> list[dict]:
    """`n` documents of three to six sentences each, as JSON Lines objects `{id, published, text}`:
    ids are text, and a few numbers; dates are YYYY-MM-DD, YYYYMMDD or absent."""
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        sentences = []
        for _ in range(rng.randint(3, 6)):
            a, b = rng.sample(ACTORS, 2)
            s = f"{a} {rng.choice(ACTS)} {b}{rng.choice(WHERE)}{rng.choice(WHEN)}."
            sentences.append(s[0].upper() + s[1:])
        text = rng.choice(DATELINES) + " ".join(sentences)
        day = f"2026-01-{rng.randint(1, 28):02d}"
        published = rng.choice([day, day, day.replace("-", ""), None])
        doc_id = i if i % 25 == 0 else f"doc-{i:04d}"
        doc = {"id": doc_id, "text": text}
        if published is not None:
            doc["published"] = published
        docs.append(doc)
    return docs


def write_jsonl(path: Path, docs: list[dict]) -> Path:
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def spark():
    """One local[2] Spark session for the whole run (its JVM takes seconds to start). Its Python
    workers run this interpreter, where the package under test is installed."""
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("dyad-python-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def f32(x: float) -> float:
    """`x` as an Arrow Float32 column holds it (the record's goldstein and confidence are f32)."""
    import struct

    return struct.unpack("f", struct.pack("f", x))[0]


def flatten(r: dict) -> dict:
    """An event record as `dyad code` prints it, as one row of `dyad.event_schema()`: the mapping
    crates/export/src/columns.rs documents, written again here, independently, to test it."""
    import datetime

    def span(prefix: str, s) -> dict:
        return {f"{prefix}_start": s[0] if s else None, f"{prefix}_end": s[1] if s else None}

    def side(prefix: str, a) -> dict:
        a = a or {}
        return {
            f"{prefix}_code": a.get("code"),
            f"{prefix}_country": a.get("country"),
            f"{prefix}_role": a.get("role") or None,
            f"{prefix}_name": a.get("name"),
            **span(prefix, a.get("span")),
            f"{prefix}_rule": a.get("rule") or None,
        }

    place = r["place"] or {}
    ev = r["evidence"]
    return {
        "doc_id": r["doc_id"],
        "sentence": r["sentence"],
        "date": datetime.date.fromisoformat(r["date"]) if r["date"] else None,
        "date_precision": r.get("date_precision"),
        **side("source", r["source"]),
        **side("target", r["target"]),
        "cameo": r["cameo"],
        "root": r["root"],
        "quad_class": r["quad_class"],
        "goldstein": f32(r["goldstein"]),
        "plover": r.get("plover"),
        "modality": r["modality"],
        "confidence": f32(r["confidence"]),
        "place_name": place.get("name"),
        "place_country": place.get("country"),
        "place_kind": place.get("kind") or None,
        "place_lat": place.get("lat"),
        "place_lon": place.get("lon"),
        **span("place", place.get("span")),
        "place_rule": place.get("rule") or None,
        "evidence_text": ev["text"],
        "sentence_start": ev["sentence_span"][0],
        "sentence_end": ev["sentence_span"][1],
        "trigger_start": ev["trigger"][0],
        "trigger_end": ev["trigger"][1],
        "rule": ev["rule"],
        **span("modality_cue", ev.get("modality_cue")),
        **span("date_span", r.get("date_span")),
        "url": None,
        "outlet": None,
        "coder": None,
    }
