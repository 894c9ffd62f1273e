//! Observations about areas: the precedence table of docs/state.md, one test per row, and
//! a property test against a brute-force reading of the rule. Synthetic data only.

use std::cmp::Reverse;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use frontline_model::{
    AreaCover, Confidence, Observation, PartialDate, PlaceId, StateQuery, Status, Timeline,
};
use proptest::prelude::*;

mod common;
use common::{at, day};

fn id(text: &str) -> PlaceId {
    PlaceId::new(text).expect("valid")
}

/// An observation of `subject` controlled by `party`.
fn obs(subject: &str, date: &str, party: &str, recorded: &str) -> Observation {
    common::obs(subject, date, Status::Controlled, &[party], recorded)
}

fn cover(area: &str, members: &[&str], from: &str) -> AreaCover {
    AreaCover {
        area: id(area),
        members: members.iter().map(|m| id(m)).collect(),
        from: at(from),
        until: None,
    }
}

/// The holder of each place (`-` for unknown) on `on`, as known at `known`.
fn holders(t: &Timeline, on: &str, known: &str) -> Vec<String> {
    t.resolve(StateQuery {
        on: day(on),
        known_at: at(known),
    })
    .iter()
    .map(|s| {
        s.parties()
            .first()
            .map_or_else(|| "-".to_owned(), ToString::to_string)
    })
    .collect()
}

fn places() -> Vec<PlaceId> {
    ["inside", "also", "outside"].map(id).to_vec()
}

#[test]
fn a_place_inside_takes_the_area_state_from_its_date_and_land_outside_does_not() {
    let t = Timeline::with_areas(
        places(),
        vec![obs("ghouta", "2018-04-14", "gov", "2018-05-01")],
        &[cover("ghouta", &["inside", "also"], "2018-05-01")],
    );
    assert_eq!(holders(&t, "2018-04-13", "2019-01-01"), ["-", "-", "-"]);
    assert_eq!(holders(&t, "2018-04-14", "2019-01-01"), ["gov", "gov", "-"]);
    // Not known before it was recorded.
    assert_eq!(holders(&t, "2018-04-14", "2018-04-30"), ["-", "-", "-"]);
    let s = &t.resolve(StateQuery {
        on: day("2018-05-01"),
        known_at: at("2019-01-01"),
    })[0];
    assert_eq!(s.deciding.map(|o| o.place.as_str()), Some("ghouta"));
    assert_eq!(s.stale_days, Some(17));
}

#[test]
fn the_latest_date_wins_between_a_place_and_an_area() {
    let t = Timeline::with_areas(
        places(),
        vec![
            obs("inside", "2018-01-01", "opp", "2018-05-01"),
            obs("ghouta", "2018-04-14", "gov", "2018-05-01"),
            obs("also", "2018-06-01", "opp", "2018-07-01"),
        ],
        &[cover("ghouta", &["inside", "also"], "2018-05-01")],
    );
    assert_eq!(holders(&t, "2018-03-01", "2019-01-01"), ["opp", "-", "-"]);
    assert_eq!(holders(&t, "2018-05-01", "2019-01-01"), ["gov", "gov", "-"]);
    assert_eq!(holders(&t, "2018-06-02", "2019-01-01"), ["gov", "opp", "-"]);
}

#[test]
fn on_the_same_day_the_place_own_observation_wins_and_is_no_disagreement() {
    let t = Timeline::with_areas(
        places(),
        vec![
            obs("ghouta", "2018-04-14", "gov", "2018-05-01"),
            obs("inside", "2018-04-14", "opp", "2018-04-20"),
        ],
        &[cover("ghouta", &["inside", "also"], "2018-05-01")],
    );
    assert_eq!(holders(&t, "2018-04-14", "2019-01-01"), ["opp", "gov", "-"]);
    let s = &t.resolve(StateQuery {
        on: day("2018-04-14"),
        known_at: at("2019-01-01"),
    })[0];
    assert!(s.disagreement.is_none());
}

