use crate::shown;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use chrono::NaiveDate;
use geo::Intersects;
use geo_types::{MultiPolygon, Point};

use crate::{
    Area, Conflict, Observation, ObservationId, Outline, PartialDate, Party, PartyId, Place,
    PlaceId, Presence, PresenceId, RegionId, Site,
};

/// Why a record was refused: the field at fault and the reason, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    /// The field (column or property) at fault.
    pub field: &'static str,
    /// Why it was refused, in lowercase words.
    pub reason: String,
}

impl Invalid {
    fn new(field: &'static str, reason: impl Into<String>) -> Self {
        Self {
            field,
            reason: reason.into(),
        }
    }
}

/// What a database already knows, for checking new records against it.
///
/// Records are checked one by one with the `check_*` methods; a record that passes is
/// added with the matching `admit_*` method so later records may refer to it.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    start: Option<NaiveDate>,
    today: Option<NaiveDate>,
    boundary: Option<MultiPolygon<f64>>,
    places: HashSet<PlaceId>,
    areas: HashSet<PlaceId>,
    regions: HashSet<RegionId>,
    parties: HashMap<PartyId, Vec<Party>>,
    /// Observation ids: `None` for one stored before, `Some(position)` for one given now.
    observations: HashMap<ObservationId, Option<u64>>,
    /// Presence ids, as observation ids are kept.
    presences: HashMap<PresenceId, Option<u64>>,
}

impl Catalog {
    /// A catalog for `conflict` (its start and boundary), refusing dates after `today`.
    #[must_use]
    pub fn new(conflict: Option<&Conflict>, today: NaiveDate) -> Self {
        Self {
            start: conflict.map(|c| c.start),
            today: Some(today),
            boundary: conflict.map(|c| c.boundary.clone()),
            ..Self::default()
        }
    }

    /// Takes the start and boundary of `conflict` (when a history brings its conflict).
    pub fn set_conflict(&mut self, conflict: &Conflict) {
        self.start = Some(conflict.start);
        self.boundary = Some(conflict.boundary.clone());
    }

    /// Whether the place is known.
    #[must_use]
    pub fn knows_place(&self, id: &PlaceId) -> bool {
        self.places.contains(id)
    }

    /// Whether the area is known.
    #[must_use]
    pub fn knows_area(&self, id: &PlaceId) -> bool {
        self.areas.contains(id)
    }

    /// Whether the party is known.
    #[must_use]
    pub fn knows_party(&self, id: &PartyId) -> bool {
        self.parties.contains_key(id)
    }

    /// Whether the observation is known.
    #[must_use]
    pub fn knows_observation(&self, id: &ObservationId) -> bool {
        self.observations.contains_key(id)
    }

    /// Adds a region.
    pub fn admit_region(&mut self, id: RegionId) {
        self.regions.insert(id);
    }

    /// Adds a place.
    pub fn admit_place(&mut self, id: PlaceId) {
        self.places.insert(id);
    }

    /// Adds an area.
    pub fn admit_area(&mut self, id: PlaceId) {
        self.areas.insert(id);
    }

    /// Adds a version of a party.
    pub fn admit_party(&mut self, party: Party) {
        self.parties
            .entry(party.id.clone())
            .or_default()
            .push(party);
    }

    /// Adds an observation that is already stored.
    pub fn admit_stored_observation(&mut self, id: ObservationId) {
        self.observations.insert(id, None);
    }

    /// Adds an observation given now, at `position` (a number the caller chooses to tell
    /// where it was given). The same id given twice is refused with the first position;
    /// an id already stored may be given once more (importing it again changes nothing).
    ///
    /// # Errors
    /// The position at which the same id was given before.
    pub fn admit_observation(&mut self, id: ObservationId, position: u64) -> Result<(), u64> {
        let slot = self.observations.entry(id).or_insert(None);
        if let Some(first) = *slot {
            return Err(first);
        }
        *slot = Some(position);
        Ok(())
    }

    /// Adds a presence record that is already stored.
    pub fn admit_stored_presence(&mut self, id: PresenceId) {
        self.presences.insert(id, None);
    }

    /// Adds a presence record given now, at `position`, as
    /// [`Catalog::admit_observation`] does.
    ///
    /// # Errors
    /// The position at which the same id was given before.
    pub fn admit_presence(&mut self, id: PresenceId, position: u64) -> Result<(), u64> {
        let slot = self.presences.entry(id).or_insert(None);
        if let Some(first) = *slot {
            return Err(first);
        }
        *slot = Some(position);
        Ok(())
    }

