//! The output layer: tables for people, CSV and JSON for machines. The only place that
//! writes to stdout.

use std::io::{self, BufWriter, Write};

use anyhow::Result;
use serde::Serialize;

use crate::cli::Format;

/// Writes rows in `format`: JSON (an array of the rows' serialisations), CSV (a header and
/// the cells) or an aligned table (the same cells).
pub(crate) fn emit<T: Serialize>(
    format: Format,
    header: &[&str],
    rows: &[T],
    cells: impl Fn(&T) -> Vec<String>,
) -> Result<()> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match format {
        Format::Json | Format::Geojson => {
            serde_json::to_writer_pretty(&mut out, rows)?;
            writeln!(out)?;
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record(header)?;
            for row in rows {
                w.write_record(cells(row))?;
            }
            w.flush()?;
        }
        Format::Table => {
            let body: Vec<Vec<String>> = rows.iter().map(cells).collect();
            write_table(&mut out, header, &body)?;
        }
    }
    out.flush()?;
    Ok(())
}

/// Writes a JSON value, pretty-printed, to stdout.
pub(crate) fn json<T: Serialize + ?Sized>(value: &T) -> Result<()> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    out.flush()?;
    Ok(())
}

/// Writes warnings (what an answer left out and why) to stderr, one `warning:` line each,
/// so that stdout keeps only the answer.
pub(crate) fn warnings(warnings: &[String]) -> Result<()> {
    let stderr = io::stderr();
    let mut out = stderr.lock();
    for w in warnings {
        writeln!(out, "warning: {w}")?;
    }
    Ok(())
}

/// Writes plain lines to stdout.
pub(crate) fn lines(text: &str) -> Result<()> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    out.write_all(text.as_bytes())?;
    if !text.ends_with('\n') {
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

/// Writes an aligned table: columns padded to their widest cell (in characters).
pub(crate) fn write_table(
    out: &mut impl Write,
    header: &[&str],
    rows: &[Vec<String>],
) -> io::Result<()> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |out: &mut dyn Write, cells: &mut dyn Iterator<Item = &str>| -> io::Result<()> {
        let mut text = String::new();
        for (i, (cell, w)) in cells.zip(&widths).enumerate() {
            if i > 0 {
                text.push_str("  ");
            }
            text.push_str(cell);
            if i + 1 < widths.len() {
                text.extend(std::iter::repeat_n(' ', w - cell.chars().count()));
            }
        }
        writeln!(out, "{}", text.trim_end())
    };
    line(out, &mut header.iter().copied())?;
    for row in rows {
        line(out, &mut row.iter().map(String::as_str))?;
    }
    Ok(())
}
