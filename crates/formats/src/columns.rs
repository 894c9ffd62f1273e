//! The columns (CSV) or properties (GeoJSON) of each kind of record, and how a record
//! is parsed from them. CSV and GeoJSON share these parsers through [`Fields`].

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::LazyLock;

use chrono::{DateTime, NaiveDate, Utc};
use frontline_model::{
    Colour, Confidence, Deaths, Event, Figure, Milestone, Names, Observation, ObservationId,
    PartialDate, Party, PartyId, PartyKind, Place, PlaceId, PlaceKind, Population, Presence,
    PresenceId, PresenceKind, Recorded, RegionId, Site, Source, Stance, Status,
};

use crate::{Defaults, FileKind};

/// A field refused: which and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FieldError {
    pub(crate) field: String,
    pub(crate) reason: String,
}

impl FieldError {
    pub(crate) fn new(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            reason: reason.into(),
        }
    }
}

type Parsed<T> = Result<T, FieldError>;

/// The most parties one observation row can name.
pub(crate) const MAX_REPEAT: usize = 9;
/// The most sources a row may cite (`source_*` to `source64_*`): UCDP GED events cite up to
/// 26 reports, and an export writes every source a record has.
pub(crate) const MAX_SOURCES: usize = 64;

pub(crate) const PARTY_REQUIRED: &[&str] = &["id", "name", "colour"];
pub(crate) const PARTY_OPTIONAL: &[&str] = &[
    "name_ar",
    "names",
    "kind",
    "parent",
    "successor_of",
    "valid_from",
    "valid_until",
    "since",
    "note",
    "recorded_at",
    "recorded_by",
];
pub(crate) const PLACE_REQUIRED: &[&str] = &["id", "name", "lon", "lat", "kind"];
pub(crate) const PLACE_OPTIONAL: &[&str] = &[
    "name_ar",
    "names",
    "population",
    "population_year",
    "population_source",
    "region",
    "aliases",
    "recorded_at",
    "recorded_by",
];
pub(crate) const OBSERVATION_REQUIRED: &[&str] = &[
    "place",
    "date",
    "status",
    "party",
    "source_publisher",
    "source_title",
    "source_url",
    "source_date",
];
pub(crate) const OBSERVATION_OPTIONAL: &[&str] = &[
    "id",
    "valid_until",
    "source_stance",
    "confidence",
    "note",
    "supersedes",
    "recorded_at",
    "recorded_by",
];
pub(crate) const MILESTONE_REQUIRED: &[&str] = &["id", "name", "start"];
pub(crate) const MILESTONE_OPTIONAL: &[&str] = &[
    "end",
    "location",
    "series",
    "source_publisher",
    "source_title",
    "source_url",
    "source_date",
    "source_stance",
];
pub(crate) const FIGURE_REQUIRED: &[&str] = &[
    "figure",
    "value",
    "date",
    "source_publisher",
    "source_title",
    "source_url",
];
pub(crate) const FIGURE_OPTIONAL: &[&str] = &[
    "since",
    "definition",
    "note",
    "source_date",
    "source_stance",
];
/// Violent events as `export` writes them (UCDP GED's own files are read by `ucdp_ged`).
pub(crate) const EVENT_REQUIRED: &[&str] = &[
    "event",
    "date_start",
    "date_end",
    "lon",
    "lat",
    "type_of_violence",
    "side_a",
    "side_b",
    "deaths_best",
];
pub(crate) const EVENT_OPTIONAL: &[&str] = &[
    "date_precision",
    "where_precision",
    "where_name",
    "adm_1",
    "adm_2",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "deaths_low",
    "deaths_high",
    "source_publisher",
    "source_title",
    "source_url",
    "source_date",
    "source_stance",
];
/// Foreign forces' sites (issue 19), told by the `force` column.
pub(crate) const PRESENCE_REQUIRED: &[&str] = &[
    "force",
    "site",
    "kind",
    "valid_from",
    "source_publisher",
    "source_title",
    "source_url",
    "source_date",
];
pub(crate) const PRESENCE_OPTIONAL: &[&str] = &[
    "id",
    "place",
    "lon",
    "lat",
    "valid_until",
    "source_stance",
    "confidence",
    "note",
    "supersedes",
    "recorded_at",
    "recorded_by",
];
const SOURCE_FIELDS: [&str; 5] = ["publisher", "title", "url", "date", "stance"];

