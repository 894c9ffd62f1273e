//! The state every handler shares: the atlas, loaded once, and the tile caches.

use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, NaiveDate, Utc};
use frontline_atlas::Atlas;
use lru::LruCache;

use crate::error::ApiError;
use crate::tiles::{Layers, TileKey};

/// How the server runs: typed options, filled by the binary.
#[derive(Debug, Clone)]
pub struct AppOptions {
    /// The default record time ("as known now"): when the evidence was loaded.
    pub now: DateTime<Utc>,
    /// How many encoded tiles to keep in memory.
    pub tile_cache: NonZeroUsize,
}

impl Default for AppOptions {
    fn default() -> Self {
        Self {
            now: Utc::now(),
            tile_cache: NonZeroUsize::new(20_000).expect("not zero"),
        }
    }
}

/// The shared state of the server: cheap to clone.
#[derive(Debug, Clone)]
pub struct App {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    atlas: Arc<Atlas>,
    options: AppOptions,
    tiles: Mutex<LruCache<TileKey, Arc<[u8]>>>,
    layers: Mutex<LruCache<String, Arc<Layers>>>,
    archives: Mutex<LruCache<String, Arc<[u8]>>>,
}

impl App {
    /// Serves `atlas`.
    #[must_use]
    pub fn new(atlas: Atlas, options: AppOptions) -> Self {
        let small = NonZeroUsize::new(16).expect("not zero");
        Self {
            inner: Arc::new(Inner {
                atlas: Arc::new(atlas),
                tiles: Mutex::new(LruCache::new(options.tile_cache)),
                layers: Mutex::new(LruCache::new(small)),
                archives: Mutex::new(LruCache::new(NonZeroUsize::new(4).expect("not zero"))),
                options,
            }),
        }
    }

    /// The atlas.
    #[must_use]
    pub fn atlas(&self) -> &Atlas {
        &self.inner.atlas
    }

    /// The default record time: when the evidence was loaded.
    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.inner.options.now
    }

    /// Today (UTC).
    pub(crate) fn today(&self) -> NaiveDate {
        Utc::now().date_naive()
    }

    /// Runs `work` on the atlas on the blocking pool (CPU work stays off the reactor).
    pub(crate) async fn blocking<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Atlas) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let atlas = Arc::clone(&self.inner.atlas);
        tokio::task::spawn_blocking(move || work(&atlas)).await?
    }

    pub(crate) fn cached_tile(&self, key: &TileKey) -> Option<Arc<[u8]>> {
        self.inner
            .tiles
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(key)
            .cloned()
    }

    pub(crate) fn keep_tile(&self, key: TileKey, tile: Arc<[u8]>) {
        self.inner
            .tiles
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .put(key, tile);
    }

    pub(crate) fn cached_layers(&self, key: &str) -> Option<Arc<Layers>> {
        self.inner
            .layers
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(key)
            .cloned()
    }

    pub(crate) fn keep_layers(&self, key: String, layers: Arc<Layers>) {
        self.inner
            .layers
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .put(key, layers);
    }

    pub(crate) fn cached_archive(&self, key: &str) -> Option<Arc<[u8]>> {
        self.inner
            .archives
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(key)
            .cloned()
    }

    pub(crate) fn keep_archive(&self, key: String, archive: Arc<[u8]>) {
        self.inner
            .archives
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .put(key, archive);
    }
}
