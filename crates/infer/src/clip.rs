//! Exact clipping of a planar subdivision to the boundary.
//!
//! Every subdivision edge is tested against the boundary edges near it with exact orientation
//! predicates; each crossing point is computed once and shared by the pieces on both sides and
//! by the boundary. Inside/outside is decided at crossings and propagated along uncrossed edges,
//! and each piece is traced from its clipped edges. The pieces therefore share their vertices
//! exactly: they form a coverage of the boundary.

use robust::{Coord, orient2d};

use crate::planar;
use crate::projection::Xy;
use crate::rings;

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

struct Crossing {
    point: u32,
    edge: usize,
    t: f64,
    bedge: usize,
    s: f64,
    /// Whether the subdivision edge is inside the boundary just after the crossing.
    inside_after: bool,
    /// The piece the boundary edge is in just after the crossing.
    piece_after: u32,
}

/// A uniform grid over the boundary edges.
struct Grid {
    min: Xy,
    size: f64,
    nx: usize,
    ny: usize,
    cells: Vec<Vec<u32>>,
}

impl Grid {
    fn new(bedges: &[(u32, u32)], points: &[Xy]) -> Self {
        let mut min = [f64::INFINITY; 2];
        let mut max = [f64::NEG_INFINITY; 2];
        for &(u, _) in bedges {
            let p = points[u as usize];
            for k in 0..2 {
                min[k] = min[k].min(p[k]);
                max[k] = max[k].max(p[k]);
            }
        }
        let w = (max[0] - min[0]).max(1e-9);
        let h = (max[1] - min[1]).max(1e-9);
        let target = (bedges.len() as f64).sqrt().clamp(1.0, 512.0);
        let size = (w.max(h) / target).max(1e-9);
        let nx = ((w / size).ceil() as usize).max(1);
        let ny = ((h / size).ceil() as usize).max(1);
        let mut g = Self {
            min,
            size,
            nx,
            ny,
            cells: vec![Vec::new(); nx * ny],
        };
        for (i, &(u, v)) in bedges.iter().enumerate() {
            let (x0, y0, x1, y1) = g.range(points[u as usize], points[v as usize]);
            for y in y0..=y1 {
                for x in x0..=x1 {
                    g.cells[y * nx + x].push(u32::try_from(i).expect("fewer than 2^32 edges"));
                }
            }
        }
        g
    }

    fn clamp(&self, v: f64, n: usize) -> usize {
        if v <= 0.0 { 0 } else { (v as usize).min(n - 1) }
    }

    fn range(&self, a: Xy, b: Xy) -> (usize, usize, usize, usize) {
        let fx0 = (a[0].min(b[0]) - self.min[0]) / self.size;
        let fx1 = (a[0].max(b[0]) - self.min[0]) / self.size;
        let fy0 = (a[1].min(b[1]) - self.min[1]) / self.size;
        let fy1 = (a[1].max(b[1]) - self.min[1]) / self.size;
        (
            self.clamp(fx0, self.nx),
            self.clamp(fy0, self.ny),
            self.clamp(fx1, self.nx),
            self.clamp(fy1, self.ny),
        )
    }

    fn overlaps(&self, a: Xy, b: Xy) -> bool {
        let max = [
            self.min[0] + self.size * self.nx as f64,
            self.min[1] + self.size * self.ny as f64,
        ];
        a[0].max(b[0]) >= self.min[0]
            && a[0].min(b[0]) <= max[0]
            && a[1].max(b[1]) >= self.min[1]
            && a[1].min(b[1]) <= max[1]
    }
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
    // Undirected subdivision edges with left and right pieces, in a deterministic order. Twins
    // are found through each point's outgoing edges (compressed rows), without hashing.
    let mut directed: Vec<(u32, u32, u32)> = Vec::with_capacity(loops.ids.len());
    for (piece, ring) in loops.iter() {
        for i in 0..ring.len() {
            let u = ring[i];
            let v = ring[(i + 1) % ring.len()];
            if u != v {
                directed.push((u, v, piece));
            }
        }
    }
    let n_points = points.len();
    let mut offsets = vec![0u32; n_points + 1];
    for &(u, _, _) in &directed {
        offsets[u as usize + 1] += 1;
    }
    for i in 0..n_points {
        offsets[i + 1] += offsets[i];
    }
    let mut fill = offsets.clone();
    let mut out_edges = vec![0u32; directed.len()];
    for (i, &(u, _, _)) in directed.iter().enumerate() {
        out_edges[fill[u as usize] as usize] = u32::try_from(i).expect("fewer than 2^32 edges");
        fill[u as usize] += 1;
    }
    drop(fill);
    let twin = |u: u32, v: u32| -> Option<u32> {
        let range = offsets[v as usize] as usize..offsets[v as usize + 1] as usize;
        out_edges[range]
            .iter()
            .map(|&e| directed[e as usize])
            .find(|&(_, to, _)| to == u)
            .map(|(_, _, piece)| piece)
    };
    let mut edges: Vec<Segment> = Vec::with_capacity(directed.len() / 2 + 1);
    for &(u, v, piece) in &directed {
        match twin(u, v) {
            Some(q) if q == piece => {}
            Some(q) => {
                if u < v {
                    edges.push(Segment {
                        from: u,
                        to: v,
                        left: piece,
                        right: q,
                    });
                }
            }
            None => edges.push(Segment {
                from: u,
                to: v,
                left: piece,
                right: NONE,
            }),
        }
    }
    drop(out_edges);
    drop(offsets);

