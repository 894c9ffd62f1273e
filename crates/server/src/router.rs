//! The routes, and the layers every answer passes through.

use axum::Router;
use axum::extract::FromRef;
use axum::http::header::{
    CONTENT_LENGTH, CONTENT_SECURITY_POLICY, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS,
};
use axum::http::{HeaderValue, Method};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tower_http::compression::CompressionLayer;
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate as _};
use tower_http::cors::CorsLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::app::App;
use crate::error::ApiError;
use crate::idle::{self, Activity};
use crate::tiles::TileCaches;
use crate::{api, brief, caching, ogc, openapi, tiles, viewer};

/// An error response that is not JSON (axum's rejections answer plain text or nothing)
/// answered again as [`ApiError`]'s JSON body, its other headers (`Allow`, ...) kept.
async fn json_errors(response: Response) -> Response {
    let status = response.status();
    let json = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || json {
        return response;
    }
    let (parts, body) = response.into_parts();
    // A rejection's text is short; more than this is cut.
    let text = axum::body::to_bytes(body, 16 * 1024)
        .await
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    let mut answer = ApiError::from_layer(status, &text).into_response();
    for (name, value) in &parts.headers {
        if name != CONTENT_TYPE && name != CONTENT_LENGTH {
            answer.headers_mut().append(name, value.clone());
        }
    }
    answer
}

/// What the routes share. Each handler extracts the parts it needs as axum substates:
/// `State<App>` (the atlas and the options), `State<TileCaches>` (the tile routes' caches).
#[derive(Debug, Clone)]
struct Shared {
    app: App,
    tiles: TileCaches,
}

impl FromRef<Shared> for App {
    fn from_ref(shared: &Shared) -> Self {
        shared.app.clone()
    }
}

impl FromRef<Shared> for TileCaches {
    fn from_ref(shared: &Shared) -> Self {
        shared.tiles.clone()
    }
}

/// Every route of the server, with ETags, compression, CORS for GET and request tracing.
///
/// The router keeps the tiles it makes (a date's layers, encoded tiles, PMTiles archives)
/// in caches of its own, bounded by [`AppOptions::tile_cache_bytes`](crate::AppOptions)
/// and fixed counts: build it once per server.
pub fn router(app: App) -> Router {
    let tiles = TileCaches::new(app.options().tile_cache_bytes);
    routes(app, tiles, Activity::default())
}

/// The routes over the given caches, counting requests in `activity` (so that
/// [`serve`](crate::serve()) can release the caches when idle).
pub(crate) fn routes(app: App, tiles: TileCaches, activity: Activity) -> Router {
    let frame_ancestors = HeaderValue::from_str(&app.options().frame_ancestors.policy())
        .expect("a FrameAncestors is printable ASCII");
    Router::new()
        .route("/api/conflict", get(api::conflict))
        .route("/api/boundary", get(api::boundary))
        .route("/api/regions", get(api::regions))
        .route("/api/parties", get(api::parties))
        .route("/api/places", get(api::places))
        .route("/api/places/{id}/history", get(api::place_history))
        .route("/api/evidence-areas", get(api::evidence_areas))
        .route("/api/evidence-areas/{id}", get(api::evidence_area))
        .route("/api/milestones", get(api::milestones))
        .route("/api/evidence-histogram", get(api::evidence_histogram))
        .route("/api/state", get(api::state))
        .route("/api/stats", get(api::stats))
        .route("/api/series", get(api::series))
        .route("/api/diff", get(api::diff))
        .route("/api/why", get(api::why))
        .route("/api/areas", get(api::areas))
        .route("/api/frontlines", get(api::front_lines))
        .route("/api/map", get(api::map))
        .route("/api/toll", get(api::toll))
        .route("/api/presence", get(api::presence))
        .route("/tiles/{file}", get(tiles::date_file))
        .route("/tiles/{date}/{z}/{x}/{y}", get(tiles::tile))
        .route("/ogc", get(ogc::landing))
        .route("/ogc/conformance", get(ogc::conformance))
        .route("/ogc/collections", get(ogc::collections))
        .route("/ogc/collections/{id}", get(ogc::one_collection))
        .route("/ogc/collections/{id}/schema", get(ogc::collection_schema))
        .route("/ogc/collections/{id}/items", get(ogc::items))
        .route("/ogc/collections/{id}/items/{feature}", get(ogc::item))
        .route("/brief/{round}", get(brief::brief))
        .route("/openapi.json", get(openapi::document))
        .fallback(
            get(viewer::asset)
                .fallback(|| async { ApiError::method_not_allowed().into_response() }),
        )
        .method_not_allowed_fallback(|| async { ApiError::method_not_allowed().into_response() })
        // Errors of the HTTP layer itself (extractor rejections) in the JSON error shape.
        .layer(axum::middleware::map_response(json_errors))
        .layer(axum::middleware::from_fn(caching::etag))
        .layer(SetResponseHeaderLayer::overriding(
            X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        // Which sites may embed the viewer (the viewer's own policy is in its page).
        .layer(SetResponseHeaderLayer::if_not_present(
            CONTENT_SECURITY_POLICY,
            frame_ancestors,
        ))
        // PMTiles archives hold gzipped tiles and are read by byte ranges: sent as they are.
        .layer(CompressionLayer::new().compress_when(
            DefaultPredicate::new().and(NotForContentType::const_new("application/vnd.pmtiles")),
        ))
        .layer(
            CorsLayer::new()
                .allow_methods([Method::GET, Method::HEAD])
                .allow_origin(tower_http::cors::Any),
        )
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .layer(axum::middleware::from_fn_with_state(activity, idle::track))
        .with_state(Shared { app, tiles })
}
