//! End-to-end tests of the `frontline` binary on synthetic fixtures (see fixtures/README.md).

use crate::db::{Db, fixture};

use serde_json::Value;

impl Db {
    fn observation_count(&self) -> usize {
        self.json(&["export", "--format", "geojson"])["features"]
            .as_array()
            .expect("features")
            .iter()
            .filter(|f| f["properties"]["frontline:kind"] == "observation")
            .count()
    }
}

const OBS_HEADER: &str =
    "place,date,status,party,party2,source_publisher,source_title,source_url,source_date\n";

fn state(db: &Db, date: &str) -> Vec<Value> {
    db.json(&["state", "--date", date, "--format", "json"])
        .as_array()
        .expect("an array")
        .clone()
}

fn place_state<'a>(rows: &'a [Value], place: &str) -> &'a Value {
    rows.iter()
        .find(|r| r["place"] == place)
        .expect("the place is listed")
}

#[test]
fn state_json_carries_the_documented_fields() {
    let db = Db::seeded();
    let rows = state(&db, "2014-06-15");
    assert_eq!(rows.len(), 4);
    let alpha = place_state(&rows, "alpha");
    assert_eq!(alpha["name"], "Alpha");
    // "2014-06" holds only from the month's last day.
    assert_eq!(alpha["status"], "controlled");
    assert_eq!(alpha["parties"], serde_json::json!(["red"]));
    assert_eq!(alpha["since"], "2012-03-01");
    let later = state(&db, "2014-06-30");
    let alpha = place_state(&later, "alpha");
    assert_eq!(alpha["parties"], serde_json::json!(["blue"]));
    assert_eq!(alpha["since"], "2014-06");
    assert_eq!(alpha["stale_days"], 0);
    let charlie = place_state(&later, "charlie");
    assert_eq!(charlie["status"], "joint");
    assert_eq!(charlie["parties"], serde_json::json!(["red", "green"]));
}

#[test]
fn known_at_hides_records_made_later() {
    let db = Db::seeded();
    let before = db.json(&[
        "state",
        "--date",
        "2016-01-01",
        "--known-at",
        "2000-01-01",
        "--format",
        "json",
    ]);
    assert_eq!(before, serde_json::json!([]), "nothing was known in 2000");

    // A place recorded later (and a later version of one) are not known before then.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let then = chrono::Utc::now().to_rfc3339();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let later = db.path("later_places.csv");
    std::fs::write(
        &later,
        "id,name,lon,lat,kind\nalpha,Alpha renamed,10.5,10.5,city\necho,Echo,11.2,11.2,village\n",
    )
    .expect("writes");
    db.ok(&["import", later.to_str().expect("utf-8")]);
    let names = |args: &[&str]| -> Vec<(String, String)> {
        db.json(args)
            .as_array()
            .expect("array")
            .iter()
            .map(|r| {
                let id = r.get("place").or_else(|| r.get("id")).expect("an id");
                (
                    id.as_str().expect("text").to_owned(),
                    r["name"].as_str().expect("text").to_owned(),
                )
            })
            .collect()
    };
    for (args, what) in [
        (vec!["places", "--format", "json"], "places"),
        (
            vec!["state", "--date", "2016-01-01", "--format", "json"],
            "state",
        ),
    ] {
        let mut at_then = args.clone();
        at_then.extend(["--known-at", then.as_str()]);
        let (now, before) = (names(&args), names(&at_then));
        assert!(
            now.contains(&("echo".into(), "Echo".into())),
            "{what}: {now:?}"
        );
        assert!(
            now.contains(&("alpha".into(), "Alpha renamed".into())),
            "{what}: {now:?}"
        );
        assert!(
            !before.iter().any(|(id, _)| id == "echo"),
            "{what}: {before:?}"
        );
        assert!(
            before.contains(&("alpha".into(), "Alpha".into())),
            "{what}: {before:?}"
        );
        assert_eq!(before.len() + 1, now.len(), "{what}");
    }

    // An export holds every version with its record time: a database rebuilt from it
    // answers as known at `then` as the original does (restored: import would record now).
    let history = db.write("history.geojson", db.ok(&["export", "--format", "geojson"]));
    let copy = Db::empty();
    copy.ok(&["restore", history.to_str().expect("utf-8")]);
    for args in [
        vec!["places", "--format", "json"],
        vec!["places", "--format", "json", "--known-at", then.as_str()],
    ] {
        assert_eq!(copy.json(&args), db.json(&args), "{args:?}");
    }
}

