//! Stage 2 of the subdivision: one fan triangle (the site and one Voronoi edge) cut into its
//! regions. The core lies between the site and the band's offset line or the cap circle, the
//! band between the offset line and the edge (within the cap), and beyond the cap lies the
//! rest. Core and band are further cut by the rings (circles at steps of the cap's radius,
//! [`RINGS`]) into *slots*, and each slot beyond the first ring into sectors at the vertices of
//! the polygonised circles, about as wide as a ring: the first slot stays part of the cell's
//! one core piece (or the fan's band piece), each sector of a farther slot is a piece of its
//! own. Along the edge, parametrised by `u` from 0 to 1, the curves that bound each region
//! change only at *breaks*: the spokes, the circles' crossings of the edge and of the offset
//! line, and the vertices of the polygonised circles.

use std::f64::consts::PI;

use super::cell::{Fan, Spoke};
use super::outline::{Memo, Outline};
use super::{ARC_STEP, Builder, RINGS, along, cross, dot, norm, sub};
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
    /// Whether the rings cut the core and band (else only the cap does).
    pub(super) rings: bool,
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
    /// Ring `k` (0 ..= `RINGS - 2`), a circle inside the cap.
    Ring(u8),
    /// The Voronoi edge.
    Base,
}

impl Curve {
    /// The circle this curve is (the cap is circle `RINGS - 1`), if it is one.
    pub(super) fn circle(self) -> Option<usize> {
        match self {
            Self::Circle => Some(RINGS - 1),
            Self::Ring(k) => Some(usize::from(k)),
            _ => None,
        }
    }

    /// The curve of circle `c`.
    fn of_circle(c: usize) -> Self {
        if c + 1 >= RINGS {
            Self::Circle
        } else {
            Self::Ring(u8::try_from(c).expect("few rings"))
        }
    }
}

/// What makes a break.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum BreakKind {
    /// The spoke at the fan's start (`u = 0`).
    Spoke0,
    /// The spoke at the fan's end (`u = 1`).
    Spoke1,
    /// Circle `circle` crosses the Voronoi edge at point `id`.
    Edge { id: u32, circle: u8 },
    /// Circle `circle` crosses the offset line at point `id`.
    Offset { id: u32, circle: u8 },
    /// A vertex of the polygonised circles, in the direction `m` times [`ARC_STEP`].
    Sample(i64),
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
    /// The radius of each circle (the rings, then the cap) in metres, if there is a cap.
    pub(super) radii: Option<[f64; RINGS]>,
    /// Whether the rings cut the regions (else only the cap does).
    rings: bool,
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
            rings: t.rings,
            radii: b
                .params
                .cap
                .map(|_| std::array::from_fn(|c| b.params.radius(c).expect("a cap"))),
        }
    }

    /// The point of the base at `u`, relative to the site.
    pub(super) fn base(&self, u: f64) -> Xy {
        [self.a0[0] + u * self.dvec[0], self.a0[1] + u * self.dvec[1]]
    }

    /// The fraction of the way from the site to the base at `u` where each circle is
    /// (infinite without a cap).
    fn rho(&self, u: f64) -> [f64; RINGS] {
        let l = norm(self.base(u));
        match self.radii {
            Some(radii) if l > 0.0 => {
                let mut rho = radii.map(|r| r / l);
                if !self.rings {
                    rho[..RINGS - 1].fill(f64::INFINITY);
                }
                rho
            }
            _ => [f64::INFINITY; RINGS],
        }
    }

    /// Whether a circle that cuts the regions (the first ring, or without rings the cap)
    /// passes inside the fan.
    fn circles_matter(&self) -> bool {
        let first = if self.rings { 0 } else { RINGS - 1 };
        self.radii
            .is_some_and(|r| r[first] < norm(self.a0).max(norm(self.a1)))
    }
}

