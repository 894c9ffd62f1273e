//! Small cases with answers computed by hand.

use std::f64::consts::PI;

use frontline_infer::{
    AreaKey, Coverage, Label, Method, PartyKey, Rule, Site, SiteState, Sites, churn,
    churn_in_changes,
};

use crate::fixtures::{coverage, geodesic_km2, rectangle};

const RED: PartyKey = PartyKey::new(0);
const GREEN: PartyKey = PartyKey::new(1);

fn party(p: PartyKey) -> AreaKey {
    AreaKey::Party { party: p }
}

/// Two places symmetric about the meridian 36.5°E, the centre of the boundary: their cells
/// meet exactly on that meridian.
fn two_places(method: Method) -> Coverage {
    let sites = Sites::new(vec![
        Site::new(36.25, 33.5).with_population(100),
        Site::new(36.75, 33.5).with_population(300),
    ])
    .expect("valid places");
    coverage(&sites, &rectangle(36.0, 33.0, 37.0, 34.0), method)
}

fn no_cap_no_band() -> Method {
    Method::nearest()
        .with_cap_km(None)
        .and_then(|m| m.with_band_km(0.0))
        .expect("valid method")
}

fn area(stats: &frontline_infer::Stats, key: AreaKey) -> f64 {
    stats.row(key).map_or(0.0, |r| r.area_km2)
}

#[test]
fn two_places_split_the_boundary_on_their_bisector() {
    let cov = two_places(no_cap_no_band());
    let states = [Label::held(RED).into(), Label::held(GREEN).into()];
    let stats = cov.stats(&states).expect("one state per place");
    // The bisector is the meridian 36.5°E, the axis of symmetry: each side has half the
    // rectangle's geodesic area.
    let half = geodesic_km2(&rectangle(36.0, 33.0, 37.0, 34.0)) / 2.0;
    assert!((area(&stats, party(RED)) - half).abs() < 1e-3, "{stats:?}");
    assert!(
        (area(&stats, party(GREEN)) - half).abs() < 1e-3,
        "{stats:?}"
    );
    assert!(area(&stats, AreaKey::Unknown).abs() < 1e-9);
    let red = stats.row(party(RED)).expect("red has land");
    assert_eq!(red.population, 100);
    assert!((red.population_pct - 25.0).abs() < 1e-9);
}

#[test]
fn contested_band_is_a_strip_of_the_band_width_along_the_bisector() {
    let method = Method::nearest()
        .with_cap_km(None)
        .expect("valid cap")
        .with_band_km(7.0)
        .expect("valid band");
    let cov = two_places(method);
    let states = [Label::held(RED).into(), Label::held(GREEN).into()];
    let stats = cov.stats(&states).expect("one state per place");
    // 7 km times the meridian arc from 33°N to 34°N (110.92 km on WGS 84).
    let strip = area(&stats, AreaKey::contested(RED, GREEN));
    assert!((strip - 7.0 * 110.92).abs() / strip < 2e-3, "{strip}");
    let total = area(&stats, party(RED)) + area(&stats, party(GREEN)) + strip;
    assert!((total - stats.total_km2).abs() < 1e-6);
    // Same party on both sides: no band.
    let same = [Label::held(RED).into(), Label::held(RED).into()];
    let stats = cov.stats(&same).expect("one state per place");
    assert!((area(&stats, party(RED)) - stats.total_km2).abs() < 1e-6);
}

#[test]
fn distance_cap_leaves_land_beyond_it_unknown() {
    let method = Method::nearest()
        .with_cap_km(Some(10.0))
        .and_then(|m| m.with_band_km(0.0))
        .expect("valid method");
    let sites = Sites::new(vec![Site::new(36.5, 33.5)]).expect("valid place");
    let cov = coverage(&sites, &rectangle(36.0, 33.0, 37.0, 34.0), method);
    let stats = cov.stats(&[Label::held(RED).into()]).expect("one state");
    // The cap is a circle of radius 10 km drawn with a vertex every 2π/64 (and where it crosses
    // the cell's spokes): between the regular 64-gon, 32 * 100 * sin(2π/64) km², and the disc.
    let held = area(&stats, party(RED));
    let polygon = 32.0 * 100.0 * (2.0 * PI / 64.0).sin();
    assert!(held >= polygon && held <= 100.0 * PI, "{stats:?}");
    let unknown = area(&stats, AreaKey::Unknown);
    assert!((unknown + held - stats.total_km2).abs() < 1e-6);
}