/// Tells a CSV's kind from its (lowercased) column names.
pub(crate) fn detect(columns: &[String]) -> Option<FileKind> {
    let has = |c: &str| columns.iter().any(|x| x == c);
    if has("force") {
        Some(FileKind::Presence)
    } else if has("event") {
        Some(FileKind::Events)
    } else if has("status") {
        Some(FileKind::Observations)
    } else if has("lon") || has("lat") {
        Some(FileKind::Places)
    } else if has("colour") {
        Some(FileKind::Parties)
    } else if has("figure") {
        Some(FileKind::Figures)
    } else if has("series") || has("start") {
        Some(FileKind::Milestones)
    } else {
        None
    }
}

pub(crate) fn required(kind: FileKind) -> &'static [&'static str] {
    match kind {
        FileKind::Parties => PARTY_REQUIRED,
        FileKind::Places => PLACE_REQUIRED,
        FileKind::Observations => OBSERVATION_REQUIRED,
        FileKind::Milestones => MILESTONE_REQUIRED,
        FileKind::Figures => FIGURE_REQUIRED,
        FileKind::Events => EVENT_REQUIRED,
        FileKind::Presence => PRESENCE_REQUIRED,
    }
}

/// Whether `column` belongs in a file of `kind`.
pub(crate) fn accepts(kind: FileKind, column: &str) -> bool {
    let fixed = match kind {
        FileKind::Parties => [PARTY_REQUIRED, PARTY_OPTIONAL],
        FileKind::Places => [PLACE_REQUIRED, PLACE_OPTIONAL],
        FileKind::Observations => [OBSERVATION_REQUIRED, OBSERVATION_OPTIONAL],
        FileKind::Milestones => [MILESTONE_REQUIRED, MILESTONE_OPTIONAL],
        FileKind::Figures => [FIGURE_REQUIRED, FIGURE_OPTIONAL],
        FileKind::Events => [EVENT_REQUIRED, EVENT_OPTIONAL],
        FileKind::Presence => [PRESENCE_REQUIRED, PRESENCE_OPTIONAL],
    };
    fixed.iter().any(|list| list.contains(&column))
        || (kind == FileKind::Observations && repeated_column(column))
        || (matches!(kind, FileKind::Events | FileKind::Presence)
            && repeated_column(column)
            && column.starts_with("source"))
}

/// `party2`..`party9` and `source2_publisher`..`source64_stance`.
fn repeated_column(column: &str) -> bool {
    if let Some(n) = column.strip_prefix("party") {
        return matches!(n.parse::<usize>(), Ok(2..=MAX_REPEAT));
    }
    if let Some(rest) = column.strip_prefix("source") {
        if let Some((n, field)) = rest.split_once('_') {
            return matches!(n.parse::<usize>(), Ok(2..=MAX_SOURCES))
                && SOURCE_FIELDS.contains(&field);
        }
    }
    false
}

pub(crate) fn accepted(kind: FileKind) -> String {
    let (req, opt) = match kind {
        FileKind::Parties => (PARTY_REQUIRED, PARTY_OPTIONAL),
        FileKind::Places => (PLACE_REQUIRED, PLACE_OPTIONAL),
        FileKind::Observations => (OBSERVATION_REQUIRED, OBSERVATION_OPTIONAL),
        FileKind::Milestones => (MILESTONE_REQUIRED, MILESTONE_OPTIONAL),
        FileKind::Figures => (FIGURE_REQUIRED, FIGURE_OPTIONAL),
        FileKind::Events => (EVENT_REQUIRED, EVENT_OPTIONAL),
        FileKind::Presence => (PRESENCE_REQUIRED, PRESENCE_OPTIONAL),
    };
    let mut all: Vec<&str> = req.iter().chain(opt).copied().collect();
    if kind == FileKind::Observations {
        all.extend(["party2..party9", "source2_publisher..source9_stance"]);
    }
    if matches!(kind, FileKind::Events | FileKind::Presence) {
        all.push("source2_publisher..source9_stance");
    }
    all.join(",")
}

/// Named text fields of one record: a CSV row or a GeoJSON feature's properties.
pub(crate) trait Fields {
    /// The field's text, trimmed; `None` when absent or blank.
    fn text(&self, name: &str) -> Option<Cow<'_, str>>;

    /// How many numbered column groups to read (by default all there may be).
    fn repeats(&self) -> Repeats {
        Repeats::ALL
    }
}

/// How many numbered column groups a record may fill: `party`, `party2`, … and
/// `source_*`, `source2_*`, …, so that reading a row stops after the last group its file
/// has rather than asking for all nine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Repeats {
    pub(crate) parties: usize,
    pub(crate) sources: usize,
}

impl Repeats {
    const ALL: Self = Self {
        parties: MAX_REPEAT,
        sources: MAX_SOURCES,
    };

