//! The command line: verbs, flags and their help.

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use clap::{Args, Parser, Subcommand, ValueEnum};
use frontline_atlas::{Method, MethodParam, MethodValue, Question, parse_day, parse_record_time};

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
    /// Restore an exported history into an empty database, keeping its record times
    Restore(RestoreArgs),
    /// The audit log: restores that kept an export's record times
    Audit(ListArgs),
    /// Export the whole history as CSV (a folder) or GeoJSON (one file), or places' states,
    /// observations and areas for GIS: KML (Google Earth's time slider) or a GeoPackage
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
    /// Sites of foreign forces on a date (bases, observation posts), apart from control
    Presence(PresenceArgs),
    /// The print map of a date (SVG, PNG or PDF by the file's extension)
    Map(MapArgs),
    /// The chart of each party's share over time (SVG, PNG or PDF)
    Chart(ChartArgs),
    /// The briefing for a round of talks: maps, shares, what changed and why, churn, toll
    /// (one PDF, or HTML by the file's extension)
    Brief(BriefArgs),
    /// Print the effective settings (defaults < environment < flags)
    Settings,
    /// Serve the API, vector tiles and the web viewer (creates the built-in database if missing)
    Serve(ServeArgs),
}

/// How a question is asked, apart from its dates: the record time and the inference
/// method (the API's `known_at`, `cap_km`, `band_km`, `stale_days` and `effective_km`, read
/// by the same parsers; see docs/method.md).
#[derive(Debug, Clone, Args)]
pub(crate) struct QuestionArgs {
    /// The record time: RFC 3339, or a day (YYYY-MM-DD) meaning its end, UTC [default: now]
    #[arg(long, value_parser = parse_record_time)]
    pub(crate) known_at: Option<DateTime<Utc>>,
    /// Land farther than this from its place is unknown; `none` assigns all land
    #[arg(long, value_name = "KM|none", value_parser = |t: &str| MethodParam::CapKm.parse(t),
        default_value_t = MethodParam::CapKm.default_value())]
    pub(crate) cap_km: MethodValue,
    /// Width of the contested band along edges between parties' cells
    #[arg(long, value_name = "KM", value_parser = |t: &str| MethodParam::BandKm.parse(t),
        default_value_t = MethodParam::BandKm.default_value())]
    pub(crate) band_km: MethodValue,
    /// Places last observed more than this many days before the date claim no land
    #[arg(long, value_name = "DAYS|none", value_parser = |t: &str| MethodParam::StaleDays.parse(t),
        default_value_t = MethodParam::StaleDays.default_value())]
    pub(crate) stale_days: MethodValue,
    /// Radius around populated places and key sites that counts as effective area
    #[arg(long, value_name = "KM", value_parser = |t: &str| MethodParam::EffectiveKm.parse(t),
        default_value_t = MethodParam::EffectiveKm.default_value())]
    pub(crate) effective_km: MethodValue,
}

impl QuestionArgs {
    /// The question about `on`, asked this way.
    pub(crate) fn question(&self, on: NaiveDate) -> Question {
        let method = [
            self.cap_km,
            self.band_km,
            self.stale_days,
            self.effective_km,
        ]
        .into_iter()
        .fold(Method::nearest(), |m, value| value.set(m));
        Question {
            on,
            known_at: self.known_at,
            method,
        }
    }
}

#[derive(Debug, Args)]
pub(crate) struct StatsArgs {
    /// The date (YYYY-MM-DD)
    #[arg(long, value_parser = parse_day)]
    pub(crate) date: NaiveDate,
    #[command(flatten)]
    pub(crate) question: QuestionArgs,
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
    #[arg(long, value_parser = parse_day)]
    pub(crate) from: NaiveDate,
    /// Last date (YYYY-MM-DD)
    #[arg(long, value_parser = parse_day)]
    pub(crate) to: NaiveDate,
    /// Spacing
    #[arg(long, value_enum, default_value = "month")]
    pub(crate) step: StepArg,
    #[command(flatten)]
    pub(crate) question: QuestionArgs,
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
    #[command(flatten)]
    pub(crate) question: QuestionArgs,
    /// Output format (table, json or geojson: the places that changed)
    #[arg(long, value_enum, default_value = "table")]
    pub(crate) format: Format,
}

#[derive(Debug, Args)]
pub(crate) struct WhyArgs {
    /// The date (YYYY-MM-DD)
    #[arg(long, value_parser = parse_day)]
    pub(crate) date: NaiveDate,
    /// The point, as LON,LAT
    #[arg(long, allow_hyphen_values = true)]
    pub(crate) at: String,
    #[command(flatten)]
    pub(crate) question: QuestionArgs,
    /// Output format (table or json)
    #[arg(long, value_enum, default_value = "table")]
    pub(crate) format: Format,
}

