//! The dashboard: a page, its script and style, and uPlot, all compiled into the binary.
//!
//! No build step and no network: plain HTML, CSS and JavaScript written for this page, and
//! uPlot 1.6 (MIT, vendored from the npm registry's `uplot` package under `assets/vendor/`).

use crate::api::State;
use axum::Router;
use axum::http::header;
use axum::routing::get;
use std::sync::Arc;

/// Path, media type, bytes.
const FILES: &[(&str, &str, &[u8])] = &[
    (
        "/",
        "text/html; charset=utf-8",
        include_bytes!("../assets/index.html"),
    ),
    (
        "/assets/app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/app.js"),
    ),
    (
        "/assets/app.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/app.css"),
    ),
    (
        "/assets/icon.svg",
        "image/svg+xml",
        include_bytes!("../assets/icon.svg"),
    ),
    (
        "/assets/vendor/uplot.iife.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/vendor/uplot-1.6.32.iife.min.js"),
    ),
    (
        "/assets/vendor/uplot.min.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/vendor/uplot-1.6.32.min.css"),
    ),
];

/// A route for each embedded file.
pub(crate) fn router() -> Router<Arc<State>> {
    FILES
        .iter()
        .fold(Router::new(), |router, &(path, media_type, bytes)| {
            router.route(
                path,
                get(move || async move { ([(header::CONTENT_TYPE, media_type)], bytes) }),
            )
        })
}
