//! Export then import is the identity, for GeoJSON and for CSV (property tests on
//! synthetic histories).

use std::path::Path;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use frontline_formats::{
    CsvRecords, Defaults, History, Located, Record, read_geojson, write_csv_dir, write_geojson,
};
use frontline_model::{
    Colour, Confidence, Conflict, Deaths, Event, Figure, Names, Observation, ObservationId,
    PartialDate, Party, PartyId, PartyKind, Place, PlaceId, PlaceKind, Population, Presence,
    PresenceId, PresenceKind, Recorded, Site, Source, Stance, Status, Versioned,
};
use geo_types::{MultiPolygon, polygon};
use proptest::prelude::*;

fn defaults() -> Defaults {
    Defaults {
        recorded_at: Utc
            .with_ymd_and_hms(2030, 1, 1, 0, 0, 0)
            .single()
            .expect("valid"),
        recorded_by: "other".into(),
    }
}

fn text() -> impl Strategy<Value = String> {
    // Names with commas, quotes, markup and Arabic, as real data has.
    proptest::string::string_regex("[A-Za-z0-9 ,\"<>&'\u{627}-\u{64a}]{1,20}")
        .expect("a valid regex")
        .prop_map(|s| s.trim().to_owned())
        .prop_filter("not blank", |s| !s.is_empty())
}

fn date() -> impl Strategy<Value = PartialDate> {
    (0..4000i64, 0..3u8).prop_map(|(d, p)| {
        let day = NaiveDate::from_ymd_opt(2012, 1, 1).expect("valid") + Duration::days(d);
        let text = match p {
            0 => day.format("%Y").to_string(),
            1 => day.format("%Y-%m").to_string(),
            _ => day.format("%Y-%m-%d").to_string(),
        };
        PartialDate::parse(&text).expect("valid")
    })
}

/// Published figures: counts with fractions too, each dated and sourced; a count over a
/// period with its definition, and a stock as of its date.
fn figures(obs: &[Observation]) -> Vec<Figure> {
    obs.iter()
        .take(3)
        .enumerate()
        .map(|(i, o)| Figure {
            figure: ["displaced", "killed", "refugees"][i].into(),
            value: 1_234.5 * (i as f64) + 7.0,
            date: o.valid_from,
            since: (i == 1).then_some(o.valid_from),
            definition: (i == 1).then(|| "documented deaths, each named; a minimum".into()),
            note: (i == 2).then(|| "more than".into()),
            source: o.sources[0].clone(),
        })
        .collect()
}

