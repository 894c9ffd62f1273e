//! Observations about areas, end to end on the synthetic fixtures: imported, applied to the
//! places inside, explained, exported and restored; bad areas refused with nothing stored.

use serde_json::Value;

use crate::db::Db;

const OBS_HEADER: &str =
    "place,date,status,party,party2,source_publisher,source_title,source_url,source_date\n";

/// A FeatureCollection of one area feature with `geometry` (JSON) and extra properties.
fn area(geometry: &str, props: &str) -> String {
    format!(
        r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","geometry":{geometry},"properties":{{"frontline:kind":"area","id":"area-west","name":"The west","drawn":"synthetic: the western half of the test boundary"{props}}}}}]}}"#
    )
}

/// The western half of the synthetic boundary: Alpha (10.5, 10.5) and Delta (10.5, 11.5).
const WEST: &str = r#"{"type":"Polygon","coordinates":[[[10.0,10.0],[11.0,10.0],[11.0,12.0],[10.0,12.0],[10.0,10.0]]]}"#;

fn holders(db: &Db, date: &str) -> Vec<(String, String)> {
    let rows = db.json(&["state", "--date", date, "--format", "json"]);
    rows.as_array()
        .expect("array")
        .iter()
        .map(|r| {
            (
                r["place"].as_str().expect("place").to_owned(),
                r["parties"]
                    .as_array()
                    .and_then(|p| p.first())
                    .and_then(Value::as_str)
                    .unwrap_or("-")
                    .to_owned(),
            )
        })
        .collect()
}

fn holder<'a>(rows: &'a [(String, String)], place: &str) -> &'a str {
    &rows.iter().find(|(p, _)| p == place).expect("listed").1
}

fn seeded_with_west() -> Db {
    let db = Db::seeded();
    let areas = db.write("areas.geojson", area(WEST, ""));
    let obs = db.write(
        "area-obs.csv",
        format!("{OBS_HEADER}area-west,2016-01-01,controlled,green,,Example Wire,Green takes the whole west,https://example.org/area,2016-01-02\n"),
    );
    db.ok(&[
        "import",
        obs.to_str().expect("utf-8"),
        areas.to_str().expect("utf-8"),
    ]);
    db
}

#[test]
fn an_area_observation_colours_the_places_inside_from_its_date() {
    let db = seeded_with_west();
    let before = holders(&db, "2015-12-31");
    let after = holders(&db, "2016-01-01");
    assert_eq!(holder(&after, "alpha"), "green");
    assert_eq!(holder(&after, "delta"), "green");
    // Bravo and Charlie lie east of the outline and keep their state.
    assert_eq!(holder(&after, "bravo"), holder(&before, "bravo"));
    assert_eq!(holder(&after, "charlie"), holder(&before, "charlie"));
    assert_ne!(holder(&before, "alpha"), "green");

    let history = db.json(&["history", "alpha", "--format", "json"]);
    let first = &history.as_array().expect("array")[0];
    assert_eq!(first["area"], "area-west", "{history}");

    let why = db.json(&[
        "why",
        "--date",
        "2016-06-01",
        "--at",
        "10.5,10.5",
        "--format",
        "json",
    ]);
    assert_eq!(why["area"]["id"], "area-west", "{why}");
    let text = why["explanation"].as_str().expect("text");
    assert!(text.contains("area observation about The west"), "{text}");
}

#[test]
fn a_later_observation_of_the_place_wins_over_the_area() {
    let db = seeded_with_west();
    let obs = db.write(
        "later.csv",
        format!("{OBS_HEADER}alpha,2016-03-01,controlled,red,,Example Wire,Red retakes Alpha,https://example.org/later,2016-03-02\n"),
    );
    db.ok(&["import", obs.to_str().expect("utf-8")]);
    let rows = holders(&db, "2016-04-01");
    assert_eq!(holder(&rows, "alpha"), "red");
    assert_eq!(holder(&rows, "delta"), "green");
}