    fn check_date(&self, field: &'static str, date: PartialDate) -> Result<(), Invalid> {
        if let Some(start) = self.start {
            if date.last_day() < start {
                return Err(Invalid::new(
                    field,
                    format!("{date} is before the conflict began on {start}"),
                ));
            }
        }
        if let Some(today) = self.today {
            if date.first_day() > today {
                return Err(Invalid::new(
                    field,
                    format!("{date} is after today ({today})"),
                ));
            }
        }
        Ok(())
    }

    /// Checks a place: finite coordinates inside the boundary, and a known region.
    ///
    /// # Errors
    /// The field at fault and why.
    pub fn check_place(&self, place: &Place) -> Result<(), Invalid> {
        if !place.lon.is_finite() || !(-180.0..=180.0).contains(&place.lon) {
            return Err(Invalid::new(
                "lon",
                format!("{} is not a longitude between -180 and 180", place.lon),
            ));
        }
        if !place.lat.is_finite() || !(-90.0..=90.0).contains(&place.lat) {
            return Err(Invalid::new(
                "lat",
                format!("{} is not a latitude between -90 and 90", place.lat),
            ));
        }
        if let Some(boundary) = &self.boundary {
            if !boundary.intersects(&Point::new(place.lon, place.lat)) {
                return Err(Invalid::new(
                    "lon",
                    format!(
                        "({}, {}) lies outside the conflict's boundary",
                        place.lon, place.lat
                    ),
                ));
            }
        }
        if place.names.en.trim().is_empty() {
            return Err(Invalid::new("name", "a place needs a name"));
        }
        if self.knows_area(&place.id) {
            return Err(Invalid::new(
                "id",
                format!("{} is the id of an area", shown(place.id.as_str())),
            ));
        }
        if let Some(region) = &place.region {
            if !self.regions.is_empty() && !self.regions.contains(region) {
                return Err(Invalid::new(
                    "region",
                    format!("unknown region {}", shown(region.as_str())),
                ));
            }
        }
        Ok(())
    }

    /// Checks a party: a name and a sane period (see also
    /// [`Catalog::check_party_references`]).
    ///
    /// # Errors
    /// The field at fault and why.
    pub fn check_party(&self, party: &Party) -> Result<(), Invalid> {
        if party.names.en.trim().is_empty() {
            return Err(Invalid::new("name", "a party needs a name"));
        }
        if let (Some(from), Some(until)) = (party.valid_from, party.valid_until) {
            if until.last_day() < from.first_day() {
                return Err(Invalid::new(
                    "valid_until",
                    format!("{until} is before valid_from {from}"),
                ));
            }
        }
        Ok(())
    }

    /// Checks that the parties a party refers to (its parent, its predecessors) are
    /// known. Parties of one import may refer to each other in any order, so this is
    /// checked once all of them are admitted.
    ///
    /// # Errors
    /// The field at fault and why.
    pub fn check_party_references(&self, party: &Party) -> Result<(), Invalid> {
        if let Some(parent) = &party.parent {
            if !self.knows_party(parent) {
                return Err(Invalid::new(
                    "parent",
                    format!("unknown party {}", shown(parent.as_str())),
                ));
            }
            // Follow the parents (each party's last version) until the top or a loop.
            let mut chain = vec![party.id.as_str()];
            let mut next = Some(parent);
            while let Some(p) = next {
                if chain.contains(&p.as_str()) {
                    chain.push(p.as_str());
                    return Err(Invalid::new(
                        "parent",
                        if chain.len() == 2 {
                            format!("party {} cannot be its own parent", party.id)
                        } else {
                            format!("the parents loop: {}", chain.join(" -> "))
                        },
                    ));
                }
                chain.push(p.as_str());
                next = self
                    .parties
                    .get(p)
                    .and_then(|versions| versions.last())
                    .and_then(|v| v.parent.as_ref());
            }
        }
        if let Some(p) = party.successor_of.iter().find(|p| !self.knows_party(p)) {
            return Err(Invalid::new(
                "successor_of",
                format!("unknown party {}", shown(p.as_str())),
            ));
        }
        Ok(())
    }

