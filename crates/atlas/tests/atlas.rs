//! The atlas on synthetic evidence: its answers agree with each other.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use frontline_atlas::{At, Atlas, BriefOf, Method, Step};
use frontline_model::Recorded;
use frontline_model::{
    Colour, Confidence, Conflict, Deaths, Event, Figure, Names, Observation, ObservationId,
    PartialDate, Party, PartyId, PartyKind, Place, PlaceId, PlaceKind, Population, Presence,
    PresenceId, PresenceKind, Site, Source, Stance, Status,
};
use frontline_render::{BriefBlock, Language};
use frontline_store::{SqliteStore, Store, Writer};
use geo_types::{MultiPolygon, polygon};
use proptest::prelude::*;

fn day(offset: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2015, 1, 1).expect("valid") + Duration::days(offset)
}

/// A synthetic conflict: a 1°×1° square, a 5×5 grid of places, three parties, and
/// `changes` observations (place, day offset, party index or none for contested).
fn store(changes: &[(usize, i64, usize)]) -> SqliteStore {
    let recorded = Recorded {
        at: Utc
            .with_ymd_and_hms(2020, 1, 1, 0, 0, 0)
            .single()
            .expect("valid"),
        by: "test".into(),
    };
    let mut store = SqliteStore::in_memory().expect("opens");
    let mut w = store.writer(recorded.clone()).expect("writer");
    w.set_conflict(&Conflict {
        id: "synthetic".into(),
        names: Names::english("Synthetic test conflict"),
        start: day(-100),
        boundary: MultiPolygon(vec![polygon![(x: 36.0, y: 34.0), (x: 37.0, y: 34.0), (x: 37.0, y: 35.0), (x: 36.0, y: 35.0)]]),
        attribution: vec![],
    })
    .expect("conflict");
    let parties = ["a", "b", "c"];
    for (i, id) in parties.iter().enumerate() {
        let mut party = synthetic_party(
            id,
            &format!("Party {id}"),
            Colour {
                r: 40 * i as u8,
                g: 100,
                b: 200,
            },
        );
        // Party c ceases to exist on day 200, with no successor: its places then borrow
        // (or are unknown). Party b ends on day 250 and e succeeds it.
        match *id {
            "c" => party.valid_until = Some(PartialDate::day(day(200))),
            "b" => party.valid_until = Some(PartialDate::day(day(250))),
            _ => {}
        }
        w.add_party(&party).expect("party");
    }
    let mut heir = synthetic_party(
        "e",
        "Party e",
        Colour {
            r: 200,
            g: 40,
            b: 40,
        },
    );
    heir.successor_of = vec![PartyId::new("b").expect("valid")];
    heir.valid_from = Some(PartialDate::day(day(251)));
    w.add_party(&heir).expect("party");
    let mut foreign = synthetic_party(
        "f",
        "Foreign force f",
        Colour {
            r: 10,
            g: 10,
            b: 10,
        },
    );
    foreign.kind = PartyKind::Foreign;
    w.add_party(&foreign).expect("party");
    for i in 0..25 {
        w.add_place(&store_place(i)).expect("place");
    }
    for &(place, offset, party) in changes {
        w.add_observation(&synthetic_observation(place, offset, party, recorded.at))
            .expect("observation");
    }
    w.commit().expect("commit");
    store
}

/// An observation of place `place` from day `offset`: held by party `party` (0..=2), or
/// contested between a and b, recorded at `at`.
fn synthetic_observation(
    place: usize,
    offset: i64,
    party: usize,
    at: DateTime<Utc>,
) -> Observation {
    let (status, names) = match party {
        0..=2 => (Status::Controlled, vec![["a", "b", "c"][party]]),
        _ => (Status::Contested, vec!["a", "b"]),
    };
    let mut o = Observation {
        id: ObservationId::new("x").expect("valid"),
        place: PlaceId::new(format!("p{place}")).expect("valid"),
        status,
        parties: names
            .into_iter()
            .map(|p| PartyId::new(p).expect("valid"))
            .collect(),
        valid_from: PartialDate::day(day(offset)),
        // Every fourth report holds for 40 days only (as a snapshot does), so that
        // expiry, and lending after it, is exercised.
        valid_until: ((usize::try_from(offset).unwrap_or(0) + place) % 4 == 0)
            .then(|| PartialDate::day(day(offset + 40))),
        sources: vec![Source {
            publisher: "Synthetic".into(),
            title: "synthetic".into(),
            url: None,
            published: None,
            stance: Stance::Neutral,
        }],
        confidence: Confidence::Medium,
        note: None,
        recorded_at: at,
        recorded_by: "test".into(),
        supersedes: vec![],
    };
    o.id = o.content_id();
    o
}

