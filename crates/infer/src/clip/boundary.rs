//! Stage 2 of clipping: the boundary's vertices appended to the points, and its edges.

use std::ops::Range;

use crate::planar;
use crate::projection::Xy;

/// The boundary as edges between point ids, ring by ring.
pub(super) struct Boundary {
    /// Every boundary edge `(from, to)`, each ring's edges in order around it.
    pub(super) edges: Vec<(u32, u32)>,
    /// The range of `edges` of each ring.
    pub(super) rings: Vec<Range<usize>>,
}

impl Boundary {
    /// Appends the vertices of the `rings` to `points`, recording each one's id and index in
    /// the input in `boundary_points`, and returns the boundary's edges.
    pub(super) fn append(
        points: &mut Vec<Xy>,
        rings: &[Vec<Xy>],
        boundary_points: &mut Vec<(u32, usize)>,
    ) -> Self {
        let mut edges: Vec<(u32, u32)> = Vec::new();
        let mut ring_edges: Vec<Range<usize>> = Vec::new();
        let mut input_index = 0;
        for ring in rings {
            let first = u32::try_from(points.len()).expect("fewer than 2^32 points");
            for p in ring {
                boundary_points.push((
                    u32::try_from(points.len()).expect("fewer than 2^32 points"),
                    input_index,
                ));
                input_index += 1;
                points.push(*p);
            }
            let n = u32::try_from(ring.len()).expect("fewer than 2^32 points");
            let start = edges.len();
            for i in 0..n {
                edges.push((first + i, first + (i + 1) % n));
            }
            ring_edges.push(start..edges.len());
        }
        Self {
            edges,
            rings: ring_edges,
        }
    }

    /// Whether `p` is inside the boundary: even-odd over all its rings.
    pub(super) fn contains(&self, p: Xy, points: &[Xy]) -> bool {
        // Each ring is fed backwards, so that every edge is interpolated from its start
        // (see `planar::contains`): that keeps the decisions for points within rounding of a
        // boundary edge exactly those of the edge-by-edge test this replaced.
        self.rings.iter().fold(false, |inside, ring| {
            let vertices = ring.clone().rev().map(|b| points[self.edges[b].0 as usize]);
            inside ^ planar::contains(vertices, p)
        })
    }
}