#[test]
fn effective_area_is_the_disc_around_a_populated_place() {
    let method = Method::nearest()
        .with_cap_km(None)
        .and_then(|m| m.with_band_km(0.0))
        .and_then(|m| m.with_effective_km(5.0))
        .expect("valid method");
    let sites = Sites::new(vec![
        Site::new(36.5, 33.5).with_population(10),
        Site::new(36.9, 33.9),
    ])
    .expect("valid places");
    let cov = coverage(&sites, &rectangle(36.0, 33.0, 37.0, 34.0), method);
    let stats = cov
        .stats(&[Label::held(RED).into(), Label::held(GREEN).into()])
        .expect("one state per place");
    let red = stats.row(party(RED)).expect("red has land");
    assert!((red.effective_km2 - 25.0 * PI).abs() < 1e-6, "{red:?}");
    assert!((red.effective_pct - 100.0).abs() < 1e-9);
    let green = stats.row(party(GREEN)).expect("green has land");
    assert!(green.effective_km2.abs() < 1e-12);
}

#[test]
fn contested_and_joint_places_give_their_pair_and_besieged_marks_the_holder() {
    let cov = two_places(no_cap_no_band());
    let half = cov.area_km2() / 2.0;
    let states = [
        Label::Contested(GREEN, RED).into(),
        Label::Joint(RED, GREEN).into(),
    ];
    let stats = cov.stats(&states).expect("one state per place");
    assert!((area(&stats, AreaKey::contested(RED, GREEN)) - half).abs() < 1e-3);
    assert!((area(&stats, AreaKey::joint(RED, GREEN)) - half).abs() < 1e-3);
    let sieged = [
        SiteState::fresh(Label::Held {
            party: RED,
            besieged: true,
        }),
        Label::held(RED).into(),
    ];
    let stats = cov.stats(&sieged).expect("one state per place");
    let red = stats.row(party(RED)).expect("red has land");
    assert!((red.area_km2 - 2.0 * half).abs() < 1e-3);
    assert!((red.besieged_km2 - half).abs() < 1e-3);
}

#[test]
fn stale_and_unknown_places_claim_no_land() {
    let method = no_cap_no_band().with_stale_days(Some(30));
    let cov = two_places(method);
    let states = [
        SiteState {
            label: Label::held(RED),
            stale_days: Some(31),
            lender: None,
        },
        SiteState {
            label: Label::held(GREEN),
            stale_days: Some(30),
            lender: None,
        },
    ];
    let stats = cov.stats(&states).expect("one state per place");
    let half = cov.area_km2() / 2.0;
    assert!((area(&stats, AreaKey::Unknown) - half).abs() < 1e-3);
    assert!((area(&stats, party(GREEN)) - half).abs() < 1e-3);
    let unknown = stats.row(AreaKey::Unknown).expect("unknown row");
    assert_eq!(unknown.population, 100);
}

#[test]
fn why_names_the_place_the_distance_and_the_rule() {
    let method = Method::nearest()
        .with_cap_km(Some(40.0))
        .and_then(|m| m.with_band_km(7.0))
        .expect("valid method");
    let cov = two_places(method);
    let states = [Label::held(RED).into(), Label::held(GREEN).into()];
    let at_red = cov
        .why(36.25, 33.5, &states)
        .expect("labels fit")
        .expect("inside");
    assert_eq!(
        (at_red.site, at_red.rule, at_red.key),
        (0, Rule::Nearest, party(RED))
    );
    assert!(at_red.distance_km < 1e-6);
    let near_bisector = cov
        .why(36.49, 33.5, &states)
        .expect("labels fit")
        .expect("inside");
    assert_eq!(near_bisector.site, 0);
    assert_eq!(near_bisector.rule, Rule::Band { neighbour: 1 });
    assert_eq!(near_bisector.key, AreaKey::contested(RED, GREEN));
    let far = cov
        .why(36.02, 33.02, &states)
        .expect("labels fit")
        .expect("inside");
    assert_eq!(
        (far.site, far.rule, far.key),
        (0, Rule::BeyondCap, AreaKey::Unknown)
    );
    assert!(far.distance_km > 40.0);
    assert!(cov.why(35.0, 33.5, &states).expect("labels fit").is_none());
}

