//! Benchmark (issue 13): evidence about areas. 1,000 area observations (rectangles) over
//! 10,000 places and 100,000 place observations: importing the 1,000 polygons, the state of
//! every place at a date (warm), and the daily series over 5,000 dates, each printed beside
//! the same figure without area evidence. Synthetic data, generated here.
//!
//! Run: `cargo bench -p frontline --bench areas` (builds the release binary).

#![allow(clippy::print_stdout, clippy::unwrap_used)]

use std::fmt::Write as _;
mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{NaiveDate, Utc};
use common::{Rng, median, ms, p};
use frontline_atlas::{At, Atlas, Method, Step};
use frontline_model::StateQuery;
use frontline_store::SqliteStore;

const SIDE: usize = 100;
const PLACES: usize = SIDE * SIDE;
const OBS_PER_PLACE: usize = 10;
const AREAS: usize = 1_000;
const PARTIES: [&str; 5] = ["red", "blue", "green", "black", "grey"];
/// The grid's corner and spacing, degrees: 10,000 places over about 550 km square.
const WEST: f64 = 35.0;
const SOUTH: f64 = 32.0;
const STEP: f64 = 0.05;

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    generate(dir);
    let plain = dir.join("plain.db");
    let with = dir.join("areas.db");
    for db in [&plain, &with] {
        run(
            db,
            &[
                "init",
                "--name",
                "Synthetic benchmark",
                "--boundary",
                p(&dir.join("boundary.geojson")),
                "--start",
                "2011-01-01",
            ],
        );
        run(
            db,
            &[
                "import",
                p(&dir.join("parties.csv")),
                p(&dir.join("places.csv")),
                p(&dir.join("observations.csv")),
            ],
        );
    }
    // The same count of records without area evidence: 1,000 more places.
    let t = Instant::now();
    run(&plain, &["import", p(&dir.join("more-places.csv"))]);
    let places_import = t.elapsed();
    let t = Instant::now();
    run(&with, &["import", p(&dir.join("areas.geojson"))]);
    let areas_import = t.elapsed();
    run(&with, &["import", p(&dir.join("area-observations.csv"))]);

    println!(
        "# Evidence about areas ({AREAS} areas over {PLACES} places and {} place observations)",
        PLACES * OBS_PER_PLACE
    );
    println!();
    println!("| work | with area evidence | without | ratio (with / without) | target |");
    println!("|---|---|---|---|---|");
    row(
        &format!("import {AREAS} records (areas: polygons; without: places)"),
        areas_import,
        places_import,
        "< 1 s",
    );

    let load = |db: &Path| {
        let store = SqliteStore::open(db).unwrap();
        let t = Instant::now();
        let atlas = Atlas::load(&store).unwrap();
        (atlas, t.elapsed())
    };
    let (a_with, load_with) = load(&with);
    let (a_plain, load_plain) = load(&plain);
    row("load the evidence (cold, once)", load_with, load_plain, "");
    let query = StateQuery {
        on: NaiveDate::from_ymd_opt(2019, 6, 1).unwrap(),
        known_at: Utc::now(),
    };
    let resolve = |atlas: &Atlas| median(20, || assert!(atlas.resolve(query).len() >= PLACES));
    row(
        "state of every place at a date (warm)",
        resolve(&a_with),
        resolve(&a_plain),
        "< 20 ms",
    );
    let rows = |atlas: &Atlas| median(20, || assert!(atlas.state(query).len() >= PLACES));
    row(
        "the same as `frontline state` rows (names, ids and dates as text, sorted)",
        rows(&a_with),
        rows(&a_plain),
        "",
    );
    let at = At {
        on: query.on,
        known_at: query.known_at,
        method: Method::nearest(),
    };
    let from = NaiveDate::from_ymd_opt(2012, 1, 1).unwrap();
    let to = from + chrono::Duration::days(4_999);
    let series = |atlas: &Atlas| {
        // The first call also builds the geometry; time the second.
        atlas.series(from, to, Step::Day, at).unwrap();
        median(3, || {
            assert_eq!(atlas.series(from, to, Step::Day, at).unwrap().len(), 5_000)
        })
    };
    row(
        "daily series over 5,000 dates (warm)",
        series(&a_with),
        series(&a_plain),
        "< 1 s",
    );
}

