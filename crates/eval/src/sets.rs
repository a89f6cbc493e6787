//! The sentence-level gold sets.

use crate::Engine;
use crate::report::{Confusion, Prf, Report, ratio};
use chrono::NaiveDate;
use dyad_types::{Document, Event, Modality, PloverType};
use serde_json::Value;
use std::collections::BTreeMap;

type Rows = [(usize, Value)];
type Fail = (usize, String);
/// A level of agreement: its name and how it reduces a code.
type Level = (&'static str, fn(&str) -> String);

fn text_of(line: usize, v: &Value) -> Result<&str, Fail> {
    v.get("text")
        .and_then(Value::as_str)
        .ok_or((line, "no `text`".to_string()))
}

fn id_of(v: &Value) -> &str {
    v.get("id").and_then(Value::as_str).unwrap_or("")
}

fn date_of(v: &Value) -> Option<NaiveDate> {
    let s = v.get("date").and_then(Value::as_str)?;
    NaiveDate::parse_from_str(s, "%Y%m%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%Y-%m-%d"))
        .ok()
}

fn doc_of(id: &str, text: &str, date: Option<NaiveDate>) -> Document {
    let mut doc = Document::new(id, text);
    doc.published = date;
    doc
}

fn code_row(coder: &dyn Engine, id: &str, text: &str, date: Option<NaiveDate>) -> Vec<Event> {
    coder.events(&doc_of(id, text, date))
}

/// The most confident asserted event (the earliest on ties).
fn top_asserted(events: &[Event]) -> Option<&Event> {
    events
        .iter()
        .filter(|e| e.modality == Modality::Asserted)
        .fold(None, |best: Option<&Event>, e| match best {
            Some(b) if b.confidence >= e.confidence => Some(b),
            _ => Some(e),
        })
}

fn root_of(code: &str) -> String {
    code.get(..2).unwrap_or(code).to_string()
}

fn quad_of(code: &str) -> String {
    match root_of(code).parse::<u8>() {
        Ok(r) => dyad_types::QuadClass::of_root(r).number().to_string(),
        Err(_) => "?".into(),
    }
}

fn report(set: &str, format: &str, rows: usize, headline_name: &str, headline: f64) -> Report {
    Report {
        set: set.to_string(),
        format: format.to_string(),
        rows,
        headline,
        headline_name: headline_name.to_string(),
        figures: BTreeMap::new(),
        prf: BTreeMap::new(),
        confusion: Confusion::default(),
        notes: Vec::new(),
    }
}

