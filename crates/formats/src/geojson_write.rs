//! Writing a whole history as one GeoJSON FeatureCollection (RFC 7946).

use std::collections::HashMap;
use std::io::Write;

use frontline_model::{
    Area, Conflict, Event, Figure, Milestone, Names, Observation, Outline, Party, Place, PlaceId,
    Presence, Region, Site, Versioned,
};
use serde_json::{Map, Value, json};

use crate::columns;
use crate::geojson_read::KIND_PROPERTY;
use crate::geometry::{multipolygon_json, point_json};

/// Everything a database holds: what an export writes and an import reads back.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    /// The conflict.
    pub conflict: Option<Conflict>,
    /// Its admin regions.
    pub regions: Vec<Region>,
    /// Every version of every party, by record time.
    pub parties: Vec<Versioned<Party>>,
    /// Every version of every place, by record time.
    pub places: Vec<Versioned<Place>>,
    /// Every version of every area, by record time.
    pub areas: Vec<Versioned<Area>>,
    /// Every observation, in record order (corrections after what they correct).
    pub observations: Vec<Observation>,
    /// Every milestone.
    pub milestones: Vec<Milestone>,
    /// Every published figure.
    pub figures: Vec<Figure>,
    /// Every violent event (a layer apart from control).
    pub events: Vec<Event>,
    /// Every presence record (foreign forces' sites, apart from control), in record order.
    pub presence: Vec<Presence>,
}

/// The properties of a feature of `kind` from a row of `columns` (blank cells left out).
fn row_props(kind: &str, columns: &[String], row: Vec<String>) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert(KIND_PROPERTY.into(), Value::String(kind.into()));
    for (k, v) in columns.iter().zip(row) {
        if !v.is_empty() {
            m.insert(k.clone(), Value::String(v));
        }
    }
    m
}

fn props(kind: &str, pairs: Vec<(&'static str, String)>) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert(KIND_PROPERTY.into(), Value::String(kind.into()));
    for (k, v) in pairs {
        if !v.is_empty() {
            m.insert(k.into(), Value::String(v));
        }
    }
    m
}

fn names_props(n: &Names) -> Vec<(&'static str, String)> {
    vec![
        ("name", n.en.clone()),
        ("name_ar", n.ar.clone().unwrap_or_default()),
    ]
}

fn feature(geometry: Value, properties: Map<String, Value>) -> Value {
    json!({ "type": "Feature", "geometry": geometry, "properties": properties })
}

/// One version of an area as a feature: its polygon, or no geometry and its `region` or
/// `places` (ids separated by `;`), with its record time.
pub(crate) fn area_feature(version: &Versioned<Area>) -> Value {
    let a = &version.value;
    let mut p = names_props(&a.names);
    p.extend([("id", a.id.to_string()), ("drawn", a.drawn.clone())]);
    let geometry = match &a.outline {
        Outline::Polygon(mp) => multipolygon_json(mp),
        Outline::Region(r) => {
            p.push(("region", r.to_string()));
            Value::Null
        }
        Outline::Places(ids) => {
            let list: Vec<&str> = ids.iter().map(PlaceId::as_str).collect();
            p.push(("places", list.join(";")));
            Value::Null
        }
    };
    feature(
        geometry,
        props("area", columns::stamped(p, &version.recorded)),
    )
}

/// Writes `history` as one FeatureCollection: the conflict and regions as polygons,
/// places and observations as points (an observation at its place), parties and
/// milestones without geometry. Every feature has a `frontline:kind` property, and its
/// other properties use the CSV column names, so the file imports back unchanged.
///
/// # Errors
/// When writing fails.
pub fn write_geojson(history: &History, out: &mut dyn Write) -> std::io::Result<()> {
    let mut features = Vec::new();
    if let Some(c) = &history.conflict {
        let mut p = names_props(&c.names);
        p.extend([
            ("id", c.id.clone()),
            ("start", c.start.format("%Y-%m-%d").to_string()),
            ("attribution", c.attribution.join(" | ")),
        ]);
        features.push(feature(
            multipolygon_json(&c.boundary),
            props("conflict", p),
        ));
    }
    for r in &history.regions {
        let mut p = names_props(&r.names);
        p.extend([
            ("id", r.id.to_string()),
            ("level", r.level.to_string()),
            (
                "parent",
                r.parent
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
            ),
        ]);
        features.push(feature(multipolygon_json(&r.geometry), props("region", p)));
    }
    for party in &history.parties {
        let row = columns::stamped(columns::party_row(&party.value), &party.recorded);
        features.push(feature(Value::Null, props("party", row)));
    }
    // Observations are drawn where their place is now (its last version).
    let mut at: HashMap<&PlaceId, (f64, f64)> = HashMap::new();
    for version in &history.places {
        let place = &version.value;
        at.insert(&place.id, (place.lon, place.lat));
        let row = columns::place_row(place)
            .into_iter()
            .filter(|(k, _)| !matches!(*k, "lon" | "lat"))
            .collect();
        let row = columns::stamped(row, &version.recorded);
        features.push(feature(
            point_json(place.lon, place.lat),
            props("place", row),
        ));
    }
    for version in &history.areas {
        features.push(area_feature(version));
    }
    let (parties, sources) = columns::observation_width(&history.observations);
    let cols = columns::observation_columns(parties, sources);
    for o in &history.observations {
        let p = row_props(
            "observation",
            &cols,
            columns::observation_row(o, parties, sources),
        );
        let geometry = at
            .get(&o.place)
            .map_or(Value::Null, |(lon, lat)| point_json(*lon, *lat));
        features.push(feature(geometry, p));
    }
    for m in &history.milestones {
        features.push(feature(
            Value::Null,
            props("milestone", columns::milestone_row(m)),
        ));
    }
    for f in &history.figures {
        features.push(feature(
            Value::Null,
            props("figure", columns::figure_row(f)),
        ));
    }
    let sources = columns::sources_width(history.events.iter().map(|e| &e.sources));
    let cols = columns::event_columns(sources);
    for e in &history.events {
        let p = row_props("event", &cols, columns::event_row(e, sources));
        features.push(feature(point_json(e.lon, e.lat), p));
    }
    // A site at a place has no geometry of its own (it is the place's): its `place` says so.
    let sources = columns::sources_width(history.presence.iter().map(|p| &p.sources));
    let cols = columns::presence_columns(sources);
    for record in &history.presence {
        let row: Vec<String> = columns::presence_row(record, sources);
        let p = row_props(
            "presence",
            &cols,
            cols.iter()
                .zip(row)
                .map(|(c, v)| {
                    if matches!(c.as_str(), "lon" | "lat") {
                        String::new()
                    } else {
                        v
                    }
                })
                .collect(),
        );
        let geometry = match record.at {
            Site::Point { lon, lat } => point_json(lon, lat),
            Site::Place(_) => Value::Null,
        };
        features.push(feature(geometry, p));
    }
    let collection = json!({ "type": "FeatureCollection", "features": features });
    serde_json::to_writer(&mut *out, &collection).map_err(std::io::Error::other)?;
    out.write_all(b"\n")
}
