//! Geometry checked on the way in: one validator for a conflict's boundary, its regions
//! and any area given as evidence, so that no accepted polygon can break the inference.
//!
//! A geometry passes when every position is a finite longitude and latitude, every ring is
//! closed with at least three distinct corners, no ring crosses or touches itself or another
//! ring, every hole lies inside its shell, no two polygons overlap, every ring encloses some
//! area, and the whole covers a plausible area ([`AreaRange`]). Intersections are found by a
//! sweep over segments sorted by longitude, so a boundary of many thousand vertices is
//! checked in milliseconds.

use std::fmt;

use geo::line_intersection::{LineIntersection, line_intersection};
use geo_types::{Coord, Line, MultiPolygon};

/// The mean radius of the Earth, in kilometres (IUGG).
const EARTH_RADIUS_KM: f64 = 6371.0088;

/// A ring smaller than this (in km², about one square metre) encloses no area.
const NO_AREA_KM2: f64 = 1e-6;

/// The range of areas, in km², a geometry may cover.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AreaRange {
    min_km2: f64,
    max_km2: f64,
}

impl AreaRange {
    /// A country's boundary: from 1 km² to 20 million km² (the whole world is refused).
    pub const COUNTRY: Self = Self {
        min_km2: 1.0,
        max_km2: 2.0e7,
    };
    /// A part of a country (a region, an area given as evidence): from 100 m² to 20
    /// million km².
    pub const PART: Self = Self {
        min_km2: 1e-4,
        max_km2: 2.0e7,
    };

    /// A range from `min_km2` to `max_km2`; `None` unless `0 <= min_km2 <= max_km2`, both
    /// finite.
    #[must_use]
    pub fn new(min_km2: f64, max_km2: f64) -> Option<Self> {
        (min_km2.is_finite() && max_km2.is_finite() && 0.0 <= min_km2 && min_km2 <= max_km2)
            .then_some(Self { min_km2, max_km2 })
    }

    /// The smallest area accepted, in km².
    #[must_use]
    pub fn min_km2(self) -> f64 {
        self.min_km2
    }

    /// The largest area accepted, in km².
    #[must_use]
    pub fn max_km2(self) -> f64 {
        self.max_km2
    }
}

/// A ring of a polygon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RingAt {
    /// The polygon, counted from 1 in the order given.
    pub polygon: usize,
    /// The ring: 0 is the exterior (the shell), 1 and up the holes in the order given.
    pub ring: usize,
}

impl fmt::Display for RingAt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.ring {
            0 => write!(f, "polygon {}, exterior ring", self.polygon),
            h => write!(f, "polygon {}, hole {h}", self.polygon),
        }
    }
}

/// A position, shown as `(lon, lat)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Near(pub Coord<f64>);

impl fmt::Display for Near {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "({}, {})", self.0.x, self.0.y)
    }
}

/// Why a geometry was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum GeometryFault {
    /// There is no polygon at all.
    #[error("no polygon")]
    Empty,
    /// A position is not a finite longitude (-180..180) and latitude (-90..90).
    #[error("{at}: position {index} {near} is not a longitude and latitude")]
    Coordinate {
        /// The ring.
        at: RingAt,
        /// The position, counted from 1.
        index: usize,
        /// Its value.
        near: Near,
    },
    /// A ring's first and last positions differ.
    #[error("{at}: the ring is not closed (its first and last positions differ)")]
    NotClosed {
        /// The ring.
        at: RingAt,
    },
    /// A ring has fewer than three distinct corners.
    #[error(
        "{at}: a ring needs at least 4 positions (3 distinct corners and the first repeated), found {found}"
    )]
    TooFewPoints {
        /// The ring.
        at: RingAt,
        /// The positions found once repeated neighbours are merged.
        found: usize,
    },
    /// A ring encloses no area (its corners lie on one line).
    #[error("{at}: the ring encloses no area")]
    NoArea {
        /// The ring.
        at: RingAt,
    },
    /// A ring crosses or touches itself.
    #[error("{at}: the ring crosses or touches itself near {near}")]
    SelfIntersection {
        /// The ring.
        at: RingAt,
        /// Where.
        near: Near,
    },
    /// Two rings cross or touch.
    #[error("{at} and {other}: the rings cross or touch near {near}")]
    RingsIntersect {
        /// One ring.
        at: RingAt,
        /// The other.
        other: RingAt,
        /// Where.
        near: Near,
    },
    /// A hole lies outside its shell.
    #[error("{at}: the hole lies outside its polygon's exterior ring")]
    HoleOutsideShell {
        /// The hole.
        at: RingAt,
    },
    /// Two polygons overlap.
    #[error("polygons {polygon} and {other} overlap")]
    PolygonsOverlap {
        /// One polygon, from 1.
        polygon: usize,
        /// The other, from 1.
        other: usize,
    },
    /// The geometry covers an implausible area.
    #[error("it covers {km2:.3} km2, outside the plausible range {min_km2} to {max_km2} km2")]
    Size {
        /// The area covered.
        km2: f64,
        /// The smallest accepted.
        min_km2: f64,
        /// The largest accepted.
        max_km2: f64,
    },
}