#[test]
fn reimporting_the_same_file_changes_nothing() {
    let db = Db::seeded();
    let first = db.ok(&["export", "--format", "geojson"]);
    let out = db.ok(&[
        "import",
        fixture("observations.csv").to_str().expect("utf-8"),
    ]);
    assert!(out.contains("imported 0 new records"), "{out}");
    assert_eq!(first, db.ok(&["export", "--format", "geojson"]));
}

#[test]
fn export_then_import_into_a_new_database_is_the_identity() {
    let db = Db::seeded();
    let figures = db.write(
        "figures.csv",
        "figure,value,date,source_publisher,source_title,source_url\n\
         displaced,\"1,250,000\",2016-03,Synthetic agency,Synthetic figure,https://example.org/f\n\
         killed,1234.5,2016,Synthetic monitor,Synthetic toll,\n",
    );
    db.ok(&["import", figures.to_str().expect("utf-8")]);
    let history = db.ok(&["export", "--format", "geojson"]);
    assert_eq!(history.matches(r#""frontline:kind":"figure""#).count(), 2);
    let exported = db.write("history.geojson", history);
    let copy = Db::empty();
    copy.ok(&["restore", exported.to_str().expect("utf-8")]);
    assert_eq!(
        db.ok(&["export", "--format", "geojson"]),
        copy.ok(&["export", "--format", "geojson"])
    );

    let from_csv = db.copy_through_csv();
    assert_eq!(
        db.ok(&["export", "--format", "geojson"]),
        from_csv.ok(&["export", "--format", "geojson"])
    );
}

#[test]
fn a_correction_supersedes_and_history_shows_both() {
    let db = Db::seeded();
    let history = db.json(&["history", "bravo", "--format", "json"]);
    let wrong = history
        .as_array()
        .expect("array")
        .iter()
        .find(|o| o["date"] == "2015-02-10")
        .expect("the observation")["id"]
        .as_str()
        .expect("an id")
        .to_owned();
    let fix = db.write(
        "fix.csv",
        format!("{}supersedes,note\nbravo,2015-02-10,controlled,blue,,Example Wire,Correction: Blue in Bravo,https://example.org/7,2015-03-01,{wrong},synthetic correction\n", OBS_HEADER.trim_end().to_owned() + ","),
    );
    db.ok(&["import", fix.to_str().expect("utf-8")]);
    assert_eq!(
        place_state(&state(&db, "2015-06-01"), "bravo")["parties"],
        serde_json::json!(["blue"])
    );
    let history = db.json(&["history", "bravo", "--format", "json"]);
    let old = history
        .as_array()
        .expect("array")
        .iter()
        .find(|o| o["id"] == wrong.as_str())
        .expect("kept");
    assert_eq!(old["superseded_by"].as_array().expect("array").len(), 1);
    let table = db.ok(&["history", "bravo"]);
    assert!(
        table.contains("superseded by") && table.contains("Example Wire"),
        "{table}"
    );
}

#[test]
fn places_and_parties_list_as_table_csv_and_json() {
    let db = Db::seeded();
    assert!(db.ok(&["places"]).contains("Charlie \"the <Old> & New\""));
    let csv = db.ok(&["parties", "--format", "csv"]);
    assert!(csv.starts_with("id,name,colour,kind"), "{csv}");
    assert_eq!(
        db.json(&["parties", "--format", "json"])
            .as_array()
            .expect("array")
            .len(),
        3
    );
}

#[test]
fn commands_without_a_database_say_how_to_create_one() {
    let db = Db::empty();
    let err = db.fails(&["state", "--date", "2015-01-01"]);
    assert!(err.contains("frontline init"), "{err}");
}

#[test]
fn refuses_an_unknown_place() {
    Db::seeded().refuses(
        "obs.csv",
        format!("{OBS_HEADER}alpha,2015-01-01,controlled,red,,W,T,https://e.org,2015-01-02\nnowhere,2015-01-01,controlled,red,,W,T,https://e.org,2015-01-02\n"),
        &["line 3", "\"place\"", "unknown place \"nowhere\""],
    );
}

#[test]
fn refuses_an_unknown_party() {
    Db::seeded().refuses(
        "obs.csv",
        format!("{OBS_HEADER}alpha,2015-01-01,controlled,purple,,W,T,https://e.org,2015-01-02\n"),
        &["line 2", "\"party\"", "unknown party \"purple\""],
    );
}

#[test]
fn refuses_a_date_that_does_not_parse() {
    Db::seeded().refuses(
        "obs.csv",
        format!("{OBS_HEADER}alpha,2015-02-30,controlled,red,,W,T,https://e.org,2015-01-02\n"),
        &["line 2", "\"date\"", "invalid date \"2015-02-30\""],
    );
}

#[test]
fn refuses_a_date_before_the_conflict_began() {
    Db::seeded().refuses(
        "obs.csv",
        format!("{OBS_HEADER}alpha,2010-05-01,controlled,red,,W,T,https://e.org,2010-05-02\n"),
        &["line 2", "\"date\"", "before the conflict began"],
    );
}

#[test]
fn refuses_a_date_after_today() {
    Db::seeded().refuses(
        "obs.csv",
        format!("{OBS_HEADER}alpha,2999-01-01,controlled,red,,W,T,https://e.org,2015-01-02\n"),
        &["line 2", "\"date\"", "after today"],
    );
}

#[test]
fn refuses_a_status_that_needs_two_parties_given_one() {
    Db::seeded().refuses(
        "obs.csv",
        format!("{OBS_HEADER}alpha,2015-01-01,contested,red,,W,T,https://e.org,2015-01-02\n"),
        &["line 2", "\"party2\"", "needs at least 2 parties"],
    );
}

#[test]
fn refuses_a_party_that_did_not_exist_yet() {
    Db::seeded().refuses(
        "obs.csv",
        format!("{OBS_HEADER}alpha,2012-01-01,controlled,green,,W,T,https://e.org,2012-01-02\n"),
        &["line 2", "\"party\"", "did not exist"],
    );
}

#[test]
fn refuses_coordinates_outside_the_boundary() {
    Db::seeded().refuses(
        "places.csv",
        "id,name,lon,lat,kind\nfar,Far Away,30.0,30.0,town\n",
        &["line 2", "\"lon\"", "outside the conflict's boundary"],
    );
}

#[test]
fn refuses_coordinates_that_are_not_numbers() {
    Db::seeded().refuses(
        "places.csv",
        "id,name,lon,lat,kind\necho,Echo,ten,10.5,town\n",
        &["line 2", "\"lon\"", "\"ten\" is not a number"],
    );
}

#[test]
fn refuses_duplicate_ids() {
    Db::seeded().refuses(
        "places.csv",
        "id,name,lon,lat,kind\necho,Echo,10.6,10.6,town\necho,Echo again,10.7,10.7,town\n",
        &["line 3", "\"id\"", "duplicate id \"echo\"", "line 2"],
    );
}

#[test]
fn refuses_an_observation_without_a_source() {
    Db::seeded().refuses(
        "obs.csv",
        format!("{OBS_HEADER}alpha,2015-01-01,controlled,red,,,,,\n"),
        &["line 2", "\"source_publisher\"", "needs a source"],
    );
}

#[test]
fn refuses_a_source_url_that_is_not_http() {
    Db::seeded().refuses(
        "obs.csv",
        format!(
            "{OBS_HEADER}alpha,2015-01-01,controlled,red,,W,T,javascript:alert(1),2015-01-02\n"
        ),
        &["line 2", "\"source_url\"", "not an http(s) URL"],
    );
}

#[test]
fn refuses_a_csv_with_a_missing_column() {
    Db::seeded().refuses(
        "places.csv",
        "id,name,lon,kind\necho,Echo,10.6,town\n",
        &["line 1", "missing column \"lat\""],
    );
}

#[test]
fn refuses_a_ragged_row() {
    Db::seeded().refuses(
        "places.csv",
        "id,name,lon,lat,kind\necho,Echo,10.6,10.6,town\nfoxtrot,Foxtrot,10.7\n",
        &["line 3", "ragged row", "3 fields where the header has 5"],
    );
}

#[test]
fn refuses_invalid_geojson() {
    let db = Db::seeded();
    db.refuses(
        "places.geojson",
        "{\"type\": \"FeatureCollection\", \"features\": [\n  {\"type\": \"Feature\",\n",
        &["line 3", "invalid GeoJSON"],
    );
    db.refuses(
        "regions.geojson",
        r#"{"type":"Feature","properties":{"id":"R1","name":"R","level":1},"geometry":{"type":"Polygon","coordinates":[[[10,10],[11,10],[11,11],[10,10.5]]]}}"#,
        &["feature 1", "not closed"],
    );
}

#[test]
fn refuses_a_file_that_is_not_utf8() {
    let mut bytes = b"id,name,lon,lat,kind\necho,Ech".to_vec();
    bytes.extend([0xff, 0xfe]);
    bytes.extend(b",10.6,10.6,town\n");
    Db::seeded().refuses("places.csv", bytes, &["line 2", "not valid UTF-8"]);
}

#[test]
fn refuses_an_empty_file() {
    Db::seeded().refuses("empty.csv", "", &["the file is empty"]);
}

#[test]
fn refuses_a_csv_whose_kind_cannot_be_told() {
    Db::seeded().refuses(
        "odd.csv",
        "foo,bar\n1,2\n",
        &["line 1", "cannot tell what this CSV holds"],
    );
}

#[test]
fn refuses_an_unknown_column() {
    Db::seeded().refuses(
        "places.csv",
        "id,name,lon,lat,kind,populaton\necho,Echo,10.6,10.6,town,5\n",
        &["line 1", "unknown column \"populaton\""],
    );
}

#[test]
fn a_failure_in_one_file_stores_nothing_from_the_others() {
    let db = Db::seeded();
    let good = db.write(
        "good.csv",
        "id,name,lon,lat,kind\necho,Echo,10.6,10.6,town\n",
    );
    let bad = db.write(
        "bad.csv",
        format!("{OBS_HEADER}echo,2015-01-01,controlled,nobody,,W,T,https://e.org,2015-01-02\n"),
    );
    let err = db.fails(&[
        "import",
        good.to_str().expect("utf-8"),
        bad.to_str().expect("utf-8"),
    ]);
    assert!(
        err.contains("bad.csv") && err.contains("unknown party"),
        "{err}"
    );
    assert!(!db.ok(&["places"]).contains("echo"));
}

/// A 100 MB file is read as a stream: a bad last row is found and reported by its line,
/// nothing is stored, and the process's peak memory stays far below the file's size.
#[test]
fn a_100_mb_file_is_streamed_and_refused_whole() {
    use std::io::Write as _;
    let db = Db::seeded();
    let path = db.path("big.csv");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).expect("creates"));
    out.write_all(
        b"place,date,status,party,source_publisher,source_title,source_url,source_date,note\n",
    )
    .expect("writes");
    let note = "synthetic padding ".repeat(55);
    let mut written = 0usize;
    let mut rows = 0u64;
    let start = chrono::NaiveDate::from_ymd_opt(2012, 1, 1).expect("valid");
    while written < 100 * 1024 * 1024 {
        let day = start + chrono::Duration::days((rows % 3000) as i64);
        let place = ["alpha", "bravo", "charlie", "delta"][(rows / 3000 % 4) as usize];
        let line = format!(
            "{place},{day},controlled,red,Synthetic,Row {rows},https://example.org/{rows},{day},{note}\n"
        );
        written += line.len();
        out.write_all(line.as_bytes()).expect("writes");
        rows += 1;
    }
    out.write_all(b"alpha,2015-01-01,controlled\n")
        .expect("writes");
    drop(out);
    let last_line = rows + 2;
    let (ok, err, peak_kib) = run_measuring_memory(&db, &["import", path.to_str().expect("utf-8")]);
    assert!(!ok, "the import must fail");
    assert!(
        err.contains(&format!("line {last_line}")) && err.contains("ragged row"),
        "{err}"
    );
    assert_eq!(
        db.observation_count(),
        6,
        "nothing from the big file is stored"
    );
    // Loading the file whole would take its 100 MiB and more; the store's page cache is
    // 32 MiB.
    assert!(
        peak_kib < 90 * 1024,
        "peak memory {peak_kib} KiB suggests the file was loaded whole"
    );
}

