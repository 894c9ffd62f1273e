//! Importing files into the store: read, check against what is known, write, all in one
//! transaction.

use rustc_hash::FxHashMap as HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, sync_channel};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, bail};
use frontline_formats::{Defaults, Located, Location, Opened, Record, Records};
use frontline_model::{Catalog, Invalid, Recorded, Versioned};
use frontline_store::{Outcome, Store, Writer};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;

use crate::settings::Settings;

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if passes a reference"
)]
fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// What an import did, per kind of record.
#[derive(Debug, Default, Serialize)]
pub(crate) struct ImportReport {
    pub(crate) added: KindCounts,
    pub(crate) unchanged: KindCounts,
    /// Records whose file gave a record time or recorder that the import did not take
    /// (they were recorded now, by whoever ran it).
    pub(crate) restamped: u64,
}

#[derive(Debug, Default, Serialize)]
pub(crate) struct KindCounts {
    pub(crate) conflict: u64,
    pub(crate) regions: u64,
    pub(crate) parties: u64,
    pub(crate) places: u64,
    #[serde(skip_serializing_if = "is_zero")]
    pub(crate) areas: u64,
    pub(crate) observations: u64,
    pub(crate) milestones: u64,
    pub(crate) figures: u64,
    pub(crate) events: u64,
    #[serde(skip_serializing_if = "is_zero")]
    pub(crate) presence: u64,
}

impl KindCounts {
    fn bump(&mut self, record: &Record) {
        let slot = match record {
            Record::Conflict(_) | Record::Boundary(_) => &mut self.conflict,
            Record::Region(_) => &mut self.regions,
            Record::Party(_) => &mut self.parties,
            Record::Place(_) => &mut self.places,
            Record::Area(_) => &mut self.areas,
            Record::Observation(_) => &mut self.observations,
            Record::Milestone(_) => &mut self.milestones,
            Record::Figure(_) => &mut self.figures,
            Record::Event(_) => &mut self.events,
            Record::Presence(_) => &mut self.presence,
        };
        *slot += 1;
    }

    pub(crate) fn total(&self) -> u64 {
        self.conflict
            + self.regions
            + self.parties
            + self.places
            + self.areas
            + self.observations
            + self.milestones
            + self.figures
            + self.events
            + self.presence
    }
}

/// Something to import.
#[derive(Debug, Clone)]
pub(crate) enum Input {
    /// A file on disk.
    File(PathBuf),
    /// Text built into the binary, named like a file.
    Text { name: PathBuf, text: &'static str },
    /// A conflict (what `init` creates).
    Conflict(Box<frontline_model::Conflict>),
    /// Records read elsewhere (a Wikipedia module), named like a file, in rank order.
    Records {
        name: PathBuf,
        records: Vec<Located>,
    },
}

/// Opens an input: a file's kind and rank are told by `frontline_formats::open`.
fn open(input: &Input, defaults: &Defaults) -> Result<Opened> {
    Ok(match input {
        Input::File(path) => frontline_formats::open(path, defaults)?,
        Input::Text { name, text } => frontline_formats::open_text(name, text, defaults)?,
        Input::Conflict(c) => {
            let record = Located::new(Location::File, Record::Conflict((**c).clone()));
            Opened {
                path: PathBuf::from("(new conflict)"),
                rank: record.record.rank(),
                records: Box::new(std::iter::once(Ok(record))),
            }
        }
        Input::Records { name, records } => Opened {
            path: name.clone(),
            rank: records.first().map_or(0, |l| l.record.rank()),
            records: Box::new(records.clone().into_iter().map(Ok)),
        },
    })
}

fn invalid(
    file: &Path,
    at: Location,
    Invalid { field, reason }: Invalid,
) -> frontline_formats::Error {
    frontline_formats::Error::Field {
        file: file.to_owned(),
        at,
        field: field.to_owned(),
        reason,
    }
}

/// Imports `inputs` into `store` in one transaction: every record of every input, or none.
///
/// Files are taken in dependency order (regions, parties, places, observations,
/// milestones) whatever order they are given in.
/// Whose clock stamps the records of an import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RecordTimes {
    /// The store's: every record is recorded now, by whoever runs the import; record
    /// times a file carries (an export's) are not taken. The valid-time history is kept.
    Now,
    /// The file's, for `frontline restore` into an empty database: an export's record times
    /// and recorders are kept (none may be in the future), and the audit log says so.
    Kept,
}

