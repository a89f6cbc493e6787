//! Read-only connections, lent one closure at a time on the blocking threads.

use crate::error::ApiError;
use dyad_store::{Store, StoreError};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tokio::sync::Semaphore;

/// At most `size` read-only stores, opened when first needed and kept for the next query.
pub(crate) struct Pool {
    path: PathBuf,
    idle: Mutex<Vec<Store>>,
    permits: Arc<Semaphore>,
}

impl Pool {
    /// A pool over `path`, checked by opening its first connection now: a missing file or an
    /// old schema stops the server before it listens.
    pub(crate) fn open(path: &Path, size: usize) -> Result<Arc<Pool>, StoreError> {
        let first = Store::open_read_only(path)?;
        Ok(Arc::new(Pool {
            path: path.to_path_buf(),
            idle: Mutex::new(vec![first]),
            permits: Arc::new(Semaphore::new(size.max(1))),
        }))
    }

    /// Run `f` with a store on a blocking thread, waiting for a free connection first.
    pub(crate) async fn with<T, F>(self: &Arc<Self>, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    {
        let permit = self
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|e| ApiError::Internal(format!("connection pool closed: {e}")))?;
        let pool = self.clone();
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let store = match pool.take() {
                Some(s) => s,
                None => Store::open_read_only(&pool.path)?,
            };
            let out = f(&store);
            pool.idle
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push(store);
            out
        })
        .await
        .map_err(|e| ApiError::Internal(format!("a query panicked: {e}")))?
    }

    fn take(&self) -> Option<Store> {
        self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop()
    }
}
