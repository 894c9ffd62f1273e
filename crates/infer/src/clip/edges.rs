//! Stage 1 of clipping: the subdivision's undirected edges, each with the piece on its left
//! and on its right.

use super::{Loops, NONE, Segment};

/// The undirected edges of the pieces' loops over `n_points` points, in a deterministic order,
/// with the piece on each side (`right == NONE` where no loop runs the other way). An edge
/// with the same piece on both sides is inside that piece and left out.
///
/// Twins are found through each point's outgoing edges (compressed rows), without hashing.
pub(super) fn subdivision_edges(loops: &Loops, n_points: usize) -> Vec<Segment> {
    let directed = directed_edges(loops);
    let (offsets, out_edges) = outgoing(&directed, n_points);
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
    edges
}

/// Every loop edge as `(from, to, piece)`, loop by loop, skipping repeated points.
fn directed_edges(loops: &Loops) -> Vec<(u32, u32, u32)> {
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
    directed
}

/// The directed edges leaving each point, in compressed rows: point `u`'s edges (indices into
/// `directed`) are `out_edges[offsets[u]..offsets[u + 1]]`.
fn outgoing(directed: &[(u32, u32, u32)], n_points: usize) -> (Vec<u32>, Vec<u32>) {
    let mut offsets = vec![0u32; n_points + 1];
    for &(u, _, _) in directed {
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
    (offsets, out_edges)
}
