//! Opening a file to import: its kind told by its name (GeoJSON) or by its CSV header, and
//! the rank at which its records are stored among other files' records.

use std::path::{Path, PathBuf};

use crate::{CsvRecords, Defaults, Located, Result, read_geojson, read_geojson_str};

/// The records of an opened file, streamed, each with where it was read.
pub type Records = Box<dyn Iterator<Item = Result<Located>> + Send>;

/// A file opened for import: its name, the rank of what it holds and its records.
pub struct Opened {
    /// The file's name, as given (in errors).
    pub path: PathBuf,
    /// When its records are stored among other files' records: a CSV file's
    /// [`FileKind::rank`](crate::FileKind::rank), a GeoJSON file's first
    /// [`Record::rank`](crate::Record::rank).
    pub rank: u8,
    /// The records; a GeoJSON file's in rank order.
    pub records: Records,
}

impl std::fmt::Debug for Opened {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Opened")
            .field("path", &self.path)
            .field("rank", &self.rank)
            .finish_non_exhaustive()
    }
}

/// Whether a file's name says GeoJSON: it ends in `.geojson` or `.json` (in any case).
fn is_geojson(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("geojson" | "json")
    )
}

/// Opens `path`: GeoJSON when its name ends in `.geojson` or `.json`, otherwise CSV of the
/// kind its header tells ([`FileKind`](crate::FileKind)).
///
/// # Errors
/// When the file cannot be read, is empty, is not UTF-8, or its kind cannot be told (a CSV
/// file is read row by row: errors in its records come from [`Opened::records`]).
pub fn open(path: &Path, defaults: &Defaults) -> Result<Opened> {
    if is_geojson(path) {
        Ok(geojson_file(path, read_geojson(path, defaults)?))
    } else {
        Ok(csv_file(path, CsvRecords::open(path, defaults.clone())?))
    }
}

/// Opens text built into a program as [`open`] opens a file named `name`.
///
/// # Errors
/// As [`open`].
pub fn open_text(name: &Path, text: &'static str, defaults: &Defaults) -> Result<Opened> {
    if is_geojson(name) {
        Ok(geojson_file(name, read_geojson_str(name, text, defaults)?))
    } else {
        let reader = Box::new(text.as_bytes());
        Ok(csv_file(
            name,
            CsvRecords::from_reader(name, reader, defaults.clone())?,
        ))
    }
}

fn csv_file(path: &Path, records: CsvRecords) -> Opened {
    Opened {
        path: path.to_owned(),
        rank: records.kind().rank(),
        records: Box::new(records),
    }
}

fn geojson_file(path: &Path, mut list: Vec<Located>) -> Opened {
    list.sort_by_key(|l| l.record.rank());
    Opened {
        path: path.to_owned(),
        rank: list.first().map_or(0, |l| l.record.rank()),
        records: Box::new(list.into_iter().map(Ok)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FileKind;

    #[test]
    fn a_files_kind_is_told_by_its_name_then_its_header() {
        assert!(is_geojson(Path::new("history.GeoJSON")));
        assert!(is_geojson(Path::new("a/b.json")));
        assert!(!is_geojson(Path::new("places.csv")));
        assert!(!is_geojson(Path::new("geojson")));
        let defaults = Defaults {
            recorded_at: chrono::DateTime::UNIX_EPOCH,
            recorded_by: "test".into(),
        };
        let places = open_text(
            Path::new("places.csv"),
            "id,name,lon,lat,kind\nalpha,Alpha,10.5,10.5,city\n",
            &defaults,
        )
        .expect("opens");
        assert_eq!(places.rank, FileKind::Places.rank());
        assert_eq!(places.records.count(), 1);
    }

    #[test]
    fn file_kinds_rank_as_the_records_they_hold() {
        let ranks: Vec<u8> = [
            FileKind::Parties,
            FileKind::Places,
            FileKind::Observations,
            FileKind::Milestones,
            FileKind::Figures,
            FileKind::Events,
            FileKind::Presence,
        ]
        .map(FileKind::rank)
        .to_vec();
        // Areas (GeoJSON only) take 4, between places and observations.
        assert_eq!(ranks, [2, 3, 5, 6, 6, 6, 6]);
    }
}
