//! Every kind of bad input answers 4xx with `{ "error": { "code", "message" } }` naming
//! what was wrong.

use axum::http::{StatusCode, header};

use crate::fixture::{get, testland};

/// (request, status, code, words the message must contain)
const CASES: &[(&str, u16, &str, &str)] = &[
    ("/api/stats", 400, "missing_parameter", "`date`"),
    (
        "/api/stats?date=2017-13-01",
        400,
        "invalid_date",
        "date=2017-13-01",
    ),
    (
        "/api/stats?date=yesterday",
        400,
        "invalid_date",
        "YYYY-MM-DD",
    ),
    (
        "/api/stats?date=20171-01-01",
        400,
        "invalid_date",
        "date=20171-01-01",
    ),
    (
        "/api/stats?date=2015-01-01&known_at=soon",
        400,
        "invalid_date",
        "known_at=soon",
    ),
    (
        "/api/stats?date=2015-01-01&cap_km=far",
        400,
        "invalid_parameter",
        "cap_km=far",
    ),
    (
        "/api/stats?date=2015-01-01&cap_km=-3",
        400,
        "invalid_parameter",
        "cap_km",
    ),
    (
        "/api/stats?date=2015-01-01&band_km=none",
        400,
        "invalid_parameter",
        "band_km=none",
    ),
    (
        "/api/stats?date=2015-01-01&stale_days=1.5",
        400,
        "invalid_parameter",
        "stale_days",
    ),
    (
        "/api/stats?date=2015-01-01&by=province",
        400,
        "invalid_parameter",
        "by=province",
    ),
    (
        "/api/series?from=2015-01-01&to=2014-01-01",
        400,
        "invalid_period",
        "after",
    ),
    (
        "/api/series?from=1900-01-01&to=2099-12-31&step=day",
        400,
        "invalid_date",
        "`from=1900-01-01`: before the conflict's start (2011-01-01)",
    ),
    (
        "/api/series?from=2012-01-01&to=2999-01-01",
        400,
        "invalid_date",
        "`to=2999-01-01`: more than a year after today",
    ),
    (
        "/api/diff?from=1999-12-31&to=2015-01-01",
        400,
        "invalid_date",
        "`from=1999-12-31`: before the conflict's start",
    ),
    (
        "/tiles/2999-01-01/8/150/100.mvt",
        400,
        "invalid_date",
        "more than a year after today",
    ),
    (
        "/api/series?from=2014-01-01&to=2015-01-01&step=hour",
        400,
        "invalid_parameter",
        "step=hour",
    ),
    (
        "/api/diff?from=talks-9&to=2015-01-01",
        400,
        "invalid_date",
        "milestone",
    ),
    (
        "/api/why?date=2015-01-01&lon=abc&lat=10",
        400,
        "invalid_coordinate",
        "lon=abc",
    ),
    (
        "/api/why?date=2015-01-01&lon=10&lat=95",
        400,
        "invalid_coordinate",
        "lat=95",
    ),
    (
        "/api/why?date=2015-01-01&lon=50&lat=50",
        404,
        "outside_boundary",
        "outside",
    ),
    (
        "/api/places/nowhere/history",
        404,
        "unknown_place",
        "nowhere",
    ),
    (
        "/api/map?date=2015-01-01&format=gif",
        400,
        "invalid_parameter",
        "format=gif",
    ),
    (
        "/api/map?date=2015-01-01&size=a2",
        400,
        "invalid_parameter",
        "size=a2",
    ),
    (
        "/api/map?date=2015-01-01&size=20000x20000&format=png",
        400,
        "too_large",
        "pixels",
    ),
    (
        "/api/map?date=2015-01-01&lang=fr",
        400,
        "invalid_parameter",
        "lang=fr",
    ),
    (
        "/api/map?date=2015-01-01&compare=someday",
        400,
        "invalid_date",
        "compare=someday",
    ),
    (
        "/tiles/2015-01-01/3/9/1.mvt",
        400,
        "invalid_tile",
        "below 8",
    ),
    (
        "/tiles/2015-01-01/25/0/0.mvt",
        400,
        "invalid_tile",
        "zoom 25",
    ),
    ("/tiles/2015-01-01/x/0/0.mvt", 400, "invalid_tile", "\"x\""),
    ("/tiles/2015-01-01/0/0/0.png", 404, "not_found", ".mvt"),
    ("/tiles/2015-02-30.json", 400, "invalid_date", "2015-02-30"),
    ("/tiles/2015-01-01.zip", 404, "not_found", "pmtiles"),
    ("/ogc/collections/roads", 404, "unknown_collection", "roads"),
    (
        "/ogc/collections/places/items?limit=0",
        400,
        "invalid_parameter",
        "limit=0",
    ),
    (
        "/ogc/collections/places/items?bbox-crs=EPSG:4326",
        400,
        "unknown_parameter",
        "CRS84",
    ),
    (
        "/ogc/collections/places/items?colour=red",
        400,
        "unknown_parameter",
        "`colour`",
    ),
    (
        "/ogc/collections/places/items?limit=ten",
        400,
        "invalid_parameter",
        "limit=ten",
    ),
    (
        "/ogc/collections/places/items?bbox=1,2,3",
        400,
        "invalid_bbox",
        "four numbers",
    ),
    (
        "/ogc/collections/places/items?bbox=12,10,10,12",
        400,
        "invalid_bbox",
        "west",
    ),
    (
        "/ogc/collections/places/items?bbox=0,0,200,10",
        400,
        "invalid_bbox",
        "-180..180",
    ),
    (
        "/ogc/collections/observations/items?datetime=2015-13-01",
        400,
        "invalid_datetime",
        "datetime=2015-13-01",
    ),
    (
        "/ogc/collections/observations/items?datetime=2016-01-01/2015-01-01",
        400,
        "invalid_datetime",
        "ends before",
    ),
    (
        "/ogc/collections/areas/items?datetime=2014-01-01/2015-01-01",
        400,
        "invalid_datetime",
        "one date",
    ),
    ("/no/such/page", 404, "not_found", "/no/such/page"),
];

