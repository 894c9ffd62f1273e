use chrono::{DateTime, NaiveDate, Utc};
use frontline_infer::{AreaKey, Label, Method, PartyKey, SiteState};
use frontline_model::{ControlState, Observation, Source, StateQuery};
use serde::Serialize;

use crate::{At, Atlas, Error, Result, StatsReport};

/// What changed between two dates: the JSON contract of `frontline diff` and the API.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiffReport {
    /// The earlier date.
    pub from: NaiveDate,
    /// The later date.
    pub to: NaiveDate,
    /// The record time.
    pub known_at: DateTime<Utc>,
    /// The method.
    pub method: Method,
    /// Places whose status or parties differ between the two dates, with the evidence
    /// (reorganisations apart).
    pub places: Vec<PlaceChange>,
    /// Places whose holder only became its successor (a renamed or reorganised party, as
    /// the data's `successor_of` says: the opposition groups that formed the SNA, Nusra to
    /// HTS): not changes of hands, and not counted in the balance or churn.
    pub reorganised: Vec<PlaceChange>,
    /// Places with no holder on the earlier date (no evidence yet, or reported unknown) and
    /// one on the later: first reported in the period, not changes of hands (the mid-2017
    /// snapshot made thousands of them). Their ids.
    pub first_reported: Vec<String>,
    /// Places with a holder on the earlier date and none on the later (their evidence
    /// expired or reported unknown): not changes of hands either. Their ids.
    pub no_longer_reported: Vec<String>,
    /// Net area and people gained (positive) or lost (negative) per key.
    pub balance: Vec<BalanceRow>,
    /// Places that changed hands two or more times within the period.
    pub churn: Vec<Churn>,
    /// The statistics at the earlier date.
    pub before: StatsReport,
    /// The statistics at the later date.
    pub after: StatsReport,
}

/// A place's state at one end of a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Holding {
    /// The status.
    pub status: String,
    /// The parties' ids.
    pub parties: Vec<String>,
}

/// One observation, with its sources, as evidence of a change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// The observation's id.
    pub id: String,
    /// Its date.
    pub date: String,
    /// Its status.
    pub status: String,
    /// Its parties.
    pub parties: Vec<String>,
    /// Its confidence.
    pub confidence: String,
    /// Its sources.
    pub sources: Vec<Source>,
}

impl Evidence {
    pub(crate) fn of(o: &Observation) -> Self {
        Self {
            id: o.id.to_string(),
            date: o.valid_from.to_string(),
            status: o.status.to_string(),
            parties: o.parties.iter().map(ToString::to_string).collect(),
            confidence: o.confidence.to_string(),
            sources: o.sources.clone(),
        }
    }
}

/// A place that changed hands.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaceChange {
    /// The place's id.
    pub place: String,
    /// Its name.
    pub name: String,
    /// Its population, if known.
    pub population: Option<u64>,
    /// Its state at the earlier date.
    pub before: Holding,
    /// Its state at the later date.
    pub after: Holding,
    /// The observations that decided it within the period, oldest first.
    pub evidence: Vec<Evidence>,
}

/// Net gain or loss of one key.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BalanceRow {
    /// The key's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Area after minus area before, km².
    pub area_km2: f64,
    /// People after minus people before.
    pub population: i64,
}

/// A place that changed hands repeatedly.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Churn {
    /// The place's id.
    pub place: String,
    /// Its name.
    pub name: String,
    /// How many times it changed hands in the period.
    pub changes: usize,
    /// The land it claims under the method, km² (as the change map draws a changed
    /// place's land: its own cell within the cap, whoever holds its neighbours).
    pub area_km2: f64,
    /// Whether it ended the period with the holder it had at the start.
    pub back: bool,
    /// The holdings in order, with their dates.
    pub sequence: Vec<(String, Holding)>,
}

/// Whether `after` is `before` or its successor on the same status, party by party (a
/// successor of a successor counts).
fn same_or_successor(atlas: &Atlas, before: &Holding, after: &Holding) -> bool {
    before.status == after.status
        && before.parties.len() == after.parties.len()
        && before
            .parties
            .iter()
            .zip(&after.parties)
            .all(|(a, b)| a == b || atlas.succeeds(b, a))
}

fn holding(s: &ControlState<'_>) -> Holding {
    Holding {
        status: s.status.to_string(),
        parties: s.parties().iter().map(ToString::to_string).collect(),
    }
}

