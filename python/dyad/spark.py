"""dyad on Apache Spark: code a DataFrame of documents inside the executors.

::

    import dyad.spark
    events = dyad.spark.code(df, text="text", published="published", id="id")
    events.write.partitionBy("date").parquet("events/")

``code`` selects the three columns and runs ``DataFrame.mapInArrow``: each Python worker of each
executor receives Arrow record batches of documents, hands them to the Rust coder without copying
them through Python objects, and yields Arrow record batches of event records. The coder (its
compiled dictionaries) is made once per Python worker process, on its first batch, and kept in
this module for every later batch and task that process runs (Spark reuses its Python workers).
The result has ``schema()``: the columns of ``dyad.event_schema()`` as Spark types, one row per
event, the same rows ``dyad code`` writes for the same documents.

Every executor needs this package installed (the wheel holds the compiled coder): see the
README, "Python and Spark", for shipping it with ``spark-submit``. Dictionaries given as folders
(``dictionaries="petrarch:DIR"``, ``add_dictionaries``) are read on the executors, so the folders
must be there too.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Dict, Iterable, Iterator, Optional, Sequence, Tuple

import pyarrow as pa

from ._dyad import Coder, DyadError, event_schema

if TYPE_CHECKING:
    from pyspark.sql import DataFrame
    from pyspark.sql.types import StructType

__all__ = ["code", "schema", "coder"]

# The coders of this process, by dictionaries. Module state, so it lives as long as the Python
# worker does; `_code_batches` is pickled by reference (module and name), never by value, so
# every task of a worker finds the same dictionary here.
_CODERS: Dict[Tuple[Optional[str], Tuple[str, ...]], Coder] = {}

#: How many coders this process has made (what the tests read to see that it is once per
#: process, not once per task or row).
builds = 0


def coder(dictionaries: Optional[str] = None, add_dictionaries: Sequence[str] = ()) -> Coder:
    """This process's coder for these dictionaries (as ``dyad.Coder`` takes them), made on first
    use and kept."""
    global builds
    key = (dictionaries, tuple(add_dictionaries))
    found = _CODERS.get(key)
    if found is None:
        found = _CODERS[key] = Coder(dictionaries, list(add_dictionaries))
        builds += 1
    return found


def _spark_type(arrow_type: pa.DataType):
    """The Spark type of an Arrow type of the event schema."""
    from pyspark.sql import types as T

    for is_type, spark in (
        (pa.types.is_string, T.StringType),
        (pa.types.is_int8, T.ByteType),
        (pa.types.is_int32, T.IntegerType),
        (pa.types.is_int64, T.LongType),
        (pa.types.is_float32, T.FloatType),
        (pa.types.is_float64, T.DoubleType),
        (pa.types.is_date32, T.DateType),
    ):
        if is_type(arrow_type):
            return spark()
    raise DyadError(f"no Spark type for the Arrow type {arrow_type}")


def schema() -> "StructType":
    """``dyad.event_schema()`` as a Spark ``StructType``: the same names, order and nullability;
    Utf8 → string, Int8 → tinyint, Int32 → int, Int64 → bigint, Float32 → float, Float64 →
    double, Date32 → date."""
    from pyspark.sql import types as T

    return T.StructType(
        [T.StructField(f.name, _spark_type(f.type), f.nullable) for f in event_schema()]
    )


def _code_batches(
    batches: Iterable[pa.RecordBatch],
    *,
    text: str,
    published: Optional[str],
    id: Optional[str],
    dictionaries: Optional[str],
    add_dictionaries: Tuple[str, ...],
    errors: str,
) -> Iterator[pa.RecordBatch]:
    """What each Python worker runs: documents in, event records out, batch by batch."""
    c = coder(dictionaries, add_dictionaries)
    for batch in batches:
        yield c.code_arrow(batch, text=text, published=published, id=id, errors=errors)


def code(
    df: "DataFrame",
    text: str = "text",
    published: Optional[str] = "published",
    id: Optional[str] = "id",
    dictionaries: Optional[str] = None,
    add_dictionaries: Sequence[str] = (),
    errors: str = "raise",
) -> "DataFrame":
    """The events of every document of ``df``, as a DataFrame of ``schema()``.

    ``text``, ``published`` and ``id`` name the columns (as in ``Coder.code_arrow``:
    ``published`` may be text ``YYYY-MM-DD``/``YYYYMMDD`` or a date or timestamp column, ``id``
    text or integers; ``published=None`` and ``id=None`` leave dates and ids out).
    ``dictionaries`` and ``add_dictionaries`` as ``dyad.Coder`` takes them (folders must exist
    on every executor). ``errors="raise"`` fails the job on a row with an empty
    text or an unreadable date, naming it; ``"skip"`` leaves such rows out, as ``dyad code`` skips
    a bad line, with a warning in the executor's log.

    Lazy, as every DataFrame transformation: nothing is coded until an action (a write, a count)
    runs. A missing column raises ``DyadError`` here, on the driver.
    """
    if errors not in ("raise", "skip"):
        raise ValueError(f'errors must be "raise" or "skip", not {errors!r}')
    names = list(dict.fromkeys(c for c in (text, published, id) if c is not None))
    missing = [c for c in names if c not in df.columns]
    if missing:
        raise DyadError(
            f"no column {', '.join(f'`{c}`' for c in missing)} (columns: {', '.join(df.columns)})"
        )
    fn = functools.partial(
        _code_batches,
        text=text,
        published=published,
        id=id,
        dictionaries=dictionaries,
        add_dictionaries=tuple(str(d) for d in add_dictionaries),
        errors=errors,
    )
    return df.select(*[df[c] for c in names]).mapInArrow(fn, schema())
