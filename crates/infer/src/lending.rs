//! Lending: who speaks for the land of a place that has no evidence yet on a date.
//!
//! The cells are those of every place with evidence known at the record time (ADR 0003), so
//! they never change with the date. A place first observed in July 2017 has a cell on every
//! date, but before its first observation nothing is known of it. Its land is then *lent* by
//! the nearest place that is observed on that date (whatever that place's state, unknown
//! included), piece by piece: a piece of the borrower's cell (its core or a band strip, or,
//! in a cell reaching farther than the first ring, one ring sector of them) takes the
//! lender's state only if the whole piece lies within the cap of the lender; the others are
//! unknown. So lent land never lies farther than the cap from its lender, and land near
//! the lender is not lost because far land of the same cell is. A place whose evidence has
//! expired is again without evidence. Lenders are observed places only, so there are no
//! chains. Ties go to the smaller index. See ADR 0007 and docs/method.md.

use rstar::RTree;
use rstar::primitives::GeomWithData;

use crate::coverage::Coverage;
use crate::label::SiteState;
use crate::projection::Xy;
use crate::subdivision::PieceKind;

type Point = GeomWithData<[f64; 2], u32>;

/// Rounding room when the tree's distances decide where to stop looking, and for points
/// computed on a cap's circle, in metres.
const SLACK_M: f64 = 1e-3;

/// The distance between two projected points, in metres: one formula for every
/// comparison, so that a loan made at once and one made step by step agree.
fn metres(a: [f64; 2], b: [f64; 2]) -> f64 {
    let (dx, dy) = (a[0] - b[0], a[1] - b[1]);
    (dx * dx + dy * dy).sqrt()
}

/// Where each site is, how far it may look for a lender, and how far each piece reaches,
/// built once with the coverage.
#[derive(Debug, Default)]
pub(crate) struct Reach {
    tree: RTree<Point>,
    /// Per site: the farthest a lender may be and still lend a piece of the site's cell, in
    /// metres: the cap plus the farthest point of the cell within the cap (infinite without
    /// a cap).
    limit: Vec<f64>,
    /// The largest of `limit`.
    most: f64,
    /// The cap in metres, if any.
    cap: Option<f64>,
    /// Per piece: a disc that holds all its vertices (centre and radius), which answers most
    /// questions of reach without visiting the vertices.
    disc: Vec<(Xy, f64)>,
}

