//! The JSON Schema of each collection's items (as OGC API Features Part 5 draws it): the
//! properties, their types, and dates typed `format: date` or `date-time`, so that clients
//! (GDAL's OAPIF driver reads it through the collection's `describedby` link) type them
//! as dates even when a page holds no value of them.

use serde_json::{Map, Value, json};

/// A property's type: `string`, `number`, `integer`, `date`, `date-time`, `strings` (an
/// array of strings), `objects` (an array of objects). A property without a value is null.
fn property(kind: &str, description: &str) -> Value {
    let mut p = match kind {
        "date" | "date-time" => json!({ "type": "string", "format": kind }),
        "strings" => json!({ "type": "array", "items": { "type": "string" } }),
        "objects" => json!({ "type": "array", "items": { "type": "object" } }),
        other => json!({ "type": other }),
    };
    p["description"] = json!(description);
    p
}

/// The properties of the items of collection `id`: name, type (as [`property`] reads it),
/// description. An `id` among the properties is the feature's, described once as the
/// feature's `id` (GDAL would list it twice).
fn properties(id: &str) -> &'static [(&'static str, &'static str, &'static str)] {
    const PERIOD: [(&str, &str, &str); 4] = [
        (
            "valid_from",
            "date",
            "The first day of the period the report starts in",
        ),
        (
            "valid_from_precision",
            "string",
            "How precisely the start was reported: day, month or year",
        ),
        (
            "valid_until",
            "date",
            "The last day of the period the report ends in; null while open",
        ),
        (
            "valid_until_precision",
            "string",
            "How precisely the end was reported: day, month or year",
        ),
    ];
    match id {
        "places" => &[
            ("name", "string", "Its English name"),
            ("name_ar", "string", "Its Arabic name"),
            ("kind", "string", "city, town, village, site, ..."),
            ("lon", "number", "Longitude, WGS 84"),
            ("lat", "number", "Latitude, WGS 84"),
            ("population", "integer", "Its population"),
            ("population_year", "integer", "The year of the population"),
            ("region", "string", "The region's id"),
            ("aliases", "strings", "Other names"),
        ],
        "observations" => {
            const OBSERVATION: [(&str, &str, &str); 13] = [
                ("place", "string", "The place's (or area's) id"),
                ("name", "string", "The place's (or area's) English name"),
                (
                    "status",
                    "string",
                    "held, contested, joint, ... (as the formats define)",
                ),
                ("parties", "strings", "The parties' ids"),
                PERIOD[0],
                PERIOD[1],
                PERIOD[2],
                PERIOD[3],
                ("confidence", "string", "low, medium or high"),
                ("note", "string", "The recorder's note"),
                ("sources", "objects", "The sources"),
                ("recorded_at", "date-time", "When it was recorded"),
                ("supersedes", "strings", "The observations it corrects"),
            ];
            &OBSERVATION
        }
        "areas" => &[
            (
                "key",
                "string",
                "A party's id, a contested or joint pair, or unknown",
            ),
            ("kind", "string", "party, contested, joint or unknown"),
            ("name", "string", "The key's English name"),
            ("parties", "strings", "The parties' ids"),
            ("colours", "strings", "The parties' colours (#rrggbb)"),
            ("area_km2", "number", "Its area, km²"),
            ("area_pct", "number", "Its share of the boundary, %"),
            ("date", "date", "The date of the state"),
        ],
        "evidence-areas" => &[
            ("name", "string", "Its English name"),
            ("name_ar", "string", "Its Arabic name"),
            ("outline", "string", "polygon, region or places"),
            ("region", "string", "The region it is, for a region outline"),
            ("drawn", "string", "How the outline was drawn"),
            ("places", "strings", "The places it covers"),
        ],
        "presence" => {
            const PRESENCE: [(&str, &str, &str); 14] = [
                ("force", "string", "The force's party id"),
                ("force_name", "string", "The force's name on the date"),
                ("force_name_ar", "string", "Its Arabic name on the date"),
                ("colour", "string", "The force's colour (#rrggbb)"),
                ("site", "string", "The site's name"),
                (
                    "kind",
                    "string",
                    "air_base, naval_base, garrison, observation_post or base",
                ),
                ("place", "string", "The place the site is at, if any"),
                PERIOD[0],
                PERIOD[1],
                PERIOD[2],
                PERIOD[3],
                ("confidence", "string", "low, medium or high"),
                ("note", "string", "The recorder's note"),
                ("sources", "objects", "The sources"),
            ];
            &PRESENCE
        }
        _ => &[],
    }
}

/// The JSON Schema of the items of collection `id` (one of the collections), at `url`: a
/// GeoJSON Feature whose `properties` are typed. GDAL's OAPIF driver (3.6) reads the fields
/// from the `properties` of such a Feature schema.
#[must_use]
pub(super) fn collection(id: &str, title: &str, url: &str) -> Value {
    let mut map = Map::new();
    for (name, kind, description) in properties(id) {
        map.insert((*name).to_owned(), property(kind, description));
    }
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": url,
        "title": title,
        "type": "object",
        "required": ["type", "geometry", "properties"],
        "properties": {
            "type": { "type": "string", "enum": ["Feature"] },
            "id": { "type": "string", "description": "The feature's id (also an `id` property, where the collection has one)" },
            "geometry": { "type": "object", "description": "A GeoJSON geometry, in CRS84" },
            "properties": { "type": "object", "properties": map },
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_collection_has_a_schema_and_dates_are_typed() {
        for (id, _, _) in super::super::COLLECTIONS {
            assert!(!properties(id).is_empty(), "{id}");
        }
        let s = collection("observations", "Observations", "http://x/schema");
        let p = &s["properties"]["properties"]["properties"];
        assert_eq!(p["valid_from"]["format"], "date");
        assert_eq!(p["recorded_at"]["format"], "date-time");
        assert_eq!(p["status"]["type"], "string");
    }
}
