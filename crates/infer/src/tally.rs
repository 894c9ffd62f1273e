//! Statistics for a date, kept up to date by relabelling: area, effective area and population
//! per party, pair and unknown.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::coverage::Coverage;
use crate::error::{Error, Result};
use crate::label::{AreaKey, Claim, SiteState};
use crate::subdivision::PieceKind;

/// One row of [`Stats`]: the land and people under one key.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Row {
    /// Whose land: a party, a contested or joint pair, or unknown.
    pub key: AreaKey,
    /// Area in km² on the WGS 84 ellipsoid.
    pub area_km2: f64,
    /// Share of the boundary's area, in percent.
    pub area_pct: f64,
    /// Effective area (land near populated places and key sites) in km².
    pub effective_km2: f64,
    /// Share of all effective land, in percent.
    pub effective_pct: f64,
    /// Sum of the populations of the places under this key.
    pub population: u64,
    /// Share of the population of all places, in percent.
    pub population_pct: f64,
    /// Of `area_km2`, the land of places held under siege.
    pub besieged_km2: f64,
}

/// The statistics for one labelling. Rows are sorted by key; unknown is always present.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    /// The denominator of `area_pct`: the boundary's area in km².
    pub total_km2: f64,
    /// The denominator of `effective_pct`: all effective land in km².
    pub effective_total_km2: f64,
    /// The denominator of `population_pct`: the population of all places.
    pub population_total: u64,
    /// One row per key with land or people.
    pub rows: Vec<Row>,
    /// The same per admin region, in the order the regions were given (empty without regions).
    pub regions: Vec<RegionStats>,
}

/// The statistics of one admin region; percentages are of the region's own totals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegionStats {
    /// The region's id.
    pub id: String,
    /// The region's area within the boundary, km².
    pub total_km2: f64,
    /// All effective land in the region, km².
    pub effective_total_km2: f64,
    /// The population of the places in the region.
    pub population_total: u64,
    /// One row per key with land or people in the region.
    pub rows: Vec<Row>,
}