/// Sentences with expected events: `expected: [{source, target, code}]`.
pub(crate) fn events(coder: &dyn Engine, set: &str, rows: &Rows) -> Result<Report, Fail> {
    let levels: [Level; 3] = [
        ("exact", |c| c.to_string()),
        ("root", root_of),
        ("quad", quad_of),
    ];
    let mut prf: BTreeMap<String, Prf> = BTreeMap::new();
    let mut confusion = Confusion::default();
    let (mut actor_pairs, mut country_ok, mut role_ok) = (0, 0, 0);
    let mut exact = 0;
    let mut by_category: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut failures: Vec<String> = Vec::new();
    for (line, v) in rows {
        let text = text_of(*line, v)?;
        let id = id_of(v);
        let gold: Vec<(String, String, String)> = v
            .get("expected")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .map(|e| {
                        let s =
                            |k: &str| e.get(k).and_then(Value::as_str).unwrap_or("").to_string();
                        (s("source"), s("target"), s("code"))
                    })
                    .collect()
            })
            .unwrap_or_default();
        // An expected event without a code stands for "nothing" (the suite's error records).
        let gold: Vec<(String, String, String)> =
            gold.into_iter().filter(|g| !g.2.is_empty()).collect();
        let produced = coder.triples(&doc_of(id, text, date_of(v)));
        let mut want = gold.clone();
        let mut got = produced.clone();
        want.sort();
        got.sort();
        let category = v
            .get("category")
            .and_then(Value::as_str)
            .unwrap_or("-")
            .to_string();
        let tally = by_category.entry(category.clone()).or_insert((0, 0));
        tally.1 += 1;
        if want == got {
            exact += 1;
            tally.0 += 1;
        } else {
            let show = |l: &[(String, String, String)]| {
                if l.is_empty() {
                    "nothing".to_string()
                } else {
                    l.iter()
                        .map(|(s, t, c)| format!("{s}>{t}:{c}"))
                        .collect::<Vec<_>>()
                        .join(" ")
                }
            };
            failures.push(format!(
                "  {category:<9} {id:<18} expected {}; coded {}",
                show(&want),
                show(&got)
            ));
        }
        for (level, f) in levels {
            let mut used = vec![false; produced.len()];
            let mut tp = 0;
            for g in &gold {
                let hit = produced
                    .iter()
                    .enumerate()
                    .position(|(i, p)| !used[i] && p.0 == g.0 && p.1 == g.1 && f(&p.2) == f(&g.2));
                if let Some(i) = hit {
                    used[i] = true;
                    tp += 1;
                }
            }
            prf.entry(level.to_string()).or_default().add(Prf {
                true_positives: tp,
                produced: produced.len(),
                expected: gold.len(),
            });
        }
        for g in &gold {
            // Actor accuracy over gold events whose root the coder found.
            let same_root = produced.iter().find(|p| root_of(&p.2) == root_of(&g.2));
            confusion.add(
                &root_of(&g.2),
                &same_root
                    .or(produced.first())
                    .map(|p| root_of(&p.2))
                    .unwrap_or_else(|| "-".into()),
            );
            if let Some(p) = same_root {
                actor_pairs += 1;
                let c3 = |x: &str| x.get(..3).unwrap_or(x).to_string();
                let c6 = |x: &str| x.get(..6).unwrap_or(x).to_string();
                country_ok += (c3(&p.0) == c3(&g.0) && c3(&p.1) == c3(&g.1)) as usize;
                role_ok += (c6(&p.0) == c6(&g.0) && c6(&p.1) == c6(&g.1)) as usize;
            }
        }
    }
    let mut r = report(
        set,
        "expected events",
        rows.len(),
        "records exactly right",
        ratio(exact, rows.len()),
    );
    r.figures
        .insert("F1 (exact code)".into(), prf["exact"].f1());
    let mut line = String::from("records exactly right by category:");
    for (c, (ok, n)) in &by_category {
        line.push_str(&format!(" {c} {ok}/{n}"));
    }
    r.notes.push(line);
    if !failures.is_empty() {
        r.notes
            .push(format!("records not exactly right ({}):", failures.len()));
        failures.sort();
        r.notes.extend(failures);
    }
    r.figures.insert(
        "actor accuracy: country".into(),
        ratio(country_ok, actor_pairs),
    );
    r.figures.insert(
        "actor accuracy: country+role".into(),
        ratio(role_ok, actor_pairs),
    );
    r.prf = prf;
    r.confusion = confusion;
    Ok(r)
}

