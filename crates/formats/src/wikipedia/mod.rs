//! Wikipedia's detailed-map modules ("Module:Syrian Civil War detailed map" and its
//! siblings) as dated, sourced evidence.
//!
//! A module is Lua: a `marks` list of entries `{ lat = ..., long = ..., mark = m.gov,
//! marksize = ..., label = "[[...]]", link = "...", position = ... }`. It is read by a
//! small tokenizer of that subset of Lua ([`lexer`]), entry by entry, so that a broken
//! entry is reported by its line while the others are still read (see
//! `docs/adr/0004-wikipedia-modules-hand-tokenized.md` for why no Lua crate is used).
//! Marks mean statuses, parties and place kinds through a [`MarkMapping`]; each control
//! mark becomes an observation of a place, matched to a known place or created.

mod label;
mod lexer;
mod mapping;
mod matching;
mod parse;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

use frontline_model::{
    Confidence, Invalid, Names, Observation, ObservationId, PartialDate, PartyId, Place, PlaceId,
    PlaceKind, Source, Status,
};

pub use mapping::{MarkMapping, Meaning};
pub use parse::{BrokenEntry, Icon, Mark};

use crate::{Defaults, Error, Located, Location, Record, Result};

/// What the import of a module needs to know: the module's date and source, and what
/// the database already holds.
pub struct ModuleContext<'a> {
    /// The date the module's marks describe (its revision's date).
    pub date: PartialDate,
    /// The source every observation cites (publisher Wikipedia, the module's revision).
    pub source: Source,
    /// The confidence given to every observation.
    pub confidence: Confidence,
    /// Record time and recorder.
    pub defaults: Defaults,
    /// The places already known, to match marks to.
    pub places: &'a [Place],
    /// Whether a party exists on a date.
    pub exists: &'a dyn Fn(&PartyId, PartialDate) -> bool,
    /// Whether a new place would be accepted (inside the conflict's boundary, named).
    pub check_place: &'a dyn Fn(&Place) -> std::result::Result<(), Invalid>,
}

impl std::fmt::Debug for ModuleContext<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ModuleContext")
            .field("date", &self.date)
            .field("places", &self.places.len())
            .finish_non_exhaustive()
    }
}

/// How a mark was matched to a known place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchRule {
    /// The same normalised name within 5 km.
    Name,
    /// The nearest known place within 1 km, whatever its name.
    Distance,
}

/// A mark matched to a known place.
#[derive(Debug, Clone, PartialEq)]
pub struct Matched {
    /// The mark's line.
    pub line: u64,
    /// The mark's label as shown.
    pub label: String,
    /// The place it was matched to.
    pub place: PlaceId,
    /// By which rule.
    pub rule: MatchRule,
    /// How far apart, in km.
    pub km: f64,
}

/// What reading a module gave: the records to import (new places, then observations,
/// each located at its mark's line) and a report.
#[derive(Debug, Clone, Default)]
pub struct ModuleImport {
    /// New places then observations.
    pub records: Vec<Located>,
    /// Marks matched to known places.
    pub matched: Vec<Matched>,
    /// Places created: the mark's line and the new place's id.
    pub created: Vec<(u64, PlaceId)>,
    /// Entries that are not control marks (decoration, site icons), with why.
    pub ignored: Vec<(u64, String)>,
    /// Entries that could not be read or mapped; the import refuses the module unless
    /// told to skip them.
    pub broken: Vec<BrokenEntry>,
    /// Distinct parties named by the observations.
    pub parties: Vec<PartyId>,
}

/// Reads the module at `path` and turns its marks into records.
///
/// # Errors
/// [`Error::Read`], [`Error::Empty`], [`Error::NotUtf8`]; [`Error::Field`] when the file
/// has no `marks` list or the list is never closed. Broken entries are not errors here:
/// they are listed in [`ModuleImport::broken`].
pub fn read_module(
    path: &Path,
    mapping: &MarkMapping,
    context: &ModuleContext<'_>,
) -> Result<ModuleImport> {
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        file: path.to_owned(),
        source,
    })?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty {
            file: path.to_owned(),
        });
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let line = e.as_bytes()[..e.utf8_error().valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        Error::NotUtf8 {
            file: path.to_owned(),
            at: Location::Line(u64::try_from(line).unwrap_or(u64::MAX)),
        }
    })?;
    read_module_str(path, &text, mapping, context)
}

