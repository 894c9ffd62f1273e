//! Invariants under random places, methods and labellings (proptest with a fixed seed).

use frontline_infer::{Area, AreaKey, Coverage, Method, SiteState, Tally};
use geo::{Contains, Validation};
use geo_types::{MultiPolygon, Point};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

use crate::fixtures::{Rng, geodesic_km2, l_shape, random_sites, random_states, rectangle};

/// A deterministic runner: the same cases on every run.
fn runner(cases: u32) -> TestRunner {
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]))
}

#[derive(Debug, Clone)]
struct Case {
    seed: u64,
    places: usize,
    parties: u16,
    cap_km: Option<f64>,
    band_km: f64,
    l_shaped: bool,
    grid: bool,
}

fn cases() -> impl Strategy<Value = Case> {
    (
        any::<u64>(),
        1usize..60,
        1u16..5,
        prop_oneof![Just(None), (3.0f64..60.0).prop_map(Some)],
        prop_oneof![Just(0.0), 0.5f64..30.0],
        any::<bool>(),
        prop_oneof![3 => Just(false), 1 => Just(true)],
    )
        .prop_map(
            |(seed, places, parties, cap_km, band_km, l_shaped, grid)| Case {
                seed,
                places,
                parties,
                cap_km,
                band_km,
                l_shaped,
                grid,
            },
        )
}

fn boundary(case: &Case) -> MultiPolygon<f64> {
    if case.l_shaped {
        l_shape()
    } else {
        rectangle(36.0, 33.0, 38.0, 35.0)
    }
}

fn build(case: &Case) -> (Coverage, Vec<SiteState>) {
    // Places may fall outside the boundary (the box is larger), as real places near a border do;
    // a quarter of the cases put them on a regular grid (near-cocircular fours), offset so that no
    // cell edge runs exactly along a boundary edge (see the crate's limits).
    let sites = if case.grid {
        let side = (case.places as f64).sqrt().ceil() as usize;
        let step = 2.4 / side as f64;
        let sites = (0..case.places)
            .map(|i| {
                let (x, y) = ((i % side) as f64, (i / side) as f64);
                frontline_infer::Site::new(35.8137 + step * (x + 0.5), 32.8071 + step * (y + 0.5))
            })
            .collect();
        frontline_infer::Sites::new(sites).expect("valid places")
    } else {
        random_sites(case.seed, case.places, 35.8, 32.8, 38.2, 35.2)
    };
    let method = Method::nearest()
        .with_cap_km(case.cap_km)
        .and_then(|m| m.with_band_km(case.band_km))
        .expect("valid method");
    let cov = Coverage::build(&sites, &boundary(case), method).expect("the coverage builds");
    let states = random_states(case.seed ^ 1, case.places, case.parties);
    (cov, states)
}

#[test]
fn areas_of_all_parties_and_unknown_sum_to_the_boundary_area() {
    runner(48)
        .run(&cases(), |case| {
            let (cov, states) = build(&case);
            let geodesic = geodesic_km2(&boundary(&case));
            prop_assert!((cov.area_km2() - geodesic).abs() / geodesic < 1e-4);
            let stats = cov.stats(&states).expect("one state per place");
            let sum: f64 = stats.rows.iter().map(|r| r.area_km2).sum();
            prop_assert!((sum - geodesic).abs() / geodesic < 1e-4, "{sum} {geodesic}");
            let pct: f64 = stats.rows.iter().map(|r| r.area_pct).sum();
            prop_assert!((pct - 100.0).abs() < 1e-6);
            // The dissolved output measures the same on the ellipsoid.
            let areas = cov.areas(&states).expect("one state per place");
            let out: f64 = areas.iter().map(|a| geodesic_km2(&a.geometry)).sum();
            prop_assert!((out - geodesic).abs() / geodesic < 1e-4, "{out} {geodesic}");
            for a in &areas {
                let row = stats.row(a.key).map_or(0.0, |r| r.area_km2);
                let measured = geodesic_km2(&a.geometry);
                prop_assert!((row - measured).abs() <= 1e-4 * geodesic, "{a:?}");
            }
            Ok(())
        })
        .expect("property holds");
}

/// The key of the one area containing `p`, or `None` if none or several do.
fn owner(areas: &[Area], p: Point<f64>) -> Vec<AreaKey> {
    areas
        .iter()
        .filter(|a| a.geometry.contains(&p))
        .map(|a| a.key)
        .collect()
}