/// A geometry refused by [`validate_geometry`]: what it was (its label) and why.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{label}: {fault}")]
pub struct GeometryError {
    /// What the geometry is, as the caller named it (`boundary`, `region SY-01`).
    pub label: String,
    /// Why it was refused.
    pub fault: GeometryFault,
}

/// Checks that `geometry` is a valid (multi)polygon in longitude and latitude covering an
/// area within `size`; `label` names it in the error. See the module docs for the rules.
///
/// # Errors
/// The first fault found, with the polygon and ring at fault and, for intersections, a
/// position near them.
pub fn validate_geometry(
    geometry: &MultiPolygon<f64>,
    label: &str,
    size: AreaRange,
) -> Result<(), GeometryError> {
    check(geometry, size).map_err(|fault| GeometryError {
        label: label.to_owned(),
        fault,
    })
}

/// The area of a geometry on the sphere, in km² (holes subtracted); meaningful for valid
/// geometries.
#[must_use]
pub fn geometry_area_km2(geometry: &MultiPolygon<f64>) -> f64 {
    geometry
        .0
        .iter()
        .map(|p| {
            ring_area_km2(&p.exterior().0)
                - p.interiors()
                    .iter()
                    .map(|h| ring_area_km2(&h.0))
                    .sum::<f64>()
        })
        .sum()
}

/// A ring's corners with repeated neighbours merged, closed.
struct Ring {
    at: RingAt,
    coords: Vec<Coord<f64>>,
}

fn check(geometry: &MultiPolygon<f64>, size: AreaRange) -> Result<(), GeometryFault> {
    if geometry.0.is_empty() {
        return Err(GeometryFault::Empty);
    }
    let mut rings = Vec::new();
    for (p, polygon) in geometry.0.iter().enumerate() {
        for (r, ring) in std::iter::once(polygon.exterior())
            .chain(polygon.interiors())
            .enumerate()
        {
            let at = RingAt {
                polygon: p + 1,
                ring: r,
            };
            rings.push(ring_of(at, &ring.0)?);
        }
    }
    intersections(&rings)?;
    holes_and_overlaps(&rings)?;
    let km2 = geometry_area_km2(geometry);
    if !(size.min_km2..=size.max_km2).contains(&km2) {
        return Err(GeometryFault::Size {
            km2,
            min_km2: size.min_km2,
            max_km2: size.max_km2,
        });
    }
    Ok(())
}

/// Checks one ring's positions, closure, corners and area.
fn ring_of(at: RingAt, coords: &[Coord<f64>]) -> Result<Ring, GeometryFault> {
    for (i, c) in coords.iter().enumerate() {
        if !(c.x.is_finite() && c.y.is_finite() && c.x.abs() <= 180.0 && c.y.abs() <= 90.0) {
            return Err(GeometryFault::Coordinate {
                at,
                index: i + 1,
                near: Near(*c),
            });
        }
    }
    if coords.len() > 1 && coords.first() != coords.last() {
        return Err(GeometryFault::NotClosed { at });
    }
    let mut merged: Vec<Coord<f64>> = Vec::with_capacity(coords.len());
    for c in coords {
        if merged.last() != Some(c) {
            merged.push(*c);
        }
    }
    if merged.len() < 4 {
        return Err(GeometryFault::TooFewPoints {
            at,
            found: merged.len(),
        });
    }
    // A ring with no net area either lies flat (refused here) or crosses itself like a
    // bow-tie (refused by the intersection sweep).
    if is_flat(&merged) {
        return Err(GeometryFault::NoArea { at });
    }
    Ok(Ring { at, coords: merged })
}

