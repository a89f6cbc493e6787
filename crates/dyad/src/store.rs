//! `dyad ingest`, `dyad status` and `dyad recode`: the event store from the command line.

use crate::code::{DictionaryArgs, Engine, parse_date, set_threads};
use crate::{EXIT_OK, EXIT_SKIPPED};
use anyhow::Context;
use chrono::NaiveDate;
use clap::Args;
use dyad_input::{InputError, TextOptions};
use dyad_store::{AddSummary, NewDocument, Store};
use dyad_types::Document;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Where the database is: `--db`, else `DYAD_DB`, else `./dyad.sqlite`.
#[derive(Args, Clone, Debug)]
pub struct DbArg {
    /// The database file (created by `dyad ingest` when missing).
    #[arg(
        long,
        env = "DYAD_DB",
        default_value = "dyad.sqlite",
        value_name = "PATH"
    )]
    pub db: PathBuf,
}

#[derive(Args)]
pub struct IngestArgs {
    /// Files and folders to ingest: .txt/.md (optional front matter), .jsonl, .html, RSS/Atom feeds, any of them .gz, folders recursively, `-` for standard input.
    #[arg(required = true, value_name = "PATH")]
    inputs: Vec<String>,
    #[command(flatten)]
    db: DbArg,
    /// Publication date of documents that carry none (plain text), YYYY-MM-DD or YYYYMMDD.
    #[arg(long, value_parser = parse_date)]
    published: Option<NaiveDate>,
    #[command(flatten)]
    dictionaries: DictionaryArgs,
    /// Documents per transaction: a crash or kill loses at most one batch, which the next run redoes.
    #[arg(long, default_value_t = 256, value_name = "N")]
    batch: usize,
    /// Worker threads for coding (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
}

#[derive(Args)]
pub struct StatusArgs {
    #[command(flatten)]
    db: DbArg,
    /// Print as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct RecodeArgs {
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    dictionaries: DictionaryArgs,
    /// Documents per transaction.
    #[arg(long, default_value_t = 256, value_name = "N")]
    batch: usize,
}

/// Open (or create) the store, registering the coder; returns the store and the coder's row id.
fn open_for_writing(db: &Path, coder: &Engine) -> anyhow::Result<(Store, i64)> {
    let mut store = Store::open(db)?;
    let config = coder.config();
    let json = serde_json::to_string(&config)?;
    let id = store.coder_id(&config.dictionary_version, &config.dyad_version, &json)?;
    Ok((store, id))
}

/// Counts for the progress line and the summary.
#[derive(Default)]
struct Tally {
    seen: usize,
    bytes: usize,
    stored: AddSummary,
    skipped: Vec<InputError>,
}