impl Atlas {
    /// Whether party `later` succeeds party `earlier` (directly or through successors), as
    /// the parties' `successor_of` says (in any of their versions).
    ///
    /// Successions are read two ways, on purpose: this loose reading tells a renamed or
    /// merged holder from a change of hands in `diff` (any successor counts, in any
    /// version), while [`Atlas::party_ends`] is the strict reading that decides whose report
    /// still speaks on a date (the one heir alive the day after the party's end, as the
    /// records were known at the record time).
    pub(crate) fn succeeds(&self, later: &str, earlier: &str) -> bool {
        let mut seen: Vec<&str> = Vec::new();
        let mut todo: Vec<&str> = vec![later];
        while let Some(p) = todo.pop() {
            if seen.contains(&p) {
                continue;
            }
            seen.push(p);
            for v in self.parties().iter().filter(|v| v.id.as_str() == p) {
                if v.successor_of.iter().any(|s| s.as_str() == earlier) {
                    return true;
                }
                todo.extend(v.successor_of.iter().map(frontline_model::PartyId::as_str));
            }
        }
        false
    }

    /// The transitions of place `i` after `from` up to `to`, with the observation that
    /// decided each (none: it went unknown).
    fn steps(
        &self,
        i: usize,
        from: NaiveDate,
        to: NaiveDate,
        at: At,
    ) -> Vec<(NaiveDate, Option<&Observation>)> {
        self.timeline()
            .transitions(i, at.known_at)
            .into_iter()
            .filter(|(d, _)| *d > from && *d <= to)
            .collect()
    }

    /// Place `i`'s churn from `from` (when it was in `before`) through `steps`: its holders
    /// in order, if it changed hands two or more times. Its area is filled in by
    /// [`Atlas::churn_areas`].
    fn churn_of(
        &self,
        i: usize,
        before: Holding,
        steps: &[(NaiveDate, Option<&Observation>)],
        from: NaiveDate,
        at: At,
    ) -> Option<(usize, Churn)> {
        let mut sequence = vec![(from.to_string(), before)];
        for (day, o) in steps {
            let h = o.map_or_else(
                || Holding {
                    status: "unknown".into(),
                    parties: vec![],
                },
                |o| Holding {
                    status: o.status.to_string(),
                    parties: o.parties.iter().map(ToString::to_string).collect(),
                },
            );
            match sequence.last_mut() {
                Some((_, last)) if *last == h => {}
                // A succession is no change of hands: the holding is renamed in place.
                Some((_, last)) if same_or_successor(self, last, &h) => *last = h,
                _ => sequence.push((day.to_string(), h)),
            }
        }
        let changes = sequence.len() - 1;
        (changes >= 2).then(|| {
            let place = self.place_as_of(i, at.known_at);
            (
                i,
                Churn {
                    place: place.id.to_string(),
                    name: place.names.en.clone(),
                    changes,
                    area_km2: 0.0,
                    back: sequence.first().map(|(_, h)| h) == sequence.last().map(|(_, h)| h),
                    sequence,
                },
            )
        })
    }

    /// The churned places (by place index) with the land each claims under the method, as
    /// the change map draws a changed place's land: each place labelled with a key of its
    /// own, every other place unknown, the areas tallied as the statistics tally them (km²
    /// on the ellipsoid, within the cap). Sorted by changes, then id.
    fn churn_areas(&self, churn: Vec<(usize, Churn)>, at: At) -> Result<Vec<Churn>> {
        let mut churn = churn;
        if !churn.is_empty() {
            let cells = self.cells(at)?;
            let mut labels = vec![SiteState::default(); cells.sites.len()];
            for (k, (place, _)) in churn.iter().enumerate().take(usize::from(u16::MAX)) {
                if let Some(site) = cells.sites.iter().position(|s| s == place) {
                    let key = PartyKey::new(u16::try_from(k).expect("at most u16::MAX places"));
                    labels[site] = SiteState::fresh(Label::held(key));
                }
            }
            for row in cells.coverage.stats(&labels)?.rows {
                if let AreaKey::Party { party } = row.key {
                    churn[usize::from(party.index())].1.area_km2 = row.area_km2;
                }
            }
        }
        let mut churn: Vec<Churn> = churn.into_iter().map(|(_, c)| c).collect();
        churn.sort_by(|a, b| {
            b.changes
                .cmp(&a.changes)
                .then_with(|| a.place.cmp(&b.place))
        });
        Ok(churn)
    }

