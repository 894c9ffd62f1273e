//! Frontline's evidence store: append-only and bitemporal.
//!
//! Every record says when it was true (valid time, on the record) and when Frontline
//! learned it (record time, `recorded_at`). Nothing is updated in place or deleted: a
//! correction is a new observation that supersedes an old one, and a changed place or
//! party is a new version. The SQLite backend enforces this with triggers that abort any
//! `UPDATE` or `DELETE`.
//!
//! # Map
//! - [`Store`]: what every backend offers: read the conflict, regions, parties, places,
//!   observations and milestones, and open a [`Writer`]. Apart from control, the toll:
//!   events ([`Store::events`], never read by state resolution) and published figures.
//! - [`Writer`]: one all-or-nothing transaction; dropping it without
//!   [`Writer::commit`] stores nothing.
//! - [`SqliteStore`]: the embedded backend (a single file, WAL, versioned migrations).

mod error;
mod sqlite;
mod store;

pub use error::{Error, Result};
pub use sqlite::SqliteStore;
pub use store::{Counts, Outcome, Store, Writer};
