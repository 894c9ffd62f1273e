//! `/tiles/...`: vector tiles of a date, their TileJSON, and a PMTiles archive.

mod archive;
mod caches;
mod coord;
mod encode;

use std::sync::Arc;

use axum::body::Body;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::header::{
    ACCEPT_ENCODING, ACCEPT_RANGES, CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_ENCODING,
    CONTENT_RANGE, CONTENT_TYPE, RANGE, VARY,
};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use frontline_atlas::Question;
use serde_json::json;

pub(crate) use caches::TileCaches;

use caches::Encoding;
use coord::{InvalidTile, MAX_ZOOM, TileCoord};

use crate::app::App;
use crate::caching;
use crate::error::ApiError;
use crate::geojson;
use crate::params::Params;

/// The zooms of a PMTiles archive.
pub(crate) const ARCHIVE_ZOOMS: std::ops::RangeInclusive<u8> = 0..=10;
const _: () = assert!(
    *ARCHIVE_ZOOMS.end() <= MAX_ZOOM,
    "an archive holds served tiles"
);

/// A tile path that names no served tile: 400, saying which part is wrong.
fn tile_error(err: &InvalidTile) -> ApiError {
    ApiError::bad_request("invalid_tile", err.to_string())
}

fn path_error(err: &PathRejection) -> ApiError {
    ApiError::bad_request("invalid_path", err.body_text())
}

/// Whether the client takes gzip (`Accept-Encoding`, without `q=0`).
fn accepts_gzip(headers: &HeaderMap) -> bool {
    headers
        .get_all(ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|item| {
            let mut parts = item.split(';').map(str::trim);
            let name = parts.next().unwrap_or("");
            let zero = parts.any(|p| {
                p.strip_prefix("q=")
                    .is_some_and(|q| q.parse::<f32>().is_ok_and(|q| q == 0.0))
            });
            (name.eq_ignore_ascii_case("gzip") || name == "*") && !zero
        })
}

