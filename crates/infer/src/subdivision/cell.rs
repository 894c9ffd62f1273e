//! Stage 1 of the subdivision: one Voronoi cell as fans (site and one Voronoi edge each) and
//! spokes (site to Voronoi vertex) with their split points; a cell that neither cap nor band
//! cuts becomes one loop, the others go fan by fan to [`super::fan`].

use super::fan::{self, Triangle};
use super::{Builder, PieceKind, RINGS, along, norm, sub};
use crate::projection::Xy;

/// The share of the cap a cell must reach beyond for its land to be cut along the rings.
const FINE_FROM: f64 = 0.5;

/// Fan triangle data for one Voronoi edge of a cell.
pub(super) struct Fan {
    /// The Voronoi vertex at the start of the edge (counter-clockwise around the site).
    pub(super) c0: u32,
    /// The Voronoi vertex at its end.
    pub(super) c1: u32,
    /// The real site across the edge (none for the far sites).
    pub(super) neighbour: Option<u32>,
    /// The fraction of the way from the site to the edge where the band starts (1: no band).
    pub(super) sigma: f64,
}

/// Split points on one spoke (site to Voronoi vertex), as fractions of its length.
#[derive(Debug, Default, Clone)]
pub(super) struct Spoke {
    /// (fraction, point id), sorted by fraction, fractions in (0, 1).
    pub(super) splits: Vec<(f64, u32)>,
    /// Where each circle (the rings, then the cap) crosses the spoke.
    pub(super) circles: [Option<u32>; RINGS],
    /// The offset point of the triangle before (index 0) and after (index 1) the spoke.
    pub(super) sigma: [Option<u32>; 2],
}

/// Adds the pieces and loops of the cell of position `a`, given its Delaunay `ring`
/// (neighbour, circumcentre of the face left of the edge to it) counter-clockwise; positions
/// from `n` on are the far sites.
pub(super) fn cell(b: &mut Builder, a: usize, positions: &[Xy], ring: &[(u32, u32)], n: usize) {
    let site = positions[a];
    let apex = u32::try_from(a).expect("fewer than 2^32 sites");
    let fans = fans(b, site, positions, ring, n);
    let k = fans.len();
    if k < 3 {
        return;
    }
    let spokes = spokes(b, site, &fans);
    // Only cells reaching farther than half the cap are cut along the rings (the settled
    // land's small cells stay as they were); their neighbours still share the points where
    // the rings cross the Voronoi edges.
    let reach = fans
        .iter()
        .map(|f| norm(sub(b.sub.points[f.c1 as usize], site)))
        .fold(0.0, f64::max);
    let rings = b.params.cap.is_some_and(|cap| reach > cap * FINE_FROM);
    let core = b.piece(apex, PieceKind::Core);
    let beyond = b
        .params
        .cap
        .is_some()
        .then(|| b.piece(apex, PieceKind::Beyond));
    if is_plain(b, site, positions, &fans, &spokes) {
        plain_loop(b, core, &fans);
        return;
    }
    for i in 0..k {
        let fan = &fans[i];
        if fan.c0 == fan.c1 {
            continue;
        }
        let band = fan
            .neighbour
            .filter(|_| fan.sigma < 1.0)
            .map(|nb| b.piece(apex, PieceKind::Band { neighbour: nb }));
        let before = &spokes[(i + k - 1) % k];
        let after = &spokes[i];
        let other = fan.neighbour.map_or(site, |nb| positions[nb as usize]);
        fan::triangle(
            b,
            &Triangle {
                site,
                apex,
                fan,
                before,
                after,
                other,
                core,
                band,
                beyond,
                rings,
            },
        );
    }
}

/// The cell's fans: fan i lies between circumcentres i-1 and i, facing neighbour i. Fans on
/// zero-length (merged) Voronoi edges are dropped, so that consecutive fans share their
/// spokes.
fn fans(b: &Builder, site: Xy, positions: &[Xy], ring: &[(u32, u32)], n: usize) -> Vec<Fan> {
    let k = ring.len();
    (0..k)
        .filter(|&i| ring[i].1 != ring[(i + k - 1) % k].1)
        .map(|i| {
            let (nb, c1) = ring[i];
            let c0 = ring[(i + k - 1) % k].1;
            let real = (nb as usize) < n;
            let sigma = if real && b.params.band > 0.0 {
                let h = norm(sub(positions[nb as usize], site)) / 2.0;
                ((h - b.params.band / 2.0) / h).clamp(0.0, 1.0)
            } else {
                1.0
            };
            Fan {
                c0,
                c1,
                neighbour: real.then_some(nb),
                sigma,
            }
        })
        .collect()
}

/// The split points of each spoke: spoke i ends at circumcentre i (`fans[i].c1`), with fan i
/// before it and fan i+1 after; it is split where the circles (rings and cap) and the two
/// fans' band offsets cross it.
fn spokes(b: &mut Builder, site: Xy, fans: &[Fan]) -> Vec<Spoke> {
    let k = fans.len();
    let mut spokes: Vec<Spoke> = Vec::with_capacity(k);
    for i in 0..k {
        let c = fans[i].c1;
        let end = b.sub.points[c as usize];
        let len = norm(sub(end, site));
        let mut wanted = [1.0; RINGS + 2];
        for (c, w) in wanted.iter_mut().take(RINGS).enumerate() {
            if let Some(r) = b.params.radius(c).filter(|_| len > 0.0) {
                *w = r / len;
            }
        }
        wanted[RINGS] = fans[i].sigma;
        wanted[RINGS + 1] = fans[(i + 1) % k].sigma;
        let mut s = Spoke::default();
        let mut ids = [None; RINGS + 2];
        for (slot, &frac) in wanted.iter().enumerate() {
            if frac > 0.0 && frac < 1.0 {
                let id = if let Some(&(_, id)) = s.splits.iter().find(|(f, _)| *f == frac) {
                    id
                } else {
                    let id = b.point(along(site, sub(end, site), frac));
                    s.splits.push((frac, id));
                    id
                };
                ids[slot] = Some(id);
            }
        }
        s.circles.copy_from_slice(&ids[..RINGS]);
        s.sigma = [ids[RINGS], ids[RINGS + 1]];
        s.splits
            .sort_by(|x, y| x.0.partial_cmp(&y.0).expect("fractions are finite"));
        spokes.push(s);
    }
    spokes
}

/// Whether neither band nor cap cuts the cell, so that it is one piece. Computes (once per
/// edge) the cap crossings of its Voronoi edges up to the first edge the cap crosses.
fn is_plain(b: &mut Builder, site: Xy, positions: &[Xy], fans: &[Fan], spokes: &[Spoke]) -> bool {
    fans.iter().all(|f| f.sigma >= 1.0)
        && spokes.iter().all(|sp| sp.splits.is_empty())
        && fans.iter().all(|f| {
            let other = f.neighbour.map_or(site, |nb| positions[nb as usize]);
            f.c0 == f.c1 || b.edge_crossings(f.c0, f.c1, site, other).is_empty()
        })
}

/// Adds a plain cell as one loop of its Voronoi vertices (no fans, no spokes).
fn plain_loop(b: &mut Builder, core: u32, fans: &[Fan]) {
    let mut ring: Vec<u32> = std::mem::take(&mut b.scratch);
    ring.clear();
    ring.extend(fans.iter().map(|f| f.c0));
    ring.dedup();
    while ring.len() > 1 && ring.first() == ring.last() {
        ring.pop();
    }
    if ring.len() >= 3 {
        b.sub.loops.push(core, &ring);
    }
    b.scratch = ring;
}
