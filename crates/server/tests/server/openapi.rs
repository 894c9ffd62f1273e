//! The committed OpenAPI document is what is served, and documents every route.

use crate::fixture::{get, testland};

const COMMITTED: &str = include_str!("../../openapi.json");

#[tokio::test]
async fn the_served_document_is_the_committed_one() {
    let answer = get(&testland(), "/openapi.json").await;
    assert_eq!(answer.status, 200);
    assert_eq!(String::from_utf8_lossy(&answer.body), COMMITTED);
    let v = answer.json();
    assert_eq!(v["openapi"], "3.0.3");
}

/// The OGC landing page declares the `oas30` conformance class: the document is OpenAPI 3.0
/// (no construct only 3.1 has) and is served with the 3.0 content type that the landing
/// page's `service-desc` link names (GDAL's OAPIF driver checks it).
#[tokio::test]
async fn the_document_is_openapi_3_0_as_the_conformance_class_says() {
    fn only_3_0(v: &serde_json::Value, at: &str) {
        match v {
            serde_json::Value::Object(map) => {
                for (k, x) in map {
                    assert!(k != "const", "`const` (3.1 only) at {at}");
                    assert!(
                        !(k == "type" && x.is_array()),
                        "a type list (3.1 only) at {at}"
                    );
                    only_3_0(x, &format!("{at}/{k}"));
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|x| only_3_0(x, at)),
            _ => {}
        }
    }
    let doc: serde_json::Value = serde_json::from_str(COMMITTED).expect("the document is JSON");
    only_3_0(&doc, "");
    assert!(
        doc["info"].get("summary").is_none(),
        "info.summary is 3.1 only"
    );
    assert!(
        doc["info"]["license"].get("identifier").is_none(),
        "license.identifier is 3.1 only"
    );
    let app = testland();
    let served = get(&app, "/openapi.json").await;
    let content_type = served.header(axum::http::header::CONTENT_TYPE).to_owned();
    assert_eq!(content_type, "application/vnd.oai.openapi+json;version=3.0");
    let landing = get(&app, "/ogc").await.json();
    let desc = landing["links"]
        .as_array()
        .expect("links")
        .iter()
        .find(|l| l["rel"] == "service-desc")
        .expect("a service-desc link");
    assert_eq!(desc["type"], content_type.as_str());
    let conformance = get(&app, "/ogc/conformance").await.json();
    assert!(
        conformance["conformsTo"]
            .as_array()
            .expect("classes")
            .iter()
            .any(|c| c.as_str().is_some_and(|c| c.ends_with("/conf/oas30")))
    );
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
