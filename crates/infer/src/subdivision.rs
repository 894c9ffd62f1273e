//! The pieces of the places' Voronoi cells before clipping: cells cut by the distance cap and
//! the contested band, as loops of shared vertex ids.
//!
//! Each cell is split into fan triangles (the site and one Voronoi edge). In a fan triangle the
//! band is the strip within half the band width of the edge, and the cap is a circle around the
//! site, drawn as a polygon with vertices every [`ARC_STEP`] radians. Every point that lies on a
//! Voronoi edge or on a spoke (site to Voronoi vertex) is computed once and shared by the pieces
//! on both sides, so the pieces form an exact planar subdivision: no T-junctions, no slivers.

use std::f64::consts::PI;

use spade::handles::FixedVertexHandle;
use spade::{DelaunayTriangulation, HasPosition, Point2, Triangulation};

use crate::clip::Loops;
use crate::error::{Error, Result};
use crate::hash::FxHashMap;
use crate::projection::Xy;

/// Angular step of the polygonised cap circle (64 segments per full circle).
pub(crate) const ARC_STEP: f64 = 2.0 * PI / 64.0;

/// What part of its site's cell a piece is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum PieceKind {
    /// Within the cap and outside every band strip: the site's own label.
    Core,
    /// Within the cap and within the band strip along the edge shared with `neighbour`.
    Band { neighbour: u32 },
    /// Farther than the cap from the site: always unknown.
    Beyond,
}

/// One piece: a part of a site's cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Piece {
    /// The position (deduplicated site) whose cell this is part of.
    pub(crate) position: u32,
    pub(crate) kind: PieceKind,
}

/// The unclipped subdivision.
#[derive(Debug, Default)]
pub(crate) struct Subdivision {
    pub(crate) points: Vec<Xy>,
    pub(crate) pieces: Vec<Piece>,
    /// Counter-clockwise loops of point ids, each with its piece.
    pub(crate) loops: Loops,
    /// The Delaunay neighbours of each real position (for relabelling the band).
    pub(crate) neighbours: Vec<Vec<u32>>,
}

#[derive(Debug, Clone, Copy)]
struct Vertex {
    pos: Point2<f64>,
}

impl HasPosition for Vertex {
    type Scalar = f64;
    fn position(&self) -> Point2<f64> {
        self.pos
    }
}

/// The geometry parameters in metres.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Params {
    pub(crate) cap: Option<f64>,
    pub(crate) band: f64,
}

