//! The SQLite backend: append-only, all-or-nothing, idempotent.

use chrono::{NaiveDate, TimeZone, Utc};
use frontline_model::{
    Colour, Confidence, Conflict, Names, Observation, ObservationId, PartialDate, Party, PartyId,
    PartyKind, Place, PlaceId, PlaceKind, Source, Stance, Status,
};
use frontline_model::{Recorded, Versioned};
use frontline_store::{Error, Outcome, SqliteStore, Store};
use geo_types::{MultiPolygon, polygon};

fn recorded() -> Recorded {
    Recorded {
        at: Utc
            .with_ymd_and_hms(2024, 1, 2, 3, 4, 5)
            .single()
            .expect("valid"),
        by: "test".into(),
    }
}

fn conflict() -> Conflict {
    Conflict {
        id: "synthetic".into(),
        names: Names::english("Synthetic test conflict"),
        start: NaiveDate::from_ymd_opt(2011, 3, 15).expect("valid"),
        boundary: MultiPolygon(vec![
            polygon![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 1.0, y: 1.0), (x: 0.0, y: 1.0)],
        ]),
        attribution: vec!["Synthetic test data".into()],
    }
}

fn party(id: &str) -> Party {
    Party {
        id: PartyId::new(id).expect("valid"),
        names: Names::english(id),
        colour: Colour::parse("#ff0000").expect("valid"),
        kind: PartyKind::NonState,
        parent: None,
        successor_of: vec![],
        valid_from: None,
        valid_until: None,
        since: None,
        note: None,
    }
}

fn place(id: &str) -> Place {
    Place {
        id: PlaceId::new(id).expect("valid"),
        names: Names::english(id),
        lon: 0.5,
        lat: 0.5,
        kind: PlaceKind::Town,
        population: None,
        region: None,
        aliases: Vec::new(),
    }
}

fn observation(place: &str, party: &str, date: &str) -> Observation {
    let mut o = Observation {
        id: ObservationId::new("x").expect("valid"),
        place: PlaceId::new(place).expect("valid"),
        status: Status::Controlled,
        parties: vec![PartyId::new(party).expect("valid")],
        valid_from: PartialDate::parse(date).expect("valid"),
        valid_until: None,
        sources: vec![Source {
            publisher: "Synthetic".into(),
            title: "A synthetic report".into(),
            url: Some("https://example.org/r".into()),
            published: Some(PartialDate::parse(date).expect("valid")),
            stance: Stance::Neutral,
        }],
        confidence: Confidence::High,
        note: Some("synthetic test data".into()),
        recorded_at: recorded().at,
        recorded_by: "test".into(),
        supersedes: vec![],
    };
    o.id = o.content_id();
    o
}

fn seeded() -> SqliteStore {
    let mut store = SqliteStore::in_memory().expect("opens");
    let mut w = store.writer(recorded()).expect("writer");
    w.set_conflict(&conflict()).expect("conflict");
    w.add_party(&party("a")).expect("party");
    w.add_place(&place("p")).expect("place");
    w.add_observation(&observation("p", "a", "2015-06-01"))
        .expect("observation");
    w.commit().expect("commit");
    store
}

#[test]
fn records_round_trip_through_the_database() {
    let store = seeded();
    assert_eq!(store.conflict().expect("reads"), Some(conflict()));
    assert_eq!(store.parties().expect("reads"), vec![party("a")]);
    assert_eq!(store.places().expect("reads"), vec![place("p")]);
    assert_eq!(
        store.observations().expect("reads"),
        vec![observation("p", "a", "2015-06-01")]
    );
    let counts = store.counts().expect("counts");
    assert_eq!(
        (counts.parties, counts.places, counts.observations),
        (1, 1, 1)
    );
}

#[test]
fn adding_the_same_records_again_changes_nothing() {
    let mut store = seeded();
    let mut w = store.writer(recorded()).expect("writer");
    assert_eq!(
        w.set_conflict(&conflict()).expect("conflict"),
        Outcome::Unchanged
    );
    assert_eq!(w.add_party(&party("a")).expect("party"), Outcome::Unchanged);
    assert_eq!(w.add_place(&place("p")).expect("place"), Outcome::Unchanged);
    assert_eq!(
        w.add_observation(&observation("p", "a", "2015-06-01"))
            .expect("obs"),
        Outcome::Unchanged
    );
    w.commit().expect("commit");
    assert_eq!(store.observations().expect("reads").len(), 1);
}

