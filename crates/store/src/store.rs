use chrono::NaiveDate;
use frontline_model::{
    Area, AuditEntry, Conflict, Event, Figure, Milestone, Observation, ObservationId, Party, Place,
    PlaceId, Presence, Recorded, Region, Versioned,
};

use crate::Result;

/// What adding a record did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The record is new and was added.
    Added,
    /// The same record was already stored; nothing changed.
    Unchanged,
}

/// How many records a store holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    /// Admin regions.
    pub regions: u64,
    /// Party versions.
    pub parties: u64,
    /// Places (latest versions).
    pub places: u64,
    /// Observations.
    pub observations: u64,
    /// Milestones.
    pub milestones: u64,
}

/// An evidence store. Reads see committed data only.
pub trait Store {
    /// The conflict, if one was initialised.
    ///
    /// # Errors
    /// When the backend fails.
    fn conflict(&self) -> Result<Option<Conflict>>;
    /// All admin regions (latest versions), by id.
    ///
    /// # Errors
    /// When the backend fails.
    fn regions(&self) -> Result<Vec<Region>>;
    /// All party versions (latest record of each id and `since`), by id then `since`.
    ///
    /// # Errors
    /// When the backend fails.
    fn parties(&self) -> Result<Vec<Party>>;
    /// All places (latest versions), by id.
    ///
    /// # Errors
    /// When the backend fails.
    fn places(&self) -> Result<Vec<Place>>;
    /// Every version of every place, by record time (a place's last version is its current
    /// one), for answers as known at a past record time and for exports of the whole history.
    ///
    /// # Errors
    /// When the backend fails.
    fn place_versions(&self) -> Result<Vec<Versioned<Place>>>;
    /// The audit log (restores that kept an export's record times), oldest first.
    ///
    /// # Errors
    /// When the backend fails.
    fn audit(&self) -> Result<Vec<AuditEntry>>;
    /// Every version of every area, by record time.
    ///
    /// # Errors
    /// When the backend fails.
    fn area_versions(&self) -> Result<Vec<Versioned<Area>>>;
    /// Every record of every party version, by record time, for answers as known at a
    /// past record time and for exports of the whole history.
    ///
    /// # Errors
    /// When the backend fails.
    fn party_versions(&self) -> Result<Vec<Versioned<Party>>>;
    /// Every observation ever recorded, superseded ones included, in record order.
    ///
    /// # Errors
    /// When the backend fails.
    fn observations(&self) -> Result<Vec<Observation>>;
    /// The ids of every observation.
    ///
    /// # Errors
    /// When the backend fails.
    fn observation_ids(&self) -> Result<Vec<ObservationId>>;
    /// Every observation of one place, newest valid date first.
    ///
    /// # Errors
    /// When the backend fails.
    fn place_history(&self, place: &PlaceId) -> Result<Vec<Observation>>;
    /// All milestones, by start date.
    ///
    /// # Errors
    /// When the backend fails.
    fn milestones(&self) -> Result<Vec<Milestone>>;
    /// How many records are stored.
    ///
    /// # Errors
    /// When the backend fails.
    fn counts(&self) -> Result<Counts>;
    /// The events (a layer apart from control) that began between `from` and `to`,
    /// both included, by start date then id.
    ///
    /// # Errors
    /// When the backend fails.
    fn events(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Event>>;
    /// All published figures (latest record of each), by what they count then date.
    ///
    /// # Errors
    /// When the backend fails.
    fn figures(&self) -> Result<Vec<Figure>>;
    /// Every presence record ever recorded (foreign forces' sites, a layer apart from
    /// control), superseded ones included, in record order.
    ///
    /// # Errors
    /// When the backend fails.
    fn presence(&self) -> Result<Vec<Presence>>;
    /// Opens a transaction that adds records stamped with `recorded`.
    ///
    /// # Errors
    /// When the backend cannot start a transaction.
    fn writer(&mut self, recorded: Recorded) -> Result<Box<dyn Writer + '_>>;
}

/// One all-or-nothing transaction. Dropping it without [`Writer::commit`] rolls back.
pub trait Writer {
    /// Stores the conflict (once per database).
    ///
    /// # Errors
    /// [`Error::ConflictExists`](crate::Error::ConflictExists) when another is stored.
    fn set_conflict(&mut self, conflict: &Conflict) -> Result<Outcome>;
    /// Adds a region, or a new version of it if it differs from the stored one.
    ///
    /// # Errors
    /// When the backend fails.
    fn add_region(&mut self, region: &Region) -> Result<Outcome>;
    /// Adds a party version, or a new record of it if it differs from the stored one.
    ///
    /// # Errors
    /// When the backend fails.
    fn add_party(&mut self, party: &Party) -> Result<Outcome>;
    /// Adds a place, or a new version of it if it differs from the stored one.
    ///
    /// # Errors
    /// When the backend fails.
    fn add_place(&mut self, place: &Place) -> Result<Outcome>;
    /// Adds an entry to the audit log.
    ///
    /// # Errors
    /// When the backend fails.
    fn add_audit(&mut self, entry: &AuditEntry) -> Result<Outcome>;
    /// Adds an area, or a new version of it if it differs from the stored one.
    ///
    /// # Errors
    /// When the backend fails.
    fn add_area(&mut self, area: &Area) -> Result<Outcome>;
    /// Restores an area version recorded before, as [`Writer::restore_place`] does.
    ///
    /// # Errors
    /// When the backend fails.
    fn restore_area(&mut self, version: &Versioned<Area>) -> Result<Outcome>;
    /// Restores a place version recorded before (an exported history being imported), with
    /// its own record time; unchanged if that version with that record time is stored.
    ///
    /// # Errors
    /// When the backend fails.
    fn restore_place(&mut self, version: &Versioned<Place>) -> Result<Outcome>;
    /// Restores a party version recorded before, as [`Writer::restore_place`] does.
    ///
    /// # Errors
    /// When the backend fails.
    fn restore_party(&mut self, version: &Versioned<Party>) -> Result<Outcome>;
    /// Adds an observation; the same observation again is [`Outcome::Unchanged`].
    ///
    /// # Errors
    /// [`Error::ObservationIdTaken`](crate::Error::ObservationIdTaken) when its id is
    /// used by an observation that says something else.
    fn add_observation(&mut self, observation: &Observation) -> Result<Outcome>;
    /// Adds a milestone, or a new version of it if it differs.
    ///
    /// # Errors
    /// When the backend fails.
    fn add_milestone(&mut self, milestone: &Milestone) -> Result<Outcome>;
    /// Adds an event; the same event again is [`Outcome::Unchanged`].
    ///
    /// # Errors
    /// [`Error::EventIdTaken`](crate::Error::EventIdTaken) when its id is used by an
    /// event that says something else.
    fn add_event(&mut self, event: &Event) -> Result<Outcome>;
    /// Adds a published figure, or a new version of it if it differs.
    ///
    /// # Errors
    /// When the backend fails.
    fn add_figure(&mut self, figure: &Figure) -> Result<Outcome>;
    /// Adds a presence record, with the record time it carries; the same record again is
    /// [`Outcome::Unchanged`].
    ///
    /// # Errors
    /// [`Error::PresenceIdTaken`](crate::Error::PresenceIdTaken) when its id is used by a
    /// record that says something else.
    fn add_presence(&mut self, presence: &Presence) -> Result<Outcome>;
    /// Makes everything added visible, atomically.
    ///
    /// # Errors
    /// When the backend cannot commit; then nothing is stored.
    fn commit(self: Box<Self>) -> Result<()>;
}