/// Cuts one fan triangle into its regions and adds each region's loops to its piece.
pub(super) fn triangle(b: &mut Builder, t: &Triangle<'_>) {
    let frame = Frame::new(b, t);
    let mut breaks = edge_breaks(b, t);
    let circles_matter = frame.circles_matter();
    if !circles_matter && breaks.len() == 2 && (frame.sigma <= 0.0 || frame.sigma >= 1.0) {
        whole_fan(b, t, &frame, &breaks);
        return;
    }
    offset_breaks(b, t.site, &frame, &mut breaks);
    if circles_matter {
        circle_samples(&frame, &mut breaks);
    }
    let breaks = sorted(breaks, norm(frame.dvec));
    let regions = Regions::between(&frame, &breaks);
    add_regions(b, t, &frame, &breaks, &regions);
}

/// The breaks at the fan's two spokes and where the circles cross its Voronoi edge.
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
    for (u, id, circle) in b.edge_crossings(t.fan.c0, t.fan.c1, t.site, t.other) {
        breaks.push(Break {
            u,
            kind: BreakKind::Edge { id, circle },
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

/// Adds the breaks where the circles meet the band's offset line, `|B(u)| = r / sigma`,
/// with their points, when the fan has both a cap and a band.
fn offset_breaks(b: &mut Builder, site: Xy, frame: &Frame, breaks: &mut Vec<Break>) {
    let sigma = frame.sigma;
    let (Some(radii), true) = (frame.radii, sigma > 0.0 && sigma < 1.0) else {
        return;
    };
    let (a0, dvec) = (frame.a0, frame.dvec);
    let qa = dot(dvec, dvec);
    let qb = dot(a0, dvec);
    let first = if frame.rings { 0 } else { RINGS - 1 };
    for (c, r) in radii.iter().enumerate().skip(first) {
        let target = r / sigma;
        let qc = dot(a0, a0) - target * target;
        let disc = qb * qb - qa * qc;
        if qa > 0.0 && disc > 0.0 {
            let s = disc.sqrt();
            for u in [(-qb - s) / qa, (-qb + s) / qa] {
                if u > 1e-12 && u < 1.0 - 1e-12 {
                    let id = b.point(along(site, frame.base(u), sigma));
                    breaks.push(Break {
                        u,
                        kind: BreakKind::Offset {
                            id,
                            circle: u8::try_from(c).expect("few rings"),
                        },
                    });
                }
            }
        }
    }
}

/// Adds a break for each vertex of the polygonised circles within the fan: the directions
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
                    kind: BreakKind::Sample(m),
                });
            }
        }
        m += 1;
    }
}

/// The breaks by increasing `u`, without the circle samples that are too close to another
/// break.
fn sorted(mut breaks: Vec<Break>, length: f64) -> Vec<Break> {
    // Closer than a metre along the edge, a circle vertex would make a sliver.
    let near = if length > 0.0 {
        (1.0 / length).max(1e-9)
    } else {
        1e-9
    };
    breaks.sort_by(|x, y| x.u.partial_cmp(&y.u).expect("parameters are finite"));
    let mut kept: Vec<Break> = Vec::with_capacity(breaks.len());
    for br in breaks {
        if let Some(last) = kept.last() {
            if (br.u - last.u).abs() < near {
                if matches!(br.kind, BreakKind::Sample(_)) {
                    continue;
                }
                if matches!(last.kind, BreakKind::Sample(_)) {
                    kept.pop();
                }
            }
        }
        kept.push(br);
    }
    kept
}

/// The curves bounding each slot of a region, given the region's (lower, upper) curves with
/// their fractions of the way from the site to the base, and the circles' fractions `rho`:
/// slot `s` lies between ring `s - 1` (the region's lower curve for the first slot) and ring
/// `s` (its upper curve for the last); `None` where the slot and the region do not meet.
type Slots = [Option<(Curve, Curve)>; RINGS];

fn slots(lo: (Curve, f64), hi: (Curve, f64), rho: &[f64; RINGS]) -> Slots {
    let mut out: Slots = [None; RINGS];
    for (s, slot) in out.iter_mut().enumerate() {
        let inner = (s > 0).then(|| rho[s - 1]);
        let outer = (s + 1 < RINGS).then(|| rho[s]);
        if inner.is_some_and(|f| f >= hi.1) || outer.is_some_and(|f| f <= lo.1) {
            continue;
        }
        let lower = match inner {
            Some(f) if f > lo.1 => Curve::of_circle(s - 1),
            _ => lo.0,
        };
        let upper = match outer {
            Some(f) if f < hi.1 => Curve::of_circle(s),
            _ => hi.0,
        };
        *slot = Some((lower, upper));
    }
    out
}