/// A presence record of force `force` (a, b, c, e or the foreign f) at place `i` (its
/// site is a point instead when `i` is 25 or more), from day `from` for `days` days (or
/// open-ended), correcting `previous` when `kind` is 4.
fn synthetic_presence(
    force: usize,
    i: usize,
    from: i64,
    days: Option<i64>,
    kind: usize,
    previous: Option<&PresenceId>,
) -> Presence {
    let mut p = Presence {
        id: PresenceId::new("pending").expect("valid"),
        force: PartyId::new(["a", "b", "c", "e", "f"][force]).expect("valid"),
        site: format!("Site {i}"),
        at: if i < 25 {
            Site::Place(PlaceId::new(format!("p{i}")).expect("valid"))
        } else {
            Site::Point {
                lon: 36.05 + 0.01 * from as f64 / 10.0,
                lat: 34.5,
            }
        },
        kind: [
            PresenceKind::AirBase,
            PresenceKind::NavalBase,
            PresenceKind::Garrison,
            PresenceKind::ObservationPost,
            PresenceKind::Base,
        ][kind],
        valid_from: PartialDate::day(day(from)),
        valid_until: days.map(|d| PartialDate::day(day(from + d))),
        sources: vec![Source {
            publisher: "Synthetic".into(),
            title: "presence".into(),
            url: None,
            published: None,
            stance: Stance::Neutral,
        }],
        confidence: Confidence::Medium,
        note: None,
        recorded_at: t_later(),
        recorded_by: "test".into(),
        supersedes: if kind == 4 {
            previous.into_iter().cloned().collect()
        } else {
            Vec::new()
        },
    };
    p.id = p.content_id();
    p
}

/// A non-state party of one version.
fn synthetic_party(id: &str, name: &str, colour: Colour) -> Party {
    Party {
        id: PartyId::new(id).expect("valid"),
        names: Names::english(name),
        colour,
        kind: PartyKind::NonState,
        parent: None,
        successor_of: vec![],
        valid_from: None,
        valid_until: None,
        since: None,
        note: None,
    }
}

/// Place `i` of the 5×5 grid (25 and on lie beyond it, to the north).
fn store_place(i: usize) -> Place {
    Place {
        id: PlaceId::new(format!("p{i}")).expect("valid"),
        names: Names::english(format!("Place {i}")),
        lon: 36.1 + 0.2 * (i % 5) as f64,
        lat: 34.1 + 0.2 * (i / 5) as f64,
        kind: PlaceKind::Town,
        population: Some(Population {
            value: 1000 * (i as u64 + 1),
            year: Some(2004),
            source: Some("synthetic".into()),
        }),
        region: None,
        aliases: Vec::new(),
    }
}

fn at(offset: i64, method: Method) -> At {
    At {
        on: day(offset),
        known_at: Utc::now(),
        method,
    }
}

fn methods() -> impl Strategy<Value = Method> {
    (
        proptest::option::of(5.0..60.0f64),
        0.0..8.0f64,
        proptest::option::of(30u32..200),
    )
        .prop_map(|(cap, band, stale)| {
            Method::nearest()
                .with_cap_km(cap)
                .and_then(|m| m.with_band_km(band))
                .map(|m| m.with_stale_days(stale))
                .expect("valid method")
        })
}

