//! Stage 4 of clipping: whether each subdivision vertex is inside the boundary, decided at the
//! crossings and carried along uncrossed edges; a part no crossing reaches is tested once.

use super::Segment;
use super::boundary::Boundary;
use super::crossings::Crossings;
use crate::projection::Xy;

/// Where a point is with respect to the boundary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Status {
    /// Not decided (a point that is no subdivision vertex stays so).
    Unknown,
    /// Outside the boundary.
    Outside,
    /// Inside the boundary.
    Inside,
}

impl Status {
    fn of(inside: bool) -> Self {
        if inside { Self::Inside } else { Self::Outside }
    }
}

/// The status of every point: the ends of crossed edges from their first and last crossing,
/// then along uncrossed edges; each part of the subdivision that no crossing reaches is
/// located with one point-in-boundary test.
pub(super) fn vertex_status(
    edges: &[Segment],
    crossings: &Crossings,
    boundary: &Boundary,
    points: &[Xy],
) -> Vec<Status> {
    let mut status = vec![Status::Unknown; points.len()];
    let mut stack: Vec<u32> = Vec::new();
    for (ei, list) in crossings.by_edge.iter().enumerate() {
        if let (Some(&f), Some(&l)) = (list.first(), list.last()) {
            status[edges[ei].from as usize] = Status::of(!crossings.all[f].inside_after);
            status[edges[ei].to as usize] = Status::of(crossings.all[l].inside_after);
            stack.push(edges[ei].from);
            stack.push(edges[ei].to);
        }
    }
    let uncrossed = Uncrossed::new(edges, crossings, points.len());
    uncrossed.propagate(&mut status, &mut stack);
    for e in edges {
        for v in [e.from, e.to] {
            if status[v as usize] == Status::Unknown {
                status[v as usize] = Status::of(boundary.contains(points[v as usize], points));
                stack.push(v);
                uncrossed.propagate(&mut status, &mut stack);
            }
        }
    }
    status
}

/// Adjacency over the subdivision edges that no crossing cuts, in compressed rows: the
/// neighbours of `v` are `adj[offsets[v]..offsets[v + 1]]`.
struct Uncrossed {
    offsets: Vec<usize>,
    adj: Vec<u32>,
}

impl Uncrossed {
    fn new(edges: &[Segment], crossings: &Crossings, n_points: usize) -> Self {
        let uncrossed = || {
            edges
                .iter()
                .enumerate()
                .filter(|(ei, _)| crossings.by_edge[*ei].is_empty())
                .map(|(_, e)| e)
        };
        let mut degree = vec![0u32; n_points + 1];
        for e in uncrossed() {
            degree[e.from as usize] += 1;
            degree[e.to as usize] += 1;
        }
        let mut offsets = vec![0usize; n_points + 1];
        for v in 0..n_points {
            offsets[v + 1] = offsets[v] + degree[v] as usize;
        }
        let mut fill = offsets.clone();
        let mut adj = vec![0u32; offsets[n_points]];
        for e in uncrossed() {
            adj[fill[e.from as usize]] = e.to;
            fill[e.from as usize] += 1;
            adj[fill[e.to as usize]] = e.from;
            fill[e.to as usize] += 1;
        }
        Self { offsets, adj }
    }

    /// Gives the status of each point on the `stack` to its undecided neighbours, and theirs
    /// to theirs, until the stack is empty.
    fn propagate(&self, status: &mut [Status], stack: &mut Vec<u32>) {
        while let Some(v) = stack.pop() {
            let s = status[v as usize];
            for &w in &self.adj[self.offsets[v as usize]..self.offsets[v as usize + 1]] {
                if status[w as usize] == Status::Unknown {
                    status[w as usize] = s;
                    stack.push(w);
                }
            }
        }
    }
}
