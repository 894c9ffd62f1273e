//! The JSON API answers with the CLI's contracts.

use crate::fixture::{get, json, testland};

const K: &str = "known_at=2030-01-01";

/// Numbers to 3 decimals, so that snapshots pin the contract, not the last bits of the
/// geometry.
fn rounded(v: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::Number(n) if n.is_f64() => n.as_f64().map_or(Value::Null, |f| {
            serde_json::json!((f * 1000.0).round() / 1000.0)
        }),
        Value::Array(a) => Value::Array(a.iter().map(rounded).collect()),
        Value::Object(o) => Value::Object(o.iter().map(|(k, x)| (k.clone(), rounded(x))).collect()),
        other => other.clone(),
    }
}

#[tokio::test]
async fn conflict_names_its_bbox_and_start() {
    let v = json(&testland(), "/api/conflict").await;
    assert_eq!(v["id"], "testland");
    assert_eq!(v["start"], "2011-01-01");
    assert_eq!(v["bbox"], serde_json::json!([10.0, 10.0, 12.0, 12.0]));
    assert!(v["today"].as_str().is_some_and(|d| d.len() == 10));
}

#[tokio::test]
async fn boundary_and_regions_are_geojson() {
    let app = testland();
    let b = json(&app, "/api/boundary").await;
    assert_eq!(b["type"], "Feature");
    assert_eq!(b["geometry"]["type"], "MultiPolygon");
    let r = json(&app, "/api/regions").await;
    assert_eq!(r["type"], "FeatureCollection");
}

#[tokio::test]
async fn lists_of_parties_places_and_milestones() {
    let app = testland();
    let parties = json(&app, "/api/parties").await;
    assert_eq!(parties.as_array().map(Vec::len), Some(3));
    assert_eq!(parties[0]["id"], "blue");
    assert_eq!(parties[0]["colour"], "#1f78b4");
    let places = json(&app, "/api/places").await;
    assert_eq!(places.as_array().map(Vec::len), Some(5));
    assert_eq!(places[0]["population"], 500_000);
    let milestones = json(&app, "/api/milestones").await;
    assert_eq!(milestones[0]["id"], "talks-1");
    assert_eq!(milestones[0]["end"], "2013-01-12");
}

#[tokio::test]
async fn a_place_history_is_newest_first_with_sources() {
    let v = json(&testland(), "/api/places/alpha/history").await;
    let dates: Vec<&str> = v
        .as_array()
        .expect("an array")
        .iter()
        .filter_map(|o| o["date"].as_str())
        .collect();
    assert_eq!(dates, ["2014-06", "2012-03-01"]);
    assert_eq!(v[0]["sources"][0]["publisher"], "Example Wire");
    assert!(v[0]["superseded_by"].as_array().is_some_and(Vec::is_empty));
}

#[tokio::test]
async fn hostile_labels_come_back_as_plain_json_strings() {
    let app = testland();
    let answer = get(&app, "/api/places").await;
    assert!(
        answer
            .header(axum::http::header::CONTENT_TYPE)
            .starts_with("application/json")
    );
    let places = answer.json();
    let echo = places
        .as_array()
        .and_then(|a| a.iter().find(|p| p["id"] == "echo"))
        .expect("echo is listed");
    assert_eq!(echo["name"], "<script>alert(1)</script>");
    assert_eq!(echo["name_ar"], "<img src=x onerror=alert(1)>");
    let history = json(&app, "/api/places/echo/history").await;
    assert_eq!(history[1]["note"], "<script>alert(3)</script>");
    assert_eq!(
        history[1]["sources"][0]["title"],
        "<script>alert(2)</script>"
    );
    assert_eq!(
        answer.header(axum::http::header::X_CONTENT_TYPE_OPTIONS),
        "nosniff"
    );
    // Any site may embed the (read-only) viewer unless the server is told otherwise.
    assert_eq!(
        answer.header(axum::http::header::CONTENT_SECURITY_POLICY),
        "frame-ancestors *"
    );
}

#[tokio::test]
async fn evidence_histogram_counts_observations_per_month_with_empty_months() {
    let v = json(&testland(), "/api/evidence-histogram").await;
    let rows = v.as_array().expect("an array");
    assert_eq!(rows[0]["month"], "2011-01");
    assert_eq!(
        rows.iter()
            .filter_map(|r| r["observations"].as_u64())
            .sum::<u64>(),
        8
    );
    assert_eq!(
        rows.last().map(|r| r["month"].clone()),
        Some("2016-04".into())
    );
    let june_2014 = rows
        .iter()
        .find(|r| r["month"] == "2014-06")
        .expect("June 2014 listed");
    assert_eq!(june_2014["observations"], 1);
}

#[tokio::test]
async fn state_lists_every_place_with_its_deciding_observation() {
    let v = json(&testland(), &format!("/api/state?date=2015-03-01&{K}")).await;
    let alpha = v
        .as_array()
        .and_then(|a| a.iter().find(|r| r["place"] == "alpha"))
        .expect("alpha");
    assert_eq!(alpha["status"], "controlled");
    assert_eq!(alpha["parties"], serde_json::json!(["blue"]));
    assert_eq!(alpha["since"], "2014-06");
}

