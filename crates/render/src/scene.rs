//! The map scene: everything a map shows, already decided by the caller.
//!
//! The render crate makes no judgement about control: the CLI (or any caller) resolves states,
//! areas and statistics, then describes them here in plain geometry (lon/lat, WGS 84) and text.

use geo_types::{MultiLineString, MultiPolygon};

use std::str::FromStr;

use crate::colour::Colour;
use crate::error::RenderError;

/// The language of the fixed words on a map or chart ("as of", "Area", "Sources", ...).
///
/// Labels, titles and legend rows are the caller's text; right-to-left text in them is set
/// right-to-left whatever the language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Language {
    /// English.
    #[default]
    En,
    /// Arabic (fixed words in Arabic, set right-to-left).
    Ar,
}

impl FromStr for Language {
    type Err = RenderError;

    /// Parses `en` or `ar` (any case).
    fn from_str(s: &str) -> Result<Self, RenderError> {
        match s.to_ascii_lowercase().as_str() {
            "en" => Ok(Self::En),
            "ar" => Ok(Self::Ar),
            _ => Err(RenderError::UnknownLanguage {
                value: s.to_owned(),
            }),
        }
    }
}

/// How an area is painted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fill {
    /// One party's colour.
    Solid(Colour),
    /// Contested: diagonal stripes of both parties' colours, legible in greyscale.
    Hatch(Colour, Colour),
    /// Joint control: upright stripes of both parties' colours, so that joint and contested
    /// land differ by pattern, not by colour alone.
    Joint(Colour, Colour),
    /// Nobody's control is known: a neutral light tone.
    Unknown,
}

/// An area painted with one fill.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaLayer {
    /// The area, lon/lat.
    pub geometry: MultiPolygon<f64>,
    /// Its paint.
    pub fill: Fill,
}

/// An administrative region drawn as a thin outline with its name.
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    /// The region's name in the map's language.
    pub name: String,
    /// The region, lon/lat.
    pub geometry: MultiPolygon<f64>,
}

/// A place drawn as a dot sized by population, with a label where one fits.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceMark {
    /// Longitude, degrees east.
    pub lon: f64,
    /// Latitude, degrees north.
    pub lat: f64,
    /// The name in the map's language.
    pub label: String,
    /// Population, when known; larger places get larger dots and win label space.
    pub population: Option<u64>,
}

/// One row of the legend: a party (or a contested pair, or unknown) and its shares.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendRow {
    /// The party's name, or the pair's, or "Unknown".
    pub label: String,
    /// The same paint as on the map.
    pub fill: Fill,
    /// Share of the denominator's area, in percent.
    pub area_pct: f64,
    /// Share of the population, in percent, when population is counted.
    pub population_pct: Option<f64>,
}

/// An area that changed hands between two dates.
#[derive(Debug, Clone, PartialEq)]
pub struct Gain {
    /// The area, lon/lat.
    pub geometry: MultiPolygon<f64>,
    /// The colour of the party that gained it (the squares).
    pub gainer: Colour,
    /// The colour of the party that lost it (the ground between the squares).
    pub loser: Colour,
}

/// One row of the table of largest changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeRow {
    /// The place's name.
    pub place: String,
    /// The party that held it before.
    pub from: String,
    /// The party that holds it now.
    pub to: String,
    /// The date of the deciding observation.
    pub date: String,
    /// The source that says so.
    pub source: String,
}

/// What changed since an earlier date.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChangeOverlay {
    /// The earlier date, as the reader should see it.
    pub since: String,
    /// Areas that changed hands.
    pub gains: Vec<Gain>,
    /// The largest changes, in the order to print them (the table shows as many as fit).
    pub rows: Vec<ChangeRow>,
}

/// A whole map: geometry, legend and the text that keeps it from being mistaken for another.
#[derive(Debug, Clone, PartialEq)]
pub struct MapScene {
    /// The conflict, e.g. "Syria: territorial control".
    pub title: String,
    /// The date the map shows, printed after "as of".
    pub as_of: String,
    /// The method line, e.g. "nearest place, cap 35 km, contested band 7 km".
    pub method: String,
    /// The denominator line, e.g. "shares of 185,180 km² (geodesic, whole country)".
    pub denominator: String,
    /// Areas by paint, drawn in order over the boundary's unknown tone.
    pub areas: Vec<AreaLayer>,
    /// Front lines, lon/lat.
    pub front_lines: MultiLineString<f64>,
    /// The conflict's boundary, lon/lat; the inside is unknown unless an area covers it.
    pub boundary: MultiPolygon<f64>,
    /// Administrative regions.
    pub regions: Vec<Region>,
    /// Places.
    pub places: Vec<PlaceMark>,
    /// Legend rows, in order.
    pub legend: Vec<LegendRow>,
    /// Every data source used, one line each (e.g. "Natural Earth (public domain)").
    pub attribution: Vec<String>,
    /// The language of the fixed words.
    pub language: Language,
    /// Changes since an earlier date, drawn over the areas.
    pub change: Option<ChangeOverlay>,
    /// Violent events of a period, drawn as dots sized by deaths (a layer apart from
    /// control: events never colour land).
    pub events: Vec<EventMark>,
    /// Foreign forces' sites on the date, drawn as a symbol per force and listed in the
    /// legend apart from control (presence never colours land).
    pub presence: Vec<SiteMark>,
}

/// A site where a foreign force was present on the map's date.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteMark {
    /// Longitude, degrees east.
    pub lon: f64,
    /// Latitude, degrees north.
    pub lat: f64,
    /// The force's name in the map's language: the legend's row, and what tells the sites of
    /// one force from another's (each force gets a shape of its own).
    pub force: String,
    /// The force's colour (the symbol's fill).
    pub colour: Colour,
}

/// One violent event on the map.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EventMark {
    /// Longitude, degrees east.
    pub lon: f64,
    /// Latitude, degrees north.
    pub lat: f64,
    /// Deaths (best estimate); the dot's area grows with it.
    pub deaths: u32,
}

impl Default for MapScene {
    /// An empty English scene, to fill in with struct update syntax.
    fn default() -> Self {
        Self {
            title: String::new(),
            as_of: String::new(),
            method: String::new(),
            denominator: String::new(),
            areas: Vec::new(),
            front_lines: MultiLineString(Vec::new()),
            boundary: MultiPolygon(Vec::new()),
            regions: Vec::new(),
            places: Vec::new(),
            legend: Vec::new(),
            attribution: Vec::new(),
            language: Language::En,
            change: None,
            events: Vec::new(),
            presence: Vec::new(),
        }
    }
}
