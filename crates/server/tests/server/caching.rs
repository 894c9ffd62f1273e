//! ETags, 304s and the immutable-caching rule.

use axum::http::StatusCode;
use axum::http::header::{CACHE_CONTROL, ETAG, IF_NONE_MATCH};

use crate::fixture::{get, get_with, testland};

#[tokio::test]
async fn every_get_has_an_etag_and_a_matching_if_none_match_gets_304() {
    let app = testland();
    for uri in [
        "/api/conflict",
        "/api/stats?date=2015-01-01",
        "/tiles/2015-01-01/5/16/15.mvt",
        "/ogc/collections/places/items",
    ] {
        let first = get(&app, uri).await;
        assert_eq!(first.status, StatusCode::OK, "{uri}");
        let tag = first.header(ETAG).to_owned();
        assert!(
            tag.trim_start_matches("W/").starts_with('"') && tag.len() > 4,
            "{uri}: {tag:?}"
        );
        let again = get_with(&app, uri, &[(IF_NONE_MATCH, &tag)]).await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{uri}");
        assert!(again.body.is_empty());
        assert_eq!(again.header(ETAG), tag);
        let other = get_with(&app, uri, &[(IF_NONE_MATCH, "\"0000\"")]).await;
        assert_eq!(other.status, StatusCode::OK, "{uri}");
    }
}

#[tokio::test]
async fn answers_as_known_at_an_explicit_past_time_are_immutable() {
    let app = testland();
    let settled = get(&app, "/api/stats?date=2015-01-01&known_at=2029-12-31").await;
    assert_eq!(
        settled.header(CACHE_CONTROL),
        "public, max-age=31536000, immutable"
    );
    let tile = get(&app, "/tiles/2015-01-01/5/16/15.mvt?known_at=2029-12-31").await;
    assert_eq!(
        tile.header(CACHE_CONTROL),
        "public, max-age=31536000, immutable"
    );
}

#[tokio::test]
async fn answers_as_known_now_or_in_the_future_are_short_lived() {
    let app = testland();
    let now = get(&app, "/api/stats?date=2015-01-01").await;
    assert_eq!(now.header(CACHE_CONTROL), "public, max-age=300");
    let future = get(&app, "/api/stats?date=2015-01-01&known_at=2099-01-01").await;
    assert_eq!(future.header(CACHE_CONTROL), "public, max-age=300");
    let list = get(&app, "/api/places").await;
    assert_eq!(list.header(CACHE_CONTROL), "public, max-age=300");
}

#[tokio::test]
async fn equal_bodies_have_equal_etags_and_different_dates_differ() {
    let app = testland();
    let a = get(&app, "/api/stats?date=2015-01-01&known_at=2029-12-31").await;
    let b = get(&app, "/api/stats?date=2015-01-01&known_at=2029-12-31").await;
    let c = get(&app, "/api/stats?date=2012-06-01&known_at=2029-12-31").await;
    assert_eq!(a.header(ETAG), b.header(ETAG));
    assert_ne!(a.header(ETAG), c.header(ETAG));
}

#[tokio::test]
async fn any_origin_may_read_the_api() {
    let answer = get_with(
        &testland(),
        "/api/conflict",
        &[(axum::http::header::ORIGIN, "https://example.org")],
    )
    .await;
    assert_eq!(
        answer.header(axum::http::header::ACCESS_CONTROL_ALLOW_ORIGIN),
        "*"
    );
}

#[tokio::test]
async fn head_answers_headers_without_a_body() {
    let request = axum::http::Request::head("/api/conflict")
        .body(axum::body::Body::empty())
        .expect("a request");
    let response = tower::ServiceExt::oneshot(frontline_server::router(testland()), request)
        .await
        .expect("infallible");
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers().contains_key(ETAG));
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("a body");
    assert!(body.is_empty());
}
