//! The binary's effective settings: defaults < config file < environment (`FRONTLINE_*`) <
//! flags. (clap layers the environment under the flags for the global flags; this module
//! adds the config file and the defaults. `frontline settings` prints the result.)

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use chrono::{DateTime, NaiveDate, Utc};
use frontline_server::FrameAncestors;
use serde::{Deserialize, Serialize};

use crate::cli::Global;

/// The config file read when `--config` and `FRONTLINE_CONFIG` name none, if it exists.
const DEFAULT_CONFIG: &str = "frontline.toml";

/// What a run uses.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Settings {
    /// The config file read, if any.
    pub(crate) config: Option<PathBuf>,
    /// The database file.
    pub(crate) db: PathBuf,
    /// Who records imports.
    pub(crate) user: String,
    /// The current time (record time of imports, default "known at").
    pub(crate) now: DateTime<Utc>,
    /// How `frontline serve` serves (its flags override these).
    pub(crate) serve: ServeSettings,
}

/// `frontline serve`'s settings.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ServeSettings {
    /// The address to listen on.
    pub(crate) addr: SocketAddr,
    /// Which sites may embed the viewer.
    pub(crate) frame_ancestors: FrameAncestors,
    /// How many derivations (inference, tiles, maps) run at once.
    pub(crate) derivations: std::num::NonZeroUsize,
    /// How many derivations may wait for a slot; beyond, 503 with `Retry-After`.
    pub(crate) max_queue: usize,
    /// How long, in seconds, a derivation may wait in the queue before a 503.
    pub(crate) queue_wait_s: u64,
    /// How many MiB the tile caches keep.
    pub(crate) tile_cache_mb: usize,
    /// After how many seconds without a request the caches are released (0: never).
    pub(crate) idle_release_s: u64,
}

/// A config file (TOML). Every key is optional; unknown keys are refused.
///
/// ```toml
/// db = "/var/lib/frontline/syria.db"
/// user = "analyst"
///
/// [serve]
/// addr = "0.0.0.0:8080"
/// frame_ancestors = "'self' https://news.example"
/// derivations = 4      # at once; default one per core
/// max_queue = 32       # waiting; default 8 per derivation
/// queue_wait_s = 10
/// tile_cache_mb = 256
/// idle_release_s = 60  # caches released after a minute without requests; 0: never
/// ```
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct Config {
    db: Option<PathBuf>,
    user: Option<String>,
    serve: ServeConfig,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct ServeConfig {
    addr: Option<SocketAddr>,
    frame_ancestors: Option<FrameAncestors>,
    derivations: Option<std::num::NonZeroUsize>,
    max_queue: Option<usize>,
    queue_wait_s: Option<u64>,
    tile_cache_mb: Option<usize>,
    idle_release_s: Option<u64>,
}

impl Settings {
    /// The settings of this run.
    ///
    /// # Errors
    /// When the config file named cannot be read, or a config file or an environment
    /// variable holds a value that is not valid.
    pub(crate) fn resolve(global: &Global) -> Result<Self> {
        let (path, config) = match &global.config {
            Some(path) => (Some(path.clone()), read(path)?),
            None if Path::new(DEFAULT_CONFIG).is_file() => (
                Some(PathBuf::from(DEFAULT_CONFIG)),
                read(Path::new(DEFAULT_CONFIG))?,
            ),
            None => (None, Config::default()),
        };
        let addr = match env("FRONTLINE_ADDR") {
            Some(text) => text.parse().with_context(|| {
                format!("FRONTLINE_ADDR={text:?} is not an address such as 127.0.0.1:8080")
            })?,
            None => config
                .serve
                .addr
                .unwrap_or_else(|| ([127, 0, 0, 1], 8080).into()),
        };
        let frame_ancestors = match env("FRONTLINE_FRAME_ANCESTORS") {
            Some(text) => text.parse().context("FRONTLINE_FRAME_ANCESTORS")?,
            None => config
                .serve
                .frame_ancestors
                .unwrap_or_else(FrameAncestors::any),
        };
        Ok(Self {
            config: path,
            db: global
                .db
                .clone()
                .or(config.db)
                .unwrap_or_else(|| PathBuf::from("frontline.db")),
            user: global
                .user
                .clone()
                .or(config.user)
                .or_else(|| std::env::var("USER").ok())
                .filter(|u| !u.is_empty())
                .unwrap_or_else(|| "frontline".to_owned()),
            now: Utc::now(),
            serve: {
                let limits = frontline_server::AppOptions::default();
                let derivations = config.serve.derivations.unwrap_or(limits.derivations);
                ServeSettings {
                    addr,
                    frame_ancestors,
                    derivations,
                    max_queue: config.serve.max_queue.unwrap_or(8 * derivations.get()),
                    queue_wait_s: config
                        .serve
                        .queue_wait_s
                        .unwrap_or(limits.queue_wait.as_secs()),
                    tile_cache_mb: config
                        .serve
                        .tile_cache_mb
                        .unwrap_or(limits.tile_cache_bytes >> 20),
                    idle_release_s: config
                        .serve
                        .idle_release_s
                        .unwrap_or_else(|| limits.idle_release.map_or(0, |d| d.as_secs())),
                }
            },
        })
    }

    pub(crate) fn today(&self) -> NaiveDate {
        self.now.date_naive()
    }
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn read(path: &Path) -> Result<Config> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the config file {}", path.display()))?;
    toml::from_str(&text).with_context(|| format!("config file {}", path.display()))
}
