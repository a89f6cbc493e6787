//! The JSON endpoints, as `openapi.json` documents them.

use crate::error::ApiError;
use crate::params::{self, Params};
use crate::pool::Pool;
use crate::{MAX_PAGE, MAX_PERIODS, OPENAPI, assets, ingest};
use axum::extract::{Path, Query, State as Extract};
use axum::http::{HeaderValue, header};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{Duration, NaiveDate};
use dyad_store::{ActorCount, Filter, Period, TimelineQuery, TimelineRow};
use dyad_types::Modality;
use serde::Serialize;
use serde_json::{Value, json};
use std::sync::Arc;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

/// What every handler shares.
pub(crate) struct State {
    /// Read-only connections.
    pub(crate) pool: Arc<Pool>,
    /// The writing connection and coder, when ingest is allowed.
    pub(crate) writer: Option<ingest::Writer>,
    /// No writer.
    pub(crate) read_only: bool,
}

type Shared = Extract<Arc<State>>;
type Pairs = Query<Vec<(String, String)>>;

/// Every route, with the headers every answer carries.
pub(crate) fn router(state: Arc<State>, max_body: usize) -> Router {
    let documents = post(ingest::post).route_layer(axum::middleware::from_fn_with_state(
        state.clone(),
        ingest::authorize,
    ));
    let headers = [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; \
             frame-ancestors 'none'; form-action 'self'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::CACHE_CONTROL, "no-cache"),
    ];
    let mut app = Router::new()
        .route("/api/health", get(health))
        .route("/api/status", get(status))
        .route("/api/timeline", get(timeline))
        .route("/api/events", get(events))
        .route("/api/documents", documents)
        .route("/api/documents/{*id}", get(document))
        .route("/api/actors", get(actors))
        .route("/api/dyads", get(dyads))
        .route("/api/openapi.json", get(openapi))
        .merge(assets::router())
        .fallback(|| async { ApiError::NotFound("such page".into()) })
        .layer(axum::Extension(ingest::BodyLimit(max_body)));
    for (name, value) in headers {
        app = app.layer(SetResponseHeaderLayer::if_not_present(
            name,
            HeaderValue::from_static(value),
        ));
    }
    app.layer(TraceLayer::new_for_http()).with_state(state)
}

async fn health(Extract(state): Shared, Query(q): Pairs) -> Result<Json<Value>, ApiError> {
    Params::new(q, &[])?;
    let read_only = state.read_only;
    let version = state.pool.with(|s| Ok(s.schema_version()?)).await?;
    Ok(Json(json!({
        "status": "ok",
        "dyad_version": env!("CARGO_PKG_VERSION"),
        "schema_version": version,
        "read_only": read_only,
    })))
}

async fn status(Extract(state): Shared, Query(q): Pairs) -> Result<Json<Value>, ApiError> {
    Params::new(q, &[])?;
    let status = state.pool.with(|s| Ok(s.status()?)).await?;
    let mut v = serde_json::to_value(status).map_err(|e| ApiError::Internal(e.to_string()))?;
    // Where the file lives is the server's business.
    if let Some(o) = v.as_object_mut() {
        o.remove("path");
    }
    Ok(Json(v))
}

/// A timeline as the API answers it: serialized straight from these types (a long timeline has
/// thousands of rows, and each step through `serde_json::Value` costs).
#[derive(Serialize)]
struct Timeline {
    a: String,
    b: String,
    by: Period,
    directed: bool,
    modalities: Vec<Modality>,
    rows: Vec<Row>,
}

/// One period of a timeline ([`TimelineRow`]), with its last day.
#[derive(Serialize)]
struct Row {
    period: NaiveDate,
    end: NaiveDate,
    direction: String,
    events: u64,
    quad: [u64; 4],
    mentions: u64,
    goldstein: f64,
    index: f64,
    tone: f64,
}

async fn timeline(Extract(state): Shared, Query(q): Pairs) -> Result<Json<Timeline>, ApiError> {
    let p = Params::new(q, &["a", "b", "from", "to", "by", "directed", "modality"])?;
    let by: Period = match p.get("by") {
        None => Period::Month,
        Some(v) => v.parse().map_err(|e| ApiError::bad("by", e))?,
    };
    let q = TimelineQuery {
        a: p.actor("a")?,
        b: p.actor("b")?,
        from: p.date("from")?,
        to: p.date("to")?,
        by,
        directed: p.flag("directed", false)?,
        modalities: p.modalities("modality")?,
    };
    if let (Some(from), Some(to)) = (q.from, q.to) {
        if from > to {
            return Err(ApiError::bad("to", format!("{to} is before from ({from})")));
        }
        check_periods(by, periods(by, from, to))?;
    }
    let query = q.clone();
    let rows = state.pool.with(move |s| Ok(s.timeline(&query)?)).await?;
    let directions = if q.directed { 2 } else { 1 };
    check_periods(by, rows.len() / directions)?;
    let modalities = if q.modalities.is_empty() {
        vec![Modality::Asserted]
    } else {
        q.modalities.clone()
    };
    let rows = rows
        .into_iter()
        .map(|r: TimelineRow| Row {
            end: by.next(r.period) - Duration::days(1),
            period: r.period,
            direction: r.direction,
            events: r.events,
            quad: r.quad,
            mentions: r.mentions,
            goldstein: r.goldstein,
            index: r.index,
            tone: r.tone,
        })
        .collect();
    Ok(Json(Timeline {
        a: q.a.0,
        b: q.b.0,
        by,
        directed: q.directed,
        modalities,
        rows,
    }))
}

