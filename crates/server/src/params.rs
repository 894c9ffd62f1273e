//! Query parameters: parsed by name, every refusal naming the parameter and the reason.

use std::collections::BTreeMap;

use axum::extract::{FromRef, FromRequestParts, Query};
use axum::http::request::Parts;
use chrono::NaiveDate;
use frontline_atlas::{DayRange, InputError, MethodParam, Question, parse_day, parse_record_time};

use crate::app::App;
use crate::error::ApiError;

/// The query string as name → value (the last of repeated names wins), and the days the
/// conflict's questions may ask about.
#[derive(Debug)]
pub(crate) struct Params {
    map: BTreeMap<String, String>,
    days: DayRange,
}

impl<S: Send + Sync> FromRequestParts<S> for Params
where
    App: FromRef<S>,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let app = App::from_ref(state);
        let days = app.atlas().days(app.today());
        let Query(map) = Query::<Vec<(String, String)>>::try_from_uri(&parts.uri).map_err(|e| {
            ApiError::bad_request(
                "invalid_query",
                format!("the query string is malformed: {}", e.body_text()),
            )
        })?;
        Ok(Self {
            map: map.into_iter().collect(),
            days,
        })
    }
}

impl Params {
    /// A parameter's value, if given (an empty value counts as not given).
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.map
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// The names given that are not among `known`, in order.
    pub(crate) fn unknown<'a>(&'a self, known: &[&str]) -> Vec<&'a str> {
        self.map
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

    /// The language of a document, `lang=en|ar` (not given: English).
    pub(crate) fn language(&self) -> Result<frontline_render::Language, ApiError> {
        let text = self.get("lang").unwrap_or("en");
        text.parse().map_err(|_| {
            ApiError::bad_request(
                "invalid_parameter",
                format!("`lang={text}`: expected en or ar"),
            )
        })
    }

    /// A required day, YYYY-MM-DD, within the conflict's days.
    pub(crate) fn day(&self, name: &str) -> Result<NaiveDate, ApiError> {
        self.day_of(name, self.required(name)?)
    }

    /// The day `name` (a parameter or a part of the path) as [`frontline_atlas::parse_day`]
    /// reads it, within the conflict's days ([`DayRange`]).
    pub(crate) fn day_of(&self, name: &str, text: &str) -> Result<NaiveDate, ApiError> {
        let day = parse_day(text).map_err(|e| refused(name, text, &e))?;
        self.within(name, text, day)
    }

    /// `day` (given as `name=text`) if it is within the conflict's days.
    pub(crate) fn within(
        &self,
        name: &str,
        text: &str,
        day: NaiveDate,
    ) -> Result<NaiveDate, ApiError> {
        self.days.check(day).map_err(|e| refused(name, text, &e))
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

/// A question's input refused: 400 naming the parameter, its text and what was expected.
fn refused(name: &str, text: &str, err: &InputError) -> ApiError {
    let code = match err {
        InputError::Day
        | InputError::RecordTime
        | InputError::BeforeStart { .. }
        | InputError::TooFarAhead { .. } => "invalid_date",
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
