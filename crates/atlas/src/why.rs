use frontline_infer::{Method, Rule};
use serde::Serialize;

use crate::diff::Evidence;
use crate::presence::{NearbyPresence, PRESENCE_NEAR_KM};
use crate::{At, Atlas, Day, Result};

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
    /// The rule that decided: `nearest`, `place_unknown`, `beyond_cap`, `beyond_lender_cap`
    /// or `band`.
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
    /// When the place has no evidence of its own on the date: the nearest observed place, which
    /// lends it its state (ADR 0007); `stale_days` and `evidence` are then the lender's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lender: Option<String>,
    /// That lender's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lender_name: Option<String>,
    /// Whether the place has no evidence of its own on the date (before its first
    /// observation, after its report expired, or when the party its last report names
    /// ended with no successor): its land is lent, or unknown.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unobserved: bool,
    /// When the deciding observation is about an area covering the place: the area.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area: Option<WhyArea>,
    /// Foreign forces' sites within 10 km of the point on the date, nearest first, with
    /// their sources: presence, not control. Nothing here decided the colour; the
    /// explanation above never mentions it.
    pub presence: Vec<NearbyPresence>,
}

/// The area behind a colour: an observation about a whole area decided the place's state.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WhyArea {
    /// The area's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// How its outline was drawn.
    pub drawn: String,
    /// Its outline's kind: `polygon`, `region` or `places`.
    pub outline: &'static str,
}

/// A colour rests on old evidence when the report behind it is older than this.
pub(crate) const OLD_EVIDENCE_DAYS: i64 = 365;

impl Atlas {
    /// Why the point (`lon`, `lat`) has its colour at `at`; `None` outside the boundary.
    ///
    /// # Errors
    /// When the method's geometry cannot be built.
    pub fn why(&self, lon: f64, lat: f64, at: At) -> Result<Option<WhyReport>> {
        self.day(at)?.why(lon, lat)
    }
}

