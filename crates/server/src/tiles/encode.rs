//! Mapbox Vector Tiles 2.1 of one date: areas, front lines, places and foreign forces' sites
//! (presence, never control), projected to Web
//! Mercator, clipped to each tile with a buffer, snapped to the 4096 grid and encoded with
//! geozero's MVT writer.

use frontline_atlas::{AreaShape, LineShape, PresenceSite, StateRow};
use frontline_model::Place;
use geo_types::{Coord, Geometry, LineString, MultiLineString, MultiPolygon, Point, Polygon};
use geozero::ToMvt as _;
use geozero::mvt::{Message as _, TagsBuilder, Tile, TileValue, tile};

use super::coord::TileCoord;

/// Tile coordinate space.
pub(crate) const EXTENT: u32 = 4096;
/// Margin drawn around each tile, in tile units, so strokes and fills join seamlessly.
const BUFFER: f64 = 64.0;

/// A ring or line in world coordinates: Web Mercator scaled to [0, 1], y down.
type Path = Vec<[f64; 2]>;

/// An axis-aligned box `[min_x, min_y, max_x, max_y]`.
type Rect = [f64; 4];

fn world(lon: f64, lat: f64) -> [f64; 2] {
    let lat = lat.clamp(-85.051_128_78, 85.051_128_78).to_radians();
    let x = (lon + 180.0) / 360.0;
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0;
    [x, y]
}

fn rect_of(paths: &[Path]) -> Rect {
    let mut r = [
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    ];
    for p in paths.iter().flatten() {
        r = [
            r[0].min(p[0]),
            r[1].min(p[1]),
            r[2].max(p[0]),
            r[3].max(p[1]),
        ];
    }
    r
}

fn overlaps(a: &Rect, b: &Rect) -> bool {
    a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3]
}

/// One area, projected once per date.
#[derive(Debug)]
struct Area {
    key: String,
    kind: &'static str,
    name: String,
    parties: String,
    colours: String,
    /// Each polygon's rings (exterior first) and their box.
    polygons: Vec<(Rect, Vec<Path>)>,
}

#[derive(Debug)]
struct Line {
    a: String,
    b: String,
    paths: Vec<(Rect, Path)>,
}

#[derive(Debug)]
struct PlacePoint {
    id: String,
    name: String,
    name_ar: Option<String>,
    kind: &'static str,
    status: String,
    parties: String,
    population: Option<u64>,
    at: [f64; 2],
}

/// A foreign force's site on the date: a point of the `presence` layer.
#[derive(Debug)]
struct SitePoint {
    /// The site's properties, in tag order.
    tags: Vec<(&'static str, String)>,
    at: [f64; 2],
}

impl SitePoint {
    fn of(s: &PresenceSite) -> Self {
        let mut tags = vec![
            ("id", s.id.clone()),
            ("force", s.force.clone()),
            ("force_name", s.force_name.clone()),
            ("colour", s.colour.clone()),
            ("site", s.site.clone()),
            ("kind", s.kind.to_owned()),
            ("valid_from", s.valid_from.clone()),
            ("confidence", s.confidence.to_owned()),
        ];
        if let Some(ar) = &s.force_name_ar {
            tags.push(("force_name_ar", ar.clone()));
        }
        if let Some(until) = &s.valid_until {
            tags.push(("valid_until", until.clone()));
        }
        Self {
            tags,
            at: world(s.lon, s.lat),
        }
    }
}

/// The layers of one date, projected: built once, then cut into any tile.
#[derive(Debug)]
pub(crate) struct Layers {
    areas: Vec<Area>,
    lines: Vec<Line>,
    places: Vec<PlacePoint>,
    presence: Vec<SitePoint>,
}

impl Layers {
    pub(crate) fn new(
        areas: Vec<AreaShape>,
        lines: Vec<LineShape>,
        places: &[&Place],
        states: &[StateRow],
        presence: &[PresenceSite],
    ) -> Self {
        let project =
            |ls: &LineString<f64>| -> Path { ls.coords().map(|c| world(c.x, c.y)).collect() };
        let areas = areas
            .into_iter()
            .map(|a| Area {
                polygons: a
                    .geometry
                    .0
                    .iter()
                    .map(|p| {
                        let rings: Vec<Path> = std::iter::once(p.exterior())
                            .chain(p.interiors())
                            .map(project)
                            .collect();
                        (rect_of(&rings[..1]), rings)
                    })
                    .collect(),
                key: a.key,
                kind: a.kind.as_str(),
                name: a.name,
                parties: a.parties.join(","),
                colours: a.colours.join(","),
            })
            .collect();
        let lines = lines
            .into_iter()
            .map(|l| Line {
                a: l.a,
                b: l.b,
                paths: l
                    .geometry
                    .0
                    .iter()
                    .map(|ls| {
                        let p = project(ls);
                        (rect_of(std::slice::from_ref(&p)), p)
                    })
                    .collect(),
            })
            .collect();
        let by_id: std::collections::HashMap<&str, &StateRow> =
            states.iter().map(|s| (s.place.as_str(), s)).collect();
        let places = places
            .iter()
            .map(|p| {
                let state = by_id.get(p.id.as_str());
                PlacePoint {
                    id: p.id.to_string(),
                    name: p.names.en.clone(),
                    name_ar: p.names.ar.clone(),
                    kind: p.kind.as_str(),
                    status: state.map_or_else(|| "unknown".to_owned(), |s| s.status.clone()),
                    parties: state.map(|s| s.parties.join(",")).unwrap_or_default(),
                    population: p.population.as_ref().map(|x| x.value),
                    at: world(p.lon, p.lat),
                }
            })
            .collect();
        Self {
            areas,
            lines,
            places,
            presence: presence.iter().map(SitePoint::of).collect(),
        }
    }

