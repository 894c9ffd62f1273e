use std::collections::BTreeMap;

use chrono::{Months, NaiveDate};
use frontline_infer::{Label, Lending, SiteState, Tally};
use frontline_model::Observation;
use serde::Serialize;

use crate::atlas::PartyEnds;
use crate::{At, Atlas, Error, Result};

/// The spacing of a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Every day.
    Day,
    /// Every seven days from the start.
    Week,
    /// The same day of every month from the start (clamped to the month's end).
    Month,
}

/// The most points a series may have.
const MAX_POINTS: usize = 20_000;

/// One date of a series: each key's share, and the toll since the previous date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesPoint {
    /// The date.
    pub date: NaiveDate,
    /// Violent events that began after the previous point's date, up to this one (on the
    /// first point: on its day).
    pub toll: Toll,
    /// One row per key with land or people.
    pub parties: Vec<SeriesRow>,
}

/// Violent events and their deaths in a period (UCDP GED's best, low and high
/// estimates).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Toll {
    /// Events.
    pub events: u64,
    /// Deaths, best estimate.
    pub deaths_best: u64,
    /// Deaths, low estimate.
    pub deaths_low: u64,
    /// Deaths, high estimate.
    pub deaths_high: u64,
}

impl Toll {
    /// The toll of `events`.
    #[must_use]
    pub fn of(events: &[frontline_model::Event]) -> Self {
        events.iter().fold(Self::default(), |t, e| Self {
            events: t.events + 1,
            deaths_best: t.deaths_best + u64::from(e.deaths.best),
            deaths_low: t.deaths_low + u64::from(e.deaths.low),
            deaths_high: t.deaths_high + u64::from(e.deaths.high),
        })
    }
}

/// One key's figures on one date of a series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesRow {
    /// The key's id.
    pub id: String,
    /// Geodesic area, km².
    pub area_km2: f64,
    /// Share of the conflict's area, %.
    pub area_pct: f64,
    /// Share of effective land, %.
    pub effective_pct: f64,
    /// People.
    pub population: u64,
    /// Share of people, %.
    pub population_pct: f64,
}

fn dates(from: NaiveDate, to: NaiveDate, step: Step) -> Result<Vec<NaiveDate>> {
    if from > to {
        return Err(Error::Period { from, to });
    }
    let mut out = Vec::new();
    let mut i: u32 = 0;
    loop {
        let d = match step {
            Step::Day => from + chrono::Duration::days(i64::from(i)),
            Step::Week => from + chrono::Duration::days(7 * i64::from(i)),
            Step::Month => from
                .checked_add_months(Months::new(i))
                .unwrap_or(NaiveDate::MAX),
        };
        if d > to {
            break;
        }
        out.push(d);
        if out.len() > MAX_POINTS {
            return Err(Error::SeriesTooLong {
                points: out.len(),
                max: MAX_POINTS,
            });
        }
        i += 1;
    }
    Ok(out)
}

impl Atlas {
    /// The statistics on every step from `from` to `to`, at the record time and method of
    /// `at` (whose `on` is ignored). The geometry is built once; each date only relabels
    /// the places that changed, so the work grows with the number of changes.
    ///
    /// # Errors
    /// [`Error::Period`], [`Error::SeriesTooLong`], or inference errors.
    pub fn series(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        step: Step,
        at: At,
    ) -> Result<Vec<SeriesPoint>> {
        let days = dates(from, to, step)?;
        let cells = self.cells(at)?;
        let mut lending = self.lending(&cells, crate::At { on: from, ..at }.query());
        let initial: Vec<SiteState> = (0..cells.sites.len())
            .map(|site| own_or_unknown(&lending, site))
            .collect();
        let mut tally = Tally::new(&cells.coverage, &lending.states())?;

        // Every change of a site's state after `from`, by day: its deciding observation
        // changes, or a party it names ends (then it reads as the successor, or no longer
        // speaks); with the day the observation was made, for staleness.
        let ends = self.party_ends(at.known_at);
        let mut events: BTreeMap<NaiveDate, Vec<(usize, Speaking)>> = BTreeMap::new();
        for (site, &place) in cells.sites.iter().enumerate() {
            let transitions = self.timeline().transitions(place, at.known_at);
            for (day, change) in self.speaking(&transitions, &ends, to) {
                if day > from && day <= to {
                    events.entry(day).or_default().push((site, change));
                }
            }
        }
        // With a staleness limit, a place observed on day t claims nothing after t + limit.
        let limit = at.method.stale_days();
        let mut last_seen: Vec<Option<NaiveDate>> = initial
            .iter()
            .map(|s| {
                s.stale_days
                    .map(|a| from - chrono::Duration::days(i64::from(a)))
            })
            .collect();
        let mut expiries: BTreeMap<NaiveDate, Vec<usize>> = BTreeMap::new();
        if let Some(l) = limit {
            for (site, seen) in last_seen.iter().enumerate() {
                if let Some(seen) = seen {
                    expiries
                        .entry(*seen + chrono::Duration::days(i64::from(l) + 1))
                        .or_default()
                        .push(site);
                }
            }
        }

        let mut out: Vec<SeriesPoint> = Vec::with_capacity(days.len());
        let mut pending = events.into_iter().peekable();
        let mut relabel = Relabel {
            tally: &mut tally,
            lending: &mut lending,
            changed: Vec::new(),
        };
        for day in days {
            while let Some((d, changes)) = pending.next_if(|(d, _)| *d <= day) {
                // Expiries due before this change happen first.
                apply_expiries(
                    &mut relabel,
                    &mut expiries,
                    &last_seen,
                    limit,
                    d - chrono::Duration::days(1),
                )?;
                for (site, change) in changes {
                    let state = change.map(|(label, seen)| SiteState {
                        label,
                        stale_days: u32::try_from((d - seen).num_days()).ok(),
                        lender: None,
                    });
                    relabel.set(site, state)?;
                    let seen = change.map(|(_, seen)| seen);
                    let fresh = seen == Some(d) || last_seen[site] != seen;
                    last_seen[site] = seen;
                    if let (Some(l), Some(seen), true) = (limit, seen, fresh) {
                        expiries
                            .entry(seen + chrono::Duration::days(i64::from(l) + 1))
                            .or_default()
                            .push(site);
                    }
                }
            }
            apply_expiries(&mut relabel, &mut expiries, &last_seen, limit, day)?;
            let stats = relabel.tally.stats();
            let since = out
                .last()
                .map_or(day, |p| p.date + chrono::Duration::days(1));
            out.push(SeriesPoint {
                date: day,
                toll: Toll::of(self.events(since, day)),
                parties: stats
                    .rows
                    .iter()
                    .map(|r| SeriesRow {
                        id: self.key_info(r.key, day, at.known_at).id,
                        area_km2: r.area_km2,
                        area_pct: r.area_pct,
                        effective_pct: r.effective_pct,
                        population: r.population,
                        population_pct: r.population_pct,
                    })
                    .collect(),
            });
        }
        Ok(out)
    }
}

