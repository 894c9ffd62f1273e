use std::fmt;
use std::path::PathBuf;

/// Where in a file something was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// A line of a text file (1-based; a CSV header is line 1).
    Line(u64),
    /// A feature of a GeoJSON FeatureCollection (1-based).
    Feature(usize),
    /// The file as a whole.
    File,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Line(n) => write!(f, "line {n}"),
            Self::Feature(n) => write!(f, "feature {n}"),
            Self::File => f.write_str("file"),
        }
    }
}

/// Why a file or a record in it was refused.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be read.
    #[error("{}: cannot read", file.display())]
    Read {
        /// The file.
        file: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The file is empty.
    #[error("{}: the file is empty", file.display())]
    Empty {
        /// The file.
        file: PathBuf,
    },
    /// The file is not valid UTF-8.
    #[error("{}: {at}: not valid UTF-8 text", file.display())]
    NotUtf8 {
        /// The file.
        file: PathBuf,
        /// Where the invalid bytes are.
        at: Location,
    },
    /// The CSV header matches none of the kinds of file Frontline reads.
    #[error("{}: line 1: cannot tell what this CSV holds from its header ({}); expected the columns of parties (id,name,colour), places (id,name,lon,lat,kind), observations (place,date,status,party,source_publisher,...), milestones (id,name,start,series) or figures (figure,value,date,source_publisher,source_title,source_url)", file.display(), frontline_model::shown(.header))]
    UnknownKind {
        /// The file.
        file: PathBuf,
        /// The header found.
        header: String,
    },
    /// A required column is missing from the header.
    #[error("{}: line 1: missing column {column:?}, which a {kind} file needs", file.display())]
    MissingColumn {
        /// The file.
        file: PathBuf,
        /// The column.
        column: &'static str,
        /// The kind of file.
        kind: &'static str,
    },
    /// A column that no kind of file has.
    #[error("{}: line 1: unknown column {} in a {kind} file; accepted: {accepted}", file.display(), frontline_model::shown(.column))]
    UnknownColumn {
        /// The file.
        file: PathBuf,
        /// The column.
        column: String,
        /// The kind of file.
        kind: &'static str,
        /// The accepted columns.
        accepted: String,
    },
    /// A row has a different number of fields than the header.
    #[error("{}: line {line}: ragged row: {found} fields where the header has {expected}", file.display())]
    Ragged {
        /// The file.
        file: PathBuf,
        /// The line.
        line: u64,
        /// Fields in the header.
        expected: u64,
        /// Fields in the row.
        found: u64,
    },
    /// A field's value was refused.
    #[error("{}: {at}: field {field:?}: {reason}", file.display())]
    Field {
        /// The file.
        file: PathBuf,
        /// Where.
        at: Location,
        /// The field (column or property).
        field: String,
        /// Why, in words.
        reason: String,
    },
    /// The CSV could not be parsed.
    #[error("{}: {at}: malformed CSV", file.display())]
    Csv {
        /// The file.
        file: PathBuf,
        /// Where.
        at: Location,
        /// The cause.
        #[source]
        source: csv::Error,
    },
    /// The GeoJSON is not valid.
    #[error("{}: {at}: invalid GeoJSON: {reason}", file.display())]
    GeoJson {
        /// The file.
        file: PathBuf,
        /// Where.
        at: Location,
        /// Why.
        reason: String,
    },
    /// A polygon was refused: it crosses itself, has a hole outside its shell, encloses no
    /// area, covers an implausible area, …
    #[error("{}: {at}: invalid geometry", file.display())]
    Geometry {
        /// The file.
        file: PathBuf,
        /// Where.
        at: Location,
        /// What is wrong with it.
        #[source]
        source: frontline_model::GeometryError,
    },
    /// Writing an export failed.
    #[error("{}: cannot write", file.display())]
    Write {
        /// The file.
        file: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
}

/// A `Result` whose error is this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
