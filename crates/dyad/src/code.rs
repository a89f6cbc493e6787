//! `dyad code` and `dyad bench`.

use crate::output::{Format, Writer};
use crate::{EXIT_OK, EXIT_SKIPPED};
use anyhow::bail;
use chrono::NaiveDate;
use clap::Args;
use dyad_coder::Coder;
use dyad_input::TextOptions;
use dyad_types::{Document, Modality};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Args)]
pub struct CodeArgs {
    /// Files to code: .txt/.md, .jsonl, .html, RSS/Atom feeds, any of them .gz, folders, or `-` for standard input.
    #[arg(required = true, value_name = "FILE")]
    inputs: Vec<String>,
    /// Output format: jsonl (the event record, one per line) or csv (the same fields, flat, with a header).
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    format: Format,
    /// Explain each event instead: the sentence, the trigger words, the actors and the dictionary entries that fired.
    #[arg(long)]
    explain: bool,
    /// Id of a plain-text document (default: its file name). Only with one plain-text input.
    #[arg(long)]
    id: Option<String>,
    /// Publication date of documents that carry none, YYYY-MM-DD or YYYYMMDD: the default event date, and the date that picks office-holders' roles.
    #[arg(long, value_parser = parse_date)]
    published: Option<NaiveDate>,
    /// Only events with at least this confidence (0 to 1).
    #[arg(long, default_value_t = 0.0)]
    min_confidence: f32,
    /// Only asserted events (drop negated, future, hypothetical and historical ones).
    #[arg(long)]
    asserted_only: bool,
    #[command(flatten)]
    dictionaries: DictionaryArgs,
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
}

#[derive(Args)]
pub struct BenchArgs {
    /// A corpus to code: JSON Lines, plain text, or either gzipped.
    #[arg(value_name = "FILE")]
    input: String,
    /// Code at most this many MB of text.
    #[arg(long)]
    limit_mb: Option<f64>,
    /// Threads to code with (the per-core figure divides by this).
    #[arg(long, default_value_t = 1)]
    threads: usize,
    /// Enrichment (each event's own date and place): `on` (as `dyad code` runs), `off` (dates
    /// from publication, no places), or `both`: off, on, off, on on the same documents, printing
    /// the throughput of each and the ratio on/off (the best run of each).
    #[arg(long, value_enum, default_value_t = Enrichment::On)]
    enrichment: Enrichment,
}

/// Whether `dyad bench` codes with enrichment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Enrichment {
    /// As `dyad code` runs.
    On,
    /// Publication dates, no places.
    Off,
    /// Both, alternating, and the ratio.
    Both,
}

pub(crate) fn parse_date(s: &str) -> Result<NaiveDate, String> {
    dyad_input::parse_date(s)
}

/// Which dictionaries a command codes with: the built-in ones, a folder instead of them, and
/// folders of the user's own laid over them.
#[derive(Args, Clone, Debug, Default)]
pub struct DictionaryArgs {
    /// Code with these dictionaries instead of the built-in ones: DIR, a complete set in dyad's format (the repository's `dictionaries/` layout, e.g. from `dyad dict convert`), or petrarch:DIR for PETRARCH-2/TABARI dictionaries, coded by dyad's PETRARCH-style engine.
    #[arg(long, value_name = "DIR|petrarch:DIR")]
    pub dictionaries: Option<String>,
    /// Lay a folder of your own dictionary files over dyad's (or over --dictionaries DIR): any of countries.tsv, cities.tsv, organizations.tsv, agents.tsv, surnames-not-alone.tsv, people/*.tsv, verbs/*.tsv, in dyad's format. Its entries are added; an entry it repeats (the same name, person or verb pattern) overrides the earlier one, and a verb pattern coded `-` is removed. Repeatable: later folders win. Evidence names your files.
    #[arg(long = "add-dictionaries", value_name = "DIR")]
    pub layers: Vec<PathBuf>,
}

impl DictionaryArgs {
    /// The built-in dictionaries, nothing laid over them.
    pub fn built_in() -> DictionaryArgs {
        DictionaryArgs::default()
    }

    /// The engine these dictionaries make: dyad's, or PETRARCH's for `petrarch:DIR`.
    pub fn engine(&self) -> anyhow::Result<Engine> {
        Ok(Engine::load_layered(
            self.dictionaries.as_deref(),
            &self.layers,
        )?)
    }