#[test]
fn no_two_parties_areas_overlap_and_every_area_and_cell_is_valid() {
    runner(32)
        .run(&cases(), |case| {
            let (cov, states) = build(&case);
            let areas = cov.areas(&states).expect("one state per place");
            for a in &areas {
                prop_assert!(a.geometry.is_valid(), "invalid area {:?}", a.key);
                for poly in &a.geometry.0 {
                    // RFC 7946: exteriors counter-clockwise.
                    prop_assert!(geodesic_km2(&MultiPolygon(vec![poly.clone()])) > 0.0);
                }
            }
            for (i, cell) in cov.cells().iter().enumerate() {
                prop_assert!(cell.is_valid(), "invalid cell {i}");
            }
            let bound = boundary(&case);
            let mut rng = Rng(case.seed ^ 2);
            for _ in 0..200 {
                let p = Point::new(36.0 + 2.0 * rng.unit(), 33.0 + 2.0 * rng.unit());
                // Boundary edges are geodesics and bow off the planar edges that `contains`
                // follows: skip points within 0.01° of the boundary.
                let near_edge = [(0.01, 0.0), (-0.01, 0.0), (0.0, 0.01), (0.0, -0.01)]
                    .iter()
                    .any(|(dx, dy)| {
                        bound.contains(&Point::new(p.x() + dx, p.y() + dy)) != bound.contains(&p)
                    });
                if near_edge {
                    continue;
                }
                let owners = owner(&areas, p);
                if bound.contains(&p) {
                    prop_assert_eq!(owners.len(), 1, "{:?} at {:?}", owners, p);
                    // And `why` agrees with the areas, away from borders (edges are straight
                    // in the projection, and bow slightly in lon/lat).
                    let near_border = [(0.005, 0.0), (-0.005, 0.0), (0.0, 0.005), (0.0, -0.005)]
                        .iter()
                        .any(|(dx, dy)| {
                            owner(&areas, Point::new(p.x() + dx, p.y() + dy)) != owners
                        });
                    if near_border {
                        continue;
                    }
                    let why = cov.why(p.x(), p.y(), &states).expect("one state per place");
                    prop_assert_eq!(why.map(|w| w.key), Some(owners[0]));
                } else {
                    prop_assert!(owners.is_empty(), "{:?} outside at {:?}", owners, p);
                }
            }
            Ok(())
        })
        .expect("property holds");
}

#[test]
fn output_is_deterministic() {
    runner(16)
        .run(&cases(), |case| {
            let (a, states) = build(&case);
            let (b, _) = build(&case);
            prop_assert_eq!(
                a.stats(&states).expect("fits"),
                b.stats(&states).expect("fits")
            );
            prop_assert_eq!(
                a.areas(&states).expect("fits"),
                b.areas(&states).expect("fits")
            );
            prop_assert_eq!(
                a.front_lines(&states).expect("fits"),
                b.front_lines(&states).expect("fits")
            );
            prop_assert_eq!(a.cells(), b.cells());
            Ok(())
        })
        .expect("property holds");
}

#[test]
fn a_cells_label_depends_only_on_that_dates_labelling() {
    runner(32)
        .run(&cases(), |case| {
            let (cov, before) = build(&case);
            let after = random_states(case.seed ^ 3, case.places, case.parties);
            // Relabelling from any earlier labelling gives what the labelling gives alone.
            let mut tally = Tally::new(&cov, &before).expect("fits");
            for (i, s) in after.iter().enumerate() {
                tally.set(i, *s).expect("in range");
            }
            let direct = cov.stats(&after).expect("fits");
            let relabelled = tally.stats();
            prop_assert_eq!(direct.rows.len(), relabelled.rows.len());
            for (d, r) in direct.rows.iter().zip(&relabelled.rows) {
                prop_assert_eq!(d.key, r.key);
                prop_assert!((d.area_km2 - r.area_km2).abs() < 1e-6);
                prop_assert!((d.effective_km2 - r.effective_km2).abs() < 1e-6);
                prop_assert_eq!(d.population, r.population);
            }
            // And the series by relabelling equals recomputing each day.
            let changes: Vec<Vec<(usize, frontline_infer::Label)>> = after
                .iter()
                .enumerate()
                .map(|(i, s)| vec![(i, s.label)])
                .collect();
            let series = cov.series(&before, &changes).expect("fits");
            let mut day = before.clone();
            for (d, stats) in series.iter().enumerate().skip(1) {
                day[d - 1] = after[d - 1];
                let fresh = cov.stats(&day).expect("fits");
                for r in &fresh.rows {
                    let s = stats.row(r.key).map_or(0.0, |x| x.area_km2);
                    prop_assert!((s - r.area_km2).abs() < 1e-6, "day {d}");
                }
            }
            Ok(())
        })
        .expect("property holds");
}
