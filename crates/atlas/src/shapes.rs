//! Areas and front lines as typed geometries, for encoders other than GeoJSON (vector tiles).

use geo_types::{MultiLineString, MultiPolygon};

use crate::{AreaKind, At, Atlas, Day, Result};

/// The land under one key on a date, with the words and colours to draw it.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaShape {
    /// `sdf`, `contested:government+isis`, `joint:government+sdf` or `unknown`.
    pub key: String,
    /// `party`, `contested`, `joint` or `unknown`.
    pub kind: AreaKind,
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
    /// The smaller key's readable name.
    pub a_name: String,
    /// The larger key's readable name.
    pub b_name: String,
    /// The line, lon/lat.
    pub geometry: MultiLineString<f64>,
}

impl Atlas {
    /// The areas at `at` as geometries: the same land as [`Atlas::areas`].
    ///
    /// # Errors
    /// When the method's geometry cannot be built.
    pub fn area_shapes(&self, at: At) -> Result<Vec<AreaShape>> {
        self.day(at)?.area_shapes()
    }

    /// The front lines at `at` as geometries: the same lines as [`Atlas::front_lines`].
    ///
    /// # Errors
    /// When the method's geometry cannot be built.
    pub fn front_line_shapes(&self, at: At) -> Result<Vec<LineShape>> {
        self.day(at)?.front_line_shapes()
    }
}

impl Day<'_> {
    /// The land under each key (unknown included): the one producer of areas, which the
    /// GeoJSON, the tiles and the print maps encode.
    ///
    /// # Errors
    /// When the labels do not fit the geometry (never for a day built by [`Atlas::day`]).
    pub fn area_shapes(&self) -> Result<Vec<AreaShape>> {
        let at = self.at;
        Ok(self
            .cells
            .coverage
            .areas(&self.states)?
            .into_iter()
            .map(|area| {
                let info = self.atlas.key_info(area.key, at.on, at.known_at);
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

    /// The front lines between the land of different keys.
    ///
    /// # Errors
    /// When the labels do not fit the geometry (never for a day built by [`Atlas::day`]).
    pub fn front_line_shapes(&self) -> Result<Vec<LineShape>> {
        let at = self.at;
        Ok(self
            .cells
            .coverage
            .front_lines(&self.states)?
            .into_iter()
            .map(|line| {
                let a = self.atlas.key_info(line.a, at.on, at.known_at);
                let b = self.atlas.key_info(line.b, at.on, at.known_at);
                LineShape {
                    a: a.id,
                    b: b.id,
                    a_name: a.name,
                    b_name: b.name,
                    geometry: line.geometry,
                }
            })
            .collect())
    }
}
