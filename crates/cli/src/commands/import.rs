//! `frontline import`: Frontline CSV and GeoJSON files in one transaction (a new database
//! may be created by importing an exported history), or `--format wikipedia-module|ucdp-ged`
//! into an existing database.

use anyhow::{Result, bail};
use frontline_store::SqliteStore;

use crate::cli::{ImportArgs, ImportFormat};
use crate::import::{Input, import};
use crate::output;
use crate::settings::Settings;

use super::{ged, wikipedia};

pub(crate) fn run(settings: &Settings, args: ImportArgs) -> Result<()> {
    if args.format.is_some() {
        return import_format(settings, &args);
    }
    // A new database may be created by importing an exported history (which carries its
    // conflict); if the import fails, the new file is removed.
    let created = !settings.db.exists();
    let mut store = SqliteStore::open(&settings.db)?;
    let inputs: Vec<Input> = args.files.into_iter().map(Input::File).collect();
    let report = match import(&mut store, &inputs, settings) {
        Ok(report) => report,
        Err(err) => {
            drop(store);
            if created {
                remove_database(&settings.db);
            }
            return Err(err);
        }
    };
    output::lines(&format!(
        "imported {} new records ({} observations, {} places, {} parties, {} regions, {} milestones, {} figures, {} events); {} already stored",
        report.added.total(),
        report.added.observations,
        report.added.places,
        report.added.parties,
        report.added.regions,
        report.added.milestones,
        report.added.figures,
        report.added.events,
        report.unchanged.total()
    ))
}

/// `import --format wikipedia-module|ucdp-ged`: into an existing database.
fn import_format(settings: &Settings, args: &ImportArgs) -> Result<()> {
    let mut store = super::open_existing(settings)?;
    match args.format {
        Some(ImportFormat::UcdpGed) => {
            output::lines(&ged::report(&ged::run(&mut store, settings, &args.files)?))
        }
        _ => {
            let [file] = args.files.as_slice() else {
                bail!("--format wikipedia-module imports one module at a time");
            };
            let outcome = wikipedia::run(&mut store, settings, args, file)?;
            output::lines(&wikipedia::report(&outcome, args.skip_bad))
        }
    }
}

/// Removes a database file this run created, with its WAL and shared-memory files.
fn remove_database(db: &std::path::Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(name);
    }
}
