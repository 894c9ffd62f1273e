//! What the tile routes keep between requests: the layers of a question, encoded tiles and
//! PMTiles archives, each in a bounded [`Cache`] under a typed key, made on the blocking pool
//! when missing. The router holds one [`TileCaches`]; handlers extract it as axum state
//! (`State<TileCaches>`).

use std::sync::Arc;

use chrono::NaiveDate;
use frontline_atlas::{At, Method};
use serde_json::json;

use super::archive;
use super::coord::TileCoord;
use super::encode::Layers;
use crate::app::App;
use crate::cache::Cache;
use crate::error::ApiError;
use crate::geojson;

/// The share of the tile budget kept for the layers of recent questions (a layer build
/// costs about 15 ms per date), and for PMTiles archives: each a quarter; encoded tiles
/// have the rest.
const QUARTER: usize = 4;

/// What identifies the layers of a question: its date, record time and method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct LayersKey {
    on: NaiveDate,
    /// The record time in microseconds, the precision the store records times with.
    known_at: i64,
    method: MethodKey,
}

impl LayersKey {
    pub(crate) fn new(at: &At) -> Self {
        Self {
            on: at.on,
            known_at: at.known_at.timestamp_micros(),
            method: MethodKey::new(&at.method),
        }
    }
}

/// A method as a key: its name and the bits of its parameters. Parameters are finite, so
/// equal bits are equal parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct MethodKey {
    name: &'static str,
    cap_km: Option<u64>,
    band_km: u64,
    stale_days: Option<u32>,
    effective_km: u64,
}

impl MethodKey {
    fn new(method: &Method) -> Self {
        Self {
            name: method.name(),
            cap_km: method.cap_km().map(f64::to_bits),
            band_km: method.band_km().to_bits(),
            stale_days: method.stale_days(),
            effective_km: method.effective_km().to_bits(),
        }
    }
}

/// How a tile body is encoded for the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Encoding {
    /// As encoded: the MVT protobuf.
    Identity,
    /// Gzipped.
    Gzip,
}

/// What identifies an encoded tile: its question's layers, z/x/y and encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct TileKey {
    layers: LayersKey,
    coord: TileCoord,
    encoding: Encoding,
}

/// The tile routes' caches; cheap to clone (the clones share them).
#[derive(Debug, Clone)]
pub(crate) struct TileCaches {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    /// The layers of the most recently asked questions.
    layers: Cache<LayersKey, Arc<Layers>>,
    /// Encoded tiles, bounded by their bytes.
    tiles: Cache<TileKey, Arc<[u8]>>,
    /// The most recently asked PMTiles archives.
    archives: Cache<LayersKey, Arc<[u8]>>,
}

impl TileCaches {
    /// Caches keeping up to `budget` bytes in all: a quarter for the layers of recent
    /// questions, a quarter for PMTiles archives, the rest for encoded tiles.
    pub(crate) fn new(budget: usize) -> Self {
        let quarter = budget / QUARTER;
        Self {
            inner: Arc::new(Inner {
                layers: Cache::weighed(quarter, |layers: &Arc<Layers>| layers.heap_bytes()),
                tiles: Cache::bytes(budget - 2 * quarter),
                archives: Cache::bytes(quarter),
            }),
        }
    }

    /// Drops everything kept (the server has been idle).
    pub(crate) fn clear(&self) {
        self.inner.layers.clear();
        self.inner.tiles.clear();
        self.inner.archives.clear();
    }

    /// The layers of a question, from the cache or built on the blocking pool.
    async fn layers(&self, app: &App, at: At) -> Result<Arc<Layers>, ApiError> {
        let build = app.blocking(move |atlas| {
            let day = atlas.day(at)?;
            let areas = day.area_shapes()?;
            let lines = day.front_line_shapes()?;
            let states = day.state();
            let places: Vec<&frontline_model::Place> =
                atlas.places_at(at.known_at).into_iter().flatten().collect();
            let presence = atlas.presence(at.on, at.known_at).sites;
            Ok(Arc::new(Layers::new(
                areas, lines, &places, &states, &presence,
            )))
        });
        self.inner
            .layers
            .get_or_try_make(LayersKey::new(&at), build)
            .await
    }

