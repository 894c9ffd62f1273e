//! Small cases with answers computed by hand.

use frontline_infer::{AreaKey, Label, Method, PartyKey, Site, SiteState, Sites};

use crate::fixtures::{coverage, geodesic_km2, random_sites, rectangle};

#[test]
fn debug_random_build() {
    let boundary = rectangle(36.0, 33.0, 37.0, 34.0);
    let sites = random_sites(1, 50, 36.0, 33.0, 37.0, 34.0);
    let cov = coverage(&sites, &boundary, Method::nearest());
    let g = geodesic_km2(&boundary);
    eprintln!("pieces {} area {} geodesic {} {}", cov.piece_count(), cov.area_km2(), g, cov.geodesic_area_km2());
    let cells = cov.cells();
    let total: f64 = cells.iter().map(geodesic_km2).sum();
    eprintln!("cells geodesic total {total}");
    assert!((total - g).abs() / g < 1e-4);
    let _ = (AreaKey::Unknown, Label::Unknown, PartyKey::new(0), Site::new(0.0, 0.0), SiteState::default(), Sites::new(vec![]).is_err());
}
