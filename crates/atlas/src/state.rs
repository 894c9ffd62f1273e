use chrono::{DateTime, Utc};
use frontline_model::{ControlState, StateQuery};
use serde::Serialize;

use crate::{Atlas, Day};

/// One place's state. The JSON contract: `place`, `name`, `status`, `parties`, `since`,
/// `stale_days`, plus the deciding `observation`, its `confidence`, whether it `expired`,
/// the ids of same-day observations that disagreed, and the place's `lon`/`lat`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StateRow {
    /// The place's id.
    pub place: String,
    /// Its English name.
    pub name: String,
    /// The status.
    pub status: String,
    /// The parties' ids.
    pub parties: Vec<String>,
    /// The deciding observation's date.
    pub since: Option<String>,
    /// Days since the deciding observation.
    pub stale_days: Option<i64>,
    /// The deciding observation's id.
    pub observation: Option<String>,
    /// Its confidence.
    pub confidence: Option<String>,
    /// Whether it had expired (`valid_until` passed).
    pub expired: bool,
    /// Same-day observations that said otherwise.
    pub disagreement: Vec<String>,
    /// Longitude.
    pub lon: f64,
    /// Latitude.
    pub lat: f64,
}

impl Atlas {
    /// The state at `query` of every place known at its record time (as it was known
    /// then), in place id order.
    #[must_use]
    pub fn state(&self, query: StateQuery) -> Vec<StateRow> {
        self.state_rows(&self.resolve(query), query.known_at)
    }

    fn state_rows(&self, control: &[ControlState<'_>], known_at: DateTime<Utc>) -> Vec<StateRow> {
        let mut rows: Vec<StateRow> = control
            .iter()
            .zip(self.places_at(known_at))
            .filter_map(|(s, place)| Some((s, place?)))
            .map(|(s, place)| StateRow {
                place: s.place.to_string(),
                name: place.names.en.clone(),
                status: s.status.to_string(),
                parties: s.parties().iter().map(ToString::to_string).collect(),
                since: s.since().map(|d| d.to_string()),
                stale_days: s.stale_days,
                observation: s.deciding.map(|o| o.id.to_string()),
                confidence: s.deciding.map(|o| o.confidence.to_string()),
                expired: s.expired,
                disagreement: s
                    .disagreement
                    .iter()
                    .flat_map(|d| d.overruled.iter().map(|o| o.id.to_string()))
                    .collect(),
                lon: place.lon,
                lat: place.lat,
            })
            .collect();
        rows.sort_by(|a, b| a.place.cmp(&b.place));
        rows
    }
}

impl Day<'_> {
    /// The state of every place on the day, as [`Atlas::state`] gives it.
    #[must_use]
    pub fn state(&self) -> Vec<StateRow> {
        self.atlas.state_rows(&self.control, self.at.known_at)
    }
}