#[test]
fn change_lists_places_that_changed_hands_and_the_balance() {
    let cov = two_places(no_cap_no_band());
    let before = [Label::held(RED).into(), Label::held(GREEN).into()];
    let after = [Label::held(RED).into(), Label::held(RED).into()];
    let change = cov.change(&before, &after).expect("one state per place");
    assert_eq!(change.sites.len(), 1);
    assert_eq!((change.sites[0].site, change.sites[0].to), (1, party(RED)));
    let half = cov.area_km2() / 2.0;
    let red = change
        .balance
        .iter()
        .find(|b| b.key == party(RED))
        .expect("red gained");
    let green = change
        .balance
        .iter()
        .find(|b| b.key == party(GREEN))
        .expect("green lost");
    assert!((red.area_km2 - half).abs() < 1e-3 && red.population == 300);
    assert!((green.area_km2 + half).abs() < 1e-3 && green.population == -300);
}

#[test]
fn churn_counts_places_that_changed_hands_twice_or_more() {
    let r: SiteState = Label::held(RED).into();
    let g: SiteState = Label::held(GREEN).into();
    let u: SiteState = Label::Unknown.into();
    let days: Vec<Vec<SiteState>> =
        vec![vec![r, r, r], vec![g, u, r], vec![r, r, g], vec![r, g, g]];
    let refs: Vec<&[SiteState]> = days.iter().map(Vec::as_slice).collect();
    // Place 0: red, green, red: two changes. Place 1: red, (unknown), red, green: one.
    assert_eq!(churn(&refs, None), vec![(0, 2)]);
    let changes = vec![
        vec![(0, Label::held(GREEN)), (1, Label::Unknown)],
        vec![
            (0, Label::held(RED)),
            (1, Label::held(RED)),
            (2, Label::held(GREEN)),
        ],
        vec![(1, Label::held(GREEN))],
    ];
    assert_eq!(churn_in_changes(&days[0], &changes, None), vec![(0, 2)]);
}

#[test]
fn places_at_one_location_share_a_cell_given_to_the_first_that_claims() {
    let sites = Sites::new(vec![
        Site::new(36.25, 33.5),
        Site::new(36.25, 33.5),
        Site::new(36.75, 33.5),
    ])
    .expect("valid places");
    let cov = coverage(&sites, &rectangle(36.0, 33.0, 37.0, 34.0), no_cap_no_band());
    let states = [
        Label::Unknown.into(),
        Label::held(GREEN).into(),
        Label::held(RED).into(),
    ];
    let stats = cov.stats(&states).expect("one state per place");
    let half = cov.area_km2() / 2.0;
    assert!(
        (area(&stats, party(GREEN)) - half).abs() < 1e-3,
        "{stats:?}"
    );
    let cells = cov.cells();
    assert!(cells[1].0.is_empty() && !cells[0].0.is_empty());
}

#[test]
fn a_labelling_of_the_wrong_length_is_an_error() {
    let cov = two_places(no_cap_no_band());
    let err = cov
        .stats(&[Label::Unknown.into()])
        .expect_err("one label for two places");
    assert_eq!(
        err.to_string(),
        "a labelling has 1 labels but there are 2 places"
    );
}

#[test]
fn statistics_per_region_add_up_to_the_whole() {
    let sites = crate::fixtures::random_sites(21, 40, 36.0, 33.0, 37.0, 34.0);
    let boundary = rectangle(36.0, 33.0, 37.0, 34.0);
    // West runs along the boundary's west edge; both overshoot it north and south (edges are
    // geodesics, and a short one bows less than a long one, so equal corners would leave
    // slivers between the parallels).
    let regions = [
        frontline_infer::Region {
            id: "west".into(),
            geometry: rectangle(36.0, 32.5, 36.5, 34.5),
        },
        frontline_infer::Region {
            id: "east".into(),
            geometry: rectangle(36.5, 32.5, 37.5, 34.5),
        },
    ];
    let cov = coverage(&sites, &boundary, Method::nearest())
        .with_regions(&regions)
        .expect("regions cut the pieces");
    let states = crate::fixtures::random_states(22, 40, 3);
    let stats = cov.stats(&states).expect("one state per place");
    assert_eq!(stats.regions.len(), 2);
    assert_eq!(stats.regions[0].id, "west");
    let total: f64 = stats.regions.iter().map(|r| r.total_km2).sum();
    assert!(
        (total - stats.total_km2).abs() / stats.total_km2 < 1e-6,
        "{total}"
    );
    let people: u64 = stats.regions.iter().map(|r| r.population_total).sum();
    assert_eq!(people, stats.population_total);
    for row in &stats.rows {
        let sum: f64 = stats
            .regions
            .iter()
            .filter_map(|r| r.rows.iter().find(|x| x.key == row.key))
            .map(|x| x.area_km2)
            .sum();
        assert!((sum - row.area_km2).abs() < 1e-3, "{row:?} {sum}");
        let eff: f64 = stats
            .regions
            .iter()
            .filter_map(|r| r.rows.iter().find(|x| x.key == row.key))
            .map(|x| x.effective_km2)
            .sum();
        assert!((eff - row.effective_km2).abs() < 1e-3, "{row:?} {eff}");
    }
}