/// The record and the record time to store it with, under `times`: with [`RecordTimes::Now`],
/// an observation is stamped now by the importing user (counted in `restamped` when the file
/// said otherwise) and a version's own record time is dropped; with [`RecordTimes::Kept`], a
/// record time after now is refused.
fn stamp(
    times: RecordTimes,
    record: Record,
    recorded: Option<Recorded>,
    settings: &Settings,
    restamped: &mut u64,
) -> Result<(Record, Option<Recorded>), Invalid> {
    match times {
        RecordTimes::Now => {
            if recorded.is_some() {
                *restamped += 1;
            }
            let record = match record {
                Record::Observation(mut o) => {
                    if o.recorded_at != settings.now || o.recorded_by != settings.user {
                        *restamped += 1;
                    }
                    o.recorded_at = settings.now;
                    o.recorded_by.clone_from(&settings.user);
                    Record::Observation(o)
                }
                Record::Presence(mut p) => {
                    if p.recorded_at != settings.now || p.recorded_by != settings.user {
                        *restamped += 1;
                    }
                    p.recorded_at = settings.now;
                    p.recorded_by.clone_from(&settings.user);
                    Record::Presence(p)
                }
                other => other,
            };
            Ok((record, None))
        }
        RecordTimes::Kept => {
            let at = match &record {
                Record::Observation(o) => Some(o.recorded_at),
                Record::Presence(p) => Some(p.recorded_at),
                _ => recorded.as_ref().map(|r| r.at),
            };
            if let Some(at) = at.filter(|at| *at > settings.now) {
                return Err(Invalid {
                    field: "recorded_at",
                    reason: format!(
                        "{} is in the future (now: {})",
                        at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                        settings
                            .now
                            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
                    ),
                });
            }
            Ok((record, recorded))
        }
    }
}

/// Stores one version of a versioned record (party, place, area): recorded now, or, on the
/// restore path, with the record time the export kept.
fn store_version<W: Writer + ?Sized, T: Clone>(
    writer: &mut W,
    value: &T,
    recorded: Option<Recorded>,
    add: fn(&mut W, &T) -> frontline_store::Result<Outcome>,
    restore: fn(&mut W, &Versioned<T>) -> frontline_store::Result<Outcome>,
) -> frontline_store::Result<Outcome> {
    match recorded {
        Some(recorded) => restore(
            writer,
            &Versioned {
                value: value.clone(),
                recorded,
            },
        ),
        None => add(writer, value),
    }
}

