//! Benchmark (issue 7): import the mid-2017 Wikipedia module (~6,200 marks) and the
//! 16,566-event UCDP GED file through the release binary, each into a fresh database
//! holding the built-in Syria data. Beside each, the in-process reading alone (parse and
//! match; parse and check), and for GED the reference: the same rows inserted into
//! SQLite by plain SQL in one transaction.
//!
//! Run: `FRONTLINE_SHARED_DATA=/path/to/shared/data cargo bench -p frontline --bench importers`

#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::Utc;
use frontline_formats::{Defaults, GedEvents, MarkMapping, ModuleContext};
use frontline_model::{Catalog, Confidence, PartialDate, PartyId, Source, Stance};
use frontline_store::{SqliteStore, Store};

const RUNS: usize = 5;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn frontline(db: &Path, args: &[&str]) -> Duration {
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_frontline"))
        .args(args)
        .env("FRONTLINE_DB", db)
        .output()
        .unwrap();
    let took = start.elapsed();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    took
}

/// A fresh database with the built-in Syria data.
fn fresh(dir: &Path, n: usize) -> PathBuf {
    let db = dir.join(format!("bench-{n}.db"));
    frontline(&db, &["init"]);
    db
}

fn main() {
    let Some(shared) = std::env::var_os("FRONTLINE_SHARED_DATA").map(PathBuf::from) else {
        eprintln!(
            "SKIPPED: FRONTLINE_SHARED_DATA is not set; the importer benchmark reads the shared module and GED file"
        );
        return;
    };
    let module = shared.join("control/wikipedia_syria_detailed_map_mid2017.lua");
    let ged = shared.join("events/ucdp_ged_syria_2016-01_2019-11_full.csv.gz");
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let m = module.to_str().unwrap();
    let g = ged.to_str().unwrap();

    let module_cli = median(
        (0..RUNS)
            .map(|i| {
                let db = fresh(dir, i);
                frontline(
                    &db,
                    &[
                        "import",
                        "--format",
                        "wikipedia-module",
                        m,
                        "--date",
                        "2017-07-15",
                        "--skip-bad",
                    ],
                )
            })
            .collect(),
    );
    let ged_cli = median(
        (0..RUNS)
            .map(|i| {
                let db = fresh(dir, 100 + i);
                frontline(&db, &["import", "--format", "ucdp-ged", g])
            })
            .collect(),
    );

    // In process: reading and matching the module against the built-in places.
    let store = SqliteStore::open(&fresh(dir, 200)).unwrap();
    let places = store.places().unwrap();
    let conflict = store.conflict().unwrap().unwrap();
    let mut catalog = Catalog::new(Some(&conflict), Utc::now().date_naive());
    let parties = store.parties().unwrap();
    for p in &parties {
        catalog.admit_party(p.clone());
    }
    let exists =
        |id: &PartyId, on: PartialDate| parties.iter().any(|p| &p.id == id && p.exists_during(on));
    let check = |p: &frontline_model::Place| catalog.check_place(p);
    let date = PartialDate::parse("2017-07-15").unwrap();
    let context = ModuleContext {
        date,
        source: Source {
            publisher: "Wikipedia".into(),
            title: "bench".into(),
            url: None,
            published: Some(date),
            stance: Stance::Neutral,
        },
        confidence: Confidence::Low,
        defaults: Defaults {
            recorded_at: Utc::now(),
            recorded_by: "bench".into(),
        },
        places: &places,
        exists: &exists,
        check_place: &check,
    };
    let mapping = MarkMapping::syria();
    let mut marks = 0;
    let module_read = median(
        (0..RUNS)
            .map(|_| {
                let start = Instant::now();
                let read = frontline_formats::read_module(&module, &mapping, &context).unwrap();
                marks = read.records.len();
                start.elapsed()
            })
            .collect(),
    );

    // In process: reading and checking the GED events.
    let mut events = 0;
    let ged_read = median(
        (0..RUNS)
            .map(|_| {
                let start = Instant::now();
                events = 0;
                for event in GedEvents::open(&ged).unwrap() {
                    event.unwrap();
                    events += 1;
                }
                start.elapsed()
            })
            .collect(),
    );

    let ged_sql = plain_sql_insert(dir, &ged);

    println!("importers (issue 7), median of {RUNS} runs, release build");
    println!(
        "wikipedia module, CLI import into a fresh Syria database: {} ({marks} records)",
        ms(module_cli)
    );
    println!(
        "wikipedia module, read + map + match in process:       {}",
        ms(module_read)
    );
    println!(
        "UCDP GED, CLI import into a fresh Syria database:        {} ({events} events)",
        ms(ged_cli)
    );
    println!(
        "UCDP GED, read + check in process:                       {}",
        ms(ged_read)
    );
    println!(
        "UCDP GED, reference: plain SQL insert of the raw rows:   {}",
        ms(ged_sql)
    );
    println!(
        "UCDP GED, CLI import / plain SQL: {:.2}x",
        ged_cli.as_secs_f64() / ged_sql.as_secs_f64()
    );
}

/// Reference: the GED rows into SQLite by plain SQL (all 41 columns as text, one
/// transaction, no checks), median of the runs.
fn plain_sql_insert(dir: &Path, ged: &Path) -> Duration {
    median(
        (0..RUNS)
            .map(|i| {
                let mut conn =
                    rusqlite::Connection::open(dir.join(format!("plain-{i}.db"))).unwrap();
                conn.pragma_update(None, "journal_mode", "WAL").unwrap();
                conn.pragma_update(None, "synchronous", "NORMAL").unwrap();
                let start = Instant::now();
                let file = std::fs::File::open(ged).unwrap();
                let mut csv = csv::Reader::from_reader(flate2::read::MultiGzDecoder::new(
                    std::io::BufReader::new(file),
                ));
                let header = csv.headers().unwrap().clone();
                let columns: Vec<String> = header.iter().map(|h| format!("\"{h}\" TEXT")).collect();
                conn.execute(&format!("CREATE TABLE ged ({})", columns.join(", ")), [])
                    .unwrap();
                let holes = vec!["?"; header.len()].join(", ");
                let tx = conn.transaction().unwrap();
                {
                    let mut stmt = tx
                        .prepare(&format!("INSERT INTO ged VALUES ({holes})"))
                        .unwrap();
                    for row in csv.records() {
                        let row = row.unwrap();
                        stmt.execute(rusqlite::params_from_iter(row.iter()))
                            .unwrap();
                    }
                }
                tx.commit().unwrap();
                start.elapsed()
            })
            .collect(),
    )
}
