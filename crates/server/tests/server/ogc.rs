//! OGC API - Features: landing page, conformance, collections and items.

use crate::fixture::{get, json, testland};

#[tokio::test]
async fn the_landing_page_links_conformance_collections_and_the_api_definition() {
    let v = json(&testland(), "/ogc").await;
    let rels: Vec<&str> = v["links"]
        .as_array()
        .expect("links")
        .iter()
        .filter_map(|l| l["rel"].as_str())
        .collect();
    for rel in ["self", "service-desc", "conformance", "data"] {
        assert!(rels.contains(&rel), "{rel} in {rels:?}");
    }
    let c = json(&testland(), "/ogc/conformance").await;
    assert!(c["conformsTo"].as_array().is_some_and(|a| {
        a.iter()
            .any(|x| x.as_str().is_some_and(|s| s.ends_with("/conf/geojson")))
    }));
}

#[tokio::test]
async fn five_collections_are_offered() {
    let app = testland();
    let v = json(&app, "/ogc/collections").await;
    let ids: Vec<&str> = v["collections"]
        .as_array()
        .expect("collections")
        .iter()
        .filter_map(|c| c["id"].as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "places",
            "observations",
            "areas",
            "evidence-areas",
            "presence"
        ]
    );
    let one = json(&app, "/ogc/collections/observations").await;
    assert_eq!(
        one["extent"]["spatial"]["bbox"][0],
        serde_json::json!([10.0, 10.0, 12.0, 12.0])
    );
}

#[tokio::test]
async fn places_filter_by_bbox_and_page_with_limit_and_offset() {
    let app = testland();
    let answer = get(&app, "/ogc/collections/places/items?bbox=10,10,11.2,12").await;
    assert_eq!(
        answer.header(axum::http::header::CONTENT_TYPE),
        "application/geo+json"
    );
    let v = answer.json();
    let ids: Vec<&str> = v["features"]
        .as_array()
        .expect("features")
        .iter()
        .filter_map(|f| f["id"].as_str())
        .collect();
    assert_eq!(ids, ["alpha", "delta", "echo"]);
    assert_eq!(v["numberMatched"], 3);
    let page = json(&app, "/ogc/collections/places/items?limit=2&offset=1").await;
    assert_eq!(page["numberReturned"], 2);
    assert_eq!(page["features"][0]["id"], "bravo");
    let next = page["links"]
        .as_array()
        .expect("links")
        .iter()
        .find(|l| l["rel"] == "next")
        .expect("a next link");
    assert_eq!(
        next["href"],
        "http://frontline.test/ogc/collections/places/items?limit=2&offset=3"
    );
}

#[tokio::test]
async fn observations_filter_by_valid_date_interval() {
    let app = testland();
    let v = json(
        &app,
        "/ogc/collections/observations/items?datetime=2016-01-01/..",
    )
    .await;
    let dates: Vec<&str> = v["features"]
        .as_array()
        .expect("features")
        .iter()
        .filter_map(|f| f["properties"]["valid_from"].as_str())
        .collect();
    // Open-ended observations hold on; only those starting after the interval's end are out.
    assert_eq!(dates.len(), 8);
    let v = json(
        &app,
        "/ogc/collections/observations/items?datetime=../2013-01-01",
    )
    .await;
    let dates: Vec<&str> = v["features"]
        .as_array()
        .expect("features")
        .iter()
        .filter_map(|f| f["properties"]["valid_from"].as_str())
        .collect();
    // A year-precise "2013" may have begun on its first day.
    assert_eq!(dates, ["2012-03-01", "2013-01-01"]);
    let v = json(
        &app,
        "/ogc/collections/observations/items?datetime=2014-06-30T12:00:00Z",
    )
    .await;
    assert_eq!(v["numberMatched"], 5);
}

#[tokio::test]
async fn areas_need_one_date_and_come_with_their_keys_as_ids() {
    let v = json(
        &testland(),
        "/ogc/collections/areas/items?datetime=2015-03-01&cap_km=none",
    )
    .await;
    let ids: Vec<&str> = v["features"]
        .as_array()
        .expect("features")
        .iter()
        .filter_map(|f| f["id"].as_str())
        .collect();
    assert!(ids.contains(&"blue"), "{ids:?}");
    let none = json(
        &testland(),
        "/ogc/collections/areas/items?datetime=2015-03-01&bbox=-10,-10,-5,-5",
    )
    .await;
    assert_eq!(none["numberMatched"], 0);
}

#[tokio::test]
async fn one_feature_is_served_by_its_id() {
    let app = testland();
    let alpha = json(&app, "/ogc/collections/places/items/alpha").await;
    assert_eq!(alpha["type"], "Feature");
    assert_eq!(alpha["properties"]["name"], "Alpha");
    assert_eq!(
        alpha["links"][0]["href"],
        "http://frontline.test/ogc/collections/places/items/alpha"
    );
    let blue = json(
        &app,
        "/ogc/collections/areas/items/blue?datetime=2015-03-01&cap_km=none",
    )
    .await;
    assert_eq!(blue["properties"]["key"], "blue");
    let missing = get(&app, "/ogc/collections/places/items/nowhere").await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.json()["error"]["code"], "unknown_feature");
}