pub fn ingest(args: IngestArgs) -> anyhow::Result<u8> {
    set_threads(args.threads);
    let coder = args.dictionaries.engine()?;
    let (mut store, coder_id) = open_for_writing(&args.db.db, &coder)?;
    let opts = TextOptions {
        id: None,
        published: args.published,
    };
    let total = dyad_input::expected_bytes(&args.inputs);
    let progress = Progress::new(total, "ingest");
    let started = Instant::now();
    let mut tally = Tally::default();
    let outside_codebook = AtomicUsize::new(0);
    let mut inputs = dyad_input::read_all(&args.inputs, &opts).peekable();
    let mut batch: Vec<Document> = Vec::new();
    let limit = args.batch.max(1);
    while inputs.peek().is_some() {
        batch.clear();
        let mut size = 0;
        while size < (8 << 20) && batch.len() < limit {
            match inputs.next() {
                Some(Ok(d)) => {
                    size += d.text.len();
                    batch.push(d);
                }
                Some(Err(e)) => {
                    progress.note(&format!("skipped {e}"));
                    tally.skipped.push(e);
                }
                None => break,
            }
        }
        tally.seen += batch.len();
        tally.bytes += size;
        // Documents already stored are not coded again: re-ingesting costs reading and hashing.
        let mut new = Vec::with_capacity(batch.len());
        for doc in batch.drain(..) {
            let hash = dyad_store::content_hash(&doc.text);
            match store.known(&hash, &doc.id.0)? {
                dyad_store::Known::Same => tally.stored.already += 1,
                _ => new.push(NewDocument {
                    doc,
                    hash,
                    events: Vec::new(),
                    tone: None,
                }),
            }
        }
        new.par_iter_mut().for_each(|n| {
            let (events, dropped) = coder.code(&n.doc);
            n.events = events;
            outside_codebook.fetch_add(dropped, Ordering::Relaxed);
            n.tone = Some(dyad_enrich::tone(&n.doc.text));
        });
        let s = store.add(&new, coder_id).with_context(
            || "nothing of this batch was stored; run the same command again to resume",
        )?;
        tally.stored.added += s.added;
        tally.stored.replaced += s.replaced;
        tally.stored.already += s.already;
        tally.stored.mentions += s.mentions;
        let secs = started.elapsed().as_secs_f64().max(1e-9);
        progress.show(
            tally.bytes as u64,
            format!(
                "{} documents ({} new), {:.0} docs/s, {:.1} MB/s, {} events",
                tally.seen,
                tally.stored.added + tally.stored.replaced,
                tally.seen as f64 / secs,
                tally.bytes as f64 / 1e6 / secs,
                tally.stored.mentions
            ),
        );
    }
    progress.finish();
    let status = store.status()?;
    let secs = started.elapsed().as_secs_f64().max(1e-9);
    eprintln!(
        "dyad: ingested into {}: {} new documents, {} replaced (same id, new text), {} already stored, {} skipped; {} mentions added; the store now holds {} documents, {} events from {} mentions",
        args.db.db.display(),
        tally.stored.added,
        tally.stored.replaced,
        tally.stored.already,
        tally.skipped.len(),
        tally.stored.mentions,
        status.documents,
        status.events,
        status.mentions,
    );
    eprintln!(
        "dyad: {:.1} s: {:.0} documents/s, {:.1} MB/s, {:.0} events/s",
        secs,
        tally.seen as f64 / secs,
        tally.bytes as f64 / 1e6 / secs,
        tally.stored.mentions as f64 / secs
    );
    report_outside_codebook(&outside_codebook);
    report_skipped(&tally.skipped);
    Ok(if tally.skipped.is_empty() {
        EXIT_OK
    } else {
        EXIT_SKIPPED
    })
}

fn report_outside_codebook(n: &AtomicUsize) {
    let n = n.load(Ordering::Relaxed);
    if n > 0 {
        eprintln!(
            "dyad: {n} PETRARCH events not stored: their codes are not in the CAMEO codebook (dyad dict check lists them)"
        );
    }
}

/// The skipped inputs, grouped by reason, at the end where they are not scrolled away.
fn report_skipped(skipped: &[InputError]) {
    if skipped.is_empty() {
        return;
    }
    let mut reasons: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
    for e in skipped {
        let where_ = match e.line {
            Some(l) => format!("{}:{l}", e.file),
            None => e.file.clone(),
        };
        reasons.entry(e.message.as_str()).or_default().push(where_);
    }
    eprintln!(
        "dyad: skipped {} inputs (nothing else was lost):",
        skipped.len()
    );
    for (reason, places) in reasons {
        let more = places.len().saturating_sub(3);
        let shown = places.into_iter().take(3).collect::<Vec<_>>().join(", ");
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        eprintln!("  {reason}: {shown}{more}");
    }
}

/// A progress bar on a terminal; a quiet line every ten seconds when standard error is piped.
struct Progress {
    bar: Option<ProgressBar>,
    verb: &'static str,
    last_line: std::cell::Cell<Instant>,
}

