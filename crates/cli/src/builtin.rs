//! The built-in Syria data set (data/syria in the repository), compiled into the binary
//! so that `frontline init` needs neither network nor checkout.

use std::path::PathBuf;

use anyhow::{Context as _, Result};
use frontline_model::{Conflict, Names};
use serde::Deserialize;

use crate::import::Input;

macro_rules! data {
    ($file:literal) => {
        (
            concat!("data/syria/", $file),
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../data/syria/",
                $file
            )),
        )
    };
}

const CONFLICT: (&str, &str) = data!("conflict.json");
const BOUNDARY: (&str, &str) = data!("boundary.geojson");
const FILES: &[(&str, &str)] = &[
    data!("regions.geojson"),
    data!("parties.csv"),
    data!("places.csv"),
    data!("areas.geojson"),
    data!("observations.csv"),
    data!("talks.csv"),
    data!("presence.csv"),
];

#[derive(Deserialize)]
struct ConflictFile {
    id: String,
    name: String,
    name_ar: Option<String>,
    start: String,
    #[serde(default)]
    attribution: Vec<String>,
}

/// The inputs that load the built-in Syria data: its conflict, then its files.
pub(crate) fn syria() -> Result<Vec<Input>> {
    let meta: ConflictFile =
        serde_json::from_str(CONFLICT.1).with_context(|| format!("{}: invalid", CONFLICT.0))?;
    let conflict = Conflict {
        id: meta.id,
        names: Names {
            en: meta.name,
            ar: meta.name_ar,
            other: Default::default(),
        },
        start: frontline_atlas::parse_day(&meta.start)
            .with_context(|| format!("{}: start", CONFLICT.0))?,
        boundary: frontline_formats::read_boundary_str(BOUNDARY.0.as_ref(), BOUNDARY.1)?,
        attribution: meta.attribution,
    };
    let mut inputs = vec![Input::Conflict(Box::new(conflict))];
    inputs.extend(FILES.iter().map(|(name, text)| Input::Text {
        name: PathBuf::from(name),
        text,
    }));
    Ok(inputs)
}