    /// The body of tile `coord` of a question, from the cache or encoded on the blocking
    /// pool (and gzipped from the encoded body, once, if asked). Cached tiles are served
    /// without re-encoding or re-compressing.
    pub(crate) async fn tile(
        &self,
        app: &App,
        at: At,
        coord: TileCoord,
        encoding: Encoding,
    ) -> Result<Arc<[u8]>, ApiError> {
        let key = TileKey {
            layers: LayersKey::new(&at),
            coord,
            encoding,
        };
        if let Some(body) = self.inner.tiles.get(&key) {
            return Ok(body);
        }
        let encode = async {
            let layers = self.layers(app, at).await?;
            let body: Arc<[u8]> = app.derive(move || layers.tile(coord)).await?.into();
            Ok::<_, ApiError>(body)
        };
        let raw_key = TileKey {
            encoding: Encoding::Identity,
            ..key
        };
        let raw = self.inner.tiles.get_or_try_make(raw_key, encode).await?;
        if encoding == Encoding::Identity {
            return Ok(raw);
        }
        let zipped: Arc<[u8]> = app
            .derive(move || gzipped(&raw))
            .await?
            .map_err(|e| ApiError::internal(&e))?
            .into();
        self.inner.tiles.put(key, Arc::clone(&zipped));
        Ok(zipped)
    }

    /// The PMTiles archive of a question, from the cache or written on the blocking pool.
    pub(crate) async fn archive(&self, app: &App, at: At) -> Result<Arc<[u8]>, ApiError> {
        let write = async {
            let layers = self.layers(app, at).await?;
            let bounds = geojson::bbox(&app.atlas().conflict().boundary);
            let max = *super::ARCHIVE_ZOOMS.end();
            let metadata = json!({
                "name": format!("{} as of {}", app.atlas().conflict().names.en, at.on),
                "attribution": super::attribution(app),
                "minzoom": *super::ARCHIVE_ZOOMS.start(), "maxzoom": max,
                "vector_layers": super::vector_layers(max),
            })
            .to_string();
            let bytes: Arc<[u8]> = app
                .derive(move || archive::write(&layers, bounds, &metadata))
                .await?
                .map_err(|e| ApiError::internal(&e))?
                .into();
            Ok(bytes)
        };
        self.inner
            .archives
            .get_or_try_make(LayersKey::new(&at), write)
            .await
    }
}

fn gzipped(raw: &[u8]) -> std::io::Result<Vec<u8>> {
    use std::io::Write as _;
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(raw.len() / 2),
        flate2::Compression::fast(),
    );
    encoder.write_all(raw)?;
    encoder.finish()
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone as _, Utc};

    use super::*;

    fn at(known_at_nanos: u32, method: Method) -> At {
        At {
            on: NaiveDate::from_ymd_opt(2015, 3, 1).expect("a day"),
            known_at: Utc
                .timestamp_opt(1_700_000_000, known_at_nanos)
                .single()
                .expect("a time"),
            method,
        }
    }

    #[test]
    fn layers_are_keyed_by_date_record_time_to_the_microsecond_and_every_method_parameter() {
        let nearest = Method::nearest();
        let key = |nanos, method| LayersKey::new(&at(nanos, method));
        assert_eq!(key(1_000, nearest), key(1_999, nearest));
        assert_ne!(key(1_000, nearest), key(2_000, nearest));
        let other = [
            nearest.with_cap_km(None).expect("valid"),
            nearest.with_cap_km(Some(30.0)).expect("valid"),
            nearest.with_band_km(0.0).expect("valid"),
            nearest.with_effective_km(4.0).expect("valid"),
            nearest.with_stale_days(Some(90)),
        ];
        for method in other {
            assert_ne!(key(0, nearest), key(0, method), "{method}");
        }
    }

    #[test]
    fn the_method_key_holds_every_parameter_the_method_has() {
        // A parameter added to the method must be added to its key, or answers of
        // different methods would share cached layers.
        let json = serde_json::to_value(Method::nearest()).expect("a method serialises");
        let mut names: Vec<&str> = json
            .as_object()
            .expect("an object")
            .keys()
            .map(String::as_str)
            .collect();
        names.sort_unstable();
        assert_eq!(
            names,
            ["band_km", "cap_km", "effective_km", "name", "stale_days"]
        );
    }
}
