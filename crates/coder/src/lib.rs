//! The coding pipeline for one document: sentences and tokens, actors, events, dates.
//!
//! Design: a [`Coder`] owns the compiled dictionaries and nothing else; [`Coder::code`] takes a
//! document and returns its events, and cannot fail. It runs the dictionary automaton over the
//! whole text once, then walks the sentences in order with one [`dyad_actors::Memory`] so that
//! later sentences can refer back ("Lee", "the two sides"). A `Coder` is `Sync`: share one across
//! threads to code documents in parallel.
//!
//! ```
//! use dyad_types::Document;
//! let coder = dyad_coder::Coder::embedded().unwrap();
//! let doc = Document::new("d1", "South Korea's foreign minister visited Japan on Monday.")
//!     .published(chrono::NaiveDate::from_ymd_opt(2026, 1, 7).unwrap());
//! let events = coder.code(&doc);
//! assert_eq!(events[0].cameo.as_str(), "042");
//! assert_eq!(events[0].source.as_ref().unwrap().code.as_str(), "KORGOV");
//! assert_eq!(events[0].date.unwrap().to_string(), "2026-01-05");
//! ```

mod engine;

use chrono::{Datelike, NaiveDate};
use dyad_actors::{Memory, MentionKind};
pub use dyad_dict::{DictError, Dictionaries};
use dyad_enrich::{Gazetteer, PlaceFinder, PlaceHit, TimeExpr};
use dyad_events::{CodedEvent, Side};
use dyad_types::{ActorRef, DatePrecision, Document, Event, Evidence, Modality, Place, Span};
pub use engine::{Engine, LoadError};
use serde::{Deserialize, Serialize};

/// How events were made: stored beside them so every row can say so.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CoderConfig {
    /// dyad's version.
    pub dyad_version: String,
    /// Hash of the dictionaries' files.
    pub dictionary_version: String,
    /// Sizes, for the record.
    pub actor_entries: usize,
    /// Number of verb patterns.
    pub verb_patterns: usize,
    /// Number of office-holders.
    pub people: usize,
}

/// The event coder.
#[derive(Debug)]
pub struct Coder {
    dict: Dictionaries,
    enrich: bool,
}

impl Coder {
    /// A coder with the dictionaries built into dyad.
    pub fn embedded() -> Result<Self, DictError> {
        Ok(Coder::new(Dictionaries::embedded()?))
    }

    /// A coder with these dictionaries.
    pub fn new(dict: Dictionaries) -> Self {
        Coder { dict, enrich: true }
    }

    /// Turns enrichment (the date and place each event's own words give) on or off; it is on by
    /// default. Off, every event takes the publication date and no place: what the benchmark
    /// compares against.
    pub fn with_enrichment(mut self, on: bool) -> Self {
        self.enrich = on;
        self
    }

    /// The dictionaries.
    pub fn dictionaries(&self) -> &Dictionaries {
        &self.dict
    }

    /// What this coder is made of.
    pub fn config(&self) -> CoderConfig {
        CoderConfig {
            dyad_version: env!("CARGO_PKG_VERSION").to_string(),
            dictionary_version: self.dict.version.clone(),
            actor_entries: self.dict.actors.len(),
            verb_patterns: self.dict.verbs.len(),
            people: self.dict.people.len(),
        }
    }