    /// The places that changed hands two or more times from `from` to `to` (at the record
    /// time and method of `at`), with their land: [`DiffReport::churn`] without the rest of
    /// the diff.
    ///
    /// # Errors
    /// [`Error::Period`] when `from` is after `to`; inference errors.
    pub fn churn(&self, from: NaiveDate, to: NaiveDate, at: At) -> Result<Vec<Churn>> {
        if from > to {
            return Err(Error::Period { from, to });
        }
        let s0 = self.resolve(StateQuery {
            on: from,
            known_at: at.known_at,
        });
        let churn = s0
            .iter()
            .enumerate()
            .filter_map(|(i, a)| {
                let steps = self.steps(i, from, to, at);
                self.churn_of(i, holding(a), &steps, from, at)
            })
            .collect();
        self.churn_areas(churn, at)
    }

    /// What changed between `from` and `to` (both at the record time and method of `at`,
    /// whose `on` is ignored).
    ///
    /// # Errors
    /// [`Error::Period`] when `from` is after `to`; inference errors.
    pub fn diff(&self, from: NaiveDate, to: NaiveDate, at: At) -> Result<DiffReport> {
        if from > to {
            return Err(Error::Period { from, to });
        }
        let q0 = StateQuery {
            on: from,
            known_at: at.known_at,
        };
        let q1 = StateQuery {
            on: to,
            known_at: at.known_at,
        };
        let s0 = self.resolve(q0);
        let s1 = self.resolve(q1);
        let mut places = Vec::new();
        let mut reorganised = Vec::new();
        let mut first_reported = Vec::new();
        let mut no_longer_reported = Vec::new();
        let mut churn = Vec::new();
        // The earlier states with each reorganised place given its later holder, so that the
        // balance counts no succession as a gain.
        let mut s0_carried = s0.clone();
        for (i, (a, b)) in s0.iter().zip(&s1).enumerate() {
            let place = self.place_as_of(i, at.known_at);
            let steps = self.steps(i, from, to, at);
            let (before, after) = (holding(a), holding(b));
            let held = |h: &Holding| !h.parties.is_empty();
            if before != after && !(held(&before) && held(&after)) {
                if held(&after) {
                    first_reported.push(place.id.to_string());
                } else {
                    no_longer_reported.push(place.id.to_string());
                }
            } else if before != after {
                let succession = same_or_successor(self, &before, &after);
                if succession {
                    s0_carried[i] = b.clone();
                }
                let list = if succession {
                    &mut reorganised
                } else {
                    &mut places
                };
                list.push(PlaceChange {
                    place: place.id.to_string(),
                    name: place.names.en.clone(),
                    population: place.population.as_ref().map(|p| p.value),
                    before: before.clone(),
                    after: after.clone(),
                    evidence: steps
                        .iter()
                        .filter_map(|(_, o)| o.map(Evidence::of))
                        .collect(),
                });
            }
            churn.extend(self.churn_of(i, before, &steps, from, at));
        }
        places.sort_by(|a, b| {
            b.population
                .cmp(&a.population)
                .then_with(|| a.place.cmp(&b.place))
        });
        reorganised.sort_by(|a, b| {
            b.population
                .cmp(&a.population)
                .then_with(|| a.place.cmp(&b.place))
        });
        let churn = self.churn_areas(churn, at)?;
        let cells = self.cells(at)?;
        let states_on = |on, states: &[ControlState<'_>]| {
            let own = cells.sites.iter().map(|&i| &states[i]);
            self.lending_of(&cells, At { on, ..at }.query(), own)
                .states()
        };
        let before_states = states_on(from, &s0);
        let after_states = states_on(to, &s1);
        let change = cells.coverage.change(&before_states, &after_states)?;
        let carried = if reorganised.is_empty() {
            None
        } else {
            let carried_states = states_on(from, &s0_carried);
            Some(cells.coverage.change(&carried_states, &after_states)?)
        };
        let balance = carried
            .as_ref()
            .unwrap_or(&change)
            .balance
            .iter()
            .map(|b| {
                let info = self.key_info(b.key, to, at.known_at);
                BalanceRow {
                    id: info.id,
                    name: info.name,
                    area_km2: b.area_km2,
                    population: b.population,
                }
            })
            .collect();
        Ok(DiffReport {
            from,
            to,
            known_at: at.known_at,
            method: at.method,
            places,
            reorganised,
            first_reported,
            no_longer_reported,
            balance,
            churn,
            before: self.report(At { on: from, ..at }, &change.before),
            after: self.report(At { on: to, ..at }, &change.after),
        })
    }
}
