//! A series of statistics over consecutive days, by relabelling.

use crate::coverage::Coverage;
use crate::error::{Error, Result};
use crate::label::{Label, SiteState};
use crate::tally::{Stats, Tally};

impl Coverage {
    /// The statistics for day 0 (the `initial` states, one per place) and for each following
    /// day `d` (1-based) after the observations `changes[d - 1]`: (place, label) pairs observed
    /// that day.
    ///
    /// Places age by one day per day; under a staleness limit a place stops claiming land the
    /// day it becomes older than the limit, unless observed again. Cost: proportional to the
    /// number of changes and expiries (times the number of a place's neighbours), plus the
    /// number of parties per day; never to the number of places per day.
    ///
    /// # Errors
    /// [`Error::LabelCount`] if `initial` does not have one state per place;
    /// [`Error::SiteIndex`] if a change names a place out of range.
    pub fn series(
        &self,
        initial: &[SiteState],
        changes: &[Vec<(usize, Label)>],
    ) -> Result<Vec<Stats>> {
        let mut tally = Tally::new(self, initial)?;
        let limit = self.method().stale_days().map(i64::from);
        let days = changes.len();
        // Day each place was last observed (None if its age is unknown).
        let mut observed: Vec<Option<i64>> = initial
            .iter()
            .map(|s| s.stale_days.map(|a| -i64::from(a)))
            .collect();
        let mut expiries: Vec<Vec<usize>> = vec![Vec::new(); days + 1];
        let schedule = |expiries: &mut Vec<Vec<usize>>, site: usize, obs: i64| {
            if let Some(l) = limit {
                let day = obs + l + 1;
                if day >= 1 && day <= i64::try_from(days).unwrap_or(i64::MAX) {
                    let day = usize::try_from(day).expect("positive and within the series");
                    expiries[day].push(site);
                }
            }
        };
        for (site, obs) in observed.iter().enumerate() {
            if let Some(o) = obs {
                schedule(&mut expiries, site, *o);
            }
        }
        let mut out = Vec::with_capacity(days + 1);
        out.push(tally.stats());
        for day in 1..=days {
            let d = i64::try_from(day).unwrap_or(i64::MAX);
            for &(site, label) in &changes[day - 1] {
                if site >= observed.len() {
                    return Err(Error::SiteIndex {
                        site,
                        count: observed.len(),
                    });
                }
                tally.set(site, SiteState::fresh(label))?;
                observed[site] = Some(d);
                schedule(&mut expiries, site, d);
            }
            for site in std::mem::take(&mut expiries[day]) {
                let (Some(obs), Some(l)) = (observed[site], limit) else {
                    continue;
                };
                let age = d - obs;
                if age > l {
                    let state = tally.state(site).unwrap_or_default();
                    let age = u32::try_from(age).unwrap_or(u32::MAX);
                    tally.set(
                        site,
                        SiteState {
                            stale_days: Some(age),
                            ..state
                        },
                    )?;
                }
            }
            out.push(tally.stats());
        }
        Ok(out)
    }
}
