//! In-process tile timing (issue 6), the engine without the network: every tile of a list
//! asked once of the router (`oneshot`, no socket), so each is encoded on request.
//!
//! Run by `crates/server/bench/run.sh`, which sets `FRONTLINE_BENCH_DB` (a database made by
//! `frontline init`), `FRONTLINE_BENCH_TILES` (lines `z x y`) and `FRONTLINE_BENCH_DATE`.
//! Without them it says so and does nothing.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::time::Instant;

use axum::body::Body;
use axum::http::Request;
use frontline_atlas::Atlas;
use frontline_server::{App, AppOptions, router};
use frontline_store::SqliteStore;
use tower::ServiceExt as _;

fn main() {
    let (Ok(db), Ok(tiles), Ok(date)) = (
        std::env::var("FRONTLINE_BENCH_DB"),
        std::env::var("FRONTLINE_BENCH_TILES"),
        std::env::var("FRONTLINE_BENCH_DATE"),
    ) else {
        eprintln!(
            "tiles bench: set FRONTLINE_BENCH_DB, FRONTLINE_BENCH_TILES and FRONTLINE_BENCH_DATE (crates/server/bench/run.sh does); skipped"
        );
        return;
    };
    let store = SqliteStore::open(std::path::Path::new(&db)).expect("the database opens");
    let app = App::new(
        Atlas::load(&store).expect("the atlas loads"),
        AppOptions::default(),
    );
    let list = std::fs::read_to_string(&tiles).expect("the tile list reads");
    let paths: Vec<String> = list
        .lines()
        .filter_map(|l| {
            let v: Vec<&str> = l.split_whitespace().collect();
            (v.len() == 3).then(|| format!("/tiles/{date}/{}/{}/{}.mvt", v[0], v[1], v[2]))
        })
        .collect();
    // One router, as the server builds it once.
    let service = router(app);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let ask = |path: &str| {
        let request = Request::get(path).body(Body::empty()).expect("a request");
        let response = runtime
            .block_on(service.clone().oneshot(request))
            .expect("infallible");
        assert!(
            response.status().is_success(),
            "{path}: {}",
            response.status()
        );
        runtime
            .block_on(axum::body::to_bytes(response.into_body(), usize::MAX))
            .expect("a body")
            .len()
    };
    // The date's layers are built by the first tile; time them apart.
    let t0 = Instant::now();
    ask(&format!("/tiles/{date}/0/0/0.mvt"));
    let layers_ms = t0.elapsed().as_secs_f64() * 1e3;
    let mut times = Vec::with_capacity(paths.len());
    for p in &paths {
        let t = Instant::now();
        let bytes = ask(p);
        times.push((t.elapsed().as_secs_f64() * 1e3, bytes));
    }
    println!(
        "{:<34} {:>6} {:>8.2}",
        "in process, first tile (layers)", 1, layers_ms
    );
    row("in process, uncached", &times);
    let non_empty: Vec<(f64, usize)> = times.iter().copied().filter(|t| t.1 > 0).collect();
    row("in process, uncached, non-empty", &non_empty);
}

/// Prints: label n p50 p90 p99 max mean bytes.
fn row(label: &str, times: &[(f64, usize)]) {
    let mut ms: Vec<f64> = times.iter().map(|t| t.0).collect();
    ms.sort_by(f64::total_cmp);
    let pick = |q: f64| ms[((q * ms.len() as f64) as usize).min(ms.len() - 1)];
    let mean = ms.iter().sum::<f64>() / ms.len() as f64;
    let bytes: usize = times.iter().map(|t| t.1).sum();
    println!(
        "{label:<34} {:>6} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {bytes:>10}",
        ms.len(),
        pick(0.5),
        pick(0.9),
        pick(0.99),
        ms[ms.len() - 1],
        mean
    );
}