/// Whether all corners of a ring lie on one line: the triangles fanned from its first
/// corner add up, taken without sign, to less than [`NO_AREA_KM2`].
fn is_flat(coords: &[Coord<f64>]) -> bool {
    // One square degree is at most about 12,364 km².
    const KM2_PER_SQUARE_DEGREE: f64 = 12_364.0;
    let o = coords[0];
    let unsigned: f64 = coords[1..]
        .windows(2)
        .map(|w| ((w[0].x - o.x) * (w[1].y - o.y) - (w[1].x - o.x) * (w[0].y - o.y)).abs() / 2.0)
        .sum();
    unsigned * KM2_PER_SQUARE_DEGREE < NO_AREA_KM2
}

/// The area of a closed ring on the sphere, in km², whatever its winding.
fn ring_area_km2(coords: &[Coord<f64>]) -> f64 {
    // Chamberlain and Duquette, "Some algorithms for polygons on a sphere" (2007).
    let n = coords.len().saturating_sub(1);
    if n < 3 {
        return 0.0;
    }
    let sum: f64 = (0..n)
        .map(|i| {
            let (a, b, c) = (coords[i], coords[(i + 1) % n], coords[(i + 2) % n]);
            (c.x - a.x).to_radians() * b.y.to_radians().sin()
        })
        .sum();
    (sum * EARTH_RADIUS_KM * EARTH_RADIUS_KM / 2.0).abs()
}

/// A segment of a ring: the ring's index among all rings and the segment's index in it.
struct Segment {
    ring: usize,
    index: usize,
    line: Line<f64>,
    min_x: f64,
    max_x: f64,
}

/// Finds any two segments that meet other than consecutive ones at their shared corner:
/// a sweep over segments sorted by their western end, comparing each with those that
/// start before it ends.
fn intersections(rings: &[Ring]) -> Result<(), GeometryFault> {
    let mut segments: Vec<Segment> = rings
        .iter()
        .enumerate()
        .flat_map(|(r, ring)| {
            ring.coords
                .windows(2)
                .enumerate()
                .map(move |(i, w)| Segment {
                    ring: r,
                    index: i,
                    line: Line::new(w[0], w[1]),
                    min_x: w[0].x.min(w[1].x),
                    max_x: w[0].x.max(w[1].x),
                })
        })
        .collect();
    segments.sort_by(|a, b| a.min_x.total_cmp(&b.min_x));
    for (i, s) in segments.iter().enumerate() {
        let (s_min_y, s_max_y) = (
            s.line.start.y.min(s.line.end.y),
            s.line.start.y.max(s.line.end.y),
        );
        for t in segments[i + 1..].iter().take_while(|t| t.min_x <= s.max_x) {
            if t.line.start.y.min(t.line.end.y) > s_max_y
                || t.line.start.y.max(t.line.end.y) < s_min_y
            {
                continue;
            }
            let Some(meet) = line_intersection(s.line, t.line) else {
                continue;
            };
            if s.ring != t.ring {
                return Err(GeometryFault::RingsIntersect {
                    at: rings[s.ring].at,
                    other: rings[t.ring].at,
                    near: Near(point_of(&meet)),
                });
            }
            let count = rings[s.ring].coords.len() - 1;
            let adjacent = s.index.abs_diff(t.index) == 1 || s.index.abs_diff(t.index) == count - 1;
            if !adjacent || matches!(meet, LineIntersection::Collinear { .. }) {
                return Err(GeometryFault::SelfIntersection {
                    at: rings[s.ring].at,
                    near: Near(point_of(&meet)),
                });
            }
        }
    }
    Ok(())
}

fn point_of(meet: &LineIntersection<f64>) -> Coord<f64> {
    match meet {
        LineIntersection::SinglePoint { intersection, .. } => *intersection,
        LineIntersection::Collinear { intersection } => intersection.start,
    }
}