#[derive(Debug, Args)]
pub(crate) struct AreasArgs {
    /// The date (YYYY-MM-DD)
    #[arg(long, value_parser = parse_day)]
    pub(crate) date: NaiveDate,
    #[command(flatten)]
    pub(crate) question: QuestionArgs,
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
    #[arg(long, requires = "boundary", value_parser = parse_day)]
    pub(crate) start: Option<NaiveDate>,
    /// A data source to credit on every map (repeat for several)
    #[arg(long, requires = "boundary")]
    pub(crate) attribution: Vec<String>,
}

#[derive(Debug, Args)]
pub(crate) struct RestoreArgs {
    /// The files of an export (`frontline export`), in one transaction
    #[arg(required = true)]
    pub(crate) files: Vec<PathBuf>,
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
    #[arg(long, requires = "format", value_parser = parse_day)]
    pub(crate) date: Option<NaiveDate>,
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
    #[arg(long, required_unless_present = "between_milestones", value_parser = parse_day)]
    pub(crate) from: Option<NaiveDate>,
    /// The last day (YYYY-MM-DD), included
    #[arg(long, required_unless_present = "between_milestones", value_parser = parse_day)]
    pub(crate) to: Option<NaiveDate>,
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
    /// KML 2.2: places' states with a TimeSpan each, styled by the holder's colour, and areas
    Kml,
    /// A GeoPackage (1.3): parties, places, places' states, observations and areas
    Gpkg,
}

/// Which areas a KML or GeoPackage export holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AreasWhen {
    /// No areas.
    None,
    /// The areas of one date, valid on that day.
    On(NaiveDate),
    /// The areas of today (as the settings' clock says).
    Today,
    /// The areas after every change of a place's state, each until the next change.
    Changes,
}

fn parse_areas_when(text: &str) -> Result<AreasWhen, String> {
    match text {
        "none" => Ok(AreasWhen::None),
        "today" => Ok(AreasWhen::Today),
        "changes" => Ok(AreasWhen::Changes),
        day => parse_day(day)
            .map(AreasWhen::On)
            .map_err(|_| format!("{day:?}: expected none, today, changes or a date YYYY-MM-DD")),
    }
}

#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    /// The format
    #[arg(long, value_enum)]
    pub(crate) format: ExportFormat,
    /// Where to write: a folder for csv (required), a file for gpkg (required), a file for
    /// geojson or kml [default: stdout]
    #[arg(long)]
    pub(crate) out: Option<PathBuf>,
    /// kml and gpkg: the areas of a date (YYYY-MM-DD), of `today`, after every change of a
    /// place's state (`changes`, each until the next), or `none` [default: today]
    #[arg(long, value_name = "DATE|today|changes|none", value_parser = parse_areas_when)]
    pub(crate) areas: Option<AreasWhen>,
    /// kml and gpkg: the record time and the method of the states and areas
    #[command(flatten)]
    pub(crate) question: QuestionArgs,
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
    #[arg(long, value_parser = parse_day)]
    pub(crate) date: NaiveDate,
    /// The record time: RFC 3339, or a day (YYYY-MM-DD) meaning its end, UTC [default: now]
    #[arg(long, value_parser = parse_record_time)]
    pub(crate) known_at: Option<DateTime<Utc>>,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub(crate) format: Format,
}

#[derive(Debug, Args)]
pub(crate) struct PresenceArgs {
    /// The valid date: which sites foreign forces kept on this day (YYYY-MM-DD)
    #[arg(long, value_parser = parse_day)]
    pub(crate) date: NaiveDate,
    /// The record time: RFC 3339, or a day (YYYY-MM-DD) meaning its end, UTC [default: now]
    #[arg(long, value_parser = parse_record_time)]
    pub(crate) known_at: Option<DateTime<Utc>>,
    /// Output format (json: the report with what presence means; geojson: points)
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
    /// How many derivations (the CPU work of an answer: inference, tiles, maps) run at
    /// once [config: serve.derivations] [default: one per core]
    #[arg(long)]
    pub(crate) derivations: Option<std::num::NonZeroUsize>,
    /// How many derivations may wait for one of those slots; a request beyond is answered
    /// 503 with Retry-After [config: serve.max_queue] [default: 8 per derivation]
    #[arg(long)]
    pub(crate) max_queue: Option<usize>,
    /// How many seconds a derivation may wait in the queue before it is answered 503
    /// [config: serve.queue_wait_s] [default: 10]
    #[arg(long)]
    pub(crate) queue_wait: Option<u64>,
    /// How many MiB the tile caches keep in memory [config: serve.tile_cache_mb] [default:
    /// 256]
    #[arg(long)]
    pub(crate) tile_cache_mb: Option<usize>,
    /// After how many seconds without a request the server drops its caches (tiles, cells)
    /// and gives their memory back to the system; 0: never [config: serve.idle_release_s]
    /// [default: 60]
    #[arg(long)]
    pub(crate) idle_release: Option<u64>,
}

#[derive(Debug, Args)]
pub(crate) struct ListArgs {
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub(crate) format: Format,
}

