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
//!   Headline: the share of records exactly right — every expected event produced and nothing
//!   else (a `noevents` record, or one whose only expected event has no code, expects nothing), the
//!   criterion of PETRARCH's own validation; the failures are listed by the record's category.
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
use dyad_types::{Document, Event, Modality};
use std::path::Path;

/// What scoring needs from a coder: dyad's own [`Coder`], or PETRARCH dictionaries coded by
/// [`dyad_petrarch::Coder`] (see [`Petrarch`]).
pub trait Engine: Sync {
    /// The events of a document, as dyad's event record.
    fn events(&self, doc: &Document) -> Vec<Event>;

    /// `(source, target, code)` of every event that is not negated, as text. PETRARCH
    /// dictionaries code actors (`---GOV`) and events (`174K`) that dyad's record cannot hold, so
    /// the sets that compare codes ask for these.
    fn triples(&self, doc: &Document) -> Vec<(String, String, String)> {
        let code = |a: &Option<dyad_types::ActorRef>| {
            a.as_ref().map(|a| a.code.to_string()).unwrap_or_default()
        };
        self.events(doc)
            .iter()
            .filter(|e| e.modality != Modality::Negated)
            .map(|e| (code(&e.source), code(&e.target), e.cameo.to_string()))
            .collect()
    }
}

impl<T: Engine + ?Sized> Engine for &T {
    fn events(&self, doc: &Document) -> Vec<Event> {
        (**self).events(doc)
    }

    fn triples(&self, doc: &Document) -> Vec<(String, String, String)> {
        (**self).triples(doc)
    }
}

impl Engine for Coder {
    fn events(&self, doc: &Document) -> Vec<Event> {
        self.code(doc)
    }
}

/// PETRARCH dictionaries as an [`Engine`]: events dyad can hold for the sets that read events,
/// every event as written for the sets that compare codes.
pub struct Petrarch<'a> {
    /// The compiled PETRARCH dictionaries.
    pub coder: &'a dyad_petrarch::Coder,
    /// CAMEO codebook for Goldstein, QuadClass and PLOVER.
    pub codebook: &'a dyad_dict::Codebook,
}

impl Engine for Petrarch<'_> {
    fn events(&self, doc: &Document) -> Vec<Event> {
        self.coder
            .code(doc)
            .iter()
            .filter_map(|c| c.to_event(doc, self.codebook))
            .collect()
    }

    fn triples(&self, doc: &Document) -> Vec<(String, String, String)> {
        self.coder
            .code(doc)
            .into_iter()
            .map(|c| (c.source, c.target, c.code))
            .collect()
    }
}

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
pub fn evaluate(coder: &dyn Engine, path: &Path) -> Result<Report, EvalError> {
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