fn changes() -> impl Strategy<Value = Vec<(usize, i64, usize)>> {
    proptest::collection::vec((0..25usize, 0..300i64, 0..4usize), 1..60)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, rng_seed: proptest::test_runner::RngSeed::Fixed(11), ..ProptestConfig::default() })]

    #[test]
    fn a_series_by_relabelling_equals_the_statistics_of_each_date(changes in changes(), method in methods()) {
        let atlas = Atlas::load(&store(&changes)).expect("loads");
        let a = at(0, method);
        let series = atlas.series(day(-5), day(320), Step::Week, a).expect("series");
        for point in series.iter().step_by(5) {
            let stats = atlas.stats(At { on: point.date, ..a }).expect("stats");
            for row in &stats.parties {
                let in_series = point.parties.iter().find(|r| r.id == row.id).map_or(0.0, |r| r.area_km2);
                prop_assert!((in_series - row.area_km2).abs() < 1e-6 * stats.denominator.area_km2, "{} on {}: {} vs {}", row.id, point.date, in_series, row.area_km2);
            }
        }
    }

    /// Whatever is recorded later (new observations, moved or new places, recoloured
    /// parties), every answer as known before it stays what it was.
    #[test]
    fn nothing_recorded_after_k_changes_an_answer_known_at_k(
        changes in changes(),
        later in proptest::collection::vec((0..4u8, 0..27usize, 0..300i64, 0..4usize), 1..12),
        method in methods(),
        on in 0..320i64,
    ) {
        let (before, after, t) = before_and_after(&changes, |w| {
            for &(what, i, offset, party) in &later {
                match what {
                    0 | 1 => {
                        let o = synthetic_observation(i % 25, offset, party, t_later());
                        w.add_observation(&o).expect("observes");
                    }
                    2 => {
                        let mut p = store_place(i);
                        p.lon += 0.01 * (offset % 9) as f64;
                        p.names = Names::english(format!("Place {i}, corrected"));
                        w.add_place(&p).expect("moves or adds");
                    }
                    _ => {
                        let colour = Colour { r: 9, g: 9, b: u8::try_from(offset % 256).unwrap_or(0) };
                        w.add_party(&synthetic_party(["a", "b", "c"][party % 3], "Recoloured", colour))
                            .expect("recolours");
                    }
                }
            }
        });
        prop_assert_eq!(t, t_later());
        let k = At { known_at: t - Duration::days(1), ..at(on, method) };
        // Asked first as known now, so that the cells of the later evidence are kept: the
        // answer as known at k must still use the cells of the evidence known at k.
        after.stats(at(on, method)).expect("stats now");
        prop_assert_eq!(after.state(k.query()), before.state(k.query()));
        let (a, b) = (after.stats(k).expect("stats"), before.stats(k).expect("stats"));
        prop_assert_eq!(a.parties.len(), b.parties.len());
        for (x, y) in a.parties.iter().zip(&b.parties) {
            prop_assert_eq!((&x.id, &x.name, &x.colours, x.population), (&y.id, &y.name, &y.colours, y.population));
            prop_assert!((x.area_km2 - y.area_km2).abs() < 1e-9, "{}", x.id);
        }
    }

    /// A day resolved once answers as the atlas does question by question: the same place
    /// states, statistics, areas and front lines, and `why` at every place names the key
    /// of the area the place lies in.
    #[test]
    fn every_answer_read_from_a_day_agrees_with_the_atlas(changes in changes(), method in methods(), on in 0..320i64) {
        let atlas = Atlas::load(&store(&changes)).expect("loads");
        let a = at(on, method);
        let day = atlas.day(a).expect("day");
        prop_assert_eq!(day.state(), atlas.state(a.query()));
        let stats = day.stats().expect("stats");
        prop_assert_eq!(&stats, &atlas.stats(a).expect("stats"));
        prop_assert_eq!(day.areas().expect("areas"), atlas.areas(a).expect("areas"));
        prop_assert_eq!(day.front_lines().expect("lines"), atlas.front_lines(a).expect("lines"));
        let shapes = day.area_shapes().expect("shapes");
        for shape in &shapes {
            let row = stats.parties.iter().find(|r| r.id == shape.key);
            prop_assert_eq!(row.map(|r| r.kind), Some(shape.kind), "{}", shape.key);
        }
        for row in day.state() {
            let why = day.why(row.lon + 0.001, row.lat + 0.001).expect("why").expect("inside");
            let at_point = shapes.iter().find(|s| geo::Intersects::intersects(&s.geometry, &geo_types::Point::new(row.lon + 0.001, row.lat + 0.001)));
            if let Some(s) = at_point {
                prop_assert_eq!(&why.key, &s.key, "at {}", row.place);
            }
        }
    }

    #[test]
    fn shares_of_all_keys_sum_to_the_whole(changes in changes(), method in methods(), on in 0..320i64) {
        let atlas = Atlas::load(&store(&changes)).expect("loads");
        let stats = atlas.stats(at(on, method)).expect("stats");
        let area: f64 = stats.parties.iter().map(|r| r.area_km2).sum();
        prop_assert!((area - stats.denominator.area_km2).abs() < 1e-4 * stats.denominator.area_km2);
        let people: u64 = stats.parties.iter().map(|r| r.population).sum();
        prop_assert_eq!(people, stats.denominator.population);
    }

    #[test]
    fn the_balance_of_a_diff_is_after_minus_before(changes in changes(), method in methods(), d0 in 0..150i64, d1 in 150..320i64) {
        let atlas = Atlas::load(&store(&changes)).expect("loads");
        let diff = atlas.diff(day(d0), day(d1), at(d1, method)).expect("diff");
        for b in &diff.balance {
            let before = diff.before.parties.iter().find(|r| r.id == b.id).map_or(0.0, |r| r.area_km2);
            let after = diff.after.parties.iter().find(|r| r.id == b.id).map_or(0.0, |r| r.area_km2);
            prop_assert!((after - before - b.area_km2).abs() < 1e-6 * diff.after.denominator.area_km2);
        }
    }

    /// Presence is not control: whatever presence records are loaded (any force, at a
    /// place or a point, any dates, corrections), the place states, statistics, areas,
    /// front lines and `why`'s colour of every date are those of the same evidence without
    /// them.
    #[test]
    fn presence_never_changes_state_statistics_areas_or_front_lines(
        changes in changes(),
        presence in proptest::collection::vec((0..5usize, 0..27usize, 0..300i64, proptest::option::of(1..200i64), 0..5usize), 1..12),
        method in methods(),
        on in 0..320i64,
    ) {
        let without = Atlas::load(&store(&changes)).expect("loads");
        let mut with = store(&changes);
        let mut w = with.writer(Recorded { at: t_later(), by: "test".into() }).expect("writer");
        let mut stored: Vec<PresenceId> = Vec::new();
        for &(force, i, from, days, kind) in &presence {
            let p = synthetic_presence(force, i, from, days, kind, stored.last());
            stored.push(p.id.clone());
            w.add_presence(&p).expect("presence");
        }
        w.commit().expect("commit");
        let with = Atlas::load(&with).expect("loads");
        let a = at(on, method);
        prop_assert!(!with.presence_records().is_empty());
        prop_assert_eq!(with.state(a.query()), without.state(a.query()));
        prop_assert_eq!(with.stats(a).expect("stats"), without.stats(a).expect("stats"));
        prop_assert_eq!(with.areas(a).expect("areas"), without.areas(a).expect("areas"));
        prop_assert_eq!(with.front_lines(a).expect("lines"), without.front_lines(a).expect("lines"));
        let (d1, d0) = (with.day(a).expect("day"), without.day(a).expect("day"));
        prop_assert_eq!(d1.area_shapes().expect("shapes"), d0.area_shapes().expect("shapes"));
        for i in [0, 6, 12, 18, 24] {
            let (lon, lat) = (36.1 + 0.2 * (i % 5) as f64 + 0.03, 34.1 + 0.2 * (i / 5) as f64 + 0.03);
            let (x, y) = (d1.why(lon, lat).expect("why"), d0.why(lon, lat).expect("why"));
            prop_assert_eq!(x.map(|r| (r.key, r.rule, r.explanation, r.place)), y.map(|r| (r.key, r.rule, r.explanation, r.place)));
        }
    }
}