#[test]
fn front_line_runs_along_the_bisector_between_two_parties() {
    let cov = two_places(no_cap_no_band());
    let states = [Label::held(RED).into(), Label::held(GREEN).into()];
    let lines = cov.front_lines(&states).expect("one state per place");
    assert_eq!(lines.len(), 1);
    assert_eq!((lines[0].a, lines[0].b), (party(RED), party(GREEN)));
    let coords: Vec<_> = lines[0]
        .geometry
        .0
        .iter()
        .flat_map(|l| l.0.iter())
        .collect();
    assert!(
        coords.iter().all(|c| (c.x - 36.5).abs() < 1e-9),
        "{coords:?}"
    );
    let (lo, hi) = coords.iter().fold((f64::MAX, f64::MIN), |(lo, hi), c| {
        (lo.min(c.y), hi.max(c.y))
    });
    // From the boundary's south edge to its north edge, both geodesics, which cross the
    // meridian 36.5°E a little north of the parallels 33°N and 34°N.
    use geo::InterpolatePoint;
    let mid = |lat: f64| {
        geo::Geodesic
            .point_at_ratio_between(
                geo_types::Point::new(36.0, lat),
                geo_types::Point::new(37.0, lat),
                0.5,
            )
            .y()
    };
    assert!(
        (lo - mid(33.0)).abs() < 1e-7 && (hi - mid(34.0)).abs() < 1e-7,
        "{lo} {hi}"
    );
    // No front between a party and unknown land.
    let half_known = [Label::held(RED).into(), Label::Unknown.into()];
    assert!(cov.front_lines(&half_known).expect("fits").is_empty());
}

#[test]
fn series_lets_places_go_stale_and_fresh_observations_revive_them() {
    let cov = two_places(no_cap_no_band().with_stale_days(Some(2)));
    let initial = [
        SiteState::fresh(Label::held(RED)),
        SiteState::fresh(Label::held(GREEN)),
    ];
    // Day 2: green is observed again; red is never observed again.
    let changes = vec![
        vec![],
        vec![(1, Label::held(GREEN))],
        vec![],
        vec![],
        vec![],
    ];
    let series = cov.series(&initial, &changes).expect("fits");
    let half = cov.area_km2() / 2.0;
    let red = |d: usize| area(&series[d], party(RED));
    let green = |d: usize| area(&series[d], party(GREEN));
    // Red is 2 days old on day 2 (kept) and 3 on day 3 (stale).
    assert!((red(2) - half).abs() < 1e-3 && red(3).abs() < 1e-9);
    // Green, observed on day 2, is stale from day 5.
    assert!((green(4) - half).abs() < 1e-3 && green(5).abs() < 1e-9);
}

#[test]
fn collinear_places_and_places_outside_the_boundary_still_cover_it() {
    let boundary = rectangle(36.0, 33.0, 37.0, 34.0);
    for sites in [
        vec![
            Site::new(36.2, 33.5),
            Site::new(36.5, 33.5),
            Site::new(36.8, 33.5),
        ],
        vec![Site::new(35.0, 30.0)],
        vec![
            Site::new(35.0, 30.0),
            Site::new(38.0, 36.0),
            Site::new(36.5, 33.5),
        ],
    ] {
        let n = sites.len();
        let sites = Sites::new(sites).expect("valid places");
        for method in [Method::nearest(), no_cap_no_band()] {
            let cov = coverage(&sites, &boundary, method);
            let expected = geodesic_km2(&boundary);
            assert!(
                (cov.area_km2() - expected).abs() / expected < 1e-6,
                "{method}"
            );
            let states = vec![SiteState::fresh(Label::held(RED)); n];
            let stats = cov.stats(&states).expect("fits");
            let sum: f64 = stats.rows.iter().map(|r| r.area_km2).sum();
            assert!((sum - expected).abs() / expected < 1e-6);
        }
    }
}