#[tokio::test]
async fn every_kind_of_bad_input_gets_a_4xx_json_error_naming_it() {
    let app = testland();
    for &(uri, status, code, words) in CASES {
        let answer = get(&app, uri).await;
        assert_eq!(
            answer.status.as_u16(),
            status,
            "{uri}: {}",
            String::from_utf8_lossy(&answer.body)
        );
        let v = answer.json();
        assert_eq!(v["error"]["code"], code, "{uri}: {v}");
        let message = v["error"]["message"].as_str().unwrap_or_default();
        assert!(
            message.contains(words),
            "{uri}: {message:?} should mention {words:?}"
        );
        assert!(
            answer
                .header(axum::http::header::CONTENT_TYPE)
                .starts_with("application/json"),
            "{uri}"
        );
    }
}

#[tokio::test]
async fn a_record_time_before_any_evidence_is_a_404_not_a_500() {
    let answer = get(
        &testland(),
        "/api/stats?date=2015-01-01&known_at=2012-01-01",
    )
    .await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_eq!(answer.json()["error"]["code"], "no_evidence");
}

#[tokio::test]
async fn other_methods_than_get_are_refused_with_a_json_error() {
    let app = testland();
    let request = axum::http::Request::post("/api/stats?date=2015-01-01")
        .body(axum::body::Body::empty())
        .expect("a request");
    let response = tower::ServiceExt::oneshot(frontline_server::router(app), request)
        .await
        .expect("infallible");
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("a body");
    let v: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
    assert_eq!(v["error"]["code"], "method_not_allowed");
}

