//! `POST /api/documents`: documents in, coded and stored exactly as `dyad ingest` stores them.
//!
//! The body is JSON Lines (one document per line) or a JSON array of documents, with the fields
//! `dyad ingest` reads from JSON Lines: `text`, and optional `id`, `published` (`YYYY-MM-DD` or
//! `YYYYMMDD`), `title`, `url`, `source`. A document without an id gets `api:` and the start of
//! its content hash, so posting it again changes nothing. Unlike `dyad ingest`, a bad document
//! refuses the whole request (400, naming its line or position) and nothing is stored: a client
//! fixes it and posts again, with no half-done state to find out about.
//!
//! The token is checked before the body is read, so a client without it cannot make the server
//! hold a large body; the body is then read up to the limit (413 beyond). Coding and storing run
//! on a blocking thread, one request at a time (the writer is behind a mutex, as SQLite allows one
//! writer), in one transaction with the same [`Store::add`] as `dyad ingest`.

use crate::Ingest;
use crate::api::State as AppState;
use crate::error::{ApiError, ServeError};
use axum::Json;
use axum::body::Body;
use axum::extract::{Extension, Request, State};
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use dyad_store::{AddSummary, Known, NewDocument, Store};
use dyad_types::{DocId, Document};
use serde::Deserialize;
use serde_json::{Value, json};
use std::path::Path;
use std::sync::{Arc, Mutex};

/// The writing connection, the coder and the token.
pub(crate) struct Writer {
    store: Mutex<Store>,
    coder_id: i64,
    ingest: Ingest,
}

impl Writer {
    /// Open (or create) the database for writing and register the coder, as `dyad ingest` does.
    pub(crate) fn open(path: &Path, ingest: Ingest) -> Result<Writer, ServeError> {
        let mut store = Store::open(path)?;
        let config = ingest.coder.config();
        let json = serde_json::to_string(&config)
            .map_err(|e| ServeError::Config(format!("the coder's configuration: {e}")))?;
        let coder_id = store.coder_id(&config.dictionary_version, &config.dyad_version, &json)?;
        Ok(Writer {
            store: Mutex::new(store),
            coder_id,
            ingest,
        })
    }

    /// Whether the request carries the token.
    fn accepts(&self, headers: &HeaderMap) -> bool {
        let Some(value) = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
        else {
            return false;
        };
        let Some((scheme, token)) = value.trim().split_once(' ') else {
            return false;
        };
        scheme.eq_ignore_ascii_case("bearer")
            && same(token.trim().as_bytes(), self.ingest.token.as_bytes())
    }

    /// Code the documents that are not stored yet and store them, in one transaction.
    fn store(&self, docs: Vec<Document>) -> Result<AddSummary, ApiError> {
        let mut store = self.store.lock().unwrap_or_else(|p| p.into_inner());
        let mut batch = Vec::with_capacity(docs.len());
        for doc in docs {
            let hash = dyad_store::content_hash(&doc.text);
            let known = store.known(&hash, &doc.id.0)?;
            let events = match known {
                Known::Same => Vec::new(),
                Known::New | Known::Changed(_) => self.ingest.coder.code(&doc),
            };
            let tone = Some(dyad_enrich::tone(&doc.text));
            batch.push(NewDocument {
                doc,
                hash,
                events,
                tone,
            });
        }
        Ok(store.add(&batch, self.coder_id)?)
    }
}

/// Equal, in a time that does not depend on where they differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The largest body accepted, in bytes.
#[derive(Clone, Copy)]
pub(crate) struct BodyLimit(pub(crate) usize);

/// Refuse the request unless ingest is on and it carries the token; runs before the body is read.
pub(crate) async fn authorize(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    match &state.writer {
        None => ApiError::ReadOnly.into_response(),
        Some(w) if !w.accepts(request.headers()) => ApiError::Unauthorized.into_response(),
        Some(_) => next.run(request).await,
    }
}

/// Read, code and store the posted documents.
pub(crate) async fn post(
    State(state): State<Arc<AppState>>,
    Extension(BodyLimit(limit)): Extension<BodyLimit>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<Value>, ApiError> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(ApiError::TooLarge(limit));
    }
    let bytes = axum::body::to_bytes(body, limit).await.map_err(|e| {
        let too_large = std::error::Error::source(&e)
            .is_some_and(|s| s.is::<http_body_util::LengthLimitError>());
        if too_large {
            ApiError::TooLarge(limit)
        } else {
            ApiError::bad("body", "could not be read")
        }
    })?;
    tokio::task::spawn_blocking(move || {
        let docs = documents(&bytes).map_err(|e| ApiError::bad("body", e))?;
        let ids: Vec<String> = docs.iter().map(|d| d.id.0.clone()).collect();
        let writer = state.writer.as_ref().ok_or(ApiError::ReadOnly)?;
        let s = writer.store(docs)?;
        tracing::info!(added = s.added, replaced = s.replaced, "documents posted");
        Ok(Json(json!({
            "added": s.added,
            "replaced": s.replaced,
            "already": s.already,
            "mentions": s.mentions,
            "ids": ids,
        })))
    })
    .await
    .map_err(|e| ApiError::Internal(format!("ingest panicked: {e}")))?
}

