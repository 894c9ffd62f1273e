//! `/ogc/...`: OGC API - Features (Part 1: Core, GeoJSON, OpenAPI 3.0) over places,
//! observations, the areas of a date and foreign forces' presence on a date, with a JSON
//! Schema of each collection's properties ([`schema`]).

mod schema;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use frontline_model::{Observation, PartialDate};
use serde_json::{Value, json};

use crate::api;
use crate::app::App;
use crate::caching;
use crate::error::ApiError;
use crate::geojson;
use crate::params::Params;

/// The most features one page may hold.
pub(crate) const MAX_LIMIT: usize = 10_000;
const DEFAULT_LIMIT: usize = 100;

/// The collections: id, title, description.
const COLLECTIONS: [(&str, &str, &str); 5] = [
    (
        "places",
        "Places",
        "Settlements and key sites whose control is observed; no time",
    ),
    (
        "observations",
        "Observations",
        "Dated, sourced reports of who held a place; `datetime` filters by valid date. valid_from and valid_until are the first and last day of the reported periods; their precision (day, month or year) says how exactly they were reported",
    ),
    (
        "areas",
        "Areas",
        "Land per party on one date: `datetime` as one date (YYYY-MM-DD), or none for the current state (today, as the server knows it); method parameters as /api/areas",
    ),
    (
        "evidence-areas",
        "Areas reported on as a whole",
        "The areas observations can be about (a pocket, a region, a named set of places): outline, how it was drawn, the places covered; no time",
    ),
    (
        "presence",
        "Foreign forces' presence",
        "Sites where a foreign force was present on one date (bases, garrisons, observation posts), as sources report them: `datetime` as one date (YYYY-MM-DD), or none for the current state (today, as the server knows it); `known_at` as /api/presence. Presence is not control and changes no area",
    ),
];

fn base(headers: &HeaderMap) -> String {
    crate::params::origin(headers)
}

fn link(href: String, rel: &str, kind: &str, title: &str) -> Value {
    json!({ "href": href, "rel": rel, "type": kind, "title": title })
}

/// `GET /ogc`: the landing page.
pub(crate) async fn landing(State(app): State<App>, headers: HeaderMap) -> Response {
    let b = base(&headers);
    Json(json!({
        "title": format!("Frontline: {}", app.atlas().conflict().names.en),
        "description": "Dated, sourced observations of who controls what, and the areas derived from them",
        "links": [
            link(format!("{b}/ogc"), "self", "application/json", "This document"),
            link(format!("{b}/openapi.json"), "service-desc", "application/vnd.oai.openapi+json;version=3.0", "The API definition"),
            link(format!("{b}/ogc/conformance"), "conformance", "application/json", "Conformance classes"),
            link(format!("{b}/ogc/collections"), "data", "application/json", "Collections"),
        ],
    }))
    .into_response()
}

/// `GET /ogc/conformance`.
pub(crate) async fn conformance() -> Response {
    Json(json!({
        "conformsTo": [
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
        ]
    }))
    .into_response()
}

fn collection(app: &App, b: &str, id: &str, title: &str, description: &str) -> Value {
    let c = app.atlas().conflict();
    json!({
        "id": id, "title": title, "description": description, "itemType": "feature",
        "crs": ["http://www.opengis.net/def/crs/OGC/1.3/CRS84"],
        "extent": {
            "spatial": { "bbox": [geojson::bbox(&c.boundary)], "crs": "http://www.opengis.net/def/crs/OGC/1.3/CRS84" },
            "temporal": { "interval": [[format!("{}T00:00:00Z", c.start), Value::Null]] },
        },
        "links": [
            link(format!("{b}/ogc/collections/{id}"), "self", "application/json", title),
            link(format!("{b}/ogc/collections/{id}/items"), "items", "application/geo+json", "Items"),
            // Relation types are case-insensitive (RFC 8288); GDAL's OAPIF driver (3.6)
            // looks for this spelling exactly.
            link(format!("{b}/ogc/collections/{id}/schema"), "describedBy", "application/schema+json", "The properties of the items and their types"),
            link(format!("{b}/ogc/collections/{id}/schema"), "http://www.opengis.net/def/rel/ogc/1.0/schema", "application/schema+json", "The properties of the items and their types"),
        ],
    })
}

