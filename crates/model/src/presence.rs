//! Foreign forces on the ground (issue 19), kept apart from control: a [`Presence`] says
//! that a force kept a site (an air base, a naval base, a garrison, an observation post)
//! from one date until another, with its sources.
//!
//! Presence is not control. Nothing that resolves control ([`Timeline`](crate::Timeline))
//! reads it, so it never changes areas, statistics or front lines. It records sites only:
//! no units, strengths or movements.

use chrono::{DateTime, NaiveDate, Utc};
use rustc_hash::FxHashSet as HashSet;
use serde::{Deserialize, Serialize};

use crate::observation::ContentHasher;
use crate::{Confidence, PartialDate, PartyId, PlaceId, PresenceId, Source, Stance};

crate::word::word_enum! {
    /// What kind of site a force keeps.
    PresenceKind, "presence kind" {
        /// An air base or an airfield used as one.
        AirBase = "air_base",
        /// A naval base or facility.
        NavalBase = "naval_base",
        /// A garrison: a force stationed in a town or an area.
        Garrison = "garrison",
        /// An observation post (e.g. the Astana de-escalation posts).
        ObservationPost = "observation_post",
        /// Any other base.
        Base = "base",
    }
}

/// Where a site is: a known place (its position is the place's), or a point the source
/// gives (never more exact than the source).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Site {
    /// At a place of the conflict.
    Place(PlaceId),
    /// At a point, WGS 84 degrees.
    Point {
        /// Longitude.
        lon: f64,
        /// Latitude.
        lat: f64,
    },
}

/// One dated, sourced record that a force kept a site: the unit of the presence layer.
///
/// Like observations, presence records are never changed or deleted: a correction is a
/// new record that names the ones it `supersedes`, and from the moment it is recorded the
/// superseded ones no longer count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Presence {
    /// Its id (by default derived from its content, see [`Presence::content_id`]).
    pub id: PresenceId,
    /// The force present: a party, usually of kind `foreign`.
    pub force: PartyId,
    /// The site's name, as sources give it (`Khmeimim air base`).
    pub site: String,
    /// Where the site is.
    pub at: Site,
    /// What kind of site.
    pub kind: PresenceKind,
    /// From when the force was there (valid time). Where sources give no set-up date, the
    /// earliest date a source attests the site (the note says so).
    pub valid_from: PartialDate,
    /// Until when: the force is no longer there from the first day of this period.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub valid_until: Option<PartialDate>,
    /// One or more sources.
    pub sources: Vec<Source>,
    /// How sure the recorder is.
    pub confidence: Confidence,
    /// A free note (caveats, other sources).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub note: Option<String>,
    /// When Frontline learned it (record time).
    pub recorded_at: DateTime<Utc>,
    /// Who recorded it.
    pub recorded_by: String,
    /// The presence records this one corrects.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub supersedes: Vec<PresenceId>,
}

impl Presence {
    /// The id derived from what the record says (not from when or by whom it was
    /// recorded), so that the same record imported twice is recognised as the same.
    #[must_use]
    pub fn content_id(&self) -> PresenceId {
        PresenceId::from_hash(self.content_hash())
    }

    /// The hash [`Presence::content_id`] is the text of.
    #[must_use]
    pub fn content_hash(&self) -> u64 {
        let mut h = ContentHasher::default();
        h.text("presence")
            .text(self.force.as_str())
            .text(&self.site);
        match &self.at {
            Site::Place(p) => h.text("place").text(p.as_str()),
            Site::Point { lon, lat } => h
                .text("point")
                .text(&format!("{lon:.7}"))
                .text(&format!("{lat:.7}")),
        };
        h.text(self.kind.as_str())
            .date(Some(self.valid_from))
            .date(self.valid_until);
        for s in &self.sources {
            h.text(&s.publisher)
                .text(&s.title)
                .text(s.url.as_deref().unwrap_or(""))
                .date(s.published);
            match &s.stance {
                Stance::Neutral => h.text("neutral"),
                Stance::Aligned(p) => h.text("aligned").text(p.as_str()),
            };
        }
        h.text(self.confidence.as_str())
            .text(self.note.as_deref().unwrap_or(""));
        for s in &self.supersedes {
            h.text(s.as_str());
        }
        h.digest()
    }

    /// Whether the force was at the site on `day`: from the end of the `valid_from` period
    /// (as an observation's state holds, docs/state.md) until the day before the first day
    /// of `valid_until`.
    #[must_use]
    pub fn present_on(&self, day: NaiveDate) -> bool {
        self.valid_from.holds_from() <= day && self.valid_until.is_none_or(|u| day < u.first_day())
    }
}