/// How many periods of length `by` cover `from..=to` (counting stops past the limit).
fn periods(by: Period, from: NaiveDate, to: NaiveDate) -> usize {
    let mut n = 0;
    let mut start = by.start(from);
    while start <= to && n <= MAX_PERIODS {
        n += 1;
        start = by.next(start);
    }
    n
}

fn check_periods(by: Period, n: usize) -> Result<(), ApiError> {
    if n > MAX_PERIODS {
        return Err(ApiError::bad(
            "by",
            format!(
                "more than {MAX_PERIODS} periods of one {}; choose a longer period or a shorter range",
                match by {
                    Period::Day => "day",
                    Period::Week => "week",
                    Period::Month => "month",
                    Period::Quarter => "quarter",
                    Period::Year => "year",
                }
            ),
        ));
    }
    Ok(())
}

/// The page size when none is asked.
const DEFAULT_PAGE: usize = 50;
/// The largest offset accepted (deeper pages: narrow the filter).
const MAX_OFFSET: usize = 100_000_000;

async fn events(Extract(state): Shared, Query(q): Pairs) -> Result<Json<Value>, ApiError> {
    let p = Params::new(
        q,
        &[
            "from",
            "to",
            "dyad",
            "directed",
            "actor",
            "root",
            "quad_class",
            "modality",
            "limit",
            "offset",
            "evidence",
        ],
    )?;
    let dyad = match p.get("dyad") {
        Some(v) => Some(params::dyad(v).map_err(|e| ApiError::bad("dyad", e))?),
        None => None,
    };
    let directed = p.flag("directed", false)?;
    if directed && dyad.is_none() {
        return Err(ApiError::bad("directed", "only with dyad"));
    }
    let limit = p.count("limit", DEFAULT_PAGE, MAX_PAGE)?;
    let offset = p.count("offset", 0, MAX_OFFSET)?;
    let evidence = p.flag("evidence", false)?;
    let filter = Filter {
        from: p.date("from")?,
        to: p.date("to")?,
        dyad,
        directed,
        actor: p.optional_actor("actor")?,
        roots: p.list("root", params::root)?,
        quad_classes: p.list("quad_class", params::quad_class)?,
        modalities: p.modalities("modality")?,
        // One more than asked: whether there is a next page.
        limit: Some(limit + 1),
        offset,
    };
    let mut events = state
        .pool
        .with(move |s| {
            let mut out = Vec::new();
            s.for_each_event::<ApiError>(&filter, evidence, |e| {
                out.push(e);
                Ok(())
            })?;
            Ok(out)
        })
        .await?;
    let more = events.len() > limit;
    events.truncate(limit);
    Ok(Json(json!({
        "limit": limit,
        "offset": offset,
        "next_offset": more.then_some(offset + limit),
        "events": events,
    })))
}

async fn document(
    Extract(state): Shared,
    Path(id): Path<String>,
    Query(q): Pairs,
) -> Result<Json<Value>, ApiError> {
    Params::new(q, &[])?;
    let wanted = id.clone();
    let doc = state.pool.with(move |s| Ok(s.document(&wanted)?)).await?;
    let doc = doc.ok_or_else(|| ApiError::NotFound(format!("document with id `{id}`")))?;
    serde_json::to_value(doc)
        .map(Json)
        .map_err(|e| ApiError::Internal(e.to_string()))
}

/// The default and largest `top`.
const TOP: (usize, usize) = (20, 500);

async fn actors(
    Extract(state): Shared,
    Query(q): Pairs,
) -> Result<Json<Vec<ActorCount>>, ApiError> {
    let p = Params::new(q, &["top", "from", "to", "level"])?;
    let top = p.count("top", TOP.0, TOP.1)?;
    let (from, to) = (p.date("from")?, p.date("to")?);
    let country = match p.get("level") {
        None | Some("code") => false,
        Some("country") => true,
        Some(v) => {
            return Err(ApiError::bad(
                "level",
                format!("`{v}`: expected code or country"),
            ));
        }
    };
    let rows = state
        .pool
        .with(move |s| {
            Ok(if country {
                s.top_countries(from, to, top)?
            } else {
                s.top_actors(from, to, top)?
            })
        })
        .await?;
    Ok(Json(rows))
}

async fn dyads(Extract(state): Shared, Query(q): Pairs) -> Result<impl IntoResponse, ApiError> {
    let p = Params::new(q, &["top", "from", "to", "directed"])?;
    let top = p.count("top", TOP.0, TOP.1)?;
    let (from, to) = (p.date("from")?, p.date("to")?);
    let directed = p.flag("directed", false)?;
    let rows = state
        .pool
        .with(move |s| Ok(s.top_dyads(from, to, directed, top)?))
        .await?;
    Ok(Json(rows))
}

async fn openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_counted_from_the_start_of_the_first() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(periods(Period::Month, d("2024-01-31"), d("2024-03-01")), 3);
        assert_eq!(periods(Period::Year, d("2024-06-01"), d("2024-06-01")), 1);
        assert_eq!(
            periods(Period::Day, d("1800-01-01"), d("2200-01-01")),
            MAX_PERIODS + 1
        );
    }
}
