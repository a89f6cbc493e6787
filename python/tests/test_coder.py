"""dyad.Coder against the `dyad` command: the same records, the same errors."""

from __future__ import annotations

import datetime
import pickle
import threading
import time

import pyarrow as pa
import pytest

import dyad
from conftest import cli_records, flatten, run_cli, self_made_documents, write_jsonl

SEED = (
    "SEOUL, Jan 5 (Yonhap) -- Chinese President Xi Jinping held talks with South Korean President "
    "Lee Jae Myung in Beijing on Monday. Lee will visit the Provisional Government site in "
    "Shanghai. The two countries once fought side by side against Japanese militarist "
    "aggression. South Korea did not sign the agreement."
)


@pytest.fixture(scope="module")
def coder() -> dyad.Coder:
    return dyad.Coder()


def test_the_issue_example_codes_a_consult_event(coder):
    events = coder.code("Xi Jinping held talks with Lee Jae Myung.", published="2026-01-05")
    assert len(events) == 1
    e = events[0]
    assert (e["source"]["code"], e["target"]["code"], e["cameo"]) == ("CHNGOV", "KORGOV", "040")
    assert e["date"] == "2026-01-05"
    assert e["doc_id"] == ""


def test_records_are_the_cli_records_key_for_key(coder, tmp_path):
    path = tmp_path / "seed.txt"
    path.write_text(SEED, encoding="utf-8")
    expected = cli_records("--published", "2026-01-06", "--id", "seed", str(path))
    got = coder.code(SEED, published="2026-01-06", doc_id="seed")
    assert len(expected) >= 4, expected
    assert got == expected
    assert [list(e) for e in got] == [list(e) for e in expected]
    # What the seed says is there: a place, a future visit, a memory, a denial.
    assert {e["modality"] for e in got} >= {"asserted", "future", "historical", "negated"}
    assert any(e["place"] and e["place"]["name"] == "Beijing" for e in got)


def test_a_date_object_is_its_calendar_date(coder):
    text = "Japan criticized China on Monday."
    as_text = coder.code(text, published="2026-01-07")
    assert coder.code(text, published=datetime.date(2026, 1, 7)) == as_text
    assert coder.code(text, published=datetime.datetime(2026, 1, 7, 23, 59)) == as_text
    assert coder.code(text, published="20260107") == as_text
    # Monday before Wednesday 7 January 2026.
    assert as_text[0]["date"] == "2026-01-05"
    assert coder.code(text)[0]["date"] is None


def test_code_arrow_is_code_flattened_in_the_export_schema(coder):
    docs = self_made_documents(40)
    table = pa.table(
        {
            "id": [str(d["id"]) for d in docs],
            "published": [d.get("published") for d in docs],
            "text": [d["text"] for d in docs],
        }
    )
    out = coder.code_arrow(table)
    assert isinstance(out, pa.Table)
    assert out.schema == dyad.event_schema()
    expected = [
        flatten(e)
        for d in docs
        for e in coder.code(d["text"], published=d.get("published"), doc_id=str(d["id"]))
    ]
    assert len(expected) > 100
    assert out.to_pylist() == expected
    # A RecordBatch gives a RecordBatch, the same rows.
    batch = coder.code_arrow(table.to_batches()[0])
    assert isinstance(batch, pa.RecordBatch)
    assert batch.to_pylist() == expected[: batch.num_rows]


def test_code_arrow_reads_dates_and_numbers_and_other_string_types(coder):
    text = "Japan criticized China on Monday."
    expected = flatten(coder.code(text, published="2026-01-07", doc_id="7")[0])
    for published in (
        pa.array(["2026-01-07"]),
        pa.array(["20260107"], pa.large_string()),
        pa.array([datetime.date(2026, 1, 7)], pa.date32()),
        pa.array([datetime.datetime(2026, 1, 7, 12)], pa.timestamp("us")),
    ):
        table = pa.table({"id": pa.array([7], pa.int64()), "published": published,
                          "text": pa.array([text], pa.large_string())})
        assert coder.code_arrow(table).to_pylist() == [expected], published.type
    # Columns of nulls only, as pyarrow makes them from None: no dates, empty ids.
    nulls = coder.code_arrow(pa.table({"id": [None], "published": [None], "text": [text]}))
    assert nulls.column("date").to_pylist() == [None]
    assert nulls.column("doc_id").to_pylist() == [""]
    no_columns = coder.code_arrow(pa.table({"body": [text]}), text="body", published=None, id=None)
    assert no_columns.column("date").to_pylist() == [None]
    assert no_columns.column("doc_id").to_pylist() == [""]


def cli_error(*args: str) -> str:
    """What `dyad code ARGS…` says on standard error, without the program's name."""
    out = run_cli("code", *args)
    assert out.returncode != 0
    return out.stderr.strip()