fn sub(a: Xy, b: Xy) -> Xy {
    [a[0] - b[0], a[1] - b[1]]
}
fn cross(a: Xy, b: Xy) -> f64 {
    a[0] * b[1] - a[1] * b[0]
}
fn dot(a: Xy, b: Xy) -> f64 {
    a[0] * b[0] + a[1] * b[1]
}
fn norm(a: Xy) -> f64 {
    a[0].hypot(a[1])
}
fn lerp(a: Xy, b: Xy, t: f64) -> Xy {
    [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]
}
fn along(origin: Xy, dir: Xy, s: f64) -> Xy {
    [origin[0] + s * dir[0], origin[1] + s * dir[1]]
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Curve {
    Apex,
    Offset,
    Circle,
    Base,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum BreakKind {
    Spoke0,
    Spoke1,
    Edge(u32),
    Offset(u32),
    Sample,
}

#[derive(Debug, Clone, Copy)]
struct Break {
    u: f64,
    kind: BreakKind,
}

/// Split points on one spoke (site to Voronoi vertex), as fractions of its length.
#[derive(Debug, Default, Clone)]
struct Spoke {
    /// (fraction, point id), sorted by fraction, fractions in (0, 1).
    splits: Vec<(f64, u32)>,
    rho: Option<u32>,
    /// The offset point of the triangle before (index 0) and after (index 1) the spoke.
    sigma: [Option<u32>; 2],
}

struct Builder {
    sub: Subdivision,
    circumcentres: Vec<u32>,
    coords: FxHashMap<(u64, u64), u32>,
    edge_points: FxHashMap<(u32, u32), Vec<(f64, u32)>>,
    scratch: Vec<u32>,
    params: Params,
}

impl Builder {
    fn point(&mut self, p: Xy) -> u32 {
        let id = u32::try_from(self.sub.points.len()).expect("fewer than 2^32 points");
        self.sub.points.push(p);
        id
    }

    fn shared_point(&mut self, p: Xy) -> u32 {
        let key = (p[0].to_bits(), p[1].to_bits());
        if let Some(&id) = self.coords.get(&key) {
            return id;
        }
        let id = self.point(p);
        self.coords.insert(key, id);
        id
    }

    /// The cap crossings of the Voronoi edge between points `c0` and `c1` separating sites `a`
    /// and `b`, computed once per edge, as (parameter from `c0`, point id).
    fn edge_crossings(&mut self, c0: u32, c1: u32, site: Xy, other: Xy) -> Vec<(f64, u32)> {
        let Some(r) = self.params.cap else {
            return Vec::new();
        };
        let (lo, hi, flip) = if c0 < c1 {
            (c0, c1, false)
        } else {
            (c1, c0, true)
        };
        // Canonical: from the lower point id, around the site with the smaller coordinates, so
        // that both sides decide and compute alike.
        let centre = if (site[0], site[1]) < (other[0], other[1]) {
            site
        } else {
            other
        };
        let p0 = self.sub.points[lo as usize];
        let p1 = self.sub.points[hi as usize];
        if r >= norm(sub(p0, centre)).max(norm(sub(p1, centre))) {
            // The whole edge is within the cap: no crossing.
            return Vec::new();
        }
        if !self.edge_points.contains_key(&(lo, hi)) {
            let d = sub(p1, p0);
            let f = sub(p0, centre);
            let qa = dot(d, d);
            let qb = dot(f, d);
            let qc = dot(f, f) - r * r;
            let disc = qb * qb - qa * qc;
            let mut found = Vec::new();
            if qa > 0.0 && disc > 0.0 {
                let s = disc.sqrt();
                for t in [(-qb - s) / qa, (-qb + s) / qa] {
                    if t > 1e-12 && t < 1.0 - 1e-12 {
                        let id = self.point(lerp(p0, p1, t));
                        found.push((t, id));
                    }
                }
            }
            self.edge_points.insert((lo, hi), found);
        }
        let list = &self.edge_points[&(lo, hi)];
        if flip {
            list.iter().rev().map(|&(t, id)| (1.0 - t, id)).collect()
        } else {
            list.clone()
        }
    }
}

/// Builds the subdivision of `positions` (distinct projected sites) within a square that holds
/// `extent` (a centre and half-size in metres).
///
/// # Errors
/// [`Error::Triangulation`] if spade rejects a position.
pub(crate) fn build(positions: &[Xy], extent: (Xy, f64), params: Params) -> Result<Subdivision> {
    let n = positions.len();
    let (centre, half) = extent;
    // Four far sites make every real cell bounded; they are far enough that no land within
    // `extent` is nearer to them than to a real site.
    let far = 4.0 * half.max(1.0);
    let mut vertices: Vec<Vertex> = positions
        .iter()
        .map(|p| Vertex {
            pos: Point2::new(p[0], p[1]),
        })
        .collect();
    for (dx, dy) in [(-1.0, -1.0), (1.0, -1.0), (1.0, 1.0), (-1.0, 1.0)] {
        vertices.push(Vertex {
            pos: Point2::new(centre[0] + dx * far, centre[1] + dy * far),
        });
    }
    let dt: DelaunayTriangulation<Vertex> = DelaunayTriangulation::bulk_load_stable(vertices)
        .map_err(|source| Error::Triangulation { source })?;
    let mut b = Builder {
        sub: Subdivision::default(),
        circumcentres: Vec::new(),
        coords: FxHashMap::default(),
        edge_points: FxHashMap::default(),
        scratch: Vec::new(),
        params,
    };
    // Site apexes are points 0..n.
    for p in positions {
        b.point(*p);
    }
    b.circumcentres = voronoi_vertices(&dt, &mut b);
    b.sub.neighbours = vec![Vec::new(); n];
    for a in 0..n {
        let handle = dt.vertex(FixedVertexHandle::from_index(a));
        let mut ring: Vec<(u32, u32)> = Vec::new(); // (neighbour, circumcentre of left face)
        for edge in handle.out_edges() {
            let nb = u32::try_from(edge.to().fix().index()).expect("fewer than 2^32 sites");
            let face = edge
                .face()
                .as_inner()
                .expect("real sites are inside the far square, so their faces are inner");
            let cc = b.circumcentres[face.fix().index()];
            ring.push((nb, cc));
        }
        b.sub.neighbours[a] = ring
            .iter()
            .map(|&(nb, _)| nb)
            .filter(|&nb| (nb as usize) < n)
            .collect();
        cell(&mut b, a, positions, &ring, n);
    }
    Ok(b.sub)
}

/// Snaps Voronoi vertices closer than this (metres) into one. Four places nearly on a circle (a
/// grid of places) give two triangles with almost the same circumcentre: the Voronoi edge between
/// them is centimetres long, and the fans on it are slivers whose sides cross in floating point.
/// Merged, the edge vanishes; cell borders move by less than this.
const MERGE_M: f64 = 1.0;

/// The point id of each face's circumcentre, merging nearly equal ones across Delaunay edges.
fn voronoi_vertices(dt: &DelaunayTriangulation<Vertex>, b: &mut Builder) -> Vec<u32> {
    let nf = dt.num_all_faces();
    let mut centre = vec![[f64::NAN; 2]; nf];
    for face in dt.inner_faces() {
        let c = face.circumcenter();
        centre[face.fix().index()] = [c.x, c.y];
    }
    let mut parent: Vec<usize> = (0..nf).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for edge in dt.undirected_edges() {
        let d = edge.as_directed();
        let (Some(f0), Some(f1)) = (d.face().as_inner(), d.rev().face().as_inner()) else {
            continue;
        };
        let (i, j) = (f0.fix().index(), f1.fix().index());
        if norm(sub(centre[i], centre[j])) < MERGE_M {
            let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
            if ri != rj {
                parent[ri.max(rj)] = ri.min(rj);
            }
        }
    }
    let mut ids = vec![u32::MAX; nf];
    for f in 0..nf {
        if centre[f][0].is_nan() {
            continue;
        }
        let r = root(&mut parent, f);
        if ids[r] == u32::MAX {
            ids[r] = b.shared_point(centre[r]);
        }
        ids[f] = ids[r];
    }
    ids
}

/// Fan triangle data for one Voronoi edge of a cell.
struct Fan {
    c0: u32,
    c1: u32,
    neighbour: Option<u32>,
    sigma: f64,
}

fn cell(b: &mut Builder, a: usize, positions: &[Xy], ring: &[(u32, u32)], n: usize) {
    let site = positions[a];
    let apex = u32::try_from(a).expect("fewer than 2^32 sites");
    let k = ring.len();
    // Fan k: between circumcentre k-1 and k, facing neighbour k.
    // Fans on zero-length (merged) Voronoi edges are dropped, so that consecutive fans share
    // their spokes.
    let fans: Vec<Fan> = (0..k)
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
        .collect();
    let k = fans.len();
    if k < 3 {
        return;
    }
    // Spoke i ends at circumcentre i = fans[i].c1; fan i is before it, fan i+1 after.
    let mut spokes: Vec<Spoke> = Vec::with_capacity(k);
    for i in 0..k {
        let c = fans[i].c1;
        let end = b.sub.points[c as usize];
        let len = norm(sub(end, site));
        let rho_f = match b.params.cap {
            Some(r) if len > 0.0 => r / len,
            _ => 1.0,
        };
        let wanted = [rho_f, fans[i].sigma, fans[(i + 1) % k].sigma];
        let mut s = Spoke::default();
        let mut ids = [None; 3];
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
        s.rho = ids[0];
        s.sigma = [ids[1], ids[2]];
        s.splits
            .sort_by(|x, y| x.0.partial_cmp(&y.0).expect("fractions are finite"));
        spokes.push(s);
    }
    let core = push_piece(b, apex, PieceKind::Core);
    let beyond = b
        .params
        .cap
        .is_some()
        .then(|| push_piece(b, apex, PieceKind::Beyond));
    // Without band and without a cap crossing the cell, the cell is one piece: one loop of its
    // Voronoi vertices (no fans, no spokes).
    let plain = fans.iter().all(|f| f.sigma >= 1.0)
        && spokes.iter().all(|sp| sp.splits.is_empty())
        && fans.iter().all(|f| {
            let other = f.neighbour.map_or(site, |nb| positions[nb as usize]);
            f.c0 == f.c1 || b.edge_crossings(f.c0, f.c1, site, other).is_empty()
        });
    if plain {
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
            .map(|nb| push_piece(b, apex, PieceKind::Band { neighbour: nb }));
        let before = &spokes[(i + k - 1) % k];
        let after = &spokes[i];
        let other = fan.neighbour.map_or(site, |nb| positions[nb as usize]);
        triangle(
            b,
            TriangleCtx {
                site,
                apex,
                fan,
                before,
                after,
                other,
                core,
                band,
                beyond,
            },
        );
    }
}

fn push_piece(b: &mut Builder, position: u32, kind: PieceKind) -> u32 {
    let id = u32::try_from(b.sub.pieces.len()).expect("fewer than 2^32 pieces");
    b.sub.pieces.push(Piece { position, kind });
    id
}

struct TriangleCtx<'a> {
    site: Xy,
    apex: u32,
    fan: &'a Fan,
    before: &'a Spoke,
    after: &'a Spoke,
    other: Xy,
    core: u32,
    band: Option<u32>,
    beyond: Option<u32>,
}

fn triangle(b: &mut Builder, t: TriangleCtx<'_>) {
    let site = t.site;
    let p0 = b.sub.points[t.fan.c0 as usize];
    let p1 = b.sub.points[t.fan.c1 as usize];
    let a0 = sub(p0, site);
    let a1 = sub(p1, site);
    let dvec = sub(a1, a0);
    let sigma = if t.band.is_some() { t.fan.sigma } else { 1.0 };
    let cap = b.params.cap;
    let bvec = |u: f64| -> Xy { [a0[0] + u * dvec[0], a0[1] + u * dvec[1]] };
    let rho = |u: f64| -> f64 {
        cap.map_or(f64::INFINITY, |r| {
            let l = norm(bvec(u));
            if l > 0.0 { r / l } else { f64::INFINITY }
        })
    };

    let mut breaks = vec![
        Break {
            u: 0.0,
            kind: BreakKind::Spoke0,
        },
        Break {
            u: 1.0,
            kind: BreakKind::Spoke1,
        },
    ];
    let base_len2 = dot(dvec, dvec);
    for (u, id) in b.edge_crossings(t.fan.c0, t.fan.c1, site, t.other) {
        breaks.push(Break {
            u,
            kind: BreakKind::Edge(id),
        });
    }
    let circle_matters = cap.is_some_and(|r| r < norm(a0).max(norm(a1)));
    if !circle_matters && breaks.len() == 2 && (sigma <= 0.0 || sigma >= 1.0) {
        // The common case where places are dense: the whole fan is one piece, all band (the
        // places are nearer than the band width) or all core (no band).
        let piece = if sigma <= 0.0 { t.band } else { Some(t.core) };
        if let Some(piece) = piece {
            let ctx = Emit {
                site,
                apex: t.apex,
                c0: t.fan.c0,
                c1: t.fan.c1,
                before: t.before,
                after: t.after,
                sigma,
                breaks: &breaks,
                a0,
                dvec,
                cap,
            };
            let ring = ctx.ring(b, &mut Vec::new(), 0, &[(Curve::Apex, Curve::Base)]);
            if ring.len() >= 3 {
                b.sub.loops.push(piece, &ring);
            }
            b.scratch = ring;
        }
        return;
    }
    if let (Some(r), true) = (cap, sigma > 0.0 && sigma < 1.0) {
        // Where the circle meets the offset line: |B(u)| = r / sigma.
        let target = r / sigma;
        let qa = base_len2;
        let qb = dot(a0, dvec);
        let qc = dot(a0, a0) - target * target;
        let disc = qb * qb - qa * qc;
        if qa > 0.0 && disc > 0.0 {
            let s = disc.sqrt();
            for u in [(-qb - s) / qa, (-qb + s) / qa] {
                if u > 1e-12 && u < 1.0 - 1e-12 {
                    let id = b.point(along(site, bvec(u), sigma));
                    breaks.push(Break {
                        u,
                        kind: BreakKind::Offset(id),
                    });
                }
            }
        }
    }
    if circle_matters {
        let th0 = a0[1].atan2(a0[0]);
        let mut sweep = a1[1].atan2(a1[0]) - th0;
        while sweep < 0.0 {
            sweep += 2.0 * PI;
        }
        let first = (th0 / ARC_STEP).floor() as i64 + 1;
        let mut m = first;
        loop {
            let th = m as f64 * ARC_STEP;
            if th - th0 >= sweep {
                break;
            }
            let d = [th.cos(), th.sin()];
            let c0 = cross(a0, d);
            let c1 = cross(a1, d);
            if (c0 - c1).abs() > 0.0 {
                let u = c0 / (c0 - c1);
                if u > 0.0 && u < 1.0 {
                    breaks.push(Break {
                        u,
                        kind: BreakKind::Sample,
                    });
                }
            }
            m += 1;
        }
    }
    breaks.sort_by(|x, y| x.u.partial_cmp(&y.u).expect("parameters are finite"));
    // Drop samples too close to another break.
    let mut kept: Vec<Break> = Vec::with_capacity(breaks.len());
    for br in breaks {
        if let Some(last) = kept.last() {
            if (br.u - last.u).abs() < 1e-9 {
                if br.kind == BreakKind::Sample {
                    continue;
                }
                if last.kind == BreakKind::Sample {
                    kept.pop();
                }
            }
        }
        kept.push(br);
    }
    let breaks = kept;

    // Which curves bound each region in subinterval j (between breaks j and j+1).
    let m = breaks.len() - 1;
    let mut core_iv = Vec::with_capacity(m);
    let mut band_iv = Vec::with_capacity(m);
    let mut beyond_iv = Vec::with_capacity(m);
    for j in 0..m {
        let um = 0.5 * (breaks[j].u + breaks[j + 1].u);
        let rm = rho(um);
        let core_upper = if rm < sigma {
            Curve::Circle
        } else if sigma < 1.0 {
            Curve::Offset
        } else {
            Curve::Base
        };
        core_iv.push((sigma > 0.0).then_some((Curve::Apex, core_upper)));
        let band_lower = if sigma > 0.0 {
            Curve::Offset
        } else {
            Curve::Apex
        };
        let band_upper = if rm < 1.0 { Curve::Circle } else { Curve::Base };
        band_iv.push((sigma < 1.0 && rm > sigma).then_some((band_lower, band_upper)));
        beyond_iv.push((rm < 1.0).then_some((Curve::Circle, Curve::Base)));
    }
    let mut memo: Memo = Vec::new();
    let ctx = Emit {
        site,
        apex: t.apex,
        c0: t.fan.c0,
        c1: t.fan.c1,
        before: t.before,
        after: t.after,
        sigma,
        breaks: &breaks,
        a0,
        dvec,
        cap,
    };
    for (piece, ivs) in [
        (Some(t.core), &core_iv),
        (t.band, &band_iv),
        (t.beyond, &beyond_iv),
    ] {
        let Some(piece) = piece else { continue };
        let mut j = 0;
        while j < m {
            if ivs[j].is_none() {
                j += 1;
                continue;
            }
            let start = j;
            while j < m && ivs[j].is_some() {
                j += 1;
            }
            let curves: Vec<(Curve, Curve)> = ivs[start..j].iter().flatten().copied().collect();
            let ring = ctx.ring(b, &mut memo, start, &curves);
            if ring.len() >= 3 {
                b.sub.loops.push(piece, &ring);
            }
            b.scratch = ring;
        }
    }
}

/// Interior points of one fan triangle already made: ((curve tag, break), point id).
type Memo = Vec<((u8, usize), u32)>;

struct Emit<'a> {
    site: Xy,
    apex: u32,
    c0: u32,
    c1: u32,
    before: &'a Spoke,
    after: &'a Spoke,
    sigma: f64,
    breaks: &'a [Break],
    a0: Xy,
    dvec: Xy,
    cap: Option<f64>,
}