    /// The tile `coord`, encoded (empty when nothing lies in it).
    /// About how many bytes the layers hold: their points, boxes and texts (what a cache
    /// bounded by bytes weighs them as).
    pub(crate) fn heap_bytes(&self) -> usize {
        const POINT: usize = size_of::<[f64; 2]>();
        let path = |p: &Path| p.len() * POINT + size_of::<Path>();
        let areas: usize = self
            .areas
            .iter()
            .map(|a| {
                size_of::<Area>()
                    + a.key.len()
                    + a.name.len()
                    + a.parties.len()
                    + a.colours.len()
                    + a.polygons
                        .iter()
                        .map(|(_, rings)| {
                            size_of::<(Rect, Vec<Path>)>() + rings.iter().map(path).sum::<usize>()
                        })
                        .sum::<usize>()
            })
            .sum();
        let lines: usize = self
            .lines
            .iter()
            .map(|l| {
                size_of::<Line>()
                    + l.a.len()
                    + l.b.len()
                    + l.paths
                        .iter()
                        .map(|(_, p)| size_of::<Rect>() + path(p))
                        .sum::<usize>()
            })
            .sum();
        let places: usize = self
            .places
            .iter()
            .map(|p| {
                size_of::<PlacePoint>()
                    + p.id.len()
                    + p.name.len()
                    + p.name_ar.as_ref().map_or(0, String::len)
                    + p.status.len()
                    + p.parties.len()
            })
            .sum();
        let presence: usize = self
            .presence
            .iter()
            .map(|p| {
                size_of::<SitePoint>()
                    + p.tags
                        .iter()
                        .map(|(_, v)| size_of::<(&str, String)>() + v.len())
                        .sum::<usize>()
            })
            .sum();
        size_of::<Self>() + areas + lines + places + presence
    }