#[test]
fn areas_export_and_restore_to_the_same_answers() {
    let db = seeded_with_west();
    let copy = db.copy_through_csv();
    for date in ["2015-12-31", "2016-01-01", "2017-06-01"] {
        assert_eq!(holders(&db, date), holders(&copy, date), "{date}");
    }
    let exported = db.ok(&["export", "--format", "geojson"]);
    assert!(
        exported.contains(r#""frontline:kind":"area""#),
        "{exported}"
    );
}

#[test]
fn a_named_set_of_places_covers_exactly_those_places() {
    let db = Db::seeded();
    let areas = db.write("set.geojson", area("null", r#","places":"bravo;charlie""#));
    let obs = db.write(
        "set-obs.csv",
        format!("{OBS_HEADER}area-west,2016-01-01,controlled,red,,Example Wire,Red takes Bravo and Charlie,https://example.org/set,2016-01-02\n"),
    );
    db.ok(&[
        "import",
        areas.to_str().expect("utf-8"),
        obs.to_str().expect("utf-8"),
    ]);
    let rows = holders(&db, "2016-02-01");
    assert_eq!(holder(&rows, "bravo"), "red");
    assert_eq!(holder(&rows, "charlie"), "red");
    assert_ne!(holder(&rows, "alpha"), "red");
}

/// Each bad area, and what its error must say.
const BAD: &[(&str, &str, &[&str])] = &[
    (
        "bow-tie",
        r#"{"type":"Polygon","coordinates":[[[10.0,10.0],[11.0,11.0],[11.0,10.0],[10.0,11.0],[10.0,10.0]]]}"#,
        &["crosses or touches itself"],
    ),
    (
        "unclosed",
        r#"{"type":"Polygon","coordinates":[[[10.0,10.0],[11.0,10.0],[11.0,11.0],[10.0,11.0]]]}"#,
        &["not closed"],
    ),
    (
        "three-points",
        r#"{"type":"Polygon","coordinates":[[[10.0,10.0],[11.0,10.0],[10.0,10.0]]]}"#,
        &["at least 4 positions"],
    ),
    (
        "out-of-range",
        r#"{"type":"Polygon","coordinates":[[[10.0,10.0],[191.0,10.0],[11.0,11.0],[10.0,10.0]]]}"#,
        &["not a longitude and latitude"],
    ),
    (
        "outside",
        r#"{"type":"Polygon","coordinates":[[[20.0,20.0],[21.0,20.0],[21.0,21.0],[20.0,21.0],[20.0,20.0]]]}"#,
        &["\"geometry\"", "wholly outside the conflict's boundary"],
    ),
    (
        "hole-outside",
        r#"{"type":"Polygon","coordinates":[[[10.0,10.0],[11.0,10.0],[11.0,11.0],[10.0,11.0],[10.0,10.0]],[[11.5,11.5],[11.8,11.5],[11.8,11.8],[11.5,11.8],[11.5,11.5]]]}"#,
        &["the hole lies outside its polygon's exterior ring"],
    ),
];

#[test]
fn bad_outlines_are_refused_with_file_feature_and_reason() {
    let db = Db::seeded();
    for (name, geometry, expected) in BAD {
        let mut want = vec!["feature 1"];
        want.extend_from_slice(expected);
        db.refuses(&format!("{name}.geojson"), area(geometry, ""), &want);
    }
}

#[test]
fn bad_area_references_are_refused() {
    let db = Db::seeded();
    db.refuses(
        "unknown-region.geojson",
        area("null", r#","region":"XX-NOWHERE""#),
        &["feature 1", "\"region\"", "unknown region \"XX-NOWHERE\""],
    );
    db.refuses(
        "unknown-place.geojson",
        area("null", r#","places":"alpha;nowhere""#),
        &["feature 1", "\"places\"", "unknown place \"nowhere\""],
    );
    db.refuses(
        "empty-set.geojson",
        area("null", r#","places":" ; ""#),
        &["feature 1", "\"places\"", "at least one place"],
    );
    db.refuses(
        "two-outlines.geojson",
        area(WEST, r#","places":"alpha""#),
        &["feature 1", "exactly one outline"],
    );
    db.refuses(
        "no-drawn.geojson",
        area(WEST, "").replace(
            r#","drawn":"synthetic: the western half of the test boundary""#,
            "",
        ),
        &["feature 1", "\"drawn\""],
    );
    db.refuses(
        "place-id.geojson",
        area(WEST, "").replace("area-west", "alpha"),
        &["feature 1", "\"id\"", "the id of a place"],
    );
    db.refuses(
        "unknown-area.csv",
        format!(
            "{OBS_HEADER}area-none,2016-01-01,controlled,green,,W,T,https://e.org,2016-01-02\n"
        ),
        &["line 2", "\"place\"", "unknown place \"area-none\""],
    );
}

#[test]
fn a_region_covers_the_places_inside_it() {
    let db = Db::seeded();
    let region = db.write(
        "region.geojson",
        format!(
            r#"{{"type":"Feature","geometry":{WEST},"properties":{{"id":"R-W","name":"West Province","level":1}}}}"#
        ),
    );
    let areas = db.write("region-area.geojson", area("null", r#","region":"R-W""#));
    let obs = db.write(
        "region-obs.csv",
        format!("{OBS_HEADER}area-west,2016-01-01,controlled,red,,Example Wire,Red holds the West Province,https://example.org/region,2016-01-02\n"),
    );
    db.ok(&[
        "import",
        region.to_str().expect("utf-8"),
        areas.to_str().expect("utf-8"),
        obs.to_str().expect("utf-8"),
    ]);
    let rows = holders(&db, "2016-02-01");
    assert_eq!(holder(&rows, "alpha"), "red");
    assert_eq!(holder(&rows, "delta"), "red");
    assert_ne!(holder(&rows, "bravo"), "red");
}
