//! `frontline import`: Frontline CSV and GeoJSON files in one transaction (a new database
//! may be created by importing an exported history), or `--format wikipedia-module|ucdp-ged`
//! into an existing database.

use anyhow::{Result, bail};
use frontline_store::SqliteStore;
use frontline_store::Store as _;

use crate::cli::{Format, ImportArgs, ImportFormat, ListArgs, RestoreArgs};
use crate::import::{ImportReport, Input, RecordTimes, import};
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
    let report = match import(&mut store, &inputs, settings, RecordTimes::Now) {
        Ok(report) => report,
        Err(err) => {
            drop(store);
            if created {
                remove_database(&settings.db);
            }
            return Err(err);
        }
    };
    let mut text = summary("imported", &report);
    if report.restamped > 0 {
        text.push_str(&format!(
            "\n{} records gave their own record time or recorder; any new among them were recorded now, by {} (to keep an export's record times, `frontline restore` it into an empty database)",
            report.restamped, settings.user
        ));
    }
    output::lines(&text)
}

/// `frontline restore`: an exported history into an empty database, keeping its record
/// times; the audit log says so.
pub(crate) fn restore(settings: &Settings, args: RestoreArgs) -> Result<()> {
    let created = !settings.db.exists();
    let mut store = SqliteStore::open(&settings.db)?;
    let counts = store.counts()?;
    if store.conflict()?.is_some() || counts.observations > 0 || counts.places > 0 {
        bail!(
            "{}: restore fills an empty database, and this one holds a conflict and {} observations; restore into a new file (--db NEW.db), or `frontline import` to add records recorded now",
            settings.db.display(),
            counts.observations
        );
    }
    let inputs: Vec<Input> = args.files.into_iter().map(Input::File).collect();
    match import(&mut store, &inputs, settings, RecordTimes::Kept) {
        Ok(report) => output::lines(&format!(
            "{}\nthe export's record times were kept; the audit log records this restore (`frontline audit`)",
            summary("restored", &report)
        )),
        Err(err) => {
            drop(store);
            if created {
                remove_database(&settings.db);
            }
            Err(err)
        }
    }
}

/// `frontline audit`: the audit log.
pub(crate) fn audit(settings: &Settings, args: &ListArgs) -> Result<()> {
    let store = super::open_existing(settings)?;
    let entries = store.audit()?;
    match args.format {
        Format::Json | Format::Csv | Format::Geojson => output::json(&entries),
        Format::Table => {
            let rows: Vec<Vec<String>> = entries
                .iter()
                .map(|e| {
                    vec![
                        e.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                        e.by.clone(),
                        e.action.clone(),
                        e.detail.clone(),
                    ]
                })
                .collect();
            let mut buf = Vec::new();
            output::write_table(&mut buf, &["at", "by", "action", "detail"], &rows)?;
            output::lines(&String::from_utf8_lossy(&buf))
        }
    }
}

/// The one-line count of what an import stored.
fn summary(verb: &str, report: &ImportReport) -> String {
    let areas = if report.added.areas > 0 {
        format!(", {} areas", report.added.areas)
    } else {
        String::new()
    };
    let presence = if report.added.presence > 0 {
        format!(", {} presence records", report.added.presence)
    } else {
        String::new()
    };
    format!(
        "{verb} {} new records ({} observations, {} places{areas}, {} parties, {} regions, {} milestones, {} figures, {} events{presence}); {} already stored",
        report.added.total(),
        report.added.observations,
        report.added.places,
        report.added.parties,
        report.added.regions,
        report.added.milestones,
        report.added.figures,
        report.added.events,
        report.unchanged.total()
    )
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
