//! A question as asked: its valid date, its record time and its method, read from text by
//! the one parser of each input, with the one set of defaults ([`Method::nearest`]'s).
//!
//! The CLI's flags (`--date`, `--known-at`, `--cap-km`, ...) and the server's query
//! parameters (`date`, `known_at`, `cap_km`, ...) both go through these parsers, so they
//! accept and refuse the same text; [`cases::CASES`] is the table both are tested with.
//!
//! The rules:
//! - a day is `YYYY-MM-DD`: a four-digit year, two-digit month and day, a day of the
//!   calendar, and nothing around it (no spaces, no newline). Periods (`YYYY-MM`, `YYYY`)
//!   belong to evidence ([`frontline_model::PartialDate`]), not to questions.
//! - a record time is RFC 3339 (`2016-03-01T12:00:00Z`), or a day meaning its end (UTC).
//! - `cap_km` and `stale_days` take a number or `none`; `band_km` and `effective_km` a
//!   number; each within the range [`Method`]'s setters check.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use frontline_infer::Method;
use frontline_model::{PartialDate, Precision};

use crate::At;

/// A question as asked: the valid date, the record time (`None`: as known now) and the
/// method.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Question {
    /// The valid date.
    pub on: NaiveDate,
    /// The record time; `None` asks as known now.
    pub known_at: Option<DateTime<Utc>>,
    /// The inference method.
    pub method: Method,
}

impl Question {
    /// A question about `on`, as known now, by the default method.
    #[must_use]
    pub const fn new(on: NaiveDate) -> Self {
        Self {
            on,
            known_at: None,
            method: Method::nearest(),
        }
    }

    /// The question with its record time fixed: the one asked for, or `now`.
    #[must_use]
    pub fn at(&self, now: DateTime<Utc>) -> At {
        At {
            on: self.on,
            known_at: self.known_at.unwrap_or(now),
            method: self.method,
        }
    }
}

/// Text that is not a valid input of a question: what was expected instead. The message
/// leaves out the input's name and text, which the CLI and the server each add their way.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum InputError {
    /// Not a day as `YYYY-MM-DD`.
    #[error("expected a day as YYYY-MM-DD (a four-digit year and a day of the calendar)")]
    Day,
    /// Neither an RFC 3339 time nor a day.
    #[error("expected an RFC 3339 time (such as 2016-03-01T12:00:00Z) or a day as YYYY-MM-DD")]
    RecordTime,
    /// Not a number where only a number is taken.
    #[error("expected a number")]
    Number,
    /// Neither a number nor `none`.
    #[error("expected a number or `none`")]
    NumberOrNone,
    /// Neither a whole number of days nor `none`.
    #[error("expected a whole number of days or `none`")]
    DaysOrNone,
    /// A number outside the method's range.
    #[error(transparent)]
    Method(#[from] frontline_infer::Error),
    /// A day before the conflict's start.
    #[error("before the conflict's start ({first}); ask about a day from {first} to {last}")]
    BeforeStart {
        /// The conflict's start.
        first: NaiveDate,
        /// The last day asked about.
        last: NaiveDate,
    },
    /// A day more than a year after today.
    #[error("more than a year after today; ask about a day from {first} to {last}")]
    TooFarAhead {
        /// The conflict's start.
        first: NaiveDate,
        /// The last day asked about.
        last: NaiveDate,
    },
}

/// The days a question may ask about: from the conflict's start to a year after today.
/// A day outside is refused alike by the CLI and the server (the answer would be about a
/// time before any evidence could exist, or a guess about a far future).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayRange {
    first: NaiveDate,
    last: NaiveDate,
}

impl DayRange {
    /// From the conflict's `start` to a year after `today`.
    #[must_use]
    pub fn new(start: NaiveDate, today: NaiveDate) -> Self {
        let last = today
            .checked_add_months(chrono::Months::new(12))
            .unwrap_or(NaiveDate::MAX);
        Self { first: start, last }
    }