#[tokio::test]
async fn stats_match_the_cli_contract() {
    let v = json(
        &testland(),
        &format!("/api/stats?date=2015-03-01&{K}&cap_km=none&band_km=0"),
    )
    .await;
    insta::assert_json_snapshot!("stats_2015_03_01", rounded(&v));
    let total: f64 = v["parties"]
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(|r| r["area_pct"].as_f64())
        .sum();
    assert!((total - 100.0).abs() < 0.01, "shares sum to {total}");
    assert!(v["regions"].as_array().is_some_and(Vec::is_empty));
}

#[tokio::test]
async fn the_method_is_echoed_with_its_parameters() {
    let v = json(
        &testland(),
        &format!(
            "/api/stats?date=2015-03-01&{K}&cap_km=50&band_km=3&stale_days=400&effective_km=2"
        ),
    )
    .await;
    assert_eq!(
        v["method"],
        serde_json::json!({ "name": "nearest", "cap_km": 50.0, "band_km": 3.0, "stale_days": 400, "effective_km": 2.0 })
    );
}

#[tokio::test]
async fn series_steps_by_month() {
    let v = json(
        &testland(),
        &format!("/api/series?from=2014-01-01&to=2014-12-31&step=month&{K}"),
    )
    .await;
    let points = v["points"].as_array().expect("points");
    assert_eq!(points.len(), 12);
    assert_eq!(points[5]["date"], "2014-06-01");
    assert_eq!(v["from"], "2014-01-01");
}

#[tokio::test]
async fn diff_takes_milestone_ids() {
    let v = json(
        &testland(),
        &format!("/api/diff?from=talks-1&to=talks-2&{K}"),
    )
    .await;
    assert_eq!(v["from"], "2013-01-10");
    assert_eq!(v["to"], "2016-01-10");
    let changed: Vec<&str> = v["places"]
        .as_array()
        .expect("places")
        .iter()
        .filter_map(|p| p["place"].as_str())
        .collect();
    assert!(changed.contains(&"alpha"), "{changed:?}");
}

#[tokio::test]
async fn why_names_the_place_and_its_evidence() {
    let v = json(
        &testland(),
        &format!("/api/why?date=2015-03-01&lon=10.4&lat=10.4&{K}"),
    )
    .await;
    assert_eq!(v["place"], "alpha");
    assert_eq!(v["key"], "blue");
    assert_eq!(v["evidence"]["sources"][0]["url"], "https://example.org/2");
}

#[tokio::test]
async fn areas_and_front_lines_are_feature_collections() {
    let app = testland();
    let answer = get(&app, &format!("/api/areas?date=2015-03-01&{K}&cap_km=none")).await;
    assert_eq!(
        answer.header(axum::http::header::CONTENT_TYPE),
        "application/geo+json"
    );
    let areas = answer.json();
    assert_eq!(areas["type"], "FeatureCollection");
    let keys: Vec<&str> = areas["features"]
        .as_array()
        .expect("features")
        .iter()
        .filter_map(|f| f["properties"]["key"].as_str())
        .collect();
    assert!(
        keys.contains(&"blue") && keys.contains(&"green"),
        "{keys:?}"
    );
    let lines = json(
        &app,
        &format!("/api/frontlines?date=2015-03-01&{K}&cap_km=none"),
    )
    .await;
    assert!(lines["features"].as_array().is_some_and(|f| !f.is_empty()));
}

#[tokio::test]
async fn the_viewer_or_its_placeholder_is_served_at_the_root() {
    let answer = get(&testland(), "/").await;
    assert_eq!(answer.status, 200);
    assert!(
        answer
            .header(axum::http::header::CONTENT_TYPE)
            .starts_with("text/html")
    );
    assert!(String::from_utf8_lossy(&answer.body).contains("<html"));
}

#[tokio::test]
async fn the_map_is_drawn_as_svg_png_and_pdf_with_labels_escaped() {
    let app = testland();
    let svg = get(&app, &format!("/api/map?date=2015-03-01&{K}&size=800x600")).await;
    assert_eq!(svg.status, 200, "{}", String::from_utf8_lossy(&svg.body));
    assert_eq!(
        svg.header(axum::http::header::CONTENT_TYPE),
        "image/svg+xml"
    );
    let text = String::from_utf8_lossy(&svg.body);
    assert!(
        text.contains("<svg") && !text.contains("<script>alert"),
        "labels are escaped"
    );
    let png = get(
        &app,
        &format!("/api/map?date=2015-03-01&{K}&size=400x300&format=png&lang=ar&compare=talks-1"),
    )
    .await;
    assert_eq!(png.status, 200);
    assert_eq!(&png.body[1..4], b"PNG");
    let pdf = get(
        &app,
        &format!("/api/map?date=2015-03-01&{K}&size=400x300&format=pdf"),
    )
    .await;
    assert_eq!(&pdf.body[..4], b"%PDF");
}