#[test]
fn of_two_overlapping_areas_the_later_date_wins_and_on_the_same_day_the_smaller() {
    let later = Timeline::with_areas(
        places(),
        vec![
            obs("small", "2018-04-14", "opp", "2018-05-01"),
            obs("big", "2018-04-15", "gov", "2018-05-01"),
        ],
        &[
            cover("small", &["inside"], "2018-05-01"),
            cover("big", &["inside", "also", "outside"], "2018-05-01"),
        ],
    );
    assert_eq!(
        holders(&later, "2018-04-15", "2019-01-01"),
        ["gov", "gov", "gov"]
    );
    let same_day = Timeline::with_areas(
        places(),
        vec![
            obs("small", "2018-04-15", "opp", "2018-05-01"),
            obs("big", "2018-04-15", "gov", "2018-05-02"),
        ],
        &[
            cover("small", &["inside"], "2018-05-01"),
            cover("big", &["inside", "also", "outside"], "2018-05-01"),
        ],
    );
    assert_eq!(
        holders(&same_day, "2018-04-15", "2019-01-01"),
        ["opp", "gov", "gov"]
    );
}

#[test]
fn a_corrected_outline_counts_from_its_record_time() {
    let mut first = cover("ghouta", &["inside"], "2018-05-01");
    first.until = Some(at("2018-06-01"));
    let second = cover("ghouta", &["inside", "also"], "2018-06-01");
    let t = Timeline::with_areas(
        places(),
        vec![obs("ghouta", "2018-04-14", "gov", "2018-05-01")],
        &[first, second],
    );
    assert_eq!(holders(&t, "2018-05-01", "2018-05-15"), ["gov", "-", "-"]);
    assert_eq!(holders(&t, "2018-05-01", "2018-06-02"), ["gov", "gov", "-"]);
    // The place's evidence is known from the first version's record time.
    assert_eq!(t.first_recorded(0), Some(at("2018-05-01")));
    assert_eq!(t.first_recorded(1), Some(at("2018-06-01")));
    assert_eq!(t.first_recorded(2), None);
    assert_eq!(t.evidence_of(1).count(), 1);
}

// ---- property test: the timeline against a brute-force reading of the rule ----

const PLACES: usize = 5;
const AREAS: usize = 3;

fn arb_obs() -> impl Strategy<Value = Observation> {
    (
        0..PLACES + AREAS,
        0..60i64,
        0..3usize,
        0..40i64,
        prop_oneof![
            Just(Confidence::Low),
            Just(Confidence::Medium),
            Just(Confidence::High)
        ],
        proptest::option::of(1..40i64),
    )
        .prop_map(|(subject, valid, party, recorded, confidence, until)| {
            let name = if subject < PLACES {
                format!("p{subject}")
            } else {
                format!("a{}", subject - PLACES)
            };
            let date = day("2018-01-01") + Duration::days(valid);
            let mut o = obs(
                &name,
                &date.format("%Y-%m-%d").to_string(),
                ["gov", "opp", "sdf"][party],
                "2018-01-01",
            );
            o.recorded_at = at("2018-01-01") + Duration::days(recorded);
            o.confidence = confidence;
            o.valid_until = until.map(|u| PartialDate::day(date + Duration::days(u)));
            o.id = o.content_id();
            o
        })
}

fn arb_covers() -> impl Strategy<Value = Vec<AreaCover>> {
    proptest::collection::vec(
        proptest::collection::btree_set(0..PLACES, 1..=PLACES),
        AREAS,
    )
    .prop_map(|sets| {
        sets.into_iter()
            .enumerate()
            .map(|(a, members)| AreaCover {
                area: id(&format!("a{a}")),
                members: members.into_iter().map(|m| id(&format!("p{m}"))).collect(),
                from: at("2018-01-01"),
                until: None,
            })
            .collect()
    })
}