    /// Checks sources (of an observation, a milestone, a figure or an event): a publisher,
    /// a title or URL, an http(s) URL with a host ([`crate::check_url`]), no publication
    /// date after today, a known party for an aligned stance. Errors name the source's own
    /// columns (`source2_url` for the second).
    ///
    /// # Errors
    /// The field at fault and why.
    pub fn check_sources(&self, sources: &[crate::Source]) -> Result<(), Invalid> {
        for (i, source) in sources.iter().enumerate() {
            if source.publisher.trim().is_empty() {
                return Err(Invalid::new(
                    source_field(i, "publisher"),
                    "a source needs a publisher",
                ));
            }
            if source.title.trim().is_empty()
                && source.url.as_deref().is_none_or(|u| u.trim().is_empty())
            {
                return Err(Invalid::new(
                    source_field(i, "title"),
                    "a source needs a title or a URL",
                ));
            }
            if let Some(url) = source.url.as_deref() {
                crate::check_url(url.trim())
                    .map_err(|r| Invalid::new(source_field(i, "url"), r))?;
            }
            if let (Some(published), Some(today)) = (source.published, self.today) {
                if published.first_day() > today {
                    return Err(Invalid::new(
                        source_field(i, "date"),
                        format!("{published} is after today ({today})"),
                    ));
                }
            }
            if let crate::Stance::Aligned(p) = &source.stance {
                if !self.knows_party(p) {
                    return Err(Invalid::new(
                        source_field(i, "stance"),
                        format!("unknown party {}", shown(p.as_str())),
                    ));
                }
            }
        }
        Ok(())
    }

    /// Checks an area: a name, the words saying how its outline was drawn, an id no place
    /// has, and an outline that is valid ([`crate::validate_geometry`]), lies at least partly
    /// inside the boundary, names a known region, or names known places (at least one).
    ///
    /// # Errors
    /// The field at fault and why.
    pub fn check_area(&self, area: &Area) -> Result<(), Invalid> {
        if area.names.en.trim().is_empty() {
            return Err(Invalid::new("name", "an area needs a name"));
        }
        if area.drawn.trim().is_empty() {
            return Err(Invalid::new(
                "drawn",
                "say how the outline was drawn (the source's words, the places, roads, rivers or regions used)",
            ));
        }
        if self.knows_place(&area.id) {
            return Err(Invalid::new(
                "id",
                format!("{} is the id of a place", shown(area.id.as_str())),
            ));
        }
        match &area.outline {
            Outline::Polygon(mp) => {
                crate::validate_geometry(mp, "the outline", crate::AreaRange::PART)
                    .map_err(|e| Invalid::new("geometry", e.to_string()))?;
                if let Some(boundary) = &self.boundary {
                    if !boundary.intersects(mp) {
                        return Err(Invalid::new(
                            "geometry",
                            "the polygon lies wholly outside the conflict's boundary",
                        ));
                    }
                }
            }
            Outline::Region(id) => {
                if !self.regions.contains(id) {
                    return Err(Invalid::new(
                        "region",
                        format!("unknown region {}", shown(id.as_str())),
                    ));
                }
            }
            Outline::Places(ids) => {
                if ids.is_empty() {
                    return Err(Invalid::new(
                        "places",
                        "a named set needs at least one place",
                    ));
                }
                if let Some(p) = ids.iter().find(|p| !self.knows_place(p)) {
                    return Err(Invalid::new(
                        "places",
                        format!("unknown place {}", shown(p.as_str())),
                    ));
                }
            }
        }
        Ok(())
    }

    /// Checks an observation: a known place (or area), known parties that exist at its date, as
    /// many parties as its status needs, dates within the conflict and not in the
    /// future, at least one source, and known superseded observations.
    ///
    /// # Errors
    /// The field at fault and why.
    pub fn check_observation(&self, obs: &Observation) -> Result<(), Invalid> {
        if !self.knows_place(&obs.place) && !self.knows_area(&obs.place) {
            return Err(Invalid::new(
                "place",
                if self.areas.is_empty() {
                    format!("unknown place {}", shown(obs.place.as_str()))
                } else {
                    format!("unknown place or area {}", shown(obs.place.as_str()))
                },
            ));
        }
        self.check_date("date", obs.valid_from)?;
        if let Some(until) = obs.valid_until {
            if until.first_day() <= obs.valid_from.first_day() {
                return Err(Invalid::new(
                    "valid_until",
                    format!("{until} is not after the date {}", obs.valid_from),
                ));
            }
        }
        let needed = obs.status.min_parties();
        if obs.parties.len() < needed {
            let field = if obs.parties.is_empty() {
                "party"
            } else {
                "party2"
            };
            return Err(Invalid::new(
                field,
                format!(
                    "status {} needs at least {needed} part{}, got {}",
                    obs.status,
                    if needed == 1 { "y" } else { "ies" },
                    obs.parties.len()
                ),
            ));
        }
        for (i, party) in obs.parties.iter().enumerate() {
            let field = party_field(i);
            let Some(versions) = self.parties.get(party) else {
                return Err(Invalid::new(
                    field,
                    format!("unknown party {}", shown(party.as_str())),
                ));
            };
            if !versions.iter().any(|v| v.exists_during(obs.valid_from)) {
                return Err(Invalid::new(
                    field,
                    format!("party {party} did not exist on {}", obs.valid_from),
                ));
            }
            if obs.parties[..i].contains(party) {
                return Err(Invalid::new(field, format!("party {party} is named twice")));
            }
        }
        if obs.sources.is_empty() {
            return Err(Invalid::new(
                "source_publisher",
                "every observation needs a source",
            ));
        }
        self.check_sources(&obs.sources)?;
        if let Some(s) = obs.supersedes.iter().find(|s| !self.knows_observation(s)) {
            return Err(Invalid::new(
                "supersedes",
                format!("unknown observation {}", shown(s.as_str())),
            ));
        }
        Ok(())
    }
}

