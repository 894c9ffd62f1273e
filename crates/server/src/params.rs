//! Query parameters: parsed by name, every refusal naming the parameter and the reason.

use std::collections::BTreeMap;

use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use chrono::NaiveDate;
use frontline_atlas::{InputError, MethodParam, Question, parse_day, parse_record_time};

use crate::error::ApiError;

/// The query string as name → value (the last of repeated names wins).
#[derive(Debug, Default)]
pub(crate) struct Params(BTreeMap<String, String>);

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let Query(map) = Query::<Vec<(String, String)>>::try_from_uri(&parts.uri).map_err(|e| {
            ApiError::bad_request(
                "invalid_query",
                format!("the query string is malformed: {}", e.body_text()),
            )
        })?;
        Ok(Self(map.into_iter().collect()))
    }
}

impl Params {
    /// A parameter's value, if given (an empty value counts as not given).
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// The names given that are not among `known`, in order.
    pub(crate) fn unknown<'a>(&'a self, known: &[&str]) -> Vec<&'a str> {
        self.0
            .keys()
            .map(String::as_str)
            .filter(|k| !known.contains(k))
            .collect()
    }

    /// A required parameter.
    pub(crate) fn required(&self, name: &str) -> Result<&str, ApiError> {
        self.get(name).ok_or_else(|| {
            ApiError::bad_request(
                "missing_parameter",
                format!("the parameter `{name}` is required"),
            )
        })
    }

    /// A required day, YYYY-MM-DD.
    pub(crate) fn day(&self, name: &str) -> Result<NaiveDate, ApiError> {
        day(name, self.required(name)?)
    }

    /// The question about `on`: the record time `known_at` (RFC 3339, or a day meaning its
    /// end, UTC; not given: now) and the method from `cap_km`, `band_km`, `stale_days` and
    /// `effective_km` (each not given takes [`frontline_atlas::Method::nearest`]'s value).
    pub(crate) fn question(&self, on: NaiveDate) -> Result<Question, ApiError> {
        let mut question = Question::new(on);
        if let Some(text) = self.get("known_at") {
            question.known_at =
                Some(parse_record_time(text).map_err(|e| refused("known_at", text, &e))?);
        }
        for param in MethodParam::ALL {
            if let Some(text) = self.get(param.name()) {
                let value = param
                    .parse(text)
                    .map_err(|e| refused(param.name(), text, &e))?;
                question.method = value.set(question.method);
            }
        }
        Ok(question)
    }

    /// A longitude or latitude within `range`.
    pub(crate) fn coordinate(
        &self,
        name: &str,
        range: std::ops::RangeInclusive<f64>,
    ) -> Result<f64, ApiError> {
        let text = self.required(name)?;
        let v: f64 = text
            .parse()
            .ok()
            .filter(|v: &f64| v.is_finite())
            .ok_or_else(|| {
                ApiError::bad_request(
                    "invalid_coordinate",
                    format!("`{name}={text}`: not a number"),
                )
            })?;
        if !range.contains(&v) {
            return Err(ApiError::bad_request(
                "invalid_coordinate",
                format!(
                    "`{name}={text}`: outside {}..={}",
                    range.start(),
                    range.end()
                ),
            ));
        }
        Ok(v)
    }
}

/// Parses the day `name` (a parameter or a part of the path): YYYY-MM-DD, as
/// [`frontline_atlas::parse_day`] reads it.
pub(crate) fn day(name: &str, text: &str) -> Result<NaiveDate, ApiError> {
    parse_day(text).map_err(|e| refused(name, text, &e))
}

/// A question's input refused: 400 naming the parameter, its text and what was expected.
fn refused(name: &str, text: &str, err: &InputError) -> ApiError {
    let code = match err {
        InputError::Day | InputError::RecordTime => "invalid_date",
        _ => "invalid_parameter",
    };
    ApiError::bad_request(code, format!("`{name}={text}`: {err}"))
}

/// The origin (`http://host:port`) links in answers point at: the request's `Host` when it is
/// a plain host name or address (anything else, which could steer links elsewhere, gives
/// `localhost`), and `https` behind a proxy that says so.
pub(crate) fn origin(headers: &axum::http::HeaderMap) -> String {
    let plain = |h: &&str| {
        !h.is_empty()
            && h.len() <= 255
            && h.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'))
    };
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(plain)
        .unwrap_or("localhost");
    let scheme = headers
        .get("x-forwarded-proto")
        .and_then(|h| h.to_str().ok())
        .filter(|s| *s == "https")
        .unwrap_or("http");
    format!("{scheme}://{host}")
}
