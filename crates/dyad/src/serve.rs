//! `dyad serve`: the event store over HTTP, a JSON API and a dashboard (crate `dyad-serve`).

use crate::EXIT_OK;
use crate::store::DbArg;
use anyhow::bail;
use clap::Args;
use std::net::SocketAddr;
use std::sync::Arc;

/// The environment variable holding the token `POST /api/documents` requires.
const TOKEN_VAR: &str = "DYAD_INGEST_TOKEN";

#[derive(Args)]
pub struct ServeArgs {
    #[command(flatten)]
    db: DbArg,
    /// Address to listen on (port 0: any free port, printed at start).
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "IP:PORT")]
    addr: SocketAddr,
    /// Allow an address other than loopback: anyone who can reach it can read the whole database.
    #[arg(long)]
    allow_remote: bool,
    /// Accept documents on POST /api/documents (coded and stored as `dyad ingest` does), for
    /// clients sending `Authorization: Bearer $DYAD_INGEST_TOKEN` (required, 16 characters or more).
    #[arg(long)]
    allow_ingest: bool,
    /// With --allow-ingest: the dictionaries to code with (dyad's format).
    #[command(flatten)]
    dictionaries: crate::code::DictionaryArgs,
    /// The largest request body accepted, in MiB.
    #[arg(long, default_value_t = 16, value_name = "MIB")]
    max_body_mib: usize,
}

pub fn run(args: ServeArgs) -> anyhow::Result<u8> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("DYAD_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let mut config = dyad_serve::Config::new(args.db.db, args.addr);
    config.allow_remote = args.allow_remote;
    config.max_body_bytes = args.max_body_mib.max(1) << 20;
    if !args.allow_ingest
        && (args.dictionaries.dictionaries.is_some() || !args.dictionaries.layers.is_empty())
    {
        bail!("dictionaries code what POST /api/documents receives: give them with --allow-ingest");
    }
    if args.allow_ingest {
        let token = match std::env::var(TOKEN_VAR) {
            Ok(t) if !t.trim().is_empty() => t.trim().to_string(),
            _ => bail!(
                "--allow-ingest needs a token: set {TOKEN_VAR} (at least {} characters) and send it as `Authorization: Bearer TOKEN`",
                dyad_serve::MIN_TOKEN_CHARS
            ),
        };
        let coder = Arc::new(args.dictionaries.coder()?);
        config.ingest = Some(dyad_serve::Ingest { coder, token });
    }
    dyad_serve::run(config)?;
    Ok(EXIT_OK)
}
