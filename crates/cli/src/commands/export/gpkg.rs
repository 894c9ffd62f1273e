//! `frontline export --format gpkg`: a GeoPackage 1.3 (an SQLite file, written with
//! rusqlite) that QGIS and GDAL open as layers: `parties` (attributes), `places`,
//! `place_states` (each place's states with their periods, for a time controller),
//! `observations` and `areas`, all in WGS 84 (EPSG:4326). Rows are inserted as they are
//! made, the areas one date at a time.

use std::path::Path;

use anyhow::{Context as _, Result};
use chrono::{DateTime, NaiveDate, Utc};
use frontline_atlas::Atlas;
use frontline_model::{Outline, PartialDate};
use geo_types::{Coord, MultiPolygon, Point};
use rusqlite::{Connection, params};

use super::Areas;
use super::spans;

/// The GeoPackage's `application_id` ("GPKG") and `user_version` (1.3.0).
const APPLICATION_ID: i32 = 0x4750_4B47;
const USER_VERSION: i32 = 10_300;

/// The tables the GeoPackage specification requires, and the three spatial reference
/// systems it requires in `gpkg_spatial_ref_sys`.
const SCHEMA: &str = r#"
CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
INSERT INTO gpkg_spatial_ref_sys VALUES
  ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
  ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system'),
  ('WGS 84 geodetic', 4326, 'EPSG', 4326, 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]', 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');
CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
  description TEXT DEFAULT '', last_change DATETIME NOT NULL,
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));

CREATE TABLE parties (fid INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL, name TEXT,
  name_ar TEXT, colour TEXT, kind TEXT, parent TEXT, valid_from TEXT, valid_until TEXT, note TEXT);
CREATE TABLE places (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POINT, id TEXT NOT NULL,
  name TEXT, name_ar TEXT, kind TEXT, population INTEGER, region TEXT);
CREATE TABLE place_states (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POINT, place TEXT NOT NULL,
  name TEXT, status TEXT, parties TEXT, colour TEXT, valid_from DATE, valid_until DATE,
  observation TEXT);
CREATE TABLE observations (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom GEOMETRY, id TEXT NOT NULL,
  place TEXT, status TEXT, parties TEXT, valid_from DATE, valid_from_precision TEXT,
  valid_until DATE, valid_until_precision TEXT, confidence TEXT, note TEXT, sources TEXT,
  recorded_at DATETIME, supersedes TEXT);
CREATE TABLE areas (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom MULTIPOLYGON, key TEXT NOT NULL,
  kind TEXT, name TEXT, parties TEXT, colour TEXT, valid_from DATE, valid_until DATE);
"#;

/// The layers: table, geometry type (`None`: attributes only), description.
const LAYERS: [(&str, Option<&str>, &str); 5] = [
    ("parties", None, "The parties, every version"),
    (
        "places",
        Some("POINT"),
        "The places, as known at the record time",
    ),
    (
        "place_states",
        Some("POINT"),
        "Each place's states: from valid_from until the day valid_until (null: still holds)",
    ),
    (
        "observations",
        Some("GEOMETRY"),
        "The observations: at their place, or on the outline of the area they are about; valid_from and valid_until are the first and last day of the reported periods",
    ),
    (
        "areas",
        Some("MULTIPOLYGON"),
        "Land per party on the exported dates: from valid_from until the day valid_until",
    ),
];

/// The SRS of every geometry.
const WGS84: i32 = 4326;

/// Standard WKB (little endian) of the geometries the layers hold.
mod wkb {
    use geo_types::{Coord, LineString, MultiPoint, MultiPolygon, Point, Polygon};

    fn header(out: &mut Vec<u8>, kind: u32) {
        out.push(1);
        out.extend_from_slice(&kind.to_le_bytes());
    }

    fn count(out: &mut Vec<u8>, n: usize) {
        out.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
    }

    fn coord(out: &mut Vec<u8>, c: Coord<f64>) {
        out.extend_from_slice(&c.x.to_le_bytes());
        out.extend_from_slice(&c.y.to_le_bytes());
    }

    pub(super) fn point(out: &mut Vec<u8>, p: Point<f64>) {
        header(out, 1);
        coord(out, p.0);
    }

    fn ring(out: &mut Vec<u8>, line: &LineString<f64>) {
        count(out, line.0.len());
        line.coords().for_each(|c| coord(out, *c));
    }