    /// The groups a file's column names reach.
    pub(crate) fn of(names: &[String]) -> Self {
        let number = |n: &str, max: usize| match n {
            "" => 1,
            n => n.parse::<usize>().unwrap_or(0).min(max),
        };
        let mut reach = Self {
            parties: 0,
            sources: 0,
        };
        for name in names {
            if let Some(n) = name.strip_prefix("party") {
                reach.parties = reach.parties.max(number(n, MAX_REPEAT));
            } else if let Some((n, _)) = name.strip_prefix("source").and_then(|r| r.split_once('_'))
            {
                reach.sources = reach.sources.max(number(n, MAX_SOURCES));
            }
        }
        reach
    }
}

fn need<'f>(f: &'f impl Fields, name: &str) -> Parsed<Cow<'f, str>> {
    f.text(name)
        .ok_or_else(|| FieldError::new(name, "a value is required"))
}

fn parse_with<T, E: std::fmt::Display>(
    f: &impl Fields,
    name: &str,
    parse: impl Fn(&str) -> Result<T, E>,
) -> Parsed<Option<T>> {
    f.text(name)
        .map(|t| parse(&t).map_err(|e| FieldError::new(name, e.to_string())))
        .transpose()
}

fn date(f: &impl Fields, name: &str) -> Parsed<Option<PartialDate>> {
    parse_with(f, name, PartialDate::parse)
}

fn number(f: &impl Fields, name: &str) -> Parsed<f64> {
    let text = need(f, name)?;
    text.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| {
            FieldError::new(
                name,
                format!("{} is not a number", frontline_model::shown(&text)),
            )
        })
}

fn id_list<T>(
    f: &impl Fields,
    name: &str,
    parse: impl Fn(&str) -> frontline_model::Result<T>,
) -> Parsed<Vec<T>> {
    match f.text(name) {
        None => Ok(Vec::new()),
        Some(text) => text
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| parse(s).map_err(|e| FieldError::new(name, e.to_string())))
            .collect(),
    }
}

fn names(f: &impl Fields) -> Parsed<Names> {
    let mut other = BTreeMap::new();
    if let Some(list) = f.text("names") {
        for pair in list.split(';').map(str::trim).filter(|s| !s.is_empty()) {
            let (lang, name) = pair.split_once('=').ok_or_else(|| {
                FieldError::new(
                    "names",
                    format!("{} is not lang=name", frontline_model::shown(pair)),
                )
            })?;
            other.insert(lang.trim().to_owned(), name.trim().to_owned());
        }
    }
    Ok(Names {
        en: need(f, "name")?.into_owned(),
        ar: f.text("name_ar").map(Cow::into_owned),
        other,
    })
}

fn names_text(names: &Names) -> String {
    names
        .other
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(";")
}

pub(crate) fn party(f: &impl Fields) -> Parsed<Party> {
    Ok(Party {
        id: PartyId::new(need(f, "id")?.as_ref())
            .map_err(|e| FieldError::new("id", e.to_string()))?,
        names: names(f)?,
        colour: Colour::parse(&need(f, "colour")?)
            .map_err(|e| FieldError::new("colour", e.to_string()))?,
        kind: parse_with(f, "kind", PartyKind::parse)?.unwrap_or(PartyKind::NonState),
        parent: parse_with(f, "parent", str::parse::<PartyId>)?,
        successor_of: id_list(f, "successor_of", str::parse::<PartyId>)?,
        valid_from: date(f, "valid_from")?,
        valid_until: date(f, "valid_until")?,
        since: date(f, "since")?,
        note: f.text("note").map(Cow::into_owned),
    })
}

/// A place; `lon` and `lat` may come from elsewhere (a GeoJSON point).
pub(crate) fn place(f: &impl Fields, point: Option<(f64, f64)>) -> Parsed<Place> {
    let (lon, lat) = match point {
        Some(p) => p,
        None => (number(f, "lon")?, number(f, "lat")?),
    };
    let (lon, lat) = (crate::geometry::round7(lon), crate::geometry::round7(lat));
    let population = parse_with(f, "population", |t| {
        t.replace([',', '_'], "").parse::<u64>()
    })?;
    let year = parse_with(f, "population_year", str::parse::<i32>)?;
    Ok(Place {
        id: PlaceId::new(need(f, "id")?.as_ref())
            .map_err(|e| FieldError::new("id", e.to_string()))?,
        names: names(f)?,
        lon,
        lat,
        kind: PlaceKind::parse(&need(f, "kind")?)
            .map_err(|e| FieldError::new("kind", e.to_string()))?,
        population: population.map(|value| Population {
            value,
            year,
            source: f.text("population_source").map(Cow::into_owned),
        }),
        region: parse_with(f, "region", str::parse::<RegionId>)?,
        aliases: aliases(f),
    })
}

