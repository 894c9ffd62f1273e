//! ETags and cache lifetimes.
//!
//! # The rule
//! Every successful GET carries an `ETag`, a hash of its body (weak, `W/"..."`, unless the
//! handler already encoded the body), and a request whose `If-None-Match` names it (weak
//! comparison) is answered `304 Not Modified`.
//!
//! The store is append-only and every record carries its record time, so an answer "as
//! known at K" can never change once K has passed. Answers derived for a date (state,
//! stats, series, diff, why, areas, front lines, the map, tiles, TileJSON and PMTiles) are
//! therefore `Cache-Control: public, max-age=31536000, immutable` when the request gives
//! `known_at` explicitly and it is not after the moment the server loaded its evidence.
//! Without `known_at` the answer is "as known now", which changes when new evidence is
//! loaded: those answers, and every list (parties, places, histories, OGC items), get
//! `public, max-age=300` and are revalidated by ETag.

use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{CACHE_CONTROL, CONTENT_ENCODING, ETAG, IF_NONE_MATCH};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Settled answers: cache forever.
pub(crate) const IMMUTABLE: HeaderValue =
    HeaderValue::from_static("public, max-age=31536000, immutable");
/// Answers that change when new evidence is loaded.
pub(crate) const SHORT: HeaderValue = HeaderValue::from_static("public, max-age=300");
/// Pages that must be revalidated each time (the viewer's index).
pub(crate) const REVALIDATE: HeaderValue = HeaderValue::from_static("no-cache");

/// The cache lifetime of an answer derived for a date, given the record time the question
/// asked for (`None`: as known now).
pub(crate) fn derived(
    known_at: Option<chrono::DateTime<chrono::Utc>>,
    loaded: chrono::DateTime<chrono::Utc>,
) -> HeaderValue {
    if known_at.is_some_and(|k| k <= loaded) {
        IMMUTABLE
    } else {
        SHORT
    }
}

/// Adds an ETag to every successful GET or HEAD and answers 304 when the client has it.
pub(crate) async fn etag(request: Request, next: Next) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return next.run(request).await;
    }
    let wanted = request.headers().get(IF_NONE_MATCH).cloned();
    let response = next.run(request).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(b) => b,
        Err(err) => return crate::error::ApiError::internal(&err).into_response(),
    };
    let hash = format!("\"{:016x}\"", xxhash_rust::xxh3::xxh3_64(&bytes));
    // A body the compression layer may still gzip gets a weak tag (the same for every
    // encoding of it); a body already encoded by its handler (tiles) a strong one.
    let tag = if parts.headers.contains_key(CONTENT_ENCODING) {
        hash.clone()
    } else {
        format!("W/{hash}")
    };
    let value = HeaderValue::from_str(&tag).expect("hex digits are a valid header value");
    parts.headers.insert(ETAG, value.clone());
    parts.headers.entry(CACHE_CONTROL).or_insert(SHORT);
    let matches = wanted
        .as_ref()
        .and_then(|w| w.to_str().ok())
        .is_some_and(|w| {
            w.split(',')
                .map(|t| t.trim().trim_start_matches("W/"))
                .any(|t| t == "*" || t == hash)
        });
    if matches {
        let mut not_modified = Response::new(Body::empty());
        *not_modified.status_mut() = StatusCode::NOT_MODIFIED;
        for name in [ETAG, CACHE_CONTROL] {
            if let Some(v) = parts.headers.get(&name) {
                not_modified.headers_mut().insert(name, v.clone());
            }
        }
        return not_modified;
    }
    Response::from_parts(parts, Body::from(bytes))
}
