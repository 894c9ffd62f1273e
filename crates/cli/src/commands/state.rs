//! `frontline state`: who held every place on a date, as known at a record time.

use anyhow::Result;
use frontline_atlas::Atlas;
use frontline_model::StateQuery;
use serde_json::json;

use crate::cli::{Format, StateArgs};
use crate::output;
use crate::settings::Settings;

pub(crate) fn run(settings: &Settings, args: &StateArgs) -> Result<()> {
    let store = super::open_existing(settings)?;
    let atlas = Atlas::load(&store)?;
    let on = super::derived::asked(&atlas, settings, "date", args.date)?;
    let known_at = args.known_at.unwrap_or(settings.now);
    let rows = atlas.state(StateQuery { on, known_at });
    if args.format == Format::Geojson {
        let features: Vec<_> = rows
            .iter()
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
