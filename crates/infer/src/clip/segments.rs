//! Stage 5 of clipping: the clipped segments. Subdivision edges are cut at their crossings
//! and kept where inside; boundary edges are cut at theirs and given the piece they run
//! through; boundary rings that no edge crosses lie wholly in one piece (or outside all).

use super::boundary::Boundary;
use super::crossings::Crossings;
use super::inside::Status;
use super::{Loops, NONE, Segment};
use crate::planar;
use crate::projection::Xy;

/// Pushes the parts of the subdivision `edges` inside the boundary to `segments`, in edge
/// order, each part keeping its edge's pieces.
pub(super) fn cut_edges(
    edges: &[Segment],
    crossings: &Crossings,
    status: &[Status],
    segments: &mut Vec<Segment>,
) {
    for (ei, e) in edges.iter().enumerate() {
        let list = &crossings.by_edge[ei];
        if list.is_empty() {
            if status[e.from as usize] == Status::Inside {
                segments.push(*e);
            }
            continue;
        }
        let mut prev = e.from;
        let mut inside = !crossings.all[list[0]].inside_after;
        for &ci in list {
            let c = &crossings.all[ci];
            if inside && prev != c.point {
                segments.push(Segment {
                    from: prev,
                    to: c.point,
                    ..*e
                });
            }
            prev = c.point;
            inside = c.inside_after;
        }
        if inside && prev != e.to {
            segments.push(Segment {
                from: prev,
                to: e.to,
                ..*e
            });
        }
    }
}

/// Pushes the parts of the crossed boundary rings to `segments`, ring by ring, each with the
/// piece on its left (parts outside every piece are left out). Returns the rings that no
/// edge crosses.
pub(super) fn cut_boundary(
    boundary: &Boundary,
    crossings: &Crossings,
    segments: &mut Vec<Segment>,
) -> Vec<usize> {
    let by_bedge = &crossings.by_bedge;
    let mut lone_rings = Vec::new();
    for (ri, range) in boundary.rings.iter().enumerate() {
        let first = range.clone().find(|&b| !by_bedge[b].is_empty());
        let Some(first) = first else {
            lone_rings.push(ri);
            continue;
        };
        let n = range.len();
        let offset = first - range.start;
        // Start just after the first crossing of edge `first`.
        let c0 = &crossings.all[by_bedge[first][0]];
        let mut piece = c0.piece_after;
        let mut prev = c0.point;
        let emit = |from: u32, to: u32, piece: u32, segs: &mut Vec<Segment>| {
            if piece != NONE && from != to {
                segs.push(Segment {
                    from,
                    to,
                    left: piece,
                    right: NONE,
                });
            }
        };
        for k in 0..=n {
            let b = range.start + (offset + k) % n;
            let list = &by_bedge[b];
            let skip = if k == 0 { 1 } else { 0 };
            if k == n {
                // Back on the first edge: up to its first crossing.
                emit(prev, c0.point, piece, segments);
                break;
            }
            for &ci in list.iter().skip(skip) {
                let c = &crossings.all[ci];
                emit(prev, c.point, piece, segments);
                prev = c.point;
                piece = c.piece_after;
            }
            let end = boundary.edges[b].1;
            emit(prev, end, piece, segments);
            prev = end;
        }
    }
    lone_rings
}

/// Pushes each boundary ring of `lone_rings` that lies in a piece to `segments`, whole, with
/// that piece on its left. Returns those pieces.
pub(super) fn uncrossed_rings(
    boundary: &Boundary,
    lone_rings: &[usize],
    loops: &Loops,
    points: &[Xy],
    segments: &mut Vec<Segment>,
) -> Vec<u32> {
    let mut lone_pieces: Vec<u32> = Vec::new();
    for &ri in lone_rings {
        let range = boundary.rings[ri].clone();
        let p = points[boundary.edges[range.start].0 as usize];
        let piece = locate(p, loops, points);
        if piece == NONE {
            continue;
        }
        lone_pieces.push(piece);
        for b in range {
            let (u, v) = boundary.edges[b];
            segments.push(Segment {
                from: u,
                to: v,
                left: piece,
                right: NONE,
            });
        }
    }
    lone_pieces
}

/// The piece whose loop contains `p`, or `NONE`.
fn locate(p: Xy, loops: &Loops, points: &[Xy]) -> u32 {
    for (piece, ring) in loops.iter() {
        if planar::contains(planar::ring_points(ring, points), p) {
            return piece;
        }
    }
    NONE
}