impl Reach {
    /// The reach of every site and piece of `coverage`.
    pub(crate) fn new(coverage: &Coverage) -> Self {
        let cap = coverage.method.cap_km().map(|c| c * 1000.0);
        let disc: Vec<(Xy, f64)> = (0..coverage.pieces.len())
            .map(|piece| {
                let ids = || coverage.clipped.rings.of(piece).flatten();
                let (mut sum, mut n) = ([0.0, 0.0], 0.0);
                for &id in ids() {
                    let p = coverage.points[id as usize];
                    sum = [sum[0] + p[0], sum[1] + p[1]];
                    n += 1.0;
                }
                if n == 0.0 {
                    return ([0.0, 0.0], 0.0);
                }
                let centre = [sum[0] / n, sum[1] / n];
                let radius = ids()
                    .map(|&id| metres(centre, coverage.points[id as usize]))
                    .fold(0.0, f64::max);
                (centre, radius)
            })
            .collect();
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
                    .map(|&id| metres(centre, coverage.points[id as usize]))
                    .fold(0.0, f64::max)
            })
            .collect();
        let limit: Vec<f64> = coverage
            .position_of_site
            .iter()
            .map(|&pos| cap.map_or(f64::INFINITY, |c| c + radius[pos as usize]))
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
        Self {
            tree,
            limit,
            most,
            cap,
            disc,
        }
    }

    fn point(&self, coverage: &Coverage, site: usize) -> [f64; 2] {
        coverage.positions[coverage.position_of_site[site] as usize]
    }

    /// Whether the whole of `piece` lies within the cap of the site `lender` (always, without
    /// a cap): its farthest vertex from the lender is within the cap. Distance is convex, so
    /// the farthest point of a polygon is one of its vertices.
    pub(crate) fn lends_piece(&self, coverage: &Coverage, piece: u32, lender: usize) -> bool {
        let Some(cap) = self.cap else {
            return true;
        };
        let at = self.point(coverage, lender);
        let (centre, radius) = self.disc[piece as usize];
        let d = metres(at, centre);
        // The centre lies within the vertices' hull, so no vertex is nearer than it is far.
        if d + radius <= cap {
            return true;
        }
        if d > cap + 2.0 * SLACK_M {
            return false;
        }
        coverage
            .clipped
            .rings
            .of(piece as usize)
            .flatten()
            .all(|&id| metres(at, coverage.points[id as usize]) <= cap + SLACK_M)
    }

    /// Whether the place `site` itself lies within the cap of the site `lender` (its people
    /// then count under the lent state).
    pub(crate) fn lends_place(&self, coverage: &Coverage, site: usize, lender: usize) -> bool {
        self.cap.is_none_or(|cap| {
            metres(self.point(coverage, site), self.point(coverage, lender)) <= cap + SLACK_M
        })
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
    pub fn new(coverage: &'c Coverage, mut own: Vec<Option<SiteState>>) -> Self {
        assert_eq!(own.len(), coverage.site_count, "one state per site");
        for s in own.iter_mut().flatten() {
            s.lender = None;
        }
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

    /// The state the inference uses for `site`: its own, or its lender's (with
    /// [`SiteState::lender`] naming the lender, whose cap bounds the land it takes), or
    /// unknown.
    #[must_use]
    pub fn state(&self, site: usize) -> SiteState {
        match (self.own[site], self.loan[site]) {
            (Some(own), _) => own,
            (None, Some(loan)) => SiteState {
                lender: Some(loan.lender as usize),
                ..self.own[loan.lender as usize].unwrap_or_default()
            },
            (None, None) => SiteState::default(),
        }
    }

    /// Every site's state, as [`Lending::state`].
    #[must_use]
    pub fn states(&self) -> Vec<SiteState> {
        (0..self.own.len()).map(|s| self.state(s)).collect()
    }

    /// The site that lends `site` its land on this date, if it has no evidence yet and an
    /// observed site is near enough to lend at least part of its cell.
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
                let state = SiteState {
                    lender: None,
                    ..state
                };
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

    /// The nearest observed site within the reach of `site`: farther ones could lend no
    /// piece of its cell.
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
        // No unobserved site borrows from beyond its reach (with a cap), nor from
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
    use crate::label::Claim;
    use crate::tally::{piece_claim, position_claims};
    use crate::{AreaKey, Label, Method, PartyKey, Site, Sites};

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
        /// final states, with and without a cap, and so do the statistics relabelled through
        /// the sites it reports.
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
            let mut tally = crate::Tally::new(&coverage, &lending.states()).expect("tally");
            let mut changed = Vec::new();
            for &(site, party) in &steps {
                let site = site % n;
                let state = party.and_then(held);
                changed.clear();
                lending.set(site, state, &mut changed);
                for &s in &changed {
                    tally.set(s, lending.state(s)).expect("a site");
                }
                own[site] = state;
            }
            let fresh = Lending::new(&coverage, own);
            proptest::prop_assert_eq!(fresh.states(), lending.states());
            // Relabelling only the reported sites gives the statistics read afresh.
            let at_once = coverage.stats(&fresh.states()).expect("stats");
            let relabelled = tally.stats();
            for (a, b) in at_once.rows.iter().zip(&relabelled.rows) {
                proptest::prop_assert_eq!(a.key, b.key);
                proptest::prop_assert!((a.area_km2 - b.area_km2).abs() < 1e-6, "{:?} {:?}", a, b);
                proptest::prop_assert_eq!(a.population, b.population);
            }
            proptest::prop_assert_eq!(at_once.rows.len(), relabelled.rows.len());
            for s in 0..n {
                proptest::prop_assert_eq!(fresh.lender(s), lending.lender(s));
            }
        }
    }

    /// Every piece's claim, read with the lending's states.
    fn piece_claims(coverage: &Coverage, lending: &Lending<'_>) -> Vec<Claim> {
        let stale = coverage.method.stale_days();
        let site_claims: Vec<Claim> = lending
            .states()
            .iter()
            .map(|s| Claim::of(*s, stale))
            .collect();
        let claims = position_claims(coverage, &site_claims);
        (0..coverage.pieces.len())
            .map(|p| piece_claim(coverage, &claims, u32::try_from(p).expect("few pieces")))
            .collect()
    }

    fn farthest_vertex(coverage: &Coverage, piece: usize, from: [f64; 2]) -> f64 {
        coverage
            .clipped
            .rings
            .of(piece)
            .flatten()
            .map(|&id| metres(from, coverage.points[id as usize]))
            .fold(0.0, f64::max)
    }

    fn position(coverage: &Coverage, site: usize) -> [f64; 2] {
        coverage.positions[coverage.position_of_site[site] as usize]
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 32, ..Default::default() })]

        /// Per-piece lending read against a brute-force one: a place without evidence takes
        /// as lender the nearest observed place (ties to the smaller index, searched without
        /// bound), and a piece of its cell (core or band strip) takes the lender's state
        /// exactly when the piece's farthest vertex lies within the cap of the lender, else
        /// it is unknown; a band strip is contested when its own place and its neighbour, so
        /// read, hold different parties. And no piece known through a loan lies farther than
        /// the cap from its lender.
        #[test]
        fn lent_pieces_are_those_within_the_cap_of_the_nearest_observed_place(
            points in proptest::collection::vec((36.02..36.98f64, 33.02..33.98f64), 2..30),
            parties in proptest::collection::vec(proptest::option::of(0u16..3), 30),
            cap in proptest::option::of(5.0..60.0f64),
            band in proptest::option::of(1.0..20.0f64),
        ) {
            let sites = Sites::new(points.iter().map(|&(x, y)| Site::new(x, y)).collect()).expect("sites");
            let method = Method::nearest().with_cap_km(cap).expect("cap").with_band_km(band.unwrap_or(0.0)).expect("band");
            let coverage = Coverage::build(&sites, &square(), method).expect("coverage");
            let n = sites.len();
            let own: Vec<Option<SiteState>> = (0..n).map(|s| parties[s].and_then(held)).collect();
            let lending = Lending::new(&coverage, own.clone());
            let claims = piece_claims(&coverage, &lending);
            let cap_m = cap.map(|c| c * 1000.0);
            let within = |piece: usize, lender: usize| {
                cap_m.is_none_or(|c| farthest_vertex(&coverage, piece, position(&coverage, lender)) <= c + SLACK_M)
            };
            // The key a site gives `piece`, read by brute force.
            let brute = |site: usize, piece: usize| -> AreaKey {
                if let Some(state) = own[site] {
                    return Claim::of(state, None).key;
                }
                let at = position(&coverage, site);
                let nearest = (0..n)
                    .filter(|&s| own[s].is_some())
                    .map(|s| (metres(at, position(&coverage, s)), s))
                    .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                match nearest {
                    Some((_, lender)) if within(piece, lender) => Claim::of(own[lender].expect("observed"), None).key,
                    _ => AreaKey::Unknown,
                }
            };
            let alone = |pos: u32| {
                let here = &coverage.sites_at[pos as usize];
                (here.len() == 1).then(|| here[0] as usize)
            };
            for (piece, info) in coverage.pieces.iter().enumerate() {
                // A piece clipped away has no land to label.
                let Some(site) = alone(info.position) else { continue };
                if coverage.clipped.rings.of(piece).next().is_none() {
                    continue;
                }
                if let (Some(lender), Some(c)) = (lending.lender(site), cap_m) {
                    if claims[piece].key != AreaKey::Unknown {
                        proptest::prop_assert!(farthest_vertex(&coverage, piece, position(&coverage, lender)) <= c + SLACK_M);
                    }
                }
                let expected = match info.kind {
                    PieceKind::Beyond => AreaKey::Unknown,
                    PieceKind::Core => brute(site, piece),
                    PieceKind::Band { neighbour } => {
                        let Some(other) = alone(neighbour) else { continue };
                        match (brute(site, piece), brute(other, piece)) {
                            (AreaKey::Party { party: a }, AreaKey::Party { party: b }) => AreaKey::contested(a, b),
                            (mine, _) => mine,
                        }
                    }
                };
                proptest::prop_assert_eq!(claims[piece].key, expected, "piece {}", piece);
            }
        }
    }

    /// The measurement of ADR 0007's revision, in small: in a strip 11 km tall, a place
    /// (A) held by one party, a place 20 km east of it (B) first observed only after the
    /// date, and a place 52 km east (C) held by another. B's cell reaches 17 km from it, so
    /// the whole-cell rule (a lender within 35 − 17 km) lent it nothing and adding B greyed
    /// land that A's cap reaches. Per piece, B's core and its band towards A take A's state;
    /// only its band towards C, farther than 35 km from A, is unknown.
    #[test]
    fn regression_a_place_first_observed_later_does_not_grey_land_near_an_observed_place() {
        let strip = MultiPolygon(vec![polygon![
            (x: 36.0, y: 33.45), (x: 37.0, y: 33.45), (x: 37.0, y: 33.55), (x: 36.0, y: 33.55)
        ]]);
        let east = |km: f64| 36.3 + km / 92.9;
        let (a, b, c) = (
            Site::new(east(0.0), 33.5),
            Site::new(east(20.0), 33.5),
            Site::new(east(52.0), 33.5),
        );
        let method = Method::nearest();
        let without = Sites::new(vec![a, c]).expect("sites");
        let coverage = Coverage::build(&without, &strip, method).expect("coverage");
        let unknown_before = coverage
            .stats(&Lending::new(&coverage, vec![held(0), held(1)]).states())
            .expect("stats")
            .row(AreaKey::Unknown)
            .map_or(0.0, |r| r.area_km2);
        let with = Sites::new(vec![a, b, c]).expect("sites");
        let coverage = Coverage::build(&with, &strip, method).expect("coverage");
        // The whole-cell rule's limit was below the distance to A.
        let reach = &coverage.reach;
        let whole_cell_limit = 2.0 * 35_000.0 - reach.limit[1];
        let to_a = metres(position(&coverage, 0), position(&coverage, 1));
        assert!(whole_cell_limit < to_a, "{whole_cell_limit} {to_a}");
        let lending = Lending::new(&coverage, vec![held(0), None, held(1)]);
        assert_eq!(lending.lender(1), Some(0));
        let states = lending.states();
        let red = AreaKey::Party {
            party: PartyKey::new(0),
        };
        let at_b = coverage
            .why(east(20.0), 33.5, &states)
            .expect("why")
            .expect("inside");
        assert_eq!(
            (at_b.site, at_b.key, at_b.rule),
            (1, red, crate::Rule::Nearest)
        );
        let towards_a = coverage
            .why(east(11.0), 33.52, &states)
            .expect("why")
            .expect("inside");
        assert_eq!((towards_a.site, towards_a.key), (1, red));
        let far_band = coverage
            .why(east(35.0), 33.5, &states)
            .expect("why")
            .expect("inside");
        assert_eq!(far_band.site, 1);
        assert_eq!(far_band.key, AreaKey::Unknown);
        assert_eq!(far_band.rule, crate::Rule::BeyondLenderCap { lender: 0 });
        // Only that band strip (3.5 km by 11 km) is unknown, and the contested band
        // between A and C that it replaces was twice as wide.
        let unknown_after = coverage
            .stats(&states)
            .expect("stats")
            .row(AreaKey::Unknown)
            .map_or(0.0, |r| r.area_km2);
        assert!(unknown_after < 3.5 * 11.2 + 1.0, "{unknown_after}");
        assert!(unknown_before < 1.0, "{unknown_before}");
    }

    /// A synthetic conflict (tests only): a desert 130 by 111 km with two places, A observed
    /// and B, 20 km east of A, not yet observed. B's cell (all land east of the line 10 km
    /// from A) is wider than the cap, so its core reaches 35 km from B and, as one piece, could
    /// never lie within A's cap: the whole cell was unknown. In finer pieces, every part of
    /// B's cell well within A's cap takes A's state, no part farther than the cap from A does,
    /// and the areas still add up to the whole.
    #[test]
    fn the_core_of_a_cell_wider_than_the_cap_is_lent_where_it_lies_within_the_lenders_cap() {
        let desert = MultiPolygon(vec![polygon![
            (x: 36.0, y: 33.0), (x: 37.4, y: 33.0), (x: 37.4, y: 34.0), (x: 36.0, y: 34.0)
        ]]);
        let east = |km: f64| 36.3 + km / 92.9;
        let sites = Sites::new(vec![
            Site::new(east(0.0), 33.5),
            Site::new(east(20.0), 33.5),
        ])
        .expect("sites");
        let coverage = Coverage::build(&sites, &desert, Method::nearest()).expect("coverage");
        let lending = Lending::new(&coverage, vec![held(0), None]);
        assert_eq!(lending.lender(1), Some(0));
        let states = lending.states();
        let red = AreaKey::Party {
            party: PartyKey::new(0),
        };
        let a = position(&coverage, 0);
        let cap = 35_000.0;
        // Fine enough that a part near the circle of A's cap is at most this far inside it.
        let resolution = 6_000.0;
        let (mut in_cap, mut lent) = (0, 0);
        for i in 0..140 {
            for j in 0..100 {
                let (lon, lat) = (
                    36.0 + 1.4 * (f64::from(i) + 0.5) / 140.0,
                    33.0 + (f64::from(j) + 0.5) / 100.0,
                );
                let why = coverage
                    .why(lon, lat, &states)
                    .expect("why")
                    .expect("inside");
                if why.site != 1 || why.rule == crate::Rule::BeyondCap {
                    continue;
                }
                let to_a = metres(a, coverage.project(lon, lat));
                if to_a > cap + SLACK_M {
                    assert_eq!(why.key, AreaKey::Unknown, "{lon} {lat}: {to_a} m from A");
                    assert_eq!(why.rule, crate::Rule::BeyondLenderCap { lender: 0 });
                } else {
                    in_cap += 1;
                    if why.key == red {
                        lent += 1;
                        assert_eq!(why.rule, crate::Rule::Nearest);
                    } else {
                        assert!(to_a > cap - resolution, "{lon} {lat}: {to_a} m from A");
                    }
                }
            }
        }
        // Most of the land of B's cell within A's cap is lent (before: none of it).
        assert!(in_cap > 1000, "{in_cap}");
        assert!(
            f64::from(lent) > 0.8 * f64::from(in_cap),
            "{lent} of {in_cap}"
        );
        // The core near B and a part of the core 16 km from B (29 km from A) take A's state;
        // land 40 km from A stays unknown, with A named.
        for (km_east, km_north) in [(18.0, 0.0), (25.0, 15.0), (22.0, -20.0)] {
            let why = coverage
                .why(east(km_east), 33.5 + km_north / 111.0, &states)
                .expect("why")
                .expect("inside");
            assert_eq!((why.site, why.key), (1, red), "{km_east} {km_north}");
        }
        let far = coverage
            .why(east(40.0), 33.5, &states)
            .expect("why")
            .expect("inside");
        assert_eq!((far.site, far.key), (1, AreaKey::Unknown));
        assert_eq!(far.rule, crate::Rule::BeyondLenderCap { lender: 0 });
        // Areas are conserved, and A's colour covers about its cap: the disc of 35 km around
        // A within the desert (3,640 km², its west cut by the desert's edge), less what the
        // resolution loses.
        let stats = coverage.stats(&states).expect("stats");
        let sum: f64 = stats.rows.iter().map(|r| r.area_km2).sum();
        assert!(
            (sum - stats.total_km2).abs() < 1e-6 * stats.total_km2,
            "{sum}"
        );
        let red_km2 = stats.row(red).map_or(0.0, |r| r.area_km2);
        assert!(red_km2 < 3_640.0, "{red_km2}");
        assert!(red_km2 > 3_640.0 - 0.2 * 1_234.0, "{red_km2}");
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
        assert_eq!(lending.state(1).label, Label::held(PartyKey::new(0)));
        assert_eq!(lending.state(1).lender, Some(0));
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
        assert_eq!(lending.state(2).label, Label::held(PartyKey::new(2)));
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
