//! The command line: verbs, flags and their help.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Frontline: who controls what in an armed conflict, from dated, sourced evidence.
#[derive(Debug, Parser)]
#[command(name = "frontline", version, about, long_about = None)]
pub(crate) struct Cli {
    #[command(flatten)]
    pub(crate) global: Global,
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// Flags every verb takes.
#[derive(Debug, Args)]
pub(crate) struct Global {
    /// The database file [default: ./frontline.db]
    #[arg(long, global = true, env = "FRONTLINE_DB")]
    pub(crate) db: Option<PathBuf>,
    /// Who records imported evidence [default: $USER]
    #[arg(long, global = true, env = "FRONTLINE_USER")]
    pub(crate) user: Option<String>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Create a database for a conflict; without --boundary, load the built-in Syria data
    Init(InitArgs),
    /// Import parties, places, observations or milestones (CSV or GeoJSON), all or nothing
    Import(ImportArgs),
    /// Export the whole history as CSV (a folder) or GeoJSON (one file)
    Export(ExportArgs),
    /// The state of every place on a date, as known at a record time
    State(StateArgs),
    /// Every observation of a place, newest first, with sources and corrections
    History(HistoryArgs),
    /// List the places
    Places(ListArgs),
    /// List the parties
    Parties(ListArgs),
    /// Print the effective settings (defaults < environment < flags)
    Settings,
}

#[derive(Debug, Args)]
pub(crate) struct InitArgs {
    /// The conflict's name
    #[arg(long, requires = "boundary")]
    pub(crate) name: Option<String>,
    /// The conflict's id (a slug) [default: from the name]
    #[arg(long, requires = "boundary")]
    pub(crate) id: Option<String>,
    /// A GeoJSON Polygon or MultiPolygon: the conflict's territory
    #[arg(long)]
    pub(crate) boundary: Option<PathBuf>,
    /// The day the conflict began (YYYY-MM-DD); evidence before it is refused
    #[arg(long, requires = "boundary")]
    pub(crate) start: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    /// Files to import, in one transaction (kinds are told by CSV headers or GeoJSON content)
    #[arg(required = true)]
    pub(crate) files: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum ExportFormat {
    /// A folder of CSV files (with conflict.geojson for the geometries)
    Csv,
    /// One GeoJSON FeatureCollection
    Geojson,
}

#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    /// The format
    #[arg(long, value_enum)]
    pub(crate) format: ExportFormat,
    /// Where to write: a folder for csv (required), a file for geojson [default: stdout]
    #[arg(long)]
    pub(crate) out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Aligned columns, for people
    Table,
    /// CSV with a header
    Csv,
    /// A JSON array
    Json,
    /// A GeoJSON FeatureCollection
    Geojson,
}

#[derive(Debug, Args)]
pub(crate) struct StateArgs {
    /// The valid date: who held what on this day (YYYY-MM-DD)
    #[arg(long)]
    pub(crate) date: String,
    /// The record time: as known at this date or RFC 3339 time [default: now]
    #[arg(long)]
    pub(crate) known_at: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub(crate) format: Format,
}

#[derive(Debug, Args)]
pub(crate) struct HistoryArgs {
    /// The place's id
    pub(crate) place: String,
    /// Output format (table or json)
    #[arg(long, value_enum, default_value = "table")]
    pub(crate) format: Format,
}

#[derive(Debug, Args)]
pub(crate) struct ListArgs {
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub(crate) format: Format,
}
