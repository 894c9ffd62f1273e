//! Lending: who speaks for the land of a place that has no evidence yet on a date.
//!
//! The cells are those of every place with evidence known at the record time (ADR 0003), so
//! they never change with the date. A place first observed in July 2017 has a cell on every
//! date, but before its first observation nothing is known of it. Its land is then *lent* by
//! the nearest place that is observed on that date (whatever that place's state, unknown
//! included), as long as the whole of the borrower's cell within the cap lies within the cap
//! of the lender; otherwise the land is unknown. A place whose evidence has expired is again
//! without evidence. Lenders are observed places only, so there are no chains. Ties go to
//! the smaller index. See ADR 0007 and docs/method.md.

use rstar::RTree;
use rstar::primitives::GeomWithData;

use crate::coverage::Coverage;
use crate::label::SiteState;
use crate::subdivision::PieceKind;

type Point = GeomWithData<[f64; 2], u32>;

/// Rounding room when the tree's distances decide where to stop looking, in metres.
const SLACK_M: f64 = 1e-3;

/// The distance between two projected points, in metres: one formula for every
/// comparison, so that a loan made at once and one made step by step agree.
fn metres(a: [f64; 2], b: [f64; 2]) -> f64 {
    let (dx, dy) = (a[0] - b[0], a[1] - b[1]);
    (dx * dx + dy * dy).sqrt()
}

/// Where each site is and how far it may borrow, built once with the coverage.
#[derive(Debug, Default)]
pub(crate) struct Reach {
    tree: RTree<Point>,
    /// Per site: the farthest a lender may be, in metres (infinite without a cap).
    limit: Vec<f64>,
    /// The largest of `limit`.
    most: f64,
}

impl Reach {
    /// The reach of every site of `coverage`: the cap less the farthest point of the
    /// site's cell within the cap.
    pub(crate) fn new(coverage: &Coverage) -> Self {
        let cap = coverage.method.cap_km().map(|c| c * 1000.0);
        let radius: Vec<f64> = (0..coverage.positions.len())
            .map(|pos| {
                let centre = coverage.positions[pos];
                coverage.pieces_of[pos]
                    .iter()
                    .filter(|&&piece| {
                        !matches!(coverage.pieces[piece as usize].kind, PieceKind::Beyond)
                    })
                    .flat_map(|&piece| coverage.clipped.rings.of(piece as usize))
                    .flatten()
                    .map(|&id| {
                        let p = coverage.points[id as usize];
                        (p[0] - centre[0]).hypot(p[1] - centre[1])
                    })
                    .fold(0.0, f64::max)
            })
            .collect();
        let limit: Vec<f64> = coverage
            .position_of_site
            .iter()
            .map(|&pos| cap.map_or(f64::INFINITY, |c| c - radius[pos as usize]))
            .collect();
        let tree = RTree::bulk_load(
            coverage
                .position_of_site
                .iter()
                .enumerate()
                .map(|(s, &pos)| {
                    let site = u32::try_from(s).expect("fewer than 2^32 places");
                    Point::new(coverage.positions[pos as usize], site)
                })
                .collect(),
        );
        let most = limit.iter().copied().fold(0.0, f64::max);
        Self { tree, limit, most }
    }

    fn point(&self, coverage: &Coverage, site: usize) -> [f64; 2] {
        coverage.positions[coverage.position_of_site[site] as usize]
    }
}

/// A site's lender and its distance in metres.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Loan {
    lender: u32,
    distance: f64,
}

impl Loan {
    /// Whether a lender at `distance` with index `lender` comes before this one.
    fn beaten_by(self, lender: u32, distance: f64) -> bool {
        distance < self.distance || (distance == self.distance && lender < self.lender)
    }
}

/// The states of all sites on one date with lending applied, kept up to date one change at
/// a time (for series by relabelling).
#[derive(Debug)]
pub struct Lending<'c> {
    coverage: &'c Coverage,
    /// Each site's own state; `None` while it has no evidence yet.
    own: Vec<Option<SiteState>>,
    loan: Vec<Option<Loan>>,
    borrowers: Vec<Vec<u32>>,
}

impl<'c> Lending<'c> {
    /// Lending over `own`: each site's own state on the date, `None` for a site with no
    /// evidence yet on it (no observation applies).
    ///
    /// # Panics
    /// If `own` does not have one entry per site of `coverage`.
    #[must_use]
    pub fn new(coverage: &'c Coverage, own: Vec<Option<SiteState>>) -> Self {
        assert_eq!(own.len(), coverage.site_count, "one state per site");
        let n = own.len();
        let mut lending = Self {
            coverage,
            own,
            loan: vec![None; n],
            borrowers: vec![Vec::new(); n],
        };
        for site in 0..n {
            if lending.own[site].is_none() {
                let loan = lending.nearest_lender(site);
                lending.lend(site, loan);
            }
        }
        lending
    }

