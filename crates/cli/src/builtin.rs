//! The built-in Syria data set (data/syria in the repository), compiled into the binary
//! so that `frontline init` needs neither network nor checkout.

use std::path::PathBuf;

use anyhow::{Context as _, Result};
use frontline_formats::{Located, Record};
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
    data!("figures.csv"),
    data!("presence.csv"),
];
/// UCDP GED's Syria events (January 2016 to November 2019), as UCDP publishes them
/// (gzipped CSV, CC BY 4.0), read by the same importer as `import --format ucdp-ged`.
const EVENTS: (&str, &[u8]) = (
    "data/syria/events-ucdp-ged.csv.gz",
    include_bytes!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/syria/events-ucdp-ged.csv.gz"
    )),
);

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
    inputs.push(events()?);
    Ok(inputs)
}

/// The built-in events, read as one input of the same import (all or nothing).
fn events() -> Result<Input> {
    let name = PathBuf::from(EVENTS.0);
    let gz = flate2::read::MultiGzDecoder::new(EVENTS.1);
    let records = frontline_formats::GedEvents::from_reader(&name, Box::new(gz))?
        .map(|item| item.map(|(at, event)| Located::new(at, Record::Event(event))))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Input::Records { name, records })
}
