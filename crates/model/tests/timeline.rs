//! The state of control at (valid date, record time): exact cases and invariants.

use chrono::Duration;
use frontline_model::{
    Confidence, Observation, PartialDate, PlaceId, StateQuery, Status, Timeline,
};
use proptest::prelude::*;

mod common;
use common::{at, day, obs};

fn query(on: &str, known: &str) -> StateQuery {
    StateQuery {
        on: day(on),
        known_at: at(known),
    }
}

fn holder(t: &Timeline, q: StateQuery) -> Vec<(String, Vec<String>)> {
    t.resolve(q)
        .iter()
        .map(|s| {
            (
                s.status.to_string(),
                s.parties().iter().map(ToString::to_string).collect(),
            )
        })
        .collect()
}

#[test]
fn latest_applicable_observation_decides() {
    let t = Timeline::new(
        [PlaceId::new("raqqa").expect("valid")],
        vec![
            obs(
                "raqqa",
                "2014-01-13",
                Status::Controlled,
                &["isis"],
                "2020-01-01",
            ),
            obs(
                "raqqa",
                "2017-10-20",
                Status::Controlled,
                &["sdf"],
                "2020-01-01",
            ),
        ],
    );
    assert_eq!(
        holder(&t, query("2016-01-15", "2021-01-01")),
        vec![("controlled".into(), vec!["isis".into()])]
    );
    assert_eq!(
        holder(&t, query("2017-10-20", "2021-01-01")),
        vec![("controlled".into(), vec!["sdf".into()])]
    );
    let s = &t.resolve(query("2017-10-30", "2021-01-01"))[0];
    assert_eq!(s.stale_days, Some(10));
    assert_eq!(
        s.since().map(|d| d.to_string()).as_deref(),
        Some("2017-10-20")
    );
    assert_eq!(
        holder(&t, query("2013-01-01", "2021-01-01")),
        vec![("unknown".into(), vec![])]
    );
}

#[test]
fn a_month_dated_observation_applies_only_from_the_months_last_day() {
    let t = Timeline::new(
        [],
        vec![obs(
            "douma",
            "2018-04",
            Status::Controlled,
            &["government"],
            "2020-01-01",
        )],
    );
    assert_eq!(
        holder(&t, query("2018-04-01", "2021-01-01"))[0].0,
        "unknown"
    );
    assert_eq!(
        holder(&t, query("2018-04-29", "2021-01-01"))[0].0,
        "unknown"
    );
    assert_eq!(
        holder(&t, query("2018-04-30", "2021-01-01"))[0].0,
        "controlled"
    );
}

#[test]
fn record_time_hides_what_was_not_yet_known() {
    let t = Timeline::new(
        [],
        vec![
            obs(
                "afrin",
                "2017-01-01",
                Status::Controlled,
                &["ypg"],
                "2017-02-01",
            ),
            obs(
                "afrin",
                "2018-03-18",
                Status::Controlled,
                &["sna"],
                "2018-03-20",
            ),
        ],
    );
    assert_eq!(
        holder(&t, query("2018-06-01", "2018-03-19"))[0].1,
        vec!["ypg".to_string()]
    );
    assert_eq!(
        holder(&t, query("2018-06-01", "2018-03-21"))[0].1,
        vec!["sna".to_string()]
    );
    assert_eq!(
        holder(&t, query("2018-06-01", "2017-01-15"))[0].0,
        "unknown"
    );
}

#[test]
fn a_correction_hides_the_superseded_observation_from_when_it_was_recorded() {
    let wrong = obs(
        "manbij",
        "2016-08-12",
        Status::Controlled,
        &["isis"],
        "2016-08-13",
    );
    let mut fix = obs(
        "manbij",
        "2016-08-12",
        Status::Controlled,
        &["sdf"],
        "2016-09-01",
    );
    fix.supersedes = vec![wrong.id.clone()];
    fix.id = fix.content_id();
    let t = Timeline::new([], vec![wrong, fix]);
    let before = t.resolve(query("2016-08-20", "2016-08-20"));
    assert_eq!(before[0].parties()[0].as_str(), "isis");
    let after = t.resolve(query("2016-08-20", "2016-09-02"));
    assert_eq!(after[0].parties()[0].as_str(), "sdf");
    assert!(
        after[0].disagreement.is_none(),
        "the superseded record must not show as a disagreement"
    );
}