    // Boundary vertices and edges.
    let mut out = Clipped::default();
    let mut bedges: Vec<(u32, u32)> = Vec::new();
    let mut ring_edges: Vec<std::ops::Range<usize>> = Vec::new();
    let mut input_index = 0;
    for ring in boundary {
        let first = u32::try_from(points.len()).expect("fewer than 2^32 points");
        for p in ring {
            out.boundary_points.push((
                u32::try_from(points.len()).expect("fewer than 2^32 points"),
                input_index,
            ));
            input_index += 1;
            points.push(*p);
        }
        let n = u32::try_from(ring.len()).expect("fewer than 2^32 points");
        let start = bedges.len();
        for i in 0..n {
            bedges.push((first + i, first + (i + 1) % n));
        }
        ring_edges.push(start..bedges.len());
    }
    if bedges.is_empty() {
        return Ok(out);
    }
    let grid = Grid::new(&bedges, points);

    // Crossings.
    let mut crossings: Vec<Crossing> = Vec::new();
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
                for &bi in &grid.cells[y * grid.nx + x] {
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
    for c in &mut crossings {
        let e = edges[c.edge];
        let p = points[e.from as usize];
        let q = points[e.to as usize];
        c.point = u32::try_from(points.len()).expect("fewer than 2^32 points");
        points.push([p[0] + c.t * (q[0] - p[0]), p[1] + c.t * (q[1] - p[1])]);
    }

    // Crossings per subdivision edge, sorted along it.
    let mut by_edge: Vec<Vec<usize>> = vec![Vec::new(); edges.len()];
    let mut by_bedge: Vec<Vec<usize>> = vec![Vec::new(); bedges.len()];
    for (i, c) in crossings.iter().enumerate() {
        by_edge[c.edge].push(i);
        by_bedge[c.bedge].push(i);
    }
    for list in &mut by_edge {
        list.sort_by(|&a, &b| crossings[a].t.total_cmp(&crossings[b].t));
    }
    for list in &mut by_bedge {
        list.sort_by(|&a, &b| crossings[a].s.total_cmp(&crossings[b].s));
    }

    // Inside/outside status of subdivision vertices: from crossings, then along uncrossed edges
    // (0 unknown, 1 outside, 2 inside).
    let mut status = vec![0u8; points.len()];
    let code = |inside: bool| if inside { 2u8 } else { 1u8 };
    let mut stack: Vec<u32> = Vec::new();
    for (ei, list) in by_edge.iter().enumerate() {
        if let (Some(&f), Some(&l)) = (list.first(), list.last()) {
            status[edges[ei].from as usize] = code(!crossings[f].inside_after);
            status[edges[ei].to as usize] = code(crossings[l].inside_after);
            stack.push(edges[ei].from);
            stack.push(edges[ei].to);
        }
    }
    // Adjacency over uncrossed edges, in compressed rows.
    let mut degree = vec![0u32; points.len() + 1];
    for (ei, e) in edges.iter().enumerate() {
        if by_edge[ei].is_empty() {
            degree[e.from as usize] += 1;
            degree[e.to as usize] += 1;
        }
    }
    let mut offsets = vec![0usize; points.len() + 1];
    for v in 0..points.len() {
        offsets[v + 1] = offsets[v] + degree[v] as usize;
    }
    let mut fill = offsets.clone();
    let mut adj = vec![0u32; offsets[points.len()]];
    for (ei, e) in edges.iter().enumerate() {
        if by_edge[ei].is_empty() {
            adj[fill[e.from as usize]] = e.to;
            fill[e.from as usize] += 1;
            adj[fill[e.to as usize]] = e.from;
            fill[e.to as usize] += 1;
        }
    }
    let propagate = |status: &mut Vec<u8>, stack: &mut Vec<u32>| {
        while let Some(v) = stack.pop() {
            let s = status[v as usize];
            for &w in &adj[offsets[v as usize]..offsets[v as usize + 1]] {
                if status[w as usize] == 0 {
                    status[w as usize] = s;
                    stack.push(w);
                }
            }
        }
    };
    propagate(&mut status, &mut stack);
    for e in &edges {
        for v in [e.from, e.to] {
            if status[v as usize] == 0 {
                status[v as usize] = code(inside_boundary(
                    points[v as usize],
                    &bedges,
                    &ring_edges,
                    points,
                ));
                stack.push(v);
                propagate(&mut status, &mut stack);
            }
        }
    }

    // Clipped subdivision segments.
    for (ei, e) in edges.iter().enumerate() {
        let list = &by_edge[ei];
        if list.is_empty() {
            if status[e.from as usize] == 2 {
                out.segments.push(*e);
            }
            continue;
        }
        let mut prev = e.from;
        let mut inside = !crossings[list[0]].inside_after;
        for &ci in list {
            let c = &crossings[ci];
            if inside && prev != c.point {
                out.segments.push(Segment {
                    from: prev,
                    to: c.point,
                    ..*e
                });
            }
            prev = c.point;
            inside = c.inside_after;
        }
        if inside && prev != e.to {
            out.segments.push(Segment {
                from: prev,
                to: e.to,
                ..*e
            });
        }
    }

    // Clipped boundary segments.
    let mut lone_rings = Vec::new();
    for (ri, range) in ring_edges.iter().enumerate() {
        let first = range.clone().find(|&b| !by_bedge[b].is_empty());
        let Some(first) = first else {
            lone_rings.push(ri);
            continue;
        };
        let n = range.len();
        let offset = first - range.start;
        // Start just after the first crossing of edge `first`.
        let c0 = by_bedge[first][0];
        let mut piece = crossings[c0].piece_after;
        let mut prev = crossings[c0].point;
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
                emit(prev, crossings[c0].point, piece, &mut out.segments);
                break;
            }
            for &ci in list.iter().skip(skip) {
                let c = &crossings[ci];
                emit(prev, c.point, piece, &mut out.segments);
                prev = c.point;
                piece = c.piece_after;
            }
            let end = bedges[b].1;
            emit(prev, end, piece, &mut out.segments);
            prev = end;
        }
    }
    let mut lone_pieces: Vec<u32> = Vec::new();
    for ri in lone_rings {
        let range = ring_edges[ri].clone();
        let p = points[bedges[range.start].0 as usize];
        let piece = locate(p, loops, points);
        if piece == NONE {
            continue;
        }
        lone_pieces.push(piece);
        for b in range {
            let (u, v) = bedges[b];
            out.segments.push(Segment {
                from: u,
                to: v,
                left: piece,
                right: NONE,
            });
        }
    }

    // A piece with a single loop that no crossing or lone ring touches is its loop, inside or
    // outside as a whole: no tracing needed.
    let mut loop_of: Vec<Option<usize>> = vec![None; piece_count];
    let mut simple = vec![true; piece_count];
    for (li, (piece, _)) in loops.iter().enumerate() {
        let p = piece as usize;
        if loop_of[p].is_some() {
            simple[p] = false;
        }
        loop_of[p] = Some(li);
    }
    for c in &crossings {
        let e = edges[c.edge];
        for p in [e.left, e.right] {
            if p != NONE {
                simple[p as usize] = false;
            }
        }
    }
    for &p in &lone_pieces {
        simple[p as usize] = false;
    }
    let traced = |p: u32| p != NONE && !simple[p as usize];

    // Trace the other pieces: half-edges bucketed by piece (counting sort).
    let mut count = vec![0usize; piece_count + 1];
    for s in &out.segments {
        if traced(s.left) {
            count[s.left as usize + 1] += 1;
        }
        if traced(s.right) {
            count[s.right as usize + 1] += 1;
        }
    }
    for i in 0..piece_count {
        count[i + 1] += count[i];
    }
    let mut fill = count.clone();
    let mut half = vec![(0u32, 0u32); count[piece_count]];
    for s in &out.segments {
        if traced(s.left) {
            half[fill[s.left as usize]] = (s.from, s.to);
            fill[s.left as usize] += 1;
        }
        if traced(s.right) {
            half[fill[s.right as usize]] = (s.to, s.from);
            fill[s.right as usize] += 1;
        }
    }
    let loop_ranges: Vec<&[u32]> = loops.iter().map(|(_, r)| r).collect();
    out.area = vec![0.0; piece_count];
    out.rings.first.reserve(piece_count + 1);
    for piece in 0..piece_count {
        out.rings.first.push(out.rings.ends.len());
        if simple[piece] {
            let Some(li) = loop_of[piece] else { continue };
            let ring = loop_ranges[li];
            if status[ring[0] as usize] == 2 {
                out.area[piece] = planar::signed_area(planar::ring_points(ring, points));
                out.rings.ids.extend_from_slice(ring);
                out.rings.ends.push(out.rings.ids.len());
            }
            continue;
        }
        let es = &half[count[piece]..count[piece + 1]];
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
    Ok(out)
}

/// Whether `p` is inside the boundary: even-odd over all its rings.
fn inside_boundary(
    p: Xy,
    bedges: &[(u32, u32)],
    ring_edges: &[std::ops::Range<usize>],
    points: &[Xy],
) -> bool {
    // Each ring is fed backwards, so that every edge is interpolated from its start (see
    // `planar::contains`): that keeps the decisions for points within rounding of a boundary
    // edge exactly those of the edge-by-edge test this replaced.
    ring_edges.iter().fold(false, |inside, ring| {
        let vertices = ring.clone().rev().map(|b| points[bedges[b].0 as usize]);
        inside ^ planar::contains(vertices, p)
    })
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
