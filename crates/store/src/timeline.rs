//! How a relationship moves: events between two actors counted per period, and the busiest actors.
//!
//! The **relations index** of a period is the mention-weighted mean Goldstein value of its events,
//! `Σ(goldstein × num_mentions) / Σ num_mentions`, on Goldstein's scale from −10 (military attack)
//! to +10 (military assistance). Weighting by mentions follows GDELT's own advice: an event many
//! articles report matters more, and an event reported once (often a coding error) counts least.
//! Periods without events have index 0 and zero counts: they appear, as zeros, not as gaps.
//!
//! The **tone** of a period is the mention-weighted mean of its events' `avg_tone` (the tone of the
//! documents that report them, on GDELT's scale), over the events whose documents have a tone.

use crate::read::ActorFilter;
use crate::{Store, StoreError};
use chrono::{Datelike, Duration, NaiveDate};
use dyad_types::Modality;
use rusqlite::types::Value;
use serde::Serialize;

/// The length of a period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// One day.
    Day,
    /// Monday to Sunday.
    Week,
    /// A calendar month.
    Month,
    /// A calendar quarter.
    Quarter,
    /// A calendar year.
    Year,
}

impl std::str::FromStr for Period {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "day" => Period::Day,
            "week" => Period::Week,
            "month" => Period::Month,
            "quarter" => Period::Quarter,
            "year" => Period::Year,
            _ => return Err(format!("`{s}`: expected day, week, month, quarter or year")),
        })
    }
}

impl Period {
    /// The first day of the period holding `d`.
    pub fn start(self, d: NaiveDate) -> NaiveDate {
        let first = |y, m| NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(d);
        match self {
            Period::Day => d,
            Period::Week => d - Duration::days(d.weekday().num_days_from_monday().into()),
            Period::Month => first(d.year(), d.month()),
            Period::Quarter => first(d.year(), (d.month0() / 3) * 3 + 1),
            Period::Year => first(d.year(), 1),
        }
    }

    /// The first day of the next period.
    pub fn next(self, start: NaiveDate) -> NaiveDate {
        let add_months = |n: u32| {
            let m0 = start.month0() + n;
            NaiveDate::from_ymd_opt(start.year() + (m0 / 12) as i32, m0 % 12 + 1, 1)
                .unwrap_or(start)
        };
        match self {
            Period::Day => start + Duration::days(1),
            Period::Week => start + Duration::days(7),
            Period::Month => add_months(1),
            Period::Quarter => add_months(3),
            Period::Year => add_months(12),
        }
    }
}

/// A timeline to compute.
#[derive(Clone, Debug)]
pub struct TimelineQuery {
    /// One side.
    pub a: ActorFilter,
    /// The other side.
    pub b: ActorFilter,
    /// First day (default: the first event's).
    pub from: Option<NaiveDate>,
    /// Last day (default: the last event's).
    pub to: Option<NaiveDate>,
    /// Period length.
    pub by: Period,
    /// Two rows per period, A→B and B→A, instead of one for both directions.
    pub directed: bool,
    /// Modalities counted (default, when empty: asserted only).
    pub modalities: Vec<Modality>,
}

/// One period of a timeline.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TimelineRow {
    /// First day of the period.
    pub period: NaiveDate,
    /// `A->B`, `B->A`, or `both`.
    pub direction: String,
    /// Events (after folding mentions).
    pub events: u64,
    /// Events per QuadClass: verbal cooperation, material cooperation, verbal conflict, material conflict.
    pub quad: [u64; 4],
    /// Mentions of those events.
    pub mentions: u64,
    /// Mean Goldstein value of the events (unweighted); 0 when none.
    pub goldstein: f64,
    /// The relations index: mention-weighted mean Goldstein; 0 when none.
    pub index: f64,
    /// Mention-weighted mean tone of the documents reporting the events; 0 when none.
    pub tone: f64,
}

impl TimelineRow {
    fn empty(period: NaiveDate, direction: &str) -> Self {
        TimelineRow {
            period,
            direction: direction.to_string(),
            events: 0,
            quad: [0; 4],
            mentions: 0,
            goldstein: 0.0,
            index: 0.0,
            tone: 0.0,
        }
    }
}

/// An actor and how often it appears.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActorCount {
    /// Actor code.
    pub code: String,
    /// Events with it as source or target.
    pub events: u64,
    /// Mentions of those events.
    pub mentions: u64,
    /// As source.
    pub as_source: u64,
    /// As target.
    pub as_target: u64,
}

