use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, NaiveDate, Utc};
use frontline_infer::{
    AreaKey, Coverage, Label, Lending, Method, PartyKey, Site, SiteState, Sites,
};

use frontline_model::{
    Area, AreaCover, Colour, Conflict, ControlState, Milestone, Party, PartyId, Place, PlaceId,
    Region, StateQuery, Status, Timeline, Versioned,
};
use frontline_store::Store;

use crate::{AreaKind, Error, Result};
use frontline_model::{AreaRange, GeometryError, RegionId, validate_geometry};

/// A question's coordinates: the valid date, the record time, and the method.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct At {
    /// The valid date.
    pub on: NaiveDate,
    /// The record time.
    pub known_at: DateTime<Utc>,
    /// The inference method.
    pub method: Method,
}

impl At {
    /// The state query of the same date and record time.
    #[must_use]
    pub fn query(self) -> StateQuery {
        StateQuery {
            on: self.on,
            known_at: self.known_at,
        }
    }
}

/// A conflict's evidence, loaded and indexed. Cheap to query, safe to share.
#[derive(Debug)]
pub struct Atlas {
    conflict: Conflict,
    regions: Vec<Region>,
    /// Every version of every area, by record time.
    areas: Vec<Versioned<Area>>,
    parties: Vec<Party>,
    /// Every record of every party version, by record time.
    party_versions: Vec<Versioned<Party>>,
    party_ids: Vec<PartyId>,
    /// The latest version of each place, in the order of [`Timeline::places`].
    places: Vec<Place>,
    /// Every version of each place with its record time, by record time (same order).
    place_versions: Vec<Vec<(DateTime<Utc>, Place)>>,
    milestones: Vec<Milestone>,
    /// Violent events (kept apart from control), by start date.
    events: Vec<frontline_model::Event>,
    /// Dated, sourced published figures ("12 million displaced").
    figures: Vec<frontline_model::Figure>,
    /// Foreign forces' sites (kept apart from control), in record order.
    presence: Vec<frontline_model::Presence>,
    timeline: Timeline,
    /// When each place was first observed (record time); `None`: never.
    first_recorded: Vec<Option<DateTime<Utc>>>,
    /// Every record time that can change the sites or their values (a place's first
    /// observation, a place version), sorted: how many lie at or before a record time
    /// names the set of sites known then.
    site_epochs: Vec<DateTime<Utc>>,
    /// The cells kept, by method and site epoch (see [`Atlas::cells`]).
    cells: Mutex<Vec<(Method, usize, Arc<Cells>)>>,
    /// Stored geometries that fail [`validate_geometry`] (databases older than the check):
    /// the regions are set aside, the boundary's fault is the answer to every derivation.
    geometry_faults: GeometryFaults,
}

/// The geometry of one method over one set of sites: the places with evidence.
///
/// Places that no observation (known at the record time) mentions are not sites: they
/// would only carve unknown holes around themselves. Places with evidence that is unknown,
/// expired or stale on a date are sites that claim nothing on that date.
#[derive(Debug)]
pub(crate) struct Cells {
    /// The place index of each site.
    pub(crate) sites: Vec<usize>,
    /// The cells.
    pub(crate) coverage: Coverage,
}

/// The ends of parties (their `valid_until`) and who succeeds each: how a reported state
/// reads after a party it names has ceased to exist.
#[derive(Debug, Default)]
pub(crate) struct PartyEnds {
    /// Per party that ends: its last day, and the one party that succeeds it, if any.
    ends: HashMap<PartyId, (NaiveDate, Option<PartyId>)>,
}

impl PartyEnds {
    /// `parties` as they read on `on`: each party that has ended by then replaced by its
    /// successor (and so on); `None` if one ended with no successor.
    pub(crate) fn carried(&self, parties: &[PartyId], on: NaiveDate) -> Option<Vec<PartyId>> {
        parties
            .iter()
            .map(|p| {
                let mut p = p;
                // Successions cannot loop (a successor starts after its predecessor
                // ends), but a bad record could: stop after as many steps as parties.
                for _ in 0..=self.ends.len() {
                    match self.ends.get(p) {
                        Some((end, heir)) if *end < on => p = heir.as_ref()?,
                        _ => return Some(p.clone()),
                    }
                }
                None
            })
            .collect()
    }

