//! UCDP's Georeferenced Event Dataset (GED) as UCDP publishes it: a CSV of one event a
//! row, plain or gzipped (`.gz`), read as a stream of [`Event`]s.
//!
//! Columns read (others are ignored): `id`, `date_start`, `date_end`, `date_prec`,
//! `latitude`, `longitude`, `where_prec`, `where_coordinates`, `adm_1`, `adm_2`,
//! `type_of_violence`, `side_a`, `side_b`, `deaths_a`, `deaths_b`, `deaths_civilians`,
//! `deaths_unknown`, `low`, `best`, `high`, `source_office`, `source_date`,
//! `source_headline`. Numbers may be written as UCDP's exports write them (`214797.0`).

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use csv::StringRecord;
use frontline_model::{Deaths, Event, PartialDate, Source, Stance};

use crate::csv_read::csv_error;
use crate::{Error, Location, Result};

/// The columns an event needs.
const REQUIRED: &[&str] = &[
    "id",
    "date_start",
    "date_end",
    "date_prec",
    "latitude",
    "longitude",
    "where_prec",
    "where_coordinates",
    "adm_1",
    "adm_2",
    "type_of_violence",
    "side_a",
    "side_b",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "low",
    "best",
    "high",
    "source_office",
    "source_date",
    "source_headline",
];

/// The columns of text kept with an event, which may hold no control character other than
/// line breaks and tabs: UCDP's headlines wrap (a quoted cell over several lines), and those
/// are read as spaces ([`one_line`]).
const TEXT: &[&str] = &[
    "side_a",
    "side_b",
    "where_coordinates",
    "adm_1",
    "adm_2",
    "source_office",
    "source_date",
    "source_headline",
];

/// The earliest date GED covers.
const FIRST_DAY: (i32, u32, u32) = (1989, 1, 1);

/// The events of one GED file, read one row at a time.
pub struct GedEvents {
    file: PathBuf,
    reader: csv::Reader<Box<dyn Read>>,
    index: HashMap<&'static str, usize>,
    row: StringRecord,
    failed: bool,
}

impl std::fmt::Debug for GedEvents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GedEvents")
            .field("file", &self.file)
            .finish_non_exhaustive()
    }
}