#[test]
fn why_on_the_land_of_a_place_not_yet_observed_names_the_place_that_lends_it_its_state() {
    // p12 is held by b from day 10; its neighbour p13 is first observed on day 100 (c).
    let atlas = Atlas::load(&store(&[(12, 10, 1), (13, 100, 2)])).expect("loads");
    let no_cap = Method::nearest().with_cap_km(None).expect("no cap");
    let why = |day| {
        atlas
            .why(36.7, 34.5, at(day, no_cap))
            .expect("why")
            .expect("inside")
    };
    let before = why(50);
    assert_eq!(before.place.as_deref(), Some("p13"));
    assert!(before.unobserved);
    assert_eq!(before.lender.as_deref(), Some("p12"));
    assert_eq!(before.key, "b");
    assert!(
        before
            .explanation
            .contains("takes the state of the nearest observed place, Place 12"),
        "{}",
        before.explanation
    );
    let after = why(150);
    assert!(!after.unobserved);
    assert_eq!(after.lender, None);
    assert_eq!(after.key, "c");
    // Old evidence is said so: p12's report is 400 days old on day 410 (p13's party c
    // ceased to exist on day 200, so p13 borrows from p12 again).
    let late = why(410);
    assert_eq!(late.lender.as_deref(), Some("p12"));
    // p12's b ended on day 250 and e succeeded it: its land reads as e's.
    assert_eq!(late.key, "e");
    assert!(
        late.explanation
            .contains("the last report of Place 13 names Party c, which ceased to exist on"),
        "{}",
        late.explanation
    );
    assert!(
        late.explanation.contains("400 days old"),
        "{}",
        late.explanation
    );
    assert!(!after.explanation.contains("days old"));
}

#[test]
fn why_at_a_held_place_names_the_place_and_its_evidence() {
    let atlas = Atlas::load(&store(&[(12, 10, 1)])).expect("loads");
    let why = atlas
        .why(36.5, 34.5, at(20, Method::nearest()))
        .expect("why")
        .expect("inside");
    assert_eq!(why.place.as_deref(), Some("p12"));
    assert_eq!(why.key, "b");
    assert_eq!(why.rule, "nearest");
    assert_eq!(
        why.evidence.expect("evidence").sources[0].publisher,
        "Synthetic"
    );
    assert!(
        atlas
            .why(10.0, 10.0, at(20, Method::nearest()))
            .expect("why")
            .is_none()
    );
}

