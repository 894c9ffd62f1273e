//! What the timeline tests share: days, record times and synthetic observations.

#![allow(dead_code)] // each test file uses its own part

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use frontline_model::{
    Confidence, Observation, ObservationId, PartialDate, PartyId, PlaceId, Source, Stance, Status,
};

/// A day written YYYY-MM-DD.
pub(crate) fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("valid test date")
}

/// Noon (UTC) of a day written YYYY-MM-DD: a record time.
pub(crate) fn at(text: &str) -> DateTime<Utc> {
    Utc.from_utc_datetime(&day(text).and_hms_opt(12, 0, 0).expect("noon exists"))
}

/// An observation of `subject` (a place or an area) from `date` (any precision), with one
/// neutral synthetic source, recorded at noon of `recorded`.
pub(crate) fn obs(
    subject: &str,
    date: &str,
    status: Status,
    parties: &[&str],
    recorded: &str,
) -> Observation {
    let mut o = Observation {
        id: ObservationId::new("tmp").expect("valid"),
        place: PlaceId::new(subject).expect("valid"),
        status,
        parties: parties
            .iter()
            .map(|p| PartyId::new(*p).expect("valid"))
            .collect(),
        valid_from: PartialDate::parse(date).expect("valid"),
        valid_until: None,
        sources: vec![Source {
            publisher: "Synthetic test source".into(),
            title: format!("{subject} {date}"),
            url: None,
            published: None,
            stance: Stance::Neutral,
        }],
        confidence: Confidence::Medium,
        note: None,
        recorded_at: at(recorded),
        recorded_by: "test".into(),
        supersedes: vec![],
    };
    o.id = o.content_id();
    o
}
