//! Areas and front lines as RFC 7946 GeoJSON: an encoding of the day's shapes.

use frontline_formats::{multilinestring_json, multipolygon_json};
use serde_json::{Value, json};

use crate::{At, Atlas, Day, Result};

impl Atlas {
    /// The areas of each party, contested or joint pair, and unknown at `at`, as a
    /// FeatureCollection of MultiPolygons (counter-clockwise exteriors) with the key, its
    /// parties, colours, area and share.
    ///
    /// # Errors
    /// When the method's geometry cannot be built.
    pub fn areas(&self, at: At) -> Result<Value> {
        self.day(at)?.areas()
    }

    /// The front lines at `at`: boundary segments between areas of different keys, as a
    /// FeatureCollection of MultiLineStrings naming both sides.
    ///
    /// # Errors
    /// When the method's geometry cannot be built.
    pub fn front_lines(&self, at: At) -> Result<Value> {
        self.day(at)?.front_lines()
    }
}

impl Day<'_> {
    /// [`Day::area_shapes`] as GeoJSON, with each key's area and share.
    ///
    /// # Errors
    /// When the labels do not fit the geometry (never for a day built by [`Atlas::day`]).
    pub fn areas(&self) -> Result<Value> {
        let stats = self.stats()?;
        let features: Vec<Value> = self
            .area_shapes()?
            .into_iter()
            .map(|area| {
                let row = stats.parties.iter().find(|k| k.id == area.key);
                json!({
                    "type": "Feature",
                    "geometry": multipolygon_json(&area.geometry),
                    "properties": {
                        "key": area.key, "kind": area.kind, "name": area.name,
                        "parties": area.parties, "colours": area.colours,
                        "area_km2": row.map(|r| r.area_km2), "area_pct": row.map(|r| r.area_pct),
                    }
                })
            })
            .collect();
        let at = self.at;
        Ok(
            json!({ "type": "FeatureCollection", "date": at.on, "method": at.method, "features": features }),
        )
    }

    /// [`Day::front_line_shapes`] as GeoJSON, naming both sides.
    ///
    /// # Errors
    /// When the labels do not fit the geometry (never for a day built by [`Atlas::day`]).
    pub fn front_lines(&self) -> Result<Value> {
        let features: Vec<Value> = self
            .front_line_shapes()?
            .into_iter()
            .map(|line| {
                json!({
                    "type": "Feature",
                    "geometry": multilinestring_json(&line.geometry),
                    "properties": {
                        "a": line.a, "b": line.b, "a_name": line.a_name, "b_name": line.b_name
                    }
                })
            })
            .collect();
        let at = self.at;
        Ok(
            json!({ "type": "FeatureCollection", "date": at.on, "method": at.method, "features": features }),
        )
    }
}