impl Stats {
    /// The row of `key`, if it has land or people.
    #[must_use]
    pub fn row(&self, key: AreaKey) -> Option<&Row> {
        self.rows.iter().find(|r| r.key == key)
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Acc {
    area: f64,
    effective: f64,
    population: i64,
    besieged: f64,
}

/// Running statistics over a coverage: set places' states one by one, read [`Stats`] at any
/// time. Each change costs time proportional to the place's number of neighbours, so a series
/// costs time proportional to the number of changes, not to the number of places per date.
#[derive(Debug, Clone)]
pub struct Tally<'c> {
    coverage: &'c Coverage,
    states: Vec<SiteState>,
    site_claims: Vec<Claim>,
    claims: Vec<Claim>,
    totals: BTreeMap<AreaKey, Acc>,
    region_totals: Vec<BTreeMap<AreaKey, Acc>>,
}

/// The key and siege mark of one piece, given the claims of all positions.
///
/// A borrowed claim (ADR 0007) holds only on pieces that lie wholly within the cap of its
/// lender: on the others the position claims nothing, and a borrowed neighbour does not
/// contest the band.
pub(crate) fn piece_claim(coverage: &Coverage, claims: &[Claim], piece: u32) -> Claim {
    let p = coverage.pieces[piece as usize];
    let reached = |c: Claim| match c.lender {
        Some(lender) if !coverage.reach.lends_piece(coverage, piece, lender) => Claim::NONE,
        _ => c,
    };
    match p.kind {
        PieceKind::Core => reached(claims[p.position as usize]),
        PieceKind::Beyond => Claim::NONE,
        PieceKind::Band { neighbour } => {
            let own = reached(claims[p.position as usize]);
            let other = reached(claims[neighbour as usize]);
            match (own.key, other.key) {
                (AreaKey::Party { party: a }, AreaKey::Party { party: b }) if a != b => Claim {
                    key: AreaKey::contested(a, b),
                    besieged: false,
                    lender: own.lender,
                },
                _ => own,
            }
        }
    }
}

/// The key under which the people of place `site` count: its claim's, unless the claim is
/// borrowed from a lender whose cap does not reach the place itself.
pub(crate) fn people_key(coverage: &Coverage, site: usize, claim: Claim) -> AreaKey {
    match claim.lender {
        Some(lender) if !coverage.reach.lends_place(coverage, site, lender) => AreaKey::Unknown,
        _ => claim.key,
    }
}

/// The claim of each position: the first of its places (in index order) that claims land.
pub(crate) fn position_claims(coverage: &Coverage, site_claims: &[Claim]) -> Vec<Claim> {
    coverage
        .sites_at
        .iter()
        .map(|ss| position_claim(ss, site_claims))
        .collect()
}

fn position_claim(sites: &[u32], site_claims: &[Claim]) -> Claim {
    sites
        .iter()
        .map(|&s| site_claims[s as usize])
        .find(|c| c.key != AreaKey::Unknown)
        .unwrap_or(Claim::NONE)
}

pub(crate) fn check_len(coverage: &Coverage, states: &[SiteState]) -> Result<()> {
    if states.len() == coverage.site_count {
        Ok(())
    } else {
        Err(Error::LabelCount {
            expected: coverage.site_count,
            got: states.len(),
        })
    }
}

impl<'c> Tally<'c> {
    /// Tallies `states` (one per place, in place order) over `coverage`.
    ///
    /// # Errors
    /// [`Error::LabelCount`] if there is not exactly one state per place.
    pub fn new(coverage: &'c Coverage, states: &[SiteState]) -> Result<Self> {
        check_len(coverage, states)?;
        let stale = coverage.method.stale_days();
        let site_claims: Vec<Claim> = states.iter().map(|s| Claim::of(*s, stale)).collect();
        let claims = position_claims(coverage, &site_claims);
        let mut t = Self {
            coverage,
            states: states.to_vec(),
            site_claims,
            claims,
            totals: BTreeMap::new(),
            region_totals: vec![BTreeMap::new(); coverage.regions.len()],
        };
        for r in &mut t.region_totals {
            r.insert(AreaKey::Unknown, Acc::default());
        }
        t.totals.insert(AreaKey::Unknown, Acc::default());
        for piece in 0..coverage.pieces.len() {
            t.add_piece(u32::try_from(piece).expect("fewer than 2^32 pieces"), 1.0);
        }
        for site in 0..coverage.site_count {
            t.add_people(site, 1);
        }
        Ok(t)
    }

    fn add_piece(&mut self, piece: u32, sign: f64) {
        let c = piece_claim(self.coverage, &self.claims, piece);
        let acc = self.totals.entry(c.key).or_default();
        let area = self.coverage.clipped.area[piece as usize];
        acc.area += sign * area;
        acc.effective += sign * self.coverage.effective[piece as usize];
        if c.besieged {
            acc.besieged += sign * area;
        }
        if let Some(shares) = self.coverage.piece_regions.get(piece as usize) {
            for share in shares {
                let acc = self.region_totals[usize::from(share.region)]
                    .entry(c.key)
                    .or_default();
                acc.area += sign * share.area;
                acc.effective += sign * share.effective;
                if c.besieged {
                    acc.besieged += sign * share.area;
                }
            }
        }
    }

    fn add_people(&mut self, site: usize, sign: i64) {
        let key = people_key(self.coverage, site, self.site_claims[site]);
        let people = i64::try_from(self.coverage.population[site]).unwrap_or(i64::MAX);
        self.totals.entry(key).or_default().population += sign * people;
        if let Some(Some(r)) = self.coverage.site_region.get(site) {
            self.region_totals[usize::from(*r)]
                .entry(key)
                .or_default()
                .population += sign * people;
        }
    }

