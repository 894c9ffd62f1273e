//! The web viewer, embedded at compile time from `viewer/dist` (built by the viewer's npm
//! build); a placeholder page saying how to build it when it was not built.

use axum::body::Body;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::{HeaderValue, Uri};
use axum::response::{IntoResponse, Response};

use crate::caching;
use crate::error::ApiError;

#[cfg(viewer_dist)]
static DIST: include_dir::Dir<'static> =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/../../viewer/dist");

#[cfg(viewer_dist)]
fn file(path: &str) -> Option<&'static [u8]> {
    DIST.get_file(path).map(include_dir::File::contents)
}

#[cfg(not(viewer_dist))]
fn file(path: &str) -> Option<&'static [u8]> {
    (path == "index.html").then_some(PLACEHOLDER.as_bytes())
}

/// Shown when the server was built before the viewer.
#[cfg(not(viewer_dist))]
const PLACEHOLDER: &str = r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Frontline</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 2em auto; line-height: 1.5">
<h1>Frontline</h1>
<p>The web viewer was not built when this binary was compiled. Build it, then rebuild the binary:</p>
<pre>cd viewer &amp;&amp; npm ci &amp;&amp; npm run build &amp;&amp; cd .. &amp;&amp; cargo build --release</pre>
<p>The API works without it: <a href="/openapi.json">/openapi.json</a> describes it,
for example <a href="/api/conflict">/api/conflict</a> and <a href="/ogc">/ogc</a>.</p>
</body></html>
"#;

/// Whether the viewer was embedded (rather than the placeholder).
#[must_use]
pub(crate) const fn embedded() -> bool {
    cfg!(viewer_dist)
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "pbf" => "application/x-protobuf",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Serves `/` and the viewer's files; anything else is a JSON 404.
pub(crate) async fn asset(uri: Uri) -> Result<Response, ApiError> {
    let path = uri.path().trim_start_matches('/');
    let path = if path.is_empty() { "index.html" } else { path };
    let contents = file(path).ok_or_else(|| {
        ApiError::not_found(
            "not_found",
            format!("nothing at /{path}; /openapi.json lists the API"),
        )
    })?;
    // Bundled assets carry a content hash in their names; the index must be revalidated.
    let cache = if path == "index.html" {
        caching::REVALIDATE
    } else if path.starts_with("assets/") {
        caching::IMMUTABLE
    } else {
        caching::SHORT
    };
    Ok((
        [
            (CONTENT_TYPE, HeaderValue::from_static(content_type(path))),
            (CACHE_CONTROL, cache),
        ],
        Body::from(contents),
    )
        .into_response())
}
