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
