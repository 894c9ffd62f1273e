//! Synthetic fixtures (made up for these tests; no real data): boundaries, places, labellings.

use frontline_infer::{Coverage, Label, Method, PartyKey, Site, SiteState, Sites};
use geo::GeodesicArea;
use geo_types::{Coord, LineString, MultiPolygon, Polygon};

/// A lon/lat rectangle, counter-clockwise.
pub(crate) fn rectangle(x0: f64, y0: f64, x1: f64, y1: f64) -> MultiPolygon<f64> {
    MultiPolygon(vec![Polygon::new(
        LineString::from(vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]),
        vec![],
    )])
}

/// An L-shaped boundary (the square 36..38 x 33..35 without its north-east quarter), with a
/// square hole, counter-clockwise exterior.
pub(crate) fn l_shape() -> MultiPolygon<f64> {
    MultiPolygon(vec![Polygon::new(
        LineString::from(vec![
            (36.0, 33.0),
            (38.0, 33.0),
            (38.0, 34.0),
            (37.0, 34.0),
            (37.0, 35.0),
            (36.0, 35.0),
            (36.0, 33.0),
        ]),
        vec![LineString::from(vec![
            (36.2, 33.2),
            (36.2, 33.4),
            (36.4, 33.4),
            (36.4, 33.2),
            (36.2, 33.2),
        ])],
    )])
}

/// The same multipolygon with every ring reversed.
pub(crate) fn reversed(mp: &MultiPolygon<f64>) -> MultiPolygon<f64> {
    let rev = |ls: &LineString<f64>| {
        let mut cs: Vec<Coord<f64>> = ls.0.clone();
        cs.reverse();
        LineString(cs)
    };
    MultiPolygon(
        mp.0.iter()
            .map(|p| Polygon::new(rev(p.exterior()), p.interiors().iter().map(rev).collect()))
            .collect(),
    )
}

/// A small deterministic generator (SplitMix64).
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub(crate) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// `n` random places in the lon/lat box, with populations.
pub(crate) fn random_sites(seed: u64, n: usize, x0: f64, y0: f64, x1: f64, y1: f64) -> Sites {
    let mut rng = Rng(seed);
    let sites = (0..n)
        .map(|i| {
            let s = Site::new(x0 + rng.unit() * (x1 - x0), y0 + rng.unit() * (y1 - y0));
            s.with_population(if i % 3 == 0 { 1000 } else { 0 })
        })
        .collect();
    Sites::new(sites).expect("random places are valid")
}

/// A random labelling with `parties` parties and some unknown, contested and joint places.
pub(crate) fn random_states(seed: u64, n: usize, parties: u16) -> Vec<SiteState> {
    let mut rng = Rng(seed);
    (0..n)
        .map(|_| {
            let p = PartyKey::new((rng.next_u64() % u64::from(parties)) as u16);
            let q = PartyKey::new((rng.next_u64() % u64::from(parties)) as u16);
            let label = match rng.next_u64() % 10 {
                0 => Label::Unknown,
                1 => Label::Contested(p, q),
                2 => Label::Joint(p, q),
                3 => Label::Held {
                    party: p,
                    besieged: true,
                },
                _ => Label::held(p),
            };
            SiteState::fresh(label)
        })
        .collect()
}

/// The geodesic area of a multipolygon in km².
pub(crate) fn geodesic_km2(mp: &MultiPolygon<f64>) -> f64 {
    mp.geodesic_area_signed() / 1e6
}

/// Builds a coverage, panicking with the error.
pub(crate) fn coverage(sites: &Sites, boundary: &MultiPolygon<f64>, method: Method) -> Coverage {
    Coverage::build(sites, boundary, method).expect("the coverage builds")
}