/// With no two rings meeting, a hole is inside its shell when one of its corners is, and
/// two polygons overlap when a corner of one lies in the other's land.
fn holes_and_overlaps(rings: &[Ring]) -> Result<(), GeometryFault> {
    let shells: Vec<&Ring> = rings.iter().filter(|r| r.at.ring == 0).collect();
    for hole in rings.iter().filter(|r| r.at.ring > 0) {
        let shell = shells
            .iter()
            .find(|s| s.at.polygon == hole.at.polygon)
            .expect("every polygon has its exterior ring first");
        if !contains(&shell.coords, hole.coords[0]) {
            return Err(GeometryFault::HoleOutsideShell { at: hole.at });
        }
    }
    let boxes: Vec<[f64; 4]> = shells.iter().map(|s| bbox(&s.coords)).collect();
    let in_land = |polygon: usize, c: Coord<f64>| {
        rings
            .iter()
            .filter(|r| r.at.polygon == polygon)
            .filter(|r| contains(&r.coords, c))
            .count()
            % 2
            == 1
    };
    for (i, a) in shells.iter().enumerate() {
        for (j, b) in shells.iter().enumerate().skip(i + 1) {
            let (ba, bb) = (boxes[i], boxes[j]);
            if ba[0] > bb[2] || bb[0] > ba[2] || ba[1] > bb[3] || bb[1] > ba[3] {
                continue;
            }
            if in_land(b.at.polygon, a.coords[0]) || in_land(a.at.polygon, b.coords[0]) {
                return Err(GeometryFault::PolygonsOverlap {
                    polygon: a.at.polygon,
                    other: b.at.polygon,
                });
            }
        }
    }
    Ok(())
}

fn bbox(coords: &[Coord<f64>]) -> [f64; 4] {
    coords.iter().fold(
        [
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ],
        |b, c| [b[0].min(c.x), b[1].min(c.y), b[2].max(c.x), b[3].max(c.y)],
    )
}

