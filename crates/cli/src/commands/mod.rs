//! One module per verb; `run` dispatches.

mod brief;
mod derived;
mod export;
mod ged;
mod history;
mod import;
mod init;
mod lists;
mod presence;
mod serve;
mod state;
mod toll;
mod wikipedia;

use anyhow::{Result, bail};
use frontline_store::SqliteStore;

use crate::cli::{Cli, Command};
use crate::output;
use crate::settings::Settings;

pub(crate) fn run(cli: Cli) -> Result<()> {
    let settings = Settings::resolve(&cli.global)?;
    match cli.command {
        Command::Init(args) => init::run(&settings, &args),
        Command::Import(args) => import::run(&settings, args),
        Command::Restore(args) => import::restore(&settings, args),
        Command::Audit(args) => import::audit(&settings, &args),
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
        Command::Presence(args) => presence::run(&settings, &args),
        Command::Map(args) => derived::map(&settings, &args),
        Command::Chart(args) => derived::chart(&settings, &args),
        Command::Brief(args) => brief::run(&settings, &args),
        Command::Settings => output::json(&settings),
        Command::Serve(args) => serve::run(&settings, &args),
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