    fn polygon(out: &mut Vec<u8>, p: &Polygon<f64>) {
        header(out, 3);
        count(out, 1 + p.interiors().len());
        ring(out, p.exterior());
        p.interiors().iter().for_each(|r| ring(out, r));
    }

    pub(super) fn multi_point(out: &mut Vec<u8>, mp: &MultiPoint<f64>) {
        header(out, 4);
        count(out, mp.0.len());
        mp.0.iter().for_each(|p| point(out, *p));
    }

    pub(super) fn multi_polygon(out: &mut Vec<u8>, mp: &MultiPolygon<f64>) {
        header(out, 6);
        count(out, mp.0.len());
        mp.0.iter().for_each(|p| polygon(out, p));
    }
}

/// A geometry as a GeoPackageBinary blob: "GP", version 0, flags (little endian; an
/// envelope `[minx, maxx, miny, maxy]` unless it is a point; empty when it has no
/// coordinates), the SRS id, the envelope, then standard WKB.
fn gpkg_geometry(coords: &[Coord<f64>], wkb: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(8 + 32 + wkb.len());
    out.extend_from_slice(b"GP");
    out.push(0);
    let point = coords.len() == 1;
    let empty = coords.is_empty();
    let envelope: u8 = u8::from(!point && !empty);
    out.push(1 | (envelope << 1) | (u8::from(empty) << 4));
    out.extend_from_slice(&WGS84.to_le_bytes());
    if envelope == 1 {
        let b = bounds(coords.iter().copied());
        for v in [b[0], b[2], b[1], b[3]] {
            out.extend_from_slice(&v.to_le_bytes());
        }
    }
    out.extend_from_slice(wkb);
    out
}

/// `[w, s, e, n]` of some coordinates (`[inf, inf, -inf, -inf]` for none).
fn bounds(coords: impl Iterator<Item = Coord<f64>>) -> [f64; 4] {
    coords.fold(
        [
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ],
        |b, c| [b[0].min(c.x), b[1].min(c.y), b[2].max(c.x), b[3].max(c.y)],
    )
}

fn point_blob(lon: f64, lat: f64) -> Vec<u8> {
    let mut wkb = Vec::with_capacity(21);
    wkb::point(&mut wkb, Point::new(lon, lat));
    gpkg_geometry(&[Coord { x: lon, y: lat }], &wkb)
}

fn multi_polygon_blob(mp: &MultiPolygon<f64>) -> Vec<u8> {
    let mut wkb = Vec::new();
    wkb::multi_polygon(&mut wkb, mp);
    let coords: Vec<Coord<f64>> =
        mp.0.iter()
            .flat_map(|p| p.exterior().coords().copied())
            .collect();
    gpkg_geometry(&coords, &wkb)
}

fn multi_point_blob(points: &[Point<f64>]) -> Vec<u8> {
    let mut wkb = Vec::new();
    let mp = geo_types::MultiPoint(points.to_vec());
    wkb::multi_point(&mut wkb, &mp);
    let coords: Vec<Coord<f64>> = points.iter().map(|p| p.0).collect();
    gpkg_geometry(&coords, &wkb)
}

fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn text_of_colour(rgb: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2])
}

/// The outline an observation about an area is drawn on, as a blob (`None`: nothing to
/// draw).
fn area_outline(atlas: &Atlas, area: &frontline_model::Area) -> Option<Vec<u8>> {
    match &area.outline {
        Outline::Polygon(mp) => Some(multi_polygon_blob(mp)),
        Outline::Region(id) => atlas
            .regions()
            .iter()
            .find(|r| &r.id == id)
            .map(|r| multi_polygon_blob(&r.geometry)),
        Outline::Places(_) => {
            let points: Vec<Point<f64>> = area
                .members(atlas.places(), atlas.regions())
                .iter()
                .map(|&i| Point::new(atlas.places()[i].lon, atlas.places()[i].lat))
                .collect();
            (!points.is_empty()).then(|| multi_point_blob(&points))
        }
    }
}

/// Writes the GeoPackage to `path` (replacing a file there once it is complete): the
/// states and places as known at `known_at`, the areas of `areas`.
///
/// # Errors
/// When the file cannot be written or the areas of a date cannot be computed.
pub(super) fn write(
    atlas: &Atlas,
    known_at: DateTime<Utc>,
    areas: &Areas,
    now: DateTime<Utc>,
    path: &Path,
) -> Result<()> {
    let partial = path.with_extension("gpkg.partial");
    if partial.exists() {
        std::fs::remove_file(&partial)
            .with_context(|| format!("cannot replace {}", partial.display()))?;
    }
    let mut db = Connection::open(&partial)
        .with_context(|| format!("cannot create {}", partial.display()))?;
    fill(&mut db, atlas, known_at, areas, now)
        .with_context(|| format!("writing {}", partial.display()))?;
    db.close()
        .map_err(|(_, e)| e)
        .with_context(|| format!("closing {}", partial.display()))?;
    std::fs::rename(&partial, path)
        .with_context(|| format!("cannot move {} to {}", partial.display(), path.display()))?;
    Ok(())
}

