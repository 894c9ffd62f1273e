//! `frontline export`: the whole history, as a CSV folder or one GeoJSON file; or, for GIS
//! clients, places' states, observations and areas as KML ([`kml`]) or a GeoPackage
//! ([`gpkg`]).

mod gpkg;
mod kml;
mod spans;

use std::fs::File;
use std::io::{BufWriter, Write};

use anyhow::{Context as _, Result, bail};
use chrono::{DateTime, NaiveDate, Utc};
use frontline_atlas::{AreaShape, At, Atlas, Method};
use frontline_formats::History;
use frontline_store::Store;

use crate::cli::{AreasWhen, ExportArgs, ExportFormat};
use crate::settings::Settings;

/// One date whose areas are exported, and the day the next one begins (`None`: the last).
pub(super) struct AreaDay {
    /// The date of the areas.
    pub(super) on: NaiveDate,
    /// The day they stop holding: the next exported date, or the day after `on` for a
    /// single date.
    pub(super) until: Option<NaiveDate>,
}

/// The areas an export holds: the dates, and how they are computed.
pub(super) struct Areas {
    days: Vec<AreaDay>,
    known_at: DateTime<Utc>,
    method: Method,
}

impl Areas {
    fn new(
        atlas: &Atlas,
        when: AreasWhen,
        today: NaiveDate,
        known_at: DateTime<Utc>,
        method: Method,
    ) -> Self {
        let single = |on: NaiveDate| {
            vec![AreaDay {
                on,
                until: on.succ_opt(),
            }]
        };
        let days = match when {
            AreasWhen::None => Vec::new(),
            AreasWhen::On(on) => single(on),
            AreasWhen::Today => single(today),
            AreasWhen::Changes => {
                let starts = spans::change_days(atlas, known_at, today);
                let ends = starts.iter().skip(1).map(|d| Some(*d)).chain([None]);
                starts
                    .iter()
                    .zip(ends)
                    .map(|(on, until)| AreaDay { on: *on, until })
                    .collect()
            }
        };
        Self {
            days,
            known_at,
            method,
        }
    }

    /// Computes the areas of each date in turn and hands them to `write`, keeping one
    /// date's areas in memory at a time.
    fn each(
        &self,
        atlas: &Atlas,
        mut write: impl FnMut(&AreaDay, &[AreaShape]) -> Result<()>,
    ) -> Result<()> {
        for day in &self.days {
            let at = At {
                on: day.on,
                known_at: self.known_at,
                method: self.method,
            };
            let shapes = atlas
                .area_shapes(at)
                .with_context(|| format!("the areas of {}", day.on))?;
            write(day, &shapes)?;
        }
        Ok(())
    }
}

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
    match args.format {
        ExportFormat::Kml | ExportFormat::Gpkg => for_gis(settings, args),
        ExportFormat::Csv | ExportFormat::Geojson => whole_history(settings, args),
    }
}

/// `--format csv` and `--format geojson`: everything the store holds.
fn whole_history(settings: &Settings, args: &ExportArgs) -> Result<()> {
    if args.areas.is_some() || args.question.known_at.is_some() {
        bail!(
            "--areas and --known-at are for --format kml and gpkg: csv and geojson export the whole history"
        );
    }
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
        ExportFormat::Kml | ExportFormat::Gpkg => return for_gis(settings, args),
    }
    Ok(())
}

/// `--format kml` and `--format gpkg`.
fn for_gis(settings: &Settings, args: &ExportArgs) -> Result<()> {
    let atlas = super::derived::load(settings)?;
    let today = settings.today();
    let when = match args.areas {
        Some(AreasWhen::On(day)) => {
            AreasWhen::On(super::derived::asked(&atlas, settings, "areas", day)?)
        }
        Some(other) => other,
        None => AreasWhen::Today,
    };
    let at = args.question.question(today).at(settings.now);
    let areas = Areas::new(&atlas, when, today, at.known_at, at.method);
    if matches!(args.format, ExportFormat::Gpkg) {
        let path = args.out.as_deref().context(
            "--out FILE is required for --format gpkg (a GeoPackage is a database file)",
        )?;
        return gpkg::write(&atlas, at.known_at, &areas, settings.now, path);
    }
    match &args.out {
        Some(path) => {
            let file =
                File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
            let mut out = BufWriter::new(file);
            kml::write(&atlas, at.known_at, &areas, &mut out)?;
            out.flush()?;
        }
        None => {
            let stdout = std::io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            kml::write(&atlas, at.known_at, &areas, &mut out)?;
            out.flush()?;
        }
    }
    Ok(())
}
