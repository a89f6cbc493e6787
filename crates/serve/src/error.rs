//! Errors: why the server could not start, and what a request is answered when it fails.
//!
//! A client sees a status and a short JSON message: 400 names the parameter at fault, 401 says a
//! token is needed, 404 and 413 say what was not found or too large, and every other failure is a
//! 500 with a generic message, its cause logged (with `tracing`) and never sent: paths, SQL and
//! library messages stay on the server.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use dyad_store::StoreError;
use serde::Serialize;

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The database could not be opened.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A socket or the runtime failed.
    #[error("{0}: {1}")]
    Io(String, #[source] std::io::Error),
    /// The configuration is refused (an address, a token).
    #[error("{0}")]
    Config(String),
}

/// How a request failed.
#[derive(Debug)]
pub(crate) enum ApiError {
    /// A parameter (or the body) is wrong: its name and what is expected.
    BadParam(String, String),
    /// No bearer token, or the wrong one.
    Unauthorized,
    /// A write to a server started without `--allow-ingest`.
    ReadOnly,
    /// Nothing there.
    NotFound(String),
    /// The body is over the limit.
    TooLarge(usize),
    /// Anything else: logged, answered with a generic message.
    Internal(String),
}

impl ApiError {
    /// A bad value for `name`.
    pub(crate) fn bad(name: &str, message: impl Into<String>) -> Self {
        ApiError::BadParam(name.to_string(), message.into())
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        ApiError::Internal(e.to_string())
    }
}

/// The body of every error answer.
#[derive(Serialize)]
struct Body<'a> {
    error: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    parameter: Option<&'a str>,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, message, parameter) = match &self {
            ApiError::BadParam(name, message) => (
                StatusCode::BAD_REQUEST,
                format!("{name}: {message}"),
                Some(name.as_str()),
            ),
            ApiError::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                "a bearer token is required (Authorization: Bearer TOKEN)".to_string(),
                None,
            ),
            ApiError::ReadOnly => (
                StatusCode::FORBIDDEN,
                "this server is read-only (start it with --allow-ingest to accept documents)"
                    .to_string(),
                None,
            ),
            ApiError::NotFound(what) => (StatusCode::NOT_FOUND, format!("no {what}"), None),
            ApiError::TooLarge(limit) => (
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("the request body is larger than {limit} bytes"),
                None,
            ),
            ApiError::Internal(cause) => {
                tracing::error!(%cause, "request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal error (logged on the server)".to_string(),
                    None,
                )
            }
        };
        let mut response = (
            status,
            axum::Json(Body {
                error: &message,
                parameter,
            }),
        )
            .into_response();
        if matches!(self, ApiError::Unauthorized) {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}