/// `GET /ogc/collections`.
pub(crate) async fn collections(State(app): State<App>, headers: HeaderMap) -> Response {
    let b = base(&headers);
    let list: Vec<Value> = COLLECTIONS
        .iter()
        .map(|(id, t, d)| collection(&app, &b, id, t, d))
        .collect();
    Json(json!({ "links": [link(format!("{b}/ogc/collections"), "self", "application/json", "Collections")], "collections": list })).into_response()
}

fn unknown_collection(id: &str) -> ApiError {
    let ids: Vec<&str> = COLLECTIONS.iter().map(|(c, _, _)| *c).collect();
    ApiError::not_found(
        "unknown_collection",
        format!(
            "no collection {id:?}; the collections are {}",
            ids.join(", ")
        ),
    )
}

/// The collection named `id`: id, title, description.
fn find_collection(id: &str) -> Result<(&'static str, &'static str, &'static str), ApiError> {
    COLLECTIONS
        .iter()
        .find(|(c, _, _)| *c == id)
        .copied()
        .ok_or_else(|| unknown_collection(id))
}

/// `GET /ogc/collections/{id}`.
pub(crate) async fn one_collection(
    State(app): State<App>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let (id, t, d) = find_collection(&id)?;
    Ok(Json(collection(&app, &base(&headers), id, t, d)).into_response())
}

/// `GET /ogc/collections/{id}/schema`: the JSON Schema of the collection's items
/// (OGC API Features Part 5 style), dates typed as `format: date` or `date-time`.
pub(crate) async fn collection_schema(
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let (id, title, _) = find_collection(&id)?;
    let url = format!("{}/ogc/collections/{id}/schema", base(&headers));
    Ok((
        [(
            CONTENT_TYPE,
            HeaderValue::from_static("application/schema+json"),
        )],
        Json(schema::collection(id, title, &url)),
    )
        .into_response())
}

/// `bbox=w,s,e,n` (or `w,s,z0,e,n,z1`) in lon/lat.
fn bbox(params: &Params) -> Result<Option<[f64; 4]>, ApiError> {
    let Some(text) = params.get("bbox") else {
        return Ok(None);
    };
    let bad = |why: &str| ApiError::bad_request("invalid_bbox", format!("`bbox={text}`: {why}"));
    let expected = "expected four numbers west,south,east,north (or six, with the lowest and highest elevation after south and after north)";
    let v: Vec<f64> = text
        .split(',')
        .map(|s| s.trim().parse::<f64>().ok().filter(|x| x.is_finite()))
        .collect::<Option<_>>()
        .ok_or_else(|| bad(expected))?;
    // A 3D box (w, s, z0, e, n, z1) is read by its 2D part: the features have no height.
    let [w, s, e, n] = match v.as_slice() {
        &[w, s, e, n] | &[w, s, _, e, n, _] => [w, s, e, n],
        _ => return Err(bad(expected)),
    };
    if !(-180.0..=180.0).contains(&w)
        || !(-180.0..=180.0).contains(&e)
        || !(-90.0..=90.0).contains(&s)
        || !(-90.0..=90.0).contains(&n)
    {
        return Err(bad(
            "longitudes must lie in -180..180 and latitudes in -90..90",
        ));
    }
    if w > e || s > n {
        return Err(bad("west must not exceed east, nor south north"));
    }
    Ok(Some([w, s, e, n]))
}

/// `datetime`: an instant (a day or an RFC 3339 time, taken by its day) or an interval
/// `a/b` with `..` for an open end; as inclusive days.
/// Inclusive days; `None` for an open end.
type Interval = (Option<NaiveDate>, Option<NaiveDate>);