pub(crate) fn import(
    store: &mut dyn Store,
    inputs: &[Input],
    settings: &Settings,
    times: RecordTimes,
) -> Result<ImportReport> {
    let defaults = Defaults {
        recorded_at: settings.now,
        recorded_by: settings.user.clone(),
    };
    let mut opened = inputs
        .iter()
        .map(|f| open(f, &defaults))
        .collect::<Result<Vec<_>>>()?;
    opened.sort_by_key(|o| o.rank);
    let names: Vec<PathBuf> = opened.iter().map(|o| o.path.clone()).collect();
    let records = ReadAhead::start(opened.into_iter().map(|o| o.records).collect());

    let mut catalog = load_catalog(store, settings)?;
    let mut has_conflict = store.conflict()?.is_some();
    let mut report = ImportReport::default();
    // What this import has given so far, to refuse duplicates: (file index, location).
    // (Observations are the catalog's to track: there can be millions.)
    let mut seen: HashMap<String, (usize, Location)> = HashMap::default();
    let progress = Progress::new();
    // Parties may name each other (parent, predecessors) in any order: checked at the end.
    let mut party_references: Vec<(PathBuf, Location, frontline_model::Party)> = Vec::new();
    let mut writer = store.writer(Recorded {
        at: settings.now,
        by: settings.user.clone(),
    })?;
    for (file_ix, item) in records {
        let Located {
            at,
            record,
            recorded,
        } = item?;
        let path = &names[file_ix];
        // Versions of one record in one file (an export's) are told apart by their record
        // times, whichever clock stamps them.
        let key = identity(&record, recorded.as_ref());
        let (record, recorded) = stamp(times, record, recorded, settings, &mut report.restamped)
            .map_err(|e| invalid(path, at, e))?;
        let earlier = key.and_then(|key| {
            let id = key.split_once(':').map_or(key.as_str(), |k| k.1).to_owned();
            seen.insert(key, (file_ix, at)).map(|e| (e, id))
        });
        if let Some(((first_file, first_at), id)) = earlier {
            return Err(duplicate(&names, path, at, "id", &id, first_file, first_at).into());
        }
        // Observations' sources are checked with the rest of the observation.
        if let Some(sources) = other_sources(&record) {
            catalog
                .check_sources(sources)
                .map_err(|e| invalid(path, at, e))?;
        }
        let outcome = match &record {
            Record::Conflict(c) => {
                let outcome = writer.set_conflict(c)?;
                catalog.set_conflict(c);
                has_conflict = true;
                outcome
            }
            Record::Boundary(_) => bail!(
                "{}: {at}: a bare boundary cannot be imported; create the database with `frontline init --boundary {}`",
                path.display(),
                path.display()
            ),
            _ if !has_conflict => {
                bail!(
                    "{}: {at}: the database holds no conflict yet; run `frontline init` first",
                    path.display()
                )
            }
            Record::Region(r) => {
                catalog.admit_region(r.id.clone());
                writer.add_region(r)?
            }
            Record::Party(p) => {
                catalog.check_party(p).map_err(|e| invalid(path, at, e))?;
                catalog.admit_party(p.clone());
                party_references.push((path.clone(), at, p.clone()));
                store_version(
                    &mut *writer,
                    p,
                    recorded,
                    Writer::add_party,
                    Writer::restore_party,
                )?
            }
            Record::Place(p) => {
                catalog.check_place(p).map_err(|e| invalid(path, at, e))?;
                catalog.admit_place(p.id.clone());
                store_version(
                    &mut *writer,
                    p,
                    recorded,
                    Writer::add_place,
                    Writer::restore_place,
                )?
            }
            Record::Area(a) => {
                catalog.check_area(a).map_err(|e| invalid(path, at, e))?;
                catalog.admit_area(a.id.clone());
                store_version(
                    &mut *writer,
                    a,
                    recorded,
                    Writer::add_area,
                    Writer::restore_area,
                )?
            }
            Record::Observation(o) => {
                catalog
                    .check_observation(o)
                    .map_err(|e| invalid(path, at, e))?;
                let admitted = catalog.admit_observation(o.id.clone(), position(file_ix, at));
                given_once(&names, path, at, o.id.as_str(), admitted)?;
                writer
                    .add_observation(o)
                    .with_context(|| format!("{}: {at}", path.display()))?
            }
            Record::Milestone(m) => writer.add_milestone(m)?,
            Record::Figure(f) => {
                not_after_today(path, at, "date", f.date.first_day(), settings)?;
                writer.add_figure(f)?
            }
            Record::Event(e) => {
                not_after_today(path, at, "date_start", e.date_start, settings)?;
                writer
                    .add_event(e)
                    .with_context(|| format!("{}: {at}", path.display()))?
            }
            Record::Presence(p) => {
                catalog
                    .check_presence(p)
                    .map_err(|e| invalid(path, at, e))?;
                let admitted = catalog.admit_presence(p.id.clone(), position(file_ix, at));
                given_once(&names, path, at, p.id.as_str(), admitted)?;
                writer
                    .add_presence(p)
                    .with_context(|| format!("{}: {at}", path.display()))?
            }
        };
        match outcome {
            Outcome::Added => report.added.bump(&record),
            Outcome::Unchanged => report.unchanged.bump(&record),
        }
        progress.tick(report.added.total() + report.unchanged.total());
    }
    progress.finish();
    for (path, at, party) in &party_references {
        catalog
            .check_party_references(party)
            .map_err(|e| invalid(path, *at, e))?;
    }
    if times == RecordTimes::Kept {
        writer.add_audit(&restore_entry(&names, &report, settings))?;
    }
    writer.commit()?;
    Ok(report)
}