    /// `day` if it is in the range.
    ///
    /// # Errors
    /// [`InputError::BeforeStart`] or [`InputError::TooFarAhead`].
    pub fn check(&self, day: NaiveDate) -> Result<NaiveDate, InputError> {
        let (first, last) = (self.first, self.last);
        if day < first {
            Err(InputError::BeforeStart { first, last })
        } else if day > last {
            Err(InputError::TooFarAhead { first, last })
        } else {
            Ok(day)
        }
    }
}

/// Parses a day: `YYYY-MM-DD`, a four-digit year and a day of the calendar, nothing around.
///
/// # Errors
/// [`InputError::Day`] for anything else.
pub fn parse_day(text: &str) -> Result<NaiveDate, InputError> {
    if text.trim() != text {
        return Err(InputError::Day);
    }
    match PartialDate::parse(text) {
        Ok(d) if d.precision() == Precision::Day => Ok(d.first_day()),
        _ => Err(InputError::Day),
    }
}

/// Parses a record time: RFC 3339, or a day meaning the end of that day, UTC.
///
/// # Errors
/// [`InputError::RecordTime`] for anything else.
pub fn parse_record_time(text: &str) -> Result<DateTime<Utc>, InputError> {
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc));
    }
    let day = parse_day(text).map_err(|_| InputError::RecordTime)?;
    Ok(day
        .and_hms_micro_opt(23, 59, 59, 999_999)
        .expect("the end of a day exists")
        .and_utc())
}

/// One parameter of the method: `cap_km`, `band_km`, `stale_days` or `effective_km` (the
/// API's names; the CLI's flags are the same with dashes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MethodParam {
    /// The distance cap, km or `none`.
    CapKm,
    /// The width of the contested band, km.
    BandKm,
    /// The staleness limit, days or `none`.
    StaleDays,
    /// The effective-area radius, km.
    EffectiveKm,
}

impl MethodParam {
    /// Every parameter.
    pub const ALL: [Self; 4] = [
        Self::CapKm,
        Self::BandKm,
        Self::StaleDays,
        Self::EffectiveKm,
    ];

    /// The parameter's name in the API.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::CapKm => "cap_km",
            Self::BandKm => "band_km",
            Self::StaleDays => "stale_days",
            Self::EffectiveKm => "effective_km",
        }
    }

    /// The default value: [`Method::nearest`]'s.
    #[must_use]
    pub const fn default_value(self) -> MethodValue {
        let m = Method::nearest();
        MethodValue(match self {
            Self::CapKm => Value::CapKm(m.cap_km()),
            Self::BandKm => Value::BandKm(m.band_km()),
            Self::StaleDays => Value::StaleDays(m.stale_days()),
            Self::EffectiveKm => Value::EffectiveKm(m.effective_km()),
        })
    }

    /// Parses the parameter's value, checked as [`Method`]'s setters check it.
    ///
    /// # Errors
    /// [`InputError::Number`], [`InputError::NumberOrNone`] or [`InputError::DaysOrNone`]
    /// for text of the wrong form; [`InputError::Method`] for a number out of range.
    pub fn parse(self, text: &str) -> Result<MethodValue, InputError> {
        let none = text.eq_ignore_ascii_case("none");
        let number = || text.parse::<f64>().ok();
        let value = match self {
            Self::CapKm if none => Value::CapKm(None),
            Self::CapKm => Value::CapKm(Some(number().ok_or(InputError::NumberOrNone)?)),
            Self::BandKm => Value::BandKm(number().ok_or(InputError::Number)?),
            Self::EffectiveKm => Value::EffectiveKm(number().ok_or(InputError::Number)?),
            Self::StaleDays if none => Value::StaleDays(None),
            Self::StaleDays => Value::StaleDays(Some(
                number()
                    .filter(|d| *d >= 0.0 && d.fract() == 0.0 && *d <= f64::from(u32::MAX))
                    .map(|d| d as u32)
                    .ok_or(InputError::DaysOrNone)?,
            )),
        };
        value.set(Method::nearest())?;
        Ok(MethodValue(value))
    }
}

/// A method parameter's value, checked; [`MethodValue::set`] puts it into a [`Method`].
/// Prints as it is written (`35`, `none`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MethodValue(Value);

