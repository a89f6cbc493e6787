//! Coding cases as data: every `testdata/coding/*.toml` file at the top of the repository holds
//! sentences with the events they must give (and must not give). A bug fixed gets a case named
//! after what broke.

use dyad_coder::Coder;
use dyad_types::{Document, Event};
use serde::Deserialize;
use std::path::PathBuf;

#[derive(Deserialize)]
struct File {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    published: Option<String>,
    #[serde(default)]
    events: Vec<Want>,
    #[serde(default)]
    absent: Vec<Want>,
}

/// An event pattern: `code` matches the code and its sub-codes ("04" matches "042"); `source` and
/// `target` match actor codes that start with them ("" means: no actor); `modality` defaults to
/// asserted for `events` and to any for `absent`.
#[derive(Deserialize, Debug)]
struct Want {
    code: String,
    source: Option<String>,
    target: Option<String>,
    modality: Option<String>,
    date: Option<String>,
}

impl Want {
    fn matches(&self, e: &Event, default_modality: Option<&str>) -> bool {
        let actor = |want: &Option<String>, got: &Option<dyad_types::ActorRef>| match (
            want.as_deref(),
            got,
        ) {
            (None, _) => true,
            (Some(""), None) => true,
            (Some(w), Some(a)) => !w.is_empty() && a.code.as_str().starts_with(w),
            (Some(_), None) => false,
        };
        let modality = self.modality.as_deref().or(default_modality);
        e.cameo.as_str().starts_with(&self.code)
            && actor(&self.source, &e.source)
            && actor(&self.target, &e.target)
            && modality.is_none_or(|m| e.modality.as_str() == m)
            && self
                .date
                .as_deref()
                .is_none_or(|d| e.date.map(|x| x.to_string()).as_deref() == Some(d))
    }
}

fn describe(events: &[Event]) -> String {
    events
        .iter()
        .map(|e| {
            let a = |x: &Option<dyad_types::ActorRef>| {
                x.as_ref()
                    .map(|a| a.code.to_string())
                    .unwrap_or_else(|| "-".into())
            };
            format!(
                "{} {} -> {} {} ({})",
                e.cameo,
                a(&e.source),
                a(&e.target),
                e.modality.as_str(),
                e.evidence.rule
            )
        })
        .collect::<Vec<_>>()
        .join("\n    ")
}

#[test]
fn coding_cases() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/coding");
    let coder = Coder::embedded().expect("built-in dictionaries");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("testdata/coding")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    let mut failures = Vec::new();
    let mut count = 0;
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
    {
        let text = std::fs::read_to_string(path).unwrap();
        let file: File =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for case in file.case {
            count += 1;
            let mut doc = Document::new(case.name.clone(), case.text.clone());
            doc.published = case
                .published
                .as_deref()
                .map(|d| d.parse().expect("published is YYYY-MM-DD"));
            let events = coder.code(&doc);
            for w in &case.events {
                if !events.iter().any(|e| w.matches(e, Some("asserted"))) {
                    failures.push(format!(
                        "{}: `{}`\n  missing {w:?}\n  got {}",
                        path.file_name().unwrap().to_string_lossy(),
                        case.name,
                        describe(&events)
                    ));
                }
            }
            for w in &case.absent {
                if events.iter().any(|e| w.matches(e, None)) {
                    failures.push(format!(
                        "{}: `{}`\n  must not give {w:?}\n  got {}",
                        path.file_name().unwrap().to_string_lossy(),
                        case.name,
                        describe(&events)
                    ));
                }
            }
        }
    }
    assert!(count > 0, "no cases found in {}", dir.display());
    assert!(
        failures.is_empty(),
        "{} of {count} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
