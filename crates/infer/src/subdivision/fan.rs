//! Stage 2 of the subdivision: one fan triangle (the site and one Voronoi edge) cut into its
//! regions. The core lies between the site and the band's offset line or the cap circle, the
//! band between the offset line and the edge (within the cap), and beyond the cap lies the
//! rest. Along the edge, parametrised by `u` from 0 to 1, the curves that bound each region
//! change only at *breaks*: the spokes, the cap's crossings of the edge and of the offset
//! line, and the vertices of the polygonised circle.

use std::f64::consts::PI;

use super::cell::{Fan, Spoke};
use super::outline::{Memo, Outline};
use super::{ARC_STEP, Builder, along, cross, dot, norm, sub};
use crate::projection::Xy;

/// One fan triangle of a cell, with its neighbours' spokes and the pieces its regions join.
pub(super) struct Triangle<'a> {
    pub(super) site: Xy,
    /// The site's point id.
    pub(super) apex: u32,
    pub(super) fan: &'a Fan,
    /// The spoke at the fan's start (`fan.c0`).
    pub(super) before: &'a Spoke,
    /// The spoke at the fan's end (`fan.c1`).
    pub(super) after: &'a Spoke,
    /// The site across the fan's Voronoi edge (the site itself for a far site).
    pub(super) other: Xy,
    pub(super) core: u32,
    pub(super) band: Option<u32>,
    pub(super) beyond: Option<u32>,
}

/// A curve across the fan that bounds a region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Curve {
    /// The site (a curve of one point).
    Apex,
    /// The band's offset line, parallel to the Voronoi edge.
    Offset,
    /// The cap circle.
    Circle,
    /// The Voronoi edge.
    Base,
}

/// What makes a break.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum BreakKind {
    /// The spoke at the fan's start (`u = 0`).
    Spoke0,
    /// The spoke at the fan's end (`u = 1`).
    Spoke1,
    /// The cap circle crosses the Voronoi edge at this point.
    Edge(u32),
    /// The cap circle crosses the offset line at this point.
    Offset(u32),
    /// A vertex of the polygonised circle.
    Sample,
}

/// A place along the fan's Voronoi edge where the curves bounding its regions may change.
#[derive(Debug, Clone, Copy)]
pub(super) struct Break {
    pub(super) u: f64,
    pub(super) kind: BreakKind,
}

/// A fan triangle's shape relative to its site: its Voronoi edge (the base) runs from `a0` to
/// `a1 = a0 + dvec` as `u` goes from 0 to 1.
pub(super) struct Frame {
    pub(super) a0: Xy,
    a1: Xy,
    pub(super) dvec: Xy,
    /// Where the band starts, as a fraction of the way from the site to the base (1 when the
    /// fan has no band piece).
    pub(super) sigma: f64,
    /// The cap radius in metres.
    pub(super) cap: Option<f64>,
}

impl Frame {
    fn new(b: &Builder, t: &Triangle<'_>) -> Self {
        let p0 = b.sub.points[t.fan.c0 as usize];
        let p1 = b.sub.points[t.fan.c1 as usize];
        let a0 = sub(p0, t.site);
        let a1 = sub(p1, t.site);
        Self {
            a0,
            a1,
            dvec: sub(a1, a0),
            sigma: if t.band.is_some() { t.fan.sigma } else { 1.0 },
            cap: b.params.cap,
        }
    }

    /// The point of the base at `u`, relative to the site.
    pub(super) fn base(&self, u: f64) -> Xy {
        [self.a0[0] + u * self.dvec[0], self.a0[1] + u * self.dvec[1]]
    }

    /// The fraction of the way from the site to the base at `u` where the cap circle is
    /// (infinite without a cap).
    fn rho(&self, u: f64) -> f64 {
        self.cap.map_or(f64::INFINITY, |r| {
            let l = norm(self.base(u));
            if l > 0.0 { r / l } else { f64::INFINITY }
        })
    }

    /// Whether the cap circle passes inside the fan (some of it is beyond the cap).
    fn circle_matters(&self) -> bool {
        self.cap
            .is_some_and(|r| r < norm(self.a0).max(norm(self.a1)))
    }
}

/// Cuts one fan triangle into its regions and adds each region's loops to its piece.
pub(super) fn triangle(b: &mut Builder, t: &Triangle<'_>) {
    let frame = Frame::new(b, t);
    let mut breaks = edge_breaks(b, t);
    let circle_matters = frame.circle_matters();
    if !circle_matters && breaks.len() == 2 && (frame.sigma <= 0.0 || frame.sigma >= 1.0) {
        whole_fan(b, t, &frame, &breaks);
        return;
    }
    offset_breaks(b, t.site, &frame, &mut breaks);
    if circle_matters {
        circle_samples(&frame, &mut breaks);
    }
    let breaks = sorted(breaks);
    let regions = Regions::between(&frame, &breaks);
    add_regions(b, t, &frame, &breaks, &regions);
}

