//! `frontline init`: a new database for a conflict, or the built-in Syria data.

use anyhow::{Context as _, Result};
use frontline_model::{Conflict, Names};
use frontline_store::SqliteStore;

use crate::builtin;
use crate::cli::InitArgs;
use crate::import::{Input, RecordTimes, import};
use crate::output;
use crate::settings::Settings;

pub(crate) fn run(settings: &Settings, args: &InitArgs) -> Result<()> {
    let inputs = match &args.boundary {
        Some(path) => {
            let name = args
                .name
                .clone()
                .context("--name is required with --boundary")?;
            let start = args.start.context("--start is required with --boundary")?;
            let conflict = Conflict {
                id: args.id.clone().unwrap_or_else(|| slug(&name)),
                names: Names::english(name),
                start,
                boundary: frontline_formats::read_boundary(path)?,
                attribution: args.attribution.clone(),
            };
            vec![Input::Conflict(Box::new(conflict))]
        }
        None => builtin::syria()?,
    };
    let mut store = SqliteStore::open(&settings.db)?;
    let report = import(&mut store, &inputs, settings, RecordTimes::Now)?;
    let conflict =
        frontline_store::Store::conflict(&store)?.context("the conflict was just stored")?;
    let counts = frontline_store::Store::counts(&store)?;
    output::lines(&format!(
        "{} {:?} in {}: {} regions, {} parties, {} places, {} observations, {} milestones",
        if report.added.total() == 0 {
            "already initialised:"
        } else {
            "initialised"
        },
        conflict.names.en,
        settings.db.display(),
        counts.regions,
        counts.parties,
        counts.places,
        counts.observations,
        counts.milestones
    ))
}

/// A lowercase ASCII slug of a name, for a default id.
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() {
        "conflict".to_owned()
    } else {
        out
    }
}
