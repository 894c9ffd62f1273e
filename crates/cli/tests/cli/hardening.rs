//! Hardening (issue 12): unsafe or malformed values refused on the way in, each naming the
//! file, the line or feature, the field and the reason, with nothing stored.

use crate::db::Db;

const OBS_HEADER: &str = "place,date,status,party,party2,source_publisher,source_title,source_url,source_date,source2_publisher,source2_title,source2_url\n";

#[test]
fn source_urls_must_be_http_with_a_host_everywhere() {
    let db = Db::seeded();
    for url in [
        "javascript:alert(1)",
        "http://",
        "https://exa mple.org/",
        "https://%00/",
    ] {
        let quoted = format!("\"{url}\"");
        db.refuses(
            "milestones.csv",
            format!("id,name,start,series,source_publisher,source_title,source_url\nm9,Round 9,2016-01-01,Talks,W,T,{quoted}\n"),
            &["line 2", "\"source_url\""],
        );
        db.refuses(
            "figures.csv",
            format!("figure,value,date,source_publisher,source_title,source_url\ndisplaced,100,2016-01,W,T,{quoted}\n"),
            &["line 2", "\"source_url\""],
        );
        db.refuses(
            "obs.csv",
            format!("{OBS_HEADER}alpha,2016-01-01,controlled,red,,W,T,https://example.org/ok,2016-01-02,W2,T2,{quoted}\n"),
            &["line 2", "\"source2_url\""],
        );
    }
    db.refuses(
        "events.csv",
        "event,date_start,date_end,lon,lat,type_of_violence,side_a,side_b,deaths_best,source_publisher,source_title,source_url\ne1,2016-03-01,2016-03-02,10.5,10.5,1,A,B,3,W,T,javascript:alert(1)\n",
        &["line 2", "\"source_url\"", "not an http(s) URL"],
    );
}

#[test]
fn control_characters_are_refused_in_every_text_field() {
    let db = Db::seeded();
    db.refuses(
        "obs.csv",
        format!("{OBS_HEADER}alpha,2016-01-01,controlled,red,,W,\"Title\u{0}with a NUL\",https://example.org/ok,2016-01-02,,,\n"),
        &["line 2", "\"source_title\"", "U+0000"],
    );
    db.refuses(
        "places.csv",
        "id,name,lon,lat,kind\necho,\"Echo\u{1b}[31m red\",10.7,10.7,village\n",
        &["line 2", "\"name\"", "U+001B"],
    );
    db.refuses(
        "places.geojson",
        r#"{"type":"Feature","geometry":{"type":"Point","coordinates":[10.7,10.7]},"properties":{"id":"echo","name":"Echo","kind":"village","note":"a\u0007bell"}}"#,
        &["feature 1", "\"note\"", "U+0007"],
    );
}

#[test]
fn a_party_that_is_its_own_parent_or_a_parent_loop_is_refused() {
    let db = Db::seeded();
    db.refuses(
        "self.csv",
        "id,name,colour,kind,parent\nviolet,Violet,#6a3d9a,non-state,violet\n",
        &["line 2", "\"parent\"", "violet cannot be its own parent"],
    );
    db.refuses(
        "loop.csv",
        "id,name,colour,kind,parent\nviolet,Violet,#6a3d9a,non-state,indigo\nindigo,Indigo,#3d3d9a,non-state,violet\n",
        &["\"parent\"", "the parents loop: ", "violet -> indigo -> violet"],
    );
}

#[test]
fn a_geojson_file_with_a_byte_order_mark_imports_like_a_csv_file_with_one() {
    let db = Db::seeded();
    let file = db.write(
        "bom.geojson",
        "\u{feff}{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[10.7,10.7]},\"properties\":{\"id\":\"echo\",\"name\":\"Echo\",\"kind\":\"village\"}}",
    );
    let out = db.ok(&["import", file.to_str().expect("utf-8")]);
    assert!(out.contains("imported 1 new records"), "{out}");
}

