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

use chrono::Datelike;
use dyad_actors::Memory;
pub use dyad_dict::{DictError, Dictionaries};
use dyad_events::{CodedEvent, Side};
use dyad_types::{ActorRef, Document, Event, Evidence, Span};
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
}

impl Coder {
    /// A coder with the dictionaries built into dyad.
    pub fn embedded() -> Result<Self, DictError> {
        Ok(Coder::new(Dictionaries::embedded()?))
    }

    /// A coder with these dictionaries.
    pub fn new(dict: Dictionaries) -> Self {
        Coder { dict }
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
            let (date, date_cue) = match dyad_enrich::sentence_date(text, &tokens, doc.published) {
                Some((d, cue)) => (Some(d), Some(cue)),
                None => (doc.published, None),
            };
            let before = out.len();
            for c in coded {
                let e = self.event(doc, i, sentence, c, date, date_cue);
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
        date: Option<chrono::NaiveDate>,
        date_cue: Option<Span>,
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
        Event {
            doc_id: doc.id.clone(),
            sentence,
            date,
            source: c.source.map(side),
            target: c.target.map(side),
            cameo: c.code,
            root: c.code.root(),
            quad_class: info.quad_class,
            goldstein: info.goldstein,
            plover: info.plover,
            modality: c.modality,
            confidence: (c.confidence * 100.0).round() / 100.0,
            place: c.place.map(side),
            evidence: Evidence {
                text: span.of(&doc.text).to_string(),
                sentence_span: span,
                trigger: c.trigger,
                rule,
                modality_cue: c.modality_cue,
                date_cue,
            },
        }
    }
}