fn plover_codes(v: &Value, key: &str) -> Vec<String> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| x.get("code").and_then(Value::as_str))
                .map(|c| c.get(..3).unwrap_or(c).to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// PLOVER gold records: type and both actors' countries.
pub(crate) fn plover(coder: &dyn Engine, set: &str, rows: &Rows) -> Result<Report, Fail> {
    let (mut right, mut type_right, mut source_right) = (0, 0, 0);
    let mut confusion = Confusion::default();
    for (line, v) in rows {
        let text = text_of(*line, v)?;
        let id = id_of(v);
        let gold_type: Option<PloverType> = v
            .get("event")
            .and_then(Value::as_str)
            .and_then(|s| s.parse().ok());
        let Some(gold_type) = gold_type else {
            return Err((*line, "`event` is not a PLOVER type".into()));
        };
        let sources = plover_codes(v, "source");
        let targets = plover_codes(v, "target");
        let events = code_row(coder, id, text, date_of(v));
        let events: Vec<&Event> = events
            .iter()
            .filter(|e| e.modality != Modality::Negated)
            .collect();
        let country = |a: &Option<dyad_types::ActorRef>| a.as_ref().map(|a| a.country.clone());
        // With no target in the record, the sources act together ("Hungarian and Romanian officials agreed"):
        // the event's target may be another of them, or none. With no source (a bombing by no one
        // named), the event names none either.
        let actors_ok = |e: &Event| {
            let s = country(&e.source);
            let t = country(&e.target);
            let s_ok = if sources.is_empty() {
                s.is_none()
            } else {
                s.as_ref().is_some_and(|s| sources.contains(s))
            };
            let t_ok = if targets.is_empty() {
                t.as_ref().is_none_or(|t| sources.contains(t))
            } else {
                t.as_ref().is_some_and(|t| targets.contains(t))
            };
            s_ok && t_ok
        };
        let typed: Vec<&&Event> = events
            .iter()
            .filter(|e| e.plover == Some(gold_type))
            .collect();
        if !typed.is_empty() {
            type_right += 1;
        }
        if events
            .iter()
            .any(|e| country(&e.source).is_some_and(|s| sources.contains(&s)))
        {
            source_right += 1;
        }
        if typed.iter().any(|e| actors_ok(e)) {
            right += 1;
        }
        let predicted = top_asserted(&events.iter().map(|e| (*e).clone()).collect::<Vec<_>>())
            .and_then(|e| e.plover)
            .map(|p| p.as_str().to_string())
            .unwrap_or_else(|| "-".into());
        confusion.add(gold_type.as_str(), &predicted);
    }
    let n = rows.len();
    let mut r = report(
        set,
        "PLOVER records",
        n,
        "type and both countries right",
        ratio(right, n),
    );
    r.figures
        .insert("type right (any event)".into(), ratio(type_right, n));
    r.figures.insert(
        "source country right (any event)".into(),
        ratio(source_right, n),
    );
    r.confusion = confusion;
    Ok(r)
}

/// CAMEO manual examples: the most confident asserted event's code.
pub(crate) fn cameo_examples(coder: &dyn Engine, set: &str, rows: &Rows) -> Result<Report, Fail> {
    let (mut exact, mut root, mut quad) = (0, 0, 0);
    let mut confusion = Confusion::default();
    for (line, v) in rows {
        let text = text_of(*line, v)?;
        let id = id_of(v);
        let gold = v
            .get("code")
            .and_then(Value::as_str)
            .ok_or((*line, "no `code`".to_string()))?;
        let events = code_row(coder, id, text, None);
        let predicted = top_asserted(&events).map(|e| e.cameo.to_string());
        let p = predicted.as_deref().unwrap_or("-");
        exact += (p == gold) as usize;
        root += (root_of(p) == root_of(gold)) as usize;
        quad += (predicted.is_some() && quad_of(p) == quad_of(gold)) as usize;
        confusion.add(&root_of(gold), &root_of(p));
    }
    let n = rows.len();
    let mut r = report(set, "CAMEO examples", n, "accuracy (root)", ratio(root, n));
    r.figures
        .insert("accuracy (exact code)".into(), ratio(exact, n));
    r.figures
        .insert("accuracy (QuadClass)".into(), ratio(quad, n));
    r.confusion = confusion;
    Ok(r)
}

/// ConfliBERT's five classes of CAMEO roots.
fn pentaclass_of(root: u8) -> u8 {
    match root {
        1 | 2 => 0,
        3..=5 => 1,
        6..=8 => 2,
        9..=13 | 16 => 3,
        _ => 4,
    }
}

/// ConfliBERT PentaClass: the most confident asserted event's class; no event is wrong.
pub(crate) fn pentaclass(coder: &dyn Engine, set: &str, rows: &Rows) -> Result<Report, Fail> {
    let mut right = 0;
    let mut with_event = 0;
    let mut confusion = Confusion::default();
    for (line, v) in rows {
        let text = text_of(*line, v)?;
        let id = id_of(v);
        let gold = v
            .get("pentaclass")
            .and_then(Value::as_u64)
            .ok_or((*line, "no `pentaclass`".to_string()))?;
        let events = code_row(coder, id, text, None);
        let predicted = top_asserted(&events).map(|e| pentaclass_of(e.root.root_number()) as u64);
        with_event += predicted.is_some() as usize;
        right += (predicted == Some(gold)) as usize;
        confusion.add(
            &gold.to_string(),
            &predicted
                .map(|p| p.to_string())
                .unwrap_or_else(|| "-".into()),
        );
    }
    let n = rows.len();
    let mut r = report(set, "PentaClass sentences", n, "accuracy", ratio(right, n));
    r.figures.insert(
        "sentences with an asserted event".into(),
        ratio(with_event, n),
    );
    r.figures.insert(
        "accuracy where an event was found".into(),
        ratio(right, with_event),
    );
    r.confusion = confusion;
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Codes "A>B:042" when the text says "visit", and a stray "A>C:010" when it says "said".
    struct Stub;

    impl Engine for Stub {
        fn events(&self, _: &Document) -> Vec<Event> {
            Vec::new()
        }

        fn triples(&self, doc: &Document) -> Vec<(String, String, String)> {
            let t = |s: &str, t: &str, c: &str| (s.to_string(), t.to_string(), c.to_string());
            let mut out = Vec::new();
            if doc.text.contains("visit") {
                out.push(t("A", "B", "042"));
            }
            if doc.text.contains("said") {
                out.push(t("A", "C", "010"));
            }
            out
        }
    }

    #[test]
    fn records_are_right_only_with_every_event_and_nothing_else() {
        let rows: Vec<(usize, Value)> = [
            r#"{"id":"1","category":"X","text":"visit","expected":[{"source":"A","target":"B","code":"042"}]}"#,
            r#"{"id":"2","category":"X","text":"visit, said","expected":[{"source":"A","target":"B","code":"042"}]}"#,
            r#"{"id":"3","category":"Y","text":"nothing","expected":[],"noevents":true}"#,
            r#"{"id":"4","category":"Y","text":"nothing","expected":[{"source":"","target":"","code":""}]}"#,
            r#"{"id":"5","category":"Y","text":"said","expected":[]}"#,
        ]
        .iter()
        .enumerate()
        .map(|(i, l)| (i + 1, serde_json::from_str(l).unwrap()))
        .collect();
        let r = events(&Stub, "t.jsonl", &rows).unwrap();
        assert_eq!(r.headline, 3.0 / 5.0);
        assert_eq!(r.notes[0], "records exactly right by category: X 1/2 Y 2/3");
        assert!(
            r.notes
                .iter()
                .any(|n| n.contains("2                  expected A>B:042; coded A>B:042 A>C:010")),
            "{:?}",
            r.notes
        );
    }

    #[test]
    fn plover_records_without_a_source_want_an_event_without_one() {
        let coder = dyad_coder::Coder::embedded().unwrap();
        let text = "Three Iraqi civilians were killed in a car bombing in Baghdad.";
        let row = |source: &str| -> (usize, Value) {
            let l = format!(
                r#"{{"id":"1","date":"2004-01-01","text":"{text}","event":"ASSAULT","source":[{source}],"target":[{{"code":"IRQ"}}]}}"#
            );
            (1, serde_json::from_str(&l).unwrap())
        };
        // No one is named as the bomber: an event with no source is right, and is wrong against a
        // record that names one.
        let r = plover(&coder, "p.jsonl", &[row("")]).unwrap();
        assert_eq!(r.headline, 1.0);
        let r = plover(&coder, "p.jsonl", &[row(r#"{"code":"SYR"}"#)]).unwrap();
        assert_eq!(r.headline, 0.0);
    }

    #[test]
    fn pentaclass_follows_confliberts_grouping() {
        let classes: Vec<u8> = (1..=20).map(pentaclass_of).collect();
        assert_eq!(
            classes,
            [0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 3, 4, 4, 4, 4]
        );
    }
}
