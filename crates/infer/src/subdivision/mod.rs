//! The pieces of the places' Voronoi cells before clipping: cells cut by the distance cap and
//! the contested band, as loops of shared vertex ids.
//!
//! Each cell is split into fan triangles (the site and one Voronoi edge). In a fan triangle the
//! band is the strip within half the band width of the edge, and the cap is a circle around the
//! site, drawn as a polygon with vertices every [`ARC_STEP`] radians. Every point that lies on a
//! Voronoi edge or on a spoke (site to Voronoi vertex) is computed once and shared by the pieces
//! on both sides, so the pieces form an exact planar subdivision: no T-junctions, no slivers.
//!
//! [`build`] triangulates the places and makes the Voronoi vertices; then each cell goes
//! through these stages, one module each:
//! 1. [`cell`]: the cell's fans (one per Voronoi edge) and the split points on its spokes; a
//!    cell that neither cap nor band cuts is one loop;
//! 2. [`fan`]: each fan triangle cut into its core, band and beyond regions, between the
//!    breaks along its Voronoi edge;
//! 3. [`outline`]: each region's loop of shared point ids.

mod cell;
mod fan;
mod outline;

use std::f64::consts::PI;

use spade::handles::FixedVertexHandle;
use spade::{DelaunayTriangulation, HasPosition, Point2, Triangulation};

use crate::clip::Loops;
use crate::error::{Error, Result};
use crate::hash::FxHashMap;
use crate::projection::Xy;

/// Angular step of the polygonised cap circle (64 segments per full circle).
pub(crate) const ARC_STEP: f64 = 2.0 * PI / 64.0;

/// The circles around each site that cut its cell: `RINGS - 1` rings at equal steps of the
/// cap's radius, then the cap itself. Within the cap, land farther than the first ring from
/// its site is cut into pieces between consecutive rings and, along them, into sectors about
/// as wide as a ring (see [`fan`]), so that a borrowed state (ADR 0007) can reach the part of
/// a wide cell that lies within its lender's cap without the rest.
pub(crate) const RINGS: usize = 8;

/// What part of its site's cell a piece is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum PieceKind {
    /// Within the cap and outside every band strip: the site's own label.
    Core,
    /// Within the cap and within the band strip along the edge shared with `neighbour`.
    Band { neighbour: u32 },
    /// Farther than the cap from the site: always unknown.
    Beyond,
}

/// One piece: a part of a site's cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Piece {
    /// The position (deduplicated site) whose cell this is part of.
    pub(crate) position: u32,
    pub(crate) kind: PieceKind,
}

/// The unclipped subdivision.
#[derive(Debug, Default)]
pub(crate) struct Subdivision {
    pub(crate) points: Vec<Xy>,
    pub(crate) pieces: Vec<Piece>,
    /// Counter-clockwise loops of point ids, each with its piece.
    pub(crate) loops: Loops,
    /// The Delaunay neighbours of each real position (for relabelling the band).
    pub(crate) neighbours: Vec<Vec<u32>>,
}

#[derive(Debug, Clone, Copy)]
struct Vertex {
    pos: Point2<f64>,
}

impl HasPosition for Vertex {
    type Scalar = f64;
    fn position(&self) -> Point2<f64> {
        self.pos
    }
}

/// The geometry parameters in metres.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Params {
    pub(crate) cap: Option<f64>,
    pub(crate) band: f64,
}

impl Params {
    /// The radius of circle `c` (0 ..= `RINGS - 1`, the last being the cap), if there is a cap.
    fn radius(&self, c: usize) -> Option<f64> {
        self.cap.map(|cap| {
            if c + 1 >= RINGS {
                cap
            } else {
                cap * (c + 1) as f64 / RINGS as f64
            }
        })
    }
}

fn sub(a: Xy, b: Xy) -> Xy {
    [a[0] - b[0], a[1] - b[1]]
}
fn cross(a: Xy, b: Xy) -> f64 {
    a[0] * b[1] - a[1] * b[0]
}
fn dot(a: Xy, b: Xy) -> f64 {
    a[0] * b[0] + a[1] * b[1]
}
fn norm(a: Xy) -> f64 {
    a[0].hypot(a[1])
}
fn lerp(a: Xy, b: Xy, t: f64) -> Xy {
    [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]
}
fn along(origin: Xy, dir: Xy, s: f64) -> Xy {
    [origin[0] + s * dir[0], origin[1] + s * dir[1]]
}

/// Where a circle crosses a Voronoi edge: (parameter along the edge, point id, circle).
type Crossing = (f64, u32, u8);

/// The subdivision being built, with the points shared between cells.
struct Builder {
    sub: Subdivision,
    /// The point id of each Delaunay face's circumcentre (a Voronoi vertex).
    circumcentres: Vec<u32>,
    /// The points made by `shared_point`, by their exact coordinates.
    coords: FxHashMap<(u64, u64), u32>,
    /// The crossings of each Voronoi edge with the circles (rings and cap), by its (lower,
    /// higher) point ids: (parameter from the lower, point id, circle).
    edge_points: FxHashMap<(u32, u32), Vec<Crossing>>,
    /// A loop buffer, reused from loop to loop.
    scratch: Vec<u32>,
    params: Params,
}