/// A place's other spellings: the `aliases` column, separated by `;`, blanks trimmed,
/// empty ones dropped.
fn aliases(f: &impl Fields) -> Vec<String> {
    f.text("aliases").map_or_else(Vec::new, |t| {
        t.split(';')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_owned)
            .collect()
    })
}

/// The columns of the n-th party (`party`, `party2`, ... `party9`).
static PARTY_COLUMNS: LazyLock<Vec<String>> = LazyLock::new(|| {
    (1..=MAX_REPEAT)
        .map(|n| {
            if n == 1 {
                "party".to_owned()
            } else {
                format!("party{n}")
            }
        })
        .collect()
});

/// The columns of the n-th source: publisher, title, url, date, stance.
static SOURCE_COLUMNS: LazyLock<Vec<[String; 5]>> = LazyLock::new(|| {
    (1..=MAX_SOURCES)
        .map(|n| {
            let prefix = if n == 1 {
                "source".to_owned()
            } else {
                format!("source{n}")
            };
            SOURCE_FIELDS.map(|f| format!("{prefix}_{f}"))
        })
        .collect()
});

/// A source from its five columns (publisher, title, url, date, stance).
fn source(f: &impl Fields, cols: &[String; 5]) -> Parsed<Option<Source>> {
    let [c_publisher, c_title, c_url, c_date, c_stance] = cols;
    let publisher = f.text(c_publisher);
    let title = f.text(c_title);
    let url = f.text(c_url);
    if publisher.is_none() && title.is_none() && url.is_none() {
        return Ok(None);
    }
    let publisher =
        publisher.ok_or_else(|| FieldError::new(c_publisher, "a source needs a publisher"))?;
    if title.is_none() && url.is_none() {
        return Err(FieldError::new(c_title, "a source needs a title or a URL"));
    }
    Ok(Some(Source {
        publisher: publisher.into_owned(),
        title: title.map(Cow::into_owned).unwrap_or_default(),
        url: url.map(Cow::into_owned),
        published: date(f, c_date)?,
        stance: parse_with(f, c_stance, Stance::parse)?.unwrap_or_default(),
    }))
}

fn sources(f: &impl Fields) -> Parsed<Vec<Source>> {
    let mut out = Vec::new();
    for cols in SOURCE_COLUMNS.iter().take(f.repeats().sources) {
        if let Some(s) = source(f, cols)? {
            out.push(s);
        }
    }
    Ok(out)
}

pub(crate) fn observation(f: &impl Fields, defaults: &Defaults) -> Parsed<Observation> {
    let mut parties = Vec::new();
    for col in PARTY_COLUMNS.iter().take(f.repeats().parties) {
        if let Some(p) = parse_with(f, col, str::parse::<PartyId>)? {
            parties.push(p);
        }
    }
    let recorded_at = parse_with(f, "recorded_at", |t| {
        DateTime::parse_from_rfc3339(t).map(|d| d.with_timezone(&Utc))
    })?;
    let mut o = Observation {
        id: ObservationId::new("pending").expect("a literal id is valid"),
        place: PlaceId::new(need(f, "place")?.as_ref())
            .map_err(|e| FieldError::new("place", e.to_string()))?,
        status: Status::parse(&need(f, "status")?)
            .map_err(|e| FieldError::new("status", e.to_string()))?,
        parties,
        valid_from: date(f, "date")?
            .ok_or_else(|| FieldError::new("date", "a value is required"))?,
        valid_until: date(f, "valid_until")?,
        sources: sources(f)?,
        confidence: parse_with(f, "confidence", Confidence::parse)?.unwrap_or(Confidence::Medium),
        note: f.text("note").map(Cow::into_owned),
        recorded_at: recorded_at.unwrap_or(defaults.recorded_at),
        recorded_by: f
            .text("recorded_by")
            .map_or_else(|| defaults.recorded_by.clone(), Cow::into_owned),
        supersedes: id_list(f, "supersedes", str::parse::<ObservationId>)?,
    };
    o.id = match parse_with(f, "id", str::parse::<ObservationId>)? {
        Some(id) => id,
        None => o.content_id(),
    };
    Ok(o)
}

pub(crate) fn milestone(f: &impl Fields) -> Parsed<Milestone> {
    let start = date(f, "start")?.ok_or_else(|| FieldError::new("start", "a value is required"))?;
    let end = date(f, "end")?;
    if let Some(end) = end.filter(|e| e.last_day() < start.first_day()) {
        return Err(FieldError::new(
            "end",
            format!("{end} is before the start {start}"),
        ));
    }
    Ok(Milestone {
        id: need(f, "id")?.into_owned(),
        name: need(f, "name")?.into_owned(),
        start,
        end,
        location: f.text("location").map(Cow::into_owned),
        series: f.text("series").map(Cow::into_owned),
        sources: source(f, &SOURCE_COLUMNS[0])?.into_iter().collect(),
    })
}

