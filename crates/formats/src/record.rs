use chrono::{DateTime, Utc};
use frontline_model::{
    Area, Conflict, Event, Figure, Milestone, Observation, Party, Place, Presence, Recorded, Region,
};
use geo_types::MultiPolygon;

use crate::Location;

/// One record read from a file.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    /// The conflict itself (from an exported GeoJSON history).
    Conflict(Conflict),
    /// A bare boundary (a GeoJSON polygon without conflict properties).
    Boundary(MultiPolygon<f64>),
    /// An admin region.
    Region(Region),
    /// A party version.
    Party(Party),
    /// A place.
    Place(Place),
    /// An area observations can be about.
    Area(Area),
    /// An observation.
    Observation(Observation),
    /// A milestone.
    Milestone(Milestone),
    /// A published figure (a toll or displacement count as of a date).
    Figure(Figure),
    /// A violent event (a layer apart from control).
    Event(Event),
    /// A foreign force at a site (a layer apart from control).
    Presence(Presence),
}

impl Record {
    /// The order in which kinds of records must be stored so that references resolve:
    /// conflict, regions, parties, places, areas, observations, milestones.
    #[must_use]
    pub fn rank(&self) -> u8 {
        match self {
            Self::Conflict(_) | Self::Boundary(_) => 0,
            Self::Region(_) => 1,
            Self::Party(_) => FileKind::Parties.rank(),
            Self::Place(_) => FileKind::Places.rank(),
            // Areas come only in GeoJSON: after the places they may name, before the
            // observations that may name them.
            Self::Area(_) => FileKind::Places.rank() + 1,
            Self::Observation(_) => FileKind::Observations.rank(),
            Self::Milestone(_) => FileKind::Milestones.rank(),
            Self::Figure(_) => FileKind::Figures.rank(),
            Self::Event(_) => FileKind::Events.rank(),
            Self::Presence(_) => FileKind::Presence.rank(),
        }
    }
}

/// A record and where it was read.
#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    /// Where in the file.
    pub at: Location,
    /// The record.
    pub record: Record,
    /// When and by whom the file says this version of a place or party was recorded (an
    /// exported history says so); `None`: it is recorded now, by whoever imports it.
    pub recorded: Option<Recorded>,
}

impl Located {
    /// A record read at `at`, to be recorded now.
    #[must_use]
    pub fn new(at: Location, record: Record) -> Self {
        Self {
            at,
            record,
            recorded: None,
        }
    }
}

/// What a file can hold, as told by a CSV header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// Parties: `id,name,colour`, ...
    Parties,
    /// Places: `id,name,lon,lat,kind`, ...
    Places,
    /// Observations: `place,date,status,party,source_*`, ...
    Observations,
    /// Milestones: `id,name,start,series`, ...
    Milestones,
    /// Published figures: `figure,value,date,source_publisher,source_title,source_url`.
    Figures,
    /// Violent events as `export` writes them: `event,date_start,date_end,lon,lat,...`.
    Events,
    /// Foreign forces' sites: `force,site,kind,valid_from,source_*`, and `place` or
    /// `lon,lat`.
    Presence,
}

impl FileKind {
    /// The order in which files of this kind are stored so that references resolve (the
    /// [`Record::rank`] of the records they hold): parties, places, observations, then
    /// milestones, figures, events and presence (areas, which come only in GeoJSON, rank between places
    /// and observations: see [`Record::rank`]).
    #[must_use]
    pub const fn rank(self) -> u8 {
        match self {
            Self::Parties => 2,
            Self::Places => 3,
            Self::Observations => 5,
            Self::Milestones | Self::Figures | Self::Events | Self::Presence => 6,
        }
    }

    /// The kind's name in messages.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Parties => "parties",
            Self::Places => "places",
            Self::Observations => "observations",
            Self::Milestones => "milestones",
            Self::Figures => "figures",
            Self::Events => "events",
            Self::Presence => "presence",
        }
    }
}

/// What to stamp on observations whose file does not say when and by whom they were
/// recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Defaults {
    /// The record time.
    pub recorded_at: DateTime<Utc>,
    /// The recorder.
    pub recorded_by: String,
}
