//! Vector tiles decode (with geozero, the crate that encodes them) to the right layers,
//! features and properties; TileJSON points at them; PMTiles archives are v3.

use axum::http::header::CONTENT_TYPE;
use geozero::mvt::{Message as _, Tile, tile};

use crate::fixture::{get, json, testland};

fn decode(body: &[u8]) -> Tile {
    Tile::decode(body).expect("a valid MVT")
}

fn layer<'t>(tile: &'t Tile, name: &str) -> &'t tile::Layer {
    tile.layers
        .iter()
        .find(|l| l.name == name)
        .unwrap_or_else(|| panic!("layer {name} present"))
}

/// A feature's properties as strings (numbers printed).
fn properties(
    layer: &tile::Layer,
    feature: &tile::Feature,
) -> std::collections::BTreeMap<String, String> {
    feature
        .tags
        .chunks(2)
        .map(|kv| {
            let key = layer.keys[kv[0] as usize].clone();
            let v = &layer.values[kv[1] as usize];
            let value = v
                .string_value
                .clone()
                .or_else(|| v.uint_value.map(|u| u.to_string()))
                .unwrap_or_default();
            (key, value)
        })
        .collect()
}

// Testland spans lon/lat 10..12: at zoom 5 it lies in tile 16/15.
const TILE: &str = "/tiles/2015-03-01/5/16/15.mvt?cap_km=none&known_at=2030-01-01";

