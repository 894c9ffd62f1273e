//! The built-in Syria data set: it loads, it validates, and it agrees with the table of
//! known facts in data/syria/facts.csv, checked through the public CLI.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use crate::db::Db;

use chrono::{NaiveDate, Utc};
use frontline_atlas::Atlas;
use frontline_model::StateQuery;
use frontline_store::SqliteStore;

use serde_json::Value;

#[test]
fn init_loads_the_built_in_syria_data_and_is_idempotent() {
    let s = Db::syria();
    let again = s.ok(&["init"]);
    assert!(again.contains("already initialised"), "{again}");
    let places = s.json(&["places", "--format", "json"]);
    assert!(places.as_array().expect("array").len() > 250);
    let parties = s.json(&["parties", "--format", "json"]);
    for id in [
        "government",
        "opposition",
        "sna",
        "turkey",
        "nusra",
        "hts",
        "ypg",
        "sdf",
        "isis",
        "coalition",
        "new-authorities",
    ] {
        assert!(
            parties
                .as_array()
                .expect("array")
                .iter()
                .any(|p| p["id"] == id),
            "party {id} is missing"
        );
    }
}

#[test]
fn every_built_in_observation_is_sourced_dated_and_placed_inside_syria() {
    let s = Db::syria();
    let history = s.json(&["export", "--format", "geojson"]);
    let today = chrono::Utc::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    let features = history["features"].as_array().expect("features");
    let areas: Vec<&str> = features
        .iter()
        .filter(|f| f["properties"]["frontline:kind"] == "area")
        .filter_map(|f| f["properties"]["id"].as_str())
        .collect();
    let mut observations = 0;
    for f in features {
        let p = &f["properties"];
        if p["frontline:kind"] != "observation" {
            continue;
        }
        observations += 1;
        assert!(
            p["source_publisher"].is_string() && p["source_url"].is_string(),
            "unsourced: {p}"
        );
        let date = p["date"].as_str().expect("a date");
        assert!(
            date >= "2011" && date <= today.as_str(),
            "date out of range: {p}"
        );
        // An observation is drawn at its place; one about an area has no point.
        assert!(
            f["geometry"]["type"] == "Point"
                || p["place"].as_str().is_some_and(|a| areas.contains(&a)),
            "an observation of an unknown place or area: {p}"
        );
    }
    assert!(observations >= 300, "only {observations} observations");
}

#[test]
fn the_known_facts_hold_through_the_cli() {
    let facts_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/syria/facts.csv");
    let mut reader = csv::Reader::from_path(&facts_path).expect("facts.csv");
    let mut by_date: BTreeMap<String, Vec<csv::StringRecord>> = BTreeMap::new();
    for row in reader.records() {
        let row = row.expect("a row");
        by_date.entry(row[1].to_owned()).or_default().push(row);
    }
    assert!(
        by_date.values().map(Vec::len).sum::<usize>() >= 35,
        "at least 35 facts"
    );
    let s = Db::syria();
    // The states of every date are read from the database `init` made through the atlas
    // the CLI answers with (one load, not one process per date: there are ~200 dates);
    // that the CLI prints the atlas's answer is checked on the first date.
    let store = SqliteStore::open(&s.path("test.db")).expect("opens the database");
    let atlas = Atlas::load(&store).expect("loads");
    let known_at = Utc::now();
    let mut failures = Vec::new();
    for (i, (date, facts)) in by_date.iter().enumerate() {
        let on = NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("a day");
        let state =
            serde_json::to_value(atlas.state(StateQuery { on, known_at })).expect("serialises");
        if i == 0 {
            let printed = s.json(&["state", "--date", date, "--format", "json"]);
            assert_eq!(printed, state, "the CLI prints the atlas's state on {date}");
        }
        for fact in facts {
            let (place, status, parties) = (&fact[0], &fact[2], &fact[3]);
            let Some(row) = state
                .as_array()
                .expect("array")
                .iter()
                .find(|r| r["place"] == place)
            else {
                failures.push(format!("{place} {date}: no such place"));
                continue;
            };
            let mut got: Vec<&str> = row["parties"]
                .as_array()
                .expect("array")
                .iter()
                .filter_map(Value::as_str)
                .collect();
            got.sort_unstable();
            let mut want: Vec<&str> = parties.split(';').filter(|p| !p.is_empty()).collect();
            want.sort_unstable();
            if row["status"] != status || got != want {
                failures.push(format!(
                    "{place} on {date}: expected {status} {want:?}, got {} {got:?}",
                    row["status"]
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "facts that do not hold:\n{}",
        failures.join("\n")
    );
}

#[test]
fn the_built_in_history_exports_and_imports_into_a_new_database_unchanged() {
    let s = Db::syria();
    let exported = s.ok(&["export", "--format", "geojson"]);
    let path = s.dir.path().join("syria-history.geojson");
    std::fs::write(&path, &exported).expect("writes");
    let copy = tempfile::tempdir().expect("a temp dir");
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_frontline"))
            .args(args)
            .env("FRONTLINE_DB", copy.path().join("copy.db"))
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    };
    run(&["restore", path.to_str().expect("utf-8")]);
    assert_eq!(run(&["export", "--format", "geojson"]), exported);
}

#[test]
fn the_built_in_area_evidence_applies_to_the_places_inside() {
    let s = Db::syria();
    // Hamouriyah is one of the Eastern Ghouta towns the siege article lists; the area's
    // observations are in its history, and the April 2018 one decides in May 2018.
    let history = s.json(&["history", "hamouriyah", "--format", "json"]);
    let from_area: Vec<&Value> = history
        .as_array()
        .expect("array")
        .iter()
        .filter(|e| e["area"] == "area-eastern-ghouta")
        .collect();
    assert!(from_area.len() >= 2, "{history}");
    let state = s.json(&["state", "--date", "2018-05-15", "--format", "json"]);
    let row = state
        .as_array()
        .expect("array")
        .iter()
        .find(|r| r["place"] == "hamouriyah")
        .expect("listed");
    assert_eq!(row["parties"], serde_json::json!(["government"]), "{row}");
}

#[test]
fn a_succession_is_listed_apart_and_never_as_a_change_of_hands() {
    // The SNA succeeded Turkish-backed opposition groups on 30 December 2017
    // (data/syria/parties.csv: sna successor_of opposition).
    let s = Db::syria();
    let diff = s.json(&["diff", "2017-12-01", "2018-01-15", "--format", "json"]);
    let names = |key: &str| -> Vec<String> {
        diff[key]
            .as_array()
            .expect("array")
            .iter()
            .filter(|c| {
                c["before"]["parties"] == serde_json::json!(["opposition"])
                    && c["after"]["parties"] == serde_json::json!(["sna"])
            })
            .map(|c| c["place"].as_str().expect("id").to_owned())
            .collect()
    };
    assert!(
        names("reorganised").contains(&"azaz".to_owned()),
        "{}",
        diff["reorganised"]
    );
    assert!(names("places").is_empty(), "{:?}", names("places"));
    let balance = diff["balance"].as_array().expect("array");
    assert!(
        balance.iter().all(|b| b["id"] != "sna"),
        "no SNA gain: {balance:?}"
    );
    let table = s.ok(&["diff", "2017-12-01", "2018-01-15"]);
    assert!(
        table.contains("reorganised, not changes of hands: ")
            && table.contains("opposition became sna"),
        "{table}"
    );
}
