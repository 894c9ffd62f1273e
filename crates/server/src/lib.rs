//! Frontline over HTTP: the JSON API, vector tiles, OGC API - Features and the web viewer.
//!
//! `frontline serve` loads a conflict's evidence once into an [`frontline_atlas::Atlas`]
//! and answers every question about a date from it, with the same contracts as the CLI's
//! JSON output. The same answers are offered in the formats other tools expect: GeoJSON
//! (RFC 7946), Mapbox Vector Tiles 2.1 with TileJSON 3.0.0, a PMTiles v3 archive per date,
//! and OGC API - Features; the briefing for a round of talks is a printable HTML page at
//! `/brief/{round}`. `openapi.json` (committed beside this crate, served at
//! `/openapi.json`) documents every route.
//!
//! Handlers are async at the edge only: the CPU work (inference, tile cutting) runs on
//! tokio's blocking pool. The router keeps what the tile routes make (a date's layers,
//! encoded tiles, PMTiles archives) in bounded LRU caches under typed keys (date, record
//! time, method, z/x/y), reached by handlers as axum substate. Every GET carries an ETag;
//! answers as known at an explicit record time are cached as immutable (see the rule in the
//! `caching` module).
//!
//! # Map
//! - [`App`] and [`AppOptions`]: what every handler shares (the atlas, the options);
//!   [`FrameAncestors`]: which sites may embed the viewer.
//! - [`router`]: every route with its layers and the tile caches; test it with
//!   `tower::ServiceExt::oneshot`.
//! - [`serve`]: run on a listener until Ctrl-C or SIGTERM.
//! - [`ApiError`]: the one HTTP error, `{ "error": { "code", "message" } }`; [`Error`]
//!   and [`Result`] for serving.

mod api;
mod app;
mod brief;
mod cache;
mod caching;
mod error;
mod geojson;
mod idle;
mod ogc;
mod openapi;
mod params;
mod router;
mod serve;
mod tiles;
mod viewer;

pub use app::{App, AppOptions, FrameAncestors, InvalidFrameAncestors};
pub use error::{ApiError, Error, Result};
pub use router::router;
pub use serve::serve;
