//! Frontline's inference: from the states of places on a date to the areas each party holds.
//!
//! A conflict map knows, for each dated, sourced observation, who held a *place*. Readers ask
//! about *land*: how much does each party hold, where are the fronts, what changed. This crate
//! turns one into the other reproducibly, with the method stated next to every figure, and
//! fast enough to answer for every day of a long war at once. It is pure and synchronous: no
//! I/O, no clock, no environment.
//!
//! The method (`nearest`, see `docs/method.md`): each place's Voronoi (Thiessen) cell, computed
//! with spade in a Lambert azimuthal equal-area projection centred on the conflict and clipped
//! exactly to its boundary, is the land that place speaks for; land farther than a cap from its
//! place is unknown; a band along the edge between two parties' cells is contested; unknown and
//! stale places claim nothing. The cells of a fixed set of places never change, so the geometry
//! is built once and each date only relabels it.
//!
//! # Map of the main types
//! - [`Sites`] (of [`Site`]s): the places, in a fixed order; a place's index is its identity.
//! - [`Method`]: the named, typed, printable parameter set (cap, band, staleness, effective
//!   radius).
//! - [`Label`], [`SiteState`], [`PartyKey`]: one place's state on one date.
//! - [`AreaKey`]: whose land: one party, a contested or joint pair, or unknown.
//! - [`Coverage`]: the geometry, built once with [`Coverage::build`]; then per labelling:
//!   [`Coverage::stats`] ([`Stats`] of [`Row`]s), [`Coverage::areas`] ([`Area`]),
//!   [`Coverage::front_lines`] ([`FrontLine`]), [`Coverage::change`] ([`Change`]),
//!   [`Coverage::why`] ([`Why`], [`Rule`]), [`Coverage::series`] and [`Coverage::cells`].
//! - [`Region`]: an admin region; [`Coverage::with_regions`] makes [`Stats`] carry
//!   [`RegionStats`] per region.
//! - [`Lending`]: the state of places with no evidence yet on a date, lent by the nearest
//!   observed place (ADR 0007).
//! - [`Tally`]: running statistics updated one place at a time, for series by relabelling.
//! - [`churn`] and [`churn_in_changes`]: places that changed hands two or more times.
//! - [`Error`] and [`Result`].
//!
//! # Limits
//! - Straight edges in the projection are written as straight lon/lat edges; for cells tens of
//!   km wide they are metres apart.
//! - A cell edge that runs along a boundary edge to within rounding (places placed exactly
//!   symmetrically about a straight boundary edge) can leave sliver pieces: areas stay right,
//!   but a dissolved polygon may then fail OGC validity. Real places do not do this; synthetic
//!   grids aligned with the boundary can.
//! - Voronoi vertices closer than 1 m are merged (near-cocircular places).
//!
//! ```
//! use frontline_infer::{AreaKey, Coverage, Label, Method, PartyKey, Site, SiteState, Sites};
//! use geo_types::{MultiPolygon, polygon};
//!
//! # fn main() -> Result<(), frontline_infer::Error> {
//! let boundary = MultiPolygon(vec![polygon![
//!     (x: 36.0, y: 33.0), (x: 37.0, y: 33.0), (x: 37.0, y: 34.0), (x: 36.0, y: 34.0)
//! ]]);
//! let sites = Sites::new(vec![Site::new(36.25, 33.5), Site::new(36.75, 33.5)])?;
//! let method = Method::nearest().with_cap_km(None)?.with_band_km(0.0)?;
//! let coverage = Coverage::build(&sites, &boundary, method)?;
//! let red = PartyKey::new(0);
//! let states = [SiteState::fresh(Label::held(red)), SiteState::fresh(Label::Unknown)];
//! let stats = coverage.stats(&states)?;
//! let share = stats.row(AreaKey::Party { party: red }).map_or(0.0, |r| r.area_pct);
//! assert!((share - 50.0).abs() < 0.5);
//! # Ok(()) }
//! ```

mod change;
mod clip;
mod coverage;
mod dissolve;
mod effective;
mod error;
mod hash;
mod label;
mod lending;
mod method;
mod planar;
mod projection;
mod regions;
mod rings;
mod series;
mod sites;
mod subdivision;
mod tally;
mod why;

pub use change::{Balance, Change, SiteChange, churn, churn_in_changes};
pub use coverage::Coverage;
pub use dissolve::{Area, FrontLine};
pub use error::{Error, Result};
pub use label::{AreaKey, Label, PartyKey, SiteState};
pub use lending::Lending;
pub use method::Method;
pub use regions::Region;
pub use sites::{Site, Sites};
pub use tally::{RegionStats, Row, Stats, Tally};
pub use why::{Rule, Why};
