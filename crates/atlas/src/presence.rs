//! Foreign forces' sites on a date (issue 19), from the presence layer, never from control:
//! nothing here is read by state, areas, statistics or front lines.

use chrono::{DateTime, NaiveDate, Utc};
use frontline_model::{Party, Site, Source, presence_on};
use serde::Serialize;

use crate::Atlas;

/// One site a force kept on a date, placed: at its place's position as known at the record
/// time, or at its own point.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PresenceSite {
    /// The presence record's id.
    pub id: String,
    /// The force's party id.
    pub force: String,
    /// The force's name on the date.
    pub force_name: String,
    /// The force's Arabic name on the date, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub force_name_ar: Option<String>,
    /// The force's colour on the date (`#rrggbb`).
    pub colour: String,
    /// The site's name.
    pub site: String,
    /// `air_base`, `naval_base`, `garrison`, `observation_post` or `base`.
    pub kind: &'static str,
    /// The place the site is at, if it is at one (its position is the place's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Longitude, WGS 84.
    pub lon: f64,
    /// Latitude, WGS 84.
    pub lat: f64,
    /// From when (with its precision).
    pub valid_from: String,
    /// Until when, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<String>,
    /// `low`, `medium` or `high`.
    pub confidence: &'static str,
    /// The recorder's note (caveats: an attestation date, where the point is).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The sources.
    pub sources: Vec<Source>,
}

/// The sites of foreign forces on a date, as known at a record time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PresenceReport {
    /// The valid date.
    pub date: NaiveDate,
    /// The record time.
    pub known_at: DateTime<Utc>,
    /// What presence means, in one sentence (printed with every answer).
    pub meaning: &'static str,
    /// The sites, by force then site name.
    pub sites: Vec<PresenceSite>,
}

/// A foreign force's site near a point, as `why` names it: apart from the explanation of
/// the colour, which presence never decides.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NearbyPresence {
    /// Great-circle distance from the point to the site, km.
    pub distance_km: f64,
    /// The site.
    #[serde(flatten)]
    pub site: PresenceSite,
}

/// How near a site must be to a point for `why` to name it, km.
pub const PRESENCE_NEAR_KM: f64 = 10.0;

/// Printed with every presence answer.
const MEANING: &str = "sites where a foreign force was present, as sources report them; presence is not control and changes no area or statistic";

impl Atlas {
    /// The sites foreign forces kept on `on`, as known at `known_at`: every presence record
    /// recorded by then, not superseded by then, in force on `on`
    /// ([`frontline_model::presence_on`]). A site at a place not known at `known_at` is
    /// left out.
    #[must_use]
    pub fn presence(&self, on: NaiveDate, known_at: DateTime<Utc>) -> PresenceReport {
        let mut sites: Vec<PresenceSite> = presence_on(self.presence_records(), on, known_at)
            .into_iter()
            .filter_map(|p| {
                let (place, lon, lat) = match &p.at {
                    Site::Point { lon, lat } => (None, *lon, *lat),
                    Site::Place(id) => {
                        let i = self.places().iter().position(|x| &x.id == id)?;
                        let place = self.place_at(i, known_at)?;
                        (Some(id.to_string()), place.lon, place.lat)
                    }
                };
                let versions: Vec<&Party> =
                    self.parties().iter().filter(|v| v.id == p.force).collect();
                let style = Party::style_on(&versions, on);
                Some(PresenceSite {
                    id: p.id.to_string(),
                    force: p.force.to_string(),
                    force_name: style.map_or_else(|| p.force.to_string(), |s| s.names.en.clone()),
                    force_name_ar: style.and_then(|s| s.names.ar.clone()),
                    colour: style.map_or_else(|| "#808080".to_owned(), |s| s.colour.to_string()),
                    site: p.site.clone(),
                    kind: p.kind.as_str(),
                    place,
                    lon,
                    lat,
                    valid_from: p.valid_from.to_string(),
                    valid_until: p.valid_until.map(|d| d.to_string()),
                    confidence: p.confidence.as_str(),
                    note: p.note.clone(),
                    sources: p.sources.clone(),
                })
            })
            .collect();
        sites.sort_by(|a, b| a.force.cmp(&b.force).then_with(|| a.site.cmp(&b.site)));
        PresenceReport {
            date: on,
            known_at,
            meaning: MEANING,
            sites,
        }
    }
}

impl PresenceReport {
    /// The sites within `km` of (`lon`, `lat`), nearest first.
    #[must_use]
    pub fn near(self, lon: f64, lat: f64, km: f64) -> Vec<NearbyPresence> {
        let mut near: Vec<NearbyPresence> = self
            .sites
            .into_iter()
            .map(|site| NearbyPresence {
                distance_km: great_circle_km(lon, lat, site.lon, site.lat),
                site,
            })
            .filter(|n| n.distance_km <= km)
            .collect();
        near.sort_by(|a, b| a.distance_km.total_cmp(&b.distance_km));
        near
    }

    /// The sites as a GeoJSON FeatureCollection of points, each with the site's other
    /// fields as properties (what `/api/presence` serves), and the report's date, record
    /// time and meaning as foreign members.
    #[must_use]
    pub fn feature_collection(&self) -> serde_json::Value {
        let features: Vec<serde_json::Value> = self
            .sites
            .iter()
            .map(|s| {
                let mut properties = serde_json::to_value(s).unwrap_or_default();
                if let Some(map) = properties.as_object_mut() {
                    map.remove("lon");
                    map.remove("lat");
                }
                serde_json::json!({
                    "type": "Feature",
                    "id": s.id,
                    "geometry": { "type": "Point", "coordinates": [s.lon, s.lat] },
                    "properties": properties,
                })
            })
            .collect();
        serde_json::json!({
            "type": "FeatureCollection",
            "date": self.date,
            "known_at": self.known_at,
            "meaning": self.meaning,
            "features": features,
        })
    }
}

/// Great-circle distance in km (haversine, mean Earth radius).
fn great_circle_km(lon1: f64, lat1: f64, lon2: f64, lat2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0088 * a.sqrt().min(1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::great_circle_km;

    #[test]
    fn a_degree_of_latitude_is_about_111_km() {
        assert!((great_circle_km(36.0, 35.0, 36.0, 36.0) - 111.2).abs() < 0.1);
        assert!(great_circle_km(36.0, 35.0, 36.0, 35.0).abs() < 1e-9);
        // Damascus to Aleppo, about 310 km.
        let d = great_circle_km(36.2765, 33.5138, 37.1612, 36.2021);
        assert!((d - 310.0).abs() < 10.0, "{d}");
    }
}
