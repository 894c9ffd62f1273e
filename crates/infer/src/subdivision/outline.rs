//! Stage 3 of the subdivision: the loop of one region of a fan triangle, over the points
//! its bounding curves have at each break, down the spoke after the fan and up the spoke
//! before it. Points on spokes and on the Voronoi edge are shared with the neighbouring fans
//! and cells; points inside the fan are made once and shared by its regions.

use super::Builder;
use super::cell::Spoke;
use super::fan::{Break, BreakKind, Curve, Frame, Triangle};
use super::{along, norm};

/// Interior points of one fan triangle already made: ((curve tag, break), point id).
pub(super) type Memo = Vec<((u8, usize), u32)>;

/// A fan triangle with its breaks, ready to give the loops of its regions.
pub(super) struct Outline<'a> {
    pub(super) t: &'a Triangle<'a>,
    pub(super) frame: &'a Frame,
    pub(super) breaks: &'a [Break],
}

impl Outline<'_> {
    /// The fraction along a spoke where `curve` meets it (spoke of length `len`).
    fn spoke_fraction(&self, curve: Curve, spoke: &Spoke, sigma_side: usize) -> f64 {
        match curve {
            Curve::Apex => 0.0,
            Curve::Base => 1.0,
            Curve::Offset => spoke.sigma[sigma_side]
                .map_or(if self.frame.sigma <= 0.0 { 0.0 } else { 1.0 }, |id| {
                    spoke_frac(spoke, id)
                }),
            Curve::Circle | Curve::Ring(_) => {
                let c = curve.circle().expect("a circle");
                spoke.circles[c].map_or(1.0, |id| spoke_frac(spoke, id))
            }
        }
    }

    /// The point id of `curve` at break `i`, or `None` where the curve has no vertex there.
    fn vertex(&self, b: &mut Builder, memo: &mut Memo, curve: Curve, i: usize) -> Option<u32> {
        if curve == Curve::Apex {
            return Some(self.t.apex);
        }
        let br = self.breaks[i];
        let on_spoke = |spoke: &Spoke, end: u32, side: usize| -> u32 {
            let f = self.spoke_fraction(curve, spoke, side);
            if f <= 0.0 {
                self.t.apex
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
            (BreakKind::Spoke0, _) => Some(on_spoke(self.t.before, self.t.fan.c0, 1)),
            (BreakKind::Spoke1, _) => Some(on_spoke(self.t.after, self.t.fan.c1, 0)),
            (BreakKind::Edge { id, .. }, Curve::Base)
            | (BreakKind::Offset { id, .. }, Curve::Offset) => Some(id),
            (BreakKind::Edge { id, circle } | BreakKind::Offset { id, circle }, _)
                if curve.circle() == Some(usize::from(circle)) =>
            {
                Some(id)
            }
            (_, Curve::Base) => None,
            _ => {
                let tag = match curve {
                    Curve::Offset => 0u8,
                    Curve::Ring(k) => 2 + k,
                    _ => 1u8,
                };
                if let Some(&(_, id)) = memo.iter().find(|(k, _)| *k == (tag, i)) {
                    return Some(id);
                }
                let bu = self.frame.base(br.u);
                let s = match (curve, curve.circle(), self.frame.radii) {
                    (Curve::Offset, _, _) => self.frame.sigma,
                    (_, Some(c), Some(radii)) => {
                        let l = norm(bu);
                        if l > 0.0 { radii[c] / l } else { 1.0 }
                    }
                    _ => 1.0,
                };
                let id = b.point(along(self.t.site, bu, s));
                memo.push(((tag, i), id));
                Some(id)
            }
        }
    }

    /// The counter-clockwise loop of a region spanning breaks `start ..= start + curves.len()`.
    pub(super) fn ring(
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
            let hi = self.spoke_fraction(pick(end, true), self.t.after, 0);
            let lo = self.spoke_fraction(pick(end, false), self.t.after, 0);
            for &(f, id) in self.t.after.splits.iter().rev() {
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
            let hi = self.spoke_fraction(pick(start, true), self.t.before, 1);
            let lo = self.spoke_fraction(pick(start, false), self.t.before, 1);
            for &(f, id) in &self.t.before.splits {
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

/// The fraction along `spoke` of its split point `id` (1 if it has no such point).
fn spoke_frac(spoke: &Spoke, id: u32) -> f64 {
    spoke
        .splits
        .iter()
        .find(|&&(_, i)| i == id)
        .map_or(1.0, |&(f, _)| f)
}
