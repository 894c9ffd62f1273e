//! The committed OpenAPI document is what is served, and documents every route.

use crate::fixture::{get, testland};

const COMMITTED: &str = include_str!("../../openapi.json");

#[tokio::test]
async fn the_served_document_is_the_committed_one() {
    let answer = get(&testland(), "/openapi.json").await;
    assert_eq!(answer.status, 200);
    assert_eq!(String::from_utf8_lossy(&answer.body), COMMITTED);
    let v = answer.json();
    assert_eq!(v["openapi"], "3.1.0");
}

#[test]
fn every_route_is_documented() {
    let doc: serde_json::Value = serde_json::from_str(COMMITTED).expect("the document is JSON");
    let paths = doc["paths"].as_object().expect("paths");
    let routes = include_str!("../../src/router.rs");
    let mut documented = 0;
    for line in routes.lines() {
        let Some(rest) = line.trim().strip_prefix(".route(\"") else {
            continue;
        };
        let route = rest.split('"').next().expect("a path");
        let route = route
            .replace("/{y}", "/{y}.mvt")
            .replace("/tiles/{file}", "/tiles/{date}.json");
        assert!(
            paths.contains_key(&route),
            "{route} is documented in openapi.json"
        );
        documented += 1;
    }
    assert!(documented > 20);
    assert!(paths.contains_key("/tiles/{date}.pmtiles"));
}