impl Progress {
    fn new(total: Option<u64>, verb: &'static str) -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = match total {
                Some(t) => ProgressBar::new(t),
                None => ProgressBar::new_spinner(),
            };
            bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(4));
            let template = if total.is_some() {
                "{bar:30} {percent:>3}% {msg} [{elapsed}, ETA {eta}]"
            } else {
                "{spinner} {msg} [{elapsed}]"
            };
            bar.set_style(ProgressStyle::with_template(template).expect("template"));
            bar
        });
        Progress {
            bar,
            verb,
            last_line: std::cell::Cell::new(Instant::now()),
        }
    }

    /// Print a line above the bar.
    fn note(&self, line: &str) {
        match &self.bar {
            Some(b) => b.suspend(|| eprintln!("dyad: {line}")),
            None => eprintln!("dyad: {line}"),
        }
    }

    /// Move the bar to `position` (of the total it was made with) and say `msg` beside it; when
    /// piped, say it at most every ten seconds.
    fn show(&self, position: u64, msg: String) {
        match &self.bar {
            Some(b) => {
                if let Some(len) = b.length() {
                    b.set_position(position.min(len));
                }
                b.set_message(msg);
            }
            None if self.last_line.get().elapsed() >= Duration::from_secs(10) => {
                self.last_line.set(Instant::now());
                eprintln!("dyad: {}: {msg}", self.verb);
            }
            None => {}
        }
    }

    fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

pub fn status(args: StatusArgs) -> anyhow::Result<u8> {
    let store = Store::open_read_only(&args.db.db)?;
    let s = store.status()?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&s)?);
        return Ok(EXIT_OK);
    }
    let current = dyad_coder::Dictionaries::embedded_version();
    println!(
        "database        {} (schema version {})",
        s.path, s.schema_version
    );
    println!(
        "documents       {} ({:.1} MB of text)",
        s.documents,
        s.text_bytes as f64 / 1e6
    );
    println!("sentences       {} with events", s.sentences);
    println!("mentions        {}", s.mentions);
    println!(
        "events          {} (mentions folded by date, dyad, code, modality)",
        s.events
    );
    if let Some((a, b)) = &s.dates {
        println!("event dates     {a} to {b}");
    }
    for (dict, version, docs) in &s.coders {
        let mark = if *dict == current {
            "  (the built-in dictionaries)"
        } else {
            ""
        };
        println!("dictionaries    {dict} (dyad {version}): {docs} documents{mark}");
    }
    Ok(EXIT_OK)
}

pub fn recode(args: RecodeArgs) -> anyhow::Result<u8> {
    let coder = args.dictionaries.engine()?;
    if !args.db.db.exists() {
        anyhow::bail!(
            "{}: no such database (create one with `dyad ingest`)",
            args.db.db.display()
        );
    }
    let (mut store, coder_id) = open_for_writing(&args.db.db, &coder)?;
    let stale = store.count_stale(coder_id)?;
    if stale == 0 {
        eprintln!(
            "dyad: every document was coded by this coder already, with its tone; nothing to do"
        );
        return Ok(EXIT_OK);
    }
    let progress = Progress::new(Some(stale as u64), "recode");
    let started = Instant::now();
    let mut tally = Tally::default();
    let outside_codebook = AtomicUsize::new(0);
    loop {
        let docs = store.stale_documents(coder_id, args.batch.max(1))?;
        if docs.is_empty() {
            break;
        }
        let coded: Vec<(i64, Vec<dyad_types::Event>, dyad_types::Tone)> = docs
            .par_iter()
            .map(|(row, d)| {
                let (events, dropped) = coder.code(d);
                outside_codebook.fetch_add(dropped, Ordering::Relaxed);
                (*row, events, dyad_enrich::tone(&d.text))
            })
            .collect();
        tally.stored.mentions += store.recode(&coded, coder_id)?;
        tally.seen += docs.len();
        tally.bytes += docs.iter().map(|(_, d)| d.text.len()).sum::<usize>();
        tally.stored.replaced += docs.len();
        let secs = started.elapsed().as_secs_f64().max(1e-9);
        progress.show(
            tally.seen as u64,
            format!(
                "{} documents, {:.0} docs/s, {} events",
                tally.seen,
                tally.seen as f64 / secs,
                tally.stored.mentions
            ),
        );
    }
    progress.finish();
    let s = store.status()?;
    eprintln!(
        "dyad: recoded {} documents in {:.1} s; the store now holds {} events from {} mentions",
        tally.seen,
        started.elapsed().as_secs_f64(),
        s.events,
        s.mentions
    );
    report_outside_codebook(&outside_codebook);
    Ok(EXIT_OK)
}