    pub(crate) fn tile(&self, coord: TileCoord) -> Vec<u8> {
        let grid = TileGrid::new(coord.z(), coord.x(), coord.y());
        let mut layers = Vec::new();

        let mut areas = LayerBuilder::default();
        for a in &self.areas {
            let mut polygons = Vec::new();
            for (rect, rings) in &a.polygons {
                if overlaps(rect, &grid.world_rect) {
                    polygons.extend(grid.polygon(rings));
                }
            }
            if !polygons.is_empty() {
                areas.add(
                    Geometry::MultiPolygon(MultiPolygon(polygons)).to_mvt_unscaled(),
                    &[
                        ("key", TileValue::Str(a.key.clone())),
                        ("kind", TileValue::Str(a.kind.to_owned())),
                        ("name", TileValue::Str(a.name.clone())),
                        ("parties", TileValue::Str(a.parties.clone())),
                        ("colours", TileValue::Str(a.colours.clone())),
                    ],
                );
            }
        }
        layers.extend(areas.finish("areas"));

        let mut lines = LayerBuilder::default();
        for l in &self.lines {
            let mut pieces = Vec::new();
            for (rect, path) in &l.paths {
                if overlaps(rect, &grid.world_rect) {
                    pieces.extend(grid.line(path));
                }
            }
            if !pieces.is_empty() {
                lines.add(
                    Geometry::MultiLineString(MultiLineString(pieces)).to_mvt_unscaled(),
                    &[
                        ("a", TileValue::Str(l.a.clone())),
                        ("b", TileValue::Str(l.b.clone())),
                    ],
                );
            }
        }
        layers.extend(lines.finish("frontlines"));

        let mut places = LayerBuilder::default();
        for p in &self.places {
            if let Some(point) = grid.point(p.at) {
                let mut tags = vec![
                    ("id", TileValue::Str(p.id.clone())),
                    ("name", TileValue::Str(p.name.clone())),
                    ("kind", TileValue::Str(p.kind.to_owned())),
                    ("status", TileValue::Str(p.status.clone())),
                    ("parties", TileValue::Str(p.parties.clone())),
                ];
                if let Some(ar) = &p.name_ar {
                    tags.push(("name_ar", TileValue::Str(ar.clone())));
                }
                if let Some(pop) = p.population {
                    tags.push(("population", TileValue::Uint(pop)));
                }
                places.add(Geometry::Point(point).to_mvt_unscaled(), &tags);
            }
        }
        layers.extend(places.finish("places"));

        let mut presence = LayerBuilder::default();
        for p in &self.presence {
            if let Some(point) = grid.point(p.at) {
                let tags: Vec<(&str, TileValue)> = p
                    .tags
                    .iter()
                    .map(|(k, v)| (*k, TileValue::Str(v.clone())))
                    .collect();
                presence.add(Geometry::Point(point).to_mvt_unscaled(), &tags);
            }
        }
        layers.extend(presence.finish("presence"));

        if layers.is_empty() {
            Vec::new()
        } else {
            Tile { layers }.encode_to_vec()
        }
    }
}

/// Collects one layer's features and their shared key and value tables.
#[derive(Default)]
struct LayerBuilder {
    features: Vec<tile::Feature>,
    tags: TagsBuilder,
}

impl LayerBuilder {
    fn add(
        &mut self,
        feature: geozero::error::Result<tile::Feature>,
        properties: &[(&str, TileValue)],
    ) {
        // Geometries are snapped and cleaned before this point; one that still cannot be
        // encoded is left out of the tile rather than failing the whole tile.
        let Ok(mut feature) = feature else {
            tracing::warn!("a feature could not be encoded as MVT; left out");
            return;
        };
        for (k, v) in properties {
            let (ki, vi) = self.tags.insert_ref(k, v.clone());
            feature.tags.extend([ki, vi]);
        }
        feature.id = Some(self.features.len() as u64 + 1);
        self.features.push(feature);
    }

    fn finish(self, name: &str) -> Option<tile::Layer> {
        if self.features.is_empty() {
            return None;
        }
        let (keys, values) = self.tags.into_tags();
        Some(tile::Layer {
            version: 2,
            name: name.to_owned(),
            features: self.features,
            keys,
            values: values.into_iter().map(Into::into).collect(),
            extent: Some(EXTENT),
        })
    }
}

/// One tile's transform from world coordinates to tile units, and its clip box.
struct TileGrid {
    scale: f64,
    origin: [f64; 2],
    /// The clip box (the tile and its buffer) in world coordinates.
    world_rect: Rect,
}

impl TileGrid {
    fn new(z: u8, x: u32, y: u32) -> Self {
        let n = f64::from(1u32 << z);
        let scale = n * f64::from(EXTENT);
        let origin = [
            f64::from(x) * f64::from(EXTENT),
            f64::from(y) * f64::from(EXTENT),
        ];
        let world_rect = [
            (origin[0] - BUFFER) / scale,
            (origin[1] - BUFFER) / scale,
            (origin[0] + f64::from(EXTENT) + BUFFER) / scale,
            (origin[1] + f64::from(EXTENT) + BUFFER) / scale,
        ];
        Self {
            scale,
            origin,
            world_rect,
        }
    }

    fn to_tile(&self, p: [f64; 2]) -> [f64; 2] {
        [
            p[0] * self.scale - self.origin[0],
            p[1] * self.scale - self.origin[1],
        ]
    }

