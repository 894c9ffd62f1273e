//! Geometries as RFC 7946 GeoJSON values (lon/lat, 7 decimals).

use geo_types::MultiPolygon;
use serde_json::Value;

fn r7(v: f64) -> f64 {
    (v * 1e7).round() / 1e7
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
