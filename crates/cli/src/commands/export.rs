//! `frontline export`: the whole history, as a CSV folder or one GeoJSON file.

use std::fs::File;
use std::io::{BufWriter, Write};

use anyhow::{Context as _, Result};
use chrono::NaiveDate;
use frontline_formats::History;
use frontline_store::Store;

use crate::cli::{ExportArgs, ExportFormat};
use crate::settings::Settings;

/// Everything the store holds.
pub(crate) fn history(store: &dyn Store) -> Result<History> {
    Ok(History {
        conflict: store.conflict()?,
        regions: store.regions()?,
        parties: store.party_versions()?,
        places: store.place_versions()?,
        areas: store.area_versions()?,
        observations: store.observations()?,
        milestones: store.milestones()?,
        figures: store.figures()?,
        events: store.events(NaiveDate::MIN, NaiveDate::MAX)?,
        presence: store.presence()?,
    })
}

pub(crate) fn run(settings: &Settings, args: &ExportArgs) -> Result<()> {
    let store = super::open_existing(settings)?;
    let history = history(&store)?;
    match args.format {
        ExportFormat::Csv => {
            let dir = args
                .out
                .as_deref()
                .context("--out FOLDER is required for --format csv (it writes several files)")?;
            frontline_formats::write_csv_dir(&history, dir)?;
        }
        ExportFormat::Geojson => match &args.out {
            Some(path) => {
                let file = File::create(path)
                    .with_context(|| format!("cannot create {}", path.display()))?;
                let mut out = BufWriter::new(file);
                frontline_formats::write_geojson(&history, &mut out)?;
                out.flush()?;
            }
            None => {
                let stdout = std::io::stdout();
                let mut out = BufWriter::new(stdout.lock());
                frontline_formats::write_geojson(&history, &mut out)?;
                out.flush()?;
            }
        },
    }
    Ok(())
}
