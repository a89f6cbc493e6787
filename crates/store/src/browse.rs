//! Browsing the store: one document with every span its events were coded from, the busiest
//! countries and dyads, and actor codes as the filters take them.
//!
//! These are the reads the HTTP API and the dashboard need beyond [`Store::for_each_event`] and
//! [`Store::timeline`]. Spans are byte offsets into the stored text, as everywhere in dyad; every
//! value is bound as a parameter, never spliced into SQL.

use crate::read::ActorFilter;
use crate::timeline::{ActorCount, Side, bound};
use crate::{Store, StoreError};
use chrono::NaiveDate;
use dyad_types::Span;
use rusqlite::{OptionalExtension, Row, params};
use serde::Serialize;

impl ActorFilter {
    /// An actor code as the filters take it (`chn` → `CHN`, `chngov` → `CHNGOV`), or why it is
    /// not one: letters in groups of three.
    pub fn parse(code: &str) -> Result<ActorFilter, String> {
        if code.len() < 3
            || !code.len().is_multiple_of(3)
            || !code.chars().all(|c| c.is_ascii_alphabetic())
        {
            return Err(format!(
                "`{code}`: an actor code is letters in groups of three (CHN, CHNGOV)"
            ));
        }
        Ok(ActorFilter(code.to_ascii_uppercase()))
    }
}

/// A stored document with its text and every coded sentence's spans.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocumentView {
    /// The document's id.
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// Where it was published.
    pub url: Option<String>,
    /// The outlet.
    pub source: Option<String>,
    /// Publication date.
    pub published: Option<NaiveDate>,
    /// GDELT tone of the text, when computed.
    pub tone: Option<f64>,
    /// The text; every span points into it.
    pub text: String,
    /// Every mention coded from it, in text order.
    pub mentions: Vec<CodedSpans>,
}

/// One side of a coded sentence: who, and where the text names them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SpanActor {
    /// Actor code (`CHNGOV`); for a place, its country code when known.
    pub code: Option<String>,
    /// The name as resolved.
    pub name: String,
    /// Byte span in the document.
    pub span: Span,
}

/// The spans of one mention (a coded sentence) of a document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CodedSpans {
    /// The mention's row id.
    pub mention: i64,
    /// The event it folds into.
    pub event: i64,
    /// Sentence number in the document, from 0.
    pub sentence: usize,
    /// Event date.
    pub date: Option<NaiveDate>,
    /// CAMEO code.
    pub cameo: String,
    /// GDELT QuadClass (1–4).
    pub quad_class: u8,
    /// Goldstein value.
    pub goldstein: f64,
    /// Asserted, negated, future, hypothetical or historical.
    pub modality: String,
    /// The coder's confidence.
    pub confidence: f64,
    /// Who acts.
    pub source: Option<SpanActor>,
    /// Who is acted upon.
    pub target: Option<SpanActor>,
    /// Where, when the sentence says.
    pub place: Option<SpanActor>,
    /// The words that matched the verb pattern.
    pub trigger: Span,
    /// The sentence.
    pub sentence_span: Span,
    /// The verb pattern that fired, with its file and line.
    pub rule: String,
    /// Words that set the modality.
    pub modality_cue: Option<Span>,
    /// Words that set the date.
    pub date_cue: Option<Span>,
}

/// Two countries (or groups) and how often they meet.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DyadCount {
    /// One side (with `directed`, the source).
    pub a: String,
    /// The other side (with `directed`, the target).
    pub b: String,
    /// Events between them.
    pub events: u64,
    /// Mentions of those events.
    pub mentions: u64,
}