/// A published figure: what is counted, the number, as of when, and its source.
pub(crate) fn figure(f: &impl Fields) -> Parsed<Figure> {
    let text = need(f, "value")?;
    let value = text
        .replace([',', '_'], "")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && *v >= 0.0)
        .ok_or_else(|| {
            FieldError::new(
                "value",
                format!(
                    "{} is not a number of 0 or more",
                    frontline_model::shown(&text)
                ),
            )
        })?;
    let day = date(f, "date")?.ok_or_else(|| FieldError::new("date", "a value is required"))?;
    let since = date(f, "since")?;
    if let Some(since) = since
        && since.first_day() > day.last_day()
    {
        return Err(FieldError::new(
            "since",
            format!("{since} is after the figure's date {day}"),
        ));
    }
    Ok(Figure {
        figure: need(f, "figure")?.into_owned(),
        value,
        date: day,
        since,
        definition: f.text("definition").map(Cow::into_owned),
        note: f.text("note").map(Cow::into_owned),
        source: source(f, &SOURCE_COLUMNS[0])?
            .ok_or_else(|| FieldError::new("source_publisher", "a figure needs a source"))?,
    })
}

/// A published figure as a row of the columns [`figure`] reads.
pub(crate) fn figure_row(f: &Figure) -> Vec<(&'static str, String)> {
    let s = &f.source;
    vec![
        ("figure", f.figure.clone()),
        ("value", f.value.to_string()),
        ("date", f.date.to_string()),
        ("since", opt(f.since)),
        ("definition", f.definition.clone().unwrap_or_default()),
        ("note", f.note.clone().unwrap_or_default()),
        ("source_publisher", s.publisher.clone()),
        ("source_title", s.title.clone()),
        ("source_url", s.url.clone().unwrap_or_default()),
        ("source_date", opt(s.published)),
        ("source_stance", s.stance.to_string()),
    ]
}

/// Rows of text for writing: the same columns the parsers read.
pub(crate) fn party_row(p: &Party) -> Vec<(&'static str, String)> {
    vec![
        ("id", p.id.to_string()),
        ("name", p.names.en.clone()),
        ("name_ar", p.names.ar.clone().unwrap_or_default()),
        ("names", names_text(&p.names)),
        ("colour", p.colour.to_string()),
        ("kind", p.kind.to_string()),
        (
            "parent",
            p.parent
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
        ),
        (
            "successor_of",
            p.successor_of
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(";"),
        ),
        ("valid_from", opt(p.valid_from)),
        ("valid_until", opt(p.valid_until)),
        ("since", opt(p.since)),
        ("note", p.note.clone().unwrap_or_default()),
    ]
}

pub(crate) fn place_row(p: &Place) -> Vec<(&'static str, String)> {
    vec![
        ("id", p.id.to_string()),
        ("name", p.names.en.clone()),
        ("name_ar", p.names.ar.clone().unwrap_or_default()),
        ("names", names_text(&p.names)),
        ("lon", p.lon.to_string()),
        ("lat", p.lat.to_string()),
        ("kind", p.kind.to_string()),
        (
            "population",
            p.population
                .as_ref()
                .map(|x| x.value.to_string())
                .unwrap_or_default(),
        ),
        (
            "population_year",
            p.population
                .as_ref()
                .and_then(|x| x.year)
                .map(|y| y.to_string())
                .unwrap_or_default(),
        ),
        (
            "population_source",
            p.population
                .as_ref()
                .and_then(|x| x.source.clone())
                .unwrap_or_default(),
        ),
        (
            "region",
            p.region
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
        ),
        ("aliases", p.aliases.join(";")),
    ]
}

/// How many party and source columns the rows of `observations` need (at least one each).
pub(crate) fn observation_width(observations: &[Observation]) -> (usize, usize) {
    let most = |n: fn(&Observation) -> usize| observations.iter().map(n).max().unwrap_or(1).max(1);
    (most(|o| o.parties.len()), most(|o| o.sources.len()))
}