    /// Code a document: every event of every sentence, in order.
    pub fn code(&self, doc: &Document) -> Vec<Event> {
        let text = doc.text.as_str();
        let matches = self.dict.actors.find(text);
        let mut memory = Memory::default();
        let mut out = Vec::new();
        let year = doc.published.map(|d| d.year());
        let mut places = self
            .enrich
            .then(|| PlaceFinder::new(Gazetteer::embedded(), text, &[]));
        for (i, sentence) in dyad_text::sentences(text).into_iter().enumerate() {
            let tokens = dyad_text::tokens(text, sentence);
            let lo = matches.partition_point(|m| m.span.start < sentence.start);
            let hi = matches.partition_point(|m| m.span.start < sentence.end);
            let mentions = dyad_actors::recognize(
                &self.dict,
                text,
                &tokens,
                &matches[lo..hi],
                doc.published,
                &mut memory,
            );
            if mentions.is_empty() {
                continue;
            }
            let coded = dyad_events::code_sentence(&self.dict, text, &tokens, &mentions, year);
            if coded.is_empty() {
                continue;
            }
            let (times, hits) = match places.as_mut() {
                Some(finder) => {
                    let mut hints = Vec::new();
                    let mut actors = Vec::new();
                    let mut countries: Vec<&str> = Vec::new();
                    for m in &mentions {
                        if m.kind == MentionKind::Place {
                            if let Some(a) = m.actors.first() {
                                hints.push((m.span, a.code.country()));
                            }
                        } else {
                            actors.push(m.span);
                        }
                        countries.extend(m.actors.iter().map(|a| a.code.country()));
                    }
                    let hits = finder.phrases(text, &tokens, &hints, &actors, &countries);
                    let times = dyad_enrich::time_expressions(text, &tokens, doc.published);
                    (times, hits)
                }
                None => (Vec::new(), Vec::new()),
            };
            let dateline = places.as_ref().and_then(|f| f.dateline());
            let before = out.len();
            let triggers: Vec<Span> = coded.iter().map(|c| c.trigger).collect();
            // Each time expression dates the act it is attached to, not every act near it.
            let mut acts = triggers.clone();
            acts.sort_by_key(|s| (s.start, s.end));
            acts.dedup();
            let dated = dyad_enrich::assign(text, &tokens, &times, &acts);
            for c in coded {
                // The next event's trigger bounds the phrases this one can take.
                let limit = triggers
                    .iter()
                    .filter(|t| t.start >= c.trigger.end)
                    .map(|t| t.start)
                    .min()
                    .unwrap_or(sentence.end);
                let when = acts
                    .binary_search_by_key(&(c.trigger.start, c.trigger.end), |s| (s.start, s.end))
                    .ok()
                    .and_then(|k| dated[k])
                    .map(|k| &times[k]);
                let place = dyad_enrich::locate::attach(&hits, c.trigger, limit)
                    .copied()
                    .or(dateline);
                let e = self.event(doc, i, sentence, c, when, place);
                let duplicate = out[before..].iter().any(|o: &Event| {
                    o.cameo == e.cameo
                        && o.source == e.source
                        && o.target == e.target
                        && o.modality == e.modality
                });
                if !duplicate {
                    out.push(e);
                }
            }
        }
        out
    }

    fn event(
        &self,
        doc: &Document,
        sentence: usize,
        span: Span,
        c: CodedEvent,
        when: Option<&TimeExpr>,
        place: Option<PlaceHit>,
    ) -> Event {
        let pattern = self.dict.verbs.pattern(c.pattern);
        // Verb codes are checked against the codebook when dictionaries compile, and announcement
        // codes by a test; a code missing all the same takes its parent's values.
        let mut known = c.code;
        while self.dict.codebook.get(known).is_none() && known.specificity() > 2 {
            known = known.parent();
        }
        let info = self
            .dict
            .codebook
            .get(known)
            .cloned()
            .unwrap_or(dyad_dict::CodeInfo {
                name: String::new(),
                goldstein: dyad_types::Goldstein(0.0),
                quad_class: dyad_types::QuadClass::of_root(c.code.root_number()),
                plover: None,
            });
        let rule = match c.announced_as {
            Some(m) => format!(
                "{} ({} act announced: coded {})",
                pattern.rule,
                m.as_str(),
                c.code
            ),
            None => pattern.rule.clone(),
        };
        let side = |s: Side| ActorRef::new(s.actor.code, s.actor.name, s.span, s.actor.rule);
        let (date, date_precision, date_span) = event_date(doc.published, when, c.modality);
        // Words that place the event in history make it a memory, whatever the verb's tense.
        let (modality, modality_cue) = match when {
            Some(t) if t.historical && c.modality == Modality::Asserted => {
                (Modality::Historical, Some(t.span))
            }
            _ => (c.modality, c.modality_cue),
        };
        Event {
            doc_id: doc.id.clone(),
            sentence,
            date,
            date_precision,
            date_span,
            source: c.source.map(side),
            target: c.target.map(side),
            cameo: c.code,
            root: c.code.root(),
            quad_class: info.quad_class,
            goldstein: info.goldstein,
            plover: info.plover,
            modality,
            confidence: (c.confidence * 100.0).round() / 100.0,
            place: place.map(|h| Place {
                name: h.place.name.clone(),
                country: h.place.country.clone(),
                kind: h.place.kind.as_str().to_string(),
                lat: h.place.point.map(|p| p.lat),
                lon: h.place.point.map(|p| p.lon),
                span: h.span,
                geonames_id: (h.place.geonames_id > 0).then_some(h.place.geonames_id),
                rule: h.rule.to_string(),
            }),
            evidence: Evidence {
                text: span.of(&doc.text).to_string(),
                sentence_span: span,
                trigger: c.trigger,
                rule,
                modality_cue,
            },
        }
    }
}

/// An event's date, its precision and its words: from the time expression attached to its
/// trigger (`dyad_enrich::assign`), else the publication date. An announced event takes the next such day or month ("will meet
/// on Monday") when the words give no year.
fn event_date(
    published: Option<NaiveDate>,
    when: Option<&TimeExpr>,
    modality: Modality,
) -> (Option<NaiveDate>, Option<DatePrecision>, Option<Span>) {
    match when {
        Some(t) => {
            let date = match t.future {
                Some(next) if modality == Modality::Future => next,
                _ => t.date,
            };
            (Some(date), Some(t.precision), Some(t.span))
        }
        None => (published, published.map(|_| DatePrecision::Day), None),
    }
}
