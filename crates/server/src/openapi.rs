//! The OpenAPI 3.1 document of the API, served at `/api/openapi.json`. It is
//! written by hand in `docs/openapi.json` and embedded at compile time;
//! `tests/openapi.rs` holds it to the routes and to real answers.

use axum::http::header;
use axum::response::IntoResponse;

/// `docs/openapi.json`, as served.
pub const DOCUMENT: &str = include_str!("../../../docs/openapi.json");

pub(crate) async fn document() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], DOCUMENT)
}