#[test]
fn a_changed_place_is_a_new_version_and_the_old_one_is_kept() {
    let mut store = seeded();
    let mut moved = place("p");
    moved.lon = 0.6;
    let mut w = store.writer(recorded()).expect("writer");
    assert_eq!(w.add_place(&moved).expect("place"), Outcome::Added);
    w.commit().expect("commit");
    assert_eq!(store.places().expect("reads"), vec![moved]);
    let versions: i64 = store
        .connection()
        .query_row(
            "SELECT count(*) FROM records WHERE kind = 'place'",
            [],
            |r| r.get(0),
        )
        .expect("counts");
    assert_eq!(versions, 2);
}

#[test]
fn dropping_a_writer_without_commit_stores_nothing() {
    let mut store = seeded();
    {
        let mut w = store.writer(recorded()).expect("writer");
        w.add_place(&place("q")).expect("place");
        w.add_observation(&observation("q", "a", "2016-01-01"))
            .expect("obs");
    }
    assert_eq!(store.places().expect("reads").len(), 1);
    assert_eq!(store.observations().expect("reads").len(), 1);
}

#[test]
fn updates_and_deletes_are_refused_by_the_database_itself() {
    let store = seeded();
    for sql in [
        "UPDATE observations SET status = 'unknown'",
        "DELETE FROM observations",
        "UPDATE records SET body = '{}'",
        "DELETE FROM records",
    ] {
        let err = store.connection().execute(sql, []).expect_err(sql);
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
}

#[test]
fn an_observation_id_reused_for_other_content_is_refused() {
    let mut store = seeded();
    let mut other = observation("p", "a", "2016-01-01");
    other.id = observation("p", "a", "2015-06-01").id;
    let mut w = store.writer(recorded()).expect("writer");
    let err = w.add_observation(&other).expect_err("id taken");
    assert!(matches!(err, Error::ObservationIdTaken { .. }), "{err}");
}

#[test]
fn a_second_conflict_is_refused() {
    let mut store = seeded();
    let mut other = conflict();
    other.id = "another".into();
    let mut w = store.writer(recorded()).expect("writer");
    assert!(matches!(
        w.set_conflict(&other),
        Err(Error::ConflictExists { .. })
    ));
}

#[test]
fn a_database_file_persists_and_migrates_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("f.db");
    {
        let mut store = SqliteStore::open(&path).expect("opens");
        let mut w = store.writer(recorded()).expect("writer");
        w.set_conflict(&conflict()).expect("conflict");
        w.commit().expect("commit");
    }
    let store = SqliteStore::open(&path).expect("reopens");
    assert_eq!(store.schema_version().expect("version"), 5);
    assert_eq!(
        store.conflict().expect("reads").map(|c| c.id),
        Some("synthetic".into())
    );
    let mode: String = store
        .connection()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("mode");
    assert_eq!(mode, "wal");
}

#[test]
fn place_history_is_newest_first() {
    let mut store = seeded();
    let mut w = store.writer(recorded()).expect("writer");
    w.add_observation(&observation("p", "a", "2017-01-01"))
        .expect("obs");
    w.add_observation(&observation("p", "a", "2012-01-01"))
        .expect("obs");
    w.commit().expect("commit");
    let dates: Vec<String> = store
        .place_history(&PlaceId::new("p").expect("valid"))
        .expect("history")
        .iter()
        .map(|o| o.valid_from.to_string())
        .collect();
    assert_eq!(dates, ["2017-01-01", "2015-06-01", "2012-01-01"]);
}

/// The events layer (issue 7): append-only, idempotent, read by start date.
mod events {
    use frontline_model::{Deaths, Event};

    use super::*;

