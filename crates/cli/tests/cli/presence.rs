//! The presence layer (issue 19): foreign forces' sites, imported, exported and restored as
//! they were, loaded by `init` for Syria, and never changing control.

use crate::db::Db;

const HEADER: &str = "force,site,place,lon,lat,kind,valid_from,valid_until,source_publisher,source_title,source_url,source_date,confidence,note\n";

pub(crate) fn sites(db: &Db) -> std::path::PathBuf {
    db.write(
        "presence.csv",
        format!(
            "{HEADER}red,Alpha air base,alpha,,,air_base,2015-09,,Synthetic Wire,A base at Alpha,https://example.org/p1,2015-10-01,high,\"synthetic, with a note\"\n\
             blue,\"Post \"\"east\"\" of Bravo\",,11.6,10.55,observation_post,2017-10-13,2020-11,Synthetic Wire,,https://example.org/p2,2017-10-20,low,\n"
        ),
    )
}

#[test]
fn presence_rows_import_once_and_restore_through_geojson_and_csv() {
    let db = Db::seeded();
    let state_before = db.ok(&["state", "--date", "2018-01-01", "--format", "json"]);
    // The statistics without their record time ("now", which moves).
    let stats = |db: &Db| {
        let mut v = db.json(&["stats", "--date", "2018-01-01", "--format", "json"]);
        v.as_object_mut().expect("an object").remove("known_at");
        v
    };
    let stats_before = stats(&db);
    let file = sites(&db);
    let out = db.ok(&["import", file.to_str().expect("utf-8")]);
    assert!(out.contains("2 presence records"), "{out}");
    let again = db.ok(&["import", file.to_str().expect("utf-8")]);
    assert!(again.contains("imported 0 new records"), "{again}");
    // Presence is not control: the state and the statistics are what they were.
    assert_eq!(
        state_before,
        db.ok(&["state", "--date", "2018-01-01", "--format", "json"])
    );
    assert_eq!(stats_before, stats(&db));

    let history = db.ok(&["export", "--format", "geojson"]);
    assert_eq!(history.matches(r#""frontline:kind":"presence""#).count(), 2);
    let exported = db.write("history.geojson", &history);
    let copy = Db::empty();
    copy.ok(&["restore", exported.to_str().expect("utf-8")]);
    assert_eq!(history, copy.ok(&["export", "--format", "geojson"]));
    let from_csv = db.copy_through_csv();
    assert!(db.path("csv-export/presence.csv").exists());
    assert_eq!(history, from_csv.ok(&["export", "--format", "geojson"]));
}

#[test]
fn a_presence_correction_supersedes_and_an_unknown_one_is_refused() {
    let db = Db::seeded();
    db.ok(&["import", sites(&db).to_str().expect("utf-8")]);
    let folder = db.path("out");
    db.ok(&[
        "export",
        "--format",
        "csv",
        "--out",
        folder.to_str().expect("utf-8"),
    ]);
    let exported = std::fs::read_to_string(folder.join("presence.csv")).expect("written");
    let first_id = exported
        .lines()
        .nth(1)
        .and_then(|l| l.split(',').next())
        .expect("an id")
        .to_owned();
    let fix = db.write(
        "fix.csv",
        format!(
            "force,site,place,kind,valid_from,source_publisher,source_title,source_url,supersedes,source_date\n\
             red,Alpha air base,alpha,air_base,2015-08,Synthetic Wire,Correction,https://example.org/p3,{first_id},2016-01-01\n"
        ),
    );
    db.ok(&["import", fix.to_str().expect("utf-8")]);
    let history = db.ok(&["export", "--format", "geojson"]);
    assert_eq!(history.matches(r#""frontline:kind":"presence""#).count(), 3);
    assert!(
        history.contains(&format!(r#""supersedes":"{first_id}""#)),
        "{history}"
    );
    db.refuses(
        "bad.csv",
        "force,site,place,kind,valid_from,source_publisher,source_title,source_url,supersedes,source_date\n\
         red,Alpha air base,alpha,air_base,2015-07,Synthetic Wire,Correction,https://example.org/p4,00000000deadbeef,2016-01-01\n",
        &["line 2", "field \"supersedes\"", "unknown presence record"],
    );
    // A force must be a known party.
    db.refuses(
        "nobody.csv",
        format!("{HEADER}purple,Somewhere,alpha,,,base,2016,,Synthetic Wire,A,https://example.org/x,,,\n"),
        &["line 2", "field \"force\"", "unknown party \"purple\""],
    );
}

#[test]
fn init_loads_the_syria_presence_sites() {
    let db = Db::syria();
    let folder = db.path("out");
    db.ok(&[
        "export",
        "--format",
        "csv",
        "--out",
        folder.to_str().expect("utf-8"),
    ]);
    let mut rows = csv::Reader::from_path(folder.join("presence.csv")).expect("written");
    let headers = rows.headers().expect("a header").clone();
    let force = headers.iter().position(|h| h == "force").expect("force");
    let url = headers.iter().position(|h| h == "source_url").expect("url");
    let records: Vec<csv::StringRecord> = rows.records().map(|r| r.expect("a row")).collect();
    assert_eq!(records.len(), 39);
    assert!(
        records.iter().all(|r| r[url].starts_with("http")),
        "every row is sourced"
    );
    for f in [
        "russia",
        "turkey",
        "coalition",
        "iran",
        "hezbollah",
        "israel",
    ] {
        assert!(records.iter().any(|r| &r[force] == f), "no site of {f}");
    }
    assert!(!headers.iter().any(|h| h == "excerpt"));
}

#[test]
fn presence_answers_by_date_and_record_time_in_a_table_json_and_the_api() {
    let db = Db::seeded();
    let before_import = chrono::Utc::now().to_rfc3339();
    db.ok(&["import", sites(&db).to_str().expect("utf-8")]);
    let table = db.ok(&["presence", "--date", "2018-01-01"]);
    assert!(
        table.contains("Alpha air base") && table.contains("observation_post"),
        "{table}"
    );
    let report = db.json(&["presence", "--date", "2018-01-01", "--format", "json"]);
    let sites = report["sites"].as_array().expect("sites");
    assert_eq!(sites.len(), 2);
    let alpha = sites
        .iter()
        .find(|s| s["force"] == "red")
        .expect("red's site");
    // A site at a place is at the place's position.
    assert_eq!(
        (alpha["lon"].as_f64(), alpha["lat"].as_f64()),
        (Some(10.5), Some(10.5))
    );
    assert_eq!(alpha["sources"][0]["publisher"], "Synthetic Wire");
    assert!(
        report["meaning"]
            .as_str()
            .expect("meaning")
            .contains("not control")
    );
    // Before the post was set up, after it was left, and before it was recorded.
    let count = |args: &[&str]| db.json(args)["sites"].as_array().expect("sites").len();
    assert_eq!(
        count(&["presence", "--date", "2017-10-12", "--format", "json"]),
        1
    );
    assert_eq!(
        count(&["presence", "--date", "2020-11-01", "--format", "json"]),
        1
    );
    assert_eq!(
        count(&["presence", "--date", "2015-09-15", "--format", "json"]),
        0
    );
    assert_eq!(
        count(&[
            "presence",
            "--date",
            "2018-01-01",
            "--known-at",
            &before_import,
            "--format",
            "json"
        ]),
        0
    );

    let mut server = crate::http::serve(
        &["serve", "--addr", "127.0.0.1:0"],
        &[("FRONTLINE_DB", &db.path("test.db"))],
    );
    let answer = crate::http::get(
        &server.addr,
        "/api/presence?date=2018-01-01",
        std::time::Duration::from_secs(60),
    );
    let bad = crate::http::get(
        &server.addr,
        "/api/presence?date=yesterday",
        std::time::Duration::from_secs(60),
    );
    server.child.kill().expect("stops");
    let _ = server.child.wait();
    assert_eq!(answer.status, 200, "{}", answer.head);
    assert!(
        answer.head.to_ascii_lowercase().contains("geo+json"),
        "{}",
        answer.head
    );
    let fc: serde_json::Value = serde_json::from_str(&answer.body).expect("JSON");
    assert_eq!(fc["type"], "FeatureCollection");
    let features = fc["features"].as_array().expect("features");
    assert_eq!(features.len(), 2);
    assert!(features.iter().all(|f| f["geometry"]["type"] == "Point"));
    assert_eq!(bad.status, 400, "{}", bad.body);
}

#[test]
fn syria_presence_follows_the_sources_dates_and_is_never_counted_as_control() {
    let db = Db::syria();
    let on = |date: &str| -> Vec<String> {
        db.json(&["presence", "--date", date, "--format", "json"])["sites"]
            .as_array()
            .expect("sites")
            .iter()
            .map(|s| {
                format!(
                    "{}: {}",
                    s["force"].as_str().unwrap_or(""),
                    s["site"].as_str().unwrap_or("")
                )
            })
            .collect()
    };
    let mid_2018 = on("2018-06-01");
    assert!(
        mid_2018.iter().any(|s| s.starts_with("russia: Khmeimim")),
        "{mid_2018:?}"
    );
    assert!(
        mid_2018
            .iter()
            .any(|s| s.starts_with("turkey: Observation post at Morek")),
        "{mid_2018:?}"
    );
    assert!(
        mid_2018.iter().any(|s| s.starts_with("coalition: Al-Tanf")),
        "{mid_2018:?}"
    );
    assert!(
        !mid_2018.iter().any(|s| s.starts_with("israel")),
        "{mid_2018:?}"
    );
    let early_2021 = on("2021-03-01");
    assert!(
        !early_2021.iter().any(|s| s.contains("Morek")),
        "{early_2021:?}"
    );
    let mid_2025 = on("2025-06-01");
    assert!(
        mid_2025.iter().any(|s| s.starts_with("israel")),
        "{mid_2025:?}"
    );
    assert!(
        !mid_2025.iter().any(|s| s.starts_with("iran")),
        "{mid_2025:?}"
    );
    // The forces that only the presence layer names hold no land in the statistics.
    let stats = db.json(&["stats", "--date", "2018-06-01", "--format", "json"]);
    for row in stats["parties"].as_array().expect("rows") {
        if ["russia", "iran", "hezbollah"].contains(&row["id"].as_str().unwrap_or("")) {
            assert_eq!(row["area_km2"].as_f64().unwrap_or(0.0), 0.0, "{row}");
        }
    }
}

#[test]
fn why_names_the_forces_within_10_km_apart_from_the_colour() {
    let db = Db::seeded();
    let before = db.ok(&["why", "--at", "10.52,10.5", "--date", "2018-01-01"]);
    db.ok(&["import", sites(&db).to_str().expect("utf-8")]);
    let table = db.ok(&["why", "--at", "10.52,10.5", "--date", "2018-01-01"]);
    let (control, presence) = table
        .split_once("\nforeign forces present within 10 km")
        .expect("a presence section");
    assert_eq!(
        control.trim_end(),
        before.trim_end(),
        "the colour's part is unchanged"
    );
    assert!(presence.contains("not control"), "{presence}");
    assert!(
        presence.contains("Alpha air base (air base), 2.2 km, from 2015-09"),
        "{presence}"
    );
    assert!(
        presence.contains("source: Synthetic Wire, \"A base at Alpha\" <https://example.org/p1>"),
        "{presence}"
    );
    assert!(
        !presence.contains("Bravo"),
        "the post is 120 km away: {presence}"
    );
    let json = db.json(&[
        "why",
        "--at",
        "10.52,10.5",
        "--date",
        "2018-01-01",
        "--format",
        "json",
    ]);
    let near = json["presence"].as_array().expect("presence");
    assert_eq!(near.len(), 1);
    assert_eq!(near[0]["force"], "red");
    assert_eq!(near[0]["kind"], "air_base");
    assert_eq!(near[0]["sources"][0]["publisher"], "Synthetic Wire");
    // `frontline map` draws both sites, a symbol per force, with their legend section.
    let out = db.path("map.svg");
    db.ok(&[
        "map",
        "--date",
        "2018-01-01",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    let svg = std::fs::read_to_string(&out).expect("written");
    let symbols = &svg[svg.find("<g class=\"presence\">").expect("symbols")..];
    let symbols = &symbols[..symbols.find("</g>").expect("closed")];
    assert_eq!(
        symbols.matches("stroke=\"#111111\"").count(),
        2,
        "{symbols}"
    );
    assert!(svg.contains(">Sites of foreign forces (presence, not control)</text>"));
    // Before the base was there, nothing is named.
    let early = db.json(&[
        "why",
        "--at",
        "10.52,10.5",
        "--date",
        "2015-08-01",
        "--format",
        "json",
    ]);
    assert_eq!(early["presence"], serde_json::json!([]));
}