    /// The first day after `day` on which `parties` read differently (a party among them,
    /// or its successor, ends), if any.
    pub(crate) fn next_change(&self, parties: &[PartyId], day: NaiveDate) -> Option<NaiveDate> {
        let now = self.carried(parties, day)?;
        now.iter()
            .filter_map(|p| self.ends.get(p).map(|(end, _)| *end))
            .filter(|end| *end >= day)
            .min()
            .and_then(|end| end.succ_opt())
    }

    /// The party among `parties` that has ended by `on` with no successor, and its end.
    pub(crate) fn ended_without_heir<'p>(
        &self,
        parties: &'p [PartyId],
        on: NaiveDate,
    ) -> Option<(&'p PartyId, NaiveDate)> {
        parties.iter().find_map(|p| match self.ends.get(p) {
            Some((end, None)) if *end < on => Some((p, *end)),
            _ => None,
        })
    }
}

/// The places each version of each area covers (by the places' latest coordinates), and
/// the record times each version counts between.
fn area_covers(areas: &[Versioned<Area>], places: &[Place], regions: &[Region]) -> Vec<AreaCover> {
    areas
        .iter()
        .enumerate()
        .map(|(i, v)| AreaCover {
            area: v.value.id.clone(),
            members: v
                .value
                .members(places, regions)
                .into_iter()
                .map(|m| places[m].id.clone())
                .collect(),
            from: v.recorded.at,
            until: areas[i + 1..]
                .iter()
                .find(|w| w.value.id == v.value.id)
                .map(|w| w.recorded.at),
        })
        .collect()
}

/// Whose land an area is, in words and colours, for output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct KeyInfo {
    /// `sdf`, `contested:government+isis`, `joint:government+sdf` or `unknown`.
    pub(crate) id: String,
    /// What kind of land.
    pub(crate) kind: AreaKind,
    /// A readable name.
    pub(crate) name: String,
    /// The parties' ids.
    pub(crate) parties: Vec<String>,
    /// The parties' colours on the date.
    pub(crate) colours: Vec<String>,
}

