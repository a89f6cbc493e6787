//! Scoring the coder against gold sets.
//!
//! Design: each gold format is recognised by its fields and scored by the rule the field uses
//! (written in the README's "Evaluation" section), and every report reduces to one headline number
//! per set, higher is better, so a ratchet file can hold the floor each set has reached and CI can
//! fail on a regression. The formats:
//!
//! - sentence sets with expected events (`expected: [{source, target, code}]`, the PETRARCH unit
//!   tests): an event matches an expected one when source, target and code agree; precision, recall
//!   and F1 at exact-code, root and QuadClass level; actor accuracy at country and country+role.
//!   Headline: exact-code F1.
//! - PLOVER gold records (`event`, `source`, `target`): a record is right when some non-negated
//!   event has its PLOVER type and both actors' countries. Headline: share of records right.
//! - CAMEO manual examples (`code`): a sentence's code is that of its most confident asserted
//!   event. Headline: accuracy at root level.
//! - ConfliBERT PentaClass sentences (`pentaclass`): a sentence's class is that of its most
//!   confident asserted event; no event is wrong. Headline: accuracy.
//! - hand-coded article expectations (`*.expected.json`): core and stretch events found, forbidden
//!   events not produced. Headline: core events found, and zero when a forbidden one appears.

mod article;
mod report;
mod sets;

pub use report::{Confusion, Prf, Report};

use dyad_coder::Coder;
use std::path::Path;

/// A gold file that could not be scored.
#[derive(Debug, thiserror::Error)]
#[error("{file}{}: {message}", .line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct EvalError {
    /// The gold file.
    pub file: String,
    /// The line, when one is at fault.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

/// Score `coder` against the gold file at `path`, recognising its format.
pub fn evaluate(coder: &Coder, path: &Path) -> Result<Report, EvalError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let err = |line: Option<usize>, message: String| EvalError {
        file: path.display().to_string(),
        line,
        message,
    };
    let text = std::fs::read_to_string(path).map_err(|e| err(None, format!("cannot read: {e}")))?;
    if name.ends_with(".expected.json") {
        return article::evaluate(coder, path, &text).map_err(|m| err(None, m));
    }
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_str(line).map_err(|e| err(Some(i + 1), format!("not JSON: {e}")))?;
        rows.push((i + 1, v));
    }
    let Some((_, first)) = rows.first() else {
        return Err(err(None, "no rows".into()));
    };
    let has = |k: &str| first.get(k).is_some();
    let result = if has("expected") {
        sets::events(coder, &name, &rows)
    } else if has("event") && has("source") {
        sets::plover(coder, &name, &rows)
    } else if has("pentaclass") {
        sets::pentaclass(coder, &name, &rows)
    } else if has("code") {
        sets::cameo_examples(coder, &name, &rows)
    } else {
        return Err(err(
            Some(1),
            "unknown gold format: expected fields `expected`, `event`, `pentaclass` or `code`"
                .into(),
        ));
    };
    result.map_err(|(line, m)| err(Some(line), m))
}
