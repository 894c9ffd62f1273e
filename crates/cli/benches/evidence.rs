//! Benchmark (issue 2): import 1,000,000 observations of 10,000 places, and resolve the
//! state of all places at a date, each next to the same work done by SQLite with plain
//! SQL (the reference), as a ratio. Synthetic data, generated here.
//!
//! Run: `cargo bench -p frontline --bench evidence` (builds the release binary).

#![allow(clippy::print_stdout, clippy::unwrap_used)]

use std::io::Write as _;
mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{NaiveDate, Utc};
use common::{Rng, median, ms, p};
use frontline_model::{StateQuery, Timeline};
use frontline_store::{SqliteStore, Store};

const PLACES: usize = 10_000;
const OBSERVATIONS: usize = 1_000_000;
/// Observations imported afterwards into the database holding the first million.
const MORE: usize = 200_000;
const PARTIES: [&str; 5] = ["red", "blue", "green", "black", "grey"];

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    generate(dir);
    let db = dir.join("bench.db");
    let frontline = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_frontline"))
            .args(args)
            .env("FRONTLINE_DB", &db)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    frontline(&[
        "init",
        "--name",
        "Synthetic benchmark",
        "--boundary",
        p(&dir.join("boundary.geojson")),
        "--start",
        "2011-01-01",
    ]);
    frontline(&[
        "import",
        p(&dir.join("parties.csv")),
        p(&dir.join("places.csv")),
    ]);

    // Import: the frontline binary (parse, validate, content ids, dedupe, append).
    let t = Instant::now();
    frontline(&["import", p(&dir.join("observations.csv"))]);
    let ours = t.elapsed();

    // Reference: the same rows into SQLite by plain INSERTs, no validation.
    let reference = reference_import(dir, "observations.csv");

    println!("# Evidence store benchmark ({OBSERVATIONS} observations of {PLACES} places)");
    println!();
    println!("| work | frontline | SQLite reference | ratio (reference / frontline) |");
    println!("|---|---|---|---|");
    import_row("import", OBSERVATIONS, ours, reference);

    // State at a date: load once (cold), then resolve warm; against one SQL query.
    let store = SqliteStore::open(&db).unwrap();
    let t = Instant::now();
    let places: Vec<_> = store.places().unwrap().into_iter().map(|p| p.id).collect();
    let timeline = Timeline::new(places, store.observations().unwrap());
    let load = t.elapsed();
    let query = StateQuery {
        on: NaiveDate::from_ymd_opt(2017, 12, 13).unwrap(),
        known_at: Utc::now(),
    };
    let warm = median(20, || {
        let states = timeline.resolve(query);
        assert_eq!(states.len(), PLACES);
    });
    let sql = median(5, || {
        let n = sql_state(&store, query);
        assert_eq!(n, PLACES);
    });
    println!(
        "| state of all places at a date (warm) | {:.2} ms | {:.2} ms (one SQL query with a window function) | {:.0} |",
        ms(warm),
        ms(sql),
        sql.as_secs_f64() / warm.as_secs_f64()
    );
    println!(
        "| loading the timeline (cold, once) | {:.2} s | | |",
        load.as_secs_f64()
    );

    drop((timeline, store));

    // More evidence for a database that already holds a million observations: too few
    // rows for a bulk load, so indexes are kept up to date row by row.
    let t = Instant::now();
    frontline(&["import", p(&dir.join("more.csv"))]);
    let more = t.elapsed();
    let more_reference = reference_import(dir, "more.csv");
    import_row(
        &format!("import {MORE} more into it (row by row)"),
        MORE,
        more,
        more_reference,
    );
}

/// A table row: `rows` imported by Frontline in `ours` and by plain INSERTs (no checks) in
/// `reference`, and their ratio.
fn import_row(work: &str, rows: usize, ours: Duration, reference: Duration) {
    let per_s = |d: Duration| rows as f64 / d.as_secs_f64();
    println!(
        "| {work} | {:.2} s ({:.0} obs/s) | {:.2} s ({:.0} rows/s, plain INSERT, no checks) | {:.2} |",
        ours.as_secs_f64(),
        per_s(ours),
        reference.as_secs_f64(),
        per_s(reference),
        reference.as_secs_f64() / ours.as_secs_f64()
    );
}