impl Emit<'_> {
    /// The fraction along a spoke where `curve` meets it (spoke of length `len`).
    fn spoke_fraction(&self, curve: Curve, spoke: &Spoke, sigma_side: usize) -> f64 {
        match curve {
            Curve::Apex => 0.0,
            Curve::Base => 1.0,
            Curve::Offset => spoke.sigma[sigma_side]
                .map_or(if self.sigma <= 0.0 { 0.0 } else { 1.0 }, |id| {
                    spoke_frac(spoke, id)
                }),
            Curve::Circle => spoke.rho.map_or(1.0, |id| spoke_frac(spoke, id)),
        }
    }

    /// The point id of `curve` at break `i`, or `None` where the curve has no vertex there.
    fn vertex(&self, b: &mut Builder, memo: &mut Memo, curve: Curve, i: usize) -> Option<u32> {
        if curve == Curve::Apex {
            return Some(self.apex);
        }
        let br = self.breaks[i];
        let on_spoke = |spoke: &Spoke, end: u32, side: usize| -> u32 {
            let f = self.spoke_fraction(curve, spoke, side);
            if f <= 0.0 {
                self.apex
            } else if f >= 1.0 {
                end
            } else {
                spoke
                    .splits
                    .iter()
                    .find(|(g, _)| *g == f)
                    .map_or(end, |&(_, id)| id)
            }
        };
        match (br.kind, curve) {
            (BreakKind::Spoke0, _) => Some(on_spoke(self.before, self.c0, 1)),
            (BreakKind::Spoke1, _) => Some(on_spoke(self.after, self.c1, 0)),
            (BreakKind::Edge(id), Curve::Circle | Curve::Base)
            | (BreakKind::Offset(id), Curve::Offset | Curve::Circle) => Some(id),
            (_, Curve::Base) => None,
            _ => {
                let tag = match curve {
                    Curve::Offset => 0u8,
                    _ => 1u8,
                };
                if let Some(&(_, id)) = memo.iter().find(|(k, _)| *k == (tag, i)) {
                    return Some(id);
                }
                let bu = [
                    self.a0[0] + br.u * self.dvec[0],
                    self.a0[1] + br.u * self.dvec[1],
                ];
                let s = match curve {
                    Curve::Offset => self.sigma,
                    _ => {
                        let l = norm(bu);
                        self.cap.map_or(1.0, |r| if l > 0.0 { r / l } else { 1.0 })
                    }
                };
                let id = b.point(along(self.site, bu, s));
                memo.push(((tag, i), id));
                Some(id)
            }
        }
    }

    /// The counter-clockwise loop of a region spanning breaks `start ..= start + curves.len()`.
    fn ring(
        &self,
        b: &mut Builder,
        memo: &mut Memo,
        start: usize,
        curves: &[(Curve, Curve)],
    ) -> Vec<u32> {
        let end = start + curves.len();
        let pick = |i: usize, upper: bool| -> Curve {
            let j = if i >= end {
                curves.len() - 1
            } else {
                i - start
            };
            if upper { curves[j].1 } else { curves[j].0 }
        };
        // Reuse the builder's buffer; the caller hands it back.
        let mut ring: Vec<u32> = std::mem::take(&mut b.scratch);
        ring.clear();
        // Upper curve, increasing u.
        for i in start..=end {
            if let Some(id) = self.vertex(b, memo, pick(i, true), i) {
                ring.push(id);
            }
        }
        // Down the spoke after the fan.
        if self.breaks[end].kind == BreakKind::Spoke1 {
            let hi = self.spoke_fraction(pick(end, true), self.after, 0);
            let lo = self.spoke_fraction(pick(end, false), self.after, 0);
            for &(f, id) in self.after.splits.iter().rev() {
                if f > lo && f < hi {
                    ring.push(id);
                }
            }
        }
        // Lower curve, decreasing u.
        for i in (start..=end).rev() {
            if let Some(id) = self.vertex(b, memo, pick(i, false), i) {
                ring.push(id);
            }
        }
        // Up the spoke before the fan.
        if self.breaks[start].kind == BreakKind::Spoke0 {
            let hi = self.spoke_fraction(pick(start, true), self.before, 1);
            let lo = self.spoke_fraction(pick(start, false), self.before, 1);
            for &(f, id) in &self.before.splits {
                if f > lo && f < hi {
                    ring.push(id);
                }
            }
        }
        ring.dedup();
        while ring.len() > 1 && ring.first() == ring.last() {
            ring.pop();
        }
        ring
    }
}

fn spoke_frac(spoke: &Spoke, id: u32) -> f64 {
    spoke
        .splits
        .iter()
        .find(|&&(_, i)| i == id)
        .map_or(1.0, |&(f, _)| f)
}
