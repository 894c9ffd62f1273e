//! Frontline's vocabulary: the types every other crate speaks.
//!
//! Frontline keeps *evidence* — dated, sourced [`Observation`]s of who holds which
//! [`Place`] — and derives everything else from it. This crate holds the nouns of that
//! domain and the one piece of logic that defines them: which observation decides the
//! state of a place on a date, as known at a record time ([`Timeline`]).
//!
//! It does no I/O and is synchronous, like `geo-types` under `geo`.
//!
//! # Map of the main types
//! - Identity: [`PlaceId`], [`PartyId`], [`RegionId`], [`ObservationId`], [`PresenceId`]
//!   (checked newtypes).
//! - Time: [`PartialDate`] (a date with day, month or year [`Precision`]), and record times
//!   as `chrono::DateTime<Utc>`.
//! - The conflict: [`Conflict`] with its boundary and [`Region`]s; [`Party`] (versioned
//!   names and colours); [`Place`]; [`Milestone`] (rounds of talks and other dated events
//!   users compare between).
//! - Areas: [`Area`] with its [`Outline`] (a polygon, a region or a named set of places),
//!   which an observation may be about instead of a place; [`AreaCover`] lists the places
//!   one version of an area covers.
//! - Evidence: [`Observation`] with its [`Status`], [`Source`]s, [`Confidence`] and
//!   corrections (`supersedes`).
//! - Checks: [`Catalog`] validates a record against what is already known and names the
//!   offending field ([`Invalid`]); [`validate_geometry`] refuses a boundary, region or
//!   area that is not a valid polygon of a plausible size ([`GeometryError`]).
//! - The toll, apart from control: [`Event`]s with their [`Deaths`], and published
//!   [`Figure`]s.
//! - Foreign forces on the ground, apart from control: [`Presence`] records (a force, a
//!   [`Site`], a [`PresenceKind`], dates, sources), read at a date and record time with
//!   [`presence_on`].
//! - State: [`Timeline`] resolves [`ControlState`] for every place at a valid date and a
//!   record time, reporting [`Disagreement`]s and staleness.

mod area;
mod catalog;
mod colour;
mod conflict;
mod date;
mod error;
mod event;
mod geometry;
mod id;
mod milestone;
mod observation;
mod party;
mod place;
mod presence;
mod recorded;
mod shown;
mod timeline;
mod word;

pub use area::{Area, Outline};
pub use catalog::{Catalog, Invalid};
pub use colour::{Colour, Lab, Vision};
pub use conflict::{Conflict, Region};
pub use date::{PartialDate, Precision};
pub use error::{Error, Result};
pub use event::{Deaths, Event, Figure};
pub use geometry::{
    AreaRange, GeometryError, GeometryFault, Near, RingAt, geometry_area_km2, validate_geometry,
};
pub use id::{HashText, ObservationId, PartyId, PlaceId, PresenceId, RegionId};
pub use milestone::Milestone;
pub use observation::{Confidence, Observation, Source, Stance, Status, check_url};
pub use party::{Party, PartyKind};
pub use place::{Names, Place, PlaceKind, Population};
pub use presence::{Presence, PresenceKind, Site, presence_on};
pub use recorded::{AuditEntry, Recorded, Versioned};
pub use shown::shown;
pub use timeline::{AreaCover, ControlState, Disagreement, StateQuery, Timeline};
