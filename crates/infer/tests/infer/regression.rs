//! Regression tests, named after the bug they pin.

use frontline_infer::{Label, Method, PartyKey, SiteState};
use geo::{BooleanOps, Validation};

use crate::fixtures::{coverage, geodesic_km2, l_shape, random_sites, rectangle, reversed};

#[test]
fn regression_clockwise_boundary_area() {
    // A clockwise exterior read as-is has the signed area of the rest of the Earth.
    let ccw = rectangle(36.0, 33.0, 38.0, 35.0);
    let cw = reversed(&ccw);
    let sites = random_sites(5, 20, 36.0, 33.0, 38.0, 35.0);
    let a = coverage(&sites, &ccw, Method::nearest());
    let b = coverage(&sites, &cw, Method::nearest());
    let expected = geodesic_km2(&ccw);
    assert!(expected > 40_000.0 && expected < 50_000.0, "{expected}");
    assert!((a.area_km2() - expected).abs() / expected < 1e-6);
    assert!(
        (b.area_km2() - expected).abs() / expected < 1e-6,
        "{}",
        b.area_km2()
    );
    assert!((b.geodesic_area_km2() - expected).abs() / expected < 1e-9);
    let states = vec![SiteState::fresh(Label::held(PartyKey::new(0))); 20];
    let (sa, sb) = (
        a.stats(&states).expect("fits"),
        b.stats(&states).expect("fits"),
    );
    assert_eq!(sa.rows.len(), sb.rows.len());
    for (x, y) in sa.rows.iter().zip(&sb.rows) {
        assert_eq!(x.key, y.key);
        assert!((x.area_km2 - y.area_km2).abs() < 1e-6, "{x:?} {y:?}");
    }
}

#[test]
fn regression_cells_outside_non_rectangular_boundary() {
    // geo's Voronoi clipping keeps cells outside a non-rectangular boundary; ours clips every
    // cell exactly. Places fill the L's missing quarter and the hole too.
    let boundary = l_shape();
    let sites = random_sites(11, 80, 36.0, 33.0, 38.0, 35.0);
    let cov = coverage(&sites, &boundary, Method::nearest());
    // Boundary edges are geodesics, which bow up to ~120 m off the parallels that the planar
    // test rectangles follow: test regions 0.005° (~500 m) inside the outside parts.
    let missing = rectangle(37.005, 34.005, 37.995, 34.995);
    let hole = rectangle(36.205, 33.205, 36.395, 33.395);
    let mut total = 0.0;
    for (i, cell) in cov.cells().iter().enumerate() {
        assert!(cell.is_valid(), "cell {i} is invalid");
        let area = geodesic_km2(cell);
        total += area;
        for outside in [&missing, &hole] {
            let stray = geodesic_km2(&cell.intersection(outside)).abs();
            assert!(
                stray < 1e-6,
                "cell {i} has {stray} km² outside the boundary"
            );
        }
    }
    let expected = geodesic_km2(&boundary);
    assert!(
        (total - expected).abs() / expected < 1e-6,
        "{total} vs {expected}"
    );
}

#[test]
fn regression_places_on_a_regular_grid_still_form_a_coverage() {
    // Four places on a circle make Voronoi vertices coincide: zero-length edges, ties.
    let boundary = rectangle(36.0, 33.0, 38.0, 35.0);
    let mut sites = Vec::new();
    for i in 0..24 {
        for j in 0..24 {
            sites.push(frontline_infer::Site::new(
                35.95 + 0.09 * f64::from(i),
                32.95 + 0.09 * f64::from(j),
            ));
        }
    }
    let sites = frontline_infer::Sites::new(sites).expect("valid places");
    for method in [
        Method::nearest(),
        Method::nearest()
            .with_cap_km(Some(4.0))
            .and_then(|m| m.with_band_km(3.0))
            .expect("valid method"),
        Method::nearest()
            .with_cap_km(None)
            .and_then(|m| m.with_band_km(0.0))
            .expect("valid method"),
    ] {
        let cov = coverage(&sites, &boundary, method);
        let expected = geodesic_km2(&boundary);
        assert!(
            (cov.area_km2() - expected).abs() / expected < 1e-6,
            "{method}"
        );
        let states = crate::fixtures::random_states(3, 576, 3);
        let areas = cov.areas(&states).expect("fits");
        let total: f64 = areas.iter().map(|a| geodesic_km2(&a.geometry)).sum();
        assert!(
            (total - expected).abs() / expected < 1e-4,
            "{method}: {total}"
        );
        for a in &areas {
            assert!(
                a.geometry.is_valid(),
                "{method}: invalid {:?}: {:?}",
                a.key,
                a.geometry.validation_errors()
            );
        }
    }
}