    /// The state the inference uses for `site`: its own, or its lender's, or unknown.
    #[must_use]
    pub fn state(&self, site: usize) -> SiteState {
        match (self.own[site], self.loan[site]) {
            (Some(own), _) => own,
            (None, Some(loan)) => self.own[loan.lender as usize].unwrap_or_default(),
            (None, None) => SiteState::default(),
        }
    }

    /// Every site's state, as [`Lending::state`].
    #[must_use]
    pub fn states(&self) -> Vec<SiteState> {
        (0..self.own.len()).map(|s| self.state(s)).collect()
    }

    /// The site that lends `site` its land on this date, if it has no evidence yet and a
    /// lender is within reach.
    #[must_use]
    pub fn lender(&self, site: usize) -> Option<usize> {
        self.loan[site].map(|l| l.lender as usize)
    }

    /// Whether `site` has evidence of its own on this date.
    #[must_use]
    pub fn observed(&self, site: usize) -> bool {
        self.own[site].is_some()
    }

    /// Sets the own state of `site`: `Some` from the day it has evidence that speaks,
    /// `None` from the day its evidence expires. Pushes onto `changed` every site whose
    /// state (as [`Lending::state`]) may have changed: the site, the sites it lent to, and
    /// those that now borrow from it.
    pub fn set(&mut self, site: usize, state: Option<SiteState>, changed: &mut Vec<usize>) {
        changed.push(site);
        match state {
            Some(state) => {
                let first = self.own[site].is_none();
                self.own[site] = Some(state);
                if first {
                    self.lend(site, None);
                    self.offer(site, changed);
                }
                changed.extend(self.borrowers[site].iter().map(|&b| b as usize));
            }
            None if self.own[site].is_some() => {
                self.own[site] = None;
                for b in std::mem::take(&mut self.borrowers[site]) {
                    let b = b as usize;
                    self.loan[b] = None;
                    let loan = self.nearest_lender(b);
                    self.lend(b, loan);
                    changed.push(b);
                }
                let loan = self.nearest_lender(site);
                self.lend(site, loan);
            }
            None => {}
        }
    }

    /// Makes `loan` the loan of `site`, updating the lenders' borrower lists.
    fn lend(&mut self, site: usize, loan: Option<Loan>) {
        let id = u32::try_from(site).expect("fewer than 2^32 places");
        if let Some(old) = self.loan[site] {
            let list = &mut self.borrowers[old.lender as usize];
            if let Some(i) = list.iter().position(|&b| b == id) {
                list.swap_remove(i);
            }
        }
        if let Some(new) = loan {
            self.borrowers[new.lender as usize].push(id);
        }
        self.loan[site] = loan;
    }

    /// The nearest observed site within the reach of `site`.
    fn nearest_lender(&self, site: usize) -> Option<Loan> {
        let reach = &self.coverage.reach;
        let limit = reach.limit[site];
        let mut best: Option<Loan> = None;
        let at = reach.point(self.coverage, site);
        for (p, d2) in reach.tree.nearest_neighbor_iter_with_distance_2(&at) {
            // The tree orders by its own arithmetic; compare with one formula everywhere.
            let rough = d2.sqrt();
            if rough > limit + SLACK_M || best.is_some_and(|b| rough > b.distance + SLACK_M) {
                break;
            }
            let distance = metres(at, *p.geom());
            if distance > limit {
                continue;
            }
            let other = p.data;
            if other as usize != site
                && self.own[other as usize].is_some()
                && best.is_none_or(|b| b.beaten_by(other, distance))
            {
                best = Some(Loan {
                    lender: other,
                    distance,
                });
            }
        }
        best
    }

    /// `site` has just been observed: the unobserved sites for which it is now the nearest
    /// lender borrow from it.
    fn offer(&mut self, site: usize, changed: &mut Vec<usize>) {
        let reach = &self.coverage.reach;
        // No unobserved site borrows from farther than its reach (with a cap), nor from
        // farther than its current lender (without one).
        let bound = if reach.most.is_finite() {
            reach.most
        } else {
            (0..self.own.len())
                .filter(|&s| self.own[s].is_none())
                .map(|s| self.loan[s].map_or(reach.limit[s], |l| l.distance))
                .fold(f64::NEG_INFINITY, f64::max)
        };
        if bound < 0.0 {
            return;
        }
        let lender = u32::try_from(site).expect("fewer than 2^32 places");
        let at = reach.point(self.coverage, site);
        let within: Vec<&Point> = if bound.is_finite() {
            let r = bound + SLACK_M;
            reach.tree.locate_within_distance(at, r * r).collect()
        } else {
            reach.tree.iter().collect()
        };
        let mut switch: Vec<(usize, Loan)> = Vec::new();
        for p in within {
            let other = p.data as usize;
            let distance = metres(at, *p.geom());
            if self.own[other].is_some() || distance > reach.limit[other] {
                continue;
            }
            if self.loan[other].is_none_or(|l| l.beaten_by(lender, distance)) {
                switch.push((other, Loan { lender, distance }));
            }
        }
        // In a fixed order, whatever order the tree gave.
        switch.sort_by_key(|&(other, _)| other);
        for (other, loan) in switch {
            self.lend(other, Some(loan));
            changed.push(other);
        }
    }
}