/// What a site says from some day on: the label of its land and the day of the report
/// it rests on; `None` when it does not speak (it borrows).
type Speaking = Option<(Label, NaiveDate)>;

impl Atlas {
    /// A place's changes of what it says, up to `to`: each transition of its deciding
    /// observation, and each day a party that observation names ceases to exist (read as
    /// its successor from the next day, or silent), as [`Atlas::speaking_state`] decides
    /// date by date.
    fn speaking(
        &self,
        transitions: &[(NaiveDate, Option<&Observation>)],
        ends: &PartyEnds,
        to: NaiveDate,
    ) -> Vec<(NaiveDate, Speaking)> {
        let mut out = Vec::with_capacity(transitions.len());
        for (i, &(day, obs)) in transitions.iter().enumerate() {
            let Some(o) = obs else {
                out.push((day, None));
                continue;
            };
            let until = transitions.get(i + 1).map_or(to, |&(next, _)| next);
            let mut on = day;
            loop {
                let said = ends
                    .carried(&o.parties, on)
                    .map(|ps| (self.label(o.status, &ps), day));
                out.push((on, said));
                match ends.next_change(&o.parties, on) {
                    Some(next) if next < until && said.is_some() => on = next,
                    _ => break,
                }
            }
        }
        out
    }
}

/// A site's own state, or unknown with no age while it has no evidence yet.
fn own_or_unknown(lending: &Lending<'_>, site: usize) -> SiteState {
    if lending.observed(site) {
        lending.state(site)
    } else {
        SiteState {
            label: Label::Unknown,
            stale_days: None,
            lender: None,
        }
    }
}

/// The running statistics and the lending they are fed through: a site's new state also
/// relabels the sites that borrow from it.
struct Relabel<'t, 'c> {
    tally: &'t mut Tally<'c>,
    lending: &'t mut Lending<'c>,
    changed: Vec<usize>,
}

impl Relabel<'_, '_> {
    fn set(&mut self, site: usize, state: Option<SiteState>) -> Result<()> {
        self.changed.clear();
        self.lending.set(site, state, &mut self.changed);
        for &s in &self.changed {
            self.tally.set(s, self.lending.state(s))?;
        }
        Ok(())
    }
}

/// Marks unknown the places whose last observation passed the staleness limit on or
/// before `day` (unless they were observed again since).
fn apply_expiries(
    relabel: &mut Relabel<'_, '_>,
    expiries: &mut BTreeMap<NaiveDate, Vec<usize>>,
    last_seen: &[Option<NaiveDate>],
    limit: Option<u32>,
    day: NaiveDate,
) -> Result<()> {
    let Some(limit) = limit else {
        return Ok(());
    };
    while let Some(entry) = expiries.first_entry() {
        if *entry.key() > day {
            break;
        }
        let (due, sites) = entry.remove_entry();
        for site in sites {
            // Only the expiry of the place's latest observation counts.
            let current = last_seen[site]
                .is_some_and(|seen| seen + chrono::Duration::days(i64::from(limit) + 1) == due);
            if current && relabel.lending.state(site).label != Label::Unknown {
                relabel.set(
                    site,
                    Some(SiteState {
                        label: Label::Unknown,
                        stale_days: None,
                        lender: None,
                    }),
                )?;
            }
        }
    }
    Ok(())
}
