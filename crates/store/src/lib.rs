//! The event store: documents, event mentions and deduplicated events in one SQLite file.
//!
//! Design: SQLite in WAL mode, one writer, work committed in batches. A batch (documents, their
//! mentions, and the events those mentions fold into) is one transaction, so after a crash or a
//! `kill -9` the file holds whole batches only and the next ingest goes on from there: documents
//! are identified by the hash of their text (and by their id when one is given), so what is stored
//! is never coded twice.
//!
//! Deduplication follows GDELT: a *mention* is one coded sentence; mentions with the same event
//! date, source actor code, target actor code, CAMEO code and modality are one *event*, which
//! counts its mentions (`num_mentions`), the documents they come from (`num_articles`) and the
//! outlets that published those (`num_sources`: a document's `source`, else its URL's host).
//! Modality is part of the key, unlike GDELT (which codes assertions only): "will meet" and "met"
//! on the same day stay two events, so counts of what happened are never inflated by plans.
//!
//! ```
//! use dyad_store::{NewDocument, Store};
//! use dyad_types::Document;
//! let dir = tempfile::tempdir().unwrap();
//! let mut store = Store::open(&dir.path().join("dyad.sqlite")).unwrap();
//! let coder = store.coder_id("v1", "0.1.0", "{}").unwrap();
//! let doc = Document::new("a", "Nothing happened.");
//! let added = store.add(&[NewDocument::new(doc.clone(), vec![])], coder).unwrap();
//! assert_eq!(added.added, 1);
//! let again = store.add(&[NewDocument::new(doc, vec![])], coder).unwrap();
//! assert_eq!((again.added, again.already), (0, 1));
//! ```

pub mod browse;
mod read;
pub mod schema;
mod timeline;
mod write;

pub use read::{ActorFilter, Filter, Status};
pub use timeline::{ActorCount, Period, TimelineQuery, TimelineRow};
pub use write::{AddSummary, Known, NewDocument};

use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

/// Something went wrong with the database; the message names the file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// An SQLite error, with what dyad was doing and a hint when the cause is common.
    #[error("{path}: {doing}: {message}")]
    Sqlite {
        /// The database file.
        path: String,
        /// What was being done.
        doing: String,
        /// SQLite's message, with a hint.
        message: String,
    },
    /// The file was written by a newer dyad.
    #[error("{path}: schema version {found} is newer than this dyad knows ({known}); upgrade dyad")]
    Newer {
        /// The database file.
        path: String,
        /// Its version.
        found: u32,
        /// The newest this build knows.
        known: u32,
    },
    /// Opening for reading a file that does not exist.
    #[error("{0}: no such database (create one with `dyad ingest`)")]
    Missing(String),
}

/// The database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Open or create the database at `path` and bring its schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let conn = Connection::open(path).map_err(|e| sql_error(path, "opening", e))?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.configure(false)?;
        store.migrate()?;
        Ok(store)
    }

    /// Open an existing database for reading only (status, export, query).
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        if !path.exists() {
            return Err(StoreError::Missing(path.display().to_string()));
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| sql_error(path, "opening", e))?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.configure(true)?;
        let found = store.schema_version()?;
        if found > schema::CURRENT {
            return Err(store.newer(found));
        }
        if found < schema::CURRENT {
            return Err(StoreError::Sqlite {
                path: path.display().to_string(),
                doing: "reading".into(),
                message: format!(
                    "schema version {found} is older than {}; run `dyad ingest` or `dyad recode` once to upgrade it",
                    schema::CURRENT
                ),
            });
        }
        Ok(store)
    }

    /// Cap the file at `pages` database pages, so that tests can meet a full disk for real
    /// (SQLite then fails a write with `SQLITE_FULL`, exactly as when the disk is full).
    #[doc(hidden)]
    pub fn cap_pages_for_tests(&self, pages: u64) -> Result<(), StoreError> {
        self.conn
            .pragma_update(None, "max_page_count", pages as i64)
            .map_err(|e| self.error("capping the file", e))
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the file.
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.error("reading the schema version", e))
    }

    fn configure(&self, read_only: bool) -> Result<(), StoreError> {
        let pragmas = if read_only {
            "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;"
        } else {
            // NORMAL is durable against process crashes in WAL mode; only a power loss can undo
            // the last commits, and never leaves the file inconsistent.
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000;
             PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536;"
        };
        self.conn
            .execute_batch(pragmas)
            .map_err(|e| self.error("configuring", e))
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        let found = self.schema_version()?;
        if found > schema::CURRENT {
            return Err(self.newer(found));
        }
        for (i, sql) in schema::MIGRATIONS.iter().enumerate().skip(found as usize) {
            let version = i + 1;
            let tx = self
                .conn
                .transaction()
                .map_err(|e| sql_error(&self.path, "starting a migration", e))?;
            tx.execute_batch(sql)
                .and_then(|_| tx.pragma_update(None, "user_version", version as i64))
                .and_then(|_| tx.commit())
                .map_err(|e| {
                    sql_error(&self.path, &format!("migrating to version {version}"), e)
                })?;
        }
        Ok(())
    }

    fn newer(&self, found: u32) -> StoreError {
        StoreError::Newer {
            path: self.path.display().to_string(),
            found,
            known: schema::CURRENT,
        }
    }

    fn error(&self, doing: &str, e: rusqlite::Error) -> StoreError {
        sql_error(&self.path, doing, e)
    }
}

/// An SQLite error as a [`StoreError`], with a hint for the causes a user can fix.
fn sql_error(path: &Path, doing: &str, e: rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode::*;
    let hint = match e.sqlite_error_code() {
        Some(ReadOnly) => " (the file or its folder is read-only; nothing was changed)",
        Some(DiskFull) => {
            " (the disk is full; the last batch was rolled back, nothing is half-written)"
        }
        Some(DatabaseBusy) | Some(DatabaseLocked) => {
            " (another dyad is writing to it; wait for it to finish)"
        }
        Some(NotADatabase) => " (not a dyad database)",
        Some(DatabaseCorrupt) => " (the file is damaged)",
        Some(CannotOpen) => " (check that the folder exists and is writable)",
        _ => "",
    };
    StoreError::Sqlite {
        path: path.display().to_string(),
        doing: doing.to_string(),
        message: format!("{e}{hint}"),
    }
}

/// The content hash that identifies a document: xxh3-128 of its text, as 32 hex digits.
pub fn content_hash(text: &str) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(text.as_bytes()))
}

/// Now, UTC, as `YYYYMMDDHHMMSS`.
fn now() -> String {
    chrono::Utc::now().format("%Y%m%d%H%M%S").to_string()
}
