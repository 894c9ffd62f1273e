//! Change between two labellings, and churn over a sequence of them.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::coverage::Coverage;
use crate::error::Result;
use crate::label::{AreaKey, Claim, Label, SiteState};
use crate::tally::{Stats, check_len, people_key};

/// A place whose claim changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SiteChange {
    /// The place's index.
    pub site: usize,
    /// Its key before.
    pub from: AreaKey,
    /// Its key after.
    pub to: AreaKey,
}

/// What one key gained and lost between two labellings.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Balance {
    /// The key.
    pub key: AreaKey,
    /// Area after minus area before, km².
    pub area_km2: f64,
    /// Population after minus population before.
    pub population: i64,
}

/// The change between two labellings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// Places whose key changed, in place order.
    pub sites: Vec<SiteChange>,
    /// Net gains (positive) and losses (negative) per key, sorted by key.
    pub balance: Vec<Balance>,
    /// The statistics before.
    pub before: Stats,
    /// The statistics after.
    pub after: Stats,
}

impl Coverage {
    /// The change from `before` to `after` (one state per place each).
    ///
    /// # Errors
    /// [`crate::Error::LabelCount`] if either has not exactly one state per place.
    pub fn change(&self, before: &[SiteState], after: &[SiteState]) -> Result<Change> {
        check_len(self, before)?;
        check_len(self, after)?;
        let stale = self.method.stale_days();
        let sites = before
            .iter()
            .zip(after)
            .enumerate()
            .filter_map(|(site, (b, a))| {
                let (from, to) = (
                    people_key(self, site, Claim::of(*b, stale)),
                    people_key(self, site, Claim::of(*a, stale)),
                );
                (from != to).then_some(SiteChange { site, from, to })
            })
            .collect();
        let b = self.stats(before)?;
        let a = self.stats(after)?;
        let mut net: BTreeMap<AreaKey, (f64, i64)> = BTreeMap::new();
        for r in &a.rows {
            let e = net.entry(r.key).or_default();
            e.0 += r.area_km2;
            e.1 += i64::try_from(r.population).unwrap_or(i64::MAX);
        }
        for r in &b.rows {
            let e = net.entry(r.key).or_default();
            e.0 -= r.area_km2;
            e.1 -= i64::try_from(r.population).unwrap_or(i64::MAX);
        }
        let balance = net
            .into_iter()
            .filter(|(_, (area, people))| area.abs() > 1e-6 || *people != 0)
            .map(|(key, (area_km2, population))| Balance {
                key,
                area_km2,
                population,
            })
            .collect();
        Ok(Change {
            sites,
            balance,
            before: b,
            after: a,
        })
    }
}

/// Places that changed hands two or more times over a sequence of labellings (in date order),
/// with their number of changes of hands, in place order: "territorial gains would be
/// temporary". A change of hands is a known key followed by a different known key; spells of
/// unknown in between do not count.
///
/// Labellings of a length other than the first's are skipped.
#[must_use]
pub fn churn(labellings: &[&[SiteState]], stale_days: Option<u32>) -> Vec<(usize, usize)> {
    let Some(first) = labellings.first() else {
        return Vec::new();
    };
    let n = first.len();
    let mut last: Vec<AreaKey> = first
        .iter()
        .map(|s| Claim::of(*s, stale_days).key)
        .collect();
    let mut count = vec![0usize; n];
    for l in labellings.iter().skip(1).filter(|l| l.len() == n) {
        for (i, s) in l.iter().enumerate() {
            let k = Claim::of(*s, stale_days).key;
            if k == AreaKey::Unknown || k == last[i] {
                continue;
            }
            if last[i] != AreaKey::Unknown {
                count[i] += 1;
            }
            last[i] = k;
        }
    }
    count
        .into_iter()
        .enumerate()
        .filter(|&(_, c)| c >= 2)
        .collect()
}

/// The same as [`churn`], from a first labelling and the (place, label) changes of each later
/// date, in time proportional to the number of changes.
#[must_use]
pub fn churn_in_changes(
    initial: &[SiteState],
    changes: &[Vec<(usize, Label)>],
    stale_days: Option<u32>,
) -> Vec<(usize, usize)> {
    let mut last: Vec<AreaKey> = initial
        .iter()
        .map(|s| Claim::of(*s, stale_days).key)
        .collect();
    let mut count = vec![0usize; initial.len()];
    for &(site, label) in changes.iter().flatten() {
        let Some(prev) = last.get_mut(site) else {
            continue;
        };
        let k = Claim::of(SiteState::fresh(label), stale_days).key;
        if k == AreaKey::Unknown || k == *prev {
            continue;
        }
        if *prev != AreaKey::Unknown {
            count[site] += 1;
        }
        *prev = k;
    }
    count
        .into_iter()
        .enumerate()
        .filter(|&(_, c)| c >= 2)
        .collect()
}