    /// dyad's coder with these dictionaries; PETRARCH's are an error that says what to do.
    pub fn coder(&self) -> anyhow::Result<Coder> {
        Ok(Coder::load_layered(
            self.dictionaries.as_deref().map(std::path::Path::new),
            &self.layers,
        )?)
    }

    /// How reports tell scores made with these dictionaries from those of the built-in ones:
    /// `petrarch:<folder name>`, `<folder>`, `+<added folder>`…; none for the built-in ones.
    pub fn label(&self) -> Option<String> {
        let mut parts: Vec<String> = Vec::new();
        if let Some(d) = &self.dictionaries {
            parts.push(match d.strip_prefix("petrarch:") {
                Some(dir) => format!(
                    "petrarch:{}",
                    std::path::Path::new(dir)
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_else(|| dir.to_string())
                ),
                None => d.clone(),
            });
        }
        parts.extend(self.layers.iter().map(|l| format!("+{}", l.display())));
        (!parts.is_empty()).then(|| parts.join(" "))
    }
}

pub use dyad_coder::Engine;

/// The engine as the evaluation sees it.
pub fn for_eval(engine: &Engine) -> Box<dyn dyad_eval::Engine + '_> {
    match engine {
        Engine::Dyad(c) => Box::new(c.as_ref()),
        Engine::Petrarch {
            coder, codebook, ..
        } => Box::new(dyad_eval::Petrarch { coder, codebook }),
    }
}

/// Code with `n` worker threads instead of one per core.
pub(crate) fn set_threads(n: Option<usize>) {
    if let Some(n) = n {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .ok();
    }
}

pub fn run(args: CodeArgs) -> anyhow::Result<u8> {
    if args.id.is_some() && args.inputs.len() > 1 {
        bail!(
            "--id names one document, but {} inputs were given",
            args.inputs.len()
        );
    }
    set_threads(args.threads);
    let coder = args.dictionaries.engine()?;
    let opts = TextOptions {
        id: args.id.clone(),
        published: args.published,
    };
    let stdout = std::io::stdout().lock();
    let mut out = Writer::new(
        stdout,
        if args.explain {
            Format::Explain
        } else {
            args.format
        },
    )?;
    let progress = ProgressBar::new_spinner();
    progress
        .set_style(ProgressStyle::with_template("{spinner} {msg} [{elapsed}]").expect("template"));
    let mut skipped = 0usize;
    let mut unwritable = 0usize;
    let (mut docs, mut bytes, mut events) = (0usize, 0usize, 0usize);
    let mut batch: Vec<Document> = Vec::new();
    let mut inputs = dyad_input::read_all(&args.inputs, &opts).peekable();
    loop {
        // Batches of about 4 MB keep all cores busy and memory flat.
        batch.clear();
        let mut size = 0;
        while size < (4 << 20) && batch.len() < 2048 {
            match inputs.next() {
                Some(Ok(d)) => {
                    size += d.text.len();
                    batch.push(d);
                }
                Some(Err(e)) => {
                    progress.suspend(|| eprintln!("dyad: skipped {e}"));
                    skipped += 1;
                }
                None => break,
            }
        }
        if batch.is_empty() && inputs.peek().is_none() {
            break;
        }
        let coded: Vec<_> = batch.par_iter().map(|d| coder.code(d)).collect();
        for (doc, (evs, dropped)) in batch.iter().zip(coded) {
            unwritable += dropped;
            for e in evs.iter().filter(|e| e.confidence >= args.min_confidence) {
                if args.asserted_only && e.modality != Modality::Asserted {
                    continue;
                }
                out.write(e, doc)?;
                events += 1;
            }
        }
        docs += batch.len();
        bytes += size;
        progress.set_message(format!(
            "{docs} documents, {:.1} MB, {events} events",
            bytes as f64 / 1e6
        ));
        progress.tick();
    }
    progress.finish_and_clear();
    out.finish()?;
    if unwritable > 0 {
        eprintln!(
            "dyad: {unwritable} PETRARCH events not written: their codes are not in the CAMEO codebook (dyad dict check lists them)"
        );
    }
    if skipped > 0 {
        eprintln!("dyad: coded {docs} documents ({events} events); skipped {skipped} (see above)");
        return Ok(EXIT_SKIPPED);
    }
    Ok(EXIT_OK)
}

