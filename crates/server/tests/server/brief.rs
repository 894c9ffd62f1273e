//! `GET /brief/{round}`: the briefing as a printable HTML page, and its 404.

use axum::http::{StatusCode, header};

use crate::fixture::{get, testland};

#[tokio::test]
async fn a_round_s_briefing_is_a_printable_page_compared_with_the_previous_round() {
    let app = testland();
    let answer = get(&app, "/brief/talks-2").await;
    let html = String::from_utf8_lossy(&answer.body);
    assert_eq!(answer.status, StatusCode::OK, "{html}");
    assert_eq!(
        answer.header(header::CONTENT_TYPE),
        "text/html; charset=utf-8"
    );
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        html.contains("<h1>Briefing: Second synthetic talks</h1>"),
        "{html}"
    );
    assert!(
        html.contains(
            "Compared with the previous round, First synthetic talks, which opened on 2013-01-10."
        ),
        "{html}"
    );
    assert!(html.contains("Changed hands from 2013-01-10 to 2016-01-10"));
    assert_eq!(html.matches("<figure>").count(), 2, "two maps");
    assert!(html.contains("@media print"), "printable");
    assert!(html.contains("No toll figures are loaded"), "{html}");
}

#[tokio::test]
async fn the_first_round_is_compared_with_the_start_of_the_conflict_or_since() {
    let app = testland();
    let html = String::from_utf8(get(&app, "/brief/talks-1").await.body).expect("UTF-8");
    assert!(
        html.contains("No earlier round: compared with the start of the conflict"),
        "{html}"
    );
    let html =
        String::from_utf8(get(&app, "/brief/talks-1?since=2012-06-01").await.body).expect("UTF-8");
    assert!(
        html.contains("Compared with 2012-06-01, as asked (--since)."),
        "{html}"
    );
    assert!(html.contains("Changed hands from 2012-06-01 to 2013-01-10"));
}

#[tokio::test]
async fn an_arabic_briefing_reads_from_the_right() {
    let html =
        String::from_utf8(get(&testland(), "/brief/talks-2?lang=ar").await.body).expect("UTF-8");
    assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"));
    assert!(
        html.contains("<h1>إحاطة: Second synthetic talks</h1>"),
        "{html}"
    );
}

#[tokio::test]
async fn an_unknown_round_is_a_json_404_listing_the_rounds() {
    let answer = get(&testland(), "/brief/geneva-99").await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    let body = answer.json();
    assert_eq!(body["error"]["code"], "unknown_round");
    let message = body["error"]["message"].as_str().expect("a message");
    assert!(message.contains("\"geneva-99\""), "{message}");
    assert!(message.contains("talks-1, talks-2"), "{message}");
    let answer = get(&testland(), "/brief/talks-2?lang=fr").await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
}