    fn event(id: &str, day: u32, best: u32) -> Event {
        let date = NaiveDate::from_ymd_opt(2016, 1, day).expect("valid");
        Event {
            id: format!("synthetic:{id}"),
            date_start: date,
            date_end: date,
            date_precision: 1,
            lon: 0.5,
            lat: 0.5,
            where_precision: 1,
            where_name: "Synthetic town".into(),
            adm_1: None,
            adm_2: None,
            type_of_violence: 1,
            side_a: "Red".into(),
            side_b: "Blue".into(),
            deaths: Deaths {
                side_a: best,
                best,
                low: best,
                high: best + 1,
                ..Deaths::default()
            },
            sources: vec![],
        }
    }

    #[test]
    fn events_are_stored_once_and_read_by_start_date() {
        let mut store = seeded();
        let mut w = store.writer(recorded()).expect("writer");
        assert_eq!(
            w.add_event(&event("1", 3, 2)).expect("adds"),
            Outcome::Added
        );
        assert_eq!(
            w.add_event(&event("2", 10, 5)).expect("adds"),
            Outcome::Added
        );
        assert_eq!(
            w.add_event(&event("1", 3, 2)).expect("adds"),
            Outcome::Unchanged
        );
        assert!(matches!(
            w.add_event(&event("1", 3, 9)),
            Err(Error::EventIdTaken { .. })
        ));
        w.commit().expect("commits");
        let day = |d| NaiveDate::from_ymd_opt(2016, 1, d).expect("valid");
        assert_eq!(store.events(day(1), day(31)).expect("reads").len(), 2);
        let early = store.events(day(1), day(3)).expect("reads");
        assert_eq!(early, vec![event("1", 3, 2)]);
        let sum: u32 = store
            .events(day(4), day(31))
            .expect("reads")
            .iter()
            .map(|e| e.deaths.best)
            .sum();
        assert_eq!(sum, 5);
        let err = store
            .connection()
            .execute("DELETE FROM events", [])
            .expect_err("append-only");
        assert!(err.to_string().contains("append-only"), "{err}");
    }

    #[test]
    fn events_never_change_control() {
        let mut store = seeded();
        let before = store.observations().expect("reads");
        let mut w = store.writer(recorded()).expect("writer");
        w.add_event(&event("1", 3, 2)).expect("adds");
        w.commit().expect("commits");
        assert_eq!(store.observations().expect("reads"), before);
    }
}

/// The presence layer (issue 19): append-only, idempotent, corrections kept, apart from
/// control.
mod presence {
    use frontline_model::{Presence, PresenceId, PresenceKind, Site};

    use super::*;

    fn base(site: &str) -> Presence {
        let mut p = Presence {
            id: PresenceId::new("pending").expect("valid"),
            force: PartyId::new("red").expect("valid"),
            site: site.into(),
            at: Site::Point {
                lon: 0.123_456_7,
                lat: 0.5,
            },
            kind: PresenceKind::AirBase,
            valid_from: PartialDate::parse("2015-09").expect("valid"),
            valid_until: None,
            sources: vec![Source {
                publisher: "Synthetic Wire".into(),
                title: "A base".into(),
                url: Some("https://example.org/b".into()),
                published: None,
                stance: Stance::Neutral,
            }],
            confidence: Confidence::Medium,
            note: None,
            recorded_at: recorded().at,
            recorded_by: "test".into(),
            supersedes: vec![],
        };
        p.id = p.content_id();
        p
    }

    #[test]
    fn presence_records_are_stored_once_and_read_back_in_record_order() {
        let mut store = seeded();
        let first = base("Alpha air base");
        let mut fix = base("Alpha air base (corrected)");
        fix.supersedes = vec![first.id.clone()];
        fix.at = Site::Place(PlaceId::new("alpha").expect("valid"));
        fix.id = fix.content_id();
        let mut w = store.writer(recorded()).expect("writer");
        assert_eq!(w.add_presence(&first).expect("adds"), Outcome::Added);
        assert_eq!(w.add_presence(&fix).expect("adds"), Outcome::Added);
        assert_eq!(w.add_presence(&first).expect("adds"), Outcome::Unchanged);
        let mut taken = base("Another site");
        taken.id = first.id.clone();
        assert!(matches!(
            w.add_presence(&taken),
            Err(Error::PresenceIdTaken { .. })
        ));
        w.commit().expect("commits");
        assert_eq!(store.presence().expect("reads"), vec![first, fix]);
        for sql in ["UPDATE presence SET body = '{}'", "DELETE FROM presence"] {
            let err = store.connection().execute(sql, []).expect_err(sql);
            assert!(err.to_string().contains("append-only"), "{sql}: {err}");
        }
    }

