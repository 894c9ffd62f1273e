//! `/api/...`: the JSON API, with the same contracts as the CLI's `--format json`.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::HeaderValue;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use chrono::{Datelike as _, NaiveDate};
use frontline_atlas::{Atlas, Question, Step};
use frontline_model::StateQuery;
use frontline_render::{OutputFormat, PageSize};
use serde::Serialize;
use serde_json::{Value, json};

use crate::app::App;
use crate::caching;
use crate::error::ApiError;
use crate::geojson;
use crate::params::Params;

pub(crate) type Answer = Result<Response, ApiError>;

/// A derived answer, with the cache lifetime its record time allows.
fn derived<T: Serialize>(app: &App, q: &Question, value: &T) -> Response {
    (
        [(CACHE_CONTROL, caching::derived(q.known_at, app.now()))],
        Json(value),
    )
        .into_response()
}

/// `GET /api/conflict`.
pub(crate) async fn conflict(State(app): State<App>) -> Answer {
    let c = app.atlas().conflict();
    Ok(Json(json!({
        "id": c.id, "name": c.names.en, "name_ar": c.names.ar, "start": c.start,
        "bbox": geojson::bbox(&c.boundary), "today": app.today(),
    }))
    .into_response())
}

/// `GET /api/boundary`: the conflict's territory as a GeoJSON Feature.
pub(crate) async fn boundary(State(app): State<App>) -> Answer {
    let c = app.atlas().conflict();
    Ok(Json(json!({
        "type": "Feature",
        "properties": { "id": c.id, "name": c.names.en, "name_ar": c.names.ar },
        "geometry": frontline_formats::multipolygon_json(&c.boundary),
    }))
    .into_response())
}

/// `GET /api/regions`: the admin regions as a GeoJSON FeatureCollection.
pub(crate) async fn regions(State(app): State<App>) -> Answer {
    let features: Vec<Value> = app
        .atlas()
        .regions()
        .iter()
        .map(|r| {
            json!({
                "type": "Feature",
                "id": r.id.as_str(),
                "properties": { "id": r.id.as_str(), "name": r.names.en, "name_ar": r.names.ar, "level": r.level, "parent": r.parent.as_ref().map(|p| p.as_str()) },
                "geometry": frontline_formats::multipolygon_json(&r.geometry),
            })
        })
        .collect();
    Ok(Json(json!({ "type": "FeatureCollection", "features": features })).into_response())
}

/// `GET /api/parties`: every party version (as `frontline parties --format json`).
pub(crate) async fn parties(State(app): State<App>) -> Answer {
    let rows: Vec<Value> = app
        .atlas()
        .parties()
        .iter()
        .map(|p| {
            json!({
                "id": p.id.as_str(), "name": p.names.en, "name_ar": p.names.ar, "colour": p.colour.to_string(),
                "kind": p.kind.as_str(), "parent": p.parent.as_ref().map(|x| x.as_str()),
                "successor_of": p.successor_of.iter().map(|x| x.as_str()).collect::<Vec<_>>(),
                "valid_from": p.valid_from.map(|d| d.to_string()), "valid_until": p.valid_until.map(|d| d.to_string()),
                "since": p.since.map(|d| d.to_string()),
            })
        })
        .collect();
    Ok(Json(rows).into_response())
}

/// One place as a JSON object (as `frontline places --format json`).
pub(crate) fn place_json(p: &frontline_model::Place) -> Value {
    json!({
        "id": p.id.as_str(), "name": p.names.en, "name_ar": p.names.ar, "kind": p.kind.as_str(),
        "lon": p.lon, "lat": p.lat, "population": p.population.as_ref().map(|x| x.value),
        "population_year": p.population.as_ref().and_then(|x| x.year),
        "region": p.region.as_ref().map(|r| r.as_str()), "aliases": p.aliases,
    })
}

/// `GET /api/places`.
pub(crate) async fn places(State(app): State<App>) -> Answer {
    Ok(Json(
        app.atlas()
            .places()
            .iter()
            .map(place_json)
            .collect::<Vec<_>>(),
    )
    .into_response())
}

/// `GET /api/places/{id}/history` (as `frontline history ID --format json`).
pub(crate) async fn place_history(State(app): State<App>, Path(id): Path<String>) -> Answer {
    match app.atlas().history(&id) {
        Some(rows) => Ok(Json(rows).into_response()),
        None => Err(ApiError::not_found(
            "unknown_place",
            format!("no place has the id {id:?}; /api/places lists them"),
        )),
    }
}