impl Atlas {
    /// Loads everything the store holds about its conflict.
    ///
    /// # Errors
    /// [`Error::NoConflict`] for an empty database; [`Error::Store`] when reading fails.
    pub fn load(store: &dyn Store) -> Result<Self> {
        let conflict = store.conflict()?.ok_or(Error::NoConflict)?;
        let parties = store.parties()?;
        let party_ids: Vec<PartyId> = parties
            .iter()
            .map(|p| p.id.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let places = store.places()?;
        let mut place_versions: Vec<Vec<(DateTime<Utc>, Place)>> = vec![Vec::new(); places.len()];
        {
            let index: std::collections::HashMap<&PlaceId, usize> =
                places.iter().enumerate().map(|(i, p)| (&p.id, i)).collect();
            for v in store.place_versions()? {
                if let Some(&i) = index.get(&v.value.id) {
                    place_versions[i].push((v.recorded.at, v.value));
                }
            }
        }
        let regions = store.regions()?;
        let areas = store.area_versions()?;
        let covers = area_covers(&areas, &places, &regions);
        let timeline = Timeline::with_areas(
            places.iter().map(|p| p.id.clone()),
            store.observations()?,
            &covers,
        );
        let first_recorded: Vec<Option<DateTime<Utc>>> = (0..timeline.places().len())
            .map(|i| timeline.first_recorded(i))
            .collect();
        let mut site_epochs: Vec<DateTime<Utc>> = first_recorded
            .iter()
            .flatten()
            .copied()
            .chain(place_versions.iter().flatten().map(|(t, _)| *t))
            .collect();
        site_epochs.sort_unstable();
        let geometry_faults = GeometryFaults::of(&conflict, &regions);
        Ok(Self {
            conflict,
            regions,
            areas,
            geometry_faults,
            parties,
            party_versions: store.party_versions()?,
            party_ids,
            places,
            place_versions,
            milestones: store.milestones()?,
            events: {
                let mut events = store.events(NaiveDate::MIN, NaiveDate::MAX)?;
                events.sort_by(|a, b| {
                    a.date_start
                        .cmp(&b.date_start)
                        .then_with(|| a.id.cmp(&b.id))
                });
                events
            },
            figures: store.figures()?,
            presence: store.presence()?,
            timeline,
            first_recorded,
            site_epochs,
            cells: Mutex::new(Vec::new()),
        })
    }

    /// What is wrong with stored geometries that the checks of today refuse (databases
    /// made before them), one sentence each: regions so set aside are left out of the
    /// statistics per region, and answers carry these sentences as warnings.
    #[must_use]
    pub fn geometry_warnings(&self) -> Vec<String> {
        self.geometry_faults
            .regions
            .iter()
            .map(|(_, fault)| {
                format!("{fault}; the region is set aside (no statistics for it) until a corrected version is imported")
            })
            .collect()
    }

    /// The days questions may ask about: from the conflict's start to a year after `today`.
    #[must_use]
    pub fn days(&self, today: NaiveDate) -> crate::DayRange {
        crate::DayRange::new(self.conflict.start, today)
    }

    /// The conflict.
    #[must_use]
    pub fn conflict(&self) -> &Conflict {
        &self.conflict
    }

    /// Its admin regions.
    #[must_use]
    pub fn regions(&self) -> &[Region] {
        &self.regions
    }

    /// Every version of every area, by record time.
    #[must_use]
    pub fn area_versions(&self) -> &[Versioned<Area>] {
        &self.areas
    }

    /// The latest version of area `id`, if it is one.
    #[must_use]
    pub fn area(&self, id: &PlaceId) -> Option<&Area> {
        self.areas
            .iter()
            .rev()
            .find(|v| &v.value.id == id)
            .map(|v| &v.value)
    }

    /// Every party version.
    #[must_use]
    pub fn parties(&self) -> &[Party] {
        &self.parties
    }

    /// The places, in the order of [`Timeline::places`].
    #[must_use]
    pub fn places(&self) -> &[Place] {
        &self.places
    }

    /// The places as known at record time `known_at`, in the order of
    /// [`Timeline::places`]: each one's latest version recorded by then, `None` for a place
    /// not yet recorded. (A place whose observations were recorded before the place itself,
    /// as when a history is imported into a new database, is known from its first
    /// observation's record time, in its first version.)
    #[must_use]
    pub fn places_at(&self, known_at: DateTime<Utc>) -> Vec<Option<&Place>> {
        (0..self.places.len())
            .map(|i| self.place_at(i, known_at))
            .collect()
    }

    /// The place at index `i` as known at `known_at` (see [`Atlas::places_at`]).
    #[must_use]
    pub fn place_at(&self, i: usize, known_at: DateTime<Utc>) -> Option<&Place> {
        let versions = self.place_versions.get(i)?;
        versions
            .iter()
            .rev()
            .find(|(t, _)| *t <= known_at)
            .or_else(|| {
                self.first_recorded[i]
                    .filter(|t| *t <= known_at)
                    .and(versions.first())
            })
            .map(|(_, p)| p)
    }

    /// The place at index `i` as known at `known_at`, or its latest version if it was not
    /// known then (never the case for a place with evidence known then).
    pub(crate) fn place_as_of(&self, i: usize, known_at: DateTime<Utc>) -> &Place {
        self.place_at(i, known_at).unwrap_or(&self.places[i])
    }

    /// Whether anything about a place (its own or an area's observation) was recorded at
    /// or before `known_at`: an answer as known earlier has no evidence to stand on.
    #[must_use]
    pub fn has_evidence_at(&self, known_at: DateTime<Utc>) -> bool {
        self.first_recorded.iter().flatten().any(|t| *t <= known_at)
    }

    /// The milestones (rounds of talks, ...), by date.
    #[must_use]
    pub fn milestones(&self) -> &[Milestone] {
        &self.milestones
    }

    /// The violent events that began between `from` and `to` (both included). Events
    /// never change control.
    #[must_use]
    pub fn events(&self, from: NaiveDate, to: NaiveDate) -> &[frontline_model::Event] {
        let start = self.events.partition_point(|e| e.date_start < from);
        let end = self.events.partition_point(|e| e.date_start <= to);
        &self.events[start..end.max(start)]
    }

    /// Every presence record (foreign forces' sites), superseded ones included, in record
    /// order. Presence never changes control.
    #[must_use]
    pub fn presence_records(&self) -> &[frontline_model::Presence] {
        &self.presence
    }

    /// The published figures (displaced, refugees, ...), each dated and sourced.
    #[must_use]
    pub fn figures(&self) -> &[frontline_model::Figure] {
        &self.figures
    }

    /// The indexed observations.
    #[must_use]
    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    /// The version of party `id` whose name and colour apply on `day`, as its records were
    /// known at `known_at`: of each version (by `since`), the last record made by then. (A
    /// party none of whose records was made by then, as when its evidence was imported with
    /// earlier record times than the party, counts in its first records.)
    #[must_use]
    pub fn party_on(
        &self,
        id: &PartyId,
        day: NaiveDate,
        known_at: DateTime<Utc>,
    ) -> Option<&Party> {
        let records: Vec<&Versioned<Party>> = self
            .party_versions
            .iter()
            .filter(|v| &v.value.id == id)
            .collect();
        let known = records.iter().any(|v| v.recorded.at <= known_at);
        let mut versions: Vec<&Party> = Vec::new();
        for v in records {
            let slot = versions.iter().position(|p| p.since == v.value.since);
            match slot {
                Some(i) if v.recorded.at <= known_at => versions[i] = &v.value,
                None if !known || v.recorded.at <= known_at => versions.push(&v.value),
                _ => {}
            }
        }
        Party::style_on(&versions, day)
    }

    /// The cells of the method at `at`, over the places with evidence known at its
    /// record time (built on first use, then kept). Two record times between which no
    /// place was first observed and no place version was recorded share their cells.
    pub(crate) fn cells(&self, at: At) -> Result<Arc<Cells>> {
        let epoch = self.site_epochs.partition_point(|t| *t <= at.known_at);
        let mut cache = self
            .cells
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((_, _, c)) = cache
            .iter()
            .find(|(m, e, _)| *m == at.method && *e == epoch)
        {
            return Ok(Arc::clone(c));
        }
        let sites: Vec<usize> = (0..self.places.len())
            .filter(|&i| {
                self.first_recorded
                    .get(i)
                    .copied()
                    .flatten()
                    .is_some_and(|t| t <= at.known_at)
            })
            .collect();
        // Each site as its place was known at the record time.
        let site_values: Vec<Site> = sites
            .iter()
            .map(|&i| {
                let p = self.place_at(i, at.known_at).unwrap_or(&self.places[i]);
                Site::new(p.lon, p.lat)
                    .with_population(p.population.as_ref().map_or(0, |x| x.value))
                    .with_key_site(p.kind.is_key_site())
            })
            .collect();
        if let Some(fault) = &self.geometry_faults.boundary {
            return Err(Error::BadBoundary {
                source: fault.clone(),
            });
        }
        let list = Sites::new(site_values)?;
        let regions: Vec<frontline_infer::Region> = self
            .regions
            .iter()
            .filter(|r| r.level == 1)
            .filter(|r| {
                !self
                    .geometry_faults
                    .regions
                    .iter()
                    .any(|(id, _)| *id == r.id)
            })
            .map(|r| frontline_infer::Region {
                id: r.id.to_string(),
                geometry: r.geometry.clone(),
            })
            .collect();
        let coverage =
            Coverage::build(&list, &self.conflict.boundary, at.method)?.with_regions(&regions)?;
        let cells = Arc::new(Cells { sites, coverage });
        // Keep a few geometries: one per method and evidence set in use.
        if cache.len() >= 8 {
            cache.remove(0);
        }
        cache.push((at.method, epoch, Arc::clone(&cells)));
        Ok(cells)
    }

    /// Drops the cells kept by the atlas (a server idle for a while gives their
    /// memory back); the next question builds them again.
    pub fn forget_cells(&self) {
        self.cells
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clear();
    }

    /// The state of every place at a date and record time.
    #[must_use]
    pub fn resolve(&self, query: StateQuery) -> Vec<ControlState<'_>> {
        self.timeline.resolve(query)
    }

