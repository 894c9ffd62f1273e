//! GIS clients (issue 18): GDAL's `ogrinfo` (Debian's gdal-bin, which `.ci/run` installs)
//! reads the OGC API through its OAPIF driver, a vector tile through its MVT driver, and the
//! KML and GeoPackage exports. Without ogrinfo these tests print that they were skipped,
//! unless FRONTLINE_REQUIRE_OGRINFO is set (CI), where they fail.

use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::db::Db;

/// Whether ogrinfo runs; `false` after printing that `test` is skipped.
fn have_ogrinfo(test: &str) -> bool {
    let runs = Command::new("ogrinfo")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !runs {
        assert!(
            std::env::var_os("FRONTLINE_REQUIRE_OGRINFO").is_none(),
            "ogrinfo is required (FRONTLINE_REQUIRE_OGRINFO is set) but does not run"
        );
        // Past the harness's capture, so that a skipped test is not taken for a pass.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED {test}: ogrinfo is not installed (Debian: apt-get install gdal-bin; CI installs it)"
        );
    }
    runs
}

/// `ogrinfo -ro ARGS`: its standard output; it must succeed without an error or warning.
fn ogrinfo(args: &[&str]) -> String {
    let out = Command::new("ogrinfo")
        .arg("-ro")
        .args(args)
        .env("CPL_VSIL_CURL_USE_CACHE", "NO")
        .env("GDAL_HTTP_TIMEOUT", "60")
        .output()
        .expect("ogrinfo runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && !stderr.contains("ERROR") && !stderr.contains("Warning"),
        "ogrinfo {args:?}: {}\n{stderr}",
        out.status
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The number after `Feature Count: ` in ogrinfo's summary.
fn feature_count(summary: &str) -> usize {
    summary
        .lines()
        .find_map(|l| l.strip_prefix("Feature Count: "))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("a feature count in {summary}"))
}

/// The features ogrinfo printed of `layer`.
fn features_read(listing: &str, layer: &str) -> usize {
    listing
        .lines()
        .filter(|l| l.starts_with(&format!("OGRFeature({layer}):")))
        .count()
}

/// Asserts that `summary` types field `name` as `kind` (`Date`, `DateTime`, `String`, ...).
fn assert_field(summary: &str, name: &str, kind: &str) {
    let line = summary
        .lines()
        .find(|l| l.starts_with(&format!("{name}: ")))
        .unwrap_or_else(|| panic!("a field {name} in {summary}"));
    assert!(
        line.starts_with(&format!("{name}: {kind} ")),
        "{name} is {kind}: {line}"
    );
}

/// One GET of `path` as bytes, without compression; the status and the body.
fn get_bytes(addr: &str, path: &str) -> (u16, Vec<u8>) {
    let mut stream = TcpStream::connect(addr).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .expect("sets a timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("sends");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).expect("reads");
    let end = answer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a head");
    let head = String::from_utf8_lossy(&answer[..end]).into_owned();
    assert!(
        !head
            .to_ascii_lowercase()
            .contains("transfer-encoding: chunked"),
        "{head}"
    );
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status");
    (status, answer[end + 4..].to_vec())
}

/// The seeded database with the presence sites of the presence tests.
fn seeded_with_presence() -> Db {
    let db = Db::seeded();
    db.ok(&[
        "import",
        crate::presence::sites(&db).to_str().expect("utf-8"),
    ]);
    db
}

#[test]
fn ogrinfo_reads_the_ogc_api_its_collections_pages_dates_and_boxes() {
    if !have_ogrinfo("ogrinfo_reads_the_ogc_api_its_collections_pages_dates_and_boxes") {
        return;
    }
    let db = seeded_with_presence();
    let mut server = crate::http::serve(
        &["serve", "--addr", "127.0.0.1:0"],
        &[("FRONTLINE_DB", &db.path("test.db"))],
    );
    let url = format!("OAPIF:http://{}/ogc", server.addr);
    let run = || {
        // The collections, each with its geometry type, without any parameter in the URL
        // (the areas and presence collections answer today's state).
        let list = ogrinfo(&[&url]);
        for layer in [
            "places (title: Places) (Point)",
            "observations (title: Observations) (Point)",
            "areas (title: Areas) (Multi Polygon)",
            "evidence-areas (",
            "presence (title: Foreign forces' presence) (Point)",
        ] {
            assert!(list.contains(layer), "{layer} in {list}");
        }
        // Counts and typed dates (from each collection's JSON Schema).
        let observations = ogrinfo(&["-so", &url, "observations"]);
        assert_eq!(feature_count(&observations), 6);
        assert_field(&observations, "valid_from", "Date");
        assert_field(&observations, "valid_until", "Date");
        assert_field(&observations, "recorded_at", "DateTime");
        assert_field(&observations, "parties", "StringList");
        let areas = ogrinfo(&["-so", &url, "areas"]);
        assert_field(&areas, "date", "Date");
        assert_field(&areas, "area_km2", "Real");
        let presence = ogrinfo(&["-so", &url, "presence"]);
        assert_field(&presence, "valid_from", "Date");
        // Every feature read through pages of two (the driver follows the next links).
        let paged = ogrinfo(&["-oo", "PAGE_SIZE=2", &url, "places"]);
        assert_eq!(features_read(&paged, "places"), 4, "{paged}");
        // A date filter GDAL sends as `datetime=../2013-01-01T`: the observations begun by
        // then (2012-03-01, and 2013 as its first day).
        let by = ogrinfo(&[&url, "observations", "-where", "valid_from <= '2013-01-01'"]);
        let begun: Vec<&str> = by
            .lines()
            .filter_map(|l| l.trim().strip_prefix("valid_from (Date) = "))
            .collect();
        assert_eq!(begun, ["2012/03/01", "2013/01/01"], "{by}");
        // And a box GDAL sends as `bbox`.
        let boxed = ogrinfo(&[&url, "places", "-spat", "10", "10", "11", "11"]);
        assert_eq!(features_read(&boxed, "places"), 1, "{boxed}");
        assert!(boxed.contains("name (String) = Alpha"), "{boxed}");
    };
    let outcome = std::panic::catch_unwind(run);
    server.child.kill().expect("stops");
    let _ = server.child.wait();
    if let Err(e) = outcome {
        std::panic::resume_unwind(e);
    }
}

#[test]
fn ogrinfo_reads_a_served_vector_tile() {
    if !have_ogrinfo("ogrinfo_reads_a_served_vector_tile") {
        return;
    }
    let db = Db::seeded();
    let mut server = crate::http::serve(
        &["serve", "--addr", "127.0.0.1:0"],
        &[("FRONTLINE_DB", &db.path("test.db"))],
    );
    // Zoom 4 tile 8/7 holds the whole synthetic boundary (10..12 E, 10..12 N).
    let (status, tile) = get_bytes(&server.addr, "/tiles/2016-06-01/4/8/7.mvt?cap_km=none");
    let (tj_status, _) = get_bytes(&server.addr, "/tiles/2016-06-01.json");
    server.child.kill().expect("stops");
    let _ = server.child.wait();
    assert_eq!((status, tj_status), (200, 200));
    let dir = db.path("tiles/4/8");
    std::fs::create_dir_all(&dir).expect("a folder");
    let file = dir.join("7.pbf");
    std::fs::write(&file, &tile).expect("written");
    let path = file.to_str().expect("utf-8");
    let summary = ogrinfo(&["-so", "-al", path]);
    for layer in [
        "Layer name: areas",
        "Layer name: frontlines",
        "Layer name: places",
    ] {
        assert!(summary.contains(layer), "{layer} in {summary}");
    }
    let places = ogrinfo(&[path, "places"]);
    assert_eq!(features_read(&places, "places"), 4, "{places}");
    assert!(places.contains("name (String) = Alpha"), "{places}");
}

/// `frontline export --format FORMAT --out FILE ARGS`.
fn export(db: &Db, format: &str, file: &str, args: &[&str]) -> String {
    let out = db.path(file);
    let mut all = vec![
        "export",
        "--format",
        format,
        "--out",
        out.to_str().expect("utf-8"),
    ];
    all.extend_from_slice(args);
    db.ok(&all);
    out.to_str().expect("utf-8").to_owned()
}

#[test]
fn ogrinfo_reads_the_kml_and_geopackage_exports_with_the_same_states_and_areas() {
    if !have_ogrinfo("ogrinfo_reads_the_kml_and_geopackage_exports_with_the_same_states_and_areas")
    {
        return;
    }
    let db = Db::seeded();
    let gpkg = export(
        &db,
        "gpkg",
        "export.gpkg",
        &["--areas", "changes", "--cap-km", "none"],
    );
    let kml = export(
        &db,
        "kml",
        "export.kml",
        &["--areas", "changes", "--cap-km", "none"],
    );

    let layers = ogrinfo(&[&gpkg]);
    for layer in [
        "parties",
        "places (Point)",
        "place_states (Point)",
        "observations",
        "areas (Multi Polygon)",
    ] {
        assert!(layers.contains(layer), "{layer} in {layers}");
    }
    assert_eq!(feature_count(&ogrinfo(&["-so", &gpkg, "places"])), 4);
    assert_eq!(feature_count(&ogrinfo(&["-so", &gpkg, "parties"])), 3);
    let observations = ogrinfo(&["-so", &gpkg, "observations"]);
    assert_eq!(feature_count(&observations), 6);
    assert_field(&observations, "valid_from", "Date");
    assert_field(&observations, "recorded_at", "DateTime");
    let states = ogrinfo(&["-so", &gpkg, "place_states"]);
    assert_field(&states, "valid_from", "Date");
    let areas = ogrinfo(&["-so", &gpkg, "areas"]);
    assert_field(&areas, "valid_until", "Date");
    assert!(areas.contains("EPSG\",4326"), "{areas}");

    // The KML holds the same states and areas, each with a TimeSpan.
    let placemarks = ogrinfo(&["-so", &kml, "Places"]);
    assert_eq!(feature_count(&placemarks), feature_count(&states));
    assert_field(&placemarks, "begin", "DateTime");
    let area_marks = ogrinfo(&["-so", &kml, "Areas"]);
    assert_eq!(feature_count(&area_marks), feature_count(&areas));
    let text = std::fs::read_to_string(Path::new(&kml)).expect("written");
    assert!(text.contains("<TimeSpan><begin>"), "{text:.400}");
    // A name with markup comes back as text.
    assert!(text.contains("Charlie &quot;the &lt;Old&gt; &amp; New&quot;"));
}
