//! The state of control of every place at a valid date, as known at a record time.
//!
//! # The rule
//! For a place, a date `D` and a record time `K`:
//! 1. Only observations recorded at or before `K` count, and of those, none that a
//!    correction recorded at or before `K` supersedes.
//! 2. An observation applies from its [`PartialDate::holds_from`] (the last day of its
//!    period), so `2017-12` does not hold on 2017-12-01.
//! 3. The deciding observation is the latest one that applies on `D`. If it has a
//!    `valid_until` on or before `D`, the place is `unknown` (the report has expired).
//! 4. Several observations applying from the same day that disagree (different status
//!    or parties) are a [`Disagreement`]. The deciding one is, in order: the higher
//!    confidence; the finer date precision; one with a neutral source; more sources;
//!    the later recorded; the smaller id. The others are reported with it.
//! 5. Staleness is the number of days from the deciding observation's start to `D`.
//! 6. An observation about an *area* (see [`AreaCover`]) is an observation of every place
//!    the area covers, counting from the later of its own record time and that of the
//!    area's version. Of observations applying from the same day, a place's own one wins
//!    over any area's, and a smaller area's (fewer places) over a larger one's, before
//!    rule 4; disagreements are reported between observations of the same kind only.
//!
//! The rule only reads observations, so the state never depends on records made after
//! `K` (a property test pins this).

use std::cmp::Reverse;
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};

use crate::{Observation, ObservationId, PartialDate, PartyId, PlaceId, Status};

/// A valid date and a record time to resolve the state at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StateQuery {
    /// The valid date: "who held what on this day".
    pub on: NaiveDate,
    /// The record time: "as we knew it at this moment".
    pub known_at: DateTime<Utc>,
}

/// The state of one place at a [`StateQuery`].
#[derive(Debug, Clone, PartialEq)]
pub struct ControlState<'t> {
    /// The place.
    pub place: &'t PlaceId,
    /// The status: `unknown` when no observation applies or the deciding one expired.
    pub status: Status,
    /// The observation that decided it, if any applied.
    pub deciding: Option<&'t Observation>,
    /// Whether the deciding observation's `valid_until` had passed.
    pub expired: bool,
    /// Days from the deciding observation's start to the asked date.
    pub stale_days: Option<i64>,
    /// Observations from the same day that said otherwise.
    pub disagreement: Option<Disagreement<'t>>,
}

impl ControlState<'_> {
    /// The parties holding the place (empty when unknown).
    #[must_use]
    pub fn parties(&self) -> &[PartyId] {
        match self.deciding {
            Some(obs) if !self.expired && self.status != Status::Unknown => &obs.parties,
            _ => &[],
        }
    }

    /// The date of the deciding observation.
    #[must_use]
    pub fn since(&self) -> Option<PartialDate> {
        self.deciding.map(|o| o.valid_from)
    }
}

/// Observations of one place, applying from the same day, that disagree with the
/// deciding one.
#[derive(Debug, Clone, PartialEq)]
pub struct Disagreement<'t> {
    /// The observations that lost under the documented rule.
    pub overruled: Vec<&'t Observation>,
}

/// The places one version of an area covers, and the record times that version counts
/// between: from its own record time until the next version's.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaCover {
    /// The area's id (what its observations name).
    pub area: PlaceId,
    /// The places it covers.
    pub members: Vec<PlaceId>,
    /// When this version was recorded.
    pub from: DateTime<Utc>,
    /// When the next version was recorded, if any.
    pub until: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    holds_from: NaiveDate,
    recorded: DateTime<Utc>,
    superseded_from: Option<DateTime<Utc>>,
    /// `None` for the place's own observation; for an area's, how many places the area
    /// covers (on the same day the place's own wins, then the smaller area).
    area_size: Option<u32>,
    obs: u32,
}

impl Entry {
    /// Orders entries of the same day from least to most preferred by where they come
    /// from: larger areas first, then smaller ones, then the place's own observations.
    fn specificity(&self) -> (bool, Reverse<u32>) {
        (
            self.area_size.is_none(),
            Reverse(self.area_size.unwrap_or(0)),
        )
    }

    fn visible_at(&self, known_at: DateTime<Utc>) -> bool {
        self.recorded <= known_at && self.superseded_from.is_none_or(|s| s > known_at)
    }
}