impl Store {
    /// Events between two actors per period, every period from the first to the last present.
    pub fn timeline(&self, q: &TimelineQuery) -> Result<Vec<TimelineRow>, StoreError> {
        let e = |x| self.error("computing a timeline", x);
        let modalities: Vec<Modality> = if q.modalities.is_empty() {
            vec![Modality::Asserted]
        } else {
            q.modalities.clone()
        };
        let (sa, va) = q.a.sql("source");
        let (tb, vb) = q.b.sql("target");
        let (sb, vb2) = q.b.sql("source");
        let (ta, va2) = q.a.sql("target");
        let marks = vec!["?"; modalities.len()].join(", ");
        let sql = format!(
            "SELECT e.date, e.quad_class, e.goldstein, e.num_mentions, ({sa} AND {tb}) AS forward,
                    e.avg_tone
             FROM events e
             WHERE (({sa} AND {tb}) OR ({sb} AND {ta})) AND e.date != ''
               AND e.date >= ? AND e.date <= ? AND e.modality IN ({marks})
             ORDER BY e.date"
        );
        let mut values = vec![va.clone(), vb.clone(), va, vb, vb2, va2];
        values.push(Value::Text(bound(q.from, "0000")));
        values.push(Value::Text(bound(q.to, "9999")));
        values.extend(modalities.iter().map(|m| Value::Text(m.as_str().into())));
        let mut st = self.conn.prepare(&sql).map_err(e)?;
        let rows = st
            .query_map(rusqlite::params_from_iter(values.iter()), |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, f64>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, bool>(4)?,
                    r.get::<_, Option<f64>>(5)?,
                ))
            })
            .map_err(e)?;
        let mut events = Vec::new();
        for row in rows {
            let (date, quad, goldstein, mentions, forward, tone) = row.map_err(e)?;
            if let Ok(date) = date.parse::<NaiveDate>() {
                events.push(Counted {
                    date,
                    quad,
                    goldstein,
                    mentions: mentions.max(0) as u64,
                    forward,
                    tone,
                });
            }
        }
        Ok(bucket(q, &events))
    }

    /// The actors in most events (as source or target) in a date range.
    pub fn top_actors(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        top: usize,
    ) -> Result<Vec<ActorCount>, StoreError> {
        self.side_counts(Side::Code, from, to, top)
    }

    /// The actors (by full code) or countries and groups in most events, as source or target, in
    /// a date range: [`Store::top_actors`] and [`Store::top_countries`].
    pub(crate) fn side_counts(
        &self,
        side: Side,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        top: usize,
    ) -> Result<Vec<ActorCount>, StoreError> {
        let (what, column) = match side {
            Side::Code => ("counting actors", "code"),
            Side::Country => ("counting countries", "country"),
        };
        let e = |x| self.error(what, x);
        // `column` is one of two literals above, never user input.
        let mut st = self
            .conn
            .prepare_cached(&format!(
                "SELECT code, count(*), sum(n), sum(src), sum(tgt) FROM (
                   SELECT source_{column} AS code, num_mentions AS n, 1 AS src, 0 AS tgt
                     FROM events
                     WHERE source_{column} != '' AND date >= ?1 AND date <= ?2 AND date != ''
                   UNION ALL
                   SELECT target_{column}, num_mentions, 0, 1 FROM events
                     WHERE target_{column} != '' AND date >= ?1 AND date <= ?2 AND date != '')
                 GROUP BY code ORDER BY count(*) DESC, code LIMIT ?3"
            ))
            .map_err(e)?;
        let (from, to) = (bound(from, "0000"), bound(to, "9999"));
        let rows = st
            .query_map(rusqlite::params![from, to, top as i64], |r| {
                Ok(ActorCount {
                    code: r.get(0)?,
                    events: r.get::<_, i64>(1)? as u64,
                    mentions: r.get::<_, i64>(2)? as u64,
                    as_source: r.get::<_, i64>(3)? as u64,
                    as_target: r.get::<_, i64>(4)? as u64,
                })
            })
            .map_err(e)?;
        rows.collect::<Result<_, _>>().map_err(e)
    }
}

/// Which column of an event's sides [`Store::side_counts`] counts.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Side {
    /// The full actor code (`CHNGOV`).
    Code,
    /// The country or group (`CHN`, `IGO`).
    Country,
}

/// A date bound as the `date` column compares it: the date, or `none` ("0000", "9999") for no bound.
pub(crate) fn bound(d: Option<NaiveDate>, none: &str) -> String {
    d.map_or(none.to_string(), |d| d.to_string())
}

/// One event as the timeline counts it.
struct Counted {
    date: NaiveDate,
    quad: i64,
    goldstein: f64,
    mentions: u64,
    forward: bool,
    tone: Option<f64>,
}

/// Sum events into periods from the first to the last, empty periods included.
fn bucket(q: &TimelineQuery, events: &[Counted]) -> Vec<TimelineRow> {
    let first = q.from.or_else(|| events.first().map(|e| e.date));
    let last = q.to.or_else(|| events.last().map(|e| e.date));
    let (Some(first), Some(last)) = (first, last) else {
        return Vec::new();
    };
    let directions: &[&str] = if q.directed {
        &["A->B", "B->A"]
    } else {
        &["both"]
    };
    // Rows in period order, each period one row per direction; `period_of` finds a period's number.
    let mut rows = Vec::new();
    let mut period_of = std::collections::HashMap::new();
    let mut start = q.by.start(first);
    while start <= last {
        period_of.insert(start, period_of.len());
        for d in directions {
            rows.push(TimelineRow::empty(start, d));
        }
        start = q.by.next(start);
    }
    let mut weighted = vec![0.0; rows.len()];
    // Sum of tone x mentions, and of mentions, over events with a tone.
    let mut toned = vec![(0.0, 0u64); rows.len()];
    for &Counted {
        date,
        quad,
        goldstein,
        mentions,
        forward,
        tone,
    } in events
    {
        let Some(&period) = period_of.get(&q.by.start(date)) else {
            continue;
        };
        let i = period * directions.len() + usize::from(q.directed && !forward);
        let r = &mut rows[i];
        r.events += 1;
        if (1..=4).contains(&quad) {
            r.quad[quad as usize - 1] += 1;
        }
        r.mentions += mentions;
        r.goldstein += goldstein;
        weighted[i] += goldstein * mentions as f64;
        if let Some(t) = tone {
            toned[i].0 += t * mentions as f64;
            toned[i].1 += mentions;
        }
    }
    for ((r, w), (t, n)) in rows.iter_mut().zip(weighted).zip(toned) {
        if n > 0 {
            r.tone = round2(t / n as f64);
        }
        if r.events > 0 {
            r.goldstein = round2(r.goldstein / r.events as f64);
        }
        if r.mentions > 0 {
            r.index = round2(w / r.mentions as f64);
        }
    }
    rows
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
