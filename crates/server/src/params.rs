//! Query parameters: parsed by name, every refusal naming the parameter and the reason.

use std::collections::BTreeMap;

use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use chrono::{DateTime, NaiveDate, Utc};
use frontline_atlas::{At, Method};

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
        parse_day(name, self.required(name)?)
    }

    /// The record time: `known_at` as RFC 3339 or a day (its end, UTC); `None` if not given.
    pub(crate) fn known_at(&self) -> Result<Option<DateTime<Utc>>, ApiError> {
        self.get("known_at").map(parse_known_at).transpose()
    }

    /// The inference method from `cap_km`, `band_km`, `stale_days` and `effective_km`,
    /// with the CLI's defaults (35, 7, none, 5).
    pub(crate) fn method(&self) -> Result<Method, ApiError> {
        let number = |name: &str, default: Option<f64>| -> Result<Option<f64>, ApiError> {
            match self.get(name) {
                None => Ok(default),
                Some(v) if v.eq_ignore_ascii_case("none") => Ok(None),
                Some(v) => v
                    .parse::<f64>()
                    .ok()
                    .filter(|x| x.is_finite())
                    .map(Some)
                    .ok_or_else(|| {
                        ApiError::bad_request(
                            "invalid_parameter",
                            format!("`{name}={v}`: expected a number or `none`"),
                        )
                    }),
            }
        };
        let invalid = |name: &str, e: &dyn std::fmt::Display| {
            ApiError::bad_request("invalid_parameter", format!("`{name}`: {e}"))
        };
        let required = |name: &str, default: f64| -> Result<f64, ApiError> {
            number(name, Some(default))?.ok_or_else(|| {
                ApiError::bad_request(
                    "invalid_parameter",
                    format!("`{name}=none`: expected a number"),
                )
            })
        };
        let stale = match number("stale_days", None)? {
            None => None,
            Some(d) if d >= 0.0 && d.fract() == 0.0 && d <= f64::from(u32::MAX) => Some(d as u32),
            Some(d) => {
                return Err(ApiError::bad_request(
                    "invalid_parameter",
                    format!("`stale_days={d}`: expected a whole number of days"),
                ));
            }
        };
        Method::nearest()
            .with_cap_km(number("cap_km", Some(35.0))?)
            .map_err(|e| invalid("cap_km", &e))?
            .with_band_km(required("band_km", 7.0)?)
            .map_err(|e| invalid("band_km", &e))?
            .with_effective_km(required("effective_km", 5.0)?)
            .map_err(|e| invalid("effective_km", &e))
            .map(|m| m.with_stale_days(stale))
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

/// The coordinates of a question: the date, the record time (now when not given) and the
/// method; and whether the record time was given.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Question {
    pub(crate) at: At,
    pub(crate) explicit_known_at: bool,
}

impl Question {
    pub(crate) fn new(
        params: &Params,
        on: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Self, ApiError> {
        let known_at = params.known_at()?;
        Ok(Self {
            at: At {
                on,
                known_at: known_at.unwrap_or(now),
                method: params.method()?,
            },
            explicit_known_at: known_at.is_some(),
        })
    }
}

/// Parses a day, YYYY-MM-DD.
pub(crate) fn parse_day(name: &str, text: &str) -> Result<NaiveDate, ApiError> {
    let t = text.trim();
    // chrono accepts years of any width; the contract is four digits.
    if t.len() != 10 {
        return Err(bad_day(name, text));
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| bad_day(name, text))
}

fn bad_day(name: &str, text: &str) -> ApiError {
    ApiError::bad_request(
        "invalid_date",
        format!("`{name}={text}`: expected a day as YYYY-MM-DD"),
    )
}

/// Parses a record time: RFC 3339, or a day meaning the end of that day, UTC (as the CLI).
pub(crate) fn parse_known_at(text: &str) -> Result<DateTime<Utc>, ApiError> {
    if let Ok(t) = DateTime::parse_from_rfc3339(text.trim()) {
        return Ok(t.with_timezone(&Utc));
    }
    let day = parse_day("known_at", text).map_err(|_| {
        ApiError::bad_request(
            "invalid_date",
            format!("`known_at={text}`: expected YYYY-MM-DD or an RFC 3339 time"),
        )
    })?;
    Ok(day
        .and_hms_micro_opt(23, 59, 59, 999_999)
        .expect("the end of a day exists")
        .and_utc())
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