/// For each interval `j` between breaks `j` and `j + 1`: the slots of the core and of the
/// band, and the (lower, upper) curves of the land beyond the cap (`None` where empty).
struct Regions {
    core: Vec<Slots>,
    band: Vec<Slots>,
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
            let rho = frame.rho(um);
            let rm = rho[RINGS - 1];
            let core_upper = if rm < sigma {
                (Curve::Circle, rm)
            } else if sigma < 1.0 {
                (Curve::Offset, sigma)
            } else {
                (Curve::Base, 1.0)
            };
            regions.core.push(if sigma > 0.0 {
                slots((Curve::Apex, 0.0), core_upper, &rho)
            } else {
                [None; RINGS]
            });
            let band_lower = if sigma > 0.0 {
                (Curve::Offset, sigma)
            } else {
                (Curve::Apex, 0.0)
            };
            let band_upper = if rm < 1.0 {
                (Curve::Circle, rm)
            } else {
                (Curve::Base, 1.0)
            };
            regions.band.push(if sigma < 1.0 && rm > sigma {
                slots(band_lower, band_upper, &rho)
            } else {
                [None; RINGS]
            });
            regions
                .beyond
                .push((rm < 1.0).then_some((Curve::Circle, Curve::Base)));
        }
        regions
    }
}

/// The number of circle vertices ([`ARC_STEP`]) between the sector cuts of slot `s` (at least
/// 1): a power of two, so that the cuts fall on the same directions all round, and at most as
/// far apart along the slot's outer ring as the rings are.
fn sector_step(s: usize) -> i64 {
    let samples = 1.0 / ((s as f64 + 1.0) * ARC_STEP);
    let mut step = 1;
    while (2 * step) as f64 <= samples {
        step *= 2;
    }
    step
}

/// Adds one loop for each run of consecutive intervals where a region is not empty, to the
/// region's piece: for the first slot of the core and band, the cell's core piece and the
/// fan's band piece; for each farther slot, a new piece per sector; the land beyond the cap
/// to the cell's beyond piece.
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
    // A sector ends at a cut direction, along the ray from the site between the slot's
    // lower and upper curves; not where the slot reaches the Voronoi edge, which has no
    // vertex there (the neighbouring cell shares the edge).
    let cut = |j: usize, s: usize, slotted: &[Slots]| match breaks[j].kind {
        BreakKind::Sample(dir) => {
            s > 0
                && dir.rem_euclid(sector_step(s)) == 0
                && [slotted[j - 1][s], slotted[j][s]]
                    .iter()
                    .all(|c| c.is_some_and(|(_, upper)| upper != Curve::Base))
        }
        _ => false,
    };
    let mut curves: Vec<(Curve, Curve)> = Vec::new();
    for (piece, slotted) in [(Some(t.core), &regions.core), (t.band, &regions.band)] {
        let Some(piece) = piece else { continue };
        for s in 0..RINGS {
            let mut j = 0;
            while j < m {
                if slotted[j][s].is_none() {
                    j += 1;
                    continue;
                }
                let start = j;
                j += 1;
                while j < m && slotted[j][s].is_some() && !cut(j, s, slotted) {
                    j += 1;
                }
                curves.clear();
                curves.extend(slotted[start..j].iter().filter_map(|slots| slots[s]));
                let ring = outline.ring(b, &mut memo, start, &curves);
                if ring.len() >= 3 {
                    let piece = if s == 0 { piece } else { b.piece_like(piece) };
                    b.sub.loops.push(piece, &ring);
                }
                b.scratch = ring;
            }
        }
    }
    if let Some(piece) = t.beyond {
        let mut j = 0;
        while j < m {
            if regions.beyond[j].is_none() {
                j += 1;
                continue;
            }
            let start = j;
            while j < m && regions.beyond[j].is_some() {
                j += 1;
            }
            curves.clear();
            curves.extend(regions.beyond[start..j].iter().flatten().copied());
            let ring = outline.ring(b, &mut memo, start, &curves);
            if ring.len() >= 3 {
                b.sub.loops.push(piece, &ring);
            }
            b.scratch = ring;
        }
    }
}
