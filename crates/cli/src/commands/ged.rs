//! `frontline import --format ucdp-ged FILE`: UCDP GED events (plain or gzipped CSV) into
//! the events layer, all or nothing. Events never change control.

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
    for file in files {
        for item in GedEvents::open(file)? {
            let (at, event) = item?;
            if event.date_start > today {
                refuse(
                    file,
                    at,
                    "date_start",
                    &format!("{} is after today ({today})", event.date_start),
                )?;
            }
            match writer.add_event(&event)? {
                Outcome::Added => report.added += 1,
                Outcome::Unchanged => report.unchanged += 1,
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
