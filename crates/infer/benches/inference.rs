//! Benchmark of inference (issue 3): areas for one date and a daily series over 5,000 dates,
//! on 5,000, 20,000 and 50,000 random places inside the Syrian boundary.
//!
//! Run with `FRONTLINE_SHARED_DATA` set (the Natural Earth Syria boundary is read from it):
//! `cargo bench -p frontline-infer --bench inference`. Sizes can be chosen with
//! `FRONTLINE_BENCH_SIZES=5000,20000`. The places and three sample labellings are written
//! to `target/infer-bench/` (or `FRONTLINE_BENCH_OUT`) so that `crates/infer/bench/postgis.sh`
//! can time PostGIS on the same input; our timings go to `ours.csv` there.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Instant;

use frontline_infer::{Coverage, Label, Method, PartyKey, Site, SiteState, Sites};
use geo::Contains;
use geo_types::{MultiPolygon, Point};

const DAYS: usize = 5_000;
const PARTIES: u16 = 5;

struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }
}

fn boundary() -> MultiPolygon<f64> {
    let Some(dir) = std::env::var_os("FRONTLINE_SHARED_DATA") else {
        eprintln!("FRONTLINE_SHARED_DATA is not set: the benchmark needs the Syria boundary");
        std::process::exit(2);
    };
    let path = PathBuf::from(dir).join("boundaries/syria_admin0_naturalearth_10m.geojson");
    let text = std::fs::read_to_string(&path).expect("the Syria boundary is readable");
    let gj: geojson::GeoJson = text.parse().expect("GeoJSON");
    let collection = geo_types::GeometryCollection::<f64>::try_from(&gj).expect("geometries");
    let mut polys = Vec::new();
    for g in collection {
        match g {
            geo_types::Geometry::Polygon(p) => polys.push(p),
            geo_types::Geometry::MultiPolygon(mp) => polys.extend(mp.0),
            _ => {}
        }
    }
    MultiPolygon(polys)
}

/// A party for a place: five zones by position, as real maps have, with 10% noise.
fn zone(lon: f64, lat: f64, rng: &mut Rng) -> PartyKey {
    if rng.below(10) == 0 {
        return PartyKey::new(u16::try_from(rng.below(u64::from(PARTIES))).unwrap_or(0));
    }
    let z = if lon < 37.0 {
        0
    } else if lat > 36.0 {
        if lon > 39.5 { 1 } else { 2 }
    } else if lon > 39.0 {
        3
    } else {
        4
    };
    PartyKey::new(z)
}

fn seconds(t: Instant) -> f64 {
    t.elapsed().as_secs_f64()
}

