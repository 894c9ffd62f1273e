//! Areas and front lines as typed geometries, for encoders other than GeoJSON (vector tiles).

use geo_types::{MultiLineString, MultiPolygon};

use crate::{At, Atlas, Result};

/// The land under one key on a date, with the words and colours to draw it.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaShape {
    /// `sdf`, `contested:government+isis`, `joint:government+sdf` or `unknown`.
    pub key: String,
    /// `party`, `contested`, `joint` or `unknown`.
    pub kind: &'static str,
    /// A readable name.
    pub name: String,
    /// The parties' ids.
    pub parties: Vec<String>,
    /// The parties' colours on the date.
    pub colours: Vec<String>,
    /// The land, lon/lat, counter-clockwise exteriors.
    pub geometry: MultiPolygon<f64>,
}

/// A front line between the land of two keys on a date.
#[derive(Debug, Clone, PartialEq)]
pub struct LineShape {
    /// The smaller key.
    pub a: String,
    /// The larger key.
    pub b: String,
    /// The line, lon/lat.
    pub geometry: MultiLineString<f64>,
}

impl Atlas {
    /// The areas at `at` as geometries: the same land as [`Atlas::areas`].
    ///
    /// # Errors
    /// When the method's geometry cannot be built.
    pub fn area_shapes(&self, at: At) -> Result<Vec<AreaShape>> {
        let cells = self.cells(at)?;
        let states = self.site_states(&cells, at.query());
        Ok(cells
            .coverage
            .areas(&states)?
            .into_iter()
            .map(|area| {
                let info = self.key_info(area.key, at.on, at.known_at);
                AreaShape {
                    key: info.id,
                    kind: info.kind,
                    name: info.name,
                    parties: info.parties,
                    colours: info.colours,
                    geometry: area.geometry,
                }
            })
            .collect())
    }

    /// The front lines at `at` as geometries: the same lines as [`Atlas::front_lines`].
    ///
    /// # Errors
    /// When the method's geometry cannot be built.
    pub fn front_line_shapes(&self, at: At) -> Result<Vec<LineShape>> {
        let cells = self.cells(at)?;
        let states = self.site_states(&cells, at.query());
        Ok(cells
            .coverage
            .front_lines(&states)?
            .into_iter()
            .map(|line| LineShape {
                a: self.key_info(line.a, at.on, at.known_at).id,
                b: self.key_info(line.b, at.on, at.known_at).id,
                geometry: line.geometry,
            })
            .collect())
    }
}