/// Every place's observations, indexed for resolving the state at any date and record
/// time in `O(places × log observations)`.
#[derive(Debug, Clone)]
pub struct Timeline {
    places: Vec<PlaceId>,
    entries: Vec<Vec<Entry>>,
    observations: Vec<Observation>,
}

impl Timeline {
    /// Indexes `observations` of `places`. Observations of places not listed get a place
    /// of their own, so nothing is dropped.
    #[must_use]
    pub fn new(places: impl IntoIterator<Item = PlaceId>, observations: Vec<Observation>) -> Self {
        Self::with_areas(places, observations, &[])
    }

    /// Indexes `observations` of `places` and of areas: an observation naming an area of
    /// `covers` applies to every place the area covers (in each version of the area, for
    /// the record times that version counts), under the rule of the module documentation
    /// with one addition: among observations of the same day, a place's own wins over an
    /// area's, and a smaller area's over a larger one's.
    #[must_use]
    pub fn with_areas(
        places: impl IntoIterator<Item = PlaceId>,
        observations: Vec<Observation>,
        covers: &[AreaCover],
    ) -> Self {
        let mut place_ix: HashMap<PlaceId, usize> = HashMap::new();
        let mut list = Vec::new();
        for p in places {
            place_ix.entry(p.clone()).or_insert_with(|| {
                list.push(p);
                list.len() - 1
            });
        }
        let mut superseded: HashMap<&ObservationId, DateTime<Utc>> = HashMap::new();
        for o in &observations {
            for s in &o.supersedes {
                superseded
                    .entry(s)
                    .and_modify(|t| *t = (*t).min(o.recorded_at))
                    .or_insert(o.recorded_at);
            }
        }
        let mut entries: Vec<Vec<Entry>> = vec![Vec::new(); list.len()];
        let mut covers_of: HashMap<&PlaceId, Vec<&AreaCover>> = HashMap::new();
        for c in covers {
            covers_of.entry(&c.area).or_default().push(c);
        }
        for (i, o) in observations.iter().enumerate() {
            let obs = u32::try_from(i).expect("fewer than 4 billion observations");
            if let Some(versions) = covers_of.get(&o.place) {
                let superseded = superseded.get(&o.id).copied();
                for c in versions {
                    let size = u32::try_from(c.members.len()).unwrap_or(u32::MAX);
                    let end = match (superseded, c.until) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    };
                    for m in &c.members {
                        let ix = *place_ix.entry(m.clone()).or_insert_with(|| {
                            list.push(m.clone());
                            entries.push(Vec::new());
                            list.len() - 1
                        });
                        entries[ix].push(Entry {
                            holds_from: o.valid_from.holds_from(),
                            recorded: o.recorded_at.max(c.from),
                            superseded_from: end,
                            area_size: Some(size),
                            obs,
                        });
                    }
                }
                continue;
            }
            let ix = *place_ix.entry(o.place.clone()).or_insert_with(|| {
                list.push(o.place.clone());
                entries.push(Vec::new());
                list.len() - 1
            });
            entries[ix].push(Entry {
                holds_from: o.valid_from.holds_from(),
                recorded: o.recorded_at,
                superseded_from: superseded.get(&o.id).copied(),
                area_size: None,
                obs,
            });
        }
        for list in &mut entries {
            list.sort_by(|a, b| {
                let (oa, ob) = (&observations[a.obs as usize], &observations[b.obs as usize]);
                a.holds_from
                    .cmp(&b.holds_from)
                    .then_with(|| a.specificity().cmp(&b.specificity()))
                    .then_with(|| preference(oa).cmp(&preference(ob)))
            });
        }
        Self {
            places: list,
            entries,
            observations,
        }
    }

    /// The places, in the order states are returned.
    #[must_use]
    pub fn places(&self) -> &[PlaceId] {
        &self.places
    }

    /// All observations, in the order given.
    #[must_use]
    pub fn observations(&self) -> &[Observation] {
        &self.observations
    }

    /// The observations that speak for one place (by its index in [`Timeline::places`]):
    /// its own and those of the areas that cover it, in the order given, superseded ones
    /// included.
    pub fn evidence_of(&self, index: usize) -> impl DoubleEndedIterator<Item = &Observation> + '_ {
        let mut obs: Vec<u32> = self.entries[index].iter().map(|e| e.obs).collect();
        obs.sort_unstable();
        obs.dedup();
        obs.into_iter().map(|o| &self.observations[o as usize])
    }

    /// When Frontline first learned anything about one place (by its index): the earliest
    /// record time of its own observations and of those of areas covering it.
    #[must_use]
    pub fn first_recorded(&self, index: usize) -> Option<DateTime<Utc>> {
        self.entries[index].iter().map(|e| e.recorded).min()
    }

    /// The state of every place at `query`, in the order of [`Timeline::places`].
    #[must_use]
    pub fn resolve(&self, query: StateQuery) -> Vec<ControlState<'_>> {
        (0..self.places.len())
            .map(|i| self.resolve_place(i, query))
            .collect()
    }

    /// The state of one place (by its index in [`Timeline::places`]) at `query`.
    #[must_use]
    pub fn resolve_place(&self, index: usize, query: StateQuery) -> ControlState<'_> {
        let place = &self.places[index];
        let list = &self.entries[index];
        let end = list.partition_point(|e| e.holds_from <= query.on);
        let mut visible = list[..end]
            .iter()
            .rev()
            .filter(|e| e.visible_at(query.known_at));
        let Some(winner) = visible.next() else {
            return ControlState {
                place,
                status: Status::Unknown,
                deciding: None,
                expired: false,
                stale_days: None,
                disagreement: None,
            };
        };
        let deciding = &self.observations[winner.obs as usize];
        let overruled: Vec<&Observation> = visible
            .take_while(|e| e.holds_from == winner.holds_from)
            .filter(|e| e.area_size == winner.area_size)
            .map(|e| &self.observations[e.obs as usize])
            .filter(|o| !o.agrees_with(deciding))
            .collect();
        let expired = deciding
            .valid_until
            .is_some_and(|u| u.first_day() <= query.on);
        ControlState {
            place,
            status: if expired {
                Status::Unknown
            } else {
                deciding.status
            },
            deciding: Some(deciding),
            expired,
            stale_days: Some((query.on - winner.holds_from).num_days()),
            disagreement: (!overruled.is_empty()).then_some(Disagreement { overruled }),
        }
    }
}