impl Builder {
    /// A new point.
    fn point(&mut self, p: Xy) -> u32 {
        let id = u32::try_from(self.sub.points.len()).expect("fewer than 2^32 points");
        self.sub.points.push(p);
        id
    }

    /// The point at exactly `p`, made once.
    fn shared_point(&mut self, p: Xy) -> u32 {
        let key = (p[0].to_bits(), p[1].to_bits());
        if let Some(&id) = self.coords.get(&key) {
            return id;
        }
        let id = self.point(p);
        self.coords.insert(key, id);
        id
    }

    /// A new piece of the cell of `position`.
    fn piece(&mut self, position: u32, kind: PieceKind) -> u32 {
        let id = u32::try_from(self.sub.pieces.len()).expect("fewer than 2^32 pieces");
        self.sub.pieces.push(Piece { position, kind });
        id
    }

    /// A new piece of the same cell and kind as `piece`.
    fn piece_like(&mut self, piece: u32) -> u32 {
        let Piece { position, kind } = self.sub.pieces[piece as usize];
        self.piece(position, kind)
    }

    /// The crossings of the Voronoi edge between points `c0` and `c1` separating sites `a` and
    /// `b` with the circles (rings and cap) around either site, computed once per edge, as
    /// (parameter from `c0`, point id, circle), by increasing parameter. A point of the edge is
    /// as far from both sites, so both cells have the same crossings.
    fn edge_crossings(&mut self, c0: u32, c1: u32, site: Xy, other: Xy) -> Vec<Crossing> {
        let Some(first) = self.params.radius(0) else {
            return Vec::new();
        };
        let (lo, hi, flip) = if c0 < c1 {
            (c0, c1, false)
        } else {
            (c1, c0, true)
        };
        // Canonical: from the lower point id, around the site with the smaller coordinates, so
        // that both sides decide and compute alike.
        let centre = if (site[0], site[1]) < (other[0], other[1]) {
            site
        } else {
            other
        };
        let p0 = self.sub.points[lo as usize];
        let p1 = self.sub.points[hi as usize];
        let far = norm(sub(p0, centre)).max(norm(sub(p1, centre)));
        if first >= far {
            // The whole edge is within the first ring: no crossing.
            return Vec::new();
        }
        if !self.edge_points.contains_key(&(lo, hi)) {
            let d = sub(p1, p0);
            let f = sub(p0, centre);
            let qa = dot(d, d);
            let qb = dot(f, d);
            let mut found = Vec::new();
            for c in 0..RINGS {
                let r = self.params.radius(c).expect("a cap");
                if r >= far {
                    break;
                }
                let qc = dot(f, f) - r * r;
                let disc = qb * qb - qa * qc;
                if qa > 0.0 && disc > 0.0 {
                    let s = disc.sqrt();
                    for t in [(-qb - s) / qa, (-qb + s) / qa] {
                        if t > 1e-12 && t < 1.0 - 1e-12 {
                            let id = self.point(lerp(p0, p1, t));
                            found.push((t, id, u8::try_from(c).expect("few rings")));
                        }
                    }
                }
            }
            found.sort_by(|x, y| x.0.partial_cmp(&y.0).expect("parameters are finite"));
            self.edge_points.insert((lo, hi), found);
        }
        let list = &self.edge_points[&(lo, hi)];
        if flip {
            list.iter()
                .rev()
                .map(|&(t, id, c)| (1.0 - t, id, c))
                .collect()
        } else {
            list.clone()
        }
    }
}

/// Builds the subdivision of `positions` (distinct projected sites) within a square that holds
/// `extent` (a centre and half-size in metres).
///
/// # Errors
/// [`Error::Triangulation`] if spade rejects a position.
pub(crate) fn build(positions: &[Xy], extent: (Xy, f64), params: Params) -> Result<Subdivision> {
    let n = positions.len();
    let (centre, half) = extent;
    // Four far sites make every real cell bounded; they are far enough that no land within
    // `extent` is nearer to them than to a real site.
    let far = 4.0 * half.max(1.0);
    let mut vertices: Vec<Vertex> = positions
        .iter()
        .map(|p| Vertex {
            pos: Point2::new(p[0], p[1]),
        })
        .collect();
    for (dx, dy) in [(-1.0, -1.0), (1.0, -1.0), (1.0, 1.0), (-1.0, 1.0)] {
        vertices.push(Vertex {
            pos: Point2::new(centre[0] + dx * far, centre[1] + dy * far),
        });
    }
    let dt: DelaunayTriangulation<Vertex> = DelaunayTriangulation::bulk_load_stable(vertices)
        .map_err(|source| Error::Triangulation { source })?;
    let mut b = Builder {
        sub: Subdivision::default(),
        circumcentres: Vec::new(),
        coords: FxHashMap::default(),
        edge_points: FxHashMap::default(),
        scratch: Vec::new(),
        params,
    };
    // Site apexes are points 0..n.
    for p in positions {
        b.point(*p);
    }
    b.circumcentres = voronoi_vertices(&dt, &mut b);
    b.sub.neighbours = vec![Vec::new(); n];
    for a in 0..n {
        let handle = dt.vertex(FixedVertexHandle::from_index(a));
        let mut ring: Vec<(u32, u32)> = Vec::new(); // (neighbour, circumcentre of left face)
        for edge in handle.out_edges() {
            let nb = u32::try_from(edge.to().fix().index()).expect("fewer than 2^32 sites");
            let face = edge
                .face()
                .as_inner()
                .expect("real sites are inside the far square, so their faces are inner");
            let cc = b.circumcentres[face.fix().index()];
            ring.push((nb, cc));
        }
        b.sub.neighbours[a] = ring
            .iter()
            .map(|&(nb, _)| nb)
            .filter(|&nb| (nb as usize) < n)
            .collect();
        cell::cell(&mut b, a, positions, &ring, n);
    }
    Ok(b.sub)
}

