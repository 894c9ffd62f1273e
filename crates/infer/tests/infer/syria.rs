//! Tests on the real Syria boundary, read from `$FRONTLINE_SHARED_DATA` when it is set.

use std::path::PathBuf;

use frontline_infer::{Coverage, Method, Site, Sites};
use geo::Contains;
use geo_types::{MultiPolygon, Point};

use crate::fixtures::{Rng, geodesic_km2, random_states};

/// The Natural Earth Syria boundary, or `None` (with a note on stderr) if the data is absent.
pub(crate) fn syria_boundary() -> Option<MultiPolygon<f64>> {
    let Some(dir) = std::env::var_os("FRONTLINE_SHARED_DATA") else {
        eprintln!("skipped: FRONTLINE_SHARED_DATA is not set, so the Syria boundary is absent");
        return None;
    };
    let path = PathBuf::from(dir).join("boundaries/syria_admin0_naturalearth_10m.geojson");
    let text = std::fs::read_to_string(&path).expect("the Syria boundary is readable");
    let gj: geojson::GeoJson = text.parse().expect("the Syria boundary is GeoJSON");
    let collection: geo_types::GeometryCollection<f64> =
        geo_types::GeometryCollection::try_from(&gj).expect("geometries");
    let mut polys = Vec::new();
    for geom in collection {
        match geom {
            geo_types::Geometry::Polygon(p) => polys.push(p),
            geo_types::Geometry::MultiPolygon(mp) => polys.extend(mp.0),
            other => panic!("unexpected geometry {other:?}"),
        }
    }
    Some(MultiPolygon(polys))
}

/// `n` random places inside `boundary`.
pub(crate) fn places_inside(boundary: &MultiPolygon<f64>, n: usize, seed: u64) -> Sites {
    let mut rng = Rng(seed);
    let mut sites = Vec::with_capacity(n);
    while sites.len() < n {
        let p = Point::new(35.6 + 6.8 * rng.unit(), 32.3 + 5.1 * rng.unit());
        if boundary.contains(&p) {
            sites.push(Site::new(p.x(), p.y()).with_population(rng.next_u64() % 5000));
        }
    }
    Sites::new(sites).expect("valid places")
}

#[test]
fn syria_cells_cover_the_boundary_and_match_its_geodesic_area() {
    let Some(boundary) = syria_boundary() else {
        return;
    };
    let sites = places_inside(&boundary, 2000, 3);
    let cov = Coverage::build(&sites, &boundary, Method::nearest()).expect("builds");
    let geodesic = geodesic_km2(&boundary).abs();
    assert!(geodesic > 180_000.0 && geodesic < 190_000.0, "{geodesic}");
    assert!(
        (cov.area_km2() - geodesic).abs() / geodesic < 1e-4,
        "{}",
        cov.area_km2()
    );
    let states = random_states(4, 2000, 5);
    let areas = cov.areas(&states).expect("fits");
    let out: f64 = areas.iter().map(|a| geodesic_km2(&a.geometry)).sum();
    assert!((out - geodesic).abs() / geodesic < 1e-4, "{out}");
}

#[test]
fn syria_statistics_per_governorate_add_up_to_the_country() {
    let Some(boundary) = syria_boundary() else {
        return;
    };
    let dir = std::env::var_os("FRONTLINE_SHARED_DATA").expect("checked above");
    let path = PathBuf::from(dir).join("boundaries/syria_admin1_naturalearth_10m.geojson");
    let text = std::fs::read_to_string(&path).expect("the governorates are readable");
    let fc: geojson::FeatureCollection = text.parse().expect("a feature collection");
    let mut regions = Vec::new();
    for f in fc.features {
        let id = f
            .property("region_code")
            .and_then(|v| v.as_str())
            .unwrap_or("?")
            .to_owned();
        let geom: geo_types::Geometry<f64> =
            f.geometry.expect("a geometry").try_into().expect("geo");
        let geometry = match geom {
            geo_types::Geometry::Polygon(p) => MultiPolygon(vec![p]),
            geo_types::Geometry::MultiPolygon(mp) => mp,
            other => panic!("unexpected geometry {other:?}"),
        };
        regions.push(frontline_infer::Region { id, geometry });
    }
    let sites = places_inside(&boundary, 3000, 8);
    let cov = Coverage::build(&sites, &boundary, Method::nearest())
        .and_then(|c| c.with_regions(&regions))
        .expect("builds with regions");
    let stats = cov.stats(&random_states(9, 3000, 4)).expect("fits");
    assert_eq!(stats.regions.len(), 14.max(stats.regions.len()));
    let total: f64 = stats.regions.iter().map(|r| r.total_km2).sum();
    // Natural Earth's admin-1 and admin-0 borders differ slightly.
    assert!(
        (total - stats.total_km2).abs() / stats.total_km2 < 5e-3,
        "{total}"
    );
}
