//! A conflict loaded from the store, answering questions about any date.
//!
//! The CLI and the server ask the same questions — who held what, how much land and how
//! many people each party held, what changed, why a point has its colour — and must give
//! the same answers. An [`Atlas`] loads a conflict's evidence once, indexes it
//! ([`frontline_model::Timeline`]) and keeps the geometry of each inference method
//! ([`frontline_infer::Coverage`]), so that every answer for a date is a relabelling.
//!
//! # Map
//! - [`Atlas`]: load with [`Atlas::load`]; ask with [`Atlas::state`], [`Atlas::stats`],
//!   [`Atlas::areas`], [`Atlas::front_lines`], [`Atlas::diff`], [`Atlas::why`],
//!   [`Atlas::series`]. Each date-answer is also a method of [`Day`], the date resolved once
//!   ([`Atlas::day`]): ask a [`Day`] when one request needs several answers of one date
//!   (a tile layer needs areas, lines and place states; a print map areas, lines and stats).
//! - [`At`]: a valid date, a record time and a [`Method`]; [`Question`]: the same as asked
//!   (the record time may be "now"), read from text by [`parse_day`], [`parse_record_time`]
//!   and [`MethodParam::parse`], which refuse with an [`InputError`]. The CLI and the server
//!   both read their inputs with these.
//! - Reports, serialisable as the stable JSON contracts: [`StateRow`], [`StatsReport`],
//!   [`DiffReport`], [`WhyReport`], [`SeriesPoint`].
//! - Foreign forces' sites on a date, apart from control: [`Atlas::presence`] →
//!   [`PresenceReport`] of [`PresenceSite`]s; [`WhyReport::presence`] lists the
//!   [`NearbyPresence`] within [`PRESENCE_NEAR_KM`] of a point, apart from the colour.
//! - The envoy's briefing for a round of talks ([`BriefOf`]): [`Atlas::brief_scene`] fills
//!   the render crate's `BriefScene` (maps, shares, changes with their sources,
//!   reorganisations apart, churn, toll, method); [`Atlas::round`] finds a round by id.
//! - Geometries for other encoders (vector tiles): [`AreaShape`], [`LineShape`] from
//!   [`Atlas::area_shapes`] and [`Atlas::front_line_shapes`].

mod atlas;
mod brief;
mod day;
mod diff;
mod error;
mod geojson;
mod history;
mod map;
mod presence;
mod question;
mod series;
mod shapes;
mod state;
mod stats;
mod toll;
mod why;

pub use atlas::{At, Atlas};
pub use brief::BriefOf;
pub use day::{AreaKind, Day};
pub use diff::{Churn, DiffReport, PlaceChange};
pub use error::{Error, ErrorKind, Result};
pub use frontline_infer::Method;
pub use history::HistoryEntry;
pub use map::method_text;
pub use presence::{NearbyPresence, PRESENCE_NEAR_KM, PresenceReport, PresenceSite};
#[doc(hidden)]
pub use question::cases;
pub use question::{
    DayRange, InputError, MethodParam, MethodValue, Question, parse_day, parse_record_time,
};
pub use series::{SeriesPoint, SeriesRow, Step, Toll};
pub use shapes::{AreaShape, LineShape};
pub use state::StateRow;
pub use stats::{KeyStats, RegionReport, StatsReport};
pub use toll::{PeriodFigures, TollBy, TollReport, TollRow};
pub use why::{WhyArea, WhyReport};
