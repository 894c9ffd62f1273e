//! Geometries as RFC 7946 GeoJSON values (lon/lat, 7 decimals).

use geo_types::MultiPolygon;
use serde_json::{Value, json};

fn r7(v: f64) -> f64 {
    (v * 1e7).round() / 1e7
}

/// A point.
pub(crate) fn point(lon: f64, lat: f64) -> Value {
    json!({ "type": "Point", "coordinates": [r7(lon), r7(lat)] })
}

/// A multipolygon, rings as stored (the store keeps counter-clockwise exteriors).
pub(crate) fn multipolygon(mp: &MultiPolygon<f64>) -> Value {
    let polygons: Vec<Value> =
        mp.0.iter()
            .map(|p| {
                std::iter::once(p.exterior())
                    .chain(p.interiors())
                    .map(|ring| {
                        ring.coords()
                            .map(|c| json!([r7(c.x), r7(c.y)]))
                            .collect::<Vec<_>>()
                    })
                    .collect::<Vec<_>>()
                    .into()
            })
            .collect();
    json!({ "type": "MultiPolygon", "coordinates": polygons })
}

/// The bounding box `[west, south, east, north]` of a multipolygon.
pub(crate) fn bbox(mp: &MultiPolygon<f64>) -> [f64; 4] {
    let mut b = [
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    ];
    for c in mp.0.iter().flat_map(|p| p.exterior().coords()) {
        b = [b[0].min(c.x), b[1].min(c.y), b[2].max(c.x), b[3].max(c.y)];
    }
    b.map(r7)
}

/// The bounding box of any GeoJSON geometry value (by its coordinates).
pub(crate) fn value_bbox(geometry: &Value) -> Option<[f64; 4]> {
    fn walk(v: &Value, b: &mut [f64; 4]) {
        match v.as_array() {
            Some(a) if a.len() >= 2 && a[0].is_number() => {
                let (x, y) = (a[0].as_f64().unwrap_or(0.0), a[1].as_f64().unwrap_or(0.0));
                *b = [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)];
            }
            Some(a) => a.iter().for_each(|x| walk(x, b)),
            None => {}
        }
    }
    let mut b = [
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    ];
    walk(geometry.get("coordinates")?, &mut b);
    b[0].is_finite().then_some(b)
}