    fn clip_rect() -> Rect {
        [
            -BUFFER,
            -BUFFER,
            f64::from(EXTENT) + BUFFER,
            f64::from(EXTENT) + BUFFER,
        ]
    }

    /// A polygon (exterior first) clipped and snapped; `None` when nothing is left.
    fn polygon(&self, rings: &[Path]) -> Option<Polygon<f64>> {
        let mut out = Vec::with_capacity(rings.len());
        for (i, ring) in rings.iter().enumerate() {
            let local: Path = ring.iter().map(|&p| self.to_tile(p)).collect();
            let clipped = clip_ring(&local, &Self::clip_rect());
            let snapped = snap(&clipped, true);
            let area = shoelace(&snapped);
            if snapped.len() < 3 || area == 0 {
                if i == 0 {
                    return None;
                }
                continue;
            }
            // MVT: exteriors have positive area in tile coordinates (y down), holes negative.
            let want_positive = i == 0;
            let mut coords: Vec<Coord<f64>> = snapped
                .iter()
                .map(|&[x, y]| Coord {
                    x: f64::from(x),
                    y: f64::from(y),
                })
                .collect();
            if (area > 0) != want_positive {
                coords.reverse();
            }
            out.push(LineString::from(coords));
        }
        let mut it = out.into_iter();
        let exterior = it.next()?;
        Some(Polygon::new(exterior, it.collect()))
    }

    /// A line clipped into the pieces inside the clip box, snapped.
    fn line(&self, path: &Path) -> Vec<LineString<f64>> {
        let local: Path = path.iter().map(|&p| self.to_tile(p)).collect();
        clip_line(&local, &Self::clip_rect())
            .into_iter()
            .map(|piece| snap(&piece, false))
            .filter(|s| s.len() >= 2)
            .map(|s| {
                LineString::from(
                    s.iter()
                        .map(|&[x, y]| Coord {
                            x: f64::from(x),
                            y: f64::from(y),
                        })
                        .collect::<Vec<_>>(),
                )
            })
            .collect()
    }

    /// A point inside the tile (and its buffer), snapped.
    fn point(&self, at: [f64; 2]) -> Option<Point<f64>> {
        let [x, y] = self.to_tile(at);
        let r = Self::clip_rect();
        (x >= r[0] && x < r[2] && y >= r[1] && y < r[3]).then(|| Point::new(x.round(), y.round()))
    }
}

/// Sutherland–Hodgman clipping of a ring against an axis-aligned box (convex, so exact;
/// pieces of a concave ring may be joined by zero-width seams along the box, which fill
/// nothing).
fn clip_ring(ring: &[[f64; 2]], r: &Rect) -> Path {
    let mut points: Path = ring.to_vec();
    if points.first() == points.last() {
        points.pop();
    }
    let inside_all = points
        .iter()
        .all(|p| p[0] >= r[0] && p[0] <= r[2] && p[1] >= r[1] && p[1] <= r[3]);
    if inside_all {
        return points;
    }
    for edge in 0..4 {
        if points.is_empty() {
            break;
        }
        let inside = |p: &[f64; 2]| match edge {
            0 => p[0] >= r[0],
            1 => p[0] <= r[2],
            2 => p[1] >= r[1],
            _ => p[1] <= r[3],
        };
        let cross = |a: &[f64; 2], b: &[f64; 2]| -> [f64; 2] {
            let (axis, bound) = match edge {
                0 => (0, r[0]),
                1 => (0, r[2]),
                2 => (1, r[1]),
                _ => (1, r[3]),
            };
            let t = (bound - a[axis]) / (b[axis] - a[axis]);
            let mut p = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
            p[axis] = bound;
            p
        };
        let input = std::mem::take(&mut points);
        let mut prev = *input.last().expect("not empty");
        for cur in input {
            match (inside(&prev), inside(&cur)) {
                (true, true) => points.push(cur),
                (true, false) => points.push(cross(&prev, &cur)),
                (false, true) => {
                    points.push(cross(&prev, &cur));
                    points.push(cur);
                }
                (false, false) => {}
            }
            prev = cur;
        }
    }
    points
}

/// Liang–Barsky clipping of a polyline into the pieces inside a box.
fn clip_line(path: &[[f64; 2]], r: &Rect) -> Vec<Path> {
    let mut pieces: Vec<Path> = Vec::new();
    let mut current: Path = Vec::new();
    for w in path.windows(2) {
        let (a, b) = (w[0], w[1]);
        let d = [b[0] - a[0], b[1] - a[1]];
        let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
        let mut visible = true;
        for (p, q) in [
            (-d[0], a[0] - r[0]),
            (d[0], r[2] - a[0]),
            (-d[1], a[1] - r[1]),
            (d[1], r[3] - a[1]),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    visible = false;
                    break;
                }
            } else {
                let t = q / p;
                if p < 0.0 {
                    t0 = t0.max(t);
                } else {
                    t1 = t1.min(t);
                }
            }
        }
        if !visible || t0 > t1 {
            if !current.is_empty() {
                pieces.push(std::mem::take(&mut current));
            }
            continue;
        }
        let at = |t: f64| [a[0] + t * d[0], a[1] + t * d[1]];
        if current.is_empty() || t0 > 0.0 {
            if !current.is_empty() {
                pieces.push(std::mem::take(&mut current));
            }
            current.push(at(t0));
        }
        current.push(at(t1));
        if t1 < 1.0 {
            pieces.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        pieces.push(current);
    }
    pieces
}

