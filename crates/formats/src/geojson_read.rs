//! Reading GeoJSON: boundaries, regions, places, observations, and whole exported
//! histories.

use std::borrow::Cow;
use std::path::Path;

use frontline_model::{
    Area, AreaRange, Conflict, Names, Outline, PlaceId, Region, RegionId, validate_geometry,
};
use geo_types::{MultiPolygon, Polygon};
use geojson::{Feature, GeoJson, GeometryValue, JsonObject, JsonValue};

use crate::columns::{self, FieldError, Fields};
use crate::geometry::round7;
use crate::{Defaults, Error, Located, Location, Record, Result};

/// The property naming what an exported feature is.
pub(crate) const KIND_PROPERTY: &str = "frontline:kind";

fn load(path: &Path) -> Result<GeoJson> {
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        file: path.to_owned(),
        source,
    })?;
    parse(path, &bytes)
}

fn parse(path: &Path, bytes: &[u8]) -> Result<GeoJson> {
    let file = path.to_owned();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty { file });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u64
            + 1;
        Error::NotUtf8 {
            file: file.clone(),
            at: Location::Line(line),
        }
    })?;
    // A byte order mark is read past, as in CSV files.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: JsonValue = serde_json::from_str(text).map_err(|e| Error::GeoJson {
        file: file.clone(),
        at: Location::Line(e.line() as u64),
        reason: e.to_string(),
    })?;
    serde_json::from_value::<GeoJson>(value).map_err(|e| Error::GeoJson {
        at: bad_feature(text).map_or(Location::File, Location::Feature),
        file,
        reason: readable(&e.to_string()),
    })
}

/// Which feature of a FeatureCollection is not a GeoJSON feature (1-based), read again from
/// the text only when the whole collection was refused.
fn bad_feature(text: &str) -> Option<usize> {
    let value: JsonValue = serde_json::from_str(text).ok()?;
    let features = value.get("features")?.as_array()?;
    features
        .iter()
        .position(|f| serde_json::from_value::<Feature>(f.clone()).is_err())
        .map(|i| i + 1)
}

/// A reason given by the JSON parser, which may echo a value, cut to 200 characters.
fn readable(reason: &str) -> String {
    const MAX: usize = 200;
    let mut out: String = reason.chars().take(MAX).collect();
    if reason.chars().count() > MAX {
        out.push_str("...");
    }
    out
}

/// Reads a conflict's boundary: a Polygon or MultiPolygon, bare or as features; all
/// polygons found are taken together.
///
/// # Errors
/// When the file cannot be read, is not GeoJSON, or holds no valid polygon.
pub fn read_boundary(path: &Path) -> Result<MultiPolygon<f64>> {
    boundary_of(path, &load(path)?)
}

/// Reads a boundary from GeoJSON text, naming it `name` in errors.
///
/// # Errors
/// As [`read_boundary`].
pub fn read_boundary_str(name: &Path, text: &str) -> Result<MultiPolygon<f64>> {
    boundary_of(name, &parse(name, text.as_bytes())?)
}

fn boundary_of(path: &Path, geojson: &GeoJson) -> Result<MultiPolygon<f64>> {
    let mut polygons = Vec::new();
    let mut sources = 0;
    let mut add = |value: &GeometryValue, at: Location| -> Result<()> {
        let part = polygons_of(value).map_err(|reason| Error::GeoJson {
            file: path.to_owned(),
            at,
            reason,
        })?;
        // Each feature is checked alone, so that a fault is found at its feature; the
        // size, for the whole.
        let size = AreaRange::new(0.0, f64::MAX).expect("a valid range");
        polygons.extend(checked(path, at, part, "boundary", size)?.0);
        sources += 1;
        Ok(())
    };
    match geojson {
        GeoJson::Geometry(g) => add(&g.value, Location::File)?,
        GeoJson::Feature(f) => add(
            &geometry_of(f, path, Location::Feature(1))?.value,
            Location::Feature(1),
        )?,
        GeoJson::FeatureCollection(fc) => {
            for (i, f) in fc.features.iter().enumerate() {
                add(
                    &geometry_of(f, path, Location::Feature(i + 1))?.value,
                    Location::Feature(i + 1),
                )?;
            }
        }
    }
    if polygons.is_empty() {
        return Err(Error::GeoJson {
            file: path.to_owned(),
            at: Location::File,
            reason: "no polygon found".into(),
        });
    }
    let at = if sources == 1 {
        match geojson {
            GeoJson::Geometry(_) => Location::File,
            _ => Location::Feature(1),
        }
    } else {
        Location::File
    };
    checked(
        path,
        at,
        MultiPolygon(polygons),
        "boundary",
        AreaRange::COUNTRY,
    )
}