/// As [`read_module`], from text already read; `path` names it in errors.
///
/// # Errors
/// [`Error::Field`] when the text has no `marks` list or the list is never closed.
pub fn read_module_str(
    path: &Path,
    text: &str,
    mapping: &MarkMapping,
    context: &ModuleContext<'_>,
) -> Result<ModuleImport> {
    let (marks, broken) = parse::marks(text).map_err(|e| Error::Field {
        file: path.to_owned(),
        at: Location::Line(e.line),
        field: "marks".to_owned(),
        reason: e.reason,
    })?;
    Ok(build(marks, broken, mapping, context))
}

/// A control mark with its meaning and the name it shows.
struct Control {
    mark: Mark,
    name: String,
    status: Status,
    parties: Vec<PartyId>,
    kind: Option<PlaceKind>,
    icon: String,
}

/// A site icon (border post, dam): its line, point and the kind it tells.
type SiteIcon = (u64, f64, f64, PlaceKind);

/// Turns the module's marks into records: each mark's meaning, the kinds site icons give the
/// control marks at their point, the match of each control mark to a known place, and then
/// new places and observations.
fn build(
    marks: Vec<Mark>,
    mut broken: Vec<BrokenEntry>,
    mapping: &MarkMapping,
    cx: &ModuleContext<'_>,
) -> ModuleImport {
    let mut out = ModuleImport::default();
    let (mut controls, sites) = meanings(marks, mapping, cx, &mut out, &mut broken);
    site_kinds(&mut controls, sites, &mut out);
    let points: Vec<matching::Point<'_>> = controls
        .iter()
        .map(|c| matching::Point {
            name: &c.name,
            lat: c.mark.lat,
            lon: c.mark.lon,
        })
        .collect();
    let assigned = matching::assign(&points, cx.places);
    let (places, observations, parties) =
        observations(controls, assigned, cx, &mut out, &mut broken);
    broken.sort_by_key(|b| b.line);
    out.ignored.sort_by_key(|i| i.0);
    out.records = places;
    out.records.extend(observations);
    out.broken = broken;
    out.parties = parties.into_iter().collect();
    out
}

/// What each mark means through the `mapping`: control marks (named by their label or link)
/// and site icons are returned; other marks go to `out.ignored`, unreadable or unnamed ones
/// to `broken`.
fn meanings(
    marks: Vec<Mark>,
    mapping: &MarkMapping,
    cx: &ModuleContext<'_>,
    out: &mut ModuleImport,
    broken: &mut Vec<BrokenEntry>,
) -> (Vec<Control>, Vec<SiteIcon>) {
    let mut controls = Vec::new();
    let mut sites: Vec<SiteIcon> = Vec::new();
    for mark in marks {
        let (meaning, icon) = match &mark.icon {
            Icon::Named(n) => (mapping.named(n, cx.date, cx.exists), format!("m.{n}")),
            Icon::File(f) => (
                mapping.file(f, cx.date, cx.exists),
                frontline_model::shown(f),
            ),
        };
        match meaning {
            Err(reason) => broken.push(BrokenEntry {
                line: mark.line,
                reason,
            }),
            Ok(Meaning::NotAMark) => out
                .ignored
                .push((mark.line, format!("{icon} is not a control mark"))),
            Ok(Meaning::Site(kind)) => sites.push((mark.line, mark.lat, mark.lon, kind)),
            Ok(Meaning::Control {
                status,
                parties,
                kind,
            }) => {
                let shown = mark
                    .label
                    .as_deref()
                    .map(label::plain)
                    .filter(|l| !l.is_empty());
                let name = shown.or_else(|| {
                    mark.link
                        .as_deref()
                        .map(label::plain)
                        .filter(|l| !l.is_empty())
                });
                match name {
                    Some(name) => controls.push(Control {
                        mark,
                        name,
                        status,
                        parties,
                        kind,
                        icon,
                    }),
                    None => broken.push(BrokenEntry {
                        line: mark.line,
                        reason: format!("{icon} has no label or link to name its place"),
                    }),
                }
            }
        }
    }
    (controls, sites)
}

/// Site icons (border posts, dams) tell the kind of the control mark at their point (within
/// 200 m, the nearest); each icon is listed in `out.ignored` with what it did.
fn site_kinds(controls: &mut [Control], sites: Vec<SiteIcon>, out: &mut ModuleImport) {
    for (line, lat, lon, kind) in sites {
        match controls
            .iter_mut()
            .filter(|c| matching::km(c.mark.lat, c.mark.lon, lat, lon) < 0.2)
            .min_by(|a, b| {
                matching::km(a.mark.lat, a.mark.lon, lat, lon)
                    .total_cmp(&matching::km(b.mark.lat, b.mark.lon, lat, lon))
            }) {
            Some(c) => {
                c.kind = c.kind.or(Some(kind));
                out.ignored.push((
                    line,
                    format!(
                        "{kind} icon: sets the kind of the mark at line {}",
                        c.mark.line
                    ),
                ));
            }
            None => out.ignored.push((
                line,
                format!("{kind} icon with no control mark at its point"),
            )),
        }
    }
}

