use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// How precisely a [`PartialDate`] is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// Only the year is known: `2017`.
    Year,
    /// The year and month are known: `2017-12`.
    Month,
    /// The day is known: `2017-12-13`.
    Day,
}

/// An ISO 8601 calendar date known to a day, a month or a year.
///
/// A partial date stands for a period (`2017-12` is all of December 2017). Frontline is
/// conservative about it: something reported for `2017-12` happened at some point in
/// December, so it is only certain to hold from the period's last day,
/// [`PartialDate::holds_from`]. An observation dated `2017-12` is therefore not taken to
/// hold on 2017-12-01.
///
/// Ordering is by the period's first day, then by finer precision first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PartialDate {
    first: NaiveDate,
    precision: Precision,
}

impl PartialDate {
    /// A date known to the day.
    #[must_use]
    pub fn day(date: NaiveDate) -> Self {
        Self {
            first: date,
            precision: Precision::Day,
        }
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    ///
    /// # Errors
    /// [`Error::InvalidDate`] for anything else, or a day that does not exist.
    pub fn parse(text: &str) -> Result<Self> {
        let invalid = || Error::InvalidDate {
            value: text.to_owned(),
        };
        let t = text.trim();
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let parts: Vec<&str> = t.split('-').collect();
        let num = |s: &str| s.parse::<u32>().map_err(|_| invalid());
        match parts.as_slice() {
            [y] if y.len() == 4 && digits(y) => {
                let first = NaiveDate::from_ymd_opt(year(y).ok_or_else(invalid)?, 1, 1);
                Ok(Self {
                    first: first.ok_or_else(invalid)?,
                    precision: Precision::Year,
                })
            }
            [y, m] if y.len() == 4 && m.len() == 2 && digits(y) && digits(m) => {
                let first = NaiveDate::from_ymd_opt(year(y).ok_or_else(invalid)?, num(m)?, 1);
                Ok(Self {
                    first: first.ok_or_else(invalid)?,
                    precision: Precision::Month,
                })
            }
            [y, m, d]
                if y.len() == 4
                    && m.len() == 2
                    && d.len() == 2
                    && digits(y)
                    && digits(m)
                    && digits(d) =>
            {
                let first = NaiveDate::from_ymd_opt(year(y).ok_or_else(invalid)?, num(m)?, num(d)?);
                Ok(Self {
                    first: first.ok_or_else(invalid)?,
                    precision: Precision::Day,
                })
            }
            _ => Err(invalid()),
        }
    }

    /// The precision the date is known to.
    #[must_use]
    pub fn precision(self) -> Precision {
        self.precision
    }

    /// The first day of the period.
    #[must_use]
    pub fn first_day(self) -> NaiveDate {
        self.first
    }

    /// The last day of the period.
    #[must_use]
    pub fn last_day(self) -> NaiveDate {
        match self.precision {
            Precision::Day => self.first,
            Precision::Month => {
                let (y, m) = (self.first.year(), self.first.month());
                let next = if m == 12 {
                    NaiveDate::from_ymd_opt(y + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(y, m + 1, 1)
                };
                next.and_then(|d| d.pred_opt())
                    .expect("the month after a valid month exists")
            }
            Precision::Year => {
                NaiveDate::from_ymd_opt(self.first.year(), 12, 31).expect("31 December exists")
            }
        }
    }

    /// The first day on which something reported for this period certainly holds: the
    /// period's last day.
    #[must_use]
    pub fn holds_from(self) -> NaiveDate {
        self.last_day()
    }
}

fn year(text: &str) -> Option<i32> {
    text.parse::<i32>()
        .ok()
        .filter(|y| (1000..=9999).contains(y))
}

impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.first
            .cmp(&other.first)
            .then(other.precision.cmp(&self.precision))
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Four-digit years (all a conflict has) are written digit by digit: imports print
        // a date or two per row, and this is several times quicker than `write!`.
        if let Ok(year @ 0..=9999) = u32::try_from(self.first.year()) {
            let mut text = *b"0000-00-00";
            put_digits(&mut text[0..4], year);
            put_digits(&mut text[5..7], self.first.month());
            put_digits(&mut text[8..10], self.first.day());
            let len = match self.precision {
                Precision::Year => 4,
                Precision::Month => 7,
                Precision::Day => 10,
            };
            return f.write_str(std::str::from_utf8(&text[..len]).map_err(|_| fmt::Error)?);
        }
        match self.precision {
            Precision::Year => write!(f, "{:04}", self.first.year()),
            Precision::Month => write!(f, "{:04}-{:02}", self.first.year(), self.first.month()),
            Precision::Day => write!(
                f,
                "{:04}-{:02}-{:02}",
                self.first.year(),
                self.first.month(),
                self.first.day()
            ),
        }
    }
}

