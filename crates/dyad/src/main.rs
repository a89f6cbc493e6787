//! `dyad`: news text in, CAMEO and PLOVER events out, each with its evidence.
//!
//! This binary is only flags and glue; the work is in the pipeline crates (see ARCHITECTURE.md).

mod code;
mod dict_cmd;
mod export;
mod output;
mod query;
mod serve;
mod store;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Exit status when everything was read.
pub const EXIT_OK: u8 = 0;
/// Exit status when the command could not run at all.
pub const EXIT_FAILED: u8 = 1;
/// Exit status when some input was skipped (each reported on standard error) and the rest done.
pub const EXIT_SKIPPED: u8 = 2;
/// Exit status for a bad command line (sysexits' EX_USAGE; clap's own 2 would read as "skipped").
pub const EXIT_USAGE: u8 = 64;

#[derive(Parser)]
#[command(
    name = "dyad",
    version,
    about = "Code news about international relations into CAMEO and PLOVER events: who did what to whom, when, with the words that say so.",
    long_about = None,
    after_help = "Examples:\n  dyad code --published 2026-01-06 article.txt     events of one article, as JSON Lines\n  dyad code --format csv articles.jsonl > events.csv\n  cat story.txt | dyad code --published 2024-03-01 -\n  dyad code --explain story.txt                    why each event fired\n  dyad ingest ./news/                              code into ./dyad.sqlite (again later: only new documents)\n  dyad status                                      what the database holds\n  dyad export --format gdelt > events.csv          GDELT 2.0 event table\n  dyad query timeline CHN KOR --by month           how a relationship moves\n  dyad eval ../shared/gold/plover-gsr.jsonl        score against a gold set\n  dyad bench corpus.jsonl.gz                       throughput, MB of text per second\n\nExit status: 0 when all input was read, 1 when the command failed, 2 when some input was skipped\n(each skip is reported on standard error with its file and line; the rest is done), 64 for a bad\ncommand line."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Code documents into events, one JSON object (or CSV row) per event on standard output.
    #[command(
        long_about = "Code documents into events, one per line on standard output.\n\n\
        Inputs: plain text files (one document each: its id is the file name unless --id is given, \
        its date is --published), JSON Lines (one document per line: `id`, `published` as YYYY-MM-DD \
        or YYYYMMDD, optional `title`, `url`, `source`, and `text`), any of these gzip-compressed \
        (.gz), and `-` for standard input. A file that cannot be read, or a bad line, is reported on \
        standard error with its file and line, and the rest is still coded (exit status 2).\n\n\
        Each event gives its source and target actors (ISO 3166 country + CAMEO role, e.g. CHNGOV), \
        the CAMEO code with GDELT's Goldstein value and QuadClass, the PLOVER type, the modality \
        (asserted, negated, future, hypothetical, historical), a confidence, and its evidence: the \
        sentence, byte spans of the actors and the trigger words, and the dictionary entry that fired."
    )]
    Code(code::CodeArgs),
    /// Score the coder against gold files and print precision, recall, F1 and a confusion table.
    #[command(long_about = "Score the coder against gold files.\n\n\
        Reads the formats of the shared evaluation sets, recognised by their fields: sentence sets \
        with expected events (`expected: [{source, target, code}]`, PETRARCH unit tests), PLOVER gold \
        records (`event`, `source`, `target`), CAMEO manual examples (`code`), ConfliBERT \
        PentaClass sentences (`pentaclass`), and hand-coded article expectations \
        (`*.expected.json`, coded from the article file beside it). Prints precision, recall and F1 \
        at exact-code, root and QuadClass level, actor accuracy at country and country+role level, \
        and a confusion table by root.\n\n\
        With --ratchet FILE, fails (exit 1) when a headline score is below the floor recorded in FILE \
        for that gold set; with --raise, writes the new, higher floors back.")]
    Eval(dyad_eval_cli::EvalArgs),
    /// Measure throughput: code a corpus and report MB of text per second, per core.
    Bench(code::BenchArgs),
    /// Code documents into the event store (SQLite); run again later and only new documents are coded.
    #[command(
        long_about = "Code documents into the event store, one SQLite file (--db, else \
        $DYAD_DB, else ./dyad.sqlite, created when missing).\n\n\
        Inputs: everything `dyad code` reads, plus HTML pages (main text, title, canonical URL and \
        date from meta tags), RSS and Atom feeds (each item a document), Markdown or text with a \
        front-matter block (id, published, title, url, source), folders recursively, and .gz of any \
        of them.\n\n\
        A document is known by the hash of its text and by its id: ingesting the same input twice \
        adds nothing, and a stored id with a new text is replaced and recoded. Work is committed in \
        batches: if the run is killed, the database stays consistent and the same command resumes \
        where it stopped. Mentions of the same event (date, source, target, CAMEO code, modality) \
        fold into one event that counts its mentions, articles and sources, as GDELT does.\n\n\
        Unreadable files, lines and feed items are reported with file and line and skipped; the \
        rest is stored (exit status 2)."
    )]
    Ingest(store::IngestArgs),
    /// What the event store holds: documents, sentences, mentions, events, dictionary versions.
    Status(store::StatusArgs),
    /// Recode stored documents made with other dictionaries than the current ones (resumable).
    #[command(
        long_about = "Recode stored documents made with other dictionaries than the \
        current ones (the built-in ones, --dictionaries DIR or petrarch:DIR, and any --add-dictionaries), in place: their mentions are \
        replaced and the events recounted, one batch per transaction, so an interrupted recode \
        resumes where it stopped."
    )]
    Recode(store::RecodeArgs),
    /// Write stored events as JSON Lines, the GDELT 2.0 event table, or Parquet, with filters.
    #[command(
        long_about = "Write stored events as JSON Lines (the event record with \
        num_mentions, num_articles and num_sources; --with-evidence adds every mention), the GDELT \
        2.0 event table (61 columns in GDELT's order, tab-separated, FIPS country codes), or Parquet \
        (readable by DuckDB, pandas, Polars and Spark). Events are ordered by date.\n\n\
        Examples:\n  dyad export --format parquet --from 2025-01-01 --dyad CHN-KOR -o chn_kor.parquet\n  \
        dyad export --format gdelt > events.csv\n  dyad export --root 19 --with-evidence"
    )]
    Export(export::ExportArgs),
    /// Ask the event store: a dyad's timeline, events with their sentences, the busiest actors.
    Query(query::QueryArgs),
    /// Serve the event store over HTTP: a JSON API and a dashboard (read-only, loopback by default).
    #[command(
        long_about = "Serve the event store over HTTP on loopback: a JSON API \
        (/api/timeline, /api/events, /api/documents/ID, /api/actors, /api/dyads, /api/health; \
        described by /api/openapi.json) and a dashboard at / (a dyad's timeline as a chart, the \
        events of a period with their sentences, each document with every coded span). Every asset \
        is inside the binary: it works with no network.\n\n\
        The database is opened read-only. --allow-ingest adds POST /api/documents (JSON Lines or a \
        JSON array of documents, coded and stored as `dyad ingest` does) for clients sending the \
        token in $DYAD_INGEST_TOKEN. Another address than loopback needs --allow-remote. Logs go to \
        standard error, filtered by $DYAD_LOG (e.g. DYAD_LOG=info).\n\n\
        Example:\n  dyad serve --db dyad.sqlite --addr 127.0.0.1:8080"
    )]
    Serve(serve::ServeArgs),
    /// PETRARCH-2/TABARI dictionaries: check what is read, convert into dyad's format.
    #[command(
        long_about = "PETRARCH-2 and TABARI dictionaries (a folder of *actors*, *agents*, \
        *verbs* or CAMEO*, *discards* and *issues* files, named petrarch:DIR).\n\n\
        `dyad dict check petrarch:DIR` loads them and prints every line that is not fully \
        understood, grouped by reason with counts (exit 0 when they load). `dyad dict convert \
        petrarch:DIR -o OUTDIR` writes dyad's readable TSV dictionaries as far as they can say the \
        same, and lists what cannot be expressed. To code with them as they are: `dyad code \
        --dictionaries petrarch:DIR`.\n\n\
        Examples:\n  dyad dict check petrarch:../shared/dictionaries/phoenix\n  \
        dyad dict convert petrarch:../shared/dictionaries/phoenix -o phoenix-dyad/"
    )]
    Dict(dict_cmd::DictArgs),
}

mod dyad_eval_cli;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() => {
            let _ = e.print();
            return ExitCode::from(EXIT_USAGE);
        }
        Err(e) => e.exit(),
    };
    let result = match cli.command {
        Command::Code(args) => code::run(args),
        Command::Eval(args) => dyad_eval_cli::run(args),
        Command::Bench(args) => code::bench(args),
        Command::Ingest(args) => store::ingest(args),
        Command::Status(args) => store::status(args),
        Command::Recode(args) => store::recode(args),
        Command::Export(args) => export::run(args),
        Command::Query(args) => query::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Dict(args) => dict_cmd::run(args),
    };
    match result {
        Ok(status) => ExitCode::from(status),
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::from(EXIT_OK);
            }
            eprintln!("dyad: {e:#}");
            ExitCode::from(EXIT_FAILED)
        }
    }
}

/// `dyad code … | head` closes the pipe early: that is not an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
