//! Writing a whole history as a folder of CSV files (and one GeoJSON file for the
//! geometries CSV cannot hold).

use std::fs::File;
use std::io::BufWriter;
use std::path::Path;

use crate::{Error, History, Result, columns, write_geojson};

fn create(path: &Path) -> Result<BufWriter<File>> {
    File::create(path)
        .map(BufWriter::new)
        .map_err(|source| Error::Write {
            file: path.to_owned(),
            source,
        })
}

fn write_rows(
    path: &Path,
    header: &[String],
    rows: impl Iterator<Item = Vec<String>>,
) -> Result<()> {
    let err = |e: csv::Error| Error::Write {
        file: path.to_owned(),
        source: std::io::Error::other(e),
    };
    let mut w = csv::Writer::from_writer(create(path)?);
    w.write_record(header).map_err(err)?;
    for row in rows {
        w.write_record(&row).map_err(err)?;
    }
    w.flush().map_err(|source| Error::Write {
        file: path.to_owned(),
        source,
    })
}

fn write_pairs(path: &Path, rows: Vec<Vec<(&'static str, String)>>) -> Result<()> {
    let Some(first) = rows.first() else {
        return Ok(());
    };
    let header: Vec<String> = first.iter().map(|(k, _)| (*k).to_owned()).collect();
    write_rows(
        path,
        &header,
        rows.into_iter()
            .map(|r| r.into_iter().map(|(_, v)| v).collect()),
    )
}

/// Writes `history` into the folder `dir` (created if needed): `conflict.geojson` (the
/// conflict and its regions), `areas.geojson` (the areas, when there are any), `parties.csv`, `places.csv`, `observations.csv` and
/// `milestones.csv`, `figures.csv`, `events.csv` and `presence.csv` (the last two only
/// when there is something to write).
/// Importing the folder's files gives the same history back.
///
/// # Errors
/// [`Error::Write`] when a file cannot be written.
pub fn write_csv_dir(history: &History, dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|source| Error::Write {
        file: dir.to_owned(),
        source,
    })?;
    let geo = History {
        conflict: history.conflict.clone(),
        regions: history.regions.clone(),
        ..History::default()
    };
    let path = dir.join("conflict.geojson");
    let mut out = create(&path)?;
    write_geojson(&geo, &mut out).map_err(|source| Error::Write {
        file: path.clone(),
        source,
    })?;
    if !history.areas.is_empty() {
        let path = dir.join("areas.geojson");
        let features: Vec<serde_json::Value> = history
            .areas
            .iter()
            .map(crate::geojson_write::area_feature)
            .collect();
        let collection = serde_json::json!({ "type": "FeatureCollection", "features": features });
        let mut out = create(&path)?;
        serde_json::to_writer(&mut out, &collection)
            .map_err(std::io::Error::other)
            .and_then(|()| std::io::Write::write_all(&mut out, b"\n"))
            .map_err(|source| Error::Write {
                file: path.clone(),
                source,
            })?;
    }
    write_pairs(
        &dir.join("parties.csv"),
        history
            .parties
            .iter()
            .map(|v| columns::stamped(columns::party_row(&v.value), &v.recorded))
            .collect(),
    )?;
    write_pairs(
        &dir.join("places.csv"),
        history
            .places
            .iter()
            .map(|v| columns::stamped(columns::place_row(&v.value), &v.recorded))
            .collect(),
    )?;
    let (parties, sources) = columns::observation_width(&history.observations);
    write_rows(
        &dir.join("observations.csv"),
        &columns::observation_columns(parties, sources),
        history
            .observations
            .iter()
            .map(|o| columns::observation_row(o, parties, sources)),
    )?;
    write_pairs(
        &dir.join("milestones.csv"),
        history
            .milestones
            .iter()
            .map(columns::milestone_row)
            .collect(),
    )?;
    write_pairs(
        &dir.join("figures.csv"),
        history.figures.iter().map(columns::figure_row).collect(),
    )?;
    if !history.presence.is_empty() {
        let sources = columns::sources_width(history.presence.iter().map(|p| &p.sources));
        write_rows(
            &dir.join("presence.csv"),
            &columns::presence_columns(sources),
            history
                .presence
                .iter()
                .map(|p| columns::presence_row(p, sources)),
        )?;
    }
    if history.events.is_empty() {
        return Ok(());
    }
    let sources = columns::sources_width(history.events.iter().map(|e| &e.sources));
    write_rows(
        &dir.join("events.csv"),
        &columns::event_columns(sources),
        history
            .events
            .iter()
            .map(|e| columns::event_row(e, sources)),
    )
}