/// Rounds to the tile grid and drops repeated points (and, for rings, the closing one).
fn snap(path: &[[f64; 2]], ring: bool) -> Vec<[i32; 2]> {
    let mut out: Vec<[i32; 2]> = Vec::with_capacity(path.len());
    for p in path {
        // Clipped to the buffer, so well inside i32.
        let q = [p[0].round() as i32, p[1].round() as i32];
        if out.last() != Some(&q) {
            out.push(q);
        }
    }
    if ring {
        while out.len() > 1 && out.first() == out.last() {
            out.pop();
        }
    }
    out
}

/// Twice the signed area of an open ring (positive: clockwise on screen, y down).
fn shoelace(ring: &[[i32; 2]]) -> i64 {
    let n = ring.len();
    (0..n)
        .map(|i| {
            let (a, b) = (ring[i], ring[(i + 1) % n]);
            i64::from(a[0]) * i64::from(b[1]) - i64::from(b[0]) * i64::from(a[1])
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_square_larger_than_the_tile_is_clipped_to_the_buffer() {
        let square = vec![
            [-1000.0, -1000.0],
            [5000.0, -1000.0],
            [5000.0, 5000.0],
            [-1000.0, 5000.0],
        ];
        let clipped = clip_ring(&square, &TileGrid::clip_rect());
        let xs: Vec<f64> = clipped.iter().map(|p| p[0]).collect();
        assert_eq!(clipped.len(), 4);
        assert!(xs.iter().all(|&x| (-64.0..=4160.0).contains(&x)));
    }

    #[test]
    fn a_line_leaving_and_entering_the_box_is_cut_in_two_pieces() {
        let path = vec![[10.0, 10.0], [10.0, -500.0], [20.0, -500.0], [20.0, 10.0]];
        let pieces = clip_line(&path, &TileGrid::clip_rect());
        assert_eq!(pieces.len(), 2);
        assert_eq!(pieces[0], vec![[10.0, 10.0], [10.0, -64.0]]);
        assert_eq!(pieces[1], vec![[20.0, -64.0], [20.0, 10.0]]);
    }

    #[test]
    fn exteriors_come_out_with_positive_area_in_tile_units() {
        let grid = TileGrid::new(0, 0, 0);
        // Counter-clockwise in lon/lat, as RFC 7946 stores exteriors.
        let ring: Path = [
            (0.0, 0.0),
            (10.0, 0.0),
            (10.0, 10.0),
            (0.0, 10.0),
            (0.0, 0.0),
        ]
        .iter()
        .map(|&(x, y)| world(x, y))
        .collect();
        let polygon = grid.polygon(&[ring]).expect("a 10° square shows at zoom 0");
        let ring: Vec<[i32; 2]> = polygon
            .exterior()
            .coords()
            .map(|c| [c.x as i32, c.y as i32])
            .collect();
        assert!(shoelace(&ring[..ring.len() - 1]) > 0);
    }

    #[test]
    fn a_ring_smaller_than_one_tile_unit_disappears() {
        let grid = TileGrid::new(0, 0, 0);
        let ring: Path = [(0.0, 0.0), (0.001, 0.0), (0.001, 0.001), (0.0, 0.0)]
            .iter()
            .map(|&(x, y)| world(x, y))
            .collect();
        assert!(grid.polygon(&[ring]).is_none());
    }
}
