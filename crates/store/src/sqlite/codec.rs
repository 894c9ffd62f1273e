//! Conversions between model values and SQLite rows.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use frontline_model::{Confidence, Observation, ObservationId, PartialDate, PartyId, PlaceId, Source, Stance, Status};
use rusqlite::{Connection, Row};

use crate::error::Context as _;
use crate::{Error, Result};

pub(super) const CONFLICT: &str = "conflict";
pub(super) const REGION: &str = "region";
pub(super) const PARTY: &str = "party";
pub(super) const PLACE: &str = "place";
pub(super) const MILESTONE: &str = "milestone";

/// Days from 1970-01-01.
pub(super) fn epoch_day(date: NaiveDate) -> i64 {
    (date - NaiveDate::from_ymd_opt(1970, 1, 1).expect("the epoch exists")).num_days()
}

/// A stable hash of a source's content, its identity in the `sources` table.
pub(super) fn source_hash(s: &Source) -> String {
    let text = format!(
        "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}",
        s.publisher,
        s.title,
        s.url.as_deref().unwrap_or(""),
        s.published.map(|d| d.to_string()).unwrap_or_default(),
        s.stance
    );
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(text.as_bytes()))
}

pub(super) fn join<T: std::fmt::Display>(items: &[T]) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&item.to_string());
    }
    out
}

fn corrupt(what: &'static str, value: &str) -> Error {
    Error::Corrupt { what, value: value.to_owned() }
}

fn split<T>(text: &str, what: &'static str, parse: impl Fn(&str) -> frontline_model::Result<T>) -> Result<Vec<T>> {
    text.split(',').filter(|s| !s.is_empty()).map(|s| parse(s).map_err(|_| corrupt(what, text))).collect()
}

pub(super) fn read_sources(conn: &Connection) -> Result<HashMap<i64, Source>> {
    let mut stmt = conn
        .prepare_cached("SELECT id, publisher, title, url, published, stance FROM sources")
        .context("reading sources")?;
    let mut rows = stmt.query([]).context("reading sources")?;
    let mut out = HashMap::new();
    while let Some(r) = rows.next().context("reading sources")? {
        let published: Option<String> = r.get(4).context("reading sources")?;
        let stance: String = r.get(5).context("reading sources")?;
        out.insert(
            r.get(0).context("reading sources")?,
            Source {
                publisher: r.get(1).context("reading sources")?,
                title: r.get(2).context("reading sources")?,
                url: r.get(3).context("reading sources")?,
                published: published
                    .map(|p| PartialDate::parse(&p).map_err(|_| corrupt("source date", &p)))
                    .transpose()?,
                stance: Stance::parse(&stance).map_err(|_| corrupt("source stance", &stance))?,
            },
        );
    }
    Ok(out)
}

pub(super) fn observation_from_row(r: &Row<'_>, sources: &HashMap<i64, Source>) -> Result<Observation> {
    let get = |i: usize| -> Result<String> { r.get::<_, String>(i).context("reading an observation") };
    let id = get(0)?;
    let place = get(1)?;
    let status = get(2)?;
    let valid_from = get(4)?;
    let valid_until: Option<String> = r.get(5).context("reading an observation")?;
    let source_ids = get(6)?;
    let confidence = get(7)?;
    let micros: i64 = r.get(10).context("reading an observation")?;
    Ok(Observation {
        id: ObservationId::new(id.clone()).map_err(|_| corrupt("observation id", &id))?,
        place: PlaceId::new(place.clone()).map_err(|_| corrupt("place id", &place))?,
        status: Status::parse(&status).map_err(|_| corrupt("status", &status))?,
        parties: split(&get(3)?, "parties", |s| PartyId::new(s))?,
        valid_from: PartialDate::parse(&valid_from).map_err(|_| corrupt("date", &valid_from))?,
        valid_until: valid_until
            .map(|u| PartialDate::parse(&u).map_err(|_| corrupt("valid_until", &u)))
            .transpose()?,
        sources: source_ids
            .split(',')
            .map(|s| {
                s.parse::<i64>()
                    .ok()
                    .and_then(|k| sources.get(&k).cloned())
                    .ok_or_else(|| corrupt("source reference", &source_ids))
            })
            .collect::<Result<_>>()?,
        confidence: Confidence::parse(&confidence).map_err(|_| corrupt("confidence", &confidence))?,
        note: r.get(8).context("reading an observation")?,
        supersedes: split(&get(9)?, "supersedes", |s| ObservationId::new(s))?,
        recorded_at: DateTime::<Utc>::from_timestamp_micros(micros).ok_or_else(|| corrupt("recorded_at", &micros.to_string()))?,
        recorded_by: get(11)?,
    })
}
