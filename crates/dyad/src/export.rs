//! `dyad export`: stored events as JSON Lines, the GDELT 2.0 event table, or Parquet.

use crate::EXIT_OK;
use crate::code::parse_date;
use crate::store::DbArg;
use anyhow::{Context, bail};
use chrono::NaiveDate;
use clap::Args;
use dyad_export::{ExportError, ExportOptions, Exporter, Format};
use dyad_store::{ActorFilter, Filter, Store};
use dyad_types::Modality;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// Which events: the filters shared by `dyad export` (and, later, the queries).
#[derive(Args, Clone, Debug, Default)]
pub struct FilterArgs {
    /// Events on or after this date (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub from: Option<NaiveDate>,
    /// Events on or before this date.
    #[arg(long, value_parser = parse_date)]
    pub to: Option<NaiveDate>,
    /// Events between two actors, both directions: `CHN-KOR`, `CHNGOV-KORGOV` (a three-letter side is a country or group, a longer one a code prefix).
    #[arg(long, value_name = "A-B", value_parser = parse_dyad)]
    pub dyad: Option<(String, String)>,
    /// With --dyad: only A acting on B.
    #[arg(long)]
    pub directed: bool,
    /// Events where this actor is source or target (`IRN`, `USAGOV`).
    #[arg(long, value_name = "CODE")]
    pub actor: Option<String>,
    /// CAMEO roots, e.g. `--root 19` or `--root 18,19,20`.
    #[arg(long, value_delimiter = ',', value_name = "NN")]
    pub root: Vec<String>,
    /// QuadClasses: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    #[arg(long, value_delimiter = ',', value_name = "N", value_parser = clap::value_parser!(u8).range(1..=4))]
    pub quad_class: Vec<u8>,
    /// Modalities (asserted, negated, future, hypothetical, historical); default all.
    #[arg(long, value_delimiter = ',', value_name = "M", value_parser = parse_modality)]
    pub modality: Vec<Modality>,
    /// At most this many events.
    #[arg(long)]
    pub limit: Option<usize>,
}

impl FilterArgs {
    /// The store's filter.
    pub fn filter(&self) -> Filter {
        Filter {
            from: self.from,
            to: self.to,
            dyad: self
                .dyad
                .clone()
                .map(|(a, b)| (ActorFilter(a), ActorFilter(b))),
            directed: self.directed,
            actor: self.actor.clone().map(ActorFilter),
            roots: self.root.clone(),
            quad_classes: self.quad_class.clone(),
            modalities: self.modality.clone(),
            limit: self.limit,
            offset: 0,
        }
    }
}

fn parse_dyad(s: &str) -> Result<(String, String), String> {
    let (a, b) = s
        .split_once('-')
        .ok_or_else(|| format!("`{s}`: expected two actor codes joined by `-`, like CHN-KOR"))?;
    Ok((parse_actor(a)?, parse_actor(b)?))
}

/// An actor code as the filters take it (`chn` → `CHN`), or why it is not one.
pub(crate) fn parse_actor(code: &str) -> Result<String, String> {
    if code.len() < 3
        || !code.len().is_multiple_of(3)
        || !code.chars().all(|c| c.is_ascii_alphabetic())
    {
        return Err(format!(
            "`{code}`: an actor code is letters in groups of three (CHN, CHNGOV)"
        ));
    }
    Ok(code.to_ascii_uppercase())
}

fn parse_modality(s: &str) -> Result<Modality, String> {
    s.parse()
}

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse().map_err(|e: ExportError| e.to_string())
}

#[derive(Args)]
pub struct ExportArgs {
    #[command(flatten)]
    db: DbArg,
    /// jsonl (the event record with its counts), gdelt (GDELT 2.0's 61 event columns, tab-separated), or parquet.
    #[arg(long, default_value = "jsonl", value_parser = parse_format)]
    format: Format,
    /// Write here instead of standard output (required for parquet on a terminal).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Add every mention of each event with its evidence (jsonl: a `mentions` list; parquet: a list column).
    #[arg(long)]
    with_evidence: bool,
    /// gdelt: start with a header row of GDELT's column names (GDELT's own files have none).
    #[arg(long)]
    header: bool,
    #[command(flatten)]
    filter: FilterArgs,
}

pub fn run(args: ExportArgs) -> anyhow::Result<u8> {
    let store = Store::open_read_only(&args.db.db)?;
    let opts = ExportOptions {
        with_evidence: args.with_evidence,
        header: args.header,
    };
    let filter = args.filter.filter();
    let mentions = args.with_evidence;
    let n = match &args.output {
        Some(path) => {
            let file = std::fs::File::create(path)
                .with_context(|| format!("{}: cannot create", path.display()))?;
            let n = write(&store, &filter, mentions, file, args.format, opts)
                .with_context(|| format!("writing {}", path.display()))?;
            eprintln!("dyad: wrote {n} events to {}", path.display());
            n
        }
        None => {
            if args.format == Format::Parquet && std::io::stdout().is_terminal() {
                bail!("Parquet is binary: give a file with -o FILE, or redirect standard output");
            }
            write(
                &store,
                &filter,
                mentions,
                std::io::stdout(),
                args.format,
                opts,
            )?
        }
    };
    if n == 0 {
        eprintln!("dyad: no stored event matches (see `dyad status` for what the database holds)");
    }
    Ok(EXIT_OK)
}

fn write<W: Write + Send>(
    store: &Store,
    filter: &Filter,
    mentions: bool,
    out: W,
    format: Format,
    opts: ExportOptions,
) -> anyhow::Result<usize> {
    let mut ex = Exporter::new(out, format, opts)?;
    let n = store.for_each_event::<anyhow::Error>(filter, mentions, |e| {
        ex.write(&e)?;
        Ok(())
    })?;
    let mut out = ex.finish()?;
    out.flush()?;
    Ok(n)
}
