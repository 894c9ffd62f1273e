//! Reading and writing Frontline's evidence as CSV and GeoJSON.
//!
//! Files are read as streams of [`Record`]s, each with its [`Location`] (a CSV line or a
//! GeoJSON feature), so that every refusal names the file, the line, the field and the
//! reason. What a CSV file holds is told by its header ([`FileKind`]); a GeoJSON file by
//! its geometries and properties. The formats are specified in `docs/formats.md`.
//!
//! # Map
//! - [`read_file`]: open any supported file as a stream of located records.
//! - [`Defaults`]: the record time and recorder stamped on observations a file does not
//!   stamp itself.
//! - [`write_csv_dir`] and [`write_geojson`]: export a whole history.
//! - [`read_boundary`]: a conflict's boundary from a GeoJSON (multi)polygon.
//! - [`GedEvents`]: UCDP GED events (plain or gzipped CSV), kept apart from control.
//! - [`read_module`]: a Wikipedia detailed-map module (Lua) as new places and dated
//!   observations, its marks read through a [`MarkMapping`].

mod columns;
mod csv_read;
mod csv_write;
mod error;
mod geojson_read;
mod geojson_write;
mod geometry;
mod record;
mod ucdp_ged;
mod wikipedia;

pub use csv_read::CsvRecords;
pub use csv_write::write_csv_dir;
pub use error::{Error, Location, Result};
pub use geojson_read::{read_boundary, read_boundary_str, read_geojson, read_geojson_str};
pub use geojson_write::{History, write_geojson};
pub use geometry::{multilinestring_json, multipolygon_json, point_json, round7};
pub use record::{Defaults, FileKind, Located, Record};
pub use ucdp_ged::GedEvents;
pub use wikipedia::{
    BrokenEntry, Icon, Mark, MarkMapping, MatchRule, Matched, Meaning, ModuleContext, ModuleImport,
    read_module, read_module_str,
};

use std::path::Path;

/// Opens `path` and streams its records: GeoJSON when the name ends in `.geojson` or
/// `.json`, CSV otherwise.
///
/// # Errors
/// When the file cannot be opened, is empty, is not UTF-8, or its kind cannot be told;
/// errors in records come from the iterator.
pub fn read_file(
    path: &Path,
    defaults: &Defaults,
) -> Result<Box<dyn Iterator<Item = Result<Located>>>> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if matches!(ext.as_deref(), Some("geojson" | "json")) {
        Ok(Box::new(read_geojson(path, defaults)?.into_iter().map(Ok)))
    } else {
        Ok(Box::new(CsvRecords::open(path, defaults.clone())?))
    }
}