def test_dictionaries_that_do_not_load_raise_the_cli_message(tmp_path):
    doc = tmp_path / "d.txt"
    doc.write_text("Japan criticized China.", encoding="utf-8")
    for spec in (str(tmp_path / "missing"), f"petrarch:{tmp_path / 'missing'}"):
        with pytest.raises(dyad.DyadError) as err:
            dyad.Coder(spec)
        assert cli_error("--dictionaries", spec, str(doc)) == f"dyad: {err.value}"
        assert str(err.value).startswith("reading ")
    assert issubclass(dyad.DyadError, ValueError)


def test_bad_dates_and_empty_texts_raise_the_cli_message(coder, tmp_path):
    with pytest.raises(dyad.DyadError) as err:
        coder.code("Japan criticized China.", published="5 January")
    assert str(err.value) == "unknown date format `5 January` (use YYYY-MM-DD or YYYYMMDD)"
    doc = tmp_path / "d.txt"
    doc.write_text("Japan criticized China.", encoding="utf-8")
    assert str(err.value) in cli_error("--published", "5 January", str(doc))

    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(dyad.DyadError) as err:
        coder.code("  \n")
    assert f"dyad: skipped {empty}: {err.value}\n" in cli_error(str(empty)) + "\n"

    lines = write_jsonl(tmp_path / "bad.jsonl", [{"id": "a", "published": "5 January", "text": "x"}])
    table = pa.table({"id": ["a"], "published": ["5 January"], "text": ["Japan criticized China."]})
    with pytest.raises(dyad.DyadError) as err:
        coder.code_arrow(table)
    message = "unknown date format `5 January` (use YYYY-MM-DD or YYYYMMDD)"
    assert str(err.value) == f"row 0 (id a): {message}"
    assert f"{lines}:1: {message}" in cli_error(str(lines))


def test_code_arrow_names_missing_columns_and_skips_bad_rows_when_asked(coder):
    table = pa.table({"id": ["a", "b", "c"], "text": ["Japan criticized China.", None, " "]})
    with pytest.raises(dyad.DyadError, match=r"^no column `published` \(columns: id, text\)$"):
        coder.code_arrow(table)
    with pytest.raises(dyad.DyadError, match=r"^row 1 \(id b\): `text` is empty$"):
        coder.code_arrow(table, published=None)
    with pytest.warns(UserWarning, match=r"skipped 2 rows: row 1 \(id b\): .*; row 2 \(id c\)"):
        out = coder.code_arrow(table, published=None, errors="skip")
    assert out.column("doc_id").to_pylist() == ["a"]
    with pytest.raises(ValueError, match="errors must be"):
        coder.code_arrow(table, published=None, errors="ignore")


def test_a_coder_pickles_as_its_dictionaries(coder, tmp_path):
    again = pickle.loads(pickle.dumps(coder))
    assert again.dictionaries is None and repr(again) == "dyad.Coder()"
    assert again.dictionary_version == coder.dictionary_version
    assert len(coder.dictionary_version) >= 8

def test_added_dictionaries_code_as_the_cli_and_pickle_along(coder, tmp_path):
    # A folder laid over the built-in dictionaries, as --add-dictionaries: a new name for Korea.
    layer = tmp_path / "layer"
    layer.mkdir()
    (layer / "countries.tsv").write_text(
        "KOR\tSouth Korea\tHanguk Republic\tSouth Korean|South Koreans\tSeoul\n", encoding="utf-8"
    )
    text = "Japan criticized the Hanguk Republic."
    assert all((e["target"] or {}).get("code") != "KOR" for e in coder.code(text))
    layered = dyad.Coder(add_dictionaries=[str(layer)])
    doc = tmp_path / "d.txt"
    doc.write_text(text, encoding="utf-8")
    expected = cli_records("--add-dictionaries", str(layer), "--id", "d", str(doc))
    assert layered.code(text, doc_id="d") == expected
    assert expected[0]["target"]["code"] == "KOR"
    again = pickle.loads(pickle.dumps(layered))
    assert again.add_dictionaries == [str(layer)]
    assert repr(again) == f"dyad.Coder(add_dictionaries=[{str(layer)!r}])"
    assert again.dictionary_version == layered.dictionary_version != coder.dictionary_version


def test_coding_releases_the_gil(coder):
    """While one thread codes, another runs Python: the GIL is released during the call."""
    docs = self_made_documents(10000, seed=7)
    table = pa.table({"id": [str(d["id"]) for d in docs], "text": [d["text"] for d in docs]})
    span = {}

    def work():
        span["start"] = time.perf_counter()
        coder.code_arrow(table, published=None)
        span["end"] = time.perf_counter()

    worker = threading.Thread(target=work)
    ticks = []
    worker.start()
    while worker.is_alive():
        ticks.append(time.perf_counter())
        time.sleep(0.001)
    worker.join()
    length = span["end"] - span["start"]
    assert length > 0.05, "too little work to tell"
    inside = [t for t in ticks if span["start"] + 0.2 * length < t < span["end"] - 0.2 * length]
    # Held, the main thread would not run between the call's start and end at all.
    assert len(inside) >= 5, (len(inside), length)