#[tokio::test]
async fn a_tile_has_areas_frontlines_and_places_layers() {
    let answer = get(&testland(), TILE).await;
    assert_eq!(answer.status, 200);
    assert_eq!(
        answer.header(CONTENT_TYPE),
        "application/vnd.mapbox-vector-tile"
    );
    let tile = decode(&answer.body);
    for name in ["areas", "frontlines", "places"] {
        let l = layer(&tile, name);
        assert_eq!(l.version, 2);
        assert_eq!(l.extent, Some(4096));
        assert!(!l.features.is_empty(), "{name} has features");
    }
    let areas = layer(&tile, "areas");
    let keys: Vec<String> = areas
        .features
        .iter()
        .map(|f| properties(areas, f)["key"].clone())
        .collect();
    assert!(
        keys.contains(&"blue".to_owned()) && keys.contains(&"green".to_owned()),
        "{keys:?}"
    );
    let blue = areas
        .features
        .iter()
        .find(|f| properties(areas, f)["key"] == "blue")
        .expect("blue");
    assert_eq!(blue.r#type, Some(tile::GeomType::Polygon as i32));
    assert_eq!(properties(areas, blue)["colours"], "#1f78b4");

    let places = layer(&tile, "places");
    let alpha = places
        .features
        .iter()
        .map(|f| properties(places, f))
        .find(|p| p["id"] == "alpha")
        .expect("alpha");
    assert_eq!(alpha["status"], "controlled");
    assert_eq!(alpha["parties"], "blue");
    assert_eq!(alpha["population"], "500000");
    let echo = places
        .features
        .iter()
        .map(|f| properties(places, f))
        .find(|p| p["id"] == "echo")
        .expect("echo");
    assert_eq!(echo["name"], "<script>alert(1)</script>");

    let lines = layer(&tile, "frontlines");
    assert!(
        lines
            .features
            .iter()
            .all(|f| f.r#type == Some(tile::GeomType::Linestring as i32))
    );
    assert!(
        lines
            .features
            .iter()
            .all(|f| properties(lines, f).contains_key("a"))
    );
}

#[tokio::test]
async fn polygon_exteriors_wind_clockwise_on_screen_as_mvt_2_requires() {
    let tile = decode(&get(&testland(), TILE).await.body);
    let areas = layer(&tile, "areas");
    for f in &areas.features {
        // The first ring: MoveTo(1) x y, LineTo(n) pairs..., ClosePath.
        let g = &f.geometry;
        let unzig = |v: u32| ((v >> 1) as i32) ^ -((v & 1) as i32);
        assert_eq!(g[0] & 7, 1, "starts with MoveTo");
        let count = (g[3] >> 3) as usize;
        let mut points = vec![(unzig(g[1]), unzig(g[2]))];
        for i in 0..count {
            let (dx, dy) = (unzig(g[4 + 2 * i]), unzig(g[5 + 2 * i]));
            let (x, y) = *points.last().expect("a point");
            points.push((x + dx, y + dy));
        }
        let area: i64 = (0..points.len())
            .map(|i| {
                let (a, b) = (points[i], points[(i + 1) % points.len()]);
                i64::from(a.0) * i64::from(b.1) - i64::from(b.0) * i64::from(a.1)
            })
            .sum();
        assert!(
            area > 0,
            "exterior ring has positive area in tile coordinates"
        );
    }
}

#[tokio::test]
async fn a_tile_away_from_the_conflict_is_empty() {
    let answer = get(&testland(), "/tiles/2015-03-01/5/0/0.mvt").await;
    assert_eq!(answer.status, 200);
    assert!(answer.body.is_empty());
}

#[tokio::test]
async fn tiles_change_with_the_date() {
    let app = testland();
    let early = decode(
        &get(&app, "/tiles/2012-06-01/5/16/15.mvt?cap_km=none")
            .await
            .body,
    );
    let late = decode(&get(&app, TILE).await.body);
    let keys = |t: &Tile| -> Vec<String> {
        let l = layer(t, "areas");
        let mut k: Vec<String> = l
            .features
            .iter()
            .map(|f| properties(l, f)["key"].clone())
            .collect();
        k.sort();
        k
    };
    assert!(keys(&early).contains(&"red".to_owned()));
    assert_ne!(keys(&early), keys(&late));
}

#[tokio::test]
async fn a_second_request_for_a_tile_is_served_from_the_cache_identically() {
    let app = testland();
    let a = get(&app, TILE).await;
    let b = get(&app, TILE).await;
    assert_eq!(a.body, b.body);
}

#[tokio::test]
async fn tilejson_points_at_the_tiles_with_the_method() {
    let v = json(
        &testland(),
        "/tiles/2015-03-01.json?cap_km=none&known_at=2030-01-01",
    )
    .await;
    assert_eq!(v["tilejson"], "3.0.0");
    assert_eq!(
        v["tiles"][0],
        "http://frontline.test/tiles/2015-03-01/{z}/{x}/{y}.mvt?known_at=2030-01-01&cap_km=none"
    );
    let layers: Vec<&str> = v["vector_layers"]
        .as_array()
        .expect("layers")
        .iter()
        .filter_map(|l| l["id"].as_str())
        .collect();
    assert_eq!(layers, ["areas", "frontlines", "places", "presence"]);
    assert!(
        v["vector_layers"][3]["description"]
            .as_str()
            .is_some_and(|d| d.contains("not control")),
        "{v}"
    );
    assert_eq!(v["bounds"], serde_json::json!([10.0, 10.0, 12.0, 12.0]));
}

#[tokio::test]
async fn a_pmtiles_archive_is_version_3_with_its_tiles() {
    let answer = get(&testland(), "/tiles/2015-03-01.pmtiles?cap_km=none").await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.header(CONTENT_TYPE), "application/vnd.pmtiles");
    assert_eq!(&answer.body[..7], b"PMTiles");
    assert_eq!(answer.body[7], 3);
    // Header: tile type (byte 99) 1 = MVT; min and max zoom (bytes 100, 101).
    assert_eq!(answer.body[99], 1);
    assert_eq!((answer.body[100], answer.body[101]), (0, 10));
    assert!(answer.body.len() > 1000);
}

#[tokio::test]
async fn a_client_taking_gzip_gets_the_tile_gzipped_with_its_own_etag_and_the_same_bytes_again() {
    use std::io::Read as _;
    let app = testland();
    let plain = get(&app, TILE).await;
    let zipped = crate::fixture::get_with(
        &app,
        TILE,
        &[(axum::http::header::ACCEPT_ENCODING, "gzip, br")],
    )
    .await;
    assert_eq!(zipped.header(axum::http::header::CONTENT_ENCODING), "gzip");
    assert!(
        zipped
            .header(axum::http::header::VARY)
            .contains("accept-encoding")
    );
    let mut unzipped = Vec::new();
    flate2::read::GzDecoder::new(&zipped.body[..])
        .read_to_end(&mut unzipped)
        .expect("gzip");
    assert_eq!(unzipped, plain.body);
    assert_ne!(
        zipped.header(axum::http::header::ETAG),
        plain.header(axum::http::header::ETAG)
    );
    let again =
        crate::fixture::get_with(&app, TILE, &[(axum::http::header::ACCEPT_ENCODING, "gzip")])
            .await;
    assert_eq!(again.body, zipped.body);
    let refused = crate::fixture::get_with(
        &app,
        TILE,
        &[(axum::http::header::ACCEPT_ENCODING, "gzip;q=0")],
    )
    .await;
    assert_eq!(refused.body, plain.body);
}

#[tokio::test]
async fn a_pmtiles_archive_answers_byte_ranges_as_readers_fetch_it() {
    let app = testland();
    let whole = get(&app, "/tiles/2015-03-01.pmtiles?cap_km=none").await;
    assert_eq!(whole.header(axum::http::header::ACCEPT_RANGES), "bytes");
    let header = crate::fixture::get_with(
        &app,
        "/tiles/2015-03-01.pmtiles?cap_km=none",
        &[(axum::http::header::RANGE, "bytes=0-126")],
    )
    .await;
    assert_eq!(header.status, 206);
    assert_eq!(header.body, whole.body[..127]);
    assert_eq!(
        header.header(axum::http::header::CONTENT_RANGE),
        format!("bytes 0-126/{}", whole.body.len())
    );
    let bad = crate::fixture::get_with(
        &app,
        "/tiles/2015-03-01.pmtiles?cap_km=none",
        &[(axum::http::header::RANGE, "bytes=99999999-")],
    )
    .await;
    assert_eq!(bad.status, 416);
    assert_eq!(bad.json()["error"]["code"], "invalid_range");
    // Its tiles are gzipped inside; the archive itself is never re-encoded.
    let asked = crate::fixture::get_with(
        &app,
        "/tiles/2015-03-01.pmtiles?cap_km=none",
        &[(axum::http::header::ACCEPT_ENCODING, "gzip")],
    )
    .await;
    assert_eq!(asked.header(axum::http::header::CONTENT_ENCODING), "");
    assert_eq!(asked.body, whole.body);
}

#[tokio::test]
async fn a_hostile_host_header_cannot_steer_tile_urls() {
    let answer = crate::fixture::get_with(
        &testland(),
        "/tiles/2015-03-01.json",
        &[(axum::http::header::HOST, "evil.example/x?")],
    )
    .await;
    let v = answer.json();
    assert!(
        v["tiles"][0]
            .as_str()
            .is_some_and(|t| t.starts_with("http://localhost/tiles/")),
        "{v}"
    );
}

#[tokio::test]
async fn tilejson_agrees_with_the_tiles_and_a_record_time_before_any_evidence_is_a_404() {
    let app = testland();
    let tj = crate::fixture::json(&app, "/tiles/2015-03-01.json").await;
    assert_eq!(tj["maxzoom"], 18);
    assert!(
        tj["attribution"]
            .as_str()
            .expect("text")
            .starts_with("Frontline"),
        "{tj}"
    );
    let early = crate::fixture::get(&app, "/tiles/2015-03-01.json?known_at=2001-01-01").await;
    assert_eq!(early.status, 404);
    assert_eq!(early.json()["error"]["code"], "no_evidence");
}

#[tokio::test]
async fn a_pmtiles_archive_s_metadata_says_its_own_zooms_and_attribution() {
    use std::io::Read as _;
    let answer = get(&testland(), "/tiles/2015-03-01.pmtiles?cap_km=none").await;
    let b = &answer.body;
    let u64_at = |i: usize| u64::from_le_bytes(b[i..i + 8].try_into().expect("8 bytes"));
    let (offset, length) = (u64_at(24) as usize, u64_at(32) as usize);
    let raw = &b[offset..offset + length];
    // Byte 97: internal compression, 1 none, 2 gzip.
    let mut text = Vec::new();
    if b[97] == 2 {
        flate2::read::GzDecoder::new(raw)
            .read_to_end(&mut text)
            .expect("gzip");
    } else {
        text.extend_from_slice(raw);
    }
    let metadata: serde_json::Value = serde_json::from_slice(&text).expect("JSON metadata");
    assert_eq!(metadata["maxzoom"], 10, "{metadata}");
    assert_eq!(metadata["vector_layers"][0]["maxzoom"], 10, "{metadata}");
    assert!(
        metadata["attribution"]
            .as_str()
            .expect("text")
            .starts_with("Frontline"),
        "{metadata}"
    );
}

/// A PMTiles archive served by the router, read by byte ranges as a PMTiles reader over
/// HTTP reads it.
struct Served {
    app: frontline_server::App,
    path: &'static str,
}

impl pmtiles::AsyncBackend for Served {
    async fn read(&self, offset: usize, length: usize) -> pmtiles::PmtResult<axum::body::Bytes> {
        let range = format!("bytes={offset}-{}", offset + length - 1);
        let answer = crate::fixture::get_with(
            &self.app,
            self.path,
            &[(axum::http::header::RANGE, range.as_str())],
        )
        .await;
        assert_eq!(answer.status, 206, "{range}");
        Ok(axum::body::Bytes::from(answer.body))
    }
}

#[tokio::test]
async fn the_pmtiles_reader_reads_the_served_archive_as_the_tilejson_describes_it() {
    let app = testland();
    let path = "/tiles/2015-03-01.pmtiles?cap_km=none";
    let reader = pmtiles::AsyncPmTilesReader::try_from_source(Served {
        app: app.clone(),
        path,
    })
    .await
    .expect("the reader opens the archive");
    let header = reader.get_header();
    assert_eq!((header.min_zoom, header.max_zoom), (0, 10));
    assert_eq!(header.tile_type, pmtiles::TileType::Mvt);
    let tj = crate::fixture::json(&app, "/tiles/2015-03-01.json?cap_km=none").await;
    let bounds = [
        header.min_longitude,
        header.min_latitude,
        header.max_longitude,
        header.max_latitude,
    ];
    for (k, b) in bounds.iter().enumerate() {
        assert!(
            (f64::from(*b) - tj["bounds"][k].as_f64().expect("a number")).abs() < 1e-4,
            "bounds {bounds:?} and {}",
            tj["bounds"]
        );
    }
    let metadata: serde_json::Value =
        serde_json::from_str(&reader.get_metadata().await.expect("metadata")).expect("JSON");
    assert_eq!(metadata["attribution"], tj["attribution"]);
    let layers = |v: &serde_json::Value| -> Vec<String> {
        v["vector_layers"]
            .as_array()
            .expect("layers")
            .iter()
            .map(|l| l["id"].as_str().expect("id").to_owned())
            .collect()
    };
    assert_eq!(layers(&metadata), layers(&tj));
    // A tile inside the archive is the tile the XYZ route serves.
    let coord = pmtiles::TileCoord::new(6, 33, 30).expect("a tile");
    let inside = reader
        .get_tile_decompressed(coord)
        .await
        .expect("reads")
        .expect("the tile is in the archive");
    let served = get(&app, "/tiles/2015-03-01/6/33/30.mvt?cap_km=none").await;
    assert_eq!(inside.as_ref(), served.body.as_slice());
    let beyond = pmtiles::TileCoord::new(11, 1000, 1000).expect("a tile");
    assert!(reader.get_tile(beyond).await.expect("reads").is_none());
}

/// The features of the `presence` layer of a tile: (force, site, kind, colour), sorted.
fn presence_sites(tile: &Tile) -> Vec<[String; 4]> {
    let Some(l) = tile.layers.iter().find(|l| l.name == "presence") else {
        return Vec::new();
    };
    let mut sites: Vec<[String; 4]> = l
        .features
        .iter()
        .map(|f| {
            assert_eq!(f.r#type, Some(tile::GeomType::Point as i32));
            let p = properties(l, f);
            [
                p["force"].clone(),
                p["site"].clone(),
                p["kind"].clone(),
                p["colour"].clone(),
            ]
        })
        .collect();
    sites.sort();
    sites
}

#[tokio::test]
async fn a_tile_has_a_presence_layer_of_the_foreign_forces_sites_of_its_date() {
    let app = testland();
    let tile = decode(&get(&app, TILE).await.body);
    let alpha = [
        "red".to_owned(),
        "Alpha air base".to_owned(),
        "air_base".to_owned(),
        "#e31a1c".to_owned(),
    ];
    let post = [
        "blue".to_owned(),
        "Post west of Bravo".to_owned(),
        "observation_post".to_owned(),
        "#1f78b4".to_owned(),
    ];
    assert_eq!(presence_sites(&tile), [post.clone(), alpha.clone()]);
    let l = layer(&tile, "presence");
    let post_props = l
        .features
        .iter()
        .map(|f| properties(l, f))
        .find(|p| p["force"] == "blue")
        .expect("the post");
    assert_eq!(post_props["valid_until"], "2020-11");
    assert_eq!(post_props["confidence"], "low");
    // Per date like the other layers: before the post was set up, and after it was left.
    let on = |date: &str| format!("/tiles/{date}/5/16/15.mvt?cap_km=none&known_at=2030-01-01");
    let early = decode(&get(&app, &on("2013-06-01")).await.body);
    assert_eq!(presence_sites(&early), std::slice::from_ref(&alpha));
    let late = decode(&get(&app, &on("2021-06-01")).await.body);
    assert_eq!(presence_sites(&late), [alpha]);
}

/// An archive held in memory, read with the pmtiles crate's reader.
struct InMemory(axum::body::Bytes);

impl pmtiles::AsyncBackend for InMemory {
    async fn read(&self, offset: usize, length: usize) -> pmtiles::PmtResult<axum::body::Bytes> {
        let end = (offset + length).min(self.0.len());
        Ok(self.0.slice(offset.min(end)..end))
    }
}

#[tokio::test]
async fn a_pmtiles_archive_s_tiles_hold_the_presence_layer() {
    let answer = get(&testland(), "/tiles/2015-03-01.pmtiles?cap_km=none").await;
    let reader = pmtiles::AsyncPmTilesReader::try_from_source(InMemory(answer.body.into()))
        .await
        .expect("a PMTiles archive");
    let coord = pmtiles::TileCoord::new(5, 16, 15).expect("a tile");
    let bytes = reader
        .get_tile_decompressed(coord)
        .await
        .expect("reads")
        .expect("the tile over Testland");
    let tile = decode(&bytes);
    let sites: Vec<String> = presence_sites(&tile)
        .into_iter()
        .map(|[_, site, ..]| site)
        .collect();
    assert_eq!(sites, ["Post west of Bravo", "Alpha air base"]);
    let metadata: serde_json::Value =
        serde_json::from_str(&reader.get_metadata().await.expect("metadata")).expect("JSON");
    assert_eq!(metadata["vector_layers"][3]["id"], "presence", "{metadata}");
}
