//! The binary's effective settings: defaults < environment (`FRONTLINE_*`) < flags.
//! (clap layers the environment under the flags; this module adds the defaults.)

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::cli::Global;

/// What a run uses.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Settings {
    /// The database file.
    pub(crate) db: PathBuf,
    /// Who records imports.
    pub(crate) user: String,
    /// The current time (record time of imports, default "known at").
    pub(crate) now: DateTime<Utc>,
}

impl Settings {
    pub(crate) fn resolve(global: &Global) -> Self {
        Self {
            db: global
                .db
                .clone()
                .unwrap_or_else(|| PathBuf::from("frontline.db")),
            user: global
                .user
                .clone()
                .or_else(|| std::env::var("USER").ok())
                .filter(|u| !u.is_empty())
                .unwrap_or_else(|| "frontline".to_owned()),
            now: Utc::now(),
        }
    }

    pub(crate) fn today(&self) -> NaiveDate {
        self.now.date_naive()
    }
}