/// A geometry checked by [`validate_geometry`], its fault located in the file.
fn checked(
    path: &Path,
    at: Location,
    geometry: MultiPolygon<f64>,
    label: &str,
    size: AreaRange,
) -> Result<MultiPolygon<f64>> {
    validate_geometry(&geometry, label, size).map_err(|source| Error::Geometry {
        file: path.to_owned(),
        at,
        source,
    })?;
    Ok(geometry)
}

fn geometry_of<'f>(f: &'f Feature, path: &Path, at: Location) -> Result<&'f geojson::Geometry> {
    f.geometry.as_ref().ok_or_else(|| Error::GeoJson {
        file: path.to_owned(),
        at,
        reason: "the feature has no geometry".into(),
    })
}

/// A Polygon or MultiPolygon, checked: rings closed, at least four positions, finite
/// lon/lat in range.
fn polygons_of(value: &GeometryValue) -> std::result::Result<MultiPolygon<f64>, String> {
    let rings: Vec<&Vec<geojson::Position>> = match value {
        GeometryValue::Polygon { coordinates } => coordinates.iter().collect(),
        GeometryValue::MultiPolygon { coordinates } => coordinates.iter().flatten().collect(),
        other => {
            return Err(format!(
                "expected a Polygon or MultiPolygon, found a {}",
                other.type_name()
            ));
        }
    };
    for ring in rings {
        if ring.len() < 4 {
            return Err(format!(
                "a polygon ring needs at least 4 positions, found {}",
                ring.len()
            ));
        }
        if ring.first() != ring.last() {
            return Err("a polygon ring is not closed (first and last positions differ)".into());
        }
        for p in ring {
            let c = p.as_slice();
            if c.len() < 2
                || !c[0].is_finite()
                || !c[1].is_finite()
                || c[0].abs() > 180.0
                || c[1].abs() > 90.0
            {
                return Err(format!("position {c:?} is not a longitude and latitude"));
            }
        }
    }
    let mut polygons: MultiPolygon<f64> = match value {
        GeometryValue::Polygon { .. } => {
            Polygon::<f64>::try_from(value).map(|p| MultiPolygon(vec![p]))
        }
        _ => MultiPolygon::<f64>::try_from(value),
    }
    .map_err(|e| e.to_string())?;
    for polygon in &mut polygons.0 {
        let round = |ring: &mut geo_types::LineString<f64>| {
            for c in &mut ring.0 {
                *c = geo_types::Coord {
                    x: round7(c.x),
                    y: round7(c.y),
                };
            }
        };
        polygon.exterior_mut(round);
        polygon.interiors_mut(|rings| rings.iter_mut().for_each(round));
    }
    Ok(polygons)
}

struct Properties<'a>(Option<&'a JsonObject>);

impl Fields for Properties<'_> {
    fn text(&self, name: &str) -> Option<Cow<'_, str>> {
        let text = match self.0?.get(name)? {
            JsonValue::String(s) => Cow::Borrowed(s.trim()),
            JsonValue::Number(n) => Cow::Owned(n.to_string()),
            JsonValue::Bool(b) => Cow::Owned(b.to_string()),
            _ => return None,
        };
        (!text.is_empty()).then_some(text)
    }
}

/// Reads every record of a GeoJSON file.
///
/// Each feature's kind is its `frontline:kind` property when present (as in exports),
/// else told by its geometry and properties: polygons with a `level` are regions, other
/// polygons the boundary (the conflict, with `start`); points with a `status` are
/// observations, other points places; features without geometry are parties (with a
/// `colour`) or milestones.
///
/// # Errors
/// The first refused feature, with its number and field.
pub fn read_geojson(path: &Path, defaults: &Defaults) -> Result<Vec<Located>> {
    records_of(path, load(path)?, defaults)
}

/// Reads every record of GeoJSON text, naming it `name` in errors.
///
/// # Errors
/// As [`read_geojson`].
pub fn read_geojson_str(name: &Path, text: &str, defaults: &Defaults) -> Result<Vec<Located>> {
    records_of(name, parse(name, text.as_bytes())?, defaults)
}

