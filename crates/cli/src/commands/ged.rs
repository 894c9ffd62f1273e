//! `frontline import --format ucdp-ged FILE`: UCDP GED events (plain or gzipped CSV) into
//! the events layer, all or nothing. Events never change control.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Result, bail};
use frontline_formats::{GedEvents, Location};
use frontline_model::Recorded;
use frontline_store::{Outcome, Store};

use crate::settings::Settings;

/// What an import of events did.
#[derive(Debug, Default)]
pub(crate) struct EventReport {
    pub(crate) added: u64,
    pub(crate) unchanged: u64,
    pub(crate) first: Option<chrono::NaiveDate>,
    pub(crate) last: Option<chrono::NaiveDate>,
    pub(crate) best: u64,
}

/// Imports every event of `files` in one transaction, or none.
pub(crate) fn run(
    store: &mut dyn Store,
    settings: &Settings,
    files: &[std::path::PathBuf],
) -> Result<EventReport> {
    if store.conflict()?.is_none() {
        bail!("the database holds no conflict yet; run `frontline init` first");
    }
    let today = settings.today();
    let mut report = EventReport::default();
    let mut writer = store.writer(Recorded {
        at: settings.now,
        by: settings.user.clone(),
    })?;
    // Where each event id of this import was first given: (file index, location).
    let mut given: HashMap<String, (usize, Location)> = HashMap::new();
    for (index, file) in files.iter().enumerate() {
        for item in GedEvents::open(file)? {
            let (at, event) = item?;
            if let Some(&(first_file, first_at)) = given.get(&event.id) {
                refuse(
                    file,
                    at,
                    "id",
                    &format!(
                        "duplicate event id {}, first given at {}: {first_at}",
                        event.id,
                        files[first_file].display()
                    ),
                )?;
            }
            given.insert(event.id.clone(), (index, at));
            if event.date_start > today {
                refuse(
                    file,
                    at,
                    "date_start",
                    &format!("{} is after today ({today})", event.date_start),
                )?;
            }
            match writer.add_event(&event) {
                Ok(Outcome::Added) => report.added += 1,
                Ok(Outcome::Unchanged) => report.unchanged += 1,
                Err(frontline_store::Error::EventIdTaken { .. }) => refuse(
                    file,
                    at,
                    "id",
                    &format!(
                        "event id {} is already stored with other content (events are never changed; give the corrected event a new id)",
                        event.id
                    ),
                )?,
                Err(e) => return Err(e.into()),
            }
            report.first = Some(
                report
                    .first
                    .map_or(event.date_start, |d| d.min(event.date_start)),
            );
            report.last = Some(
                report
                    .last
                    .map_or(event.date_end, |d| d.max(event.date_end)),
            );
            report.best += u64::from(event.deaths.best);
        }
    }
    writer.commit()?;
    Ok(report)
}

fn refuse(file: &Path, at: Location, field: &str, reason: &str) -> Result<()> {
    Err(frontline_formats::Error::Field {
        file: file.to_owned(),
        at,
        field: field.to_owned(),
        reason: reason.to_owned(),
    }
    .into())
}

pub(crate) fn report(r: &EventReport) -> String {
    let span = match (r.first, r.last) {
        (Some(a), Some(b)) => format!(" from {a} to {b}"),
        _ => String::new(),
    };
    format!(
        "imported {} new events ({} already stored){span}, {} deaths (best estimate); events are kept apart from control",
        r.added, r.unchanged, r.best
    )
}
