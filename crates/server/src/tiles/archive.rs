//! A PMTiles v3 archive of one date's tiles, written with the pmtiles crate.

use std::io::Cursor;

use pmtiles::{Compression, PmTilesWriter, PmtResult, TileId, TileType};

use super::ARCHIVE_ZOOMS;
use super::coord::TileCoord;
use super::encode::Layers;

/// Every tile over `bounds` (`[w, s, e, n]`) at the archive's zooms, as one archive.
///
/// # Errors
/// When the writer fails (it writes to memory, so only on an internal inconsistency).
pub(crate) fn write(layers: &Layers, bounds: [f64; 4], metadata: &str) -> PmtResult<Vec<u8>> {
    let mut coords = Vec::new();
    for z in ARCHIVE_ZOOMS {
        let (x0, y0) = tile_of(bounds[0], bounds[3], z);
        let (x1, y1) = tile_of(bounds[2], bounds[1], z);
        for x in x0..=x1 {
            for y in y0..=y1 {
                let coord = TileCoord::new(z, x, y)
                    .expect("archive zooms are served, and tile_of clamps x and y below 2^z");
                coords.push((pmtiles::TileCoord::new(z, x, y)?, coord));
            }
        }
    }
    // Tiles in tile-id order, as readers expect for a clustered archive.
    coords.sort_by_key(|(id, _)| TileId::from(*id).value());
    let mut out = Cursor::new(Vec::new());
    let mut writer = PmTilesWriter::new(TileType::Mvt)
        .tile_compression(Compression::Gzip)
        .internal_compression(Compression::Gzip)
        .min_zoom(*ARCHIVE_ZOOMS.start())
        .max_zoom(*ARCHIVE_ZOOMS.end())
        .bounds(
            bounds[0] as f32,
            bounds[1] as f32,
            bounds[2] as f32,
            bounds[3] as f32,
        )
        .center(
            ((bounds[0] + bounds[2]) / 2.0) as f32,
            ((bounds[1] + bounds[3]) / 2.0) as f32,
        )
        .center_zoom(6)
        .metadata(metadata)
        .create(&mut out)?;
    for (id, coord) in coords {
        writer.add_tile(id, &layers.tile(coord))?;
    }
    writer.finalize()?;
    Ok(out.into_inner())
}

/// The tile containing (lon, lat) at zoom z.
fn tile_of(lon: f64, lat: f64, z: u8) -> (u32, u32) {
    let n = f64::from(1u32 << z);
    let lat_r = lat.clamp(-85.05, 85.05).to_radians();
    let x = ((lon + 180.0) / 360.0 * n).floor();
    let y =
        ((1.0 - (lat_r.tan() + 1.0 / lat_r.cos()).ln() / std::f64::consts::PI) / 2.0 * n).floor();
    let clamp = |v: f64| v.clamp(0.0, n - 1.0) as u32;
    (clamp(x), clamp(y))
}