#[test]
fn same_day_disagreement_is_decided_by_confidence_and_reported() {
    let mut low = obs(
        "tabqa",
        "2017-05-10",
        Status::Controlled,
        &["isis"],
        "2017-05-11",
    );
    low.confidence = Confidence::Low;
    low.id = low.content_id();
    let high = {
        let mut o = obs(
            "tabqa",
            "2017-05-10",
            Status::Controlled,
            &["sdf"],
            "2017-05-11",
        );
        o.confidence = Confidence::High;
        o.id = o.content_id();
        o
    };
    // Either input order gives the same answer.
    for list in [
        vec![low.clone(), high.clone()],
        vec![high.clone(), low.clone()],
    ] {
        let t = Timeline::new([], list);
        let s = &t.resolve(query("2017-06-01", "2018-01-01"))[0];
        assert_eq!(s.parties()[0].as_str(), "sdf");
        let d = s.disagreement.as_ref().expect("a disagreement is reported");
        assert_eq!(d.overruled.len(), 1);
        assert_eq!(d.overruled[0].parties[0].as_str(), "isis");
    }
}

#[test]
fn an_expired_observation_leaves_the_place_unknown() {
    let mut o = obs(
        "palmyra",
        "2016-03-27",
        Status::Controlled,
        &["government"],
        "2016-04-01",
    );
    o.valid_until = Some(PartialDate::parse("2016-12-11").expect("valid"));
    let t = Timeline::new([], vec![o]);
    assert_eq!(
        holder(&t, query("2016-12-10", "2020-01-01"))[0].0,
        "controlled"
    );
    let s = &t.resolve(query("2016-12-11", "2020-01-01"))[0];
    assert_eq!(s.status, Status::Unknown);
    assert!(s.expired);
    assert!(s.parties().is_empty());
}

#[test]
fn places_without_observations_are_unknown() {
    let t = Timeline::new([PlaceId::new("nowhere").expect("valid")], vec![]);
    let s = &t.resolve(query("2015-01-01", "2020-01-01"))[0];
    assert_eq!(s.status, Status::Unknown);
    assert!(s.deciding.is_none() && s.stale_days.is_none());
}

