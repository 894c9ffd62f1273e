//! Stage 3 of clipping: every crossing of a subdivision edge with a boundary edge, decided
//! with exact orientation predicates, each with one point shared by both edges.

use robust::{Coord, orient2d};

use super::Segment;
use super::boundary::Boundary;
use super::grid::Grid;
use crate::projection::Xy;

/// A subdivision edge crossing a boundary edge.
pub(super) struct Crossing {
    /// The crossing's point id.
    pub(super) point: u32,
    /// The subdivision edge (index).
    pub(super) edge: usize,
    /// Where along the subdivision edge, from 0 at its `from` to 1 at its `to`.
    t: f64,
    /// The boundary edge (index).
    bedge: usize,
    /// Where along the boundary edge, from 0 at its start to 1 at its end.
    s: f64,
    /// Whether the subdivision edge is inside the boundary just after the crossing.
    pub(super) inside_after: bool,
    /// The piece the boundary edge is in just after the crossing.
    pub(super) piece_after: u32,
}

/// The crossings, and for each subdivision and boundary edge its crossings in order along it.
pub(super) struct Crossings {
    /// Every crossing.
    pub(super) all: Vec<Crossing>,
    /// Per subdivision edge: its crossings (indices into `all`), by increasing `t`.
    pub(super) by_edge: Vec<Vec<usize>>,
    /// Per boundary edge: its crossings (indices into `all`), by increasing `s`.
    pub(super) by_bedge: Vec<Vec<usize>>,
}

impl Crossings {
    /// Finds the crossings of `edges` with the `boundary` and appends their points to
    /// `points`, in the order found.
    pub(super) fn find(edges: &[Segment], boundary: &Boundary, points: &mut Vec<Xy>) -> Self {
        let grid = Grid::new(&boundary.edges, points);
        let mut all = detect(edges, &boundary.edges, &grid, points);
        for c in &mut all {
            let e = edges[c.edge];
            let p = points[e.from as usize];
            let q = points[e.to as usize];
            c.point = u32::try_from(points.len()).expect("fewer than 2^32 points");
            points.push([p[0] + c.t * (q[0] - p[0]), p[1] + c.t * (q[1] - p[1])]);
        }
        let mut by_edge: Vec<Vec<usize>> = vec![Vec::new(); edges.len()];
        let mut by_bedge: Vec<Vec<usize>> = vec![Vec::new(); boundary.edges.len()];
        for (i, c) in all.iter().enumerate() {
            by_edge[c.edge].push(i);
            by_bedge[c.bedge].push(i);
        }
        for list in &mut by_edge {
            list.sort_by(|&a, &b| all[a].t.total_cmp(&all[b].t));
        }
        for list in &mut by_bedge {
            list.sort_by(|&a, &b| all[a].s.total_cmp(&all[b].s));
        }
        Self {
            all,
            by_edge,
            by_bedge,
        }
    }
}

fn sign(x: f64) -> i8 {
    if x < 0.0 { -1 } else { 1 }
}

/// Twice the signed area of (a, b, c), with the sign exact (adaptive precision).
fn orient(a: Xy, b: Xy, c: Xy) -> f64 {
    orient2d(
        Coord { x: a[0], y: a[1] },
        Coord { x: b[0], y: b[1] },
        Coord { x: c[0], y: c[1] },
    )
}

/// The crossings of each subdivision edge with the boundary edges near it (through the
/// `grid`), edge by edge, each boundary edge tested once per subdivision edge. Their points
/// are not made yet (`point` is 0).
fn detect(edges: &[Segment], bedges: &[(u32, u32)], grid: &Grid, points: &[Xy]) -> Vec<Crossing> {
    let mut crossings: Vec<Crossing> = Vec::new();
    // The last subdivision edge each boundary edge was tested against.
    let mut stamp = vec![usize::MAX; bedges.len()];
    for (ei, e) in edges.iter().enumerate() {
        let p = points[e.from as usize];
        let q = points[e.to as usize];
        if !grid.overlaps(p, q) {
            continue;
        }
        let (x0, y0, x1, y1) = grid.range(p, q);
        for y in y0..=y1 {
            for x in x0..=x1 {
                for &bi in grid.cell(x, y) {
                    let bi = bi as usize;
                    if stamp[bi] == ei {
                        continue;
                    }
                    stamp[bi] = ei;
                    let (bu, bv) = bedges[bi];
                    let b1 = points[bu as usize];
                    let b2 = points[bv as usize];
                    let (v1, v2) = (orient(p, q, b1), orient(p, q, b2));
                    let (o1, o2) = (sign(v1), sign(v2));
                    if o1 == o2 {
                        continue;
                    }
                    let (v3, v4) = (orient(b1, b2, p), orient(b1, b2, q));
                    let o3 = sign(v3);
                    if o3 == sign(v4) {
                        continue;
                    }
                    // The crossing's parameters from the (exactly signed) areas: always within
                    // the segments, and well behaved when they are nearly parallel.
                    let t = (v3 / (v3 - v4)).clamp(0.0, 1.0);
                    let s = (v1 / (v1 - v2)).clamp(0.0, 1.0);
                    crossings.push(Crossing {
                        point: 0,
                        edge: ei,
                        t,
                        bedge: bi,
                        s,
                        inside_after: o3 < 0,
                        piece_after: if o1 < 0 { e.left } else { e.right },
                    });
                }
            }
        }
    }
    crossings
}
