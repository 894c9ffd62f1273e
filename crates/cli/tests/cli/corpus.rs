//! The malformed-input corpus (tests/corpus/malformed, issue 12 item 7): every file is
//! refused with the error its manifest names, the error names the file, shows no control
//! character and no overlong line, and nothing is stored. One shared database for all.

use std::path::{Path, PathBuf};

use crate::db::Db;

/// The corpus folder.
fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/malformed")
}

/// The rows of every table of the database: what an import that stores nothing leaves.
pub(crate) fn stored_rows(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).expect("the database opens");
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .expect("prepares")
        .query_map([], |r| r.get(0))
        .expect("lists tables")
        .collect::<Result<_, _>>()
        .expect("reads names");
    tables
        .iter()
        .map(|t| {
            conn.query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| {
                r.get::<_, i64>(0)
            })
            .expect("counts")
        })
        .sum()
}

/// What is wrong with an error message shown to a person, if anything: a control character
/// (a terminal escape, a bell, a NUL) or a line too long to read.
fn unreadable(err: &str) -> Option<String> {
    if let Some(c) = err.chars().find(|c| c.is_control() && *c != '\n') {
        return Some(format!("a control character {c:?}"));
    }
    err.lines()
        .find(|l| l.chars().count() > 700)
        .map(|l| format!("a line of {} characters", l.chars().count()))
}

#[test]
fn every_file_of_the_malformed_corpus_is_refused_as_its_manifest_says() {
    let db = Db::seeded();
    // One region, so that a region must be known, and one stored event, so that a GED
    // file can give its id with other content.
    let seed = |name: &str| corpus().join("..").join(name);
    db.ok(&[
        "import",
        seed("regions-seed.geojson").to_str().expect("utf-8"),
    ]);
    db.ok(&[
        "import",
        "--format",
        "ucdp-ged",
        seed("ged-seed.csv").to_str().expect("utf-8"),
    ]);
    let stored = stored_rows(&db.path("test.db"));
    let mut manifest = csv::Reader::from_path(corpus().join("cases.csv")).expect("the manifest");
    let mut failures = Vec::new();
    let mut count = 0;
    for row in manifest.records() {
        let row = row.expect("a manifest row");
        let (name, command, expect) = (&row[0], &row[1], &row[2]);
        count += 1;
        let file = corpus().join("files").join(name);
        let file_arg = file.to_str().expect("utf-8");
        let mut args: Vec<&str> = command.split(' ').collect();
        let fresh = db.path("fresh.db");
        let out = if args == ["init"] {
            args.extend([
                "--name",
                "Refused",
                "--boundary",
                file_arg,
                "--start",
                "2011-03-15",
            ]);
            db.run_on(&fresh, &args)
        } else {
            args.push(file_arg);
            db.run(&args)
        };
        let err = String::from_utf8_lossy(&out.stderr);
        let mut wrong = Vec::new();
        if out.status.success() {
            wrong.push("it was accepted".to_owned());
        }
        if !err.contains(name) {
            wrong.push("the error does not name the file".to_owned());
        }
        if !err.contains(expect) {
            wrong.push(format!("the error does not say {expect:?}"));
        }
        if let Some(what) = unreadable(&err) {
            wrong.push(format!("the error holds {what}"));
        }
        if fresh.exists() {
            wrong.push("a refused init left a database".to_owned());
        }
        if stored_rows(&db.path("test.db")) != stored {
            wrong.push("something was stored".to_owned());
        }
        if !wrong.is_empty() {
            let shown: String = err.chars().take(600).collect();
            failures.push(format!("{name}: {}\n    {shown:?}", wrong.join("; ")));
        }
    }
    assert!(count >= 100, "the corpus holds {count} cases");
    let files = std::fs::read_dir(corpus().join("files"))
        .expect("the files")
        .count();
    assert_eq!(
        files, count,
        "every file of the corpus has a row in cases.csv"
    );
    assert!(
        failures.is_empty(),
        "{} of {count} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