/// Whether a point lies inside a closed ring (crossing number).
fn contains(ring: &[Coord<f64>], p: Coord<f64>) -> bool {
    let mut inside = false;
    for w in ring.windows(2) {
        let (a, b) = (w[0], w[1]);
        if (a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x {
            inside = !inside;
        }
    }
    inside
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo_types::{LineString, Polygon};

    fn ring(coords: &[(f64, f64)]) -> LineString<f64> {
        LineString(coords.iter().map(|&(x, y)| Coord { x, y }).collect())
    }

    /// A polygon (geo-types closes its rings; the GeoJSON reader refuses unclosed ones).
    fn polygon(exterior: &[(f64, f64)], holes: &[&[(f64, f64)]]) -> MultiPolygon<f64> {
        let holes = holes.iter().map(|c| ring(c)).collect();
        MultiPolygon(vec![Polygon::new(ring(exterior), holes)])
    }

    fn square(x: f64, y: f64, side: f64) -> Vec<(f64, f64)> {
        vec![
            (x, y),
            (x + side, y),
            (x + side, y + side),
            (x, y + side),
            (x, y),
        ]
    }

    fn fault(geometry: &MultiPolygon<f64>) -> GeometryFault {
        validate_geometry(geometry, "test", AreaRange::COUNTRY)
            .expect_err("the geometry is refused")
            .fault
    }

    #[test]
    fn a_square_with_a_hole_inside_passes() {
        let g = polygon(&square(10.0, 10.0, 2.0), &[&square(10.5, 10.5, 0.5)]);
        assert_eq!(validate_geometry(&g, "b", AreaRange::COUNTRY), Ok(()));
        let km2 = geometry_area_km2(&g);
        assert!((44_000.0..48_000.0).contains(&km2), "{km2}");
    }

    #[test]
    fn a_bow_tie_crosses_itself() {
        let g = polygon(
            &[(0.0, 0.0), (1.0, 1.0), (1.0, 0.0), (0.0, 1.0), (0.0, 0.0)],
            &[],
        );
        assert!(
            matches!(fault(&g), GeometryFault::SelfIntersection { near, .. } if near.0 == Coord { x: 0.5, y: 0.5 })
        );
    }

    #[test]
    fn a_spike_turning_back_on_itself_is_refused() {
        let g = polygon(
            &[
                (0.0, 0.0),
                (1.0, 0.0),
                (1.0, 1.0),
                (1.0, 2.0),
                (1.0, 1.0),
                (0.0, 1.0),
                (0.0, 0.0),
            ],
            &[],
        );
        assert!(matches!(fault(&g), GeometryFault::SelfIntersection { .. }));
    }

    #[test]
    fn collinear_corners_enclose_no_area() {
        let g = polygon(&[(0.0, 0.0), (1.0, 0.0), (2.0, 0.0), (0.0, 0.0)], &[]);
        assert!(matches!(fault(&g), GeometryFault::NoArea { .. }));
    }

    #[test]
    fn the_whole_world_is_too_large() {
        let g = polygon(
            &[
                (-180.0, -90.0),
                (180.0, -90.0),
                (180.0, 90.0),
                (-180.0, 90.0),
                (-180.0, -90.0),
            ],
            &[],
        );
        assert!(matches!(fault(&g), GeometryFault::Size { km2, .. } if km2 > 5e8));
    }

    #[test]
    fn a_tiny_boundary_is_too_small_for_a_country_but_not_for_a_part() {
        let g = polygon(&square(10.0, 10.0, 0.001), &[]);
        assert!(matches!(fault(&g), GeometryFault::Size { .. }));
        assert_eq!(validate_geometry(&g, "r", AreaRange::PART), Ok(()));
    }

    #[test]
    fn short_rings_and_bad_positions_are_refused() {
        let three = polygon(&[(0.0, 0.0), (1.0, 0.0), (0.0, 0.0)], &[]);
        assert!(matches!(
            fault(&three),
            GeometryFault::TooFewPoints { found: 3, .. }
        ));
        let far = polygon(&[(0.0, 0.0), (190.0, 0.0), (0.0, 1.0), (0.0, 0.0)], &[]);
        assert!(matches!(
            fault(&far),
            GeometryFault::Coordinate { index: 2, .. }
        ));
        let nan = polygon(&[(0.0, 0.0), (1.0, f64::NAN), (0.0, 1.0), (0.0, 0.0)], &[]);
        assert!(matches!(
            fault(&nan),
            GeometryFault::Coordinate { index: 2, .. }
        ));
    }

    #[test]
    fn a_hole_outside_its_shell_is_refused() {
        let g = polygon(&square(10.0, 10.0, 1.0), &[&square(12.0, 12.0, 0.5)]);
        assert_eq!(
            fault(&g),
            GeometryFault::HoleOutsideShell {
                at: RingAt {
                    polygon: 1,
                    ring: 1
                }
            }
        );
    }

    #[test]
    fn a_hole_crossing_its_shell_is_refused() {
        let g = polygon(&square(10.0, 10.0, 1.0), &[&square(10.5, 10.5, 1.0)]);
        assert!(matches!(fault(&g), GeometryFault::RingsIntersect { .. }));
    }

    #[test]
    fn overlapping_polygons_are_refused_and_an_island_in_a_lake_is_not() {
        let mut g = polygon(&square(10.0, 10.0, 2.0), &[]);
        g.0.extend(polygon(&square(10.5, 10.5, 0.5), &[]).0);
        assert!(matches!(
            fault(&g),
            GeometryFault::PolygonsOverlap {
                polygon: 1,
                other: 2
            }
        ));
        let mut lake = polygon(&square(10.0, 10.0, 2.0), &[&square(10.5, 10.5, 1.0)]);
        lake.0.extend(polygon(&square(10.75, 10.75, 0.5), &[]).0);
        assert_eq!(validate_geometry(&lake, "b", AreaRange::COUNTRY), Ok(()));
    }

    #[test]
    fn repeated_neighbours_are_merged_not_refused() {
        let g = polygon(
            &[
                (10.0, 10.0),
                (11.0, 10.0),
                (11.0, 10.0),
                (11.0, 11.0),
                (10.0, 11.0),
                (10.0, 10.0),
            ],
            &[],
        );
        assert_eq!(validate_geometry(&g, "b", AreaRange::COUNTRY), Ok(()));
    }

    #[test]
    fn a_ring_of_twenty_thousand_vertices_is_checked_quickly() {
        let n = 20_000;
        let coords: Vec<(f64, f64)> = (0..=n)
            .map(|i| {
                let a = std::f64::consts::TAU * f64::from(i % n) / f64::from(n);
                // A wobbly circle, so many segments share a longitude band.
                let r = 2.0 + 0.01 * (f64::from(i % n) * 0.7).sin();
                (38.0 + r * a.cos(), 35.0 + r * a.sin())
            })
            .collect();
        let g = polygon(&coords, &[]);
        let t = std::time::Instant::now();
        assert_eq!(validate_geometry(&g, "b", AreaRange::COUNTRY), Ok(()));
        assert!(t.elapsed().as_secs_f64() < 2.0, "{:?}", t.elapsed());
    }

    #[test]
    fn the_error_names_the_label_the_ring_and_the_reason() {
        let g = polygon(&square(10.0, 10.0, 1.0), &[&square(12.0, 12.0, 0.5)]);
        let e = validate_geometry(&g, "region R1", AreaRange::PART).expect_err("refused");
        assert_eq!(
            e.to_string(),
            "region R1: polygon 1, hole 1: the hole lies outside its polygon's exterior ring"
        );
    }
}
