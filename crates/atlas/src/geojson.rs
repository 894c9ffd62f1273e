//! Areas and front lines as RFC 7946 GeoJSON.

use frontline_formats::{multilinestring_json, multipolygon_json};
use serde_json::{Value, json};

use crate::{At, Atlas, Result};

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
                let info = self.key_info(area.key, at.on, at.known_at);
                let row = stats.row(area.key);
                json!({
                    "type": "Feature",
                    "geometry": multipolygon_json(&area.geometry),
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
                let a = self.key_info(line.a, at.on, at.known_at);
                let b = self.key_info(line.b, at.on, at.known_at);
                json!({
                    "type": "Feature",
                    "geometry": multilinestring_json(&line.geometry),
                    "properties": { "a": a.id, "b": b.id, "a_name": a.name, "b_name": b.name }
                })
            })
            .collect();
        Ok(
            json!({ "type": "FeatureCollection", "date": at.on, "method": at.method, "features": features }),
        )
    }
}