/// One document as posted: the fields `dyad ingest` reads from a JSON line.
#[derive(Deserialize)]
struct Posted {
    id: Option<Value>,
    published: Option<String>,
    title: Option<String>,
    url: Option<String>,
    source: Option<String>,
    text: Option<String>,
}

/// The documents of a body: a JSON array, else JSON Lines. The error names the line (or the
/// position in the array) and what is wrong.
pub(crate) fn documents(body: &[u8]) -> Result<Vec<Document>, String> {
    let text = std::str::from_utf8(body).map_err(|e| format!("invalid UTF-8: {e}"))?;
    let text = text.trim_start_matches('\u{feff}');
    let docs = if text.trim_start().starts_with('[') {
        let items: Vec<Value> = serde_json::from_str(text)
            .map_err(|e| format!("not a JSON array of documents: {e}"))?;
        items
            .into_iter()
            .enumerate()
            .map(|(i, v)| {
                serde_json::from_value(v)
                    .map_err(|e| e.to_string())
                    .and_then(document)
                    .map_err(|e| format!("document {}: {e}", i + 1))
            })
            .collect::<Result<Vec<_>, _>>()?
    } else {
        let mut docs = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let doc = serde_json::from_str(line)
                .map_err(|e| format!("not a JSON object: {e}"))
                .and_then(document)
                .map_err(|e| format!("line {}: {e}", i + 1))?;
            docs.push(doc);
        }
        docs
    };
    if docs.is_empty() {
        return Err(
            "no documents: send JSON Lines or a JSON array of {\"id\", \"text\", …}".into(),
        );
    }
    Ok(docs)
}

fn document(p: Posted) -> Result<Document, String> {
    let text = p
        .text
        .ok_or("no `text` field (each document needs `text`; `id` and `published` are optional)")?;
    if text.trim().is_empty() {
        return Err("`text` is empty".into());
    }
    let published = match p.published.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(s) => Some(dyad_input::parse_date(s)?),
    };
    let id = match p.id {
        Some(Value::String(s)) if !s.trim().is_empty() => s,
        Some(Value::Number(n)) => n.to_string(),
        None | Some(Value::Null) | Some(Value::String(_)) => {
            format!("api:{}", &dyad_store::content_hash(&text)[..16])
        }
        Some(other) => return Err(format!("`id` must be a string or a number, not {other}")),
    };
    Ok(Document {
        id: DocId(id),
        published,
        title: p.title,
        url: p.url,
        source: p.source,
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lines_and_arrays_read_alike() {
        let lines = b"{\"id\":\"a\",\"published\":\"20260105\",\"text\":\"Xi met Lee.\"}\n\n{\"id\":7,\"text\":\"x\"}\n";
        let array =
            br#"[{"id":"a","published":"2026-01-05","text":"Xi met Lee."},{"id":7,"text":"x"}]"#;
        let (l, a) = (documents(lines).unwrap(), documents(array).unwrap());
        assert_eq!(l, a);
        assert_eq!(l[0].published.unwrap().to_string(), "2026-01-05");
        assert_eq!(l[1].id.0, "7");
    }

    #[test]
    fn a_bad_document_names_its_place() {
        let e = documents(b"{\"id\":\"a\",\"text\":\"ok\"}\n{\"id\":\"b\"}\n").unwrap_err();
        assert!(e.starts_with("line 2: no `text`"), "{e}");
        let e = documents(br#"[{"text":"ok"},{"text":"x","published":"5 May"}]"#).unwrap_err();
        assert!(e.starts_with("document 2: unknown date format"), "{e}");
        assert!(documents(b"  \n").unwrap_err().starts_with("no documents"));
    }

    #[test]
    fn a_document_without_id_is_named_by_its_text() {
        let d = documents(br#"{"text":"Xi met Lee."}"#).unwrap();
        let again = documents(br#"[{"id":"","text":"Xi met Lee."}]"#).unwrap();
        assert!(d[0].id.0.starts_with("api:"));
        assert_eq!(d[0].id, again[0].id);
    }

    #[test]
    fn tokens_compare_whole() {
        assert!(same(b"abc", b"abc"));
        assert!(!same(b"abc", b"abd") && !same(b"abc", b"abcd") && !same(b"", b"a"));
    }
}