fn datetime(params: &Params) -> Result<Option<Interval>, ApiError> {
    let Some(text) = params.get("datetime") else {
        return Ok(None);
    };
    let one = |s: &str| -> Result<Option<NaiveDate>, ApiError> {
        let s = s.trim();
        if s == ".." || s.is_empty() {
            return Ok(None);
        }
        let day = s
            .get(..10)
            .filter(|_| s.len() == 10 || s.as_bytes().get(10) == Some(&b'T'))
            .unwrap_or(s);
        frontline_atlas::parse_day(day).map(Some).map_err(|_| {
            ApiError::bad_request("invalid_datetime", format!("`datetime={text}`: expected a date, an RFC 3339 time, or an interval a/b with .. for an open end"))
        })
    };
    let range = match text.split_once('/') {
        Some((a, b)) => (one(a)?, one(b)?),
        None => {
            let d = one(text)?;
            (d, d)
        }
    };
    if let (Some(a), Some(b)) = range {
        if a > b {
            return Err(ApiError::bad_request(
                "invalid_datetime",
                format!("`datetime={text}`: the interval ends before it starts"),
            ));
        }
    }
    Ok(Some(range))
}

fn page(params: &Params) -> Result<(usize, usize), ApiError> {
    let number = |name: &str, default: usize| -> Result<usize, ApiError> {
        params.get(name).map_or(Ok(default), |v| {
            v.parse::<usize>().map_err(|_| {
                ApiError::bad_request(
                    "invalid_parameter",
                    format!("`{name}={v}`: expected a whole number"),
                )
            })
        })
    };
    // A limit above the most a page holds is capped (OGC API Features Part 1, 7.15.4).
    let limit = number("limit", DEFAULT_LIMIT)?.min(MAX_LIMIT);
    if limit == 0 {
        return Err(ApiError::bad_request(
            "invalid_parameter",
            "`limit=0`: expected 1 or more".to_owned(),
        ));
    }
    Ok((limit, number("offset", 0)?))
}

/// Whether a geometry's box meets the asked box (always, when none was asked).
fn overlaps(b: Option<[f64; 4]>, geometry: Option<&Value>) -> bool {
    match (b, geometry.and_then(geojson::value_bbox)) {
        (None, _) => true,
        (Some(b), Some(g)) => g[0] <= b[2] && b[0] <= g[2] && g[1] <= b[3] && b[1] <= g[3],
        (Some(_), None) => false,
    }
}

fn inside(b: Option<[f64; 4]>, lon: f64, lat: f64) -> bool {
    b.is_none_or(|b| lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3])
}

/// A reported period as typed dates: `valid_from` and `valid_until` as the first and last
/// day of the periods (YYYY-MM-DD, which GIS clients read as dates) and how precisely each
/// end was reported (`day`, `month` or `year`).
fn period(properties: &mut Value, from: PartialDate, until: Option<PartialDate>) {
    properties["valid_from"] = json!(from.first_day().to_string());
    properties["valid_from_precision"] = json!(from.precision());
    properties["valid_until"] = json!(until.map(|u| u.last_day().to_string()));
    properties["valid_until_precision"] = json!(until.map(PartialDate::precision));
}

/// An observation as a feature, drawn at its place's point or, for an area, on its outline.
fn observation_feature(o: &Observation, geometry: Value, name: &str) -> Value {
    let mut feature = json!({
        "type": "Feature",
        "id": o.id.as_str(),
        "geometry": geometry,
        "properties": {
            "place": o.place.as_str(), "name": name, "status": o.status.as_str(),
            "parties": o.parties.iter().map(|p| p.as_str()).collect::<Vec<_>>(),
            "confidence": o.confidence.as_str(), "note": o.note, "sources": o.sources,
            "recorded_at": o.recorded_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            "supersedes": o.supersedes.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
        },
    });
    period(&mut feature["properties"], o.valid_from, o.valid_until);
    feature
}

/// The one date a dated collection (areas, presence) is asked for: `datetime` as one day,
/// or today (as the server knows it) without one.
fn one_day(app: &App, id: &str, datetime: Option<Interval>) -> Result<NaiveDate, ApiError> {
    match datetime {
        None => Ok(app.now().date_naive()),
        Some((Some(a), Some(b))) if a == b => Ok(a),
        _ => Err(ApiError::bad_request(
            "invalid_datetime",
            format!(
                "the {id} collection takes `datetime` as one date (YYYY-MM-DD), or none for today"
            ),
        )),
    }
}