/// `GET /api/milestones`.
pub(crate) async fn milestones(State(app): State<App>) -> Answer {
    let rows: Vec<Value> = app
        .atlas()
        .milestones()
        .iter()
        .map(|m| {
            json!({
                "id": m.id, "name": m.name, "start": m.start.to_string(), "end": m.end.map(|d| d.to_string()),
                "location": m.location, "series": m.series, "sources": m.sources,
            })
        })
        .collect();
    Ok(Json(rows).into_response())
}

/// `GET /api/evidence-histogram`: observations per month of their valid date, every month
/// from the conflict's start to the last observed month (zeros included).
pub(crate) async fn evidence_histogram(State(app): State<App>) -> Answer {
    let atlas = app.atlas();
    let month = |d: NaiveDate| (d.year(), d.month());
    let mut counts: BTreeMap<(i32, u32), u64> = BTreeMap::new();
    for o in atlas.timeline().observations() {
        *counts.entry(month(o.valid_from.first_day())).or_insert(0) += 1;
    }
    let start = month(atlas.conflict().start);
    let end = counts
        .keys()
        .next_back()
        .copied()
        .unwrap_or(start)
        .max(start);
    let first = counts.keys().next().copied().unwrap_or(start).min(start);
    let mut rows = Vec::new();
    let (mut y, mut m) = first;
    while (y, m) <= end {
        rows.push(json!({ "month": format!("{y:04}-{m:02}"), "observations": counts.get(&(y, m)).copied().unwrap_or(0) }));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    Ok(Json(rows).into_response())
}

/// `GET /api/state?date=D`.
pub(crate) async fn state(State(app): State<App>, params: Params) -> Answer {
    let q = params.question(params.day("date")?)?;
    let at = q.at(app.now());
    let rows = app
        .blocking(move |atlas| {
            Ok(atlas.state(StateQuery {
                on: at.on,
                known_at: at.known_at,
            }))
        })
        .await?;
    Ok(derived(&app, &q, &rows))
}

/// `GET /api/stats?date=D[&by=region]`.
pub(crate) async fn stats(State(app): State<App>, params: Params) -> Answer {
    let q = params.question(params.day("date")?)?;
    let at = q.at(app.now());
    let by_region = match params.get("by") {
        None => false,
        Some("region") => true,
        Some(other) => {
            return Err(ApiError::bad_request(
                "invalid_parameter",
                format!("`by={other}`: expected `region`"),
            ));
        }
    };
    let mut report = app.blocking(move |atlas| Ok(atlas.stats(at)?)).await?;
    if !by_region {
        report.regions.clear();
    }
    Ok(derived(&app, &q, &report))
}

/// `GET /api/series?from=D1&to=D2&step=day|week|month`.
pub(crate) async fn series(State(app): State<App>, params: Params) -> Answer {
    let from = params.day("from")?;
    let to = params.day("to")?;
    let step = match params.get("step") {
        None | Some("month") => Step::Month,
        Some("week") => Step::Week,
        Some("day") => Step::Day,
        Some(other) => {
            return Err(ApiError::bad_request(
                "invalid_parameter",
                format!("`step={other}`: expected day, week or month"),
            ));
        }
    };
    let q = params.question(from)?;
    let at = q.at(app.now());
    let points = app
        .blocking(move |atlas| Ok(atlas.series(from, to, step, at)?))
        .await?;
    Ok(derived(
        &app,
        &q,
        &json!({ "from": from, "to": to, "known_at": at.known_at, "method": at.method, "points": points }),
    ))
}

/// A date within the conflict's days, or the start of a milestone (a round of talks) by id,
/// as the CLI's `diff`.
pub(crate) fn date_or_milestone(
    atlas: &Atlas,
    params: &Params,
    name: &str,
    text: &str,
) -> Result<NaiveDate, ApiError> {
    if let Some(m) = atlas.milestones().iter().find(|m| m.id == text) {
        return Ok(m.start.first_day());
    }
    let day = frontline_atlas::parse_day(text).map_err(|_| {
        ApiError::bad_request("invalid_date", format!("`{name}={text}`: neither a day (YYYY-MM-DD) nor a milestone id (see /api/milestones)"))
    })?;
    params.within(name, text, day)
}

/// `GET /api/diff?from=D1&to=D2` (dates or milestone ids).
pub(crate) async fn diff(State(app): State<App>, params: Params) -> Answer {
    let from = date_or_milestone(app.atlas(), &params, "from", params.required("from")?)?;
    let to = date_or_milestone(app.atlas(), &params, "to", params.required("to")?)?;
    let q = params.question(to)?;
    let at = q.at(app.now());
    let report = app
        .blocking(move |atlas| Ok(atlas.diff(from, to, at)?))
        .await?;
    Ok(derived(&app, &q, &report))
}

/// `GET /api/why?date=D&lon=X&lat=Y`.
pub(crate) async fn why(State(app): State<App>, params: Params) -> Answer {
    let q = params.question(params.day("date")?)?;
    let at = q.at(app.now());
    let lon = params.coordinate("lon", -180.0..=180.0)?;
    let lat = params.coordinate("lat", -90.0..=90.0)?;
    let report = app
        .blocking(move |atlas| Ok(atlas.why(lon, lat, at)?))
        .await?;
    match report {
        Some(r) => Ok(derived(&app, &q, &r)),
        None => Err(ApiError::not_found(
            "outside_boundary",
            format!("the point ({lon}, {lat}) lies outside the conflict's boundary"),
        )),
    }
}

/// `GET /api/areas?date=D`.
pub(crate) async fn areas(State(app): State<App>, params: Params) -> Answer {
    let q = params.question(params.day("date")?)?;
    let at = q.at(app.now());
    let value = app.blocking(move |atlas| Ok(atlas.areas(at)?)).await?;
    Ok(geo_json(derived(&app, &q, &value)))
}

/// `GET /api/frontlines?date=D`.
pub(crate) async fn front_lines(State(app): State<App>, params: Params) -> Answer {
    let q = params.question(params.day("date")?)?;
    let at = q.at(app.now());
    let value = app
        .blocking(move |atlas| Ok(atlas.front_lines(at)?))
        .await?;
    Ok(geo_json(derived(&app, &q, &value)))
}

/// The largest raster the API draws (pixels), so that one request cannot exhaust memory.
const MAX_MAP_PIXELS: u64 = 40_000_000;

/// `size`: `a4`, `a3` or `WIDTHxHEIGHT` pixels (as the CLI's `--size`).
fn page(text: &str) -> Result<PageSize, ApiError> {
    let bad =
        |why: &str| ApiError::bad_request("invalid_parameter", format!("`size={text}`: {why}"));
    match text.to_ascii_lowercase().as_str() {
        "a4" => Ok(PageSize::A4),
        "a3" => Ok(PageSize::A3),
        other => {
            let (w, h) = other
                .split_once('x')
                .ok_or_else(|| bad("expected a4, a3 or WIDTHxHEIGHT"))?;
            let (w, h): (u32, u32) = (
                w.parse()
                    .map_err(|_| bad("the width is not a whole number"))?,
                h.parse()
                    .map_err(|_| bad("the height is not a whole number"))?,
            );
            if u64::from(w) * u64::from(h) > MAX_MAP_PIXELS {
                return Err(ApiError::bad_request(
                    "too_large",
                    format!("`size={text}`: at most {MAX_MAP_PIXELS} pixels"),
                ));
            }
            PageSize::pixels(w, h).map_err(|e| bad(&e.to_string()))
        }
    }
}

/// `GET /api/map?date=D&format=svg|png|pdf[&size=a4|a3|WxH&lang=en|ar&compare=D0]`: the
/// print map of a date (as `frontline map`).
pub(crate) async fn map(State(app): State<App>, params: Params) -> Answer {
    let q = params.question(params.day("date")?)?;
    let at = q.at(app.now());
    let (format, content_type) = match params.get("format").unwrap_or("svg") {
        "svg" => (OutputFormat::Svg, "image/svg+xml"),
        "png" => (OutputFormat::Png, "image/png"),
        "pdf" => (OutputFormat::Pdf, "application/pdf"),
        other => {
            return Err(ApiError::bad_request(
                "invalid_parameter",
                format!("`format={other}`: expected svg, png or pdf"),
            ));
        }
    };
    let size = page(params.get("size").unwrap_or("a4"))?;
    let language = params.language()?;
    let compare = params
        .get("compare")
        .map(|c| date_or_milestone(app.atlas(), &params, "compare", c))
        .transpose()?;
    let events_since = params
        .get("events_since")
        .map(|c| date_or_milestone(app.atlas(), &params, "events_since", c))
        .transpose()?;
    let bytes = app
        .blocking(move |atlas| {
            let scene = atlas.map_scene(at, language, compare, events_since)?;
            frontline_render::render_map(&scene, size, format).map_err(|e| ApiError::internal(&e))
        })
        .await?;
    let cache = caching::derived(q.known_at, app.now());
    Ok((
        [
            (CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (CACHE_CONTROL, cache),
        ],
        bytes,
    )
        .into_response())
}

/// Marks a JSON response as GeoJSON.
pub(crate) fn geo_json(mut response: Response) -> Response {
    response.headers_mut().insert(
        axum::http::header::CONTENT_TYPE,
        axum::http::HeaderValue::from_static("application/geo+json"),
    );
    response
}

/// `GET /api/toll?from=D1&to=D2[&by=party|region|month]`: violent events and deaths in a
/// period (the events layer, never control), as `frontline toll --format json`.
pub(crate) async fn toll(State(app): State<App>, params: Params) -> Answer {
    let from = date_or_milestone(app.atlas(), &params, "from", params.required("from")?)?;
    let to = date_or_milestone(app.atlas(), &params, "to", params.required("to")?)?;
    if to < from {
        return Err(ApiError::bad_request(
            "invalid_period",
            format!("`to={to}` is before `from={from}`"),
        ));
    }
    let by = match params.get("by") {
        None | Some("all") => None,
        Some("party") => Some(frontline_atlas::TollBy::Party),
        Some("region") => Some(frontline_atlas::TollBy::Region),
        Some("month") => Some(frontline_atlas::TollBy::Month),
        Some(other) => {
            return Err(ApiError::bad_request(
                "invalid_parameter",
                format!("`by={other}`: expected party, region or month"),
            ));
        }
    };
    let report = app
        .blocking(move |atlas| Ok(atlas.toll(from, to, by)))
        .await?;
    Ok(Json(report).into_response())
}

/// `GET /api/presence?date=D[&known_at=K]`: the sites foreign forces kept on a date (the
/// presence layer, never control), as GeoJSON points, as `frontline presence --format
/// geojson`.
pub(crate) async fn presence(State(app): State<App>, params: Params) -> Answer {
    let q = params.question(params.day("date")?)?;
    let at = q.at(app.now());
    let report = app
        .blocking(move |atlas| Ok(atlas.presence(at.on, at.known_at)))
        .await?;
    Ok(geo_json(Json(report.feature_collection()).into_response()))
}

/// One area that observations can be about, as a GeoJSON feature: its outline (a polygon;
/// a region's geometry; for a named set, its places as points), how the outline was drawn,
/// and the places it covers.
fn evidence_area_feature(atlas: &Atlas, area: &frontline_model::Area) -> Value {
    use frontline_model::Outline;
    let members = area.members(atlas.places(), atlas.regions());
    let geometry = match &area.outline {
        Outline::Polygon(mp) => frontline_formats::multipolygon_json(mp),
        Outline::Region(id) => atlas
            .regions()
            .iter()
            .find(|r| &r.id == id)
            .map_or(Value::Null, |r| {
                frontline_formats::multipolygon_json(&r.geometry)
            }),
        Outline::Places(_) => {
            let points: Vec<Value> = members
                .iter()
                .map(|&i| {
                    let p = &atlas.places()[i];
                    json!([
                        frontline_formats::round7(p.lon),
                        frontline_formats::round7(p.lat)
                    ])
                })
                .collect();
            json!({ "type": "MultiPoint", "coordinates": points })
        }
    };
    let region = match &area.outline {
        Outline::Region(id) => Some(id.as_str()),
        _ => None,
    };
    let places: Vec<&str> = members
        .iter()
        .map(|&i| atlas.places()[i].id.as_str())
        .collect();
    json!({
        "type": "Feature",
        "id": area.id.as_str(),
        "properties": {
            "id": area.id.as_str(), "name": area.names.en, "name_ar": area.names.ar,
            "outline": area.outline.kind(), "region": region, "drawn": area.drawn,
            "places": places,
        },
        "geometry": geometry,
    })
}

/// Every area observations can be about (latest versions, by id), as GeoJSON features.
pub(crate) fn evidence_area_features(atlas: &Atlas) -> Vec<Value> {
    let mut latest: BTreeMap<&str, &frontline_model::Area> = BTreeMap::new();
    for v in atlas.area_versions() {
        latest.insert(v.value.id.as_str(), &v.value);
    }
    latest
        .values()
        .map(|a| evidence_area_feature(atlas, a))
        .collect()
}

/// `GET /api/evidence-areas`: every area observations can be about (latest versions).
pub(crate) async fn evidence_areas(State(app): State<App>) -> Answer {
    let features = evidence_area_features(app.atlas());
    Ok(geo_json(
        Json(json!({ "type": "FeatureCollection", "features": features })).into_response(),
    ))
}

/// `GET /api/evidence-areas/{id}`: one area, as a GeoJSON feature.
pub(crate) async fn evidence_area(State(app): State<App>, Path(id): Path<String>) -> Answer {
    let atlas = app.atlas();
    let area = frontline_model::PlaceId::new(id.as_str())
        .ok()
        .and_then(|pid| atlas.area(&pid).cloned());
    match area {
        Some(a) => Ok(geo_json(
            Json(evidence_area_feature(atlas, &a)).into_response(),
        )),
        None => Err(ApiError::not_found(
            "unknown_area",
            format!("no area has the id {id:?}; /api/evidence-areas lists them"),
        )),
    }
}
