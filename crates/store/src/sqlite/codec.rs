//! Conversions between model values and SQLite rows.

use chrono::{DateTime, NaiveDate, Utc};
use frontline_model::{
    Confidence, Observation, ObservationId, PartialDate, PartyId, PlaceId, Source, Stance, Status,
};
use rusqlite::Row;

use crate::error::Context as _;
use crate::{Error, Result};

pub(super) const CONFLICT: &str = "conflict";
pub(super) const REGION: &str = "region";
pub(super) const PARTY: &str = "party";
pub(super) const PLACE: &str = "place";
pub(super) const AREA: &str = "area";
pub(super) const AUDIT: &str = "audit";
pub(super) const MILESTONE: &str = "milestone";
pub(super) const FIGURE: &str = "figure";

/// Days from 1970-01-01.
pub(super) fn epoch_day(date: NaiveDate) -> i64 {
    (date - NaiveDate::from_ymd_opt(1970, 1, 1).expect("the epoch exists")).num_days()
}

/// Ids joined by `,`.
pub(super) fn join<'a>(ids: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for (i, id) in ids.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(id);
    }
    out
}

fn corrupt(what: &'static str, value: &str) -> Error {
    Error::Corrupt {
        what,
        value: value.to_owned(),
    }
}

fn split<T>(
    text: &str,
    what: &'static str,
    parse: impl Fn(&str) -> frontline_model::Result<T>,
) -> Result<Vec<T>> {
    text.split(',')
        .filter(|s| !s.is_empty())
        .map(|s| parse(s).map_err(|_| corrupt(what, text)))
        .collect()
}

pub(super) fn observation_from_row(r: &Row<'_>) -> Result<Observation> {
    let get =
        |i: usize| -> Result<String> { r.get::<_, String>(i).context("reading an observation") };
    let id = get(0)?;
    let place = get(1)?;
    let status = get(2)?;
    let valid_from = get(4)?;
    let valid_until: Option<String> = r.get(5).context("reading an observation")?;
    let confidence = get(6)?;
    let micros: i64 = r.get(9).context("reading an observation")?;
    let published: Option<String> = r.get(14).context("reading an observation")?;
    let stance = get(15)?;
    let mut sources = vec![Source {
        publisher: get(11)?,
        title: get(12)?,
        url: r.get(13).context("reading an observation")?,
        published: published
            .map(|p| PartialDate::parse(&p).map_err(|_| corrupt("source date", &p)))
            .transpose()?,
        stance: Stance::parse(&stance).map_err(|_| corrupt("source stance", &stance))?,
    }];
    let more: Option<String> = r.get(16).context("reading an observation")?;
    if let Some(more) = more {
        let extra: Vec<Source> =
            serde_json::from_str(&more).map_err(|_| corrupt("sources", &more))?;
        sources.extend(extra);
    }
    Ok(Observation {
        id: ObservationId::new(id.clone()).map_err(|_| corrupt("observation id", &id))?,
        place: PlaceId::new(place.clone()).map_err(|_| corrupt("place id", &place))?,
        status: Status::parse(&status).map_err(|_| corrupt("status", &status))?,
        parties: split(&get(3)?, "parties", |s| PartyId::new(s))?,
        valid_from: PartialDate::parse(&valid_from).map_err(|_| corrupt("date", &valid_from))?,
        valid_until: valid_until
            .map(|u| PartialDate::parse(&u).map_err(|_| corrupt("valid_until", &u)))
            .transpose()?,
        sources,
        confidence: Confidence::parse(&confidence)
            .map_err(|_| corrupt("confidence", &confidence))?,
        note: r.get(7).context("reading an observation")?,
        supersedes: split(&get(8)?, "supersedes", |s| ObservationId::new(s))?,
        recorded_at: DateTime::<Utc>::from_timestamp_micros(micros)
            .ok_or_else(|| corrupt("recorded_at", &micros.to_string()))?,
        recorded_by: get(10)?,
    })
}

/// The columns [`observation_from_row`] reads, in order.
pub(super) const OBSERVATION_COLUMNS: &str = "id, place, status, parties, valid_from, valid_until, confidence, note, supersedes, \
     recorded_at, recorded_by, source_publisher, source_title, source_url, source_date, source_stance, more_sources";
