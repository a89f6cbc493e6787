//! `dyad eval`: score against gold files, with a ratchet of floors.

use crate::{EXIT_FAILED, EXIT_OK};
use anyhow::Context;
use clap::Args;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

#[derive(Args)]
pub struct EvalArgs {
    /// Gold files: *.jsonl sets or *.expected.json article expectations.
    #[arg(required = true, value_name = "GOLD")]
    files: Vec<PathBuf>,
    /// A JSON file of floors, `{"<gold file name>": <lowest headline score>}`; fail when a score is below its floor.
    #[arg(long, value_name = "FILE")]
    ratchet: Option<PathBuf>,
    /// With --ratchet: write the scores that rose back into the file (floors never go down).
    #[arg(long, requires = "ratchet")]
    raise: bool,
    /// Print the reports as JSON instead of tables.
    #[arg(long)]
    json: bool,
    /// Other dictionaries than the built-in ones (reports and floors are then named `<gold file> (petrarch:<folder name>)` or `<gold file> (+<added folder>)`).
    #[command(flatten)]
    dictionaries: crate::code::DictionaryArgs,
}

pub fn run(args: EvalArgs) -> anyhow::Result<u8> {
    let engine = args.dictionaries.engine()?;
    let coder = crate::code::for_eval(&engine);
    let mut reports = Vec::new();
    // Written, not printed: `dyad eval … | head` closes the pipe, which is no error.
    let mut out = std::io::stdout().lock();
    for f in &args.files {
        let mut r = dyad_eval::evaluate(coder.as_ref(), f)?;
        if let Some(label) = args.dictionaries.label() {
            // Its own floor: the same gold file coded with other dictionaries is another measure.
            r.set = format!("{} ({label})", r.set);
        }
        if args.json {
            writeln!(out, "{}", serde_json::to_string(&r)?)?;
        } else {
            writeln!(out, "{r}")?;
        }
        reports.push(r);
    }
    let Some(path) = args.ratchet else {
        return Ok(EXIT_OK);
    };
    let mut floors: BTreeMap<String, f64> = match std::fs::read_to_string(&path) {
        Ok(t) => serde_json::from_str(&t)
            .with_context(|| format!("{}: not a JSON object of floors", path.display()))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => BTreeMap::new(),
        Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
    };
    let mut failed = false;
    let mut raised = false;
    writeln!(out, "ratchet ({}):", path.display())?;
    for r in &reports {
        let floor = floors.get(&r.set).copied();
        let status = match floor {
            Some(f) if r.headline + 1e-9 < f => {
                failed = true;
                "BELOW FLOOR"
            }
            Some(f) if r.headline > f + 1e-9 => "above floor",
            Some(_) => "at floor",
            None => "no floor yet",
        };
        writeln!(
            out,
            "  {:<40} {:.3}  floor {}  {status}",
            r.set,
            r.headline,
            floor
                .map(|f| format!("{f:.3}"))
                .unwrap_or_else(|| "-".into())
        )?;
        if args.raise && floor.is_none_or(|f| r.headline > f) {
            // Floors are kept to three decimals, rounded down, so a rerun is never below.
            floors.insert(r.set.clone(), (r.headline * 1000.0).floor() / 1000.0);
            raised = true;
        }
    }
    if raised {
        std::fs::write(&path, serde_json::to_string_pretty(&floors)? + "\n")
            .with_context(|| format!("writing {}", path.display()))?;
        writeln!(out, "floors raised in {}", path.display())?;
    }
    Ok(if failed { EXIT_FAILED } else { EXIT_OK })
}