fn generate(dir: &Path) {
    std::fs::write(
        dir.join("boundary.geojson"),
        r#"{"type":"Polygon","coordinates":[[[35.0,32.0],[42.0,32.0],[42.0,37.5],[35.0,37.5],[35.0,32.0]]]}"#,
    )
    .unwrap();
    let mut parties = String::from("id,name,colour\n");
    for (i, id) in PARTIES.iter().enumerate() {
        parties.push_str(&format!(
            "{id},Synthetic party {id},#{:02x}{:02x}{:02x}\n",
            i * 40,
            255 - i * 40,
            i * 20
        ));
    }
    std::fs::write(dir.join("parties.csv"), parties).unwrap();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut places =
        std::io::BufWriter::new(std::fs::File::create(dir.join("places.csv")).unwrap());
    writeln!(places, "id,name,lon,lat,kind,population").unwrap();
    for i in 0..PLACES {
        let lon = 35.1 + (rng.next() % 68_000) as f64 / 10_000.0;
        let lat = 32.1 + (rng.next() % 53_000) as f64 / 10_000.0;
        writeln!(
            places,
            "p{i},Place {i},{lon:.4},{lat:.4},village,{}",
            rng.next() % 50_000
        )
        .unwrap();
    }
    drop(places);
    observations(
        &dir.join("observations.csv"),
        OBSERVATIONS,
        "Report",
        &mut rng,
    );
    observations(&dir.join("more.csv"), MORE, "Follow-up", &mut rng);
}

/// `n` observations: each place observed once per 49-day round, so that no two rows of a
/// file are the same; `title` tells files apart.
fn observations(path: &Path, n: usize, title: &str, rng: &mut Rng) {
    let mut obs = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(
        obs,
        "place,date,status,party,source_publisher,source_title,source_url,source_date"
    )
    .unwrap();
    let start = NaiveDate::from_ymd_opt(2011, 3, 15).unwrap();
    for i in 0..n {
        let place = i % PLACES;
        let round = (i / PLACES) as i64;
        let day = start + chrono::Duration::days(round * 49 + (rng.next() % 49) as i64);
        let party = PARTIES[(rng.next() % PARTIES.len() as u64) as usize];
        let source = i % 5_000;
        writeln!(obs, "p{place},{day},controlled,{party},Synthetic wire,{title} {source},https://example.org/{source},{day}").unwrap();
    }
}

/// Puts the rows of `file` into the reference database (made on first use) with plain
/// prepared INSERTs into an indexed table, in one transaction.
fn reference_import(dir: &Path, file: &str) -> Duration {
    let mut conn = rusqlite::Connection::open(dir.join("reference.db")).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    conn.pragma_update(None, "synchronous", "NORMAL").unwrap();
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS obs (place TEXT, date TEXT, status TEXT, party TEXT, publisher TEXT, title TEXT, url TEXT, source_date TEXT);
         CREATE INDEX IF NOT EXISTS obs_place ON obs (place, date);",
    )
    .unwrap();
    let t = Instant::now();
    let mut reader = csv::Reader::from_path(dir.join(file)).unwrap();
    let tx = conn.transaction().unwrap();
    {
        let mut stmt = tx
            .prepare("INSERT INTO obs VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
            .unwrap();
        let mut row = csv::StringRecord::new();
        while reader.read_record(&mut row).unwrap() {
            stmt.execute(rusqlite::params![
                &row[0], &row[1], &row[2], &row[3], &row[4], &row[5], &row[6], &row[7]
            ])
            .unwrap();
        }
    }
    tx.commit().unwrap();
    t.elapsed()
}

/// The state of every place with plain SQL: the latest observation per place whose
/// start is on or before the date, recorded by the record time and not superseded then.
fn sql_state(store: &SqliteStore, q: StateQuery) -> usize {
    let day = (q.on - NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()).num_days();
    let k = q.known_at.timestamp_micros();
    let mut stmt = store
        .connection()
        .prepare_cached(
            "SELECT place, status, parties FROM (
               SELECT place, status, parties, row_number() OVER (PARTITION BY place ORDER BY holds_from DESC, confidence DESC, seq DESC) AS n
               FROM observations o
               WHERE holds_from <= ?1 AND recorded_at <= ?2
                 AND NOT EXISTS (SELECT 1 FROM supersessions s WHERE s.superseded = o.id AND s.recorded_at <= ?2)
             ) WHERE n = 1",
        )
        .unwrap();
    let rows = stmt
        .query_map(rusqlite::params![day, k], |r| r.get::<_, String>(0))
        .unwrap();
    rows.count()
}