/// Foreign forces' sites on a date as features, their periods typed as
/// [`observation_feature`]'s.
fn presence_features(report: &frontline_atlas::PresenceReport) -> Vec<Value> {
    let mut features: Vec<Value> = report
        .feature_collection()
        .get("features")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for (f, site) in features.iter_mut().zip(&report.sites) {
        let from = PartialDate::parse(&site.valid_from).ok();
        let until = site
            .valid_until
            .as_deref()
            .and_then(|u| PartialDate::parse(u).ok());
        if let Some(from) = from {
            period(&mut f["properties"], from, until);
        }
    }
    features
}

/// The features of collection `id` that the request's `bbox` and `datetime` select, and the
/// cache lifetime of the answer.
async fn features(
    app: &App,
    id: &str,
    params: &Params,
) -> Result<(Vec<Value>, HeaderValue), ApiError> {
    let bbox = bbox(params)?;
    let datetime = datetime(params)?;
    let atlas = app.atlas();
    let mut cache = caching::SHORT;
    let features: Vec<Value> = match id {
        "places" => atlas
            .places()
            .iter()
            .filter(|p| inside(bbox, p.lon, p.lat))
            .map(|p| json!({ "type": "Feature", "id": p.id.as_str(), "geometry": frontline_formats::point_json(p.lon, p.lat), "properties": api::place_json(p) }))
            .collect(),
        "observations" => {
            let places: std::collections::HashMap<&str, &frontline_model::Place> = atlas.places().iter().map(|p| (p.id.as_str(), p)).collect();
            let areas: std::collections::HashMap<String, Value> = api::evidence_area_features(atlas)
                .into_iter()
                .filter_map(|f| Some((f.get("id")?.as_str()?.to_owned(), f)))
                .collect();
            atlas
                .timeline()
                .observations()
                .iter()
                .filter(|o| match datetime {
                    None => true,
                    Some((from, to)) => {
                        let starts = o.valid_from.first_day();
                        let ends = o.valid_until.map(|u| u.last_day());
                        to.is_none_or(|t| starts <= t) && from.is_none_or(|f| ends.is_none_or(|e| e >= f))
                    }
                })
                .filter_map(|o| {
                    if let Some(p) = places.get(o.place.as_str()) {
                        return inside(bbox, p.lon, p.lat)
                            .then(|| observation_feature(o, frontline_formats::point_json(p.lon, p.lat), &p.names.en));
                    }
                    let area = areas.get(o.place.as_str())?;
                    let geometry = area.get("geometry").cloned().unwrap_or(Value::Null);
                    let within = overlaps(bbox, Some(&geometry));
                    let name = area.pointer("/properties/name").and_then(Value::as_str).unwrap_or("");
                    within.then(|| observation_feature(o, geometry, name))
                })
                .collect()
        }
        "areas" => {
            // Without `datetime`, the areas of today (as the collection's description says).
            let day = one_day(app, id, datetime)?;
            let q = params.question(day)?;
            cache = caching::derived(q.known_at, app.now());
            let at = q.at(app.now());
            let value = app.blocking(move |atlas| Ok(atlas.areas(at)?)).await?;
            value
                .get("features")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .filter(|f| overlaps(bbox, f.get("geometry")))
                .map(|mut f| {
                    if let Some(key) = f.pointer("/properties/key").cloned() {
                        f["id"] = key;
                    }
                    f["properties"]["date"] = json!(day.to_string());
                    f
                })
                .collect()
        }
        "presence" => {
            let q = params.question(one_day(app, id, datetime)?)?;
            cache = caching::derived(q.known_at, app.now());
            let at = q.at(app.now());
            let report = app
                .blocking(move |atlas| Ok(atlas.presence(at.on, at.known_at)))
                .await?;
            presence_features(&report)
                .into_iter()
                .filter(|f| overlaps(bbox, f.get("geometry")))
                .collect()
        }
        "evidence-areas" => api::evidence_area_features(atlas)
            .into_iter()
            .filter(|f| overlaps(bbox, f.get("geometry")))
            .collect(),
        other => return Err(unknown_collection(other)),
    };
    Ok((features, cache))
}