/// A crowd beyond the derivation slots and the queue is answered 503 with `Retry-After` and
/// the JSON error body; the others are answered in full.
#[tokio::test]
async fn a_crowd_beyond_the_queue_gets_503_with_retry_after_as_json() {
    use std::num::NonZeroUsize;
    use std::time::Duration;

    let app = crate::fixture::testland_with(|o| {
        o.derivations = NonZeroUsize::MIN;
        o.queue = 0;
        o.queue_wait = Duration::ZERO;
    });
    let mut crowd = tokio::task::JoinSet::new();
    for day in 1..=24 {
        let app = app.clone();
        crowd.spawn(async move { get(&app, &format!("/api/areas?date=2016-01-{day:02}")).await });
    }
    let (mut ok, mut busy) = (0, 0);
    while let Some(answer) = crowd.join_next().await {
        let answer = answer.expect("joins");
        match answer.status {
            StatusCode::OK => ok += 1,
            StatusCode::SERVICE_UNAVAILABLE => {
                busy += 1;
                assert_eq!(answer.header(header::RETRY_AFTER), "2");
                assert_eq!(answer.json()["error"]["code"], "busy");
            }
            other => panic!("only 200 and 503 are expected, got {other}"),
        }
    }
    assert!(ok >= 1, "the first is answered");
    assert!(
        busy >= 1,
        "a crowd of 24 on one slot and no queue is refused in part"
    );
}

/// Requests the HTTP layer itself refuses (a path that is not UTF-8, a malformed query,
/// other methods, bodies where none is taken) are answered in the same JSON error shape as
/// every other error, never as plain text or an empty body.
#[tokio::test]
async fn errors_of_the_http_layer_are_json_too() {
    let app = testland();
    let requests: &[(&str, &str, &str)] = &[
        ("GET", "/api/places/%FF%FE/history", ""),
        ("GET", "/api/evidence-areas/%C3%28", ""),
        ("GET", "/ogc/collections/%FF", ""),
        ("GET", "/ogc/collections/places/items/%FF", ""),
        ("GET", "/tiles/%FF.json", ""),
        ("GET", "/tiles/2015-01-01/%FF/0/0.mvt", ""),
        ("GET", "/api/stats?date=%FF", ""),
        ("GET", "/api/stats?%ZZ=%", ""),
        ("GET", "/api/nothing-here", ""),
        ("POST", "/api/stats?date=2015-01-01", "{\"a\":1}"),
        ("PUT", "/", "x"),
        ("DELETE", "/api/conflict", ""),
        ("PATCH", "/tiles/2015-01-01.json", ""),
        ("TRACE", "/", ""),
        ("POST", "/ogc/collections/places/items", ""),
    ];
    for &(method, uri, body) in requests {
        let request = axum::http::Request::builder()
            .method(method)
            .uri(uri)
            .header(header::HOST, "frontline.test")
            .body(axum::body::Body::from(body.to_owned()))
            .expect("a request");
        let response = tower::ServiceExt::oneshot(frontline_server::router(app.clone()), request)
            .await
            .expect("infallible");
        let status = response.status();
        let content_type = response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("a body");
        assert!(
            status.is_client_error(),
            "{method} {uri}: {status} {}",
            String::from_utf8_lossy(&bytes)
        );
        assert!(
            content_type.starts_with("application/json"),
            "{method} {uri}: {status} {content_type:?} {}",
            String::from_utf8_lossy(&bytes)
        );
        let v: serde_json::Value = serde_json::from_slice(&bytes)
            .unwrap_or_else(|e| panic!("{method} {uri}: not JSON ({e})"));
        let message = v["error"]["message"].as_str().unwrap_or_default();
        assert!(
            v["error"]["code"].is_string() && !message.is_empty(),
            "{method} {uri}: {v}"
        );
        assert!(
            !message.chars().any(char::is_control) && message.len() < 400,
            "{method} {uri}: {message:?}"
        );
    }
}
