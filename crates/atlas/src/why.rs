use frontline_infer::{Method, Rule};
use serde::Serialize;

use crate::diff::Evidence;
use crate::{At, Atlas, Result};

/// Why a point has its colour on a date: the JSON contract of `frontline why` and the API.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WhyReport {
    /// The point's longitude.
    pub lon: f64,
    /// The point's latitude.
    pub lat: f64,
    /// The date.
    pub date: chrono::NaiveDate,
    /// The method.
    pub method: Method,
    /// Whose land it is: `sdf`, `contested:...`, `joint:...` or `unknown`.
    pub key: String,
    /// Its readable name.
    pub name: String,
    /// The rule that decided: `nearest`, `place_unknown`, `beyond_cap` or `band`.
    pub rule: String,
    /// In words.
    pub explanation: String,
    /// The place whose cell the point lies in.
    pub place: Option<String>,
    /// That place's name.
    pub place_name: Option<String>,
    /// Distance from the point to that place, km.
    pub distance_km: Option<f64>,
    /// Days since that place was last observed.
    pub stale_days: Option<i64>,
    /// The observation that decided that place's state, with its sources.
    pub evidence: Option<Evidence>,
    /// For the contested band: the neighbouring place across the edge.
    pub neighbour: Option<String>,
}

impl Atlas {
    /// Why the point (`lon`, `lat`) has its colour at `at`; `None` outside the boundary.
    ///
    /// # Errors
    /// When the method's geometry cannot be built.
    pub fn why(&self, lon: f64, lat: f64, at: At) -> Result<Option<WhyReport>> {
        let cells = self.cells(at)?;
        let site_states = self.site_states(&cells, at.query());
        let Some(why) = cells.coverage.why(lon, lat, &site_states)? else {
            return Ok(None);
        };
        let info = self.key_info(why.key, at.on, at.known_at);
        let place_ix = cells.sites[why.site];
        let place = self.place_as_of(place_ix, at.known_at);
        let state = self.timeline().resolve_place(place_ix, at.query());
        let (rule, neighbour) = match why.rule {
            Rule::Nearest => ("nearest", None),
            Rule::PlaceUnknown => ("place_unknown", None),
            Rule::BeyondCap => ("beyond_cap", None),
            Rule::Band { neighbour } => (
                "band",
                Some(self.place_as_of(cells.sites[neighbour], at.known_at)),
            ),
        };
        let explanation = match why.rule {
            Rule::Nearest => format!(
                "the nearest place is {} ({:.1} km away), whose state on {} is {} ({})",
                place.names.en, why.distance_km, at.on, state.status, info.name
            ),
            Rule::PlaceUnknown => format!(
                "the nearest place is {} ({:.1} km away), whose state is unknown or older than the method's staleness limit, so it claims no land",
                place.names.en, why.distance_km
            ),
            Rule::BeyondCap => format!(
                "the nearest place, {}, is {:.1} km away, farther than the method's cap of {} km",
                place.names.en,
                why.distance_km,
                at.method
                    .cap_km()
                    .map_or_else(|| "none".to_owned(), |c| c.to_string())
            ),
            Rule::Band { .. } => format!(
                "the point is within the contested band ({} km) along the edge between {} and {}, held by different parties",
                at.method.band_km(),
                place.names.en,
                neighbour.map_or("a neighbour", |n| n.names.en.as_str())
            ),
        };
        Ok(Some(WhyReport {
            lon,
            lat,
            date: at.on,
            method: at.method,
            key: info.id,
            name: info.name,
            rule: rule.to_owned(),
            explanation,
            place: Some(place.id.to_string()),
            place_name: Some(place.names.en.clone()),
            distance_km: Some(why.distance_km),
            stale_days: state.stale_days,
            evidence: state.deciding.map(Evidence::of),
            neighbour: neighbour.map(|n| n.id.to_string()),
        }))
    }
}