fn fill(
    db: &mut Connection,
    atlas: &Atlas,
    known_at: DateTime<Utc>,
    areas: &Areas,
    now: DateTime<Utc>,
) -> Result<()> {
    db.pragma_update(None, "application_id", APPLICATION_ID)?;
    db.pragma_update(None, "user_version", USER_VERSION)?;
    db.pragma_update(None, "journal_mode", "OFF")?;
    let tx = db.transaction()?;
    tx.execute_batch(SCHEMA)?;
    let styles = spans::party_styles(atlas);

    {
        let mut insert = tx.prepare(
            "INSERT INTO parties (id, name, name_ar, colour, kind, parent, valid_from, valid_until, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )?;
        for p in atlas.parties() {
            insert.execute(params![
                p.id.as_str(),
                p.names.en,
                p.names.ar,
                p.colour.to_string(),
                p.kind.as_str(),
                p.parent.as_ref().map(|x| x.as_str()),
                p.valid_from.map(|d| d.to_string()),
                p.valid_until.map(|d| d.to_string()),
                p.note,
            ])?;
        }
    }

    let places: Vec<(usize, &frontline_model::Place)> = (0..atlas.places().len())
        .filter_map(|i| Some((i, atlas.place_at(i, known_at)?)))
        .collect();
    {
        let mut insert = tx.prepare(
            "INSERT INTO places (geom, id, name, name_ar, kind, population, region) VALUES (?, ?, ?, ?, ?, ?, ?)",
        )?;
        for (_, p) in &places {
            insert.execute(params![
                point_blob(p.lon, p.lat),
                p.id.as_str(),
                p.names.en,
                p.names.ar,
                p.kind.as_str(),
                p.population
                    .as_ref()
                    .and_then(|x| i64::try_from(x.value).ok()),
                p.region.as_ref().map(|r| r.as_str()),
            ])?;
        }
    }

    {
        let mut insert = tx.prepare(
            "INSERT INTO place_states (geom, place, name, status, parties, colour, valid_from, valid_until, observation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )?;
        for (i, _) in &places {
            for s in spans::place_spans(atlas, *i, known_at) {
                insert.execute(params![
                    point_blob(s.place.lon, s.place.lat),
                    s.place.id.as_str(),
                    s.place.names.en,
                    s.status,
                    s.parties.join(","),
                    text_of_colour(spans::colour_of(&s.parties, &styles)),
                    date(s.from),
                    s.until.map(date),
                    s.observation,
                ])?;
            }
        }
    }

    insert_observations(&tx, atlas, known_at, &places)?;

    let mut area_bounds = bounds(std::iter::empty());
    {
        let mut insert = tx.prepare(
            "INSERT INTO areas (geom, key, kind, name, parties, colour, valid_from, valid_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )?;
        areas.each(atlas, |day, shapes| {
            for shape in shapes {
                let b = bounds(
                    shape
                        .geometry
                        .0
                        .iter()
                        .flat_map(|p| p.exterior().coords().copied()),
                );
                area_bounds = [
                    area_bounds[0].min(b[0]),
                    area_bounds[1].min(b[1]),
                    area_bounds[2].max(b[2]),
                    area_bounds[3].max(b[3]),
                ];
                insert.execute(params![
                    multi_polygon_blob(&shape.geometry),
                    shape.key,
                    shape.kind.as_str(),
                    shape.name,
                    shape.parties.join(","),
                    text_of_colour(spans::shape_colour(shape)),
                    date(day.on),
                    day.until.map(date),
                ])?;
            }
            Ok(())
        })?;
    }

    register_layers(&tx, atlas, area_bounds, now)?;
    tx.commit()?;
    Ok(())
}

/// The observations recorded by `known_at`: at their place, or on their area's outline.
fn insert_observations(
    tx: &Connection,
    atlas: &Atlas,
    known_at: DateTime<Utc>,
    places: &[(usize, &frontline_model::Place)],
) -> Result<()> {
    let positions: std::collections::HashMap<&str, (f64, f64)> = places
        .iter()
        .map(|(_, p)| (p.id.as_str(), (p.lon, p.lat)))
        .collect();
    let mut insert = tx.prepare(
        "INSERT INTO observations (geom, id, place, status, parties, valid_from, valid_from_precision, valid_until, valid_until_precision, confidence, note, sources, recorded_at, supersedes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )?;
    let precision = |d: PartialDate| {
        serde_json::to_value(d.precision())
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
    };
    for o in atlas.timeline().observations() {
        if o.recorded_at > known_at {
            continue;
        }
        let geometry = positions
            .get(o.place.as_str())
            .map(|(lon, lat)| point_blob(*lon, *lat))
            .or_else(|| atlas.area(&o.place).and_then(|a| area_outline(atlas, a)));
        insert.execute(params![
            geometry,
            o.id.as_str(),
            o.place.as_str(),
            o.status.as_str(),
            o.parties
                .iter()
                .map(|p| p.as_str())
                .collect::<Vec<_>>()
                .join(","),
            date(o.valid_from.first_day()),
            precision(o.valid_from),
            o.valid_until.map(|u| date(u.last_day())),
            o.valid_until.and_then(precision),
            o.confidence.as_str(),
            o.note,
            serde_json::to_string(&o.sources)?,
            o.recorded_at
                .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            o.supersedes
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(","),
        ])?;
    }
    Ok(())
}

/// Registers the layers in `gpkg_contents` and `gpkg_geometry_columns`, with their extents.
fn register_layers(
    tx: &Connection,
    atlas: &Atlas,
    area_bounds: [f64; 4],
    now: DateTime<Utc>,
) -> Result<()> {
    let last_change = now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let boundary = bounds(
        atlas
            .conflict()
            .boundary
            .0
            .iter()
            .flat_map(|p| p.exterior().coords().copied()),
    );
    for (table, geometry, description) in LAYERS {
        let Some(kind) = geometry else {
            tx.execute(
                "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change) VALUES (?, 'attributes', ?, ?, ?)",
                params![table, table, description, last_change],
            )?;
            continue;
        };
        let b = if table == "areas" && area_bounds[0].is_finite() {
            area_bounds
        } else {
            boundary
        };
        let b: Vec<Option<f64>> = b.iter().map(|v| v.is_finite().then_some(*v)).collect();
        tx.execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, min_x, min_y, max_x, max_y, srs_id) VALUES (?, 'features', ?, ?, ?, ?, ?, ?, ?, ?)",
            params![table, table, description, last_change, b[0], b[1], b[2], b[3], WGS84],
        )?;
        tx.execute(
            "INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m) VALUES (?, 'geom', ?, ?, 0, 0)",
            params![table, kind, WGS84],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo_types::LineString;

    #[test]
    fn a_point_blob_is_a_geopackage_header_without_envelope_then_wkb() {
        let blob = point_blob(1.5, -2.0);
        assert_eq!(&blob[..4], b"GP\x00\x01");
        assert_eq!(i32::from_le_bytes(blob[4..8].try_into().expect("4")), 4326);
        // WKB: little endian, type 1, x, y.
        assert_eq!(blob[8], 1);
        assert_eq!(u32::from_le_bytes(blob[9..13].try_into().expect("4")), 1);
        assert_eq!(f64::from_le_bytes(blob[13..21].try_into().expect("8")), 1.5);
        assert_eq!(blob.len(), 8 + 21);
    }

    #[test]
    fn a_polygon_blob_carries_its_envelope_as_minx_maxx_miny_maxy() {
        let square = geo_types::Polygon::new(
            LineString::from(vec![(0.0, 0.0), (2.0, 0.0), (2.0, 3.0), (0.0, 0.0)]),
            vec![],
        );
        let blob = multi_polygon_blob(&MultiPolygon(vec![square]));
        assert_eq!(blob[3], 0b0000_0011);
        let at = |i: usize| f64::from_le_bytes(blob[i..i + 8].try_into().expect("8"));
        assert_eq!([at(8), at(16), at(24), at(32)], [0.0, 2.0, 0.0, 3.0]);
        // WKB multipolygon: one polygon of one ring of four points.
        assert_eq!(u32::from_le_bytes(blob[41..45].try_into().expect("4")), 6);
        assert_eq!(blob.len(), 40 + 9 + 9 + 4 + 4 * 16);
    }
}