#[test]
fn errors_show_ids_as_written_not_internal_type_names() {
    // The built-in data has regions, so a place's region must be one of them.
    Db::syria().refuses(
        "places.csv",
        "id,name,lon,lat,kind,region\necho,Echo,38.0,35.0,village,SY-XX\n",
        &["line 2", "\"region\"", "unknown region \"SY-XX\""],
    );
    let db = Db::seeded();
    let path = db.write(
        "parties.csv",
        "id,name,colour,kind,parent\nviolet,Violet,#6a3d9a,non-state,nobody\n",
    );
    let err = db.fails(&["import", path.to_str().expect("utf-8")]);
    assert!(err.contains("unknown party \"nobody\""), "{err}");
    assert!(
        !err.contains("PartyId") && !err.contains("RegionId"),
        "{err}"
    );
}

/// Observations of Alpha as the fixture's file gives them, one back-dated by "mallory".
const FORGED: &str = "place,date,status,party,source_publisher,source_title,source_url,source_date,recorded_at,recorded_by\n\
    alpha,2012-06-01,controlled,blue,Forged Wire,Blue held Alpha,https://example.org/forged,2012-06-02,2012-07-01T00:00:00Z,mallory\n";

#[test]
fn an_import_records_now_whatever_record_time_the_file_gives() {
    let db = Db::seeded();
    let asked = [
        "state",
        "--date",
        "2012-07-01",
        "--known-at",
        "2013-01-01",
        "--format",
        "json",
    ];
    let before = db.ok(&asked);
    let path = db.write("forged.csv", FORGED);
    let out = db.ok(&["import", path.to_str().expect("utf-8")]);
    assert!(out.contains("were recorded now, by tester"), "{out}");
    // What we knew on 1 January 2013 is what we knew then: the back-dated row is not in it.
    assert_eq!(db.ok(&asked), before);
    let history = db.json(&["history", "alpha", "--format", "json"]);
    let forged = history
        .as_array()
        .expect("array")
        .iter()
        .find(|e| e["date"] == "2012-06-01")
        .expect("stored");
    assert_eq!(forged["recorded_by"], "tester");
    assert!(
        forged["recorded_at"].as_str().expect("time") > "2020",
        "{forged}"
    );
    assert!(
        db.ok(&["audit"]).lines().count() <= 2,
        "an import writes no audit entry"
    );
}

#[test]
fn restore_keeps_record_times_only_into_an_empty_database_and_never_from_the_future() {
    let db = Db::seeded();
    let exported = db.write("history.geojson", db.ok(&["export", "--format", "geojson"]));
    let err = db.fails(&["restore", exported.to_str().expect("utf-8")]);
    assert!(err.contains("restore fills an empty database"), "{err}");

    let copy = Db::empty();
    let out = copy.ok(&["restore", exported.to_str().expect("utf-8")]);
    assert!(out.contains("record times were kept"), "{out}");
    assert_eq!(
        copy.ok(&["export", "--format", "geojson"]),
        db.ok(&["export", "--format", "geojson"])
    );
    let audit = copy.json(&["audit", "--format", "json"]);
    let entry = &audit.as_array().expect("array")[0];
    assert_eq!(entry["action"], "restore");
    assert!(
        entry["detail"]
            .as_str()
            .expect("text")
            .contains("history.geojson"),
        "{entry}"
    );

    let future = std::fs::read_to_string(&exported).expect("reads").replacen(
        "\"recorded_at\":\"20",
        "\"recorded_at\":\"29",
        1,
    );
    let empty = Db::empty();
    let path = empty.write("future.geojson", future);
    let err = empty.fails(&["restore", path.to_str().expect("utf-8")]);
    assert!(
        err.contains("\"recorded_at\"") && err.contains("is in the future"),
        "{err}"
    );
    assert!(
        !empty.path("test.db").exists(),
        "a refused restore leaves no database"
    );
}
