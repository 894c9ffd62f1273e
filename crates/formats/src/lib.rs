//! Reading and writing Frontline's evidence as CSV and GeoJSON.
//!
//! Files are read as streams of [`Record`]s, each with its [`Location`] (a CSV line or a
//! GeoJSON feature), so that every refusal names the file, the line, the field and the
//! reason. What a CSV file holds is told by its header ([`FileKind`]); a GeoJSON file by
//! its geometries and properties. The formats are specified in `docs/formats.md`.
//!
//! # Map
//! - [`open`] (and [`open_text`]): a file's kind, told by its name or its CSV header, its
//!   rank among files to import ([`FileKind::rank`], [`Record::rank`]) and its located
//!   records, streamed.
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
mod open;
mod record;
mod ucdp_ged;
mod wikipedia;

pub use csv_read::CsvRecords;
pub use csv_write::write_csv_dir;
pub use error::{Error, Location, Result};
pub use geojson_read::{read_boundary, read_boundary_str, read_geojson, read_geojson_str};
pub use geojson_write::{History, write_geojson};
pub use geometry::{multilinestring_json, multipolygon_json, point_json, round7};
pub use open::{Opened, Records, open, open_text};
pub use record::{Defaults, FileKind, Located, Record};
pub use ucdp_ged::GedEvents;
pub use wikipedia::{
    BrokenEntry, Icon, Mark, MarkMapping, MatchRule, Matched, Meaning, ModuleContext, ModuleImport,
    read_module, read_module_str,
};