/// The columns of an observation row: fixed ones, then `width` parties and sources.
pub(crate) fn observation_columns(parties: usize, sources: usize) -> Vec<String> {
    let mut cols: Vec<String> = ["id", "place", "date", "valid_until", "status"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    for n in 1..=parties.max(1) {
        cols.push(if n == 1 {
            "party".into()
        } else {
            format!("party{n}")
        });
    }
    cols.extend(source_columns(sources));
    cols.extend(
        [
            "confidence",
            "note",
            "supersedes",
            "recorded_at",
            "recorded_by",
        ]
        .iter()
        .map(|s| (*s).to_owned()),
    );
    cols
}

pub(crate) fn observation_row(o: &Observation, parties: usize, sources: usize) -> Vec<String> {
    let mut row = vec![
        o.id.to_string(),
        o.place.to_string(),
        o.valid_from.to_string(),
        opt(o.valid_until),
        o.status.to_string(),
    ];
    for n in 0..parties.max(1) {
        row.push(
            o.parties
                .get(n)
                .map(ToString::to_string)
                .unwrap_or_default(),
        );
    }
    row.extend(source_cells(&o.sources, sources));
    row.extend([
        o.confidence.to_string(),
        o.note.clone().unwrap_or_default(),
        o.supersedes
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(";"),
        o.recorded_at
            .to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
        o.recorded_by.clone(),
    ]);
    row
}

pub(crate) fn milestone_row(m: &Milestone) -> Vec<(&'static str, String)> {
    let s = m.sources.first();
    vec![
        ("id", m.id.clone()),
        ("name", m.name.clone()),
        ("start", m.start.to_string()),
        ("end", opt(m.end)),
        ("location", m.location.clone().unwrap_or_default()),
        ("series", m.series.clone().unwrap_or_default()),
        (
            "source_publisher",
            s.map(|s| s.publisher.clone()).unwrap_or_default(),
        ),
        (
            "source_title",
            s.map(|s| s.title.clone()).unwrap_or_default(),
        ),
        (
            "source_url",
            s.and_then(|s| s.url.clone()).unwrap_or_default(),
        ),
        ("source_date", opt(s.and_then(|s| s.published))),
        (
            "source_stance",
            s.map(|s| s.stance.to_string()).unwrap_or_default(),
        ),
    ]
}

/// The columns of `n` (at least one) source groups: `source_publisher`..`source_stance`,
/// `source2_publisher`, ...
fn source_columns(n: usize) -> Vec<String> {
    (1..=n.max(1))
        .flat_map(|i| {
            let prefix = if i == 1 {
                "source".to_owned()
            } else {
                format!("source{i}")
            };
            SOURCE_FIELDS.map(|f| format!("{prefix}_{f}"))
        })
        .collect()
}

/// The cells of [`source_columns`]`(n)` for `sources` (blank where there are fewer).
fn source_cells(sources: &[Source], n: usize) -> Vec<String> {
    let mut cells = Vec::with_capacity(n.max(1) * SOURCE_FIELDS.len());
    for i in 0..n.max(1) {
        match sources.get(i) {
            Some(s) => cells.extend([
                s.publisher.clone(),
                s.title.clone(),
                s.url.clone().unwrap_or_default(),
                opt(s.published),
                s.stance.to_string(),
            ]),
            None => cells.extend(std::iter::repeat_n(String::new(), SOURCE_FIELDS.len())),
        }
    }
    cells
}

/// A violent event, from the columns [`event_columns`] names.
pub(crate) fn event(f: &impl Fields) -> Parsed<Event> {
    let day = |name: &str| -> Parsed<NaiveDate> {
        let text = need(f, name)?;
        NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_err(|_| {
            FieldError::new(
                name,
                format!(
                    "{} is not a date (YYYY-MM-DD)",
                    frontline_model::shown(&text)
                ),
            )
        })
    };
    let code = |name: &str, default: u8| -> Parsed<u8> {
        Ok(parse_with(f, name, str::parse::<u8>)?.unwrap_or(default))
    };
    let count =
        |name: &str| -> Parsed<u32> { Ok(parse_with(f, name, str::parse::<u32>)?.unwrap_or(0)) };
    let (date_start, date_end) = (day("date_start")?, day("date_end")?);
    if date_end < date_start {
        return Err(FieldError::new(
            "date_end",
            format!("{date_end} is before date_start {date_start}"),
        ));
    }
    let (lon, lat) = (number(f, "lon")?, number(f, "lat")?);
    if !(-180.0..=180.0).contains(&lon) {
        return Err(FieldError::new(
            "lon",
            format!("{lon} is not a longitude between -180 and 180"),
        ));
    }
    if !(-90.0..=90.0).contains(&lat) {
        return Err(FieldError::new(
            "lat",
            format!("{lat} is not a latitude between -90 and 90"),
        ));
    }
    Ok(Event {
        id: need(f, "event")?.into_owned(),
        date_start,
        date_end,
        date_precision: code("date_precision", 1)?,
        lon,
        lat,
        where_precision: code("where_precision", 1)?,
        where_name: f
            .text("where_name")
            .map(Cow::into_owned)
            .unwrap_or_default(),
        adm_1: f.text("adm_1").map(Cow::into_owned),
        adm_2: f.text("adm_2").map(Cow::into_owned),
        type_of_violence: need(f, "type_of_violence")?
            .parse()
            .ok()
            .filter(|t| (1..=3).contains(t))
            .ok_or_else(|| FieldError::new("type_of_violence", "expected 1, 2 or 3"))?,
        side_a: need(f, "side_a")?.into_owned(),
        side_b: need(f, "side_b")?.into_owned(),
        deaths: Deaths {
            side_a: count("deaths_a")?,
            side_b: count("deaths_b")?,
            civilians: count("deaths_civilians")?,
            unknown: count("deaths_unknown")?,
            low: count("deaths_low")?,
            best: need(f, "deaths_best")?
                .parse()
                .map_err(|_| FieldError::new("deaths_best", "expected a whole number"))?,
            high: count("deaths_high")?,
        },
        sources: sources(f)?,
    })
}

/// When and by whom a version of a place or party was recorded, if its row says
/// (`recorded_at`, and `recorded_by` or else the importing user): the rows of an exported
/// history do, so that importing it restores each version with its record time.
pub(crate) fn stamp(f: &impl Fields, defaults: &Defaults) -> Parsed<Option<Recorded>> {
    let at = parse_with(f, "recorded_at", |t| {
        DateTime::parse_from_rfc3339(t).map(|d| d.with_timezone(&Utc))
    })?;
    let by = f.text("recorded_by").map(Cow::into_owned);
    match (at, by) {
        (Some(at), by) => Ok(Some(Recorded {
            at,
            by: by.unwrap_or_else(|| defaults.recorded_by.clone()),
        })),
        (None, Some(_)) => Err(FieldError::new(
            "recorded_at",
            "recorded_by is given without recorded_at",
        )),
        (None, None) => Ok(None),
    }
}

/// A row with the record time and recorder of its version appended.
pub(crate) fn stamped(
    mut row: Vec<(&'static str, String)>,
    recorded: &Recorded,
) -> Vec<(&'static str, String)> {
    row.push((
        "recorded_at",
        recorded
            .at
            .to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
    ));
    row.push(("recorded_by", recorded.by.clone()));
    row
}

/// The most sources any of the records has (at least one), for the width of a file of
/// events or presence records.
pub(crate) fn sources_width<'a>(lists: impl IntoIterator<Item = &'a Vec<Source>>) -> usize {
    lists.into_iter().map(Vec::len).max().unwrap_or(1).max(1)
}

/// The columns of an events file whose events have at most `sources` sources.
pub(crate) fn event_columns(sources: usize) -> Vec<String> {
    let mut cols: Vec<String> = EVENT_REQUIRED
        .iter()
        .chain(&EVENT_OPTIONAL[..EVENT_OPTIONAL.len() - SOURCE_FIELDS.len()])
        .map(|s| (*s).to_owned())
        .collect();
    cols.extend(source_columns(sources));
    cols
}

/// An event as a row of [`event_columns`]`(sources)`.
pub(crate) fn event_row(e: &Event, sources: usize) -> Vec<String> {
    let d = &e.deaths;
    let mut row = vec![
        e.id.clone(),
        e.date_start.to_string(),
        e.date_end.to_string(),
        e.lon.to_string(),
        e.lat.to_string(),
        e.type_of_violence.to_string(),
        e.side_a.clone(),
        e.side_b.clone(),
        d.best.to_string(),
        e.date_precision.to_string(),
        e.where_precision.to_string(),
        e.where_name.clone(),
        e.adm_1.clone().unwrap_or_default(),
        e.adm_2.clone().unwrap_or_default(),
        d.side_a.to_string(),
        d.side_b.to_string(),
        d.civilians.to_string(),
        d.unknown.to_string(),
        d.low.to_string(),
        d.high.to_string(),
    ];
    row.extend(source_cells(&e.sources, sources));
    row
}

/// A presence record (a force at a site); `lon` and `lat` may come from elsewhere (a
/// GeoJSON point). The site is a `place` or a point, not both.
pub(crate) fn presence(
    f: &impl Fields,
    defaults: &Defaults,
    point: Option<(f64, f64)>,
) -> Parsed<Presence> {
    let place = parse_with(f, "place", str::parse::<PlaceId>)?;
    let point = match point {
        Some(p) => Some(p),
        None if f.text("lon").is_some() || f.text("lat").is_some() => {
            Some((number(f, "lon")?, number(f, "lat")?))
        }
        None => None,
    };
    let at = match (place, point) {
        (Some(_), Some(_)) => {
            return Err(FieldError::new(
                "place",
                "a site is a place or a point (lon and lat), not both",
            ));
        }
        (None, None) => {
            return Err(FieldError::new(
                "place",
                "a site needs a place or a point (lon and lat)",
            ));
        }
        (Some(place), None) => Site::Place(place),
        (None, Some((lon, lat))) => Site::Point {
            lon: crate::geometry::round7(lon),
            lat: crate::geometry::round7(lat),
        },
    };
    let recorded_at = parse_with(f, "recorded_at", |t| {
        DateTime::parse_from_rfc3339(t).map(|d| d.with_timezone(&Utc))
    })?;
    let mut p = Presence {
        id: PresenceId::new("pending").expect("a literal id is valid"),
        force: PartyId::new(need(f, "force")?.as_ref())
            .map_err(|e| FieldError::new("force", e.to_string()))?,
        site: need(f, "site")?.into_owned(),
        at,
        kind: PresenceKind::parse(&need(f, "kind")?)
            .map_err(|e| FieldError::new("kind", e.to_string()))?,
        valid_from: date(f, "valid_from")?
            .ok_or_else(|| FieldError::new("valid_from", "a value is required"))?,
        valid_until: date(f, "valid_until")?,
        sources: sources(f)?,
        confidence: parse_with(f, "confidence", Confidence::parse)?.unwrap_or(Confidence::Medium),
        note: f.text("note").map(Cow::into_owned),
        recorded_at: recorded_at.unwrap_or(defaults.recorded_at),
        recorded_by: f
            .text("recorded_by")
            .map_or_else(|| defaults.recorded_by.clone(), Cow::into_owned),
        supersedes: id_list(f, "supersedes", str::parse::<PresenceId>)?,
    };
    p.id = match parse_with(f, "id", str::parse::<PresenceId>)? {
        Some(id) => id,
        None => p.content_id(),
    };
    Ok(p)
}

/// The columns of a presence file whose records have at most `sources` sources.
pub(crate) fn presence_columns(sources: usize) -> Vec<String> {
    let mut cols: Vec<String> = [
        "id",
        "force",
        "site",
        "place",
        "lon",
        "lat",
        "kind",
        "valid_from",
        "valid_until",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    cols.extend(source_columns(sources));
    cols.extend(
        [
            "confidence",
            "note",
            "supersedes",
            "recorded_at",
            "recorded_by",
        ]
        .iter()
        .map(|s| (*s).to_owned()),
    );
    cols
}

/// A presence record as a row of [`presence_columns`]`(sources)`.
pub(crate) fn presence_row(p: &Presence, sources: usize) -> Vec<String> {
    let (place, lon, lat) = match &p.at {
        Site::Place(id) => (id.to_string(), String::new(), String::new()),
        Site::Point { lon, lat } => (String::new(), lon.to_string(), lat.to_string()),
    };
    let mut row = vec![
        p.id.to_string(),
        p.force.to_string(),
        p.site.clone(),
        place,
        lon,
        lat,
        p.kind.to_string(),
        p.valid_from.to_string(),
        opt(p.valid_until),
    ];
    row.extend(source_cells(&p.sources, sources));
    row.extend([
        p.confidence.to_string(),
        p.note.clone().unwrap_or_default(),
        p.supersedes
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(";"),
        p.recorded_at
            .to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
        p.recorded_by.clone(),
    ]);
    row
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// Parses a conflict's start date (a full day).
pub(crate) fn start_date(text: &str) -> Parsed<NaiveDate> {
    let d = PartialDate::parse(text).map_err(|e| FieldError::new("start", e.to_string()))?;
    Ok(d.first_day())
}

/// Why a text value is refused for holding a control character (a terminal escape, a NUL,
/// a line break), naming it and where; `None` when it holds none.
pub(crate) fn control_character(text: &str) -> Option<String> {
    let (at, c) = text.chars().enumerate().find(|(_, c)| c.is_control())?;
    Some(format!(
        "holds the control character U+{:04X} at character {}; text fields may not hold control characters (line breaks, tabs, escapes)",
        u32::from(c),
        at + 1
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_reach_the_last_numbered_group_a_header_has() {
        let names = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            Repeats::of(&names(&[
                "place",
                "date",
                "status",
                "party",
                "source_publisher"
            ])),
            Repeats {
                parties: 1,
                sources: 1
            }
        );
        // A gap does not stop reading: party3 is read though party2 is absent.
        assert_eq!(
            Repeats::of(&names(&["party", "party3", "source_title", "source2_url"])),
            Repeats {
                parties: 3,
                sources: 2
            }
        );
        assert_eq!(
            Repeats::of(&names(&["id", "name"])),
            Repeats {
                parties: 0,
                sources: 0
            }
        );
    }
}
