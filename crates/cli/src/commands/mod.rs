//! One module per verb; `run` dispatches.

mod derived;
mod export;
mod ged;
mod history;
mod init;
mod lists;
mod serve;
mod state;
mod toll;
mod wikipedia;

use anyhow::{Context as _, Result, bail};
use chrono::{DateTime, NaiveDate, Utc};
use frontline_store::SqliteStore;

use crate::cli::{Cli, Command};
use crate::import::{Input, import};
use crate::output;
use crate::settings::Settings;

pub(crate) fn run(cli: Cli) -> Result<()> {
    let settings = Settings::resolve(&cli.global)?;
    match cli.command {
        Command::Init(args) => init::run(&settings, &args),
        Command::Import(args) if args.format.is_some() => import_format(&settings, &args),
        Command::Import(args) => {
            // A new database may be created by importing an exported history (which
            // carries its conflict); if the import fails, the new file is removed.
            let created = !settings.db.exists();
            let mut store = SqliteStore::open(&settings.db)?;
            let inputs: Vec<Input> = args.files.into_iter().map(Input::File).collect();
            let report = match import(&mut store, &inputs, &settings) {
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
        Command::Export(args) => export::run(&settings, &args),
        Command::State(args) => state::run(&settings, &args),
        Command::History(args) => history::run(&settings, &args),
        Command::Places(args) => lists::places(&settings, &args),
        Command::Parties(args) => lists::parties(&settings, &args),
        Command::Stats(args) => derived::stats(&settings, &args),
        Command::Series(args) => derived::series(&settings, &args),
        Command::Diff(args) => derived::diff(&settings, &args),
        Command::Why(args) => derived::why(&settings, &args),
        Command::Areas(args) => derived::areas(&settings, &args, false),
        Command::Frontlines(args) => derived::areas(&settings, &args, true),
        Command::Toll(args) => toll::run(&settings, &args),
        Command::Map(args) => derived::map(&settings, &args),
        Command::Chart(args) => derived::chart(&settings, &args),
        Command::Settings => output::json(&settings),
        Command::Serve(args) => serve::run(&settings, &args),
    }
}

/// `import --format wikipedia-module|ucdp-ged`: into an existing database.
fn import_format(settings: &Settings, args: &crate::cli::ImportArgs) -> Result<()> {
    let mut store = open_existing(settings)?;
    match args.format {
        Some(crate::cli::ImportFormat::UcdpGed) => {
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

/// Opens the database, which must exist.
pub(crate) fn open_existing(settings: &Settings) -> Result<SqliteStore> {
    if !settings.db.exists() {
        bail!(
            "no database at {}; create one with `frontline init` (or pass --db / set FRONTLINE_DB)",
            settings.db.display()
        );
    }
    Ok(SqliteStore::open(&settings.db)?)
}

/// Removes a database file this run created, with its WAL and shared-memory files.
fn remove_database(db: &std::path::Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(name);
    }
}

/// Parses a valid date given on the command line: a full day, YYYY-MM-DD.
pub(crate) fn parse_day(flag: &str, text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .with_context(|| format!("--{flag} {text:?}: expected a day as YYYY-MM-DD"))
}

/// Parses a record time: RFC 3339, or a day (meaning the end of that day, UTC).
pub(crate) fn parse_known_at(text: &str) -> Result<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(text.trim()) {
        return Ok(t.with_timezone(&Utc));
    }
    let day = parse_day("known-at", text)
        .with_context(|| format!("--known-at {text:?}: expected YYYY-MM-DD or an RFC 3339 time"))?;
    Ok(day
        .and_hms_micro_opt(23, 59, 59, 999_999)
        .expect("the end of a day exists")
        .and_utc())
}