/// The breaks at the fan's two spokes and where the cap circle crosses its Voronoi edge.
fn edge_breaks(b: &mut Builder, t: &Triangle<'_>) -> Vec<Break> {
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
    for (u, id) in b.edge_crossings(t.fan.c0, t.fan.c1, t.site, t.other) {
        breaks.push(Break {
            u,
            kind: BreakKind::Edge(id),
        });
    }
    breaks
}

/// The common case where places are dense: the whole fan is one piece, all band (the places
/// are nearer than the band width) or all core (no band).
fn whole_fan(b: &mut Builder, t: &Triangle<'_>, frame: &Frame, breaks: &[Break]) {
    let piece = if frame.sigma <= 0.0 {
        t.band
    } else {
        Some(t.core)
    };
    if let Some(piece) = piece {
        let outline = Outline { t, frame, breaks };
        let ring = outline.ring(b, &mut Vec::new(), 0, &[(Curve::Apex, Curve::Base)]);
        if ring.len() >= 3 {
            b.sub.loops.push(piece, &ring);
        }
        b.scratch = ring;
    }
}

/// Adds the breaks where the cap circle meets the band's offset line, `|B(u)| = r / sigma`,
/// with their points, when the fan has both a cap and a band.
fn offset_breaks(b: &mut Builder, site: Xy, frame: &Frame, breaks: &mut Vec<Break>) {
    let sigma = frame.sigma;
    let (Some(r), true) = (frame.cap, sigma > 0.0 && sigma < 1.0) else {
        return;
    };
    let (a0, dvec) = (frame.a0, frame.dvec);
    let target = r / sigma;
    let qa = dot(dvec, dvec);
    let qb = dot(a0, dvec);
    let qc = dot(a0, a0) - target * target;
    let disc = qb * qb - qa * qc;
    if qa > 0.0 && disc > 0.0 {
        let s = disc.sqrt();
        for u in [(-qb - s) / qa, (-qb + s) / qa] {
            if u > 1e-12 && u < 1.0 - 1e-12 {
                let id = b.point(along(site, frame.base(u), sigma));
                breaks.push(Break {
                    u,
                    kind: BreakKind::Offset(id),
                });
            }
        }
    }
}

/// Adds a break for each vertex of the polygonised cap circle within the fan: the directions
/// from the site at whole multiples of [`ARC_STEP`].
fn circle_samples(frame: &Frame, breaks: &mut Vec<Break>) {
    let (a0, a1) = (frame.a0, frame.a1);
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

/// The breaks by increasing `u`, without the circle samples that are too close to another
/// break.
fn sorted(mut breaks: Vec<Break>) -> Vec<Break> {
    breaks.sort_by(|x, y| x.u.partial_cmp(&y.u).expect("parameters are finite"));
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
    kept
}

/// For each region and each interval `j` between breaks `j` and `j + 1`: the (lower, upper)
/// curves bounding the region there, or `None` where the region is empty.
struct Regions {
    core: Vec<Option<(Curve, Curve)>>,
    band: Vec<Option<(Curve, Curve)>>,
    beyond: Vec<Option<(Curve, Curve)>>,
}

impl Regions {
    /// Decides the curves of each interval at its middle.
    fn between(frame: &Frame, breaks: &[Break]) -> Self {
        let sigma = frame.sigma;
        let m = breaks.len() - 1;
        let mut regions = Self {
            core: Vec::with_capacity(m),
            band: Vec::with_capacity(m),
            beyond: Vec::with_capacity(m),
        };
        for j in 0..m {
            let um = 0.5 * (breaks[j].u + breaks[j + 1].u);
            let rm = frame.rho(um);
            let core_upper = if rm < sigma {
                Curve::Circle
            } else if sigma < 1.0 {
                Curve::Offset
            } else {
                Curve::Base
            };
            regions
                .core
                .push((sigma > 0.0).then_some((Curve::Apex, core_upper)));
            let band_lower = if sigma > 0.0 {
                Curve::Offset
            } else {
                Curve::Apex
            };
            let band_upper = if rm < 1.0 { Curve::Circle } else { Curve::Base };
            regions
                .band
                .push((sigma < 1.0 && rm > sigma).then_some((band_lower, band_upper)));
            regions
                .beyond
                .push((rm < 1.0).then_some((Curve::Circle, Curve::Base)));
        }
        regions
    }
}

/// Adds one loop for each run of consecutive intervals where a region is not empty, to the
/// region's piece (core, then band, then beyond).
fn add_regions(
    b: &mut Builder,
    t: &Triangle<'_>,
    frame: &Frame,
    breaks: &[Break],
    regions: &Regions,
) {
    let m = breaks.len() - 1;
    let mut memo: Memo = Vec::new();
    let outline = Outline { t, frame, breaks };
    for (piece, ivs) in [
        (Some(t.core), &regions.core),
        (t.band, &regions.band),
        (t.beyond, &regions.beyond),
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
            let ring = outline.ring(b, &mut memo, start, &curves);
            if ring.len() >= 3 {
                b.sub.loops.push(piece, &ring);
            }
            b.scratch = ring;
        }
    }
}
