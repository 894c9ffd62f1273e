//! `brief`: the briefing for a round of talks, as one PDF or one HTML page.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use frontline_atlas::BriefOf;

use super::derived::{date_or_milestone, load, page, write_file};
use crate::cli::BriefArgs;
use crate::output;
use crate::settings::Settings;

/// Whether `out` names an HTML file (else a PDF).
fn is_html(out: &Path) -> Result<bool> {
    match out
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("pdf") => Ok(false),
        Some("html" | "htm") => Ok(true),
        _ => bail!(
            "--out {}: a briefing is written as .pdf or .html",
            out.display()
        ),
    }
}

pub(crate) fn run(settings: &Settings, args: &BriefArgs) -> Result<()> {
    if let Some(out) = &args.out {
        is_html(out)?;
    }
    let size = page(&args.size)?;
    let language: frontline_render::Language = args.lang.parse()?;
    let atlas = load(settings)?;
    let (of, stem) = match (&args.round, &args.from, &args.to) {
        (Some(round), _, _) => {
            // An unknown round is refused before anything is derived, with the rounds listed.
            atlas.round(round)?;
            let since = args
                .since
                .as_deref()
                .map(|s| date_or_milestone(&atlas, settings, "since", s))
                .transpose()?;
            (
                BriefOf::Round {
                    id: round.clone(),
                    since,
                },
                round.clone(),
            )
        }
        (None, Some(from), Some(to)) => {
            let from = date_or_milestone(&atlas, settings, "from", from)?;
            let to = date_or_milestone(&atlas, settings, "to", to)?;
            (BriefOf::Period { from, to }, format!("{from}-{to}"))
        }
        _ => bail!("brief: name a round (e.g. geneva-8) or give --from and --to"),
    };
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("brief-{stem}.pdf")));
    let html = is_html(&out)?;
    // The record time and method; the date is the round's and is set by the briefing.
    let at = args
        .question
        .question(atlas.conflict().start)
        .at(settings.now);
    let scene = atlas.brief_scene(&of, at, language)?;
    let bytes = if html {
        frontline_render::brief_html(&scene, size)?.into_bytes()
    } else {
        frontline_render::brief_pdf(&scene, size)?
    };
    write_file(&out, &bytes)?;
    output::lines(&format!("wrote {}", out.display()))
}
