//! `frontline state`: who held every place on a date, as known at a record time.

use std::collections::HashMap;

use anyhow::Result;
use frontline_model::{Place, PlaceId, StateQuery, Timeline};
use frontline_store::Store;
use serde::Serialize;
use serde_json::json;

use crate::cli::{Format, StateArgs};
use crate::output;
use crate::settings::Settings;

/// One place's state, as printed. The JSON contract: `place`, `name`, `status`,
/// `parties`, `since`, `stale_days`, plus the deciding `observation`, its `confidence`,
/// whether it `expired`, and the ids of same-day observations in `disagreement`.
#[derive(Debug, Serialize)]
pub(crate) struct StateRow {
    pub(crate) place: String,
    pub(crate) name: String,
    pub(crate) status: String,
    pub(crate) parties: Vec<String>,
    pub(crate) since: Option<String>,
    pub(crate) stale_days: Option<i64>,
    pub(crate) observation: Option<String>,
    pub(crate) confidence: Option<String>,
    pub(crate) expired: bool,
    pub(crate) disagreement: Vec<String>,
    #[serde(skip)]
    pub(crate) lon: f64,
    #[serde(skip)]
    pub(crate) lat: f64,
}

/// The state of every stored place at `query`, in place id order.
pub(crate) fn state_rows(store: &dyn Store, query: StateQuery) -> Result<Vec<StateRow>> {
    let places = store.places()?;
    let by_id: HashMap<&PlaceId, &Place> = places.iter().map(|p| (&p.id, p)).collect();
    let timeline = Timeline::new(places.iter().map(|p| p.id.clone()), store.observations()?);
    let mut rows: Vec<StateRow> = timeline
        .resolve(query)
        .into_iter()
        .map(|s| {
            let place = by_id.get(s.place);
            StateRow {
                place: s.place.to_string(),
                name: place.map(|p| p.names.en.clone()).unwrap_or_default(),
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
                lon: place.map_or(f64::NAN, |p| p.lon),
                lat: place.map_or(f64::NAN, |p| p.lat),
            }
        })
        .collect();
    rows.sort_by(|a, b| a.place.cmp(&b.place));
    Ok(rows)
}

pub(crate) fn run(settings: &Settings, args: &StateArgs) -> Result<()> {
    let store = super::open_existing(settings)?;
    let on = super::parse_day("date", &args.date)?;
    let known_at = args
        .known_at
        .as_deref()
        .map(super::parse_known_at)
        .transpose()?
        .unwrap_or(settings.now);
    let rows = state_rows(&store, StateQuery { on, known_at })?;
    if args.format == Format::Geojson {
        let features: Vec<_> = rows
            .iter()
            .filter(|r| r.lon.is_finite())
            .map(|r| json!({ "type": "Feature", "geometry": { "type": "Point", "coordinates": [r.lon, r.lat] }, "properties": r }))
            .collect();
        return output::json(&json!({ "type": "FeatureCollection", "features": features }));
    }
    let header = [
        "place",
        "name",
        "status",
        "parties",
        "since",
        "stale_days",
        "confidence",
        "disagreement",
    ];
    output::emit(args.format, &header, &rows, |r| {
        vec![
            r.place.clone(),
            r.name.clone(),
            if r.expired {
                format!("{} (expired)", r.status)
            } else {
                r.status.clone()
            },
            r.parties.join(";"),
            r.since.clone().unwrap_or_default(),
            r.stale_days.map(|d| d.to_string()).unwrap_or_default(),
            r.confidence.clone().unwrap_or_default(),
            r.disagreement.join(";"),
        ]
    })
}
