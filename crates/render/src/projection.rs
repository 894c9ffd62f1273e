//! The map projection: equirectangular with a standard parallel at the centre of the extent,
//! fitted to a frame on the page.
//!
//! x = (lon − lon₀)·cos φ₀, y = lat. For a country the size of Syria (about 6° of latitude) the
//! scale error is under 5% at the edges, and distances along the standard parallel and along
//! meridians are true, which is what the scale bar needs. Areas are never measured here: the
//! caller's statistics are geodesic.

use geo_types::{Coord, MultiPolygon};

/// Kilometres per degree of latitude on the mean Earth sphere (R = 6371.0088 km).
const KM_PER_DEGREE: f64 = 6_371.008_8 * std::f64::consts::PI / 180.0;

/// An axis-aligned rectangle in page pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rect {
    pub(crate) x0: f64,
    pub(crate) y0: f64,
    pub(crate) x1: f64,
    pub(crate) y1: f64,
}

impl Rect {
    pub(crate) fn width(&self) -> f64 {
        self.x1 - self.x0
    }
    pub(crate) fn height(&self) -> f64 {
        self.y1 - self.y0
    }
    pub(crate) fn intersects(&self, other: &Rect) -> bool {
        self.x0 < other.x1 && other.x0 < self.x1 && self.y0 < other.y1 && other.y0 < self.y1
    }
    pub(crate) fn contains(&self, other: &Rect) -> bool {
        self.x0 <= other.x0 && other.x1 <= self.x1 && self.y0 <= other.y0 && other.y1 <= self.y1
    }
}

/// The lon/lat extent of what a map shows.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct Extent {
    min: Option<Coord<f64>>,
    max: Option<Coord<f64>>,
}

impl Extent {
    pub(crate) fn add(&mut self, lon: f64, lat: f64) {
        if !(lon.is_finite() && lat.is_finite()) {
            return;
        }
        let c = Coord { x: lon, y: lat };
        self.min = Some(self.min.map_or(c, |m| Coord {
            x: m.x.min(lon),
            y: m.y.min(lat),
        }));
        self.max = Some(self.max.map_or(c, |m| Coord {
            x: m.x.max(lon),
            y: m.y.max(lat),
        }));
    }

    pub(crate) fn add_polygons(&mut self, mp: &MultiPolygon<f64>) {
        for p in &mp.0 {
            for c in &p.exterior().0 {
                self.add(c.x, c.y);
            }
        }
    }
}

/// Lon/lat to page pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Projection {
    lon0: f64,
    lat0: f64,
    cos0: f64,
    /// Pixels per projected degree.
    k: f64,
    cx: f64,
    cy: f64,
}

impl Projection {
    /// Fits the extent into the frame, centred, with a small inner padding. `None` if the
    /// extent is empty.
    pub(crate) fn fit(extent: &Extent, frame: Rect) -> Option<Self> {
        let (min, max) = (extent.min?, extent.max?);
        let lon0 = f64::midpoint(min.x, max.x);
        let lat0 = f64::midpoint(min.y, max.y);
        let cos0 = lat0.to_radians().cos().max(0.05);
        // A single point or a line still gets a sensible scale: at least 0.1° either way.
        let w = ((max.x - min.x) * cos0).max(0.1);
        let h = (max.y - min.y).max(0.1);
        let pad = 0.97;
        let k = (frame.width() * pad / w).min(frame.height() * pad / h);
        Some(Self {
            lon0,
            lat0,
            cos0,
            k,
            cx: f64::midpoint(frame.x0, frame.x1),
            cy: f64::midpoint(frame.y0, frame.y1),
        })
    }

    pub(crate) fn project(&self, lon: f64, lat: f64) -> (f64, f64) {
        (
            self.cx + (lon - self.lon0) * self.cos0 * self.k,
            self.cy - (lat - self.lat0) * self.k,
        )
    }

    /// Kilometres per page pixel, true along meridians and the standard parallel.
    pub(crate) fn km_per_px(&self) -> f64 {
        KM_PER_DEGREE / self.k
    }

    /// The standard parallel, degrees.
    pub(crate) fn standard_parallel(&self) -> f64 {
        self.lat0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fitted_extent_is_centred_and_inside_the_frame() {
        let mut e = Extent::default();
        e.add(36.0, 32.0);
        e.add(42.0, 37.0);
        let frame = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 1000.0,
            y1: 800.0,
        };
        let p = Projection::fit(&e, frame).expect("extent is not empty");
        let (x0, y0) = p.project(36.0, 37.0);
        let (x1, y1) = p.project(42.0, 32.0);
        assert!(x0 >= 0.0 && y0 >= 0.0 && x1 <= 1000.0 && y1 <= 800.0);
        assert!((f64::midpoint(x0, x1) - 500.0).abs() < 1e-9);
        assert!((f64::midpoint(y0, y1) - 400.0).abs() < 1e-9);
    }

    #[test]
    fn one_degree_of_latitude_spans_about_111_km() {
        let mut e = Extent::default();
        e.add(36.0, 34.0);
        e.add(37.0, 35.0);
        let frame = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 500.0,
            y1: 500.0,
        };
        let p = Projection::fit(&e, frame).expect("extent is not empty");
        let (_, ya) = p.project(36.5, 34.0);
        let (_, yb) = p.project(36.5, 35.0);
        assert!(((ya - yb) * p.km_per_px() - 111.195).abs() < 0.01);
    }

    #[test]
    fn an_empty_extent_cannot_be_fitted() {
        let frame = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 10.0,
            y1: 10.0,
        };
        assert!(Projection::fit(&Extent::default(), frame).is_none());
    }
}
