//! `frontline history PLACE`: every observation of a place, newest first.

use anyhow::{Result, bail};
use frontline_model::{Observation, PlaceId, Source};
use frontline_store::Store;
use serde::Serialize;

use crate::cli::HistoryArgs;
use crate::output;
use crate::settings::Settings;

#[derive(Debug, Serialize)]
struct HistoryRow<'a> {
    id: &'a str,
    date: String,
    valid_until: Option<String>,
    status: &'a str,
    parties: Vec<&'a str>,
    confidence: &'a str,
    note: Option<&'a str>,
    sources: &'a [Source],
    recorded_at: String,
    recorded_by: &'a str,
    supersedes: Vec<&'a str>,
    superseded_by: Vec<&'a str>,
}

pub(crate) fn run(settings: &Settings, args: &HistoryArgs) -> Result<()> {
    let store = super::open_existing(settings)?;
    let place = PlaceId::new(args.place.as_str())?;
    if !store.places()?.iter().any(|p| p.id == place) {
        bail!(
            "unknown place {:?}; `frontline places` lists them",
            args.place
        );
    }
    let list = store.place_history(&place)?;
    let superseded_by = |o: &Observation| -> Vec<&str> {
        list.iter()
            .filter(|c| c.supersedes.contains(&o.id))
            .map(|c| c.id.as_str())
            .collect()
    };
    let rows: Vec<HistoryRow<'_>> = list
        .iter()
        .map(|o| HistoryRow {
            id: o.id.as_str(),
            date: o.valid_from.to_string(),
            valid_until: o.valid_until.map(|d| d.to_string()),
            status: o.status.as_str(),
            parties: o.parties.iter().map(|p| p.as_str()).collect(),
            confidence: o.confidence.as_str(),
            note: o.note.as_deref(),
            sources: &o.sources,
            recorded_at: o
                .recorded_at
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            recorded_by: &o.recorded_by,
            supersedes: o.supersedes.iter().map(|s| s.as_str()).collect(),
            superseded_by: superseded_by(o),
        })
        .collect();
    let header = [
        "date",
        "status",
        "parties",
        "confidence",
        "sources",
        "recorded_at",
        "id",
        "corrections",
    ];
    output::emit(args.format, &header, &rows, |r| {
        let mut corrections = Vec::new();
        if !r.supersedes.is_empty() {
            corrections.push(format!("supersedes {}", r.supersedes.join(",")));
        }
        if !r.superseded_by.is_empty() {
            corrections.push(format!("superseded by {}", r.superseded_by.join(",")));
        }
        vec![
            match &r.valid_until {
                Some(u) => format!("{}..{u}", r.date),
                None => r.date.clone(),
            },
            r.status.to_owned(),
            r.parties.join(";"),
            r.confidence.to_owned(),
            r.sources
                .iter()
                .map(|s| {
                    format!(
                        "{}: {}{}",
                        s.publisher,
                        s.title,
                        s.url
                            .as_ref()
                            .map(|u| format!(" <{u}>"))
                            .unwrap_or_default()
                    )
                })
                .collect::<Vec<_>>()
                .join(" | "),
            r.recorded_at.clone(),
            r.id.to_owned(),
            corrections.join("; "),
        ]
    })
}