/// The presence records in force on `day`, as known at `known_at`: recorded by then, not
/// superseded by a record made by then, and present on `day` ([`Presence::present_on`]).
/// In the order given.
#[must_use]
pub fn presence_on(
    records: &[Presence],
    day: NaiveDate,
    known_at: DateTime<Utc>,
) -> Vec<&Presence> {
    let superseded: HashSet<&PresenceId> = records
        .iter()
        .filter(|p| p.recorded_at <= known_at)
        .flat_map(|p| &p.supersedes)
        .collect();
    records
        .iter()
        .filter(|p| p.recorded_at <= known_at && !superseded.contains(&p.id) && p.present_on(day))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        PartialDate::parse(text).expect("a date").first_day()
    }

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .expect("a time")
            .with_timezone(&Utc)
    }

    fn hmeimim() -> Presence {
        let mut p = Presence {
            id: PresenceId::new("pending").expect("valid"),
            force: PartyId::new("russia").expect("valid"),
            site: "Khmeimim air base".into(),
            at: Site::Point {
                lon: 35.9487,
                lat: 35.4011,
            },
            kind: PresenceKind::AirBase,
            valid_from: PartialDate::parse("2015-09").expect("a date"),
            valid_until: None,
            sources: vec![Source {
                publisher: "Wikipedia (English)".into(),
                title: "Russian military intervention in the Syrian civil war".into(),
                url: Some("https://en.wikipedia.org/wiki/Russian_military_intervention_in_the_Syrian_civil_war".into()),
                published: None,
                stance: Stance::Neutral,
            }],
            confidence: Confidence::High,
            note: None,
            recorded_at: at("2026-01-01T00:00:00Z"),
            recorded_by: "test".into(),
            supersedes: Vec::new(),
        };
        p.id = p.content_id();
        p
    }

    #[test]
    fn a_presence_holds_from_the_end_of_its_first_period_until_its_last() {
        let mut p = hmeimim();
        p.valid_until = Some(PartialDate::parse("2026-01-27").expect("a date"));
        assert!(!p.present_on(day("2015-09-15")));
        assert!(p.present_on(day("2015-09-30")));
        assert!(p.present_on(day("2026-01-26")));
        assert!(!p.present_on(day("2026-01-27")));
    }

    #[test]
    fn the_content_id_ignores_who_recorded_it_and_when() {
        let a = hmeimim();
        let mut b = hmeimim();
        b.recorded_at = at("2026-02-01T00:00:00Z");
        b.recorded_by = "someone else".into();
        assert_eq!(a.content_id(), b.content_id());
        b.kind = PresenceKind::Base;
        assert_ne!(a.content_id(), b.content_id());
    }

    #[test]
    fn a_correction_hides_what_it_supersedes_from_its_record_time_on() {
        let first = hmeimim();
        let mut fix = hmeimim();
        fix.valid_from = PartialDate::parse("2015-08").expect("a date");
        fix.supersedes = vec![first.id.clone()];
        fix.recorded_at = at("2026-03-01T00:00:00Z");
        fix.id = fix.content_id();
        let all = [first.clone(), fix.clone()];
        let before = presence_on(&all, day("2015-10-01"), at("2026-02-01T00:00:00Z"));
        assert_eq!(before, vec![&first]);
        let after = presence_on(&all, day("2015-10-01"), at("2026-04-01T00:00:00Z"));
        assert_eq!(after, vec![&fix]);
        // Nothing recorded after the record time asked counts.
        assert!(presence_on(&all, day("2015-10-01"), at("2025-01-01T00:00:00Z")).is_empty());
    }

    /// A change that makes a presence record invalid.
    type Spoil = Box<dyn Fn(&mut Presence)>;

    #[test]
    fn the_catalog_refuses_a_bad_presence_naming_the_field() {
        use crate::{Catalog, Colour, Names, Party, PartyKind};
        let mut catalog = Catalog::new(None, day("2026-12-01"));
        catalog.admit_party(Party {
            id: PartyId::new("russia").expect("valid"),
            names: Names {
                en: "Russian Armed Forces".into(),
                ar: None,
                other: std::collections::BTreeMap::new(),
            },
            colour: Colour::parse("#b2182b").expect("a colour"),
            kind: PartyKind::Foreign,
            parent: None,
            successor_of: Vec::new(),
            valid_from: None,
            valid_until: None,
            since: None,
            note: None,
        });
        catalog.admit_place(PlaceId::new("latakia-airport").expect("valid"));
        assert_eq!(catalog.check_presence(&hmeimim()), Ok(()));
        let at_place = Presence {
            at: Site::Place(PlaceId::new("latakia-airport").expect("valid")),
            ..hmeimim()
        };
        assert_eq!(catalog.check_presence(&at_place), Ok(()));
        let cases: Vec<(&str, Spoil)> = vec![
            (
                "force",
                Box::new(|p| p.force = PartyId::new("nobody").expect("valid")),
            ),
            ("site", Box::new(|p| p.site = " ".into())),
            (
                "place",
                Box::new(|p| p.at = Site::Place(PlaceId::new("nowhere").expect("valid"))),
            ),
            (
                "lat",
                Box::new(|p| {
                    p.at = Site::Point {
                        lon: 35.0,
                        lat: 95.0,
                    }
                }),
            ),
            (
                "valid_from",
                Box::new(|p| p.valid_from = PartialDate::parse("2027").expect("a date")),
            ),
            (
                "valid_until",
                Box::new(|p| {
                    p.valid_until = Some(PartialDate::parse("2015-09-01").expect("a date"))
                }),
            ),
            ("source_publisher", Box::new(|p| p.sources.clear())),
            (
                "source_url",
                Box::new(|p| p.sources[0].url = Some("javascript:alert(1)".into())),
            ),
            (
                "supersedes",
                Box::new(|p| {
                    p.supersedes = vec![PresenceId::new("0123456789abcdef").expect("valid")]
                }),
            ),
        ];
        for (field, spoil) in cases {
            let mut p = hmeimim();
            spoil(&mut p);
            let err = catalog.check_presence(&p).expect_err(field);
            assert_eq!(err.field, field, "{err:?}");
        }
        let fix = Presence {
            supersedes: vec![hmeimim().id],
            ..hmeimim()
        };
        catalog.admit_stored_presence(hmeimim().id);
        assert_eq!(catalog.check_presence(&fix), Ok(()));
        assert_eq!(catalog.admit_presence(fix.id.clone(), 7), Ok(()));
        assert_eq!(catalog.admit_presence(fix.id.clone(), 9), Err(7));
    }
}
