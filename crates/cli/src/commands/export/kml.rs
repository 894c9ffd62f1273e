//! `frontline export --format kml`: a KML 2.2 document Google Earth's time slider plays:
//! each place's states as placemarks with a `TimeSpan`, styled by the holder's colour, and
//! the areas of the asked dates, each valid until the next.

use std::io::Write;

use anyhow::Result;
use chrono::{DateTime, Utc};
use frontline_atlas::Atlas;
use frontline_render::escape_xml as escape;
use geo_types::{LineString, MultiPolygon};

use super::spans::{self, Span};
use super::{AreaDay, Areas};

/// A KML colour: `aabbggrr` in hex.
fn kml_colour(rgb: [u8; 3], alpha: u8) -> String {
    format!("{alpha:02x}{:02x}{:02x}{:02x}", rgb[2], rgb[1], rgb[0])
}

/// A `TimeSpan` from `from` until the day `until` (open when `None`).
fn time_span(from: chrono::NaiveDate, until: Option<chrono::NaiveDate>) -> String {
    match until {
        Some(u) => format!("<TimeSpan><begin>{from}</begin><end>{u}</end></TimeSpan>"),
        None => format!("<TimeSpan><begin>{from}</begin></TimeSpan>"),
    }
}

fn place_mark(out: &mut impl Write, span: &Span<'_>, colour: [u8; 3]) -> Result<()> {
    let holders = if span.parties.is_empty() {
        "no one known".to_owned()
    } else {
        span.parties.join(" and ")
    };
    writeln!(
        out,
        "<Placemark><name>{name}</name><description>{status}: {holders}{obs}</description>{time}\
         <Style><IconStyle><color>{icon}</color><scale>0.7</scale></IconStyle><LabelStyle><scale>0.6</scale></LabelStyle></Style>\
         <ExtendedData><Data name=\"place\"><value>{id}</value></Data><Data name=\"status\"><value>{status}</value></Data><Data name=\"parties\"><value>{parties}</value></Data></ExtendedData>\
         <Point><coordinates>{lon},{lat}</coordinates></Point></Placemark>",
        name = escape(&span.place.names.en),
        status = escape(&span.status),
        holders = escape(&holders),
        obs = span
            .observation
            .as_deref()
            .map(|o| format!(" (observation {})", escape(o)))
            .unwrap_or_default(),
        time = time_span(span.from, span.until),
        icon = kml_colour(colour, 0xff),
        id = escape(span.place.id.as_str()),
        parties = escape(&span.parties.join(",")),
        lon = span.place.lon,
        lat = span.place.lat,
    )?;
    Ok(())
}

fn ring(out: &mut String, line: &LineString<f64>) {
    out.push_str("<LinearRing><coordinates>");
    for (k, c) in line.coords().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        out.push_str(&format!("{},{}", c.x, c.y));
    }
    out.push_str("</coordinates></LinearRing>");
}

fn polygons(geometry: &MultiPolygon<f64>) -> String {
    let mut out = String::from("<MultiGeometry>");
    for polygon in geometry {
        out.push_str("<Polygon><outerBoundaryIs>");
        ring(&mut out, polygon.exterior());
        out.push_str("</outerBoundaryIs>");
        for hole in polygon.interiors() {
            out.push_str("<innerBoundaryIs>");
            ring(&mut out, hole);
            out.push_str("</innerBoundaryIs>");
        }
        out.push_str("</Polygon>");
    }
    out.push_str("</MultiGeometry>");
    out
}

fn area_mark(
    out: &mut impl Write,
    day: &AreaDay,
    shape: &frontline_atlas::AreaShape,
) -> Result<()> {
    let colour = spans::shape_colour(shape);
    writeln!(
        out,
        "<Placemark><name>{name}</name><description>{key}</description>{time}\
         <Style><LineStyle><color>{line}</color><width>1</width></LineStyle><PolyStyle><color>{fill}</color></PolyStyle></Style>\
         <ExtendedData><Data name=\"key\"><value>{key}</value></Data><Data name=\"kind\"><value>{kind}</value></Data><Data name=\"date\"><value>{date}</value></Data></ExtendedData>\
         {geometry}</Placemark>",
        name = escape(&shape.name),
        key = escape(&shape.key),
        time = time_span(day.on, day.until),
        line = kml_colour(colour, 0xff),
        fill = kml_colour(colour, 0x80),
        kind = escape(&shape.kind.to_string()),
        date = day.on,
        geometry = polygons(&shape.geometry),
    )?;
    Ok(())
}

/// Writes the document: places' states, then the areas of `areas`, computed one date at a
/// time and written as they come.
///
/// # Errors
/// When writing fails or the areas of a date cannot be computed.
pub(super) fn write(
    atlas: &Atlas,
    known_at: DateTime<Utc>,
    areas: &Areas,
    out: &mut impl Write,
) -> Result<()> {
    let styles = spans::party_styles(atlas);
    let conflict = atlas.conflict();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<kml xmlns="http://www.opengis.net/kml/2.2">"#)?;
    writeln!(
        out,
        "<Document><name>{}</name><description>Frontline: who held what, as known at {}. Each placemark holds from its TimeSpan's begin until its end; play it with the time slider.</description>",
        escape(&conflict.names.en),
        known_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    )?;
    writeln!(out, "<Folder><name>Places</name>")?;
    for i in 0..atlas.places().len() {
        for span in spans::place_spans(atlas, i, known_at) {
            place_mark(out, &span, spans::colour_of(&span.parties, &styles))?;
        }
    }
    writeln!(out, "</Folder>")?;
    writeln!(out, "<Folder><name>Areas</name>")?;
    areas.each(atlas, |day, shapes| {
        for shape in shapes {
            area_mark(out, day, shape)?;
        }
        Ok(())
    })?;
    writeln!(out, "</Folder>")?;
    writeln!(out, "</Document></kml>")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kml_colours_are_alpha_blue_green_red_and_text_is_escaped() {
        assert_eq!(kml_colour([0x12, 0x34, 0x56], 0x80), "80563412");
        assert_eq!(escape(r#"a<b & "c""#), "a&lt;b &amp; &quot;c&quot;");
    }
}
