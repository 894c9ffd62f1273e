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
    /// A config file (TOML: db, user, and under serve: addr, frame_ancestors) [default:
    /// ./frontline.toml if it exists]
    #[arg(long, global = true, env = "FRONTLINE_CONFIG")]
    pub(crate) config: Option<PathBuf>,
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
    Places(PlacesArgs),
    /// List the parties
    Parties(ListArgs),
    /// Area, effective area and population per party on a date, with the method stated
    Stats(StatsArgs),
    /// The statistics on every day, week or month between two dates
    Series(SeriesArgs),
    /// What changed between two dates: places, area and people, churn
    Diff(DiffArgs),
    /// Why a point has its colour on a date: the place, the evidence, the rule
    Why(WhyArgs),
    /// The areas of each party on a date, as GeoJSON
    Areas(AreasArgs),
    /// The front lines on a date, as GeoJSON
    Frontlines(AreasArgs),
    /// Deaths (best, low-high) and events in a period, with published figures (UCDP GED layer)
    Toll(TollArgs),
    /// The print map of a date (SVG, PNG or PDF by the file's extension)
    Map(MapArgs),
    /// The chart of each party's share over time (SVG, PNG or PDF)
    Chart(ChartArgs),
    /// Print the effective settings (defaults < environment < flags)
    Settings,
    /// Serve the API, vector tiles and the web viewer (creates the built-in database if missing)
    Serve(ServeArgs),
}

/// The inference method's parameters (see docs/method.md).
#[derive(Debug, Clone, Args)]
pub(crate) struct MethodArgs {
    /// Land farther than this from its place is unknown; `none` assigns all land
    #[arg(long, default_value = "35", value_name = "KM|none")]
    pub(crate) cap_km: String,
    /// Width of the contested band along edges between parties' cells
    #[arg(long, default_value_t = 7.0, value_name = "KM")]
    pub(crate) band_km: f64,
    /// Places last observed more than this many days before the date claim no land
    #[arg(long, default_value = "none", value_name = "DAYS|none")]
    pub(crate) stale_days: String,
    /// Radius around populated places and key sites that counts as effective area
    #[arg(long, default_value_t = 5.0, value_name = "KM")]
    pub(crate) effective_km: f64,
}

#[derive(Debug, Args)]
pub(crate) struct StatsArgs {
    /// The date (YYYY-MM-DD)
    #[arg(long)]
    pub(crate) date: String,
    /// The record time [default: now]
    #[arg(long)]
    pub(crate) known_at: Option<String>,
    #[command(flatten)]
    pub(crate) method: MethodArgs,
    /// Break the figures down by admin region
    #[arg(long, value_enum)]
    pub(crate) by: Option<By>,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub(crate) format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum By {
    /// First-level admin regions
    Region,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum StepArg {
    /// Every day
    Day,
    /// Every week
    Week,
    /// Every month
    Month,
}

#[derive(Debug, Args)]
pub(crate) struct SeriesArgs {
    /// First date (YYYY-MM-DD)
    #[arg(long)]
    pub(crate) from: String,
    /// Last date (YYYY-MM-DD)
    #[arg(long)]
    pub(crate) to: String,
    /// Spacing
    #[arg(long, value_enum, default_value = "month")]
    pub(crate) step: StepArg,
    /// The record time [default: now]
    #[arg(long)]
    pub(crate) known_at: Option<String>,
    #[command(flatten)]
    pub(crate) method: MethodArgs,
    /// Output format (csv or json)
    #[arg(long, value_enum, default_value = "csv")]
    pub(crate) format: Format,
}

#[derive(Debug, Args)]
pub(crate) struct DiffArgs {
    /// The earlier date (YYYY-MM-DD) or a milestone id (e.g. a round of talks)
    pub(crate) from: String,
    /// The later date (YYYY-MM-DD) or a milestone id
    pub(crate) to: String,
    /// The record time [default: now]
    #[arg(long)]
    pub(crate) known_at: Option<String>,
    #[command(flatten)]
    pub(crate) method: MethodArgs,
    /// Output format (table, json or geojson: the places that changed)
    #[arg(long, value_enum, default_value = "table")]
    pub(crate) format: Format,
}

#[derive(Debug, Args)]
pub(crate) struct WhyArgs {
    /// The date (YYYY-MM-DD)
    #[arg(long)]
    pub(crate) date: String,
    /// The point, as LON,LAT
    #[arg(long, allow_hyphen_values = true)]
    pub(crate) at: String,
    /// The record time [default: now]
    #[arg(long)]
    pub(crate) known_at: Option<String>,
    #[command(flatten)]
    pub(crate) method: MethodArgs,
    /// Output format (table or json)
    #[arg(long, value_enum, default_value = "table")]
    pub(crate) format: Format,
}

#[derive(Debug, Args)]
pub(crate) struct AreasArgs {
    /// The date (YYYY-MM-DD)
    #[arg(long)]
    pub(crate) date: String,
    /// The record time [default: now]
    #[arg(long)]
    pub(crate) known_at: Option<String>,
    #[command(flatten)]
    pub(crate) method: MethodArgs,
    /// Output format (only geojson)
    #[arg(long, value_enum, default_value = "geojson")]
    pub(crate) format: Format,
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
    /// A data source to credit on every map (repeat for several)
    #[arg(long, requires = "boundary")]
    pub(crate) attribution: Vec<String>,
}

#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    /// Files to import, in one transaction (kinds are told by CSV headers or GeoJSON content)
    #[arg(required = true)]
    pub(crate) files: Vec<PathBuf>,
    /// What the files are [default: Frontline CSV/GeoJSON, told by their content]
    #[arg(long, value_enum)]
    pub(crate) format: Option<ImportFormat>,
    /// wikipedia-module: the day its marks describe (its revision's date), YYYY-MM-DD
    #[arg(long, requires = "format")]
    pub(crate) date: Option<String>,
    /// wikipedia-module: the URL of the revision, cited as every observation's source
    #[arg(long, requires = "format")]
    pub(crate) source_url: Option<String>,
    /// wikipedia-module: a mark table (CSV mark,status,party,party2,kind,note) [default: Syria's]
    #[arg(long, requires = "format")]
    pub(crate) mapping: Option<PathBuf>,
    /// wikipedia-module: import the readable entries and list the broken ones
    #[arg(long, requires = "format")]
    pub(crate) skip_bad: bool,
}

/// Formats `import --format` reads besides Frontline's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ImportFormat {
    /// A Wikipedia detailed-map module (Lua), as observations dated --date
    WikipediaModule,
    /// A UCDP GED CSV (.csv or .csv.gz), into the events layer (never control)
    UcdpGed,
}

