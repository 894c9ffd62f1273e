//! The synthetic Testland store and helpers to ask the router.

use std::path::Path;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use chrono::{TimeZone as _, Utc};
use frontline_atlas::Atlas;
use frontline_formats::{Defaults, Record, read_geojson_str};
use frontline_model::Recorded;
use frontline_server::{App, AppOptions, router};
use frontline_store::{SqliteStore, Store as _};
use serde_json::Value;
use tower::ServiceExt as _;

/// When the test server "loaded" its evidence: after every fixture record.
pub(crate) fn loaded_at() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2030, 1, 1, 0, 0, 0)
        .single()
        .expect("a valid time")
}

/// Testland (synthetic): five places, three parties, eight observations, two rounds of
/// talks, from `tests/fixtures/synthetic.geojson`, and two foreign forces' sites from
/// `tests/fixtures/presence.geojson`.
pub(crate) fn testland() -> App {
    testland_with(|_| {})
}

/// Testland served with options changed by `change`.
pub(crate) fn testland_with(change: impl FnOnce(&mut AppOptions)) -> App {
    let text = include_str!("../fixtures/synthetic.geojson");
    let defaults = Defaults {
        recorded_at: loaded_at(),
        recorded_by: "synthetic".into(),
    };
    let mut records = read_geojson_str(Path::new("synthetic.geojson"), text, &defaults)
        .expect("the fixture parses");
    records.extend(
        read_geojson_str(
            Path::new("presence.geojson"),
            include_str!("../fixtures/presence.geojson"),
            &defaults,
        )
        .expect("the presence fixture parses"),
    );
    let mut store = SqliteStore::in_memory().expect("an in-memory store opens");
    let mut w = store
        .writer(Recorded {
            at: loaded_at(),
            by: "synthetic".into(),
        })
        .expect("a writer");
    let mut records: Vec<Record> = records.into_iter().map(|l| l.record).collect();
    records.sort_by_key(Record::rank);
    for r in &records {
        match r {
            Record::Conflict(c) => w.set_conflict(c),
            Record::Region(x) => w.add_region(x),
            Record::Party(x) => w.add_party(x),
            Record::Place(x) => w.add_place(x),
            Record::Area(x) => w.add_area(x),
            Record::Observation(x) => w.add_observation(x),
            Record::Milestone(x) => w.add_milestone(x),
            Record::Presence(x) => w.add_presence(x),
            _ => continue,
        }
        .expect("the fixture's records store");
    }
    w.commit().expect("commits");
    let atlas = Atlas::load(&store).expect("the atlas loads");
    let mut options = AppOptions {
        now: loaded_at(),
        ..AppOptions::default()
    };
    change(&mut options);
    App::new(atlas, options)
}

/// An answer: status, headers and body.
pub(crate) struct Answer {
    pub(crate) status: StatusCode,
    pub(crate) headers: axum::http::HeaderMap,
    pub(crate) body: Vec<u8>,
}

impl Answer {
    pub(crate) fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    pub(crate) fn header(&self, name: header::HeaderName) -> &str {
        self.headers
            .get(&name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

/// GETs `uri` with extra headers.
pub(crate) async fn get_with(
    app: &App,
    uri: &str,
    headers: &[(header::HeaderName, &str)],
) -> Answer {
    let mut request = Request::builder().uri(uri);
    if !headers.iter().any(|(k, _)| k == header::HOST) {
        request = request.header(header::HOST, "frontline.test");
    }
    for (k, v) in headers {
        request = request.header(k, *v);
    }
    let response = router(app.clone())
        .oneshot(request.body(Body::empty()).expect("a request"))
        .await
        .expect("infallible");
    let status = response.status();
    let headers = response.headers().clone();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("a body")
        .to_vec();
    Answer {
        status,
        headers,
        body,
    }
}

/// GETs `uri`.
pub(crate) async fn get(app: &App, uri: &str) -> Answer {
    get_with(app, uri, &[]).await
}

/// GETs `uri`, expecting 200 and JSON.
pub(crate) async fn json(app: &App, uri: &str) -> Value {
    let answer = get(app, uri).await;
    assert_eq!(
        answer.status,
        StatusCode::OK,
        "{uri}: {}",
        String::from_utf8_lossy(&answer.body)
    );
    answer.json()
}