fn main() {
    let sizes: Vec<usize> = std::env::var("FRONTLINE_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![5_000, 20_000, 50_000]);
    let out = std::env::var_os("FRONTLINE_BENCH_OUT")
        .map_or_else(|| PathBuf::from("target/infer-bench"), PathBuf::from);
    std::fs::create_dir_all(&out).expect("the output folder can be made");
    let boundary = boundary();
    let mut ours = String::from(
        "places,build_s,stats_s,areas_s,one_date_s,series_s,series_changes,pieces,area_km2,plain_one_date_s\n",
    );
    for &n in &sizes {
        let mut rng = Rng(0x5EED ^ n as u64);
        let mut sites = Vec::with_capacity(n);
        let mut labels = Vec::with_capacity(n);
        while sites.len() < n {
            let (lon, lat) = (35.6 + 6.8 * rng.unit(), 32.3 + 5.1 * rng.unit());
            if boundary.contains(&Point::new(lon, lat)) {
                sites.push(Site::new(lon, lat).with_population(rng.below(20_000)));
                labels.push(zone(lon, lat, &mut rng));
            }
        }
        let states: Vec<SiteState> = labels
            .iter()
            .map(|p| SiteState::fresh(Label::held(*p)))
            .collect();
        let sites = Sites::new(sites).expect("valid places");

        // (a) Areas for one date: cells, clipping, statistics and dissolved geometry; the best
        // of three runs (the machine is shared).
        let (mut build_s, mut stats_s, mut areas_s) = (f64::MAX, f64::MAX, f64::MAX);
        let mut built = None;
        for _ in 0..3 {
            let t = Instant::now();
            let cov = Coverage::build(&sites, &boundary, Method::nearest()).expect("builds");
            build_s = build_s.min(seconds(t));
            let t = Instant::now();
            let stats = cov.stats(&states).expect("fits");
            stats_s = stats_s.min(seconds(t));
            let t = Instant::now();
            let areas = cov.areas(&states).expect("fits");
            areas_s = areas_s.min(seconds(t));
            assert!(!areas.is_empty());
            built = Some((cov, stats));
        }
        let (cov, stats) = built.expect("three runs");
        // The same job as PostGIS's: plain cells, no cap, no band.
        let plain = Method::nearest()
            .with_cap_km(None)
            .and_then(|m| m.with_band_km(0.0))
            .expect("valid method");
        let mut plain_s = f64::MAX;
        for _ in 0..3 {
            let t = Instant::now();
            let c = Coverage::build(&sites, &boundary, plain).expect("builds");
            let _ = c.stats(&states).expect("fits");
            let areas = c.areas(&states).expect("fits");
            assert!(!areas.is_empty());
            plain_s = plain_s.min(seconds(t));
        }

        // (b) A daily series over 5,000 dates, 1% of places changing hands per month.
        let per_day = n as f64 * 0.01 / 30.0;
        let mut carry = 0.0;
        let mut changes: Vec<Vec<(usize, Label)>> = Vec::with_capacity(DAYS - 1);
        let mut current = labels.clone();
        let mut samples: Vec<(usize, Vec<PartyKey>)> = vec![(0, current.clone())];
        for day in 1..DAYS {
            carry += per_day;
            let mut today = Vec::new();
            while carry >= 1.0 {
                carry -= 1.0;
                let site = usize::try_from(rng.below(n as u64)).unwrap_or(0);
                let party =
                    PartyKey::new(u16::try_from(rng.below(u64::from(PARTIES))).unwrap_or(0));
                current[site] = party;
                today.push((site, Label::held(party)));
            }
            changes.push(today);
            if day == DAYS / 2 || day == DAYS - 1 {
                samples.push((day, current.clone()));
            }
        }
        let total_changes: usize = changes.iter().map(Vec::len).sum();
        let mut series_s = f64::MAX;
        for _ in 0..3 {
            let t = Instant::now();
            let series = cov.series(&states, &changes).expect("fits");
            series_s = series_s.min(seconds(t));
            assert_eq!(series.len(), DAYS);
        }

        println!(
            "{n} places: {} pieces; one date: build {build_s:.3} s + stats {stats_s:.4} s + areas {areas_s:.3} s; \
             series of {DAYS} days ({total_changes} changes): {series_s:.3} s; area {:.1} km²; \
             one date without cap and band: {plain_s:.3} s",
            cov.piece_count(),
            stats.total_km2
        );
        let _ = writeln!(
            ours,
            "{n},{build_s:.6},{stats_s:.6},{areas_s:.6},{:.6},{series_s:.6},{total_changes},{},{:.3},{plain_s:.6}",
            build_s + stats_s + areas_s,
            cov.piece_count(),
            stats.total_km2
        );

        // The same input for PostGIS.
        let mut csv = String::from("id,lon,lat\n");
        for (i, s) in sites.as_slice().iter().enumerate() {
            let _ = writeln!(csv, "{i},{},{}", s.lon(), s.lat());
        }
        std::fs::write(out.join(format!("places_{n}.csv")), csv).expect("writable");
        for (day, parties) in &samples {
            let mut csv = String::from("id,party\n");
            for (i, p) in parties.iter().enumerate() {
                let _ = writeln!(csv, "{i},{}", p.index());
            }
            std::fs::write(out.join(format!("labels_{n}_day{day}.csv")), csv).expect("writable");
        }
    }
    std::fs::write(out.join("ours.csv"), ours).expect("writable");
    println!("wrote {}", out.display());
}