/// How `toll` groups events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum TollBy {
    /// Each side as the dataset names it (an event counts for both its sides)
    Party,
    /// The first-level admin region as the dataset names it
    Region,
    /// The month the event began
    Month,
}

#[derive(Debug, Args)]
pub(crate) struct TollArgs {
    /// The first day (YYYY-MM-DD)
    #[arg(long, required_unless_present = "between_milestones")]
    pub(crate) from: Option<String>,
    /// The last day (YYYY-MM-DD), included
    #[arg(long, required_unless_present = "between_milestones")]
    pub(crate) to: Option<String>,
    /// Between two milestones (rounds of talks): from the day after ID1 ends to the day before ID2 begins
    #[arg(long, num_args = 2, value_names = ["ID1", "ID2"], conflicts_with_all = ["from", "to"])]
    pub(crate) between_milestones: Option<Vec<String>>,
    /// Group by party, region or month [default: one total]
    #[arg(long, value_enum)]
    pub(crate) by: Option<TollBy>,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub(crate) format: Format,
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
pub(crate) struct ServeArgs {
    /// The address to listen on (port 0: any free port) [env: FRONTLINE_ADDR] [default:
    /// 127.0.0.1:8080]
    #[arg(long)]
    pub(crate) addr: Option<std::net::SocketAddr>,
    /// Which sites may embed the viewer in a frame: a CSP frame-ancestors source list, such
    /// as "'self' news.example" [env: FRONTLINE_FRAME_ANCESTORS] [default: * (any site; the
    /// viewer only reads)]
    #[arg(long)]
    pub(crate) frame_ancestors: Option<frontline_server::FrameAncestors>,
}

#[derive(Debug, Args)]
pub(crate) struct ListArgs {
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub(crate) format: Format,
}

#[derive(Debug, Args)]
pub(crate) struct PlacesArgs {
    /// The places as known at this record time (their versions then) [default: now]
    #[arg(long)]
    pub(crate) known_at: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub(crate) format: Format,
}

#[derive(Debug, Args)]
pub(crate) struct MapArgs {
    /// The date (YYYY-MM-DD)
    #[arg(long)]
    pub(crate) date: String,
    /// The file to write: .svg, .png or .pdf
    #[arg(long)]
    pub(crate) out: PathBuf,
    /// Paper (landscape, 300 dpi) or pixels: a4, a3 or WIDTHxHEIGHT
    #[arg(long, default_value = "a4")]
    pub(crate) size: String,
    /// Language of labels and legend: en or ar
    #[arg(long, default_value = "en")]
    pub(crate) lang: String,
    /// Also show what changed since this date (YYYY-MM-DD or a milestone id)
    #[arg(long)]
    pub(crate) compare: Option<String>,
    /// Also show the violent events (UCDP GED layer) since this date, as dots sized by deaths
    #[arg(long)]
    pub(crate) events_since: Option<String>,
    /// The record time [default: now]
    #[arg(long)]
    pub(crate) known_at: Option<String>,
    #[command(flatten)]
    pub(crate) method: MethodArgs,
}

#[derive(Debug, Args)]
pub(crate) struct ChartArgs {
    /// First date (YYYY-MM-DD)
    #[arg(long)]
    pub(crate) from: String,
    /// Last date (YYYY-MM-DD)
    #[arg(long)]
    pub(crate) to: String,
    /// The file to write: .svg, .png or .pdf
    #[arg(long)]
    pub(crate) out: PathBuf,
    /// Spacing of the points
    #[arg(long, value_enum, default_value = "month")]
    pub(crate) step: StepArg,
    /// Add a panel with each party's share of the population
    #[arg(long)]
    pub(crate) population: bool,
    /// Mark milestones of these series (comma-separated, e.g. geneva,astana); all by default
    #[arg(long, value_delimiter = ',')]
    pub(crate) events: Vec<String>,
    /// Paper or pixels: a4, a3 or WIDTHxHEIGHT
    #[arg(long, default_value = "a4")]
    pub(crate) size: String,
    /// The record time [default: now]
    #[arg(long)]
    pub(crate) known_at: Option<String>,
    #[command(flatten)]
    pub(crate) method: MethodArgs,
}