/// `why` names the foreign forces within 10 km of the point on the date, nearest first,
/// with their sources, apart from the explanation of the colour (which stays the same).
#[test]
fn why_names_foreign_forces_within_10_km_apart_from_the_colour() {
    let mut store = store(&[(12, 10, 1)]);
    let mut w = store
        .writer(Recorded {
            at: t_later(),
            by: "test".into(),
        })
        .expect("writer");
    // At p12 (36.5, 34.5) from day 50 until day 100; at a point 0.05° east from day 0; at
    // p13, 0.2° (18 km) east, from day 0.
    let at_place = synthetic_presence(4, 12, 50, Some(50), 0, None);
    let mut at_point = synthetic_presence(0, 30, 0, None, 2, None);
    at_point.at = Site::Point {
        lon: 36.55,
        lat: 34.5,
    };
    at_point.id = at_point.content_id();
    let far = synthetic_presence(4, 13, 0, None, 3, None);
    for p in [&at_place, &at_point, &far] {
        w.add_presence(p).expect("presence");
    }
    w.commit().expect("commit");
    let atlas = Atlas::load(&store).expect("loads");
    let why = |day| {
        atlas
            .why(36.501, 34.5, at(day, Method::nearest()))
            .expect("why")
            .expect("inside")
    };
    let on_60 = why(60);
    let named: Vec<(&str, &str, &str)> = on_60
        .presence
        .iter()
        .map(|n| (n.site.force.as_str(), n.site.site.as_str(), n.site.kind))
        .collect();
    assert_eq!(
        named,
        [("f", "Site 12", "air_base"), ("a", "Site 30", "garrison")]
    );
    assert!(on_60.presence[0].distance_km < 0.2);
    assert!((on_60.presence[1].distance_km - 4.5).abs() < 0.2);
    assert_eq!(on_60.presence[0].site.force_name, "Foreign force f");
    assert_eq!(on_60.presence[0].site.sources[0].title, "presence");
    // The colour and its explanation are the same as on a day with no presence near.
    let on_20 = why(20);
    assert_eq!(on_20.presence.len(), 1, "p12's site is not yet there");
    let on_120 = why(120);
    assert_eq!(on_120.presence.len(), 1, "p12's site is gone on day 100");
    assert_eq!((&on_60.key, &on_60.rule), (&on_120.key, &on_120.rule));
    assert!(!on_60.explanation.contains("Site"), "{}", on_60.explanation);
    let json = serde_json::to_value(&on_60).expect("serialises");
    assert_eq!(json["presence"][0]["site"], "Site 12");
    assert_eq!(json["presence"][0]["force"], "f");
    assert!(json["presence"][0]["distance_km"].is_f64());
}

#[test]
fn a_diff_lists_places_that_changed_hands_and_churn() {
    let atlas =
        Atlas::load(&store(&[(3, 10, 0), (3, 50, 1), (3, 90, 0), (7, 10, 2)])).expect("loads");
    let diff = atlas
        .diff(day(20), day(100), at(100, Method::nearest()))
        .expect("diff");
    assert!(
        diff.places.is_empty(),
        "p3 is back with a on the later date"
    );
    assert_eq!(diff.churn.len(), 1);
    assert_eq!(diff.churn[0].place, "p3");
    assert_eq!(diff.churn[0].changes, 2);
    let diff = atlas
        .diff(day(20), day(60), at(60, Method::nearest()))
        .expect("diff");
    assert_eq!(diff.places.len(), 1);
    assert_eq!(diff.places[0].after.parties, vec!["b".to_owned()]);
    assert_eq!(diff.places[0].evidence.len(), 1);
}

#[test]
fn a_place_first_reported_in_the_period_is_not_a_change_of_hands() {
    // p3 held by party 0 from day 10 and by party 1 from day 50; p7 first reported on day 50.
    let atlas = Atlas::load(&store(&[(3, 10, 0), (3, 50, 1), (7, 50, 2)])).expect("loads");
    let diff = atlas
        .diff(day(20), day(60), at(60, Method::nearest()))
        .expect("diff");
    let changed: Vec<&str> = diff.places.iter().map(|c| c.place.as_str()).collect();
    assert_eq!(changed, ["p3"], "only a place with a holder on both dates");
    assert_eq!(diff.first_reported, ["p7"]);
    assert!(diff.no_longer_reported.is_empty());
    // Backwards in evidence: over a period ending before p7's report, nothing of p7.
    let diff = atlas
        .diff(day(20), day(40), at(60, Method::nearest()))
        .expect("diff");
    assert!(diff.places.is_empty() && diff.first_reported.is_empty());
}

/// When [`before_and_after`] records its corrections.
fn t_later() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2021, 1, 1, 0, 0, 0)
        .single()
        .expect("valid")
}