/// Peak resident memory of this process, from /proc (Linux), in MB.
/// CPU time (user and system) this process has used, in seconds, from `/proc/self/stat` (clock
/// ticks of 10 ms): unlike wall time, it does not grow when other processes share the cores.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name may hold spaces; the fields after its closing parenthesis do not.
    let rest = &stat[stat.rfind(')')? + 2..];
    let mut fields = rest.split_whitespace().skip(11);
    let user: f64 = fields.next()?.parse().ok()?;
    let system: f64 = fields.next()?.parse().ok()?;
    Some((user + system) / 100.0)
}

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

pub fn bench(args: BenchArgs) -> anyhow::Result<u8> {
    let t0 = Instant::now();
    let coder = DictionaryArgs::built_in().coder()?;
    let startup = t0.elapsed();
    let limit = args
        .limit_mb
        .map(|m| (m * 1e6) as usize)
        .unwrap_or(usize::MAX);
    let mut docs = Vec::new();
    let mut bytes = 0;
    let mut skipped = 0;
    for item in dyad_input::read(&args.input, &TextOptions::default()) {
        match item {
            Ok(d) => {
                bytes += d.text.len();
                docs.push(d);
                if bytes >= limit {
                    break;
                }
            }
            Err(_) => skipped += 1,
        }
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads)
        .build()?;
    let plain = DictionaryArgs::built_in().coder()?.with_enrichment(false);
    let run = |coder: &Coder| {
        let t = Instant::now();
        let cpu = cpu_seconds();
        let counts: (usize, usize) = pool.install(|| {
            docs.par_iter()
                .map(|d| {
                    let ev = coder.code(d);
                    (
                        ev.len(),
                        ev.iter()
                            .filter(|e| e.modality == Modality::Asserted)
                            .count(),
                    )
                })
                .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
        });
        let wall = t.elapsed().as_secs_f64();
        let cpu = match (cpu, cpu_seconds()) {
            (Some(a), Some(b)) => b - a,
            _ => wall * args.threads as f64,
        };
        (counts, wall, cpu)
    };
    let mb = bytes as f64 / 1e6;
    let (events, asserted, secs) = match args.enrichment {
        Enrichment::On => {
            let ((e, a), secs, _) = run(&coder);
            (e, a, secs)
        }
        Enrichment::Off => {
            let ((e, a), secs, _) = run(&plain);
            (e, a, secs)
        }
        Enrichment::Both => {
            // CPU seconds, so that other work on the machine does not tilt the ratio.
            let mut best = [f64::MAX; 2];
            let mut wall = f64::MAX;
            let mut counts = (0, 0);
            for round in 0..6 {
                let on = round % 2 == 1;
                let (c, w, cpu) = run(if on { &coder } else { &plain });
                best[usize::from(on)] = best[usize::from(on)].min(cpu);
                if on {
                    wall = wall.min(w);
                    counts = c;
                }
            }
            let mut o = std::io::stdout().lock();
            let per_cpu = |secs: f64| mb / secs;
            writeln!(
                o,
                "enrichment off {:.1} MB per CPU second (best of 3)",
                per_cpu(best[0])
            )?;
            writeln!(
                o,
                "enrichment on  {:.1} MB per CPU second (best of 3)",
                per_cpu(best[1])
            )?;
            writeln!(o, "ratio on/off   {:.2}", best[0] / best[1])?;
            (counts.0, counts.1, wall)
        }
    };
    let mut o = std::io::stdout().lock();
    writeln!(o, "input          {}", args.input)?;
    writeln!(o, "documents      {} ({} skipped)", docs.len(), skipped)?;
    writeln!(o, "text           {mb:.1} MB")?;
    writeln!(o, "events         {events} ({asserted} asserted)")?;
    writeln!(
        o,
        "start-up       {:.0} ms (dictionaries compiled)",
        startup.as_secs_f64() * 1e3
    )?;
    writeln!(
        o,
        "coding         {secs:.2} s on {} thread(s)",
        args.threads
    )?;
    writeln!(
        o,
        "throughput     {:.1} MB/s, {:.1} MB/s per core",
        mb / secs,
        mb / secs / args.threads as f64
    )?;
    if let Some(rss) = peak_rss_mb() {
        writeln!(
            o,
            "peak memory    {rss:.0} MB (corpus held in memory: {mb:.0} MB)"
        )?;
    }
    Ok(EXIT_OK)
}