/// `GET /ogc/collections/{id}/items?bbox=&datetime=&limit=&offset=`.
/// The parameters the items of a collection take (OGC API Features Part 1 lets a server
/// refuse others, and a silently ignored `bbox-crs` would answer in the wrong CRS).
const ITEM_PARAMETERS: [&str; 9] = [
    "bbox",
    "datetime",
    "limit",
    "offset",
    "known_at",
    "cap_km",
    "band_km",
    "stale_days",
    "effective_km",
];

/// Refuses a parameter the items do not take, naming it and the ones they do.
fn known_parameters(params: &Params) -> Result<(), ApiError> {
    let Some(name) = params.unknown(&ITEM_PARAMETERS).first().copied() else {
        return Ok(());
    };
    let why = if matches!(name, "bbox-crs" | "crs") {
        "coordinates are served in CRS84 (lon/lat, WGS 84) only: OGC API Features Part 2 (CRS by reference) is not implemented".to_owned()
    } else {
        format!(
            "this server does not take it; the items take {}",
            ITEM_PARAMETERS.join(", ")
        )
    };
    Err(ApiError::bad_request(
        "unknown_parameter",
        format!("`{name}`: {why}"),
    ))
}

pub(crate) async fn items(
    State(app): State<App>,
    Path(id): Path<String>,
    params: Params,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    known_parameters(&params)?;
    let (limit, offset) = page(&params)?;
    let (features, cache) = features(&app, &id, &params).await?;
    let matched = features.len();
    let page: Vec<Value> = features.into_iter().skip(offset).take(limit).collect();
    let b = base(&headers);
    let query = |offset: usize| {
        let mut pairs: Vec<String> = [
            "bbox",
            "datetime",
            "known_at",
            "cap_km",
            "band_km",
            "stale_days",
            "effective_km",
        ]
        .iter()
        .filter_map(|k| params.get(k).map(|v| format!("{k}={v}")))
        .collect();
        pairs.push(format!("limit={limit}"));
        pairs.push(format!("offset={offset}"));
        pairs.join("&")
    };
    let mut links = vec![
        link(
            format!("{b}/ogc/collections/{id}/items?{}", query(offset)),
            "self",
            "application/geo+json",
            "This page",
        ),
        link(
            format!("{b}/ogc/collections/{id}"),
            "collection",
            "application/json",
            "The collection",
        ),
    ];
    if offset + page.len() < matched {
        links.push(link(
            format!(
                "{b}/ogc/collections/{id}/items?{}",
                query(offset + page.len())
            ),
            "next",
            "application/geo+json",
            "Next page",
        ));
    }
    let body = json!({
        "type": "FeatureCollection",
        "numberMatched": matched,
        "numberReturned": page.len(),
        "timeStamp": app.now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "features": page,
        "links": links,
    });
    Ok((
        [
            (
                CONTENT_TYPE,
                HeaderValue::from_static("application/geo+json"),
            ),
            (CACHE_CONTROL, cache),
        ],
        Json(body),
    )
        .into_response())
}

/// `GET /ogc/collections/{id}/items/{feature}`: one feature (areas need `datetime`, one
/// date, and are named by their key).
pub(crate) async fn item(
    State(app): State<App>,
    Path((id, feature)): Path<(String, String)>,
    params: Params,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    known_parameters(&params)?;
    let (features, cache) = features(&app, &id, &params).await?;
    let mut found = features
        .into_iter()
        .find(|f| f["id"].as_str() == Some(feature.as_str()))
        .ok_or_else(|| {
            ApiError::not_found(
                "unknown_feature",
                format!("collection {id:?} has no feature {feature:?}"),
            )
        })?;
    let b = base(&headers);
    found["links"] = json!([
        link(
            format!("{b}/ogc/collections/{id}/items/{feature}"),
            "self",
            "application/geo+json",
            "This feature"
        ),
        link(
            format!("{b}/ogc/collections/{id}"),
            "collection",
            "application/json",
            "The collection"
        ),
    ]);
    Ok((
        [
            (
                CONTENT_TYPE,
                HeaderValue::from_static("application/geo+json"),
            ),
            (CACHE_CONTROL, cache),
        ],
        Json(found),
    )
        .into_response())
}