impl Day<'_> {
    /// Why the point (`lon`, `lat`) has its colour on the day; `None` outside the boundary.
    ///
    /// # Errors
    /// When the labels do not fit the geometry (never for a day built by [`Atlas::day`]).
    pub fn why(&self, lon: f64, lat: f64) -> Result<Option<WhyReport>> {
        let (atlas, at, cells) = (self.atlas, self.at, &self.cells);
        let Some(why) = cells.coverage.why(lon, lat, &self.states)? else {
            return Ok(None);
        };
        let info = atlas.key_info(why.key, at.on, at.known_at);
        let place_ix = cells.sites[why.site];
        let place = atlas.place_as_of(place_ix, at.known_at);
        let lender = self.lenders[why.site].map(|s| atlas.place_as_of(cells.sites[s], at.known_at));
        // The state that speaks for the land: the place's own, or its lender's.
        let speaker = self.lenders[why.site].map_or(place_ix, |s| cells.sites[s]);
        let state = &self.control[speaker];
        let unobserved = !self.observed[why.site];
        let (rule, neighbour) = match why.rule {
            Rule::Nearest => ("nearest", None),
            Rule::PlaceUnknown => ("place_unknown", None),
            Rule::BeyondCap => ("beyond_cap", None),
            Rule::BeyondLenderCap { .. } => ("beyond_lender_cap", None),
            Rule::Band { neighbour } => (
                "band",
                Some(atlas.place_as_of(cells.sites[neighbour], at.known_at)),
            ),
        };
        let mut explanation = match (why.rule, unobserved, lender) {
            (Rule::Nearest, true, Some(l)) => format!(
                "the nearest place is {} ({:.1} km away), which has no evidence of its own on {}, so its land takes the state of the nearest observed place, {}: {} ({})",
                place.names.en, why.distance_km, at.on, l.names.en, state.status, info.name
            ),
            (Rule::Nearest, _, _) => format!(
                "the nearest place is {} ({:.1} km away), whose state on {} is {} ({})",
                place.names.en, why.distance_km, at.on, state.status, info.name
            ),
            (Rule::PlaceUnknown, true, None) => format!(
                "the nearest place is {} ({:.1} km away), which has no evidence of its own on {}, and no observed place is near enough to lend it a state",
                place.names.en, why.distance_km, at.on
            ),
            (Rule::PlaceUnknown, true, Some(l)) => format!(
                "the nearest place is {} ({:.1} km away), which has no evidence of its own on {}; the nearest observed place, {}, is unknown or older than the method's staleness limit, so the land is unknown",
                place.names.en, why.distance_km, at.on, l.names.en
            ),
            (Rule::PlaceUnknown, false, _) => format!(
                "the nearest place is {} ({:.1} km away), whose state is unknown or older than the method's staleness limit, so it claims no land",
                place.names.en, why.distance_km
            ),
            (Rule::BeyondCap, _, _) => format!(
                "the nearest place, {}, is {:.1} km away, farther than the method's cap of {} km",
                place.names.en,
                why.distance_km,
                at.method
                    .cap_km()
                    .map_or_else(|| "none".to_owned(), |c| c.to_string())
            ),
            (Rule::BeyondLenderCap { .. }, _, _) => format!(
                "the nearest place is {} ({:.1} km away), which has no evidence of its own on {}; the nearest observed place, {}, is {:.1} km away and this land lies farther than the method's cap ({} km) from it, so it is unknown",
                place.names.en,
                why.distance_km,
                at.on,
                lender.map_or("a place", |l| l.names.en.as_str()),
                why.lender_km.unwrap_or(f64::NAN),
                at.method
                    .cap_km()
                    .map_or_else(|| "none".to_owned(), |c| c.to_string())
            ),
            (Rule::Band { .. }, _, _) => format!(
                "the point is within the contested band ({} km) along the edge between {} and {}, held by different parties",
                at.method.band_km(),
                place.names.en,
                neighbour.map_or("a neighbour", |n| n.names.en.as_str())
            ),
        };
        if unobserved && matches!(why.rule, Rule::Band { .. }) {
            if let Some(l) = lender {
                explanation.push_str(&format!(
                    "; {} has no evidence of its own on {} and takes the state of {}",
                    place.names.en, at.on, l.names.en
                ));
            }
        }
        // A place whose last report names a party that has ceased to exist borrows.
        let own = &self.control[place_ix];
        let ends = atlas.party_ends(at.known_at);
        if let Some((party, end)) = (own.deciding.is_some() && !own.expired)
            .then(|| ends.ended_without_heir(own.parties(), at.on))
            .flatten()
        {
            let name = atlas
                .party_on(party, end, at.known_at)
                .map_or_else(|| party.to_string(), |p| p.names.en.clone());
            explanation.push_str(&format!(
                "; the last report of {} names {name}, which ceased to exist on {end}",
                place.names.en
            ));
        }
        let speaker_place = atlas.place_as_of(speaker, at.known_at);
        let area = state
            .deciding
            .filter(|o| o.place != speaker_place.id)
            .and_then(|o| atlas.area(&o.place));
        if let (Some(a), Some(o)) = (area, state.deciding) {
            explanation.push_str(&format!(
                "; {} is {} from {} because of the area observation about {} ({})",
                speaker_place.names.en,
                state.status,
                o.valid_from,
                a.names.en,
                o.sources.first().map_or_else(String::new, |s| format!(
                    "source: {}, {}",
                    s.publisher, s.title
                ))
            ));
        }
        if let Some(age) = state.stale_days.filter(|&d| d > OLD_EVIDENCE_DAYS) {
            explanation.push_str(&format!(
                "; the report it rests on is {age} days old (older than {OLD_EVIDENCE_DAYS} days: old evidence)"
            ));
        }
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
            lender: lender.map(|l| l.id.to_string()),
            lender_name: lender.map(|l| l.names.en.clone()),
            unobserved,
            area: area.map(|a| WhyArea {
                id: a.id.to_string(),
                name: a.names.en.clone(),
                drawn: a.drawn.clone(),
                outline: a.outline.kind(),
            }),
            presence: atlas
                .presence(at.on, at.known_at)
                .near(lon, lat, PRESENCE_NEAR_KM),
        }))
    }
}