fn history() -> impl Strategy<Value = History> {
    let places = proptest::collection::vec(
        (
            text(),
            0.0..1.0f64,
            0.0..1.0f64,
            proptest::option::of(1..1_000_000u64),
        ),
        1..6,
    );
    let observations = proptest::collection::vec(
        (
            0..6usize,
            0..6usize,
            0..3usize,
            date(),
            text(),
            proptest::option::of(text()),
            0..3usize,
            proptest::bool::ANY,
        ),
        0..12,
    );
    (places, observations).prop_map(|(places, observations)| {
        let parties: Vec<Party> = ["a", "b", "c"]
            .iter()
            .map(|id| Party {
                id: PartyId::new(*id).expect("valid"),
                names: Names { en: format!("Party {id}"), ar: Some("طرف".into()), other: Default::default() },
                colour: Colour::parse("#12ab34").expect("valid"),
                kind: PartyKind::NonState,
                parent: None,
                successor_of: vec![],
                valid_from: None,
                valid_until: None,
                since: None,
                note: Some("synthetic, with \"quotes\", commas".into()),
            })
            .collect();
        let places: Vec<Place> = places
            .into_iter()
            .enumerate()
            .map(|(i, (name, x, y, pop))| Place {
                id: PlaceId::new(format!("p{i}")).expect("valid"),
                names: Names::english(name),
                lon: ((10.0 + x) * 1e7).round() / 1e7,
                lat: ((10.0 + y) * 1e7).round() / 1e7,
                kind: PlaceKind::Town,
                population: pop.map(|value| Population { value, year: Some(2004), source: Some("synthetic".into()) }),
                region: None,
                aliases: Vec::new(),
            })
            .collect();
        let statuses = [Status::Controlled, Status::Contested, Status::Joint, Status::Besieged, Status::Claimed, Status::Unknown];
        let mut obs: Vec<Observation> = Vec::new();
        for (i, (place, status, party, valid_from, title, note, confidence, correct)) in observations.into_iter().enumerate() {
            let status = statuses[status];
            let ids = ["a", "b", "c"];
            let parties = match status.min_parties() {
                0 => vec![],
                1 => vec![ids[party]],
                _ => vec![ids[party], ids[(party + 1) % 3]],
            };
            let mut o = Observation {
                id: ObservationId::new("x").expect("valid"),
                place: places[place % places.len()].id.clone(),
                status,
                parties: parties.into_iter().map(|p| PartyId::new(p).expect("valid")).collect(),
                valid_from,
                valid_until: None,
                sources: vec![Source {
                    publisher: "Synthetic wire".into(),
                    title,
                    url: Some(format!("https://example.org/{i}")),
                    published: Some(valid_from),
                    stance: if i % 2 == 0 { Stance::Neutral } else { Stance::Aligned(PartyId::new("b").expect("valid")) },
                }],
                confidence: [Confidence::Low, Confidence::Medium, Confidence::High][confidence],
                note,
                recorded_at: Utc.with_ymd_and_hms(2024, 5, 6, 7, 8, 9).single().expect("valid") + Duration::seconds(i as i64),
                recorded_by: "tester".into(),
                supersedes: if correct { obs.last().map(|p: &Observation| vec![p.id.clone()]).unwrap_or_default() } else { vec![] },
            };
            o.id = o.content_id();
            if obs.iter().all(|p| p.id != o.id) {
                obs.push(o);
            }
        }
        let figures = figures(&obs);
        // Violent events (a layer apart from control), with names as odd as real ones.
        let events: Vec<Event> = obs
            .iter()
            .take(2)
            .enumerate()
            .map(|(i, o)| Event {
                id: format!("ucdp-ged:{}", 100 + i),
                date_start: o.valid_from.first_day(),
                date_end: o.valid_from.last_day(),
                date_precision: 1 + i as u8,
                lon: 10.0 + 0.123_456_7 * i as f64,
                lat: 11.0,
                where_precision: 2,
                where_name: o.sources[0].title.clone(),
                adm_1: (i == 0).then(|| "Synthetic Governorate".to_owned()),
                adm_2: None,
                type_of_violence: 1 + i as u8,
                side_a: "Government of Synthetica".into(),
                side_b: o.note.clone().unwrap_or_else(|| "Synthetic insurgents".into()),
                deaths: Deaths { side_a: 1, side_b: 2, civilians: 3, unknown: 0, low: 5, best: 6, high: 9 + i as u32 },
                // UCDP cites up to 26 reports for one event: more than nine source groups
                // must come back whole.
                sources: if i == 0 { o.sources.iter().cycle().take(12).cloned().collect() } else { vec![] },
            })
            .collect();
        let presence = presence_of(&obs);
        History {
            conflict: Some(Conflict {
                id: "synthetic".into(),
                names: Names { en: "Synthetic test conflict".into(), ar: Some("نزاع".into()), other: Default::default() },
                start: NaiveDate::from_ymd_opt(2011, 3, 15).expect("valid"),
                boundary: MultiPolygon(vec![polygon![(x: 9.0, y: 9.0), (x: 12.0, y: 9.0), (x: 12.0, y: 12.0), (x: 9.0, y: 12.0)]]),
                attribution: vec!["Synthetic test data".into()],
            }),
            regions: vec![],
            parties: parties.into_iter().map(|p| versioned(p, 0)).collect(),
            // Each place in its first version, and the first one moved and renamed later.
            places: places
                .iter()
                .cloned()
                .map(|p| versioned(p, 0))
                .chain(places.first().map(|p| {
                    let mut moved = p.clone();
                    moved.lon += 0.25;
                    moved.names = Names::english("Renamed, \"later\"");
                    versioned(moved, 3600)
                }))
                .collect(),
            areas: vec![],
            observations: obs,
            milestones: vec![],
            figures,
            events,
            presence,
        }
    })
}

