//! Folders: every file under one, recursively, in sorted order, without hidden names, following
//! symbolic links but never into a folder already read.

use crate::InputError;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// A file found under a folder.
pub(crate) struct Found {
    /// Where it is (the folder given joined with its path inside).
    pub(crate) path: PathBuf,
    /// Its path inside the folder given, parts joined with `/`.
    pub(crate) relative: String,
}

/// What is left to visit.
enum Pending {
    Folder(PathBuf, String),
    File(PathBuf, String),
    Skipped(InputError),
}

/// The files under a folder, depth first, each folder's entries sorted by name.
pub(crate) fn files(root: &str) -> Walk {
    Walk {
        stack: vec![Pending::Folder(PathBuf::from(root), String::new())],
        seen: HashSet::new(),
    }
}

/// The walk over a folder; see [`files`].
pub(crate) struct Walk {
    stack: Vec<Pending>,
    seen: HashSet<PathBuf>,
}

impl Iterator for Walk {
    type Item = Result<Found, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match self.stack.pop()? {
                Pending::File(path, relative) => return Some(Ok(Found { path, relative })),
                Pending::Skipped(e) => return Some(Err(e)),
                Pending::Folder(path, relative) => {
                    if let Err(e) = self.enter(&path, &relative) {
                        return Some(Err(e));
                    }
                }
            }
        }
    }
}

impl Walk {
    /// Push a folder's entries (in reverse, so they pop in order); an error if it cannot be
    /// listed or was read before.
    fn enter(&mut self, path: &Path, relative: &str) -> Result<(), InputError> {
        let error = |message: String| InputError::file(&path.to_string_lossy(), message);
        let real = path
            .canonicalize()
            .map_err(|e| error(format!("cannot open: {e}")))?;
        if !self.seen.insert(real) {
            return Err(error(
                "a link to a folder already read (a loop, or a second link); skipped".into(),
            ));
        }
        let listing = std::fs::read_dir(path).map_err(|e| error(format!("cannot list: {e}")))?;
        let mut entries = Vec::new();
        for entry in listing {
            let entry = entry.map_err(|e| error(format!("cannot list: {e}")))?;
            let name = entry.file_name();
            if !name.to_string_lossy().starts_with('.') {
                entries.push(name);
            }
        }
        entries.sort();
        for name in entries.into_iter().rev() {
            let child = path.join(&name);
            let name = name.to_string_lossy();
            let rel = if relative.is_empty() {
                name.to_string()
            } else {
                format!("{relative}/{name}")
            };
            // Follows symbolic links; a broken link is a file that cannot be opened. Pipes,
            // sockets and devices are not read (opening a pipe would wait forever).
            let pending = match std::fs::metadata(&child) {
                Ok(m) if m.is_dir() => Pending::Folder(child, rel),
                Ok(m) if !m.is_file() => Pending::Skipped(InputError::file(
                    &child.to_string_lossy(),
                    "not a regular file; skipped",
                )),
                _ => Pending::File(child, rel),
            };
            self.stack.push(pending);
        }
        Ok(())
    }
}
