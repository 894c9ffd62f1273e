//! The one HTTP error type: a status, a stable code and a message, as a JSON body.

use axum::Json;
use axum::http::header::RETRY_AFTER;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// What can go wrong starting or running the server.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Binding or serving on the socket failed.
    #[error("serving on {addr}")]
    Serve {
        /// The address.
        addr: String,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
}

/// A `Result` whose error is this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An error answered to an HTTP client: `{ "error": { "code", "message" } }`.
///
/// 4xx errors say exactly what was wrong with the request. 5xx errors answer a generic
/// message; the cause goes to the log.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
    /// Seconds to send as `Retry-After` (a 503 for load).
    retry_after: Option<u32>,
}

impl ApiError {
    /// 400: a parameter is malformed or out of range.
    pub(crate) fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            code,
            message: message.into(),
            retry_after: None,
        }
    }

    /// 404: the thing asked for does not exist.
    pub(crate) fn not_found(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::NOT_FOUND,
            code,
            message: message.into(),
            retry_after: None,
        }
    }

    /// 416: a byte range outside the body.
    pub(crate) fn range_not_satisfiable(message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::RANGE_NOT_SATISFIABLE,
            code: "invalid_range",
            message: message.into(),
            retry_after: None,
        }
    }

    /// 405: the path exists, the method does not.
    pub(crate) fn method_not_allowed() -> Self {
        Self {
            status: StatusCode::METHOD_NOT_ALLOWED,
            code: "method_not_allowed",
            message: "only GET and HEAD are served".into(),
            retry_after: None,
        }
    }

    /// 500: logs `cause` with its chain and answers a generic message.
    pub(crate) fn internal(cause: &(dyn std::error::Error + 'static)) -> Self {
        let mut chain = cause.to_string();
        let mut source = cause.source();
        while let Some(s) = source {
            chain.push_str(": ");
            chain.push_str(&s.to_string());
            source = s.source();
        }
        tracing::error!(error = %chain, "internal error");
        Self {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            code: "internal",
            message: "internal error; the server log has the details".into(),
            retry_after: None,
        }
    }

    /// 503: too much work already running and waiting; the client is asked to retry after
    /// a few seconds (`Retry-After`).
    pub(crate) fn busy(message: &str) -> Self {
        let secs = crate::app::RETRY_AFTER_SECS;
        Self {
            status: StatusCode::SERVICE_UNAVAILABLE,
            code: "busy",
            message: format!("{message}; retry after {secs} seconds"),
            retry_after: Some(secs),
        }
    }

    /// An error answered by the HTTP layer itself (axum's extractors and routing, with a
    /// plain-text or empty body) in this error's shape: a code named after the status and
    /// the layer's words as the message, cut to a readable length. A 5xx keeps the generic
    /// message and logs the layer's words.
    pub(crate) fn from_layer(status: StatusCode, text: &str) -> Self {
        if status.is_server_error() {
            tracing::error!(%status, error = %text, "error from the HTTP layer");
            return Self {
                status,
                code: "internal",
                message: "internal error; the server log has the details".into(),
                retry_after: None,
            };
        }
        let code = match status {
            StatusCode::BAD_REQUEST => "bad_request",
            StatusCode::NOT_FOUND => "not_found",
            StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
            StatusCode::PAYLOAD_TOO_LARGE | StatusCode::URI_TOO_LONG => "too_large",
            StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
            StatusCode::UNPROCESSABLE_ENTITY => "unprocessable",
            _ => "invalid_request",
        };
        let text = text.trim();
        let message = if text.is_empty() {
            status.canonical_reason().unwrap_or("refused").to_owned()
        } else {
            readable(text)
        };
        Self {
            status,
            code,
            message,
            retry_after: None,
        }
    }

    /// The HTTP status.
    #[must_use]
    pub fn status(&self) -> StatusCode {
        self.status
    }
}

/// `text` as a message shows it: control characters escaped, cut to 200 characters.
fn readable(text: &str) -> String {
    const MAX: usize = 200;
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == MAX {
            out.push_str("...");
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({}): {}", self.status, self.code, self.message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (
            self.status,
            Json(json!({ "error": { "code": self.code, "message": self.message } })),
        )
            .into_response();
        if let Some(secs) = self.retry_after {
            response
                .headers_mut()
                .insert(RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}

impl From<frontline_atlas::Error> for ApiError {
    fn from(err: frontline_atlas::Error) -> Self {
        use frontline_atlas::ErrorKind;
        match err.kind() {
            ErrorKind::InvalidPeriod => Self::bad_request("invalid_period", err.to_string()),
            ErrorKind::TooLarge => Self::bad_request("too_large", err.to_string()),
            ErrorKind::NotFound => Self::not_found("unknown_round", err.to_string()),
            ErrorKind::NoEvidence => Self::not_found(
                "no_evidence",
                "no place had evidence recorded by `known_at`; ask with a later record time",
            ),
            _ => Self::internal(&err),
        }
    }
}

impl From<tokio::task::JoinError> for ApiError {
    fn from(err: tokio::task::JoinError) -> Self {
        Self::internal(&err)
    }
}