/// The atlas of `changes`, and the atlas after `correct` added records a year after them
/// (at the time returned).
fn before_and_after(
    changes: &[(usize, i64, usize)],
    correct: impl FnOnce(&mut dyn Writer),
) -> (Atlas, Atlas, DateTime<Utc>) {
    let before = Atlas::load(&store(changes)).expect("loads");
    let mut store = store(changes);
    let later = t_later();
    let mut w = store
        .writer(Recorded {
            at: later,
            by: "test".into(),
        })
        .expect("writer");
    correct(w.as_mut());
    w.commit().expect("commit");
    (before, Atlas::load(&store).expect("loads"), later)
}

/// Places are versioned like everything else: a place recorded later, or a later version
/// of one (moved, renamed), changes nothing in answers as known before it was recorded,
/// and shows in answers as known after.
#[test]
fn later_place_records_change_nothing_known_before_them() {
    let changes = [(0, 10, 0), (1, 10, 1), (6, 10, 1), (12, 20, 2), (18, 30, 0)];
    let mut moved = store_place(0);
    moved.lon += 0.15;
    moved.names = Names::english("Place 0, renamed");
    let (before, after, later) = before_and_after(&changes, |w| {
        w.add_place(&moved).expect("moves");
        w.add_place(&store_place(25)).expect("adds");
    });

    let then = At {
        known_at: later - Duration::days(1),
        ..at(40, Method::nearest())
    };
    assert_eq!(after.state(then.query()), before.state(then.query()));
    let (a, b) = (
        after.stats(then).expect("stats"),
        before.stats(then).expect("stats"),
    );
    for (x, y) in a.parties.iter().zip(&b.parties) {
        assert_eq!((&x.id, x.population), (&y.id, y.population));
        assert!((x.area_km2 - y.area_km2).abs() < 1e-9, "{}", x.id);
    }

    // Known now, the new place is listed and the moved one is where it moved to.
    let now = after.state(at(40, Method::nearest()).query());
    assert_eq!(now.len(), 26);
    let p0 = now.iter().find(|r| r.place == "p0").expect("listed");
    assert_eq!((p0.name.as_str(), p0.lon), ("Place 0, renamed", moved.lon));
    let moved_area = after
        .stats(at(40, Method::nearest()))
        .expect("stats")
        .parties
        .iter()
        .find(|r| r.id == "a")
        .map(|r| r.area_km2);
    let then_area = a.parties.iter().find(|r| r.id == "a").map(|r| r.area_km2);
    assert_ne!(moved_area, then_area, "moving a site moves its land");
}

/// A party's record corrected later (a new colour and name) changes nothing in answers as
/// known before the correction, and shows in answers as known after it.
#[test]
fn a_later_party_record_changes_nothing_known_before_it() {
    let changes = [(0, 10, 0), (6, 10, 1), (12, 20, 0)];
    let (before, after, later) = before_and_after(&changes, |w| {
        w.add_party(&synthetic_party(
            "a",
            "Party a, renamed",
            Colour { r: 1, g: 2, b: 3 },
        ))
        .expect("corrects");
    });

    let then = At {
        known_at: later - Duration::days(1),
        ..at(40, Method::nearest())
    };
    let row = |a: &Atlas, at: At| {
        a.stats(at)
            .expect("stats")
            .parties
            .into_iter()
            .find(|r| r.id == "a")
            .map(|r| (r.name, r.colours))
            .expect("a holds land")
    };
    assert_eq!(row(&after, then), row(&before, then));
    assert_eq!(
        row(&after, at(40, Method::nearest())),
        ("Party a, renamed".to_owned(), vec!["#010203".to_owned()])
    );
}

/// A database made before geometry was checked on the way in may hold a bow-tie region:
/// the statistics still answer, for the boundary and the valid regions, and say which
/// region was set aside and why.
#[test]
fn regression_a_stored_bow_tie_region_is_set_aside_with_a_warning_not_a_failure() {
    use frontline_model::{Region, RegionId};
    let mut store = store(&[(0, 0, 0), (12, 0, 1), (24, 0, 2)]);
    let mut w = store
        .writer(Recorded {
            at: Utc
                .with_ymd_and_hms(2020, 1, 2, 0, 0, 0)
                .single()
                .expect("valid"),
            by: "test".into(),
        })
        .expect("writer");
    let region = |id: &str, geometry| Region {
        id: RegionId::new(id).expect("valid"),
        names: Names::english(id),
        level: 1,
        parent: None,
        geometry: MultiPolygon(vec![geometry]),
    };
    w.add_region(&region(
        "WEST",
        polygon![(x: 36.0, y: 34.0), (x: 36.5, y: 34.0), (x: 36.5, y: 35.0), (x: 36.0, y: 35.0)],
    ))
    .expect("region");
    w.add_region(&region(
        "BOWTIE",
        polygon![(x: 36.5, y: 34.0), (x: 37.0, y: 35.0), (x: 37.0, y: 34.0), (x: 36.5, y: 35.0)],
    ))
    .expect("region");
    w.commit().expect("commit");
    let atlas = Atlas::load(&store).expect("loads");
    let report = atlas
        .stats(at(10, Method::nearest()))
        .expect("the statistics answer despite the bad region");
    let ids: Vec<&str> = report.regions.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["WEST"]);
    assert_eq!(report.warnings.len(), 1, "{:?}", report.warnings);
    let warning = &report.warnings[0];
    assert!(
        warning.contains("region BOWTIE") && warning.contains("crosses or touches itself"),
        "{warning}"
    );
    let json = serde_json::to_value(&report).expect("serialises");
    assert_eq!(json["warnings"][0], warning.as_str());
}

