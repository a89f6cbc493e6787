//! `dyad dict check` and `dyad dict convert`: PETRARCH dictionaries, read and reported on.

use crate::EXIT_OK;
use anyhow::{Context, bail};
use clap::{Args, Subcommand};
use dyad_petrarch::{Diagnostic, Dictionaries, FileKind, Reason};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct DictArgs {
    #[command(subcommand)]
    command: DictCommand,
}

#[derive(Subcommand)]
enum DictCommand {
    /// Load PETRARCH dictionaries and print every line not (fully) understood, grouped by reason.
    Check(CheckArgs),
    /// Convert PETRARCH dictionaries into dyad's TSV format, listing what cannot be expressed.
    Convert(ConvertArgs),
}

#[derive(Args)]
struct CheckArgs {
    /// The dictionaries: petrarch:DIR (a folder of *actors*, *agents*, *verbs* or CAMEO*, *discards*, *issues* files).
    #[arg(value_name = "petrarch:DIR")]
    source: String,
    /// Print at most this many lines per reason (0: all).
    #[arg(long, default_value_t = 0)]
    max_per_reason: usize,
}

#[derive(Args)]
struct ConvertArgs {
    /// The dictionaries: petrarch:DIR.
    #[arg(value_name = "petrarch:DIR")]
    source: String,
    /// Folder to write dyad's dictionaries into (created; existing files are replaced).
    #[arg(short, long, value_name = "OUTDIR")]
    output: PathBuf,
    /// Print at most this many entries per reason an entry could not be converted (0: all).
    #[arg(long, default_value_t = 5)]
    max_per_reason: usize,
}

pub fn run(args: DictArgs) -> anyhow::Result<u8> {
    match args.command {
        DictCommand::Check(a) => check(a),
        DictCommand::Convert(a) => convert(a),
    }
}

fn petrarch_dir(source: &str) -> anyhow::Result<&Path> {
    match source.strip_prefix("petrarch:") {
        Some(d) => Ok(Path::new(d)),
        None => bail!(
            "`{source}`: name the dictionaries as petrarch:DIR (dyad's own format needs no check: `dyad code --dictionaries DIR` reports any error with its file and line)"
        ),
    }
}

fn load(source: &str) -> anyhow::Result<(Dictionaries, dyad_dict::Codebook)> {
    let dir = petrarch_dir(source)?;
    let mut d = Dictionaries::load(dir)
        .with_context(|| format!("reading PETRARCH dictionaries from {}", dir.display()))?;
    let codebook = dyad_coder::Dictionaries::embedded()
        .context("the built-in CAMEO codebook")?
        .codebook;
    d.check_codes(|c| is_cameo(&codebook, c));
    Ok((d, codebook))
}

fn is_cameo(codebook: &dyad_dict::Codebook, code: &str) -> bool {
    code.parse::<dyad_types::CameoCode>()
        .ok()
        .is_some_and(|c| codebook.get(c).is_some())
}

/// One reason and the dictionary lines it concerns (`file:line: text`), at most `max` of them (0:
/// all), then how many more.
fn print_group(
    o: &mut impl Write,
    reason: impl std::fmt::Display,
    lines: &[(&String, usize, &String)],
    max: usize,
) -> std::io::Result<()> {
    writeln!(o, "\n== {reason} ({})", lines.len())?;
    let shown = if max == 0 {
        lines.len()
    } else {
        max.min(lines.len())
    };
    for (file, line, text) in &lines[..shown] {
        writeln!(o, "  {file}:{line}: {text}")?;
    }
    if shown < lines.len() {
        writeln!(o, "  … and {} more", lines.len() - shown)?;
    }
    Ok(())
}

fn kind_name(k: FileKind) -> &'static str {
    match k {
        FileKind::Actors => "actors",
        FileKind::Agents => "agents",
        FileKind::Verbs => "verbs",
        FileKind::Discards => "discards",
        FileKind::Issues => "issues",
    }
}

