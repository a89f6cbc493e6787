"""Code a corpus of news on Apache Spark with dyad, into Parquet partitioned by event date.

    spark-submit examples/spark_code.py --input s3a://bucket/news/*.jsonl.gz --output s3a://bucket/events/
    python examples/spark_code.py --master 'local[2]' --input news.jsonl.gz --output events/

The input is JSON Lines, gzip-compressed or not (the documents `dyad code` reads: `id`,
`published` as YYYY-MM-DD or YYYYMMDD, `text`), or Parquet with those columns. The output is one
row per event, the columns of `dyad.event_schema()`, written under `date=YYYY-MM-DD/` folders
(`date=__HIVE_DEFAULT_PARTITION__` for events without a date). Every executor needs the `dyad`
package installed: see README.md, "Python and Spark".
"""

from __future__ import annotations

import argparse
from typing import Optional, Sequence

from pyspark.sql import SparkSession

import dyad.spark


def parse(argv: Optional[Sequence[str]] = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add = p.add_argument
    add("--input", required=True,
        help="JSON Lines files (a path or glob; .gz is read as gzip) or, with --parquet, Parquet")
    add("--output", required=True, help="folder to write the events to, as Parquet")
    add("--parquet", action="store_true", help="the input is Parquet, not JSON Lines")
    add("--text", default="text", help="column of the text (default: text)")
    add("--published", default="published",
        help="column of the publication date (default: published)")
    add("--id", default="id", help="column of the document id (default: id)")
    add("--dictionaries",
        help="DIR or petrarch:DIR, present on every executor (default: dyad's own)")
    add("--add-dictionaries", action="append", default=[], metavar="DIR",
        help="a folder of your own dictionary files laid over them, on every executor (repeatable)")
    add("--errors", choices=["raise", "skip"], default="skip",
        help="a document with an empty text or an unreadable date: skip it, as dyad code does "
             "(default), or fail the job")
    add("--partitions", type=int, help="repartition the documents first (default: as read)")
    add("--mode", default="errorifexists", choices=["errorifexists", "overwrite", "append"],
        help="when the output exists (default: fail)")
    add("--master",
        help="Spark master when run with python, e.g. local[2] (spark-submit sets its own)")
    return p.parse_args(argv)


def main(argv: Optional[Sequence[str]] = None) -> None:
    args = parse(argv)
    builder = SparkSession.builder.appName("dyad-code")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    if args.parquet:
        docs = spark.read.parquet(args.input)
    else:
        # The three columns, named, so Spark reads the files once and does not infer a schema
        # first; a numeric id is read as its digits, as dyad code reads it.
        schema = f"`{args.id}` STRING, `{args.published}` STRING, `{args.text}` STRING"
        docs = spark.read.schema(schema).json(args.input)
    if args.partitions:
        docs = docs.repartition(args.partitions)
    events = dyad.spark.code(
        docs,
        text=args.text,
        published=args.published,
        id=args.id,
        dictionaries=args.dictionaries,
        add_dictionaries=args.add_dictionaries,
        errors=args.errors,
    )
    events.write.mode(args.mode).partitionBy("date").parquet(args.output)
    print(f"events written to {args.output}")


if __name__ == "__main__":
    main()