impl Catalog {
    /// Checks a presence record: a known force that had not ended before the presence
    /// began, a site with a name at a known place or at a point inside the boundary,
    /// dates not in the future (`valid_from` may precede the conflict: a base that was
    /// there before it), `valid_until` after `valid_from`, at least one source, and known
    /// superseded records.
    ///
    /// # Errors
    /// The field at fault and why.
    pub fn check_presence(&self, p: &Presence) -> Result<(), Invalid> {
        let Some(versions) = self.parties.get(&p.force) else {
            return Err(Invalid::new(
                "force",
                format!("unknown party {}", shown(p.force.as_str())),
            ));
        };
        if let Some(end) = versions.iter().filter_map(|v| v.valid_until).max() {
            if versions.iter().all(|v| v.valid_until.is_some())
                && end.first_day() <= p.valid_from.first_day()
            {
                return Err(Invalid::new(
                    "force",
                    format!("party {} ended on {end}, before {}", p.force, p.valid_from),
                ));
            }
        }
        if p.site.trim().is_empty() {
            return Err(Invalid::new("site", "a site needs a name"));
        }
        match &p.at {
            Site::Place(place) => {
                if !self.knows_place(place) {
                    return Err(Invalid::new(
                        "place",
                        format!("unknown place {}", shown(place.as_str())),
                    ));
                }
            }
            Site::Point { lon, lat } => {
                if !lon.is_finite() || !(-180.0..=180.0).contains(lon) {
                    return Err(Invalid::new(
                        "lon",
                        format!("{lon} is not a longitude between -180 and 180"),
                    ));
                }
                if !lat.is_finite() || !(-90.0..=90.0).contains(lat) {
                    return Err(Invalid::new(
                        "lat",
                        format!("{lat} is not a latitude between -90 and 90"),
                    ));
                }
                if let Some(boundary) = &self.boundary {
                    if !boundary.intersects(&Point::new(*lon, *lat)) {
                        return Err(Invalid::new(
                            "lon",
                            format!("({lon}, {lat}) lies outside the conflict's boundary"),
                        ));
                    }
                }
            }
        }
        if let Some(today) = self.today {
            for (field, date) in [
                ("valid_from", Some(p.valid_from)),
                ("valid_until", p.valid_until),
            ] {
                if let Some(date) = date.filter(|d| d.first_day() > today) {
                    return Err(Invalid::new(
                        field,
                        format!("{date} is after today ({today})"),
                    ));
                }
            }
        }
        if let Some(until) = p.valid_until {
            if until.first_day() <= p.valid_from.first_day() {
                return Err(Invalid::new(
                    "valid_until",
                    format!("{until} is not after valid_from {}", p.valid_from),
                ));
            }
        }
        if p.sources.is_empty() {
            return Err(Invalid::new(
                "source_publisher",
                "every presence record needs a source",
            ));
        }
        self.check_sources(&p.sources)?;
        if let Some(s) = p
            .supersedes
            .iter()
            .find(|s| !self.presences.contains_key(*s))
        {
            return Err(Invalid::new(
                "supersedes",
                format!("unknown presence record {}", shown(s.as_str())),
            ));
        }
        Ok(())
    }
}

/// The column of the `i`-th source's `what` (`publisher`, `title`, `url`, `date`, `stance`).
fn source_field(i: usize, what: &str) -> &'static str {
    const NAMES: [[&str; 5]; 4] = [
        [
            "source_publisher",
            "source_title",
            "source_url",
            "source_date",
            "source_stance",
        ],
        [
            "source2_publisher",
            "source2_title",
            "source2_url",
            "source2_date",
            "source2_stance",
        ],
        [
            "source3_publisher",
            "source3_title",
            "source3_url",
            "source3_date",
            "source3_stance",
        ],
        [
            "source4_publisher",
            "source4_title",
            "source4_url",
            "source4_date",
            "source4_stance",
        ],
    ];
    let col = ["publisher", "title", "url", "date", "stance"]
        .iter()
        .position(|w| *w == what)
        .unwrap_or(0);
    NAMES.get(i).map_or("sources", |row| row[col])
}

fn party_field(i: usize) -> &'static str {
    match i {
        0 => "party",
        1 => "party2",
        2 => "party3",
        3 => "party4",
        _ => "parties",
    }
}