fn row(work: &str, with: Duration, without: Duration, target: &str) {
    println!(
        "| {work} | {:.2} ms | {:.2} ms | {:.2} | {target} |",
        ms(with),
        ms(without),
        with.as_secs_f64() / without.as_secs_f64()
    );
}

fn run(db: &Path, args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_frontline"))
        .args(args)
        .env("FRONTLINE_DB", db)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn generate(dir: &Path) {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (east, north) = (WEST + STEP * SIDE as f64, SOUTH + STEP * SIDE as f64);
    std::fs::write(
        dir.join("boundary.geojson"),
        format!(r#"{{"type":"Polygon","coordinates":[[[{WEST},{SOUTH}],[{east},{SOUTH}],[{east},{north}],[{WEST},{north}],[{WEST},{SOUTH}]]]}}"#),
    )
    .unwrap();
    let mut parties = String::from("id,name,colour,kind,valid_from\n");
    for (i, id) in PARTIES.iter().enumerate() {
        writeln!(
            parties,
            "{id},Synthetic {id},#{:02x}4080,non-state,2011-01-01",
            40 * i
        )
        .unwrap();
    }
    std::fs::write(dir.join("parties.csv"), parties).unwrap();
    let place = |i: usize| -> (f64, f64) {
        (
            WEST + STEP * ((i % SIDE) as f64 + 0.5),
            SOUTH + STEP * ((i / SIDE) as f64 + 0.5),
        )
    };
    let mut places = String::from("id,name,lon,lat,kind\n");
    for i in 0..PLACES {
        let (x, y) = place(i);
        writeln!(places, "p{i},Place {i},{x:.5},{y:.5},village").unwrap();
    }
    std::fs::write(dir.join("places.csv"), places).unwrap();
    let mut more = String::from("id,name,lon,lat,kind\n");
    for i in 0..AREAS {
        let (x, y) = place(i * 7 % PLACES);
        writeln!(
            more,
            "q{i},More {i},{:.5},{:.5},village",
            x + STEP / 4.0,
            y + STEP / 4.0
        )
        .unwrap();
    }
    std::fs::write(dir.join("more-places.csv"), more).unwrap();
    let header = "place,date,status,party,source_publisher,source_title,source_url,source_date\n";
    let day = |rng: &mut Rng| {
        NaiveDate::from_ymd_opt(2012, 1, 1).unwrap()
            + chrono::Duration::days(rng.below(4_900) as i64)
    };
    let mut obs = String::from(header);
    for i in 0..PLACES {
        for _ in 0..OBS_PER_PLACE {
            let d = day(&mut rng);
            let party = PARTIES[rng.below(5) as usize];
            writeln!(
                obs,
                "p{i},{d},controlled,{party},Synthetic wire,Report {},https://example.org/{},{d}",
                rng.below(5_000),
                rng.next() % 1_000_000
            )
            .unwrap();
        }
    }
    std::fs::write(dir.join("observations.csv"), obs).unwrap();
    let mut features = Vec::new();
    let mut area_obs = String::from(header);
    for i in 0..AREAS {
        let (w, h) = (
            0.2 + rng.below(60) as f64 / 100.0,
            0.2 + rng.below(60) as f64 / 100.0,
        );
        let x0 = WEST + rng.below(1_000) as f64 * (east - WEST - w) / 1_000.0;
        let y0 = SOUTH + rng.below(1_000) as f64 * (north - SOUTH - h) / 1_000.0;
        let (x1, y1) = (x0 + w, y0 + h);
        features.push(format!(
            r#"{{"type":"Feature","geometry":{{"type":"Polygon","coordinates":[[[{x0:.4},{y0:.4}],[{x1:.4},{y0:.4}],[{x1:.4},{y1:.4}],[{x0:.4},{y1:.4}],[{x0:.4},{y0:.4}]]]}},"properties":{{"frontline:kind":"area","id":"area-{i}","name":"Area {i}","drawn":"synthetic rectangle"}}}}"#
        ));
        let d = day(&mut rng);
        let party = PARTIES[rng.below(5) as usize];
        writeln!(area_obs, "area-{i},{d},controlled,{party},Synthetic wire,Area report {i},https://example.org/area/{i},{d}").unwrap();
    }
    std::fs::write(
        dir.join("areas.geojson"),
        format!(
            r#"{{"type":"FeatureCollection","features":[{}]}}"#,
            features.join(",")
        ),
    )
    .unwrap();
    std::fs::write(dir.join("area-observations.csv"), area_obs).unwrap();
}
