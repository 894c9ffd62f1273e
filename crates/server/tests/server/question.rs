//! The shared table of a question's inputs (`frontline_atlas::cases`): the API accepts and
//! refuses each as the table says, and so as the CLI does (its side is tested in
//! crates/cli/src/cli.rs).

use axum::http::StatusCode;
use frontline_atlas::cases::{CASES, DATE, Expect};

use crate::fixture::{get, testland};

/// `text` as a query value or path segment: every byte but letters and digits escaped, so
/// that `+`, spaces and newlines arrive as written.
fn escaped(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[tokio::test]
async fn the_api_accepts_and_refuses_question_inputs_as_the_shared_table_says() {
    let app = testland();
    for &(name, text, expect) in CASES {
        let query = if name == "date" {
            format!("date={}", escaped(text))
        } else {
            format!("date={DATE}&{name}={}", escaped(text))
        };
        let uri = format!("/api/stats?{query}");
        let answer = get(&app, &uri).await;
        let body = String::from_utf8_lossy(&answer.body).into_owned();
        match expect {
            // Accepted: answered, or 404 when nothing was known at the record time.
            Expect::Accept => assert!(
                answer.status == StatusCode::OK || answer.status == StatusCode::NOT_FOUND,
                "{name}={text:?} should be accepted: {} {body}",
                answer.status
            ),
            Expect::Refuse | Expect::OutOfRange => {
                assert_eq!(
                    answer.status,
                    StatusCode::BAD_REQUEST,
                    "{name}={text:?} should be refused: {body}"
                );
                let v = answer.json();
                let code = if matches!(name, "date" | "known_at") {
                    "invalid_date"
                } else {
                    "invalid_parameter"
                };
                assert_eq!(v["error"]["code"], code, "{name}={text:?}: {v}");
                let message = v["error"]["message"].as_str().unwrap_or_default();
                assert!(
                    message.starts_with(&format!("`{name}=")),
                    "{name}={text:?}: {message:?}"
                );
            }
        }
    }
}

#[tokio::test]
async fn a_date_in_a_tile_path_follows_the_same_rule() {
    let app = testland();
    for &(name, text, expect) in CASES.iter().filter(|c| c.0 == "date") {
        let answer = get(&app, &format!("/tiles/{}.json", escaped(text))).await;
        let expected = match expect {
            Expect::Accept => StatusCode::OK,
            Expect::Refuse | Expect::OutOfRange => StatusCode::BAD_REQUEST,
        };
        assert_eq!(answer.status, expected, "{name}={text:?}");
    }
}