impl GedEvents {
    /// Opens a GED CSV file (gunzipped on the fly when its name ends in `.gz`) and checks
    /// its header.
    ///
    /// # Errors
    /// [`Error::Read`], [`Error::Empty`], [`Error::NotUtf8`], or [`Error::MissingColumn`]
    /// naming the first missing column.
    pub fn open(path: &Path) -> Result<Self> {
        let handle = File::open(path).map_err(|source| Error::Read {
            file: path.to_owned(),
            source,
        })?;
        let gz = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("gz"));
        let reader: Box<dyn Read> = if gz {
            Box::new(flate2::read::MultiGzDecoder::new(BufReader::with_capacity(
                1 << 16,
                handle,
            )))
        } else {
            Box::new(BufReader::with_capacity(1 << 16, handle))
        };
        Self::from_reader(path, reader)
    }

    /// Reads GED CSV text from `reader`, naming it `name` in errors.
    ///
    /// # Errors
    /// As [`GedEvents::open`].
    pub fn from_reader(name: &Path, reader: Box<dyn Read>) -> Result<Self> {
        let file = name.to_owned();
        let mut reader = csv::ReaderBuilder::new()
            .flexible(false)
            .from_reader(reader);
        let header = reader
            .headers()
            .map_err(|source| csv_error(&file, source))?
            .clone();
        if header.is_empty() || (header.len() == 1 && header[0].trim().is_empty()) {
            return Err(Error::Empty { file });
        }
        let names: Vec<String> = header
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').trim().to_ascii_lowercase())
            .collect();
        let mut index = HashMap::new();
        for column in REQUIRED {
            let at = names
                .iter()
                .position(|n| n == column)
                .ok_or(Error::MissingColumn {
                    file: file.clone(),
                    column,
                    kind: "UCDP GED",
                })?;
            index.insert(*column, at);
        }
        Ok(Self {
            file,
            reader,
            index,
            row: StringRecord::new(),
            failed: false,
        })
    }

    fn cell(&self, column: &'static str) -> &str {
        self.index
            .get(column)
            .and_then(|i| self.row.get(*i))
            .map_or("", str::trim)
    }

    fn refuse(&self, line: u64, column: &str, reason: String) -> Error {
        Error::Field {
            file: self.file.clone(),
            at: Location::Line(line),
            field: column.to_owned(),
            reason,
        }
    }

    fn count(&self, line: u64, column: &'static str) -> Result<u32> {
        let text = self.cell(column);
        let value = text.parse::<f64>().map_err(|_| {
            self.refuse(
                line,
                column,
                format!("{} is not a number", frontline_model::shown(text)),
            )
        })?;
        if !(0.0..=f64::from(u32::MAX)).contains(&value) || value.fract() != 0.0 {
            return Err(self.refuse(
                line,
                column,
                format!(
                    "{} is not a count (a whole number, 0 or more)",
                    frontline_model::shown(text)
                ),
            ));
        }
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Ok(value as u32)
    }

    /// A UCDP code: `date_prec` 1-5, `where_prec` 1-7, `type_of_violence` 1-3.
    fn code(&self, line: u64, column: &'static str) -> Result<u8> {
        let n = self.count(line, column)?;
        let max = match column {
            "date_prec" => 5,
            "where_prec" => 7,
            _ => 3,
        };
        u8::try_from(n)
            .ok()
            .filter(|c| (1..=max).contains(c))
            .ok_or_else(|| {
                self.refuse(line, column, format!("{n} is not a UCDP code (1 to {max})"))
            })
    }

    fn coordinate(&self, line: u64, column: &'static str, limit: f64) -> Result<f64> {
        let text = self.cell(column);
        text.parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && v.abs() <= limit)
            .ok_or_else(|| {
                self.refuse(
                    line,
                    column,
                    format!(
                        "{} is not a coordinate between -{limit} and {limit}",
                        frontline_model::shown(text)
                    ),
                )
            })
    }

    fn day(&self, line: u64, column: &'static str) -> Result<NaiveDate> {
        let text = self.cell(column);
        // Some releases write `2016-01-01 00:00:00.000`.
        let day = text.split([' ', 'T']).next().unwrap_or("");
        let date = NaiveDate::parse_from_str(day, "%Y-%m-%d").map_err(|_| {
            self.refuse(
                line,
                column,
                format!(
                    "{} is not a date (YYYY-MM-DD) that exists",
                    frontline_model::shown(text)
                ),
            )
        })?;
        let first =
            NaiveDate::from_ymd_opt(FIRST_DAY.0, FIRST_DAY.1, FIRST_DAY.2).expect("a valid day");
        if date < first {
            return Err(self.refuse(
                line,
                column,
                format!("{date} is before {first}, where GED begins"),
            ));
        }
        Ok(date)
    }

    fn event(&self, line: u64) -> Result<Event> {
        for column in TEXT {
            if let Some(reason) = crate::columns::control_character(&one_line(self.cell(column))) {
                return Err(self.refuse(line, column, reason));
            }
        }
        let id = self.cell("id");
        let id_number = id
            .parse::<f64>()
            .ok()
            .filter(|v| v.fract() == 0.0 && *v >= 0.0);
        let Some(id_number) = id_number else {
            return Err(self.refuse(
                line,
                "id",
                format!("{} is not an event id", frontline_model::shown(id)),
            ));
        };
        let date_start = self.day(line, "date_start")?;
        let date_end = self.day(line, "date_end")?;
        if date_end < date_start {
            return Err(self.refuse(
                line,
                "date_end",
                format!("{date_end} is before date_start {date_start}"),
            ));
        }
        let deaths = Deaths {
            side_a: self.count(line, "deaths_a")?,
            side_b: self.count(line, "deaths_b")?,
            civilians: self.count(line, "deaths_civilians")?,
            unknown: self.count(line, "deaths_unknown")?,
            low: self.count(line, "low")?,
            best: self.count(line, "best")?,
            high: self.count(line, "high")?,
        };
        // UCDP's own estimates are kept as published, even where low exceeds best (a
        // handful of rows do).
        let text = |c: &'static str| Some(self.cell(c).to_owned()).filter(|s| !s.is_empty());
        Ok(Event {
            id: format!("ucdp-ged:{id_number:.0}"),
            date_start,
            date_end,
            date_precision: self.code(line, "date_prec")?,
            lon: self.coordinate(line, "longitude", 180.0)?,
            lat: self.coordinate(line, "latitude", 90.0)?,
            where_precision: self.code(line, "where_prec")?,
            where_name: one_line(self.cell("where_coordinates")),
            adm_1: text("adm_1"),
            adm_2: text("adm_2"),
            type_of_violence: self.code(line, "type_of_violence")?,
            side_a: one_line(self.cell("side_a")),
            side_b: one_line(self.cell("side_b")),
            deaths,
            sources: self.sources(date_end),
        })
    }

    /// The reports an event cites: offices, dates and headlines are `;`-separated lists
    /// that pair up when they have the same length. A report date UCDP could not have
    /// meant is read as unknown: before 1989, where its data begin (it writes 1753-01-01,
    /// the smallest date of its database, for an unknown one), or more than ten years
    /// after the event's end (its Syria file has a report of 2919-02-06 for an event of
    /// 2019-02-06).
    fn sources(&self, date_end: NaiveDate) -> Vec<Source> {
        let first = NaiveDate::from_ymd_opt(1989, 1, 1).expect("a day");
        let last = date_end
            .checked_add_days(chrono::Days::new(3_653))
            .unwrap_or(NaiveDate::MAX);
        let plausible = |d: &PartialDate| d.first_day() >= first && d.last_day() <= last;
        let split = |c: &'static str| {
            one_line(self.cell(c))
                .split(';')
                .map(|s| s.trim().to_owned())
                .collect::<Vec<_>>()
        };
        let (offices, dates, headlines) = (
            split("source_office"),
            split("source_date"),
            split("source_headline"),
        );
        let paired = offices.len() == headlines.len();
        offices
            .iter()
            .enumerate()
            .filter(|(_, o)| !o.is_empty())
            .map(|(i, office)| Source {
                publisher: office.clone(),
                title: if paired {
                    headlines[i].clone()
                } else {
                    one_line(self.cell("source_headline"))
                },
                url: None,
                published: dates
                    .get(i)
                    .and_then(|d| PartialDate::parse(d).ok())
                    .filter(plausible),
                stance: Stance::Neutral,
            })
            .collect()
    }
}

