//! Writers that turn stored events into the formats analysts already use: JSON Lines, the GDELT
//! 2.0 event table, and Parquet.
//!
//! Design: one streaming [`Exporter`] takes events one at a time, so a store can hand over
//! millions without holding them; each format is written as the tools of the field expect it,
//! not as dyad would have designed it. The GDELT table keeps GDELT's 61 columns, their order and
//! their conventions (FIPS country codes, `FractionDate`, no header), so scripts written for
//! GDELT's files read ours unchanged ([`gdelt`] documents every mapping choice). The Parquet
//! table is flat, with plain types Spark, pandas and DuckDB read without casts ([`columns`]
//! documents every column); its event-record schema is public ([`mentions_schema`],
//! [`mentions_to_batch`]) so other writers (the Python bindings) share one Arrow form of the
//! event record.
//!
//! ```no_run
//! use dyad_export::{ExportOptions, Exporter, Format};
//! # fn events() -> Vec<dyad_types::StoredEvent> { Vec::new() }
//! // `Stdout`, not its lock: the Parquet writer needs a `Send` output. Every format buffers.
//! let out = std::io::stdout();
//! let mut ex = Exporter::new(out, Format::Gdelt, ExportOptions::default())?;
//! for e in events() {
//!     ex.write(&e)?;
//! }
//! ex.finish()?;
//! # Ok::<(), dyad_export::ExportError>(())
//! ```

mod columnar;
pub mod columns;
mod error;
pub mod gdelt;
mod geo;
mod jsonl;

pub use columns::{events_schema, mentions_schema, mentions_to_batch};
pub use error::ExportError;
pub use gdelt::GDELT_COLUMNS;

use dyad_types::StoredEvent;
use std::fmt;
use std::io::Write;
use std::str::FromStr;

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// One stored event per line, in its JSON form.
    Jsonl,
    /// GDELT 2.0's event table: 61 TAB-separated columns (see [`gdelt`]).
    Gdelt,
    /// A Parquet file of [`events_schema`], zstd-compressed.
    Parquet,
}

impl Format {
    /// Every format, in the order `--help` lists them.
    pub const ALL: [Format; 3] = [Format::Jsonl, Format::Gdelt, Format::Parquet];

    /// The name used on the command line (`jsonl`, `gdelt`, `parquet`).
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Gdelt => "gdelt",
            Format::Parquet => "parquet",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = ExportError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Format::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| ExportError::UnknownFormat(s.to_string()))
    }
}

/// What to write beside the events.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// Include every mention with its evidence: the `mentions` field in JSON Lines, the `mentions`
    /// list column in Parquet. The GDELT table has no place for them and ignores this.
    pub with_evidence: bool,
    /// Write GDELT's column names as a first row (GDELT format only). Off by default, like
    /// GDELT's own files.
    pub header: bool,
}

/// Writes stored events, one at a time, in one [`Format`].
///
/// The output needs no buffering of its own (every format buffers), and must be `Send` (the
/// Parquet writer's requirement): pass `std::io::stdout()`, not `stdout().lock()`.
///
/// Call [`finish`](Exporter::finish) at the end: it writes what is buffered (and Parquet's
/// footer, without which the file cannot be read).
pub struct Exporter<W: Write + Send> {
    sink: Sink<W>,
}

enum Sink<W: Write + Send> {
    Jsonl(jsonl::JsonlWriter<W>),
    Gdelt(gdelt::GdeltWriter<W>),
    Parquet(Box<columnar::ParquetSink<W>>),
}

impl<W: Write + Send> Exporter<W> {
    /// Start an export to `w` (the GDELT header, when asked for, is written now).
    pub fn new(w: W, format: Format, opts: ExportOptions) -> Result<Self, ExportError> {
        let sink = match format {
            Format::Jsonl => Sink::Jsonl(jsonl::JsonlWriter::new(w, opts.with_evidence)),
            Format::Gdelt => Sink::Gdelt(gdelt::GdeltWriter::new(w, opts.header)?),
            Format::Parquet => {
                Sink::Parquet(Box::new(columnar::ParquetSink::new(w, opts.with_evidence)?))
            }
        };
        Ok(Exporter { sink })
    }

    /// Write one event.
    pub fn write(&mut self, e: &StoredEvent) -> Result<(), ExportError> {
        match &mut self.sink {
            Sink::Jsonl(s) => s.write(e),
            Sink::Gdelt(s) => s.write(e),
            Sink::Parquet(s) => s.write(e),
        }
    }

    /// Write everything buffered and hand back the output.
    pub fn finish(self) -> Result<W, ExportError> {
        match self.sink {
            Sink::Jsonl(s) => s.finish(),
            Sink::Gdelt(s) => s.finish(),
            Sink::Parquet(s) => s.finish(),
        }
    }
}