#[test]
fn churn_gives_the_land_of_each_place_as_the_statistics_count_it_and_whether_it_is_back() {
    // p3: a, then b, then a again; p7 (c) and p12 (a) hold throughout.
    let atlas = Atlas::load(&store(&[
        (3, 10, 0),
        (3, 50, 1),
        (3, 90, 0),
        (7, 10, 2),
        (12, 10, 0),
    ]))
    .expect("loads");
    let method = Method::nearest().with_band_km(0.0).expect("no band");
    let churn = atlas
        .churn(day(20), day(100), at(100, method))
        .expect("churn");
    assert_eq!(churn.len(), 1, "{churn:?}");
    assert_eq!(churn[0].place, "p3");
    assert!(churn[0].back, "p3 is back with a");
    // On day 60 b holds p3 alone: its area in the statistics is p3's land.
    let b = atlas
        .diff(day(20), day(60), at(60, method))
        .expect("diff")
        .after
        .parties
        .into_iter()
        .find(|k| k.id == "b")
        .expect("b holds land");
    assert!(b.area_km2 > 100.0, "{}", b.area_km2);
    assert!(
        (churn[0].area_km2 - b.area_km2).abs() < 1e-6 * b.area_km2,
        "churn {} km², statistics {} km²",
        churn[0].area_km2,
        b.area_km2
    );
    // The diff gives the same churn.
    let diff = atlas
        .diff(day(20), day(100), at(100, method))
        .expect("diff");
    assert_eq!(diff.churn, churn);
    // p3 taken by b and not retaken is one change, no churn.
    let churn = atlas
        .churn(day(20), day(80), at(80, method))
        .expect("churn");
    assert!(churn.is_empty(), "{churn:?}");
}

/// A synthetic UCDP-like event: `day` offset, sides, governorate, best deaths.
fn synthetic_event(n: u32, offset: i64, sides: (&str, &str), adm_1: &str, best: u32) -> Event {
    Event {
        id: format!("ucdp-ged:{n}"),
        date_start: day(offset),
        date_end: day(offset),
        date_precision: 1,
        lon: 36.5,
        lat: 34.5,
        where_precision: 1,
        where_name: "Somewhere".into(),
        adm_1: Some(adm_1.into()),
        adm_2: None,
        type_of_violence: 1,
        side_a: sides.0.into(),
        side_b: sides.1.into(),
        deaths: Deaths {
            side_a: best / 2,
            side_b: best - best / 2,
            civilians: 0,
            unknown: 0,
            low: best,
            best,
            high: best + 1,
        },
        sources: vec![],
    }
}

/// A synthetic published figure of `kind` dated `date` (over `since`..`date` if given).
fn synthetic_figure(kind: &str, value: f64, since: Option<i64>, date: i64, by: &str) -> Figure {
    Figure {
        figure: kind.into(),
        value,
        date: PartialDate::day(day(date)),
        since: since.map(|s| PartialDate::day(day(s))),
        definition: Some(format!("{kind} as {by} counts them")),
        note: None,
        source: Source {
            publisher: by.into(),
            title: format!("{by} report"),
            url: None,
            published: None,
            stance: Stance::Neutral,
        },
    }
}

/// The toll section of a briefing from `from` to `to` offsets: its tables' rows, in order.
fn toll_tables(atlas: &Atlas, from: i64, to: i64) -> (Vec<String>, Vec<Vec<Vec<String>>>) {
    let scene = atlas
        .brief_scene(
            &BriefOf::Period {
                from: day(from),
                to: day(to),
            },
            at(to, Method::nearest()),
            Language::En,
        )
        .expect("a briefing");
    let toll = scene
        .sections
        .into_iter()
        .find(|s| s.heading.starts_with("The toll from"))
        .expect("a toll section");
    let mut paragraphs = Vec::new();
    let mut tables = Vec::new();
    for block in toll.blocks {
        match block {
            BriefBlock::Paragraph(p) => paragraphs.push(p),
            BriefBlock::Table(t) => tables.push(t.rows),
        }
    }
    (paragraphs, tables)
}