fn arb_obs() -> impl Strategy<Value = Observation> {
    (0..4usize, 0..400i64, 0..6usize, 0..3usize, 0..400i64).prop_map(
        |(place, valid, status, party, recorded)| {
            let statuses = [
                Status::Controlled,
                Status::Contested,
                Status::Joint,
                Status::Besieged,
                Status::Claimed,
                Status::Unknown,
            ];
            let parties = ["a", "b", "c"];
            let status = statuses[status];
            let names: Vec<&str> = match status.min_parties() {
                0 => vec![],
                1 => vec![parties[party]],
                _ => vec![parties[party], parties[(party + 1) % 3]],
            };
            let valid_day = day("2015-01-01") + Duration::days(valid);
            // Every third date is known only to the month.
            let fmt = if valid % 3 == 0 { "%Y-%m" } else { "%Y-%m-%d" };
            let mut o = obs(
                &format!("p{place}"),
                &valid_day.format(fmt).to_string(),
                status,
                &names,
                "2015-01-01",
            );
            o.recorded_at = at("2015-01-01") + Duration::days(recorded);
            o.id = o.content_id();
            o
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, rng_seed: proptest::test_runner::RngSeed::Fixed(7), ..ProptestConfig::default() })]

    #[test]
    fn state_at_a_record_time_ignores_later_records(
        early in proptest::collection::vec(arb_obs(), 0..30),
        late in proptest::collection::vec(arb_obs(), 0..30),
        on in 0..500i64,
        known in 0..400i64,
    ) {
        let k = at("2015-01-01") + Duration::days(known);
        let early: Vec<Observation> = early.into_iter().filter(|o| o.recorded_at <= k).collect();
        let mut late: Vec<Observation> = late.into_iter().map(|mut o| { o.recorded_at = k + Duration::seconds(1); o.id = o.content_id(); o }).collect();
        // Corrections recorded later may supersede early records.
        if let (Some(first), Some(l)) = (early.first(), late.first_mut()) {
            l.supersedes = vec![first.id.clone()];
        }
        let places: Vec<PlaceId> = (0..4).map(|i| PlaceId::new(format!("p{i}")).expect("valid")).collect();
        let q = StateQuery { on: day("2015-01-01") + Duration::days(on), known_at: k };
        let only_early = Timeline::new(places.clone(), early.clone());
        let mut all = early;
        all.extend(late);
        let with_late = Timeline::new(places, all);
        prop_assert_eq!(holder(&only_early, q), holder(&with_late, q));
    }

    #[test]
    fn a_superseded_observation_never_decides_after_its_correction(
        list in proptest::collection::vec(arb_obs(), 1..30),
        pick in 0..30usize,
        on in 0..500i64,
    ) {
        let target = list[pick % list.len()].clone();
        let mut fix = obs(target.place.as_str(), &target.valid_from.to_string(), Status::Unknown, &[], "2016-06-01");
        fix.supersedes = vec![target.id.clone()];
        fix.id = fix.content_id();
        let mut all = list;
        all.push(fix);
        let t = Timeline::new([], all);
        let q = StateQuery { on: day("2015-01-01") + Duration::days(on), known_at: at("2016-06-02") };
        for s in t.resolve(q) {
            prop_assert!(s.deciding.is_none_or(|o| o.id != target.id));
            if let Some(d) = &s.disagreement {
                prop_assert!(d.overruled.iter().all(|o| o.id != target.id));
            }
        }
    }

    #[test]
    fn transitions_agree_with_resolution_on_every_day(
        list in proptest::collection::vec(arb_obs(), 0..30),
        until in proptest::option::of(-40..200i64),
        known in 0..400i64,
    ) {
        let mut list = list;
        if let (Some(u), Some(first)) = (until, list.first_mut()) {
            // Until may even precede the day a coarse date holds from.
            let end = first.valid_from.first_day() + Duration::days(u.max(1));
            let end = if u < 0 { first.valid_from.first_day() + Duration::days(1) } else { end };
            first.valid_until = Some(PartialDate::day(end));
            first.id = first.content_id();
        }
        let k = at("2015-01-01") + Duration::days(known);
        let t = Timeline::new([], list);
        for place in 0..t.places().len() {
            let steps = t.transitions(place, k);
            for offset in (0..520).step_by(7) {
                let on = day("2014-12-25") + Duration::days(offset);
                let resolved = t.resolve_place(place, StateQuery { on, known_at: k });
                let by_step = steps.iter().rev().find(|(d, _)| *d <= on).and_then(|(_, o)| *o);
                let resolved_obs = if resolved.expired { None } else { resolved.deciding };
                prop_assert_eq!(resolved_obs.map(|o| &o.id), by_step.map(|o| &o.id), "on {}", on);
            }
        }
    }

    #[test]
    fn resolution_is_independent_of_input_order(
        list in proptest::collection::vec(arb_obs(), 0..30),
        on in 0..500i64,
    ) {
        let q = StateQuery { on: day("2015-01-01") + Duration::days(on), known_at: at("2020-01-01") };
        let forward = Timeline::new([], list.clone());
        let mut reversed = list;
        reversed.reverse();
        let backward = Timeline::new([], reversed);
        let key = |t: &Timeline| {
            let mut v: Vec<_> = t.resolve(q).iter().map(|s| (s.place.to_string(), s.deciding.map(|o| o.id.to_string()))).collect();
            v.sort();
            v
        };
        prop_assert_eq!(key(&forward), key(&backward));
    }
}