#[cfg(test)]
mod tests {
    use geo_types::{MultiPolygon, polygon};

    use super::*;
    use crate::{Label, Method, PartyKey, Site, Sites};

    fn square() -> MultiPolygon<f64> {
        MultiPolygon(vec![polygon![
            (x: 36.0, y: 33.0), (x: 37.0, y: 33.0), (x: 37.0, y: 34.0), (x: 36.0, y: 34.0)
        ]])
    }

    fn held(p: u16) -> Option<SiteState> {
        Some(SiteState::fresh(Label::held(PartyKey::new(p))))
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 32, ..Default::default() })]

        /// Lending kept up one change at a time equals lending made at once from the
        /// final states, with and without a cap.
        #[test]
        fn step_by_step_lending_equals_lending_at_once(
            points in proptest::collection::vec((36.02..36.98f64, 33.02..33.98f64), 2..40),
            steps in proptest::collection::vec((0usize..40, proptest::option::of(0u16..3)), 0..80),
            cap in proptest::option::of(5.0..60.0f64),
        ) {
            let sites = Sites::new(points.iter().map(|&(x, y)| Site::new(x, y)).collect()).expect("sites");
            let method = Method::nearest().with_cap_km(cap).expect("cap");
            let coverage = Coverage::build(&sites, &square(), method).expect("coverage");
            let n = sites.len();
            let mut own: Vec<Option<SiteState>> = vec![None; n];
            let mut lending = Lending::new(&coverage, own.clone());
            let mut changed = Vec::new();
            for &(site, party) in &steps {
                let site = site % n;
                let state = party.and_then(held);
                lending.set(site, state, &mut changed);
                own[site] = state;
            }
            let fresh = Lending::new(&coverage, own);
            proptest::prop_assert_eq!(fresh.states(), lending.states());
            for s in 0..n {
                proptest::prop_assert_eq!(fresh.lender(s), lending.lender(s));
            }
        }
    }

    #[test]
    fn an_unobserved_place_borrows_from_its_nearest_observed_place() {
        let sites = Sites::new(vec![
            Site::new(36.2, 33.5),
            Site::new(36.3, 33.5),
            Site::new(36.8, 33.5),
        ])
        .expect("sites");
        let method = Method::nearest().with_cap_km(None).expect("no cap");
        let coverage = Coverage::build(&sites, &square(), method).expect("coverage");
        let lending = Lending::new(&coverage, vec![held(0), None, held(1)]);
        assert_eq!(lending.lender(1), Some(0));
        assert_eq!(lending.state(1), held(0).expect("held"));
        assert_eq!(lending.lender(0), None);
    }

    #[test]
    fn no_loan_beyond_the_cap_and_none_from_unobserved_places() {
        let sites = Sites::new(vec![Site::new(36.1, 33.5), Site::new(36.9, 33.5)]).expect("sites");
        let coverage = Coverage::build(&sites, &square(), Method::nearest()).expect("coverage");
        // 74 km apart: a 35 km cap lends nothing.
        let lending = Lending::new(&coverage, vec![held(0), None]);
        assert_eq!(lending.lender(1), None);
        assert_eq!(lending.state(1).label, Label::Unknown);
        let nobody = Lending::new(&coverage, vec![None, None]);
        assert_eq!(nobody.lender(0), None);
    }

    #[test]
    fn observing_a_place_moves_its_neighbours_loans_and_reports_them() {
        let sites = Sites::new(vec![
            Site::new(36.1, 33.5),
            Site::new(36.5, 33.5),
            Site::new(36.55, 33.5),
            Site::new(36.9, 33.5),
        ])
        .expect("sites");
        let method = Method::nearest().with_cap_km(None).expect("no cap");
        let coverage = Coverage::build(&sites, &square(), method).expect("coverage");
        let mut lending = Lending::new(&coverage, vec![held(0), None, None, held(3)]);
        assert_eq!(lending.lender(1), Some(0));
        assert_eq!(lending.lender(2), Some(3));
        let mut changed = Vec::new();
        lending.set(1, held(1), &mut changed);
        assert_eq!(lending.lender(2), Some(1));
        assert!(changed.contains(&1) && changed.contains(&2));
        // A change of the lender's state reaches its borrowers.
        changed.clear();
        lending.set(1, held(2), &mut changed);
        assert!(changed.contains(&2));
        assert_eq!(lending.state(2), held(2).expect("held"));
        // Incremental and fresh lending agree.
        let fresh = Lending::new(&coverage, vec![held(0), held(2), None, held(3)]);
        assert_eq!(fresh.states(), lending.states());
        // Its evidence expires: it borrows again, and its borrower moves on.
        changed.clear();
        lending.set(1, None, &mut changed);
        assert_eq!(lending.lender(1), Some(0));
        assert_eq!(lending.lender(2), Some(3));
        assert!(changed.contains(&1) && changed.contains(&2));
        let fresh = Lending::new(&coverage, vec![held(0), None, None, held(3)]);
        assert_eq!(fresh.states(), lending.states());
    }
}
