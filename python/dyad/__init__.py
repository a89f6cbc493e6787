"""dyad: news text in, CAMEO and PLOVER events out, each with the words that say so.

The coder is dyad's Rust coder, the same one as the ``dyad`` command, compiled into this package::

    import dyad
    coder = dyad.Coder()                       # dyad's own dictionaries; or Coder("petrarch:DIR")
    events = coder.code("Xi Jinping held talks with Lee Jae Myung.", published="2026-01-05")
    table = coder.code_arrow(documents)        # a pyarrow Table of id, published, text
    dyad.event_schema()                        # the Arrow schema of what code_arrow returns

``Coder.code`` returns each event as the record ``dyad code`` prints (a dict per JSON object);
``Coder.code_arrow`` returns the same records flattened into the columns of ``event_schema()``,
the schema the Parquet export uses for mentions. Errors are ``DyadError`` (a ``ValueError``) with
the message the command line prints. Coding releases the GIL.

``dyad.spark`` runs the coder inside Apache Spark executors (``dyad.spark.code(df)``).
"""

from ._dyad import Coder, DyadError, __version__, event_schema

__all__ = ["Coder", "DyadError", "event_schema", "__version__"]
