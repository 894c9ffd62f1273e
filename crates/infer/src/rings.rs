//! Closing directed edges into rings, and rings into polygons with holes.

use crate::planar;
use crate::projection::Xy;

/// Closes directed edges `(from, to)` into rings, following at each vertex the outgoing edge
/// that turns most sharply clockwise from the way back (so a region on the left stays on the
/// left, and regions touching at a vertex give separate rings).
///
/// Returns `None` if the edges do not close.
pub(crate) fn trace(edges: &[(u32, u32)], points: &[Xy]) -> Option<Vec<Vec<u32>>> {
    const SMALL: usize = 32;
    let n = edges.len();
    // Edges sorted by their start; small sets (most pieces) stay on the stack.
    let (mut order_buf, mut starts_buf, mut used_buf) =
        ([0usize; SMALL], [0u32; SMALL], [false; SMALL]);
    let (mut order_heap, mut starts_heap, mut used_heap): (Vec<usize>, Vec<u32>, Vec<bool>);
    let (order, starts, used): (&mut [usize], &mut [u32], &mut [bool]) = if n <= SMALL {
        (
            &mut order_buf[..n],
            &mut starts_buf[..n],
            &mut used_buf[..n],
        )
    } else {
        order_heap = vec![0usize; n];
        starts_heap = vec![0u32; n];
        used_heap = vec![false; n];
        (&mut order_heap, &mut starts_heap, &mut used_heap)
    };
    for (i, o) in order.iter_mut().enumerate() {
        *o = i;
    }
    order.sort_unstable_by_key(|&i| edges[i].0);
    for (s, &o) in starts.iter_mut().zip(order.iter()) {
        *s = edges[o].0;
    }
    let (order, starts) = (&*order, &*starts);
    let out = |v: u32| -> Option<&[usize]> {
        let lo = starts.partition_point(|&s| s < v);
        let hi = starts.partition_point(|&s| s <= v);
        (lo < hi).then(|| &order[lo..hi])
    };
    let mut rings = Vec::new();
    for start in 0..n {
        if used[start] {
            continue;
        }
        let mut ring = Vec::new();
        let mut e = start;
        loop {
            used[e] = true;
            let (u, v) = edges[e];
            ring.push(u);
            if v == edges[start].0 {
                break;
            }
            let cands = out(v)?;
            let next = if cands.len() == 1 {
                cands[0]
            } else {
                let pv = points[v as usize];
                let pu = points[u as usize];
                let back = (pu[1] - pv[1]).atan2(pu[0] - pv[0]);
                let mut best: Option<(f64, usize)> = None;
                for &c in cands {
                    if used[c] {
                        continue;
                    }
                    let pw = points[edges[c].1 as usize];
                    let ang = (pw[1] - pv[1]).atan2(pw[0] - pv[0]);
                    // Clockwise turn from `back` to `ang`, in (0, 2π].
                    let mut cw = back - ang;
                    while cw <= 0.0 {
                        cw += 2.0 * std::f64::consts::PI;
                    }
                    if best.is_none_or(|(b, _)| cw < b) {
                        best = Some((cw, c));
                    }
                }
                best?.1
            };
            if used[next] {
                return None;
            }
            e = next;
        }
        split_pinches(ring, &mut rings);
    }
    Some(rings)
}

/// Splits a ring that passes through a vertex more than once into simple rings (a region that
/// touches itself at a point is, in the OGC model, an exterior and a hole touching there), and
/// pushes those with at least three vertices.
fn split_pinches(ring: Vec<u32>, out: &mut Vec<Vec<u32>>) {
    let n = ring.len();
    let has_repeat = if n <= 32 {
        (1..n).any(|i| ring[..i].contains(&ring[i]))
    } else {
        let mut sorted = ring.clone();
        sorted.sort_unstable();
        sorted.windows(2).any(|w| w[0] == w[1])
    };
    if !has_repeat {
        if n >= 3 {
            out.push(ring);
        }
        return;
    }
    let mut stack: Vec<u32> = Vec::with_capacity(n);
    let mut at: std::collections::HashMap<u32, usize> = std::collections::HashMap::new();
    for v in ring {
        if let Some(&i) = at.get(&v) {
            let mut sub: Vec<u32> = stack.drain(i + 1..).collect();
            for w in &sub {
                at.remove(w);
            }
            sub.insert(0, v);
            if sub.len() >= 3 {
                out.push(sub);
            }
        } else {
            at.insert(v, stack.len());
            stack.push(v);
        }
    }
    if stack.len() >= 3 {
        out.push(stack);
    }
}

/// A polygon as point-id rings: the exterior (counter-clockwise) and holes (clockwise).
pub(crate) type IdPolygon = Vec<Vec<u32>>;

/// Groups rings into polygons: each hole goes to the smallest exterior that contains it.
pub(crate) fn polygons(rings: Vec<Vec<u32>>, points: &[Xy]) -> Vec<IdPolygon> {
    let mut outers: Vec<(f64, [f64; 4], IdPolygon)> = Vec::new();
    let mut holes = Vec::new();
    for r in rings {
        let a = planar::signed_area(planar::ring_points(&r, points));
        if a > 0.0 {
            let bb = bbox(&r, points);
            outers.push((a, bb, vec![r]));
        } else if a < 0.0 {
            holes.push(r);
        }
    }
    for h in holes {
        let p = inside_point_of_hole(&h, points);
        let mut best: Option<usize> = None;
        for (i, (area, bb, poly)) in outers.iter().enumerate() {
            if p[0] < bb[0] || p[0] > bb[2] || p[1] < bb[1] || p[1] > bb[3] {
                continue;
            }
            if planar::contains(planar::ring_points(&poly[0], points), p)
                && best.is_none_or(|b| *area < outers[b].0)
            {
                best = Some(i);
            }
        }
        if let Some(i) = best {
            outers[i].2.push(h);
        }
    }
    outers.into_iter().map(|(_, _, p)| p).collect()
}

fn bbox(ring: &[u32], points: &[Xy]) -> [f64; 4] {
    let mut bb = [
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    ];
    for &i in ring {
        let p = points[i as usize];
        bb[0] = bb[0].min(p[0]);
        bb[1] = bb[1].min(p[1]);
        bb[2] = bb[2].max(p[0]);
        bb[3] = bb[3].max(p[1]);
    }
    bb
}

/// A point just inside the region a clockwise ring encloses (right of its longest edge).
fn inside_point_of_hole(ring: &[u32], points: &[Xy]) -> Xy {
    let n = ring.len();
    let mut best = (0.0, 0);
    for i in 0..n {
        let a = points[ring[i] as usize];
        let b = points[ring[(i + 1) % n] as usize];
        let l = (b[0] - a[0]).hypot(b[1] - a[1]);
        if l > best.0 {
            best = (l, i);
        }
    }
    let a = points[ring[best.1] as usize];
    let b = points[ring[(best.1 + 1) % n] as usize];
    let (dx, dy) = ((b[0] - a[0]) / best.0, (b[1] - a[1]) / best.0);
    let eps = best.0 * 1e-6;
    // Right of the edge is (dy, -dx).
    [
        (a[0] + b[0]) / 2.0 + dy * eps,
        (a[1] + b[1]) / 2.0 - dx * eps,
    ]
}
