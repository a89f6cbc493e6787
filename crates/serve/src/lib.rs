//! `dyad serve`: the event store over HTTP — a JSON API and a dashboard, from one binary.
//!
//! Design: **SQLite is only ever touched on blocking threads, through a small pool of read-only
//! connections**, because a `rusqlite` connection is not `Sync` and a query holds its thread
//! until it is done. A handler parses and checks its parameters on the async side (a bad one is a
//! 400 that names it), then borrows a connection for one closure on `spawn_blocking`; at most
//! [`Config::connections`] queries run at once and the rest wait their turn, so a burst of requests
//! queues instead of opening a connection each. The database is opened read-only unless ingest is
//! allowed, and then only one extra connection writes, behind a mutex, as `dyad ingest` would.
//!
//! Everything else follows from serving people on a laptop: loopback by default (another address
//! needs [`Config::allow_remote`]), all assets inside the binary (the dashboard works with no
//! network), every request body and page bounded, and internal errors logged with `tracing` but
//! answered with a generic 500. The OpenAPI document is written by hand (`openapi.json`, beside
//! this crate's manifest) rather than derived: it is short, it is the contract reviewers read, and
//! the tests check the running server against it both ways (every documented path and parameter
//! answers; an undocumented parameter is refused).
//!
//! ```no_run
//! let config = dyad_serve::Config::new("dyad.sqlite".into(), "127.0.0.1:8080".parse().unwrap());
//! dyad_serve::run(config).unwrap();
//! ```

mod api;
mod assets;
mod error;
mod ingest;
mod params;
mod pool;

use axum::Router;
use dyad_coder::Coder;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

pub use error::ServeError;

/// The OpenAPI 3 document of the API, as served at `/api/openapi.json`.
pub const OPENAPI: &str = include_str!("../openapi.json");

/// The largest page of events a request gets (`limit` is clamped to it).
pub const MAX_PAGE: usize = 500;

/// The most periods a timeline may have (a longer one is a 400 that names `by`).
pub const MAX_PERIODS: usize = 20_000;

/// How to serve.
#[derive(Clone, Debug)]
pub struct Config {
    /// The database file.
    pub db: PathBuf,
    /// Where to listen (port 0: any free port; the bound address is printed).
    pub addr: SocketAddr,
    /// Listen on an address other than loopback.
    pub allow_remote: bool,
    /// Accept documents on `POST /api/documents`, coded with this coder, for this token.
    pub ingest: Option<Ingest>,
    /// The largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// Read-only connections, and so queries running at once.
    pub connections: usize,
}

impl Config {
    /// Read-only, loopback only, 16 MiB bodies, two connections per core (at least four).
    pub fn new(db: PathBuf, addr: SocketAddr) -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Config {
            db,
            addr,
            allow_remote: false,
            ingest: None,
            max_body_bytes: 16 << 20,
            connections: (2 * cores).max(4),
        }
    }
}

/// What `POST /api/documents` needs: the coder of `dyad ingest` and the token a client must send.
#[derive(Clone)]
pub struct Ingest {
    /// The coder, as `dyad ingest` loads it.
    pub coder: Arc<Coder>,
    /// The bearer token (`Authorization: Bearer …`).
    pub token: String,
}

impl std::fmt::Debug for Ingest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The token is a secret: never in logs or debug output.
        f.debug_struct("Ingest").finish_non_exhaustive()
    }
}

/// The shortest ingest token accepted.
pub const MIN_TOKEN_CHARS: usize = 16;

/// The application: the router with its state, ready to be served on a listener.
///
/// Opens the database (read-only, and for writing too when ingest is allowed) and fails with a
/// message naming it when it cannot; refuses a short token.
pub fn app(config: &Config) -> Result<Router, ServeError> {
    if let Some(ingest) = &config.ingest
        && ingest.token.chars().count() < MIN_TOKEN_CHARS
    {
        return Err(ServeError::Config(format!(
            "the ingest token must have at least {MIN_TOKEN_CHARS} characters"
        )));
    }
    // The writer first: it creates the file or upgrades its schema, which read-only cannot.
    let writer = config
        .ingest
        .as_ref()
        .map(|i| ingest::Writer::open(&config.db, i.clone()))
        .transpose()?;
    let pool = pool::Pool::open(&config.db, config.connections)?;
    let state = Arc::new(api::State {
        pool,
        writer,
        read_only: config.ingest.is_none(),
    });
    Ok(api::router(state, config.max_body_bytes))
}

/// Serve until interrupted (Ctrl-C or SIGTERM), on a runtime of its own.
///
/// Prints `dyad: serving DB read-only on http://ADDR/` on standard error once the socket is bound,
/// with the port actually bound when `addr` asked for port 0.
pub fn run(config: Config) -> Result<(), ServeError> {
    if !config.addr.ip().is_loopback() && !config.allow_remote {
        return Err(ServeError::Config(format!(
            "{} is not a loopback address: anyone who can reach it could read the whole database{}; \
             pass --allow-remote to serve it anyway",
            config.addr,
            if config.ingest.is_some() {
                " and, with the token, write to it"
            } else {
                ""
            }
        )));
    }
    let app = app(&config)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| ServeError::Io("starting the runtime".into(), e))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.addr)
            .await
            .map_err(|e| ServeError::Io(format!("listening on {}", config.addr), e))?;
        let bound = listener
            .local_addr()
            .map_err(|e| ServeError::Io("reading the bound address".into(), e))?;
        eprintln!(
            "dyad: serving {} {} on http://{bound}/ (Ctrl-C to stop)",
            config.db.display(),
            if config.ingest.is_some() {
                "with POST /api/documents"
            } else {
                "read-only"
            }
        );
        tracing::info!(%bound, db = %config.db.display(), "serving");
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown())
            .await
            .map_err(|e| ServeError::Io("serving".into(), e))
    })
}

/// Resolves on Ctrl-C or SIGTERM.
async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
