//! Parquet: the events table of [`events_schema`](crate::events_schema), zstd-compressed.

use crate::ExportError;
use crate::columns::EventColumns;
use dyad_types::StoredEvent;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;
use std::io::{self, Write};
use std::sync::{Arc, Mutex};

/// Rows gathered into one Arrow batch before it goes to the Parquet writer.
const BATCH_ROWS: usize = 8192;

/// Mentions gathered into one batch at most (events with many mentions make smaller batches).
const BATCH_MENTIONS: usize = 65_536;

/// A row group ends at this many bytes (or at the writer's default of 1 Mi rows), which bounds
/// the memory the writer holds.
const ROW_GROUP_BYTES: usize = 128 << 20;

/// Writes stored events to Parquet, one batch of rows at a time.
pub(crate) struct ParquetSink<W: Write + Send> {
    writer: ArrowWriter<Watched<W>>,
    columns: EventColumns,
    /// The output's first error, as the output gave it.
    io_error: Slot,
}

type Slot = Arc<Mutex<Option<io::Error>>>;

/// The output, keeping its first error: the Parquet writer turns the error of its last flush
/// into text, and a closed pipe must stay an [`io::Error`] of its kind.
struct Watched<W> {
    inner: W,
    error: Slot,
}

impl<W> Watched<W> {
    /// Keep `e`, and hand the writer a copy of the same kind.
    fn keep(&self, e: io::Error) -> io::Error {
        let copy = io::Error::new(e.kind(), e.to_string());
        if e.kind() != io::ErrorKind::Interrupted
            && let Ok(mut slot) = self.error.lock()
        {
            slot.get_or_insert(e);
        }
        copy
    }
}

impl<W: Write> Write for Watched<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf).map_err(|e| self.keep(e))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush().map_err(|e| self.keep(e))
    }
}

impl<W: Write + Send> ParquetSink<W> {
    pub(crate) fn new(w: W, with_evidence: bool) -> Result<Self, ExportError> {
        let columns = EventColumns::new(with_evidence);
        let props = WriterProperties::builder()
            .set_compression(Compression::ZSTD(ZstdLevel::default()))
            .set_max_row_group_bytes(Some(ROW_GROUP_BYTES))
            .build();
        let io_error = Slot::default();
        let out = Watched {
            inner: w,
            error: io_error.clone(),
        };
        let writer = ArrowWriter::try_new(out, columns.schema(), Some(props))
            .map_err(|e| fail(&io_error, e))?;
        Ok(ParquetSink {
            writer,
            columns,
            io_error,
        })
    }

    pub(crate) fn write(&mut self, e: &StoredEvent) -> Result<(), ExportError> {
        self.columns.append(e);
        if self.columns.len() >= BATCH_ROWS || self.columns.mentions_len() >= BATCH_MENTIONS {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), ExportError> {
        let batch = self.columns.finish()?;
        self.writer
            .write(&batch)
            .map_err(|e| fail(&self.io_error, e))
    }

    /// Write the last rows and the file footer; hand back the output.
    pub(crate) fn finish(mut self) -> Result<W, ExportError> {
        if self.columns.len() > 0 {
            self.flush()?;
        }
        let io_error = self.io_error.clone();
        match self.writer.into_inner() {
            Ok(out) => Ok(out.inner),
            Err(e) => Err(fail(&io_error, e)),
        }
    }
}

/// The output's own error when it failed, else the Parquet writer's.
fn fail(io_error: &Slot, e: ParquetError) -> ExportError {
    match io_error.lock().ok().and_then(|mut slot| slot.take()) {
        Some(io) => ExportError::Io(io),
        None => e.into(),
    }
}