/// `GET /tiles/{date}/{z}/{x}/{y}.mvt`.
pub(crate) async fn tile(
    State(app): State<App>,
    State(caches): State<TileCaches>,
    path: Result<Path<(String, String, String, String)>, PathRejection>,
    params: Params,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let Path((date, z, x, file)) = path.map_err(|e| path_error(&e))?;
    let y = file.strip_suffix(".mvt").ok_or_else(|| {
        ApiError::not_found("not_found", format!("{file:?}: tiles are named {{y}}.mvt"))
    })?;
    let coord = TileCoord::from_path(&z, &x, y).map_err(|e| tile_error(&e))?;
    let q = params.question(params.day_of("date", &date)?)?;
    let encoding = if accepts_gzip(&headers) {
        Encoding::Gzip
    } else {
        Encoding::Identity
    };
    let bytes = caches.tile(&app, q.at(app.now()), coord, encoding).await?;
    let mut response = (
        [
            (
                CONTENT_TYPE,
                HeaderValue::from_static("application/vnd.mapbox-vector-tile"),
            ),
            (CACHE_CONTROL, caching::derived(q.known_at, app.now())),
            (VARY, HeaderValue::from_static("accept-encoding")),
        ],
        Body::from(axum::body::Bytes::from_owner(Arc::clone(&bytes))),
    )
        .into_response();
    // An empty tile stays empty; the compression layer leaves encoded bodies alone.
    if encoding == Encoding::Gzip && !bytes.is_empty() {
        response
            .headers_mut()
            .insert(CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    }
    Ok(response)
}

/// `GET /tiles/{date}.json` (TileJSON 3.0.0) and `GET /tiles/{date}.pmtiles`.
pub(crate) async fn date_file(
    State(app): State<App>,
    State(caches): State<TileCaches>,
    path: Result<Path<String>, PathRejection>,
    params: Params,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let Path(file) = path.map_err(|e| path_error(&e))?;
    if let Some(date) = file.strip_suffix(".json") {
        let q = params.question(params.day_of("date", date)?)?;
        // A TileJSON whose every tile would be a 404 is itself one.
        if !app.atlas().has_evidence_at(q.at(app.now()).known_at) {
            return Err(ApiError::not_found(
                "no_evidence",
                "nothing was recorded by this record time (known_at): there are no tiles to list",
            ));
        }
        Ok(tile_json(&app, &q, date, &params, &headers))
    } else if let Some(date) = file.strip_suffix(".pmtiles") {
        let q = params.question(params.day_of("date", date)?)?;
        pmtiles(&app, &caches, q, headers.get(RANGE)).await
    } else {
        Err(ApiError::not_found(
            "not_found",
            format!(
                "/tiles/{file}: expected /tiles/{{date}}.json, /tiles/{{date}}.pmtiles or /tiles/{{date}}/{{z}}/{{x}}/{{y}}.mvt"
            ),
        ))
    }
}

/// The query parameters that shape tiles, to carry into tile URLs.
fn tile_query(params: &Params) -> String {
    let pairs: Vec<String> = [
        "known_at",
        "cap_km",
        "band_km",
        "stale_days",
        "effective_km",
    ]
    .iter()
    .filter_map(|k| {
        params
            .get(k)
            .map(|v| format!("{k}={}", encode_query_value(v)))
    })
    .collect();
    if pairs.is_empty() {
        String::new()
    } else {
        format!("?{}", pairs.join("&"))
    }
}

fn encode_query_value(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b':' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The layers of the tiles, up to `maxzoom` (the XYZ tiles' [`MAX_ZOOM`], or the archive's).
fn vector_layers(maxzoom: u8) -> serde_json::Value {
    json!([
        { "id": "areas", "description": "Land per party, contested or joint pair, and unknown", "minzoom": 0, "maxzoom": maxzoom,
          "fields": { "key": "String", "kind": "String", "name": "String", "parties": "String (comma-separated ids)", "colours": "String (comma-separated #rrggbb)" } },
        { "id": "frontlines", "description": "Where the land of two keys meets", "minzoom": 0, "maxzoom": maxzoom,
          "fields": { "a": "String", "b": "String" } },
        { "id": "places", "description": "Places and their state on the date", "minzoom": 0, "maxzoom": maxzoom,
          "fields": { "id": "String", "name": "String", "name_ar": "String", "kind": "String", "status": "String", "parties": "String (comma-separated ids)", "population": "Number" } },
        { "id": "presence", "description": "Foreign forces' sites on the date, as sources report them: presence, not control (it changes no area)", "minzoom": 0, "maxzoom": maxzoom,
          "fields": { "id": "String", "force": "String (party id)", "force_name": "String", "force_name_ar": "String", "colour": "String (#rrggbb)", "site": "String", "kind": "String (air_base, naval_base, garrison, observation_post, base)", "valid_from": "String", "valid_until": "String", "confidence": "String" } },
    ])
}

/// The credit line of the tiles: the conflict's attribution (its data sources), after
/// Frontline's own.
fn attribution(app: &App) -> String {
    let sources = &app.atlas().conflict().attribution;
    if sources.is_empty() {
        "Frontline".to_owned()
    } else {
        format!("Frontline; {}", sources.join("; "))
    }
}

fn tile_json(
    app: &App,
    q: &Question,
    date: &str,
    params: &Params,
    headers: &HeaderMap,
) -> Response {
    let origin = crate::params::origin(headers);
    let bounds = geojson::bbox(&app.atlas().conflict().boundary);
    let body = json!({
        "tilejson": "3.0.0",
        "name": format!("{} as of {date}", app.atlas().conflict().names.en),
        "description": format!("Areas, front lines and places on {date}, as known at {}; method {}", q.at(app.now()).known_at.to_rfc3339(), serde_json::to_string(&q.method).unwrap_or_default()),
        "attribution": attribution(app),
        "scheme": "xyz",
        "tiles": [format!("{origin}/tiles/{date}/{{z}}/{{x}}/{{y}}.mvt{}", tile_query(params))],
        "minzoom": 0,
        "maxzoom": MAX_ZOOM,
        "bounds": bounds,
        "center": [(bounds[0] + bounds[2]) / 2.0, (bounds[1] + bounds[3]) / 2.0, 6],
        "vector_layers": vector_layers(MAX_ZOOM),
    });
    (
        [(CACHE_CONTROL, caching::derived(q.known_at, app.now()))],
        axum::Json(body),
    )
        .into_response()
}

async fn pmtiles(
    app: &App,
    caches: &TileCaches,
    q: Question,
    range: Option<&HeaderValue>,
) -> Result<Response, ApiError> {
    let at = q.at(app.now());
    let bytes = caches.archive(app, at).await?;
    let name = format!("attachment; filename=\"frontline-{}.pmtiles\"", q.on);
    let mut headers = HeaderMap::new();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/vnd.pmtiles"),
    );
    headers.insert(CACHE_CONTROL, caching::derived(q.known_at, app.now()));
    headers.insert(
        CONTENT_DISPOSITION,
        HeaderValue::from_str(&name).expect("a date is a valid header value"),
    );
    headers.insert(ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    let body = axum::body::Bytes::from_owner(bytes);
    // PMTiles readers (pmtiles.js, QGIS) fetch byte ranges of the archive.
    let Some(range) = range else {
        return Ok((headers, Body::from(body)).into_response());
    };
    let total = body.len();
    let (start, end) = byte_range(range.to_str().unwrap_or(""), total).ok_or_else(|| {
        ApiError::range_not_satisfiable(format!("Range {range:?}: expected one range bytes=START-END, START-, or -SUFFIX within {total} bytes"))
    })?;
    headers.insert(
        CONTENT_RANGE,
        HeaderValue::from_str(&format!("bytes {start}-{end}/{total}"))
            .expect("numbers are a valid header value"),
    );
    Ok((
        StatusCode::PARTIAL_CONTENT,
        headers,
        Body::from(body.slice(start..=end)),
    )
        .into_response())
}

/// One byte range `bytes=a-b`, `bytes=a-` or `bytes=-n` within `total` bytes, inclusive.
fn byte_range(text: &str, total: usize) -> Option<(usize, usize)> {
    let spec = text.trim().strip_prefix("bytes=")?;
    if spec.contains(',') || total == 0 {
        return None;
    }
    let (a, b) = spec.split_once('-')?;
    let (a, b) = (a.trim(), b.trim());
    let (start, end) = if a.is_empty() {
        let n: usize = b.parse().ok().filter(|&n| n > 0)?;
        (total.saturating_sub(n), total - 1)
    } else {
        let start: usize = a.parse().ok()?;
        let end = if b.is_empty() {
            total - 1
        } else {
            b.parse::<usize>().ok()?.min(total - 1)
        };
        (start, end)
    };
    (start <= end && start < total).then_some((start, end))
}

#[cfg(test)]
mod tests {
    use super::byte_range;

    #[test]
    fn byte_ranges_are_read_as_http_says() {
        assert_eq!(byte_range("bytes=0-99", 1000), Some((0, 99)));
        assert_eq!(byte_range("bytes=900-", 1000), Some((900, 999)));
        assert_eq!(byte_range("bytes=-100", 1000), Some((900, 999)));
        assert_eq!(byte_range("bytes=990-2000", 1000), Some((990, 999)));
        assert_eq!(byte_range("bytes=1000-1001", 1000), None);
        assert_eq!(byte_range("bytes=5-1", 1000), None);
        assert_eq!(byte_range("bytes=0-1,5-6", 1000), None);
        assert_eq!(byte_range("items=0-1", 1000), None);
    }
}
