//! `GET /openapi.json`: the API's OpenAPI 3.0 document, committed as `openapi.json`.

use axum::http::HeaderValue;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};

/// The document, as committed.
pub(crate) const DOCUMENT: &str = include_str!("../openapi.json");

/// `GET /openapi.json`.
pub(crate) async fn document() -> Response {
    (
        [(
            CONTENT_TYPE,
            HeaderValue::from_static("application/vnd.oai.openapi+json;version=3.0"),
        )],
        DOCUMENT,
    )
        .into_response()
}