/// The rule read literally: of the observations of the place or of an area covering it,
/// known at `known` and applying on `on`, the latest day; then the place's own over an
/// area's, the smaller area, then rule 4's order.
fn reference(
    place: usize,
    list: &[Observation],
    covers: &[AreaCover],
    on: NaiveDate,
    known: DateTime<Utc>,
) -> Option<String> {
    let me = id(&format!("p{place}"));
    let size = |o: &Observation| -> Option<usize> {
        covers
            .iter()
            .find(|c| c.area == o.place && c.members.contains(&me))
            .map(|c| c.members.len())
    };
    let best = list
        .iter()
        .filter(|o| o.recorded_at <= known && o.valid_from.holds_from() <= on)
        .filter(|o| o.place == me || size(o).is_some())
        .max_by_key(|o| {
            (
                o.valid_from.holds_from(),
                o.place == me,
                Reverse(size(o).unwrap_or(0)),
                o.confidence,
                o.sources.len(),
                o.recorded_at,
                Reverse(o.id.clone()),
            )
        })?;
    if best.valid_until.is_some_and(|u| u.first_day() <= on) {
        return None;
    }
    Some(best.parties[0].to_string())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, rng_seed: proptest::test_runner::RngSeed::Fixed(13), ..ProptestConfig::default() })]

    #[test]
    fn the_timeline_agrees_with_the_rule_read_literally(
        list in proptest::collection::vec(arb_obs(), 0..25),
        covers in arb_covers(),
        on in 0..100i64,
        known in 0..45i64,
    ) {
        let places: Vec<PlaceId> = (0..PLACES).map(|p| id(&format!("p{p}"))).collect();
        let t = Timeline::with_areas(places, list.clone(), &covers);
        let on = day("2018-01-01") + Duration::days(on);
        let known = at("2018-01-01") + Duration::days(known);
        let states = t.resolve(StateQuery { on, known_at: known });
        for (p, s) in states.iter().enumerate() {
            let got = s.parties().first().map(ToString::to_string);
            prop_assert_eq!(got, reference(p, &list, &covers, on, known), "place p{}", p);
        }
    }

    #[test]
    fn an_area_observation_changes_no_date_before_its_own_nor_an_earlier_answer(
        list in proptest::collection::vec(arb_obs(), 0..25),
        covers in arb_covers(),
        extra in arb_obs(),
        on in 0..100i64,
        known in 0..45i64,
    ) {
        let places: Vec<PlaceId> = (0..PLACES).map(|p| id(&format!("p{p}"))).collect();
        let mut extra = extra;
        extra.place = id("a0");
        extra.id = extra.content_id();
        let without = Timeline::with_areas(places.clone(), list.clone(), &covers);
        let mut more = list;
        more.push(extra.clone());
        let with = Timeline::with_areas(places, more, &covers);
        let on = day("2018-01-01") + Duration::days(on);
        let known = at("2018-01-01") + Duration::days(known);
        if on < extra.valid_from.holds_from() || known < extra.recorded_at {
            let q = StateQuery { on, known_at: known };
            let a: Vec<_> = without.resolve(q).iter().map(|s| s.parties().to_vec()).collect();
            let b: Vec<_> = with.resolve(q).iter().map(|s| s.parties().to_vec()).collect();
            prop_assert_eq!(a, b);
        }
    }

    #[test]
    fn transitions_agree_with_resolution_on_every_day_with_areas(
        list in proptest::collection::vec(arb_obs(), 0..25),
        covers in arb_covers(),
        known in 0..45i64,
    ) {
        let places: Vec<PlaceId> = (0..PLACES).map(|p| id(&format!("p{p}"))).collect();
        let t = Timeline::with_areas(places, list, &covers);
        let known = at("2018-01-01") + Duration::days(known);
        for p in 0..PLACES {
            let steps = t.transitions(p, known);
            for d in 0..120 {
                let on = day("2018-01-01") + Duration::days(d);
                let s = t.resolve_place(p, StateQuery { on, known_at: known });
                let from_steps = steps.iter().rev().find(|(day, _)| *day <= on).and_then(|(_, o)| *o);
                let live = s.deciding.filter(|_| !s.expired);
                prop_assert_eq!(live.map(|o| &o.id), from_steps.map(|o| &o.id), "p{} on {}", p, on);
            }
        }
    }
}