    #[test]
    fn presence_never_changes_control() {
        let mut store = seeded();
        let before = store.observations().expect("reads");
        let mut w = store.writer(recorded()).expect("writer");
        w.add_presence(&base("Alpha air base")).expect("adds");
        w.commit().expect("commits");
        assert_eq!(store.observations().expect("reads"), before);
    }
}

/// A transaction big enough to be a bulk load (its indexes built once, at commit) answers
/// exactly as a small one: the same observation again is unchanged whether it was stored
/// before, added before the load turned bulk, or added since; an id taken by other content
/// is refused; and the indexes are back afterwards.
#[test]
fn a_bulk_load_answers_as_a_small_one() {
    let mut store = seeded();
    let numbered = |i: usize| {
        let mut o = observation("p", "a", "2016-01-01");
        o.sources[0].title = format!("Synthetic report {i}");
        o.id = o.content_id();
        o
    };
    let n = 60_000;
    let indexes = |store: &SqliteStore| -> Vec<String> {
        store
            .connection()
            .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'observations' ORDER BY name")
            .expect("prepares")
            .query_map([], |r| r.get(0))
            .expect("queries")
            .collect::<Result<_, _>>()
            .expect("reads")
    };
    // A bulk load rolled back leaves the table and its indexes as they were.
    {
        let mut w = store.writer(recorded()).expect("writer");
        for i in 0..n {
            w.add_observation(&numbered(i)).expect("adds");
        }
    }
    assert_eq!(store.observations().expect("reads").len(), 1);
    assert_eq!(indexes(&store), ["observations_by_id"]);

    let mut w = store.writer(recorded()).expect("writer");
    for i in 0..n {
        assert_eq!(
            w.add_observation(&numbered(i)).expect("adds"),
            Outcome::Added
        );
    }
    for again in [
        observation("p", "a", "2015-06-01"),
        numbered(0),
        numbered(n - 1),
    ] {
        assert_eq!(w.add_observation(&again).expect("adds"), Outcome::Unchanged);
    }
    let mut taken = numbered(1);
    taken.id = numbered(n - 2).id;
    let err = w.add_observation(&taken).expect_err("id taken");
    assert!(matches!(err, Error::ObservationIdTaken { .. }), "{err}");
    w.commit().expect("commit");

    assert_eq!(store.observations().expect("reads").len(), n + 1);
    assert_eq!(indexes(&store), ["observations_by_id"]);
    let mut w = store.writer(recorded()).expect("writer");
    assert_eq!(
        w.add_observation(&numbered(7)).expect("adds"),
        Outcome::Unchanged
    );
}

/// Restored versions keep their record times whatever order they come in: the current
/// version is the one recorded last, and restoring a version again changes nothing.
#[test]
fn restored_versions_keep_their_record_times() {
    let mut store = seeded();
    let at = |day: u32| Recorded {
        at: Utc
            .with_ymd_and_hms(2023, 1, day, 0, 0, 0)
            .single()
            .expect("valid"),
        by: "archivist".into(),
    };
    let mut older = place("q");
    older.lon = 0.25;
    let newer = place("q");
    let versions = [
        Versioned {
            value: newer.clone(),
            recorded: at(20),
        },
        Versioned {
            value: older.clone(),
            recorded: at(10),
        },
    ];
    let mut w = store.writer(recorded()).expect("writer");
    for v in &versions {
        assert_eq!(w.restore_place(v).expect("restores"), Outcome::Added);
    }
    w.commit().expect("commit");
    let q: Vec<_> = store
        .place_versions()
        .expect("reads")
        .into_iter()
        .filter(|v| v.value.id.as_str() == "q")
        .collect();
    assert_eq!(
        q,
        [versions[1].clone(), versions[0].clone()],
        "by record time"
    );
    assert!(store.places().expect("reads").contains(&newer));
    let mut w = store.writer(recorded()).expect("writer");
    for v in &versions {
        assert_eq!(w.restore_place(v).expect("restores"), Outcome::Unchanged);
    }
}
