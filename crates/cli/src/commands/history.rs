//! `frontline history PLACE`: every observation of a place, newest first.

use anyhow::{Context as _, Result};
use frontline_atlas::Atlas;

use crate::cli::HistoryArgs;
use crate::output;
use crate::settings::Settings;

pub(crate) fn run(settings: &Settings, args: &HistoryArgs) -> Result<()> {
    let store = super::open_existing(settings)?;
    let rows = Atlas::load(&store)?.history(&args.place).with_context(|| {
        format!(
            "unknown place {:?}; `frontline places` lists them",
            args.place
        )
    })?;
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
            r.status.clone(),
            r.parties.join(";"),
            r.confidence.clone(),
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
            r.id.clone(),
            corrections.join("; "),
        ]
    })
}
