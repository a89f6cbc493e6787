"""Types of the extension module ``dyad._dyad`` (written in Rust, python/src/lib.rs).

``python/tests/test_stubs.py`` checks that every name and parameter here is the module's own.
"""

import datetime
import os
from typing import Any, Literal, Optional, Sequence, Union, overload

import pyarrow

__version__: str

class DyadError(ValueError):
    """What dyad could not do: dictionaries that do not load, a date it cannot read, a text that
    is empty, a column that is missing. The message is the one ``dyad code`` prints."""

class Coder:
    """The event coder: dictionaries compiled once, then any number of documents.

    ``dictionaries``: ``None`` for dyad's built-in dictionaries, a folder in dyad's format (the
    repository's ``dictionaries/`` layout), or ``"petrarch:DIR"`` for PETRARCH-2/TABARI
    dictionaries, as ``dyad code --dictionaries``; ``add_dictionaries``: folders of one's own
    files laid over them, as ``--add-dictionaries``. A Coder is safe to share between threads,
    and pickles as these arguments (the dictionaries are compiled again where it is unpickled)."""

    def __init__(
        self,
        dictionaries: Union[str, os.PathLike[str], None] = None,
        add_dictionaries: Sequence[Union[str, os.PathLike[str]]] = (),
    ) -> None: ...
    @property
    def dictionaries(self) -> Optional[str]:
        """The dictionaries spec given (``None``: the built-in dictionaries)."""
    @property
    def add_dictionaries(self) -> list[str]:
        """The folders laid over the dictionaries, in order."""
    @property
    def dictionary_version(self) -> str:
        """The hash of the dictionaries that code, as the store records it (``dyad status``)."""
    def code(
        self,
        text: str,
        published: Union[str, datetime.date, None] = None,
        doc_id: Optional[str] = None,
    ) -> list[dict[str, Any]]:
        """The events of one document, in order, each the event record ``dyad code`` prints (a
        dict per JSON object). ``published``: ``YYYY-MM-DD``, ``YYYYMMDD`` or a date, the default
        event date and the date that picks office-holders' roles. ``doc_id`` fills ``doc_id``
        (empty when not given). An empty text or an unreadable date raises ``DyadError``."""
    # Both forms: a RecordBatch gives a RecordBatch, a Table (or any Arrow stream) a Table, of
    # event_schema(), one row per event, rows in document order. `text`, `published` and `id`
    # name the columns (`published` and `id` may be None: no dates, empty ids). Text columns may
    # be any Arrow string type; `published` text as `dyad code` reads it, or an Arrow date or
    # timestamp; `id` text or integers. A row with a null or blank text or an unreadable date
    # raises DyadError naming the row (errors="raise"), or is left out with one warning for the
    # call (errors="skip", as `dyad code` skips a bad line). A missing column always raises.

    @overload
    def code_arrow(
        self,
        data: pyarrow.RecordBatch,
        text: str = "text",
        published: Optional[str] = "published",
        id: Optional[str] = "id",
        errors: Literal["raise", "skip"] = "raise",
    ) -> pyarrow.RecordBatch: ...
    @overload
    def code_arrow(
        self,
        data: Union[pyarrow.Table, pyarrow.RecordBatchReader, Any],
        text: str = "text",
        published: Optional[str] = "published",
        id: Optional[str] = "id",
        errors: Literal["raise", "skip"] = "raise",
    ) -> pyarrow.Table: ...

def event_schema() -> pyarrow.Schema:
    """The Arrow schema of the event records ``Coder.code_arrow`` returns (the export crate's
    ``mentions_schema``: the columns of the Parquet export's ``mentions``)."""