/// Snaps Voronoi vertices closer than this (metres) into one. Four places nearly on a circle (a
/// grid of places) give two triangles with almost the same circumcentre: the Voronoi edge between
/// them is centimetres long, and the fans on it are slivers whose sides cross in floating point.
/// Merged, the edge vanishes; cell borders move by less than this.
const MERGE_M: f64 = 1.0;

/// The point id of each face's circumcentre, merging nearly equal ones across Delaunay edges.
fn voronoi_vertices(dt: &DelaunayTriangulation<Vertex>, b: &mut Builder) -> Vec<u32> {
    let nf = dt.num_all_faces();
    let mut centre = vec![[f64::NAN; 2]; nf];
    for face in dt.inner_faces() {
        let c = face.circumcenter();
        centre[face.fix().index()] = [c.x, c.y];
    }
    let mut parent: Vec<usize> = (0..nf).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for edge in dt.undirected_edges() {
        let d = edge.as_directed();
        let (Some(f0), Some(f1)) = (d.face().as_inner(), d.rev().face().as_inner()) else {
            continue;
        };
        let (i, j) = (f0.fix().index(), f1.fix().index());
        if norm(sub(centre[i], centre[j])) < MERGE_M {
            let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
            if ri != rj {
                parent[ri.max(rj)] = ri.min(rj);
            }
        }
    }
    let mut ids = vec![u32::MAX; nf];
    for f in 0..nf {
        if centre[f][0].is_nan() {
            continue;
        }
        let r = root(&mut parent, f);
        if ids[r] == u32::MAX {
            ids[r] = b.shared_point(centre[r]);
        }
        ids[f] = ids[r];
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every edge of every loop is matched by the same edge the other way round in another
    /// loop, except on the outside: no T-junctions, no gaps.
    fn unmatched(sub: &Subdivision) -> Vec<(u32, u32)> {
        let mut edges: FxHashMap<(u32, u32), i32> = FxHashMap::default();
        for (_, ring) in sub.loops.iter() {
            for i in 0..ring.len() {
                let (a, b) = (ring[i], ring[(i + 1) % ring.len()]);
                *edges.entry((a, b)).or_default() += 1;
            }
        }
        edges
            .keys()
            .filter(|&&(a, b)| !edges.contains_key(&(b, a)))
            .copied()
            .collect()
    }

    #[test]
    fn rings_and_sectors_leave_no_t_junctions_on_a_grid() {
        let mut positions = Vec::new();
        for i in 0..12 {
            for j in 0..12 {
                positions.push([f64::from(i) * 8_300.0, f64::from(j) * 10_000.0]);
            }
        }
        let params = Params {
            cap: Some(35_000.0),
            band: 7_000.0,
        };
        let sub = build(&positions, ([45_000.0, 55_000.0], 60_000.0), params).expect("sub");
        let bad: Vec<(u32, u32)> = unmatched(&sub)
            .into_iter()
            .filter(|&(a, b)| {
                let (p, q) = (sub.points[a as usize], sub.points[b as usize]);
                // Inside the grid, away from the outermost cells.
                [p, q].iter().all(|x| {
                    x[0] > 8_000.0 && x[0] < 83_000.0 && x[1] > 10_000.0 && x[1] < 100_000.0
                })
            })
            .collect();
        for (piece, ring) in sub.loops.iter() {
            let area = crate::planar::signed_area(ring.iter().map(|&id| sub.points[id as usize]));
            assert!(
                area > 0.0,
                "piece {piece} {:?}: {area} {:?}",
                sub.pieces[piece as usize],
                ring.iter()
                    .map(|&id| sub.points[id as usize])
                    .collect::<Vec<_>>()
            );
        }
        assert!(
            bad.is_empty(),
            "{} unmatched, e.g. {:?}",
            bad.len(),
            &bad[..bad.len().min(5)]
                .iter()
                .map(|&(a, b)| (sub.points[a as usize], sub.points[b as usize]))
                .collect::<Vec<_>>()
        );
    }
}
