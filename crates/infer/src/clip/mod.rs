//! Exact clipping of a planar subdivision to the boundary.
//!
//! Every subdivision edge is tested against the boundary edges near it with exact orientation
//! predicates; each crossing point is computed once and shared by the pieces on both sides and
//! by the boundary. Inside/outside is decided at crossings and propagated along uncrossed edges,
//! and each piece is traced from its clipped edges. The pieces therefore share their vertices
//! exactly: they form a coverage of the boundary.
//!
//! [`clip`] runs these stages in order, one module each:
//! 1. [`edges`]: the subdivision's undirected edges, each with the piece on either side;
//! 2. [`boundary`]: the boundary's vertices appended to the points, and its edges per ring;
//! 3. [`crossings`]: every crossing of a subdivision edge with a boundary edge (found through
//!    a [`grid`] over the boundary edges), each with its own point, sorted along both edges;
//! 4. [`inside`]: whether each subdivision vertex is inside the boundary;
//! 5. [`segments`]: the clipped segments: subdivision edges cut at their crossings, boundary
//!    edges cut at theirs, and boundary rings that no edge crosses;
//! 6. [`assemble`]: each piece's rings and area, traced from its segments.

mod assemble;
mod boundary;
mod crossings;
mod edges;
mod grid;
mod inside;
mod segments;

use crate::projection::Xy;
use boundary::Boundary;
use crossings::Crossings;

/// No piece (outside every piece, or outside the boundary).
pub(crate) const NONE: u32 = u32::MAX;

/// Loops of point ids, each with its piece, stored flat.
#[derive(Debug, Default, Clone)]
pub(crate) struct Loops {
    pieces: Vec<u32>,
    ends: Vec<usize>,
    ids: Vec<u32>,
}

impl Loops {
    /// Adds a loop of `piece`.
    pub(crate) fn push(&mut self, piece: u32, ring: &[u32]) {
        self.ids.extend_from_slice(ring);
        self.pieces.push(piece);
        self.ends.push(self.ids.len());
    }

    /// The loops in order, with their pieces.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (u32, &[u32])> {
        (0..self.pieces.len()).map(move |i| {
            let start = if i == 0 { 0 } else { self.ends[i - 1] };
            (self.pieces[i], &self.ids[start..self.ends[i]])
        })
    }
}

/// The rings of every piece, stored flat: piece `p` has rings `first[p]..first[p + 1]`.
#[derive(Debug, Default, Clone)]
pub(crate) struct PieceRings {
    first: Vec<usize>,
    ends: Vec<usize>,
    ids: Vec<u32>,
}

impl PieceRings {
    /// The rings of `piece` (exteriors counter-clockwise, holes clockwise).
    pub(crate) fn of(&self, piece: usize) -> impl Iterator<Item = &[u32]> + Clone {
        (self.first[piece]..self.first[piece + 1]).map(move |r| {
            let start = if r == 0 { 0 } else { self.ends[r - 1] };
            &self.ids[start..self.ends[r]]
        })
    }
}

/// A clipped edge with the piece on its left and on its right (`NONE` outside).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Segment {
    pub(crate) from: u32,
    pub(crate) to: u32,
    pub(crate) left: u32,
    pub(crate) right: u32,
}

/// The subdivision clipped to the boundary.
#[derive(Debug, Default)]
pub(crate) struct Clipped {
    /// Every segment inside the boundary, with boundary segments having `right == NONE`.
    pub(crate) segments: Vec<Segment>,
    /// Per piece: its rings (exterior counter-clockwise, holes clockwise).
    pub(crate) rings: PieceRings,
    /// Per piece: its area in square metres.
    pub(crate) area: Vec<f64>,
    /// Ids of points that are boundary vertices, with their index in the boundary input.
    pub(crate) boundary_points: Vec<(u32, usize)>,
}

/// Clips the pieces given as counter-clockwise `loops` over `points` to `boundary` (rings
/// oriented with the interior on their left). Appends boundary vertices and crossing points to
/// `points`.
///
/// Returns `Err(piece)` with a piece whose rings did not close.
pub(crate) fn clip(
    points: &mut Vec<Xy>,
    loops: &Loops,
    piece_count: usize,
    boundary: &[Vec<Xy>],
) -> Result<Clipped, usize> {
    let edges = edges::subdivision_edges(loops, points.len());
    let mut out = Clipped::default();
    let boundary = Boundary::append(points, boundary, &mut out.boundary_points);
    if boundary.edges.is_empty() {
        return Ok(out);
    }
    let crossings = Crossings::find(&edges, &boundary, points);
    let status = inside::vertex_status(&edges, &crossings, &boundary, points);
    segments::cut_edges(&edges, &crossings, &status, &mut out.segments);
    let lone_rings = segments::cut_boundary(&boundary, &crossings, &mut out.segments);
    let lone_pieces =
        segments::uncrossed_rings(&boundary, &lone_rings, loops, points, &mut out.segments);
    assemble::pieces(
        &mut out,
        assemble::Input {
            loops,
            piece_count,
            edges: &edges,
            crossings: &crossings,
            lone_pieces: &lone_pieces,
            status: &status,
            points,
        },
    )?;
    Ok(out)
}
