//! The kill -9 import trial (issue 12 item 7): an import killed with SIGKILL at some
//! point leaves the SQLite database intact (`PRAGMA integrity_check`) holding either none
//! of the import or all of it, and the next import of the same file takes it whole.
//!
//! Two trials by default; `FRONTLINE_KILL_TRIALS` and `FRONTLINE_KILL_ROWS` ask for more
//! (scripts/bench/kill9.sh).

use std::fmt::Write as _;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::corpus::stored_rows;
use crate::db::Db;

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// `rows` observations of the fixture's places, each its own (the note differs).
fn observations(rows: u64) -> String {
    let mut csv = String::from(
        "place,date,status,party,source_publisher,source_title,source_url,source_date,note\n",
    );
    let places = ["alpha", "bravo", "charlie", "delta"];
    for i in 0..rows {
        let day = 1 + i % 28;
        let month = 1 + (i / 28) % 12;
        let year = 2015 + (i / 336) % 8;
        let place = places[usize::try_from(i % 4).expect("small")];
        writeln!(
            csv,
            "{place},{year}-{month:02}-{day:02},controlled,red,Trial Wire,Row {i},https://example.org/t/{i},{year}-{month:02}-{day:02},trial row {i}"
        )
        .expect("writes to a string");
    }
    csv
}

fn integrity(db: &std::path::Path) -> String {
    let conn = rusqlite::Connection::open(db).expect("opens");
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("checks")
}

#[test]
fn an_import_killed_at_any_point_stores_all_of_it_or_nothing() {
    let trials = env_number("FRONTLINE_KILL_TRIALS", 2);
    let rows = env_number("FRONTLINE_KILL_ROWS", 40_000);
    let db = Db::seeded();
    let file = db.write("trial.csv", observations(rows));
    let database = db.path("test.db");
    let before = stored_rows(&database);
    let mut outcomes = Vec::new();
    for trial in 0..trials {
        // Kill points spread over the first seconds of the import: while the file is read
        // and checked, while rows are written, and (on a fast machine) at the commit.
        let after = Duration::from_millis(150 + (trial * 617) % 2_500);
        let mut child = Command::new(env!("CARGO_BIN_EXE_frontline"))
            .args(["import", file.to_str().expect("utf-8")])
            .env("FRONTLINE_DB", &database)
            .env("FRONTLINE_USER", "tester")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the import starts");
        let started = Instant::now();
        let mut finished = None;
        while started.elapsed() < after {
            if let Some(status) = child.try_wait().expect("waits") {
                finished = Some(status);
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        if finished.is_none() {
            // SIGKILL: no destructor, no rollback by the process itself.
            child.kill().expect("kills");
        }
        child.wait().expect("reaps");
        assert_eq!(integrity(&database), "ok", "trial {trial}");
        let now = stored_rows(&database);
        let whole = now != before;
        outcomes.push((after, finished.is_some(), whole));
        if whole {
            // All of it: the next trial would only find it stored; the rows are counted by
            // the one import that must finish below.
            assert!(
                now > before + i64::try_from(rows).expect("small"),
                "trial {trial}: {now} rows, from {before}: part of an import was stored"
            );
            return check_whole(&db, rows, &outcomes);
        }
    }
    // Nothing of the killed imports is stored; one run to the end takes the file whole.
    db.ok(&["import", file.to_str().expect("utf-8")]);
    check_whole(&db, rows, &outcomes);
}

fn check_whole(db: &Db, rows: u64, outcomes: &[(Duration, bool, bool)]) {
    let database = db.path("test.db");
    assert_eq!(integrity(&database), "ok");
    let stats = db.json(&["history", "alpha", "--format", "json"]);
    let trial_rows = stats
        .as_array()
        .expect("an array")
        .iter()
        .filter(|e| {
            e["note"]
                .as_str()
                .is_some_and(|n| n.starts_with("trial row"))
        })
        .count();
    assert_eq!(
        u64::try_from(trial_rows).expect("small"),
        rows.div_ceil(4),
        "alpha's trial rows, all of them once: {outcomes:?}"
    );
    // What the trials did, for scripts/bench/kill9.sh (shown with --nocapture).
    #[allow(clippy::print_stderr)]
    {
        eprintln!(
            "kill -9 trials (kill after, finished before the kill, stored whole): {outcomes:?}"
        );
    }
}