#[test]
fn the_briefing_toll_counts_the_events_of_the_period_and_gives_each_figure_its_own_period() {
    let mut store = store(&[(12, 10, 0)]);
    let mut w = store
        .writer(Recorded {
            at: Utc
                .with_ymd_and_hms(2020, 1, 2, 0, 0, 0)
                .single()
                .expect("valid"),
            by: "test".into(),
        })
        .expect("writer");
    let gov = ("Government of Syria", "IS");
    for e in [
        synthetic_event(1, 5, gov, "Homs governorate", 9),
        synthetic_event(2, 20, gov, "Homs governorate", 4),
        synthetic_event(3, 40, ("IS", "Civilians"), "Hama governorate", 6),
        synthetic_event(4, 70, gov, "Homs governorate", 100),
    ] {
        w.add_event(&e).expect("event");
    }
    for f in [
        // A year's count that overlaps the period: shown for its whole year.
        synthetic_figure("deaths", 5000.0, Some(0), 364, "Monitor A"),
        // A count of a month after the period: not about it.
        synthetic_figure("deaths", 300.0, Some(100), 130, "Monitor A"),
        // Totals since the start of the conflict: the one dated in the period.
        synthetic_figure("deaths", 90_000.0, Some(-100), 30, "Monitor B"),
        synthetic_figure("deaths", 80_000.0, Some(-100), -10, "Monitor B"),
        // Stocks: none of refugees in the period, so the latest before it.
        synthetic_figure("refugees", 1_000_000.0, None, -50, "Agency"),
        synthetic_figure("refugees", 2_000_000.0, None, -20, "Agency"),
        synthetic_figure("refugees", 3_000_000.0, None, 200, "Agency"),
    ] {
        w.add_figure(&f).expect("figure");
    }
    w.commit().expect("commit");
    let atlas = Atlas::load(&store).expect("loads");

    // Events from day 5 to day 60; the loaded ones run from day 5 to day 70, so all of it is
    // counted.
    let (paragraphs, tables) = toll_tables(&atlas, 5, 60);
    assert!(
        paragraphs[0].starts_with("3 violent events, 19 deaths (best estimate; low 19, high 22)"),
        "{paragraphs:?}"
    );
    assert!(paragraphs[1].contains("Sundberg, Ralph and Erik Melander (2013)"));
    assert!(
        !paragraphs
            .iter()
            .any(|p| p.contains("only, not of the whole"))
    );
    let [by_side, by_region, by_month, counts, totals] = &tables[..] else {
        panic!("five tables: {tables:?}");
    };
    // Each event counts for both its sides; the side's own deaths apart.
    assert_eq!(by_side[0], ["IS", "3", "19", "10"]);
    assert_eq!(by_side[1], ["Government of Syria", "2", "13", "6"]);
    assert_eq!(by_side[2], ["Civilians", "1", "6", "3"]);
    assert_eq!(
        by_region,
        &[
            vec!["Hama governorate".to_owned(), "1".into(), "6".into()],
            vec!["Homs governorate".to_owned(), "2".into(), "13".into()],
        ]
    );
    assert_eq!(by_month.len(), 2, "January and February 2015: {by_month:?}");
    assert_eq!(by_month[0][..3], ["2015-01", "2", "13"]);
    // The year's count keeps its year; the month after the period is left out.
    assert_eq!(counts.len(), 1, "{counts:?}");
    assert_eq!(counts[0][1], "5000");
    assert_eq!(counts[0][2], "2015-01-01 – 2015-12-31");
    assert!(counts[0][0].contains("as Monitor A counts them"));
    // The total dated in the period, and the latest refugee count before it.
    let totals: Vec<(&str, &str)> = totals
        .iter()
        .map(|r| (r[1].as_str(), r[2].as_str()))
        .collect();
    assert_eq!(
        totals,
        [
            ("90000", "2014-09-23 – 2015-01-31"),
            ("2000000", "2014-12-12")
        ]
    );

    // A period the events cover in part says so.
    let (paragraphs, _) = toll_tables(&atlas, 60, 120);
    assert!(paragraphs[0].starts_with("1 violent events, 100 deaths"));
    assert!(
        paragraphs.iter().any(|p| p
            == "The events loaded began from 2015-01-06 to 2015-03-12: these counts are of 2015-03-02 to 2015-03-12 only, not of the whole period."),
        "{paragraphs:?}"
    );
    // Before any event: none, said plainly.
    let (paragraphs, _) = toll_tables(&atlas, -90, -60);
    assert!(
        paragraphs[0]
            == "The events loaded began from 2015-01-06 to 2015-03-12: none in this period.",
        "{paragraphs:?}"
    );
}