#[tokio::test]
async fn the_areas_reported_on_as_a_whole_are_a_collection() {
    let app = testland();
    let v = json(&app, "/ogc/collections/evidence-areas/items").await;
    let features = v["features"].as_array().expect("features");
    assert_eq!(features.len(), 1);
    assert_eq!(
        features[0]["properties"]["places"],
        serde_json::json!(["alpha", "delta"])
    );
    let east = json(
        &app,
        "/ogc/collections/evidence-areas/items?bbox=11.5,10.0,12.0,12.0",
    )
    .await;
    assert_eq!(east["features"].as_array().expect("features").len(), 0);
}

#[tokio::test]
async fn areas_without_datetime_are_today_s_and_the_description_says_so() {
    let app = testland();
    let today = json(&app, "/ogc/collections/areas/items").await;
    let now = crate::fixture::loaded_at().date_naive().to_string();
    let dated = json(
        &app,
        &format!("/ogc/collections/areas/items?datetime={now}"),
    )
    .await;
    assert_eq!(today["features"], dated["features"]);
    assert!(!today["features"].as_array().expect("features").is_empty());
    let one = json(&app, "/ogc/collections/areas").await;
    assert!(
        one["description"]
            .as_str()
            .expect("text")
            .contains("or none for the current state"),
        "{one}"
    );
}

#[tokio::test]
async fn a_limit_above_the_maximum_is_capped_and_a_3d_bbox_read_by_its_2d_part() {
    let app = testland();
    let capped = json(&app, "/ogc/collections/places/items?limit=20000").await;
    assert_eq!(capped["numberReturned"], 5);
    let next = capped["links"]
        .as_array()
        .expect("links")
        .iter()
        .find(|l| l["rel"] == "self")
        .expect("self");
    assert!(
        next["href"].as_str().expect("href").contains("limit=10000"),
        "{next}"
    );
    let flat = json(&app, "/ogc/collections/places/items?bbox=10,10,11.2,12").await;
    let deep = json(
        &app,
        "/ogc/collections/places/items?bbox=10,10,-100,11.2,12,9000",
    )
    .await;
    assert_eq!(flat["features"], deep["features"]);
}

#[tokio::test]
async fn observation_periods_are_typed_days_with_their_precision() {
    let v = json(
        &testland(),
        "/ogc/collections/observations/items?datetime=../2013-01-01",
    )
    .await;
    let year = v["features"]
        .as_array()
        .expect("features")
        .iter()
        .find(|f| f["properties"]["valid_from_precision"] == "year")
        .expect("the year-precise observation");
    assert_eq!(year["properties"]["valid_from"], "2013-01-01");
    let day = &v["features"][0]["properties"];
    assert_eq!(day["valid_from_precision"], "day");
    assert!(
        day["recorded_at"]
            .as_str()
            .is_some_and(|t| t.ends_with('Z') && t.contains('T')),
        "{day}"
    );
}

#[tokio::test]
async fn each_collection_links_a_json_schema_typing_its_dates() {
    let app = testland();
    let collections = json(&app, "/ogc/collections").await;
    for c in collections["collections"].as_array().expect("collections") {
        let id = c["id"].as_str().expect("id");
        let link = c["links"]
            .as_array()
            .expect("links")
            .iter()
            .find(|l| {
                l["rel"]
                    .as_str()
                    .is_some_and(|r| r.eq_ignore_ascii_case("describedby"))
            })
            .unwrap_or_else(|| panic!("{id} links its schema"));
        assert_eq!(link["type"], "application/schema+json");
        let path = link["href"]
            .as_str()
            .expect("href")
            .trim_start_matches("http://frontline.test");
        let answer = get(&app, path).await;
        assert_eq!(answer.status, 200, "{path}");
        assert_eq!(
            answer.header(axum::http::header::CONTENT_TYPE),
            "application/schema+json"
        );
        let schema = answer.json();
        assert_eq!(schema["properties"]["type"]["enum"][0], "Feature");
        let typed = &schema["properties"]["properties"]["properties"];
        // Every property a served feature has is in the schema.
        let items = json(&app, &format!("/ogc/collections/{id}/items?limit=1")).await;
        if let Some(f) = items["features"][0]["properties"].as_object() {
            // `id` is the feature's id, described as such.
            for name in f.keys().filter(|k| *k != "id") {
                assert!(typed.get(name).is_some(), "{id}: {name} in the schema");
            }
        }
    }
    let typed = |v: serde_json::Value| v["properties"]["properties"]["properties"].clone();
    let observations = typed(json(&app, "/ogc/collections/observations/schema").await);
    assert_eq!(observations["valid_from"]["format"], "date");
    assert_eq!(observations["valid_until"]["format"], "date");
    assert_eq!(observations["recorded_at"]["format"], "date-time");
    let areas = typed(json(&app, "/ogc/collections/areas/schema").await);
    assert_eq!(areas["date"]["format"], "date");
    let missing = get(&app, "/ogc/collections/nothing/schema").await;
    assert_eq!(missing.status, 404);
}

#[tokio::test]
async fn areas_carry_their_date_and_presence_takes_one_date() {
    let app = testland();
    let v = json(&app, "/ogc/collections/areas/items?datetime=2015-03-01").await;
    assert_eq!(v["features"][0]["properties"]["date"], "2015-03-01");
    let presence = json(&app, "/ogc/collections/presence/items?datetime=2015-03-01").await;
    assert_eq!(presence["type"], "FeatureCollection");
    let interval = get(
        &app,
        "/ogc/collections/presence/items?datetime=2015-03-01/2016-01-01",
    )
    .await;
    assert_eq!(interval.status, 400);
    assert!(
        interval.json()["error"]["message"]
            .as_str()
            .expect("text")
            .contains("presence collection takes `datetime` as one date"),
    );
}