/// Foreign forces' sites from the first observations: at a place or at a point, the last
/// correcting the first.
fn presence_of(obs: &[Observation]) -> Vec<Presence> {
    let mut presence: Vec<Presence> = Vec::new();
    for (i, o) in obs.iter().take(3).enumerate() {
        let mut p = Presence {
            id: PresenceId::new("x").expect("valid"),
            force: o
                .parties
                .first()
                .cloned()
                .unwrap_or_else(|| PartyId::new("a").expect("valid")),
            site: o.sources[0].title.clone(),
            at: if i == 1 {
                Site::Place(o.place.clone())
            } else {
                Site::Point {
                    lon: 10.0 + 0.123_456_7 * i as f64,
                    lat: 11.5,
                }
            },
            kind: PresenceKind::ALL[i % PresenceKind::ALL.len()],
            valid_from: o.valid_from,
            valid_until: (i == 0).then(|| PartialDate::parse("2030").expect("valid")),
            sources: o.sources.clone(),
            confidence: o.confidence,
            note: o.note.clone(),
            recorded_at: o.recorded_at,
            recorded_by: "tester".into(),
            supersedes: if i == 2 {
                presence
                    .first()
                    .map(|p| vec![p.id.clone()])
                    .unwrap_or_default()
            } else {
                vec![]
            },
        };
        p.id = p.content_id();
        if presence.iter().all(|q| q.id != p.id) {
            presence.push(p);
        }
    }
    presence
}

/// A version recorded `seconds` after the history's first record time.
fn versioned<T>(value: T, seconds: i64) -> Versioned<T> {
    Versioned {
        value,
        recorded: Recorded {
            at: Utc
                .with_ymd_and_hms(2024, 5, 6, 7, 8, 9)
                .single()
                .expect("valid")
                + Duration::seconds(seconds)
                + Duration::microseconds(123),
            by: "tester, \"quoted\"".into(),
        },
    }
}

fn collect(records: impl IntoIterator<Item = Located>) -> History {
    let mut h = History::default();
    for Located {
        record, recorded, ..
    } in records
    {
        let stamp = || {
            recorded
                .clone()
                .expect("an exported version carries its record time")
        };
        match record {
            Record::Conflict(c) => h.conflict = Some(c),
            Record::Region(r) => h.regions.push(r),
            Record::Party(value) => h.parties.push(Versioned {
                value,
                recorded: stamp(),
            }),
            Record::Place(value) => h.places.push(Versioned {
                value,
                recorded: stamp(),
            }),
            Record::Area(value) => h.areas.push(Versioned {
                value,
                recorded: stamp(),
            }),
            Record::Observation(o) => h.observations.push(o),
            Record::Milestone(m) => h.milestones.push(m),
            Record::Figure(f) => h.figures.push(f),
            Record::Event(e) => h.events.push(e),
            Record::Presence(p) => h.presence.push(p),
            other => panic!("an export of this history has no {other:?}"),
        }
    }
    h
}

fn read_csv(path: &Path) -> Vec<Located> {
    CsvRecords::open(path, defaults())
        .expect("opens")
        .map(|r| r.expect("reads"))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, rng_seed: proptest::test_runner::RngSeed::Fixed(3), ..ProptestConfig::default() })]

    #[test]
    fn geojson_export_then_import_is_the_identity(history in history()) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("history.geojson");
        let mut out = Vec::new();
        write_geojson(&history, &mut out).expect("writes");
        std::fs::write(&path, out).expect("writes");
        let back = collect(read_geojson(&path, &defaults()).expect("reads"));
        prop_assert_eq!(back, history);
    }

    #[test]
    fn csv_export_then_import_is_the_identity(history in history()) {
        let dir = tempfile::tempdir().expect("temp dir");
        write_csv_dir(&history, dir.path()).expect("writes");
        let mut records: Vec<Located> = read_geojson(&dir.path().join("conflict.geojson"), &defaults()).expect("reads");
        records.extend(read_csv(&dir.path().join("parties.csv")));
        records.extend(read_csv(&dir.path().join("places.csv")));
        records.extend(read_csv(&dir.path().join("observations.csv")));
        for optional in ["figures.csv", "events.csv", "presence.csv"] {
            let path = dir.path().join(optional);
            if path.exists() {
                records.extend(read_csv(&path));
            }
        }
        prop_assert_eq!(collect(records), history);
    }
}