/// Runs `frontline ARGS` on `db` and returns whether it succeeded, its stderr, and its
/// own peak resident set in KiB (Linux `wait4`, so other tests' processes do not count).
#[allow(
    clippy::zombie_processes,
    reason = "the child is reaped by wait4, which also gives its rusage"
)]
fn run_measuring_memory(db: &Db, args: &[&str]) -> (bool, String, u64) {
    use std::io::Read as _;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_frontline"))
        .args(args)
        .env("FRONTLINE_DB", db.path("test.db"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut err = String::new();
    child
        .stderr
        .take()
        .expect("piped")
        .read_to_string(&mut err)
        .expect("utf-8 errors");
    let pid = libc::pid_t::try_from(child.id()).expect("a pid");
    let mut status = 0;
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: wait4 writes the status and a whole `rusage` into the pointers it is given;
    // the child is ours and not waited for elsewhere.
    let rc = unsafe { libc::wait4(pid, &mut status, 0, usage.as_mut_ptr()) };
    assert_eq!(rc, pid, "wait4 works");
    // SAFETY: initialised by the successful call above.
    let usage = unsafe { usage.assume_init() };
    let ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    (
        ok,
        err,
        u64::try_from(usage.ru_maxrss).expect("a positive size"),
    )
}

#[test]
fn stats_json_states_method_denominator_and_shares() {
    let db = Db::seeded();
    let stats = db.json(&["stats", "--date", "2016-06-01", "--format", "json"]);
    assert_eq!(stats["date"], "2016-06-01");
    assert_eq!(stats["method"]["name"], "nearest");
    assert_eq!(stats["method"]["cap_km"], 35.0);
    assert!(stats["denominator"]["area_km2"].as_f64().expect("area") > 40_000.0);
    let rows = stats["parties"].as_array().expect("rows");
    for field in [
        "id",
        "name",
        "area_km2",
        "area_pct",
        "effective_km2",
        "effective_pct",
        "population",
        "population_pct",
    ] {
        assert!(
            rows.iter().all(|r| !r[field].is_null()),
            "every row has {field}"
        );
    }
    let total: f64 = rows
        .iter()
        .map(|r| r["area_pct"].as_f64().expect("pct"))
        .sum();
    assert!((total - 100.0).abs() < 0.01, "shares sum to {total}");
    let blue = rows
        .iter()
        .find(|r| r["id"] == "blue")
        .expect("blue holds Alpha");
    assert_eq!(blue["population"], 500_000);
    let table = db.ok(&[
        "stats",
        "--date",
        "2016-06-01",
        "--cap-km",
        "none",
        "--by",
        "region",
    ]);
    assert!(
        table.contains("method: nearest (cap none") && table.contains("denominator:"),
        "{table}"
    );
}

#[test]
fn why_names_the_place_the_evidence_and_the_rule() {
    let db = Db::seeded();
    let why = db.json(&[
        "why",
        "--date",
        "2015-01-01",
        "--at",
        "10.55,10.45",
        "--format",
        "json",
    ]);
    assert_eq!(why["place"], "alpha");
    assert_eq!(why["key"], "blue");
    assert_eq!(why["rule"], "nearest");
    assert_eq!(why["evidence"]["sources"][0]["publisher"], "Example Wire");
    let err = db.fails(&["why", "--date", "2015-01-01", "--at", "30,30"]);
    assert!(err.contains("outside the conflict's boundary"), "{err}");
}

#[test]
fn diff_lists_changes_with_their_evidence() {
    let db = Db::seeded();
    let diff = db.json(&["diff", "2013-06-01", "2015-06-01", "--format", "json"]);
    let places = diff["places"].as_array().expect("places");
    let alpha = places
        .iter()
        .find(|p| p["place"] == "alpha")
        .expect("alpha changed hands");
    assert_eq!(alpha["before"]["parties"], serde_json::json!(["red"]));
    assert_eq!(alpha["after"]["parties"], serde_json::json!(["blue"]));
    assert_eq!(
        alpha["evidence"][0]["sources"][0]["title"],
        "Blue takes Alpha"
    );
    let table = db.ok(&["diff", "2013-06-01", "2015-06-01"]);
    assert!(
        table.contains("places changed hands") && table.contains("net change"),
        "{table}"
    );
}

#[test]
fn series_has_one_row_per_key_and_date() {
    let db = Db::seeded();
    let csv = db.ok(&[
        "series",
        "--from",
        "2012-01-01",
        "--to",
        "2016-01-01",
        "--step",
        "month",
    ]);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(
            "date,id,area_km2,area_pct,effective_pct,population,population_pct,events,deaths_best,deaths_low,deaths_high"
        )
    );
    let dates: std::collections::BTreeSet<&str> =
        lines.map(|l| l.split(',').next().expect("date")).collect();
    assert_eq!(dates.len(), 49, "monthly from 2012-01 to 2016-01");
}

#[test]
fn areas_and_front_lines_are_geojson() {
    let db = Db::seeded();
    let areas = db.json(&["areas", "--date", "2016-06-01"]);
    assert_eq!(areas["type"], "FeatureCollection");
    let features = areas["features"].as_array().expect("features");
    assert!(
        features
            .iter()
            .all(|f| f["geometry"]["type"] == "MultiPolygon")
    );
    assert!(features.iter().any(|f| f["properties"]["key"] == "blue"));
    let lines = db.json(&["frontlines", "--date", "2016-06-01"]);
    assert!(
        lines["features"]
            .as_array()
            .expect("features")
            .iter()
            .all(|f| f["geometry"]["type"] == "MultiLineString")
    );
}

#[test]
fn the_map_is_written_with_escaped_labels() {
    let db = Db::seeded();
    let out = db.path("map.svg");
    db.ok(&[
        "map",
        "--date",
        "2016-06-01",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    let svg = std::fs::read_to_string(&out).expect("written");
    assert!(svg.contains("Synthetic test conflict"), "the title");
    assert!(svg.contains("2016-06-01"), "the date");
    assert!(svg.contains("&lt;Old&gt; &amp; New"), "labels are escaped");
    assert!(!svg.contains("<Old>"), "no raw markup from data");
    let png = db.path("map.png");
    db.ok(&[
        "map",
        "--date",
        "2016-06-01",
        "--out",
        png.to_str().expect("utf-8"),
        "--size",
        "800x600",
        "--compare",
        "2013-01-01",
    ]);
    assert!(
        std::fs::read(&png)
            .expect("written")
            .starts_with(b"\x89PNG")
    );
}

/// The machine-readable contracts, pinned: a change here is a change for every script
/// that reads them.
#[test]
fn state_and_stats_json_contracts_are_stable() {
    let db = Db::seeded();
    let known = "2100-01-01T00:00:00Z";
    let state = db.json(&[
        "state",
        "--date",
        "2016-06-01",
        "--known-at",
        known,
        "--format",
        "json",
    ]);
    insta::assert_json_snapshot!("state_2016_06_01", state);
    let mut stats = db.json(&[
        "stats",
        "--date",
        "2016-06-01",
        "--known-at",
        known,
        "--format",
        "json",
    ]);
    // Round areas so the snapshot does not pin the last floating-point digits.
    round_numbers(&mut stats);
    insta::assert_json_snapshot!("stats_2016_06_01", stats);
}

fn round_numbers(v: &mut Value) {
    match v {
        Value::Number(n) => {
            if let Some(f) = n.as_f64().filter(|_| !n.is_i64() && !n.is_u64()) {
                *v = serde_json::json!((f * 1000.0).round() / 1000.0);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(round_numbers),
        Value::Object(o) => o.values_mut().for_each(round_numbers),
        _ => {}
    }
}

/// Runs `frontline ARGS settings` in `dir` with only the given `FRONTLINE_*` variables.
fn settings_in(
    dir: &std::path::Path,
    envs: &[(&str, &str)],
    args: &[&str],
) -> std::process::Output {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_frontline"));
    cmd.current_dir(dir);
    for var in [
        "FRONTLINE_DB",
        "FRONTLINE_USER",
        "FRONTLINE_CONFIG",
        "FRONTLINE_ADDR",
        "FRONTLINE_FRAME_ANCESTORS",
    ] {
        cmd.env_remove(var);
    }
    cmd.envs(envs.iter().copied())
        .args(args)
        .arg("settings")
        .output()
        .expect("the binary runs")
}

#[test]
fn settings_layer_defaults_a_config_file_the_environment_and_flags() {
    let dir = tempfile::tempdir().expect("temp dir");
    let settings = |envs: &[(&str, &str)], args: &[&str]| -> Value {
        let out = settings_in(dir.path(), envs, args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("JSON")
    };
    // Defaults.
    let s = settings(&[("USER", "")], &[]);
    assert_eq!(s["config"], Value::Null);
    assert_eq!(
        (
            &s["db"],
            &s["user"],
            &s["serve"]["addr"],
            &s["serve"]["frame_ancestors"]
        ),
        (
            &Value::from("frontline.db"),
            &Value::from("frontline"),
            &Value::from("127.0.0.1:8080"),
            &Value::from("*")
        )
    );
    // A config file in the working folder, over the defaults.
    std::fs::write(
        dir.path().join("frontline.toml"),
        "db = \"from-config.db\"\nuser = \"config-user\"\n\n[serve]\naddr = \"0.0.0.0:9090\"\nframe_ancestors = \"'self'\"\n",
    )
    .expect("writes");
    let s = settings(&[], &[]);
    assert_eq!(s["config"], "frontline.toml");
    assert_eq!(s["db"], "from-config.db");
    assert_eq!(s["user"], "config-user");
    assert_eq!(s["serve"]["addr"], "0.0.0.0:9090");
    assert_eq!(s["serve"]["frame_ancestors"], "'self'");
    // The environment over the config file, flags over the environment.
    let env = [
        ("FRONTLINE_DB", "from-env.db"),
        ("FRONTLINE_ADDR", "127.0.0.1:7070"),
    ];
    let s = settings(&env, &[]);
    assert_eq!(s["db"], "from-env.db");
    assert_eq!(s["user"], "config-user");
    assert_eq!(s["serve"]["addr"], "127.0.0.1:7070");
    let s = settings(&env, &["--db", "from-flag.db"]);
    assert_eq!(s["db"], "from-flag.db");
    // A config file named elsewhere.
    std::fs::write(dir.path().join("other.toml"), "user = \"other\"\n").expect("writes");
    let s = settings(&[("FRONTLINE_CONFIG", "other.toml")], &[]);
    assert_eq!(
        (&s["config"], &s["user"]),
        (&Value::from("other.toml"), &Value::from("other"))
    );
    assert_eq!(s["db"], "frontline.db");
}

#[test]
fn a_bad_config_file_is_refused_naming_the_file_the_line_and_the_key() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (text, expect) in [
        (
            "db = \"x.db\"\ndbb = 3\n",
            ["frontline.toml", "line 2", "dbb"],
        ),
        (
            "[serve]\naddr = \"nowhere\"\n",
            ["frontline.toml", "line 2", "addr"],
        ),
        (
            "[serve]\nframe_ancestors = \"* ; script-src *\"\n",
            ["frontline.toml", "frame_ancestors", "script-src"],
        ),
    ] {
        std::fs::write(dir.path().join("frontline.toml"), text).expect("writes");
        let out = settings_in(dir.path(), &[], &[]);
        assert!(!out.status.success(), "{text:?} is refused");
        let err = String::from_utf8_lossy(&out.stderr);
        for e in expect {
            assert!(err.contains(e), "{text:?}: {e:?} not in {err}");
        }
    }
    let out = settings_in(dir.path(), &[], &["--config", "missing.toml"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && err.contains("missing.toml"),
        "{err}"
    );
}

#[test]
fn a_malformed_date_is_refused_saying_what_was_expected() {
    let err = Db::empty().fails(&["stats", "--date", "2015-1-1"]);
    assert!(
        err.contains("--date") && err.contains("YYYY-MM-DD"),
        "{err}"
    );
    assert!(!err.contains("InputError"), "{err}");
}