impl Store {
    /// The document stored under `doc_id`, with the spans of all its mentions; `None` if there is
    /// no such document.
    pub fn document(&self, doc_id: &str) -> Result<Option<DocumentView>, StoreError> {
        let e = |x| self.error("reading a document", x);
        let found = self
            .conn
            .query_row(
                "SELECT id, doc_id, title, url, source, published, tone, text
                 FROM documents WHERE doc_id = ?1",
                [doc_id],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        DocumentView {
                            id: r.get(1)?,
                            title: r.get(2)?,
                            url: r.get(3)?,
                            source: r.get(4)?,
                            published: r.get::<_, Option<String>>(5)?.and_then(|d| d.parse().ok()),
                            tone: r.get(6)?,
                            text: r.get(7)?,
                            mentions: Vec::new(),
                        },
                    ))
                },
            )
            .optional()
            .map_err(e)?;
        let Some((row, mut doc)) = found else {
            return Ok(None);
        };
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT m.id, m.event, m.sentence, m.date, m.cameo, e.quad_class, e.goldstein,
                    m.modality, m.confidence,
                    m.source_code, m.source_name, m.source_start, m.source_end,
                    m.target_code, m.target_name, m.target_start, m.target_end,
                    m.place_code, m.place_name, m.place_start, m.place_end,
                    m.trigger_start, m.trigger_end, m.sentence_start, m.sentence_end, m.rule,
                    m.modality_cue_start, m.modality_cue_end, m.date_cue_start, m.date_cue_end
                 FROM mentions m JOIN events e ON e.id = m.event
                 WHERE m.document = ?1 ORDER BY m.sentence_start, m.trigger_start, m.id",
            )
            .map_err(e)?;
        doc.mentions = st
            .query_map([row], |r| {
                Ok(CodedSpans {
                    mention: r.get(0)?,
                    event: r.get(1)?,
                    sentence: r.get::<_, i64>(2)? as usize,
                    date: r.get::<_, Option<String>>(3)?.and_then(|d| d.parse().ok()),
                    cameo: r.get(4)?,
                    quad_class: r.get(5)?,
                    goldstein: r.get(6)?,
                    modality: r.get(7)?,
                    confidence: (r.get::<_, f64>(8)? * 1000.0).round() / 1000.0,
                    source: span_actor(r, 9)?,
                    target: span_actor(r, 13)?,
                    place: span_actor(r, 17)?,
                    trigger: span(r, 21)?.unwrap_or_default(),
                    sentence_span: span(r, 23)?.unwrap_or_default(),
                    rule: r.get(25)?,
                    modality_cue: span(r, 26)?,
                    date_cue: span(r, 28)?,
                })
            })
            .map_err(e)?
            .collect::<Result<_, _>>()
            .map_err(e)?;
        Ok(Some(doc))
    }

    /// The countries and groups (`CHN`, `IGO`) in most events, as source or target, in a date range.
    pub fn top_countries(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        top: usize,
    ) -> Result<Vec<ActorCount>, StoreError> {
        self.side_counts(Side::Country, from, to, top)
    }

    /// The pairs of different countries or groups with most dated events between them, both
    /// directions together (`a` < `b`) unless `directed`.
    pub fn top_dyads(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        directed: bool,
        top: usize,
    ) -> Result<Vec<DyadCount>, StoreError> {
        let e = |x| self.error("counting dyads", x);
        let pair = if directed {
            "source_country AS a, target_country AS b"
        } else {
            "min(source_country, target_country) AS a, max(source_country, target_country) AS b"
        };
        let mut st = self
            .conn
            .prepare_cached(&format!(
                "SELECT {pair}, count(*), sum(num_mentions) FROM events
                 WHERE source_country != '' AND target_country != ''
                   AND source_country != target_country
                   AND date >= ?1 AND date <= ?2 AND date != ''
                 GROUP BY 1, 2 ORDER BY count(*) DESC, 1, 2 LIMIT ?3"
            ))
            .map_err(e)?;
        let rows = st
            .query_map(
                params![bound(from, "0000"), bound(to, "9999"), top as i64],
                |r| {
                    Ok(DyadCount {
                        a: r.get(0)?,
                        b: r.get(1)?,
                        events: r.get::<_, i64>(2)? as u64,
                        mentions: r.get::<_, i64>(3)? as u64,
                    })
                },
            )
            .map_err(e)?;
        rows.collect::<Result<_, _>>().map_err(e)
    }
}

/// A date bound as the `date` column compares it, or a string beyond every date.
/// An actor from four columns starting at `i`: code, name, start, end; `None` without a span.
fn span_actor(r: &Row, i: usize) -> rusqlite::Result<Option<SpanActor>> {
    let Some(span) = span(r, i + 2)? else {
        return Ok(None);
    };
    Ok(Some(SpanActor {
        code: r.get::<_, Option<String>>(i)?.filter(|c| !c.is_empty()),
        name: r.get::<_, Option<String>>(i + 1)?.unwrap_or_default(),
        span,
    }))
}

