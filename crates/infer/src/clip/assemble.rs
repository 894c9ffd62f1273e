//! Stage 6 of clipping: each piece's rings and area. A piece that nothing cut keeps its loop
//! (inside or outside as a whole); the others are traced from their clipped segments.

use super::crossings::Crossings;
use super::inside::Status;
use super::{Clipped, Loops, NONE, Segment};
use crate::planar;
use crate::projection::Xy;
use crate::rings;

/// What the earlier stages found, for assembling the pieces.
pub(super) struct Input<'a> {
    pub(super) loops: &'a Loops,
    pub(super) piece_count: usize,
    /// The subdivision edges.
    pub(super) edges: &'a [Segment],
    pub(super) crossings: &'a Crossings,
    /// Pieces that hold a whole uncrossed boundary ring.
    pub(super) lone_pieces: &'a [u32],
    pub(super) status: &'a [Status],
    pub(super) points: &'a [Xy],
}

/// Fills `out.rings` and `out.area` for every piece, from `out.segments` and the loops.
///
/// Returns `Err(piece)` with a piece whose segments did not close into rings.
pub(super) fn pieces(out: &mut Clipped, input: Input<'_>) -> Result<(), usize> {
    let Input {
        loops,
        piece_count,
        points,
        ..
    } = input;
    let simple = SimplePieces::new(&input);
    let half = HalfEdges::new(&out.segments, &simple);
    let loop_rings: Vec<&[u32]> = loops.iter().map(|(_, r)| r).collect();
    out.area = vec![0.0; piece_count];
    out.rings.first.reserve(piece_count + 1);
    for piece in 0..piece_count {
        out.rings.first.push(out.rings.ends.len());
        if simple.simple[piece] {
            let Some(li) = simple.loop_of[piece] else {
                continue;
            };
            let ring = loop_rings[li];
            if input.status[ring[0] as usize] == Status::Inside {
                out.area[piece] = planar::signed_area(planar::ring_points(ring, points));
                out.rings.ids.extend_from_slice(ring);
                out.rings.ends.push(out.rings.ids.len());
            }
            continue;
        }
        let es = half.of(piece);
        if es.is_empty() {
            continue;
        }
        let rings = rings::trace(es, points).ok_or(piece)?;
        out.area[piece] = rings
            .iter()
            .map(|r| planar::signed_area(planar::ring_points(r, points)))
            .sum();
        for r in rings {
            out.rings.ids.extend_from_slice(&r);
            out.rings.ends.push(out.rings.ids.len());
        }
    }
    out.rings.first.push(out.rings.ends.len());
    Ok(())
}

/// Which pieces need no tracing: a piece with a single loop that no crossing or lone ring
/// touches is its loop.
struct SimplePieces {
    /// Per piece: its (last) loop.
    loop_of: Vec<Option<usize>>,
    /// Per piece: whether it is simple.
    simple: Vec<bool>,
}

impl SimplePieces {
    fn new(input: &Input<'_>) -> Self {
        let mut loop_of: Vec<Option<usize>> = vec![None; input.piece_count];
        let mut simple = vec![true; input.piece_count];
        for (li, (piece, _)) in input.loops.iter().enumerate() {
            let p = piece as usize;
            if loop_of[p].is_some() {
                simple[p] = false;
            }
            loop_of[p] = Some(li);
        }
        for c in &input.crossings.all {
            let e = input.edges[c.edge];
            for p in [e.left, e.right] {
                if p != NONE {
                    simple[p as usize] = false;
                }
            }
        }
        for &p in input.lone_pieces {
            simple[p as usize] = false;
        }
        Self { loop_of, simple }
    }

    /// Whether `piece` is a piece to trace.
    fn traced(&self, piece: u32) -> bool {
        piece != NONE && !self.simple[piece as usize]
    }
}

/// The directed segments of each traced piece (with the piece on their left), bucketed by
/// piece in segment order (a counting sort): piece `p`'s are `half[count[p]..count[p + 1]]`.
struct HalfEdges {
    count: Vec<usize>,
    half: Vec<(u32, u32)>,
}

impl HalfEdges {
    fn new(segments: &[Segment], simple: &SimplePieces) -> Self {
        let piece_count = simple.simple.len();
        let mut count = vec![0usize; piece_count + 1];
        for s in segments {
            if simple.traced(s.left) {
                count[s.left as usize + 1] += 1;
            }
            if simple.traced(s.right) {
                count[s.right as usize + 1] += 1;
            }
        }
        for i in 0..piece_count {
            count[i + 1] += count[i];
        }
        let mut fill = count.clone();
        let mut half = vec![(0u32, 0u32); count[piece_count]];
        for s in segments {
            if simple.traced(s.left) {
                half[fill[s.left as usize]] = (s.from, s.to);
                fill[s.left as usize] += 1;
            }
            if simple.traced(s.right) {
                half[fill[s.right as usize]] = (s.to, s.from);
                fill[s.right as usize] += 1;
            }
        }
        Self { count, half }
    }

    /// The directed segments of `piece`.
    fn of(&self, piece: usize) -> &[(u32, u32)] {
        &self.half[self.count[piece]..self.count[piece + 1]]
    }
}