/// Refuses a record (an observation, a presence record) whose id this import gave before,
/// naming where: `admitted` is the catalog's answer, the position of the first when refused.
fn given_once(
    names: &[PathBuf],
    path: &Path,
    at: Location,
    id: &str,
    admitted: std::result::Result<(), u64>,
) -> Result<()> {
    if let Err(first) = admitted {
        let (first_file, first_at) = unpack_position(first);
        return Err(duplicate(
            names,
            path,
            at,
            "id (or, without one, the whole row)",
            id,
            first_file,
            first_at,
        )
        .into());
    }
    Ok(())
}

/// The sources of a milestone, a figure or an event.
fn other_sources(record: &Record) -> Option<&[frontline_model::Source]> {
    match record {
        Record::Milestone(m) => Some(&m.sources),
        Record::Figure(f) => Some(std::slice::from_ref(&f.source)),
        Record::Event(e) => Some(&e.sources),
        _ => None,
    }
}

/// The audit entry of a restore: who restored how many records from which files.
fn restore_entry(
    names: &[PathBuf],
    report: &ImportReport,
    settings: &Settings,
) -> frontline_model::AuditEntry {
    let files: Vec<String> = names.iter().map(|p| p.display().to_string()).collect();
    frontline_model::AuditEntry {
        at: settings.now,
        by: settings.user.clone(),
        action: "restore".to_owned(),
        detail: format!(
            "restored {} records from {}, keeping the record times and recorders the files give",
            report.added.total(),
            files.join(", ")
        ),
    }
}

/// The records of every opened file, in order, each with its file's index: read and
/// parsed on a second thread, so that parsing overlaps checking and writing (on a big
/// import the two take about as long). At most a few batches are read ahead, so memory
/// stays constant however big the files.
struct ReadAhead {
    batches: Receiver<Vec<(usize, frontline_formats::Result<Located>)>>,
    batch: std::vec::IntoIter<(usize, frontline_formats::Result<Located>)>,
    reader: Option<JoinHandle<()>>,
}

impl ReadAhead {
    const BATCH: usize = 512;

    fn start(files: Vec<Records>) -> Self {
        let (send, batches) = sync_channel(4);
        let reader = std::thread::spawn(move || {
            let mut batch = Vec::with_capacity(Self::BATCH);
            for (file_ix, records) in files.into_iter().enumerate() {
                for item in records {
                    let failed = item.is_err();
                    batch.push((file_ix, item));
                    // Nothing after an error is read: the import stops there.
                    if failed || batch.len() == Self::BATCH {
                        let full = std::mem::replace(&mut batch, Vec::with_capacity(Self::BATCH));
                        if send.send(full).is_err() || failed {
                            return;
                        }
                    }
                }
            }
            // The import may have ended early, so a failed send is fine.
            let _ = send.send(batch);
        });
        Self {
            batches,
            batch: Vec::new().into_iter(),
            reader: Some(reader),
        }
    }
}

impl Iterator for ReadAhead {
    type Item = (usize, frontline_formats::Result<Located>);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.batch.next() {
                return Some(item);
            }
            if let Ok(batch) = self.batches.recv() {
                self.batch = batch.into_iter();
                continue;
            }
            // The reader has finished; if it panicked, that is not the end of the input.
            if let Some(Err(panic)) = self.reader.take().map(JoinHandle::join) {
                std::panic::resume_unwind(panic);
            }
            return None;
        }
    }
}

/// What a database already knows, for checking new records.
fn load_catalog(store: &dyn Store, settings: &Settings) -> Result<Catalog> {
    let conflict = store.conflict()?;
    let mut catalog = Catalog::new(conflict.as_ref(), settings.today());
    for r in store.regions()? {
        catalog.admit_region(r.id);
    }
    for p in store.parties()? {
        catalog.admit_party(p);
    }
    for p in store.places()? {
        catalog.admit_place(p.id);
    }
    for a in store.area_versions()? {
        catalog.admit_area(a.value.id);
    }
    for id in store.observation_ids()? {
        catalog.admit_stored_observation(id);
    }
    for p in store.presence()? {
        catalog.admit_stored_presence(p.id);
    }
    Ok(catalog)
}