/// Writes `value` in decimal into `out`, right-aligned, zero-padded to its width.
fn put_digits(out: &mut [u8], mut value: u32) {
    for slot in out.iter_mut().rev() {
        *slot = b'0' + u8::try_from(value % 10).unwrap_or(0);
        value /= 10;
    }
}

impl std::str::FromStr for PartialDate {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Self::parse(s)
    }
}

impl TryFrom<String> for PartialDate {
    type Error = Error;
    fn try_from(value: String) -> Result<Self> {
        Self::parse(&value)
    }
}

impl From<PartialDate> for String {
    fn from(date: PartialDate) -> String {
        date.to_string()
    }
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    #[rstest]
    #[case("2017-12-13", Precision::Day, ymd(2017, 12, 13), ymd(2017, 12, 13))]
    #[case("2017-12", Precision::Month, ymd(2017, 12, 1), ymd(2017, 12, 31))]
    #[case("2016-02", Precision::Month, ymd(2016, 2, 1), ymd(2016, 2, 29))]
    #[case("2017", Precision::Year, ymd(2017, 1, 1), ymd(2017, 12, 31))]
    fn partial_dates_parse_to_their_period(
        #[case] text: &str,
        #[case] precision: Precision,
        #[case] first: NaiveDate,
        #[case] last: NaiveDate,
    ) {
        let date = PartialDate::parse(text).expect("parses");
        assert_eq!(date.precision(), precision);
        assert_eq!(date.first_day(), first);
        assert_eq!(date.last_day(), last);
        assert_eq!(date.to_string(), text);
    }

    #[rstest]
    #[case("2017-13")]
    #[case("2017-02-30")]
    #[case("17-12-01")]
    #[case("2017/12/01")]
    #[case("yesterday")]
    #[case("")]
    #[case("2017-1-5")]
    fn malformed_dates_are_rejected(#[case] text: &str) {
        assert!(PartialDate::parse(text).is_err(), "{text} should not parse");
    }

    #[test]
    fn dates_print_as_iso_8601_at_their_precision() {
        let mut day = ymd(1000, 1, 1);
        while day < ymd(9999, 12, 31) {
            let (y, m, d) = (day.year(), day.month(), day.day());
            for (precision, text) in [
                (Precision::Day, format!("{y:04}-{m:02}-{d:02}")),
                (Precision::Month, format!("{y:04}-{m:02}")),
                (Precision::Year, format!("{y:04}")),
            ] {
                let date = PartialDate::parse(&text).expect("parses");
                assert_eq!(date.precision(), precision);
                assert_eq!(date.to_string(), text);
            }
            day += chrono::Duration::days(97);
        }
    }

    #[test]
    fn a_month_dated_observation_does_not_hold_on_the_first_of_the_month() {
        let date = PartialDate::parse("2017-12").expect("parses");
        assert!(date.holds_from() > ymd(2017, 12, 1));
        assert_eq!(date.holds_from(), ymd(2017, 12, 31));
    }

    #[test]
    fn ordering_puts_finer_precision_first_within_the_same_start() {
        let day = PartialDate::parse("2017-01-01").expect("parses");
        let month = PartialDate::parse("2017-01").expect("parses");
        let year = PartialDate::parse("2017").expect("parses");
        assert!(day < month && month < year);
    }
}