fn records_of(path: &Path, geojson: GeoJson, defaults: &Defaults) -> Result<Vec<Located>> {
    match geojson {
        GeoJson::Geometry(g) => {
            let boundary = polygons_of(&g.value).map_err(|reason| Error::GeoJson {
                file: path.to_owned(),
                at: Location::File,
                reason,
            })?;
            let boundary = checked(
                path,
                Location::File,
                boundary,
                "boundary",
                AreaRange::COUNTRY,
            )?;
            Ok(vec![Located::new(
                Location::File,
                Record::Boundary(boundary),
            )])
        }
        GeoJson::Feature(f) => Ok(vec![feature(path, 1, &f, defaults)?]),
        GeoJson::FeatureCollection(fc) => fc
            .features
            .iter()
            .enumerate()
            .map(|(i, f)| feature(path, i + 1, f, defaults))
            .collect(),
    }
}

fn feature(path: &Path, n: usize, f: &Feature, defaults: &Defaults) -> Result<Located> {
    let at = Location::Feature(n);
    let props = Properties(f.properties.as_ref());
    let geometry = f.geometry.as_ref().map(|g| &g.value);
    let field_error = |FieldError { field, reason }| Error::Field {
        file: path.to_owned(),
        at,
        field,
        reason,
    };
    let geo_error = |reason: String| Error::GeoJson {
        file: path.to_owned(),
        at,
        reason,
    };
    if let Some((name, reason)) = f.properties.iter().flatten().find_map(|(k, v)| match v {
        JsonValue::String(text) => columns::control_character(text).map(|r| (k, r)),
        _ => None,
    }) {
        return Err(Error::Field {
            file: path.to_owned(),
            at,
            field: name.clone(),
            reason,
        });
    }
    let is_polygon = matches!(
        geometry,
        Some(GeometryValue::Polygon { .. } | GeometryValue::MultiPolygon { .. })
    );
    let kind = match props.text(KIND_PROPERTY) {
        Some(k) => k.into_owned(),
        None => match geometry {
            _ if props.text("drawn").is_some() => "area".into(),
            _ if props.text("force").is_some() => "presence".into(),
            _ if is_polygon && props.text("level").is_some() => "region".into(),
            _ if is_polygon && props.text("start").is_some() => "conflict".into(),
            _ if is_polygon => "boundary".into(),
            Some(GeometryValue::Point { .. }) if props.text("status").is_some() => {
                "observation".into()
            }
            Some(GeometryValue::Point { .. }) => "place".into(),
            None if props.text("colour").is_some() => "party".into(),
            None if props.text("start").is_some() => "milestone".into(),
            _ => {
                return Err(geo_error(
                    "cannot tell what this feature is; see docs/formats.md".into(),
                ));
            }
        },
    };
    let polygon = |label: &str, size: AreaRange| -> Result<MultiPolygon<f64>> {
        let geometry =
            polygons_of(geometry.ok_or_else(|| geo_error("the feature has no geometry".into()))?)
                .map_err(geo_error)?;
        checked(path, at, geometry, label, size)
    };
    let record = match kind.as_str() {
        "boundary" => Record::Boundary(polygon("boundary", AreaRange::COUNTRY)?),
        "conflict" => Record::Conflict(Conflict {
            id: props
                .text("id")
                .ok_or_else(|| field_error(FieldError::new("id", "a value is required")))?
                .into_owned(),
            names: names(&props).map_err(field_error)?,
            start: columns::start_date(&props.text("start").unwrap_or_default())
                .map_err(field_error)?,
            boundary: polygon("boundary", AreaRange::COUNTRY)?,
            attribution: props
                .text("attribution")
                .map(|t| t.split(" | ").map(str::to_owned).collect())
                .unwrap_or_default(),
        }),
        "region" => {
            let id = RegionId::new(props.text("id").unwrap_or_default().as_ref())
                .map_err(|e| field_error(FieldError::new("id", e.to_string())))?;
            let geometry = polygon(&format!("region {id}"), AreaRange::PART)?;
            Record::Region(Region {
                id,
                names: names(&props).map_err(field_error)?,
                level: match props.text("level") {
                    None => 1,
                    Some(l) => l
                        .parse()
                        .ok()
                        .filter(|n| (1..=9).contains(n))
                        .ok_or_else(|| {
                            field_error(FieldError::new(
                                "level",
                                format!("{} is not a level 1-9", frontline_model::shown(&l)),
                            ))
                        })?,
                },
                parent: props
                    .text("parent")
                    .map(|p| RegionId::new(p.as_ref()))
                    .transpose()
                    .map_err(|e| field_error(FieldError::new("parent", e.to_string())))?,
                geometry,
            })
        }
        "place" => {
            let point = match geometry {
                Some(GeometryValue::Point { coordinates }) if coordinates.len() >= 2 => {
                    Some((coordinates.as_slice()[0], coordinates.as_slice()[1]))
                }
                _ => None,
            };
            Record::Place(columns::place(&props, point).map_err(field_error)?)
        }
        "observation" => {
            Record::Observation(columns::observation(&props, defaults).map_err(field_error)?)
        }
        "area" => Record::Area(
            area(
                &props,
                geometry
                    .map(|_| polygon("area", AreaRange::PART))
                    .transpose()?,
            )
            .map_err(field_error)?,
        ),
        "party" => Record::Party(columns::party(&props).map_err(field_error)?),
        "milestone" => Record::Milestone(columns::milestone(&props).map_err(field_error)?),
        "figure" => Record::Figure(columns::figure(&props).map_err(field_error)?),
        "event" => Record::Event(columns::event(&props).map_err(field_error)?),
        "presence" => Record::Presence(
            columns::presence(&props, defaults, site_point(geometry).map_err(geo_error)?)
                .map_err(field_error)?,
        ),
        other => {
            return Err(field_error(FieldError::new(
                KIND_PROPERTY,
                format!(
                    "unknown kind {}; expected conflict, boundary, region, party, place, area, observation, milestone, figure, event or presence",
                    frontline_model::shown(other)
                ),
            )));
        }
    };
    // Places and parties of an exported history carry their record time.
    let recorded = match record {
        Record::Place(_) | Record::Party(_) | Record::Area(_) => {
            columns::stamp(&props, defaults).map_err(field_error)?
        }
        _ => None,
    };
    Ok(Located {
        at,
        record,
        recorded,
    })
}