#[tokio::test]
async fn the_toll_of_a_period_comes_from_the_events_layer() {
    let land = testland();
    let toll = json(&land, "/api/toll?from=2012-01-01&to=2016-12-31&by=month").await;
    assert_eq!(toll["by"], "month");
    assert_eq!(
        toll["total"]["events"], 0,
        "the synthetic fixture has no events"
    );
    assert!(toll["rows"].as_array().expect("rows").is_empty());
    let bad = get(&land, "/api/toll?from=2016-01-01&to=2015-01-01").await;
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json()["error"]["code"], "invalid_period");
    let bad = get(&land, "/api/toll?from=2015-01-01&to=2016-01-01&by=weekday").await;
    assert_eq!(bad.status, 400);
}

#[tokio::test]
async fn evidence_areas_give_their_outline_how_it_was_drawn_and_their_places() {
    let app = testland();
    let all = json(&app, "/api/evidence-areas").await;
    let features = all["features"].as_array().expect("features");
    assert_eq!(features.len(), 1);
    let west = &features[0];
    assert_eq!(west["id"], "area-west");
    assert_eq!(west["geometry"]["type"], "MultiPolygon");
    assert_eq!(west["properties"]["outline"], "polygon");
    assert_eq!(
        west["properties"]["places"],
        serde_json::json!(["alpha", "delta"])
    );
    assert!(
        west["properties"]["drawn"]
            .as_str()
            .expect("text")
            .contains("western strip")
    );
    let one = json(&app, "/api/evidence-areas/area-west").await;
    assert_eq!(one["properties"]["name"], "The west");
    let missing = get(&app, "/api/evidence-areas/nowhere").await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.json()["error"]["code"], "unknown_area");
}

#[tokio::test]
async fn why_lists_the_foreign_forces_within_10_km_apart_from_the_colour() {
    let app = testland();
    // 4.4 km from Alpha, whose air base (Red's) stands there from 2012-01.
    let v = json(
        &app,
        &format!("/api/why?date=2015-03-01&lon=10.46&lat=10.48&{K}"),
    )
    .await;
    assert_eq!(v["key"], "blue", "Red's base does not make the land Red's");
    let near = v["presence"].as_array().expect("presence");
    assert_eq!(near.len(), 1, "{v}");
    assert_eq!(near[0]["force"], "red");
    assert_eq!(near[0]["site"], "Alpha air base");
    assert_eq!(near[0]["kind"], "air_base");
    let km = near[0]["distance_km"].as_f64().expect("km");
    assert!((km - 4.9).abs() < 0.1, "{km}");
    assert_eq!(near[0]["sources"][0]["url"], "https://example.org/p1");
    assert!(
        !v["explanation"]
            .as_str()
            .expect("text")
            .contains("Alpha air base")
    );
    let far = json(
        &app,
        &format!("/api/why?date=2015-03-01&lon=10.2&lat=10.2&{K}"),
    )
    .await;
    assert_eq!(far["presence"], serde_json::json!([]));
}

#[tokio::test]
async fn the_print_map_and_the_briefing_draw_a_symbol_per_force_with_a_legend() {
    let app = testland();
    let svg = get(&app, &format!("/api/map?date=2015-03-01&{K}&size=800x600")).await;
    let text = String::from_utf8_lossy(&svg.body);
    let symbols = &text[text.find("<g class=\"presence\">").expect("symbols")..];
    let symbols = &symbols[..symbols.find("</g>").expect("closed")];
    // Red's air base and Blue's post, each in its force's colour.
    assert!(symbols.contains("fill=\"#e31a1c\"") && symbols.contains("fill=\"#1f78b4\""));
    assert!(text.contains(">Sites of foreign forces (presence, not control)</text>"));
    assert!(text.contains(">Red Force</text>") && text.contains(">Blue Front</text>"));
    assert!(
        text.contains("presence is not control"),
        "the attribution says so"
    );
    // Before any site (Red's base holds from the end of January 2012).
    let early = get(&app, &format!("/api/map?date=2012-01-15&{K}&size=800x600")).await;
    assert!(!String::from_utf8_lossy(&early.body).contains("class=\"presence"));
    // Arabic: the force's Arabic name, under an Arabic heading.
    let ar = get(
        &app,
        &format!("/api/map?date=2015-03-01&{K}&size=800x600&lang=ar"),
    )
    .await;
    let ar = String::from_utf8_lossy(&ar.body);
    assert!(
        ar.contains("القوة الحمراء") && ar.contains("وجود لا سيطرة"),
        "{ar}"
    );
    // The briefing's two maps are print maps of the round's date: both show the sites.
    let brief = get(&app, "/brief/talks-2").await;
    let html = String::from_utf8_lossy(&brief.body);
    assert_eq!(
        html.matches("class=\"presence-legend\"").count(),
        2,
        "{html}"
    );
}