    /// The party key (index for the inference) of a party id.
    pub(crate) fn party_key(&self, id: &PartyId) -> Option<PartyKey> {
        self.party_ids
            .binary_search(id)
            .ok()
            .and_then(|i| u16::try_from(i).ok())
            .map(PartyKey::new)
    }

    /// The party id of a party key.
    pub(crate) fn party_id(&self, key: PartyKey) -> &PartyId {
        &self.party_ids[usize::from(key.index())]
    }

    /// The inference label of a status and its parties.
    pub(crate) fn label(&self, status: Status, parties: &[PartyId]) -> Label {
        let key = |i: usize| parties.get(i).and_then(|p| self.party_key(p));
        match (status, key(0), key(1)) {
            (Status::Controlled, Some(p), _) => Label::held(p),
            (Status::Besieged, Some(p), _) => Label::Held {
                party: p,
                besieged: true,
            },
            (Status::Contested, Some(a), Some(b)) => Label::Contested(a, b),
            (Status::Joint, Some(a), Some(b)) => Label::Joint(a, b),
            _ => Label::Unknown,
        }
    }

    /// The lending of a date: each site's own state (`None` before its first
    /// observation), and who lends to the others.
    pub(crate) fn lending<'c>(&self, cells: &'c Cells, query: StateQuery) -> Lending<'c> {
        let states: Vec<ControlState<'_>> = cells
            .sites
            .iter()
            .map(|&i| self.timeline.resolve_place(i, query))
            .collect();
        self.lending_of(cells, query, states.iter())
    }

    /// Lending over already resolved states at `query`, one per site in order.
    pub(crate) fn lending_of<'c, 'r, 's: 'r>(
        &self,
        cells: &'c Cells,
        query: StateQuery,
        states: impl Iterator<Item = &'r ControlState<'s>>,
    ) -> Lending<'c> {
        let ends = self.party_ends(query.known_at);
        let own = states
            .map(|s| self.speaking_state(s, query.on, &ends))
            .collect();
        Lending::new(&cells.coverage, own)
    }

    /// What a place's state says for its land on `on`, if it speaks: from its first
    /// observation until its report expires. A party that has ceased to exist by then
    /// is read as the party that succeeded it (YPG as the SDF from 10 October 2015); a
    /// report naming a party that ended with no successor (the Assad government on
    /// 8 December 2024) no longer speaks.
    pub(crate) fn speaking_state(
        &self,
        state: &ControlState<'_>,
        on: NaiveDate,
        ends: &PartyEnds,
    ) -> Option<SiteState> {
        if state.deciding.is_none() || state.expired {
            return None;
        }
        let parties = ends.carried(state.parties(), on)?;
        Some(SiteState {
            label: self.label(state.status, &parties),
            stale_days: state.stale_days.and_then(|d| u32::try_from(d).ok()),
            lender: None,
        })
    }

    /// When each party that ends ends, and who succeeds it, as the party records were
    /// known at `known_at`: the strict reading of successions (see [`Atlas::succeeds`]
    /// for the loose one of `diff`).
    pub(crate) fn party_ends(&self, known_at: DateTime<Utc>) -> PartyEnds {
        let latest: Vec<&Party> = self
            .party_ids
            .iter()
            .filter_map(|id| self.party_on(id, NaiveDate::MAX, known_at))
            .collect();
        let alive = |p: &Party, day: NaiveDate| {
            p.valid_from.is_none_or(|f| f.first_day() <= day)
                && p.valid_until.is_none_or(|u| day <= u.last_day())
        };
        let ends = latest
            .iter()
            .filter_map(|p| {
                let end = p.valid_until?.last_day();
                let next = end.succ_opt()?;
                let heirs: Vec<&PartyId> = latest
                    .iter()
                    .filter(|s| s.successor_of.contains(&p.id) && alive(s, next))
                    .map(|s| &s.id)
                    .collect();
                let heir = match heirs.as_slice() {
                    [one] => Some((*one).clone()),
                    _ => None,
                };
                Some((p.id.clone(), (end, heir)))
            })
            .collect();
        PartyEnds { ends }
    }

    /// Describes an area key on a day, in its parties' names and colours as known at
    /// `known_at`.
    pub(crate) fn key_info(
        &self,
        key: AreaKey,
        day: NaiveDate,
        known_at: DateTime<Utc>,
    ) -> KeyInfo {
        let party = |k: PartyKey| {
            let id = self.party_id(k);
            let version = self.party_on(id, day, known_at);
            let name = version.map_or_else(|| id.to_string(), |v| v.names.en.clone());
            let colour = version.map_or_else(
                || {
                    Colour {
                        r: 128,
                        g: 128,
                        b: 128,
                    }
                    .to_string()
                },
                |v| v.colour.to_string(),
            );
            (id.to_string(), name, colour)
        };
        match key {
            AreaKey::Unknown => KeyInfo {
                id: "unknown".into(),
                kind: AreaKind::Unknown,
                name: "Unknown".into(),
                parties: vec![],
                colours: vec![],
            },
            AreaKey::Party { party: p } => {
                let (id, name, colour) = party(p);
                KeyInfo {
                    id: id.clone(),
                    kind: AreaKind::Party,
                    name,
                    parties: vec![id],
                    colours: vec![colour],
                }
            }
            AreaKey::Contested { a, b } | AreaKey::Joint { a, b } => {
                let kind = if matches!(key, AreaKey::Contested { .. }) {
                    AreaKind::Contested
                } else {
                    AreaKind::Joint
                };
                let (ia, na, ca) = party(a);
                let (ib, nb, cb) = party(b);
                let (na, nb) = (short_name(&na), short_name(&nb));
                let word = if kind == AreaKind::Contested {
                    "Contested"
                } else {
                    "Joint"
                };
                KeyInfo {
                    id: format!("{kind}:{ia}+{ib}"),
                    kind,
                    name: format!("{word}: {na} / {nb}"),
                    parties: vec![ia, ib],
                    colours: vec![ca, cb],
                }
            }
        }
    }
}

