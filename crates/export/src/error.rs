//! What can go wrong while exporting.

use arrow::error::ArrowError;
use parquet::errors::ParquetError;
use std::io;

/// An export failed. The cause is the error's `source()`, so `{:#}` prints "what: why", and a
/// closed pipe is an [`io::Error`] of kind [`io::ErrorKind::BrokenPipe`] in the chain.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Writing to the output failed (a full disk, a closed pipe).
    #[error("could not write the export")]
    Io(#[from] io::Error),
    /// An event could not be written as JSON.
    #[error("could not write an event as JSON")]
    Json(#[source] serde_json::Error),
    /// The Arrow columns of a batch did not fit the schema (a bug in this crate).
    #[error("could not build the Arrow columns of the export")]
    Arrow(#[source] ArrowError),
    /// The Parquet writer failed.
    #[error("could not write the Parquet file")]
    Parquet(#[source] ParquetError),
    /// `--format` named no format this crate writes.
    #[error("`{0}` is not an export format (jsonl, gdelt or parquet)")]
    UnknownFormat(String),
}

impl ExportError {
    /// True when the reader of the output went away (`dyad export … | head`): a normal end.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, ExportError::Io(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

impl From<serde_json::Error> for ExportError {
    fn from(e: serde_json::Error) -> Self {
        if e.is_io() {
            // serde_json hands back the writer's own io::Error.
            ExportError::Io(io::Error::from(e))
        } else {
            ExportError::Json(e)
        }
    }
}

impl From<ArrowError> for ExportError {
    fn from(e: ArrowError) -> Self {
        match e {
            ArrowError::IoError(_, io) => ExportError::Io(io),
            other => ExportError::Arrow(other),
        }
    }
}

impl From<ParquetError> for ExportError {
    fn from(e: ParquetError) -> Self {
        // The Parquet writer wraps the output's io::Error; unwrap it so a closed pipe stays one.
        match e {
            ParquetError::External(inner) => match inner.downcast::<io::Error>() {
                Ok(io) => ExportError::Io(*io),
                Err(other) => ExportError::Parquet(ParquetError::External(other)),
            },
            other => ExportError::Parquet(other),
        }
    }
}