/// The records of the control marks, given the known place each was `assigned` (if any):
/// new places (once each) and one observation per place, with the parties they name. Matches
/// and created places are reported in `out`; a new place the context refuses, and a second
/// mark of a place that says otherwise, go to `broken`; a repeated mark to `out.ignored`.
fn observations(
    controls: Vec<Control>,
    assigned: Vec<Option<(usize, MatchRule, f64)>>,
    cx: &ModuleContext<'_>,
    out: &mut ModuleImport,
    broken: &mut Vec<BrokenEntry>,
) -> (Vec<Located>, Vec<Located>, BTreeSet<PartyId>) {
    let mut places: Vec<Located> = Vec::new();
    let mut observations: Vec<Located> = Vec::new();
    let mut given: HashMap<PlaceId, (u64, ObservationId)> = HashMap::new();
    let mut new_ids: HashSet<PlaceId> = HashSet::new();
    let mut parties: BTreeSet<PartyId> = BTreeSet::new();
    for (c, found) in controls.into_iter().zip(assigned) {
        let line = c.mark.line;
        let place_id = if let Some((ix, rule, km)) = found {
            let place = cx.places[ix].id.clone();
            out.matched.push(Matched {
                line,
                label: c.name.clone(),
                place: place.clone(),
                rule,
                km,
            });
            place
        } else {
            let place = new_place(&c);
            if let Err(Invalid { field, reason }) = (cx.check_place)(&place) {
                broken.push(BrokenEntry {
                    line,
                    reason: format!("{field}: {reason}"),
                });
                continue;
            }
            if new_ids.insert(place.id.clone()) {
                out.created.push((line, place.id.clone()));
                places.push(Located::new(
                    Location::Line(line),
                    Record::Place(place.clone()),
                ));
            }
            place.id
        };
        let obs = observation(c, place_id.clone(), cx);
        if let Some((first, id)) = given.get(&place_id) {
            if *id == obs.id {
                out.ignored.push((
                    line,
                    format!("the same as line {first} (same place, same mark)"),
                ));
            } else {
                broken.push(BrokenEntry {
                    line,
                    reason: format!("line {first} marks the same place {place_id} otherwise"),
                });
            }
            continue;
        }
        given.insert(place_id, (line, obs.id.clone()));
        parties.extend(obs.parties.iter().cloned());
        observations.push(Located::new(Location::Line(line), Record::Observation(obs)));
    }
    (places, observations, parties)
}

/// The observation a control mark makes of `place`, with its content id.
fn observation(c: Control, place: PlaceId, cx: &ModuleContext<'_>) -> Observation {
    let mut obs = Observation {
        id: ObservationId::new("pending").expect("a literal id is valid"),
        place,
        status: c.status,
        parties: c.parties,
        valid_from: cx.date,
        valid_until: None,
        sources: vec![cx.source.clone()],
        confidence: cx.confidence,
        note: Some(format!("Wikipedia mark {}", c.icon)),
        recorded_at: cx.defaults.recorded_at,
        recorded_by: cx.defaults.recorded_by.clone(),
        supersedes: Vec::new(),
    };
    obs.id = obs.content_id();
    obs
}

/// A new place for a mark: named by its label, its kind from the icon or else from the
/// icon's size (10 px and more: city; 7 to 9: town; smaller: village), with a stable id
/// from the name and the point: `wp-<name>-<lat>-<lon>` (3 decimals).
fn new_place(c: &Control) -> Place {
    let kind = c.kind.unwrap_or(match c.mark.marksize {
        Some(s) if s >= 10.0 => PlaceKind::City,
        Some(s) if s >= 7.0 => PlaceKind::Town,
        _ => PlaceKind::Village,
    });
    let id = format!("wp-{}-{:.3}-{:.3}", slug(&c.name), c.mark.lat, c.mark.lon);
    Place {
        id: PlaceId::new(id).expect("a slug and numbers make a valid id"),
        names: Names::english(c.name.clone()),
        lon: crate::geometry::round7(c.mark.lon),
        lat: crate::geometry::round7(c.mark.lat),
        kind,
        population: None,
        region: None,
        aliases: Vec::new(),
    }
}

/// A lowercase ASCII slug, at most 60 characters; `mark` when nothing is left.
fn slug(name: &str) -> String {
    let folded = label::normalised_words(name);
    let mut out = String::new();
    for word in folded.split_whitespace() {
        if out.len() + word.len() + 1 > 60 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        "mark".to_owned()
    } else {
        out
    }
}