/// A presence site's point: the feature's Point, or none (the site is at its `place`).
fn site_point(geometry: Option<&GeometryValue>) -> std::result::Result<Option<(f64, f64)>, String> {
    match geometry {
        None => Ok(None),
        Some(GeometryValue::Point { coordinates }) if coordinates.len() >= 2 => {
            Ok(Some((coordinates.as_slice()[0], coordinates.as_slice()[1])))
        }
        Some(other) => Err(format!(
            "a presence site is a Point or no geometry (a place), found a {}",
            other.type_name()
        )),
    }
}

/// An area: `id`, `name`, `drawn`, and its outline: the feature's polygon, or a
/// `region` id, or `places` (ids separated by `;`), exactly one of them.
fn area(
    props: &Properties<'_>,
    polygon: Option<MultiPolygon<f64>>,
) -> std::result::Result<Area, FieldError> {
    let region = props.text("region");
    let places = props.text("places");
    let given = usize::from(polygon.is_some())
        + usize::from(region.is_some())
        + usize::from(places.is_some());
    if given != 1 {
        return Err(FieldError::new(
            "geometry",
            format!(
                "an area needs exactly one outline (a polygon geometry, a region or places), found {given}"
            ),
        ));
    }
    let outline = if let Some(mp) = polygon {
        Outline::Polygon(mp)
    } else if let Some(r) = region {
        Outline::Region(
            RegionId::new(r.as_ref()).map_err(|e| FieldError::new("region", e.to_string()))?,
        )
    } else {
        let ids = places
            .unwrap_or_default()
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(PlaceId::new)
            .collect::<frontline_model::Result<Vec<_>>>()
            .map_err(|e| FieldError::new("places", e.to_string()))?;
        Outline::Places(ids)
    };
    Ok(Area {
        id: PlaceId::new(props.text("id").unwrap_or_default().as_ref())
            .map_err(|e| FieldError::new("id", e.to_string()))?,
        names: names(props)?,
        outline,
        drawn: props
            .text("drawn")
            .ok_or_else(|| FieldError::new("drawn", "a value is required"))?
            .into_owned(),
    })
}

fn names(props: &Properties<'_>) -> std::result::Result<Names, FieldError> {
    Ok(Names {
        en: props
            .text("name")
            .ok_or_else(|| FieldError::new("name", "a value is required"))?
            .into_owned(),
        ar: props.text("name_ar").map(Cow::into_owned),
        other: Default::default(),
    })
}