    /// The state of place `site` now.
    #[must_use]
    pub fn state(&self, site: usize) -> Option<SiteState> {
        self.states.get(site).copied()
    }

    /// Sets the state of place `site`, updating the statistics.
    ///
    /// # Errors
    /// [`Error::SiteIndex`] if `site` is out of range.
    pub fn set(&mut self, site: usize, state: SiteState) -> Result<()> {
        if site >= self.coverage.site_count {
            return Err(Error::SiteIndex {
                site,
                count: self.coverage.site_count,
            });
        }
        self.states[site] = state;
        let claim = Claim::of(state, self.coverage.method.stale_days());
        if claim == self.site_claims[site] {
            return Ok(());
        }
        self.add_people(site, -1);
        self.site_claims[site] = claim;
        self.add_people(site, 1);
        let pos = self.coverage.position_of_site[site] as usize;
        let new = position_claim(&self.coverage.sites_at[pos], &self.site_claims);
        if new == self.claims[pos] {
            return Ok(());
        }
        let cov = self.coverage;
        let affected = cov.pieces_of[pos].iter().chain(cov.facing[pos].iter());
        for &piece in affected.clone() {
            self.add_piece(piece, -1.0);
        }
        self.claims[pos] = new;
        for &piece in affected {
            self.add_piece(piece, 1.0);
        }
        Ok(())
    }

    /// The statistics now.
    #[must_use]
    pub fn stats(&self) -> Stats {
        let (total_km2, effective_total_km2, population_total, rows) =
            summarise(&self.totals, self.coverage.area_m2_total());
        let regions = self
            .coverage
            .regions
            .iter()
            .zip(&self.region_totals)
            .map(|((id, area), totals)| {
                let (total_km2, effective_total_km2, population_total, rows) =
                    summarise(totals, *area);
                RegionStats {
                    id: id.clone(),
                    total_km2,
                    effective_total_km2,
                    population_total,
                    rows,
                }
            })
            .collect();
        Stats {
            total_km2,
            effective_total_km2,
            population_total,
            rows,
            regions,
        }
    }
}

/// Rows and denominators from running sums over land of `total` m².
fn summarise(totals: &BTreeMap<AreaKey, Acc>, total: f64) -> (f64, f64, u64, Vec<Row>) {
    let eff_total: f64 = totals.values().map(|a| a.effective).sum();
    let people_total: i64 = totals.values().map(|a| a.population).sum();
    let pct = |x: f64, of: f64| if of > 0.0 { 100.0 * x / of } else { 0.0 };
    let rows = totals
        .iter()
        .filter(|(k, a)| {
            **k == AreaKey::Unknown || a.area > 1.0 || a.population != 0 || a.effective > 1.0
        })
        .map(|(k, a)| Row {
            key: *k,
            area_km2: a.area.max(0.0) / 1e6,
            area_pct: pct(a.area.max(0.0), total),
            effective_km2: a.effective.max(0.0) / 1e6,
            effective_pct: pct(a.effective.max(0.0), eff_total),
            population: u64::try_from(a.population.max(0)).unwrap_or(0),
            population_pct: pct(a.population as f64, people_total as f64),
            besieged_km2: a.besieged.max(0.0) / 1e6,
        })
        .collect();
    (
        total / 1e6,
        eff_total.max(0.0) / 1e6,
        u64::try_from(people_total.max(0)).unwrap_or(0),
        rows,
    )
}

impl Coverage {
    pub(crate) fn area_m2_total(&self) -> f64 {
        self.area_km2() * 1e6
    }

    /// The statistics of one labelling (one state per place, in place order).
    ///
    /// # Errors
    /// [`Error::LabelCount`] if there is not exactly one state per place.
    pub fn stats(&self, states: &[SiteState]) -> Result<Stats> {
        Ok(Tally::new(self, states)?.stats())
    }
}
