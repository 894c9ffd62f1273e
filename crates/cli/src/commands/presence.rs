//! `frontline presence`: the sites foreign forces kept on a date (issue 19), apart from
//! control.

use anyhow::Result;
use frontline_atlas::{Atlas, PresenceSite};

use crate::cli::{Format, PresenceArgs};
use crate::output;
use crate::settings::Settings;

pub(crate) fn run(settings: &Settings, args: &PresenceArgs) -> Result<()> {
    let store = super::open_existing(settings)?;
    let atlas = Atlas::load(&store)?;
    let on = super::derived::asked(&atlas, settings, "date", args.date)?;
    let known_at = args.known_at.unwrap_or(settings.now);
    let report = atlas.presence(on, known_at);
    match args.format {
        Format::Json => output::json(&report),
        Format::Geojson => output::json(&report.feature_collection()),
        Format::Table | Format::Csv => {
            let header = [
                "force",
                "site",
                "kind",
                "place",
                "lon",
                "lat",
                "from",
                "until",
                "confidence",
                "source",
            ];
            output::emit(args.format, &header, &report.sites, |s: &PresenceSite| {
                vec![
                    s.force.clone(),
                    s.site.clone(),
                    s.kind.to_owned(),
                    s.place.clone().unwrap_or_default(),
                    s.lon.to_string(),
                    s.lat.to_string(),
                    s.valid_from.clone(),
                    s.valid_until.clone().unwrap_or_default(),
                    s.confidence.to_owned(),
                    s.sources
                        .first()
                        .map(|src| src.publisher.clone())
                        .unwrap_or_default(),
                ]
            })
        }
    }
}
