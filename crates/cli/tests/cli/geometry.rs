//! Geometry refused on the way in: a boundary at `init` and regions at `import` that would
//! break the inference are refused with the file, the feature and the reason, and nothing
//! is stored.

use crate::db::Db;

/// A GeoJSON Feature with a Polygon of the given rings (written as JSON arrays).
fn polygon_feature(properties: &str, rings: &str) -> String {
    format!(
        r#"{{"type":"Feature","properties":{properties},"geometry":{{"type":"Polygon","coordinates":{rings}}}}}"#
    )
}

fn region(rings: &str) -> String {
    polygon_feature(r#"{"id":"R1","name":"Region one","level":1}"#, rings)
}

/// `init --boundary` with a boundary file holding `rings`: refused with every expected
/// text, and no database created.
fn init_refuses(rings: &str, expected: &[&str]) {
    let db = Db::empty();
    let path = db.write(
        "bad-boundary.geojson",
        polygon_feature(r#"{"note":"test"}"#, rings),
    );
    let err = db.fails(&[
        "init",
        "--name",
        "Bad",
        "--boundary",
        path.to_str().expect("utf-8"),
        "--start",
        "2011-03-15",
    ]);
    for e in std::iter::once(&"bad-boundary.geojson").chain(expected) {
        assert!(err.contains(e), "error should contain {e:?}: {err}");
    }
    assert!(
        !db.path("test.db").exists(),
        "a refused boundary must create no database"
    );
}

#[test]
fn a_bow_tie_region_is_refused() {
    Db::seeded().refuses(
        "regions.geojson",
        region("[[[10.2,10.2],[11,11],[11,10.2],[10.2,11],[10.2,10.2]]]"),
        &[
            "feature 1",
            "region R1",
            "exterior ring",
            "crosses or touches itself near (10.6, 10.6)",
        ],
    );
}

#[test]
fn a_region_ring_with_three_points_is_refused() {
    Db::seeded().refuses(
        "regions.geojson",
        region("[[[10.2,10.2],[11,11],[10.2,10.2]]]"),
        &["feature 1", "at least 4 positions"],
    );
}

#[test]
fn an_unclosed_region_ring_is_refused() {
    Db::seeded().refuses(
        "regions.geojson",
        region("[[[10.2,10.2],[11,10.2],[11,11],[10.2,11]]]"),
        &["feature 1", "not closed"],
    );
}

#[test]
fn a_region_with_a_hole_outside_its_shell_is_refused() {
    Db::seeded().refuses(
        "regions.geojson",
        region(
            "[[[10.2,10.2],[11,10.2],[11,11],[10.2,11],[10.2,10.2]],\
              [[11.2,11.2],[11.5,11.2],[11.5,11.5],[11.2,11.5],[11.2,11.2]]]",
        ),
        &[
            "feature 1",
            "region R1",
            "hole 1",
            "outside its polygon's exterior ring",
        ],
    );
}

#[test]
fn a_self_intersecting_boundary_is_refused_at_init() {
    init_refuses(
        "[[[10,10],[12,12],[12,10],[10,12],[10,10]]]",
        &[
            "feature 1",
            "boundary",
            "crosses or touches itself near (11, 11)",
        ],
    );
}

#[test]
fn a_zero_area_boundary_is_refused_at_init() {
    init_refuses(
        "[[[10,10],[11,11],[12,12],[10,10]]]",
        &["feature 1", "boundary", "encloses no area"],
    );
}

#[test]
fn a_whole_world_boundary_is_refused_at_init() {
    init_refuses(
        "[[[-180,-90],[180,-90],[180,90],[-180,90],[-180,-90]]]",
        &["feature 1", "outside the plausible range 1 to 20000000 km2"],
    );
}

#[test]
fn an_unclosed_boundary_is_refused_at_init() {
    init_refuses("[[[10,10],[12,10],[12,12],[10,12]]]", &["not closed"]);
}

#[test]
fn a_boundary_ring_with_three_points_is_refused_at_init() {
    init_refuses("[[[10,10],[12,10],[10,10]]]", &["at least 4 positions"]);
}

#[test]
fn a_boundary_with_a_hole_outside_its_shell_is_refused_at_init() {
    init_refuses(
        "[[[10,10],[12,10],[12,12],[10,12],[10,10]],[[13,13],[14,13],[14,14],[13,14],[13,13]]]",
        &["hole 1", "outside its polygon's exterior ring"],
    );
}

#[test]
fn a_valid_region_with_a_hole_imports() {
    let db = Db::seeded();
    let path = db.write(
        "regions.geojson",
        region(
            "[[[10.2,10.2],[11,10.2],[11,11],[10.2,11],[10.2,10.2]],\
              [[10.4,10.4],[10.6,10.4],[10.6,10.6],[10.4,10.6],[10.4,10.4]]]",
        ),
    );
    db.ok(&["import", path.to_str().expect("utf-8")]);
}