fn check(args: CheckArgs) -> anyhow::Result<u8> {
    let (d, _) = load(&args.source)?;
    let mut o = std::io::stdout().lock();
    writeln!(
        o,
        "PETRARCH dictionaries in {}",
        petrarch_dir(&args.source)?.display()
    )?;
    for (name, kind) in &d.files {
        writeln!(o, "  {name} ({})", kind_name(*kind))?;
    }
    let phrases: usize = d.actors.iter().map(|a| a.phrases.len()).sum();
    let dated = d
        .actors
        .iter()
        .flat_map(|a| &a.rules)
        .filter(|r| r.validity != dyad_petrarch::Validity::Always)
        .count();
    let verbs: usize = d.verbs.blocks.iter().map(|b| b.verbs.len()).sum();
    let patterns: usize = d.verbs.blocks.iter().map(|b| b.patterns.len()).sum();
    writeln!(
        o,
        "read: {} actors ({phrases} phrases, {dated} dated codes), {} agents, {} verb blocks ({verbs} verbs, {patterns} patterns, {} synsets), {} discards, {} issue phrases (issues are read and checked; dyad's event record has no issue field)",
        d.actors.len(),
        d.agents.len(),
        d.verbs.blocks.len(),
        d.verbs.synsets.len(),
        d.discards.len(),
        d.issues.len(),
    )?;
    let mut by: BTreeMap<Reason, Vec<&Diagnostic>> = BTreeMap::new();
    for x in &d.diagnostics {
        by.entry(x.reason).or_default().push(x);
    }
    let dropped: usize = by
        .iter()
        .filter(|(r, _)| !r.is_partial())
        .map(|(_, v)| v.len())
        .sum();
    writeln!(
        o,
        "lines not fully understood: {} ({dropped} skipped, {} read with an approximation)",
        d.diagnostics.len(),
        d.diagnostics.len() - dropped
    )?;
    for (reason, list) in &by {
        let lines: Vec<_> = list.iter().map(|x| (&x.file, x.line, &x.text)).collect();
        print_group(&mut o, reason, &lines, args.max_per_reason)?;
    }
    Ok(EXIT_OK)
}

/// dyad's codebook is not a dictionary of the user's: the converted folder gets dyad's own, and
/// empty files where PETRARCH has nothing to say, so `dyad code --dictionaries OUTDIR` loads it.
const CAMEO_TSV: &str = include_str!("../../../dictionaries/cameo.tsv");

fn convert(args: ConvertArgs) -> anyhow::Result<u8> {
    let (d, codebook) = load(&args.source)?;
    let c = dyad_petrarch::convert(&d, |code| is_cameo(&codebook, code));
    let out = &args.output;
    let mut files = c.files.clone();
    files.push(("cameo.tsv".into(), CAMEO_TSV.to_string()));
    files.push((
        "cities.tsv".into(),
        "# name\tcountry\taliases — none in PETRARCH dictionaries\n".into(),
    ));
    files.push((
        "surnames-not-alone.tsv".into(),
        "# name — none in PETRARCH dictionaries\n".into(),
    ));
    for (name, text) in &files {
        let p = out.join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating {}", parent.display()))?;
        }
        std::fs::write(&p, text).with_context(|| format!("writing {}", p.display()))?;
    }
    let mut o = std::io::stdout().lock();
    writeln!(
        o,
        "wrote {} (dyad's format, see dictionaries/README.md):",
        out.display()
    )?;
    for (name, n) in &c.written {
        writeln!(o, "  {name:<24} {n} lines")?;
    }
    writeln!(o, "  cameo.tsv                dyad's CAMEO codebook")?;
    let mut by: BTreeMap<&str, Vec<&dyad_petrarch::Skipped>> = BTreeMap::new();
    for s in &c.skipped {
        by.entry(s.why).or_default().push(s);
    }
    writeln!(
        o,
        "not expressible in dyad's format: {} entries",
        c.skipped.len()
    )?;
    for (why, list) in &by {
        let lines: Vec<_> = list.iter().map(|s| (&s.file, s.line, &s.text)).collect();
        print_group(&mut o, why, &lines, args.max_per_reason)?;
    }
    let partial = d.diagnostics.len();
    if partial > 0 {
        writeln!(
            o,
            "\n{partial} dictionary lines were not (fully) understood when reading: `dyad dict check {}` lists them",
            args.source
        )?;
    }
    Ok(EXIT_OK)
}