/// A party's name without its parenthetical parts, for names of pairs:
/// "Syrian government (Assad) and allied forces" gives "Syrian government and allied forces".
pub(crate) fn short_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut depth = 0u32;
    for c in name.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    if out.is_empty() { name.to_owned() } else { out }
}

#[cfg(test)]
mod tests {
    use super::short_name;

    #[test]
    fn short_names_drop_parenthetical_parts() {
        assert_eq!(
            short_name("Syrian government (Assad) and allied forces"),
            "Syrian government and allied forces"
        );
        assert_eq!(
            short_name("Hay'at Tahrir al-Sham (HTS)"),
            "Hay'at Tahrir al-Sham"
        );
        assert_eq!(short_name("(only brackets)"), "(only brackets)");
    }
}

/// Stored geometries that fail today's checks.
#[derive(Debug, Default)]
struct GeometryFaults {
    /// The boundary's fault: no derivation can be made over it.
    boundary: Option<GeometryError>,
    /// Regions set aside, with their faults.
    regions: Vec<(RegionId, GeometryError)>,
}

impl GeometryFaults {
    fn of(conflict: &Conflict, regions: &[Region]) -> Self {
        Self {
            boundary: validate_geometry(&conflict.boundary, "boundary", AreaRange::COUNTRY).err(),
            regions: regions
                .iter()
                .filter_map(|r| {
                    let label = format!("region {}", r.id);
                    validate_geometry(&r.geometry, &label, AreaRange::PART)
                        .err()
                        .map(|e| (r.id.clone(), e))
                })
                .collect(),
        }
    }
}
