//! The human toll, kept apart from control: violent [`Event`]s (as UCDP GED records them)
//! and dated, sourced published [`Figure`]s ("12 million displaced").
//!
//! Events never change control: nothing in [`Timeline`](crate::Timeline) reads them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{PartialDate, Source};

/// Deaths in one event, as the dataset estimates them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deaths {
    /// Deaths among side A.
    pub side_a: u32,
    /// Deaths among side B.
    pub side_b: u32,
    /// Civilian deaths.
    pub civilians: u32,
    /// Deaths whose status is unknown.
    pub unknown: u32,
    /// The low estimate of all deaths.
    pub low: u32,
    /// The best estimate of all deaths.
    pub best: u32,
    /// The high estimate of all deaths.
    pub high: u32,
}

/// A violent event: when, where, between whom, and how many died.
///
/// Dates are a range (`date_start`..=`date_end`) with the dataset's precision code; a
/// location has its own precision code. UCDP GED's codes: date 1 (day) to 5 (more than a
/// month); place 1 (exact) to 7 (international waters).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Its id, prefixed by the dataset: `ucdp-ged:214797`.
    pub id: String,
    /// The first day it may have happened on.
    pub date_start: NaiveDate,
    /// The last day it may have happened on.
    pub date_end: NaiveDate,
    /// How precise the dates are (the dataset's code; 1 is a day).
    pub date_precision: u8,
    /// Longitude, WGS 84 degrees.
    pub lon: f64,
    /// Latitude, WGS 84 degrees.
    pub lat: f64,
    /// How precise the location is (the dataset's code; 1 is the exact place).
    pub where_precision: u8,
    /// The place as the dataset names it.
    pub where_name: String,
    /// The first-level admin region as the dataset names it (e.g. `Idlib Governorate`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub adm_1: Option<String>,
    /// The second-level admin region as the dataset names it.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub adm_2: Option<String>,
    /// The kind of violence (UCDP: 1 state-based, 2 non-state, 3 one-sided).
    pub type_of_violence: u8,
    /// Side A as the dataset names it.
    pub side_a: String,
    /// Side B as the dataset names it.
    pub side_b: String,
    /// The deaths.
    pub deaths: Deaths,
    /// The reports the dataset cites (for UCDP: the office, date and headline).
    pub sources: Vec<Source>,
}

/// A published figure about the conflict as a whole ("12 million displaced"), as of a
/// date, with its source. A figure keeps its publisher's definition (who counts what) and,
/// for a count over a period ("deaths documented in 2024"), the period's first day: figures
/// of other definitions or periods are never added up or spread over another period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// What is counted, e.g. `deaths`, `civilian_deaths`, `refugees`, `idps`.
    pub figure: String,
    /// The number.
    pub value: f64,
    /// As of when: the last day the figure covers.
    pub date: PartialDate,
    /// For a count over a period, its first day (`2011-03-15` for a count since the
    /// conflict began); none for a stock as of `date` (refugees registered that day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<PartialDate>,
    /// The publisher's definition, in our words ("documented deaths of civilians and
    /// combatants, each named").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<String>,
    /// A remark ("more than", "a minimum").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Who published it.
    pub source: Source,
}

impl Figure {
    /// The period a figure covers, as dates: `since – date` for a count over a period,
    /// `date` for a stock as of that day.
    #[must_use]
    pub fn period(&self) -> String {
        match self.since {
            Some(since) => format!("{since} – {}", self.date),
            None => self.date.to_string(),
        }
    }

    /// What a figure counts, with its publisher's definition and a remark when given
    /// ("deaths (documented deaths, each named; more than)").
    #[must_use]
    pub fn described(&self) -> String {
        let about: Vec<&str> = [self.definition.as_deref(), self.note.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        if about.is_empty() {
            self.figure.clone()
        } else {
            format!("{} ({})", self.figure, about.join("; "))
        }
    }

    /// The key that identifies a figure: what it counts, as of when, by whom, and, when
    /// given, over which period and by which definition (one publisher may give two
    /// counts of different definitions on one day).
    #[must_use]
    pub fn key(&self) -> String {
        let mut key = format!("{}@{}@{}", self.figure, self.date, self.source.publisher);
        if let Some(since) = self.since {
            key.push_str(&format!("@since {since}"));
        }
        if let Some(definition) = &self.definition {
            key.push('@');
            key.push_str(definition);
        }
        key
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Stance;

    fn figure(since: Option<&str>, definition: Option<&str>, note: Option<&str>) -> Figure {
        Figure {
            figure: "deaths".into(),
            value: 19_666.0,
            date: PartialDate::parse("2018-12-31").expect("a date"),
            since: since.map(|s| PartialDate::parse(s).expect("a date")),
            definition: definition.map(Into::into),
            note: note.map(Into::into),
            source: Source {
                publisher: "Synthetic monitor".into(),
                title: "Synthetic toll".into(),
                url: None,
                published: None,
                stance: Stance::Neutral,
            },
        }
    }

    /// A count over a period shows its period and definition; a stock its day alone.
    #[test]
    fn a_figure_reads_with_its_period_and_definition() {
        let count = figure(
            Some("2018-01-01"),
            Some("deaths recorded in the year"),
            Some("at least"),
        );
        assert_eq!(count.period(), "2018-01-01 – 2018-12-31");
        assert_eq!(
            count.described(),
            "deaths (deaths recorded in the year; at least)"
        );
        let stock = figure(None, None, None);
        assert_eq!(stock.period(), "2018-12-31");
        assert_eq!(stock.described(), "deaths");
        assert_ne!(count.key(), stock.key(), "two definitions are two figures");
    }
}