/// The key under which a record must be unique within one import (a place or party may
/// come in several versions, each with its own record time).
fn identity(record: &Record, recorded: Option<&Recorded>) -> Option<String> {
    let version = recorded.map_or_else(String::new, |r| {
        format!(
            " recorded {}",
            r.at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
        )
    });
    match record {
        Record::Region(r) => Some(format!("region:{}", r.id)),
        Record::Party(p) => Some(match p.since {
            Some(s) => format!("party:{}@{s}{version}", p.id),
            None => format!("party:{}{version}", p.id),
        }),
        Record::Place(p) => Some(format!("place:{}{version}", p.id)),
        Record::Area(a) => Some(format!("area:{}{version}", a.id)),
        Record::Observation(_) | Record::Presence(_) => None,
        Record::Milestone(m) => Some(format!("milestone:{}", m.id)),
        Record::Figure(f) => Some(format!("figure:{}", f.key())),
        Record::Event(e) => Some(format!("event:{}", e.id)),
        Record::Conflict(_) | Record::Boundary(_) => None,
    }
}

/// Refuses a record dated after today.
fn not_after_today(
    path: &Path,
    at: Location,
    field: &'static str,
    day: chrono::NaiveDate,
    settings: &Settings,
) -> Result<()> {
    if day <= settings.today() {
        return Ok(());
    }
    let reason = format!("{day} is after today ({})", settings.today());
    Err(invalid(path, at, Invalid { field, reason }).into())
}

/// The error for a record whose id was given before in the same import.
fn duplicate(
    names: &[PathBuf],
    path: &Path,
    at: Location,
    field: &'static str,
    id: &str,
    first_file: usize,
    first_at: Location,
) -> frontline_formats::Error {
    let reason = format!(
        "duplicate id {}, first given at {}: {first_at}",
        frontline_model::shown(id),
        names[first_file].display()
    );
    invalid(path, at, Invalid { field, reason })
}

/// Where a record was given (its file's index among the inputs and its location),
/// packed into the number the catalog keeps for each observation: the file in the top
/// 16 bits, then 2 bits for the kind of location, then its number.
fn position(file: usize, at: Location) -> u64 {
    const NUMBER: u64 = (1 << 46) - 1;
    let (kind, n) = match at {
        Location::File => (0, 0),
        Location::Line(n) => (1, n),
        Location::Feature(n) => (2, n as u64),
    };
    ((file as u64) << 48) | (kind << 46) | (n & NUMBER)
}

fn unpack_position(packed: u64) -> (usize, Location) {
    let n = packed & ((1 << 46) - 1);
    let at = match (packed >> 46) & 0b11 {
        1 => Location::Line(n),
        2 => Location::Feature(usize::try_from(n).unwrap_or(usize::MAX)),
        _ => Location::File,
    };
    (usize::try_from(packed >> 48).unwrap_or(usize::MAX), at)
}

/// A spinner on a terminal's stderr, shown only once an import has run for a second.
struct Progress {
    bar: ProgressBar,
    started: Instant,
    shown: std::cell::Cell<bool>,
}

impl Progress {
    fn new() -> Self {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {pos} records imported ({per_sec})")
                .expect("a valid template"),
        );
        Self {
            bar,
            started: Instant::now(),
            shown: std::cell::Cell::new(false),
        }
    }

    fn tick(&self, done: u64) {
        if done % 4096 != 0 {
            return;
        }
        if !self.shown.get() && self.started.elapsed() > Duration::from_secs(1) {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.shown.set(true);
        }
        self.bar.set_position(done);
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_unpack_to_what_was_packed() {
        for (file, at) in [
            (0, Location::File),
            (3, Location::Line(1)),
            (7, Location::Line(123_456_789_012)),
            (65_535, Location::Feature(42)),
        ] {
            assert_eq!(unpack_position(position(file, at)), (file, at));
        }
    }
}
