//! Hand-coded expectations for one article (`*.expected.json`).

use crate::Engine;
use crate::report::{Confusion, Report, ratio};
use chrono::NaiveDate;
use dyad_types::{Document, Event, Modality};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Deserialize)]
struct Expectations {
    document: DocMeta,
    #[serde(default)]
    expected: Vec<Expected>,
    #[serde(default)]
    forbidden: Vec<Forbidden>,
}

#[derive(Deserialize)]
struct DocMeta {
    id: String,
    file: String,
    published: Option<String>,
}

#[derive(Deserialize)]
struct Expected {
    id: String,
    level: String,
    source: String,
    target: String,
    codes: Vec<String>,
    date: Option<String>,
    date_between: Option<[String; 2]>,
    place: Option<String>,
    evidence: Option<String>,
}

#[derive(Deserialize)]
struct Forbidden {
    id: String,
    codes: Vec<String>,
    #[serde(default)]
    unless_modality: Vec<Modality>,
}

/// "CHN|KOR" matches a code that starts with either.
fn actor_matches(pattern: &str, actor: Option<&dyad_types::ActorRef>) -> bool {
    let Some(a) = actor else { return false };
    pattern.split('|').any(|p| a.code.as_str().starts_with(p))
}

/// A two-digit code matches its whole root; a longer one, itself and its sub-codes.
fn code_matches(codes: &[String], e: &Event) -> bool {
    codes
        .iter()
        .any(|c| e.cameo.as_str().starts_with(c.as_str()))
}

fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

impl Expected {
    fn matched_by(&self, e: &Event) -> bool {
        let in_sentence = self
            .evidence
            .as_deref()
            .is_none_or(|ev| e.evidence.text.contains(ev) || ev.contains(e.evidence.text.as_str()));
        let date_ok = match (&self.date, &self.date_between, e.date) {
            (Some(d), _, Some(got)) => date(d) == Some(got),
            (_, Some([a, b]), Some(got)) => {
                date(a).is_some_and(|a| a <= got) && date(b).is_some_and(|b| got <= b)
            }
            (None, None, _) => true,
            _ => false,
        };
        let place_ok = self.place.as_deref().is_none_or(|p| {
            e.place
                .as_ref()
                .is_some_and(|x| x.name.eq_ignore_ascii_case(p))
        });
        e.modality == Modality::Asserted
            && in_sentence
            && code_matches(&self.codes, e)
            && actor_matches(&self.source, e.source.as_ref())
            && actor_matches(&self.target, e.target.as_ref())
            && date_ok
            && place_ok
    }
}

pub(crate) fn evaluate(coder: &dyn Engine, path: &Path, text: &str) -> Result<Report, String> {
    let x: Expectations =
        serde_json::from_str(text).map_err(|e| format!("not an expectations file: {e}"))?;
    let article = path.with_file_name(&x.document.file);
    let body = std::fs::read_to_string(&article)
        .map_err(|e| format!("cannot read the article {}: {e}", article.display()))?;
    let mut doc = Document::new(x.document.id.clone(), body);
    doc.published = x.document.published.as_deref().and_then(date);
    let events = coder.events(&doc);
    let mut found: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut notes = Vec::new();
    for exp in &x.expected {
        let hit = events.iter().position(|e| exp.matched_by(e));
        let entry = found.entry(exp.level.as_str()).or_default();
        entry.1 += 1;
        match hit {
            Some(i) => {
                entry.0 += 1;
                let e = &events[i];
                notes.push(format!(
                    "  found   {:<8} {:<24} {} {} -> {}",
                    exp.level,
                    exp.id,
                    e.cameo,
                    code(e.source.as_ref()),
                    code(e.target.as_ref())
                ));
            }
            None => notes.push(format!("  MISSED  {:<8} {}", exp.level, exp.id)),
        }
    }
    let mut violations = 0;
    for f in &x.forbidden {
        for e in events
            .iter()
            .filter(|e| code_matches(&f.codes, e) && !f.unless_modality.contains(&e.modality))
        {
            violations += 1;
            notes.push(format!(
                "  FORBIDDEN {} by event {} in sentence {}: {}",
                f.id, e.cameo, e.sentence, e.evidence.text
            ));
        }
    }
    let (core_hit, core_n) = found.get("core").copied().unwrap_or((0, 0));
    let (stretch_hit, stretch_n) = found.get("stretch").copied().unwrap_or((0, 0));
    let headline = if violations > 0 {
        0.0
    } else {
        ratio(core_hit, core_n)
    };
    let mut figures = BTreeMap::new();
    figures.insert(
        format!("core found ({core_hit} of {core_n})"),
        ratio(core_hit, core_n),
    );
    figures.insert(
        format!("stretch found ({stretch_hit} of {stretch_n})"),
        ratio(stretch_hit, stretch_n),
    );
    figures.insert("forbidden events produced".into(), violations as f64);
    figures.insert("events produced".into(), events.len() as f64);
    let mut confusion = Confusion::default();
    for e in &events {
        confusion.add(e.modality.as_str(), e.root.as_str());
    }
    Ok(Report {
        set: path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default(),
        format: "article expectations".into(),
        rows: 1,
        headline,
        headline_name: "core found, none forbidden".into(),
        figures,
        prf: BTreeMap::new(),
        confusion,
        notes,
    })
}

fn code(a: Option<&dyad_types::ActorRef>) -> String {
    a.map(|a| a.code.to_string()).unwrap_or_else(|| "-".into())
}