#[derive(Debug, Clone, Copy, PartialEq)]
enum Value {
    CapKm(Option<f64>),
    BandKm(f64),
    StaleDays(Option<u32>),
    EffectiveKm(f64),
}

impl Value {
    fn set(self, method: Method) -> Result<Method, frontline_infer::Error> {
        match self {
            Self::CapKm(v) => method.with_cap_km(v),
            Self::BandKm(v) => method.with_band_km(v),
            Self::StaleDays(v) => Ok(method.with_stale_days(v)),
            Self::EffectiveKm(v) => method.with_effective_km(v),
        }
    }
}

impl MethodValue {
    /// `method` with this parameter set.
    #[must_use]
    pub fn set(self, method: Method) -> Method {
        self.0
            .set(method)
            .expect("a value is checked when it is parsed")
    }
}

impl fmt::Display for MethodValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Value::CapKm(None) | Value::StaleDays(None) => write!(f, "none"),
            Value::CapKm(Some(v)) | Value::BandKm(v) | Value::EffectiveKm(v) => write!(f, "{v}"),
            Value::StaleDays(Some(d)) => write!(f, "{d}"),
        }
    }
}

/// The inputs of a question with what the CLI and the server must both do with them: the
/// one table their tests share. Not an API.
#[doc(hidden)]
pub mod cases {
    /// What an input must get.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Expect {
        /// Taken.
        Accept,
        /// Refused with a message.
        Refuse,
        /// Well formed, but outside the conflict's days ([`super::DayRange`]): refused
        /// once the conflict is known (the CLI's flag parser takes it; the command refuses
        /// it), for a conflict that starts after 2011-03-15 or earlier and before 2015.
        OutOfRange,
    }

    use Expect::{Accept, OutOfRange, Refuse};

    /// A date the test data answers for; the other inputs are asked about it.
    pub const DATE: &str = "2015-03-01";

    /// (input, as the API names it; its text; what both must do). The CLI's flag is the
    /// name with dashes (`known_at`: `--known-at`). Empty text is left out: an empty query
    /// parameter counts as not given.
    pub const CASES: &[(&str, &str, Expect)] = &[
        ("date", "2015-03-01", Accept),
        ("date", "2016-02-29", Accept),
        ("date", "2015-02-29", Refuse),
        ("date", "2017-13-01", Refuse),
        ("date", "2015-3-1", Refuse),
        ("date", "15-03-01", Refuse),
        ("date", "20150-03-01", Refuse),
        ("date", "+2015-03-01", Refuse),
        ("date", "2015-03", Refuse),
        ("date", "2015", Refuse),
        ("date", "2015/03/01", Refuse),
        ("date", "2015-03-01T00:00:00Z", Refuse),
        ("date", " 2015-03-01", Refuse),
        ("date", "2015-03-01 ", Refuse),
        ("date", "2015-03-01\n", Refuse),
        ("date", "yesterday", Refuse),
        ("date", "0000-01-01", Refuse),
        ("date", "1999-12-31", OutOfRange),
        ("date", "2999-01-01", OutOfRange),
        ("date", "9999-12-31", OutOfRange),
        ("known_at", "2031-01-01T00:00:00Z", Accept),
        ("known_at", "2031-01-01T02:00:00+02:00", Accept),
        ("known_at", "2031-01-01T00:00:00.5Z", Accept),
        ("known_at", "2031-01-01", Accept),
        ("known_at", "2012-01-01", Accept),
        ("known_at", "2031-01-01T00:00:00", Refuse),
        ("known_at", "2031-01-01T25:00:00Z", Refuse),
        ("known_at", "2031-02-30", Refuse),
        ("known_at", "2031-1-1", Refuse),
        ("known_at", "31-01-01", Refuse),
        ("known_at", "2031-01", Refuse),
        ("known_at", "2031-01-01 ", Refuse),
        ("known_at", "2031-01-01T00:00:00Z\n", Refuse),
        ("known_at", "soon", Refuse),
        ("cap_km", "35", Accept),
        ("cap_km", "12.5", Accept),
        ("cap_km", "1e3", Accept),
        ("cap_km", "none", Accept),
        ("cap_km", "NONE", Accept),
        ("cap_km", "0", Refuse),
        ("cap_km", "-3", Refuse),
        ("cap_km", "5001", Refuse),
        ("cap_km", "NaN", Refuse),
        ("cap_km", "inf", Refuse),
        ("cap_km", "far", Refuse),
        ("cap_km", " 35", Refuse),
        ("band_km", "0", Accept),
        ("band_km", "3", Accept),
        ("band_km", "none", Refuse),
        ("band_km", "-1", Refuse),
        ("stale_days", "none", Accept),
        ("stale_days", "400", Accept),
        ("stale_days", "0", Accept),
        ("stale_days", "1.5", Refuse),
        ("stale_days", "-1", Refuse),
        ("stale_days", "4294967296", Refuse),
        ("stale_days", "a year", Refuse),
        ("effective_km", "2", Accept),
        ("effective_km", "0", Accept),
        ("effective_km", "none", Refuse),
        ("effective_km", "6000", Refuse),
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_case_of_the_shared_table_is_decided_here_as_stated() {
        for &(name, text, expect) in cases::CASES {
            let accepted = match name {
                "date" => parse_day(text).is_ok(),
                "known_at" => parse_record_time(text).is_ok(),
                _ => {
                    let param = MethodParam::ALL
                        .into_iter()
                        .find(|p| p.name() == name)
                        .expect("a method parameter");
                    param.parse(text).is_ok()
                }
            };
            // Out of range is decided once the conflict is known (below): parsed here.
            let parsed = matches!(expect, cases::Expect::Accept | cases::Expect::OutOfRange);
            assert_eq!(accepted, parsed, "{name}={text:?}");
            if expect == cases::Expect::OutOfRange {
                let range = DayRange::new(
                    NaiveDate::from_ymd_opt(2011, 3, 15).expect("a day"),
                    NaiveDate::from_ymd_opt(2026, 12, 7).expect("a day"),
                );
                let day = parse_day(text).expect("parsed");
                assert!(range.check(day).is_err(), "{name}={text:?}");
            }
        }
    }

    #[test]
    fn a_day_range_runs_from_the_start_to_a_year_after_today() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("a day");
        let range = DayRange::new(day(2011, 3, 15), day(2026, 12, 7));
        assert!(range.check(day(2011, 3, 15)).is_ok());
        assert!(range.check(day(2027, 12, 7)).is_ok());
        let before = range.check(day(2011, 3, 14)).expect_err("before");
        assert!(
            before
                .to_string()
                .starts_with("before the conflict's start (2011-03-15)"),
            "{before}"
        );
        let after = range.check(day(2027, 12, 8)).expect_err("after");
        assert!(
            after.to_string().contains("2011-03-15 to 2027-12-07"),
            "{after}"
        );
    }

    #[test]
    fn a_day_as_record_time_means_its_last_moment() {
        let t = parse_record_time("2016-03-01").expect("a day");
        assert_eq!(t.to_rfc3339(), "2016-03-01T23:59:59.999999+00:00");
    }

    #[test]
    fn defaults_are_the_methods_and_print_as_written() {
        let mut m = Method::nearest().with_stale_days(Some(3));
        for p in MethodParam::ALL {
            m = p.default_value().set(m);
        }
        assert_eq!(m, Method::nearest());
        let printed: Vec<String> = MethodParam::ALL
            .iter()
            .map(|p| p.default_value().to_string())
            .collect();
        assert_eq!(printed, ["35", "7", "none", "5"]);
        for p in MethodParam::ALL {
            let text = p.default_value().to_string();
            assert_eq!(p.parse(&text).expect("a default parses"), p.default_value());
        }
    }

    #[test]
    fn a_question_without_record_time_is_asked_as_known_now() {
        let on = parse_day("2015-03-01").expect("a day");
        let now = parse_record_time("2030-01-01T00:00:00Z").expect("a time");
        let q = Question::new(on);
        assert_eq!(q.at(now).known_at, now);
        let then = parse_record_time("2020-01-01").expect("a day");
        let asked = Question {
            known_at: Some(then),
            ..q
        };
        assert_eq!(asked.at(now).known_at, then);
        assert_eq!(asked.at(now).method, Method::nearest());
    }
}