impl Timeline {
    /// How one place's deciding observation changes over valid time, as known at
    /// `known_at`: each entry is a day and the observation deciding from that day on
    /// (`None`: no observation applies any more, because the deciding one expired).
    /// Consecutive entries differ. [`Timeline::resolve_place`] at any day agrees with the
    /// last entry on or before it (a property test pins this).
    #[must_use]
    pub fn transitions(
        &self,
        index: usize,
        known_at: DateTime<Utc>,
    ) -> Vec<(NaiveDate, Option<&Observation>)> {
        let list = &self.entries[index];
        let mut out: Vec<(NaiveDate, Option<&Observation>)> = Vec::new();
        let mut i = 0;
        while i < list.len() {
            let day = list[i].holds_from;
            let mut j = i;
            while j < list.len() && list[j].holds_from == day {
                j += 1;
            }
            // Within a day, entries are sorted from least to most preferred.
            if let Some(winner) = list[i..j].iter().rev().find(|e| e.visible_at(known_at)) {
                let obs = &self.observations[winner.obs as usize];
                let end = obs.valid_until.map(|u| u.first_day());
                let step = if end.is_some_and(|e| e <= day) {
                    None
                } else {
                    Some(obs)
                };
                let same = |last: &Option<&Observation>| match (last, step) {
                    (Some(a), Some(b)) => std::ptr::eq(*a, b),
                    (None, None) => true,
                    _ => false,
                };
                if out.last().is_none_or(|(_, last)| !same(last)) {
                    out.push((day, step));
                }
                if let (Some(end), Some(_)) = (end, step) {
                    let next_day = list[j..]
                        .iter()
                        .find(|e| e.visible_at(known_at))
                        .map(|e| e.holds_from);
                    if next_day.is_none_or(|n| n > end) {
                        out.push((end, None));
                    }
                }
            }
            i = j;
        }
        out
    }
}

/// Orders observations of the same day from least to most preferred (rule 4).
fn preference(o: &Observation) -> impl Ord + '_ {
    (
        o.confidence,
        o.valid_from.precision(),
        o.has_neutral_source(),
        o.sources.len(),
        o.recorded_at,
        Reverse(&o.id),
    )
}
