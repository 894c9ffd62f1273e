//! Geometries as RFC 7946 GeoJSON values: lon/lat, 2-D, 7 decimals. One writer for
//! exports, the CLI's areas and the server's answers.

use geo_types::{Coord, MultiLineString, MultiPolygon};
use serde_json::{Value, json};

/// Rounds a coordinate to 7 decimals (about 1 cm), as RFC 7946 recommends.
#[must_use]
pub fn round7(v: f64) -> f64 {
    (v * 1e7).round() / 1e7
}

fn position(c: Coord<f64>) -> Value {
    json!([round7(c.x), round7(c.y)])
}

/// A GeoJSON Point.
#[must_use]
pub fn point_json(lon: f64, lat: f64) -> Value {
    json!({ "type": "Point", "coordinates": [round7(lon), round7(lat)] })
}

/// A GeoJSON MultiPolygon, rings as given (callers keep exteriors counter-clockwise).
#[must_use]
pub fn multipolygon_json(mp: &MultiPolygon<f64>) -> Value {
    let polygons: Vec<Value> =
        mp.0.iter()
            .map(|p| {
                std::iter::once(p.exterior())
                    .chain(p.interiors())
                    .map(|ring| ring.coords().copied().map(position).collect::<Vec<_>>())
                    .collect::<Vec<_>>()
                    .into()
            })
            .collect();
    json!({ "type": "MultiPolygon", "coordinates": polygons })
}

/// A GeoJSON MultiLineString.
#[must_use]
pub fn multilinestring_json(ml: &MultiLineString<f64>) -> Value {
    let lines: Vec<Value> =
        ml.0.iter()
            .map(|l| l.coords().copied().map(position).collect::<Vec<_>>().into())
            .collect();
    json!({ "type": "MultiLineString", "coordinates": lines })
}
