//! Areas and front lines as RFC 7946 GeoJSON.

use geo_types::{MultiLineString, MultiPolygon};
use serde_json::{Value, json};

use crate::{At, Atlas, Result};

/// Rounds to 7 decimals, as RFC 7946 recommends.
fn r7(v: f64) -> f64 {
    (v * 1e7).round() / 1e7
}

fn polygon_json(mp: &MultiPolygon<f64>) -> Value {
    let polys: Vec<Value> =
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
    json!({ "type": "MultiPolygon", "coordinates": polys })
}

fn lines_json(ml: &MultiLineString<f64>) -> Value {
    let lines: Vec<Value> =
        ml.0.iter()
            .map(|l| {
                l.coords()
                    .map(|c| json!([r7(c.x), r7(c.y)]))
                    .collect::<Vec<_>>()
                    .into()
            })
            .collect();
    json!({ "type": "MultiLineString", "coordinates": lines })
}

impl Atlas {
    /// The areas of each party, contested or joint pair, and unknown at `at`, as a
    /// FeatureCollection of MultiPolygons (counter-clockwise exteriors) with the key, its
    /// parties, colours, area and share.
    ///
    /// # Errors
    /// When the method's geometry cannot be built.
    pub fn areas(&self, at: At) -> Result<Value> {
        let cells = self.cells(at)?;
        let coverage = &cells.coverage;
        let states = self.site_states(&cells, at.query());
        let stats = coverage.stats(&states)?;
        let features: Vec<Value> = coverage
            .areas(&states)?
            .iter()
            .map(|area| {
                let info = self.key_info(area.key, at.on);
                let row = stats.row(area.key);
                json!({
                    "type": "Feature",
                    "geometry": polygon_json(&area.geometry),
                    "properties": {
                        "key": info.id, "kind": info.kind, "name": info.name,
                        "parties": info.parties, "colours": info.colours,
                        "area_km2": row.map(|r| r.area_km2), "area_pct": row.map(|r| r.area_pct),
                    }
                })
            })
            .collect();
        Ok(
            json!({ "type": "FeatureCollection", "date": at.on, "method": at.method, "features": features }),
        )
    }

    /// The front lines at `at`: boundary segments between areas of different keys, as a
    /// FeatureCollection of MultiLineStrings naming both sides.
    ///
    /// # Errors
    /// When the method's geometry cannot be built.
    pub fn front_lines(&self, at: At) -> Result<Value> {
        let cells = self.cells(at)?;
        let coverage = &cells.coverage;
        let states = self.site_states(&cells, at.query());
        let features: Vec<Value> = coverage
            .front_lines(&states)?
            .iter()
            .map(|line| {
                let a = self.key_info(line.a, at.on);
                let b = self.key_info(line.b, at.on);
                json!({
                    "type": "Feature",
                    "geometry": lines_json(&line.geometry),
                    "properties": { "a": a.id, "b": b.id, "a_name": a.name, "b_name": b.name }
                })
            })
            .collect();
        Ok(
            json!({ "type": "FeatureCollection", "date": at.on, "method": at.method, "features": features }),
        )
    }
}
