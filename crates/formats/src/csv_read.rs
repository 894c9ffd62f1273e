//! Streaming CSV reading: one row at a time, so files of any size are read in constant
//! memory.

use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use csv::{ByteRecord, ErrorKind};

use crate::columns::{self, FieldError, Fields, Repeats};
use crate::{Defaults, Error, FileKind, Located, Location, Record, Result};
use frontline_model::Recorded;

/// The records of one CSV file, read one row at a time.
pub struct CsvRecords {
    file: PathBuf,
    reader: csv::Reader<Box<dyn Read + Send>>,
    kind: FileKind,
    index: HashMap<String, usize>,
    repeats: Repeats,
    defaults: Defaults,
    row: ByteRecord,
    failed: bool,
}

impl std::fmt::Debug for CsvRecords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CsvRecords")
            .field("file", &self.file)
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

impl CsvRecords {
    /// Opens a CSV file and reads its header.
    ///
    /// # Errors
    /// [`Error::Read`], [`Error::Empty`], [`Error::NotUtf8`], [`Error::UnknownKind`],
    /// [`Error::MissingColumn`] or [`Error::UnknownColumn`].
    pub fn open(path: &Path, defaults: Defaults) -> Result<Self> {
        let handle = File::open(path).map_err(|source| Error::Read {
            file: path.to_owned(),
            source,
        })?;
        Self::from_reader(
            path,
            Box::new(BufReader::with_capacity(1 << 16, handle)),
            defaults,
        )
    }

    /// Reads CSV text from `reader`, naming it `name` in errors.
    ///
    /// # Errors
    /// As [`CsvRecords::open`].
    pub fn from_reader(
        name: &Path,
        reader: Box<dyn Read + Send>,
        defaults: Defaults,
    ) -> Result<Self> {
        let file = name.to_owned();
        let mut reader = csv::ReaderBuilder::new()
            .flexible(false)
            .from_reader(reader);
        let header = reader
            .byte_headers()
            .map_err(|source| csv_error(&file, source))?
            .clone();
        if header.is_empty() || (header.len() == 1 && header[0].is_empty()) {
            return Err(Error::Empty { file });
        }
        let mut names = Vec::with_capacity(header.len());
        for field in &header {
            let text = std::str::from_utf8(field).map_err(|_| Error::NotUtf8 {
                file: file.clone(),
                at: Location::Line(1),
            })?;
            names.push(
                text.trim_start_matches('\u{feff}')
                    .trim()
                    .to_ascii_lowercase(),
            );
        }
        let kind = columns::detect(&names).ok_or_else(|| Error::UnknownKind {
            file: file.clone(),
            header: names.join(","),
        })?;
        if let Some(column) = columns::required(kind)
            .iter()
            .find(|c| !names.iter().any(|n| n == *c))
        {
            return Err(Error::MissingColumn {
                file,
                column,
                kind: kind.name(),
            });
        }
        if let Some(column) = names.iter().find(|n| !columns::accepts(kind, n)) {
            return Err(Error::UnknownColumn {
                file: file.clone(),
                column: column.clone(),
                kind: kind.name(),
                accepted: columns::accepted(kind),
            });
        }
        let repeats = Repeats::of(&names);
        let index = names.into_iter().enumerate().map(|(i, n)| (n, i)).collect();
        Ok(Self {
            file,
            reader,
            kind,
            index,
            repeats,
            defaults,
            row: ByteRecord::new(),
            failed: false,
        })
    }

    /// What the file holds.
    #[must_use]
    pub fn kind(&self) -> FileKind {
        self.kind
    }

    /// The record of the current row, and the record time it gives (places, parties).
    fn parse_row(&self, line: u64) -> Result<(Record, Option<Recorded>)> {
        let mut fields = Vec::with_capacity(self.row.len());
        for bytes in &self.row {
            let text = std::str::from_utf8(bytes).map_err(|_| Error::NotUtf8 {
                file: self.file.clone(),
                at: Location::Line(line),
            })?;
            fields.push(text);
        }
        if let Some((i, reason)) = fields
            .iter()
            .enumerate()
            .find_map(|(i, t)| columns::control_character(t).map(|r| (i, r)))
        {
            let field = self
                .index
                .iter()
                .find(|(_, ix)| **ix == i)
                .map_or_else(|| format!("column {}", i + 1), |(name, _)| name.clone());
            return Err(Error::Field {
                file: self.file.clone(),
                at: Location::Line(line),
                field,
                reason,
            });
        }
        let row = Row {
            index: &self.index,
            repeats: self.repeats,
            fields,
        };
        let versioned =
            |record: Record| columns::stamp(&row, &self.defaults).map(|stamp| (record, stamp));
        let unversioned = |record: Record| (record, None);
        let parsed = match self.kind {
            FileKind::Parties => columns::party(&row).map(Record::Party).and_then(versioned),
            FileKind::Places => columns::place(&row, None)
                .map(Record::Place)
                .and_then(versioned),
            FileKind::Observations => columns::observation(&row, &self.defaults)
                .map(Record::Observation)
                .map(unversioned),
            FileKind::Milestones => columns::milestone(&row)
                .map(Record::Milestone)
                .map(unversioned),
            FileKind::Figures => columns::figure(&row).map(Record::Figure).map(unversioned),
            FileKind::Events => columns::event(&row).map(Record::Event).map(unversioned),
            FileKind::Presence => columns::presence(&row, &self.defaults, None)
                .map(Record::Presence)
                .map(unversioned),
        };
        parsed.map_err(|FieldError { field, reason }| Error::Field {
            file: self.file.clone(),
            at: Location::Line(line),
            field,
            reason,
        })
    }
}

struct Row<'a> {
    index: &'a HashMap<String, usize>,
    repeats: Repeats,
    fields: Vec<&'a str>,
}

impl Fields for Row<'_> {
    fn text(&self, name: &str) -> Option<Cow<'_, str>> {
        let value = self.fields.get(*self.index.get(name)?)?.trim();
        (!value.is_empty()).then_some(Cow::Borrowed(value))
    }

    fn repeats(&self) -> Repeats {
        self.repeats
    }
}

impl Iterator for CsvRecords {
    type Item = Result<Located>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        let result = match self.reader.read_byte_record(&mut self.row) {
            Ok(false) => return None,
            Ok(true) => {
                let line = self.row.position().map_or(0, csv::Position::line);
                self.parse_row(line).map(|(record, recorded)| Located {
                    at: Location::Line(line),
                    record,
                    recorded,
                })
            }
            Err(source) => Err(csv_error(&self.file, source)),
        };
        self.failed = result.is_err();
        Some(result)
    }
}

/// A CSV reader's error, located: ragged rows and bad UTF-8 by line.
pub(crate) fn csv_error(file: &Path, source: csv::Error) -> Error {
    let file = file.to_owned();
    match source.kind() {
        ErrorKind::UnequalLengths {
            pos,
            expected_len,
            len,
        } => Error::Ragged {
            file,
            line: pos.as_ref().map_or(0, csv::Position::line),
            expected: *expected_len,
            found: *len,
        },
        ErrorKind::Utf8 { pos, .. } => Error::NotUtf8 {
            file,
            at: Location::Line(pos.as_ref().map_or(0, csv::Position::line)),
        },
        ErrorKind::Io(_) => Error::Csv {
            file,
            at: Location::File,
            source,
        },
        _ => {
            let at = source
                .position()
                .map_or(Location::File, |p| Location::Line(p.line()));
            Error::Csv { file, at, source }
        }
    }
}