/// A text cell as one line: line breaks and tabs (a wrapped headline) read as single spaces;
/// any other control character stays, for the check to refuse.
fn one_line(cell: &str) -> String {
    if cell.contains(['\n', '\r', '\t']) {
        cell.split(['\n', '\r', '\t'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        cell.to_owned()
    }
}

impl Iterator for GedEvents {
    type Item = Result<(Location, Event)>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        let result = match self.reader.read_record(&mut self.row) {
            Ok(false) => return None,
            Ok(true) => {
                let line = self.row.position().map_or(0, csv::Position::line);
                self.event(line).map(|e| (Location::Line(line), e))
            }
            Err(source) => Err(csv_error(&self.file, source)),
        };
        self.failed = result.is_err();
        Some(result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "id,year,date_prec,date_start,date_end,latitude,longitude,where_prec,where_coordinates,adm_1,adm_2,type_of_violence,side_a,side_b,deaths_a,deaths_b,deaths_civilians,deaths_unknown,low,best,high,source_office,source_date,source_headline\n";

    fn read(text: &str) -> Result<Vec<Event>> {
        let owned: Box<dyn Read> = Box::new(std::io::Cursor::new(text.to_owned().into_bytes()));
        GedEvents::from_reader(Path::new("ged.csv"), owned)?
            .map(|r| r.map(|(_, e)| e))
            .collect()
    }

    #[test]
    fn rows_become_events_with_deaths_and_sources() {
        let events = read(&format!(
            "{HEADER}214797.0,2016.0,1.0,2016-01-01,2016-01-01,34.8,36.7,1.0,Teir Maaleh village,Homs Governorate,Ar Rastan district,1.0,Government of Syria,Syrian insurgents,2.0,2.0,0.0,0.0,4.0,4.0,5.0,SOHR;Reuters,2016-01-01;2016-01-02,Headline one;Headline two\n"
        ))
        .expect("reads");
        let e = &events[0];
        assert_eq!(e.id, "ucdp-ged:214797");
        assert_eq!(
            (e.deaths.low, e.deaths.best, e.deaths.high, e.deaths.side_a),
            (4, 4, 5, 2)
        );
        assert_eq!(e.sources.len(), 2);
        assert_eq!(e.sources[1].title, "Headline two");
        assert_eq!(e.adm_1.as_deref(), Some("Homs Governorate"));
    }

    /// UCDP's own export wraps some headlines over lines (line 7,511 of the shared 2016-2019
    /// file): a quoted cell's line breaks and tabs read as spaces; an escape is refused.
    #[test]
    fn a_headline_wrapped_over_lines_reads_as_one_line_and_an_escape_is_refused() {
        let row = "214797.0,2016.0,1.0,2016-01-01,2016-01-01,34.8,36.7,1.0,V,G,D,1,A,B,2.0,2.0,0.0,0.0,4.0,4.0,5.0,SOHR;Reuters,2016-01-01;2016-01-02,HEADLINE\n";
        let events = read(&format!(
            "{HEADER}{}",
            row.replace("HEADLINE", "\"Headline\r\n one;Headline\ttwo\"")
        ))
        .expect("reads");
        let titles: Vec<&str> = events[0].sources.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, ["Headline one", "Headline two"]);
        let err = read(&format!(
            "{HEADER}{}",
            row.replace("HEADLINE", "Head\u{1b}[31mline")
        ))
        .expect_err("an escape is refused");
        assert!(err.to_string().contains("\"source_headline\""), "{err}");
    }

    /// UCDP writes 1753-01-01 for an unknown report date, and its Syria file has one of
    /// 2919-02-06: both read as unknown; a report of the next year keeps its date.
    #[test]
    fn report_dates_ucdp_could_not_have_meant_read_as_unknown() {
        let events = read(&format!(
            "{HEADER}280092.0,2019.0,1.0,2019-02-06,2019-02-06,34.8,36.7,1.0,V,G,D,1,A,B,2.0,2.0,0.0,0.0,4.0,4.0,5.0,SOHR;Airwars;SOHR,2919-02-06;1753-01-01;2020-03-01,H1;H2;H3\n"
        ))
        .expect("reads");
        let dates: Vec<Option<String>> = events[0]
            .sources
            .iter()
            .map(|s| s.published.map(|d| d.to_string()))
            .collect();
        assert_eq!(dates, [None, None, Some("2020-03-01".to_owned())]);
    }

    #[test]
    fn codes_outside_ucdp_ranges_are_refused() {
        let row = "214797.0,2016.0,1.0,2016-01-01,2016-01-01,34.8,36.7,1.0,V,G,D,TYPE,A,B,2.0,2.0,0.0,0.0,4.0,4.0,5.0,SOHR,2016-01-01,H\n";
        for (code, ok) in [("1.0", true), ("3", true), ("9", false), ("0", false)] {
            let result = read(&format!("{HEADER}{}", row.replace("TYPE", code)));
            assert_eq!(result.is_ok(), ok, "{code}: {result:?}");
            if let Err(err) = result {
                assert!(
                    err.to_string().contains("\"type_of_violence\": ")
                        && err.to_string().contains("is not a UCDP code (1 to 3)"),
                    "{err}"
                );
            }
        }
    }

    #[test]
    fn a_missing_column_is_refused_on_line_1() {
        let err = read("id,date_start\n1,2016-01-01\n").expect_err("refused");
        assert!(
            err.to_string()
                .contains("line 1: missing column \"date_end\""),
            "{err}"
        );
    }

    #[test]
    fn an_impossible_date_is_refused_with_line_and_column() {
        let row =
            "1,2016,1,2016-02-30,2016-02-30,34.8,36.7,1,X,A,B,1,S,T,0,0,0,0,1,1,1,O,2016-01-01,H\n";
        let err = read(&format!("{HEADER}{row}")).expect_err("refused");
        assert!(
            err.to_string().contains("line 2: field \"date_start\""),
            "{err}"
        );
        let backwards =
            "1,2016,1,2016-02-03,2016-02-01,34.8,36.7,1,X,A,B,1,S,T,0,0,0,0,1,1,1,O,2016-01-01,H\n";
        let err = read(&format!("{HEADER}{backwards}")).expect_err("refused");
        assert!(
            err.to_string()
                .contains("field \"date_end\": 2016-02-01 is before date_start"),
            "{err}"
        );
    }
}