fn span(r: &Row, i: usize) -> rusqlite::Result<Option<Span>> {
    let start: Option<i64> = r.get(i)?;
    let end: Option<i64> = r.get(i + 1)?;
    Ok(start
        .zip(end)
        .filter(|(s, e)| 0 <= *s && s <= e)
        .map(|(s, e)| Span::new(s as usize, e as usize)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NewDocument;
    use dyad_types::{Document, Event};

    /// "Xi Jinping met Lee Jae Myung." coded by hand (CHNGOV 040 KORGOV), as the event record's
    /// JSON, so that fields added to the record later keep their defaults here.
    fn event(doc: &str, date: &str) -> Event {
        serde_json::from_value(serde_json::json!({
            "doc_id": doc, "sentence": 0, "date": date,
            "source": {"code": "CHNGOV", "country": "CHN", "role": "GOV", "name": "Xi Jinping",
                       "span": [0, 10]},
            "target": {"code": "KORGOV", "country": "KOR", "role": "GOV", "name": "Lee Jae Myung",
                       "span": [15, 28]},
            "cameo": "040", "root": "04", "quad_class": 1, "goldstein": 1.0, "plover": null,
            "modality": "asserted", "confidence": 0.9,
            "evidence": {"text": "Xi Jinping met Lee Jae Myung.", "sentence_span": [0, 29],
                         "trigger": [11, 14], "rule": "verbs/04.tsv:1 040 meet"}
        }))
        .unwrap()
    }

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("b.sqlite")).unwrap();
        let coder = store.coder_id("v", "0", "{}").unwrap();
        let docs = [
            ("a", "2026-01-05"),
            ("b", "2026-01-05"),
            ("c", "2026-02-01"),
        ]
        .map(|(id, date)| {
            // Distinct texts, so that each is a document of its own.
            let doc = Document::new(id, format!("Xi Jinping met Lee Jae Myung. ({id})"));
            NewDocument::new(doc, vec![event(id, date)])
        });
        store.add(&docs, coder).unwrap();
        (dir, store)
    }

    #[test]
    fn a_document_comes_back_with_the_spans_of_its_mentions() {
        let (_dir, store) = store();
        let doc = store.document("b").unwrap().unwrap();
        assert!(doc.text.starts_with("Xi Jinping met"));
        assert_eq!(doc.mentions.len(), 1);
        let m = &doc.mentions[0];
        assert_eq!(m.source.as_ref().unwrap().span.of(&doc.text), "Xi Jinping");
        assert_eq!(
            m.target.as_ref().unwrap().span.of(&doc.text),
            "Lee Jae Myung"
        );
        assert_eq!(m.trigger.of(&doc.text), "met");
        assert_eq!((m.cameo.as_str(), m.quad_class), ("040", 1));
        assert_eq!(store.document("nope").unwrap(), None);
    }

    #[test]
    fn dyads_and_countries_are_counted_by_dated_event() {
        let (_dir, store) = store();
        // Two documents report the same event on 2026-01-05; the third another on 2026-02-01.
        let dyads = store.top_dyads(None, None, false, 10).unwrap();
        assert_eq!(dyads.len(), 1);
        assert_eq!((dyads[0].a.as_str(), dyads[0].b.as_str()), ("CHN", "KOR"));
        assert_eq!((dyads[0].events, dyads[0].mentions), (2, 3));
        let later = "2026-01-10".parse().ok();
        assert_eq!(store.top_dyads(later, None, true, 10).unwrap()[0].events, 1);
        let countries = store.top_countries(None, None, 10).unwrap();
        let codes: Vec<_> = countries
            .iter()
            .map(|c| (c.code.as_str(), c.as_source))
            .collect();
        assert_eq!(codes, [("CHN", 2), ("KOR", 0)]);
    }

    #[test]
    fn actor_codes_are_letters_in_threes() {
        assert_eq!(ActorFilter::parse("chngov").unwrap().0, "CHNGOV");
        assert!(ActorFilter::parse("CH").is_err());
        assert!(ActorFilter::parse("CHN'--").is_err());
    }
}