#[derive(Debug, Args)]
pub(crate) struct PlacesArgs {
    /// The places as known at this record time (their versions then): RFC 3339, or a day
    /// meaning its end, UTC [default: now]
    #[arg(long, value_parser = parse_record_time)]
    pub(crate) known_at: Option<DateTime<Utc>>,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub(crate) format: Format,
}

#[derive(Debug, Args)]
pub(crate) struct MapArgs {
    /// The date (YYYY-MM-DD)
    #[arg(long, value_parser = parse_day)]
    pub(crate) date: NaiveDate,
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
    #[command(flatten)]
    pub(crate) question: QuestionArgs,
}

#[derive(Debug, Args)]
pub(crate) struct BriefArgs {
    /// The round of talks: a milestone id such as geneva-8 (or --from and --to)
    #[arg(required_unless_present_all = ["from", "to"], conflicts_with_all = ["from", "to"])]
    pub(crate) round: Option<String>,
    /// The earlier date of a briefing on any period (YYYY-MM-DD or a milestone id)
    #[arg(long, requires = "to")]
    pub(crate) from: Option<String>,
    /// The later date, whose map opens the briefing (YYYY-MM-DD or a milestone id)
    #[arg(long, requires = "from")]
    pub(crate) to: Option<String>,
    /// Compare the round with this date (YYYY-MM-DD or a milestone id) instead of the
    /// previous round of its series
    #[arg(long, conflicts_with_all = ["from", "to"])]
    pub(crate) since: Option<String>,
    /// The file to write: .pdf or .html [default: brief-ROUND.pdf]
    #[arg(long)]
    pub(crate) out: Option<PathBuf>,
    /// Paper (landscape) or pixels: a4, a3 or WIDTHxHEIGHT
    #[arg(long, default_value = "a4")]
    pub(crate) size: String,
    /// Language of the whole document: en, or ar (laid out from the right)
    #[arg(long, default_value = "en")]
    pub(crate) lang: String,
    #[command(flatten)]
    pub(crate) question: QuestionArgs,
}

#[derive(Debug, Args)]
pub(crate) struct ChartArgs {
    /// First date (YYYY-MM-DD)
    #[arg(long, value_parser = parse_day)]
    pub(crate) from: NaiveDate,
    /// Last date (YYYY-MM-DD)
    #[arg(long, value_parser = parse_day)]
    pub(crate) to: NaiveDate,
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
    #[command(flatten)]
    pub(crate) question: QuestionArgs,
}

#[cfg(test)]
mod tests {
    use clap::Parser as _;
    use frontline_atlas::cases::{CASES, DATE, Expect};

    use super::*;

    /// The CLI's side of the shared table of a question's inputs (the server's side is in
    /// crates/server/tests/server/question.rs): `stats` with each input given as
    /// `--name=text`, so that text starting with `-` is read as a value.
    #[test]
    fn the_cli_accepts_and_refuses_question_inputs_as_the_shared_table_says() {
        for &(name, text, expect) in CASES {
            let flag = format!("--{}", name.replace('_', "-"));
            let mut argv = vec!["frontline".to_owned(), "stats".to_owned()];
            if name != "date" {
                argv.push(format!("--date={DATE}"));
            }
            argv.push(format!("{flag}={text}"));
            match (expect, Cli::try_parse_from(&argv)) {
                // Well formed: taken here, refused once the conflict is known (tested
                // through the binary in tests/cli/question.rs).
                (Expect::Accept | Expect::OutOfRange, Ok(cli)) => {
                    let Command::Stats(args) = cli.command else {
                        panic!("{argv:?} is a stats command");
                    };
                    let q = args.question.question(args.date);
                    // Read as the server reads it.
                    match name {
                        "date" => assert_eq!(Ok(q.on), parse_day(text).map_err(|_| ())),
                        "known_at" => {
                            assert_eq!(q.known_at, parse_record_time(text).ok());
                        }
                        _ => {
                            let param = MethodParam::ALL
                                .into_iter()
                                .find(|p| p.name() == name)
                                .expect("a method parameter");
                            let value = param.parse(text).expect("accepted");
                            assert_eq!(q.method, value.set(Method::nearest()), "{argv:?}");
                        }
                    }
                }
                (Expect::Refuse, Err(e)) => {
                    assert_eq!(
                        e.kind(),
                        clap::error::ErrorKind::ValueValidation,
                        "{argv:?}: {e}"
                    );
                    let message = e.to_string();
                    assert!(message.contains(&flag), "{argv:?}: {message}");
                }
                (expect, result) => panic!("{argv:?}: expected {expect:?}, got {result:?}"),
            }
        }
    }

    #[test]
    fn method_flags_default_to_the_methods_defaults() {
        let cli = Cli::try_parse_from(["frontline", "stats", "--date", DATE]).expect("parses");
        let Command::Stats(args) = cli.command else {
            panic!("a stats command");
        };
        let q = args.question.question(args.date);
        assert_eq!(q.method, Method::nearest());
        assert_eq!(q.known_at, None);
    }
}
