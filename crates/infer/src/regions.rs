//! Admin regions: the share of every piece in each region, so statistics come per region too.

use geo_types::MultiPolygon;

use crate::clip::{self, Loops};
use crate::coverage::{Coverage, RegionShare};
use crate::effective::area_within;
use crate::error::{Error, Result};
use crate::planar;
use crate::projection::Xy;

/// An admin region: an id chosen by the caller and its geometry in lon/lat (either winding).
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    /// The region's id.
    pub id: String,
    /// The region's land.
    pub geometry: MultiPolygon<f64>,
}

/// The shift applied to region geometry, in metres.
const SHIFT: Xy = [1.1e-6, 0.7e-6];

fn bbox_of<'a>(rings: impl Iterator<Item = &'a [u32]>, points: &[Xy]) -> [f64; 4] {
    let mut bb = [
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    ];
    for &i in rings.flatten() {
        let p = points[i as usize];
        bb = [
            bb[0].min(p[0]),
            bb[1].min(p[1]),
            bb[2].max(p[0]),
            bb[3].max(p[1]),
        ];
    }
    bb
}

impl Coverage {
    /// Adds admin regions, so that [`crate::Stats::regions`] holds statistics per region.
    /// Regions are cut by the boundary: land outside it counts nowhere.
    ///
    /// # Errors
    /// [`Error::BoundaryCoordinates`] for a region with non-finite coordinates;
    /// [`Error::TooManyRegions`] for more than 65535 regions;
    /// [`Error::Topology`] if a numerical degeneracy keeps a piece from closing.
    pub fn with_regions(mut self, regions: &[Region]) -> Result<Self> {
        let piece_boxes: Vec<[f64; 4]> = (0..self.pieces.len())
            .map(|p| bbox_of(self.clipped.rings.of(p), &self.points))
            .collect();
        let effective_radius = self.method.effective_km() * 1000.0;
        self.piece_regions = vec![Vec::new(); self.pieces.len()];
        self.site_region = vec![None; self.site_count];
        self.regions.clear();
        for (ri, region) in regions.iter().enumerate() {
            let r16 = u16::try_from(ri).map_err(|_| Error::TooManyRegions {
                count: regions.len(),
            })?;
            // Regions often share edges with the boundary (and with each other) exactly; shifting
            // a region by a micrometre turns those collinear overlaps into clean
            // non-intersections, at an area cost of a micrometre times the perimeter.
            let rings: Vec<Vec<Xy>> = self
                .oriented_rings(&region.geometry)?
                .into_iter()
                .map(|r| {
                    r.into_iter()
                        .map(|p| [p[0] + SHIFT[0], p[1] + SHIFT[1]])
                        .collect()
                })
                .collect();
            let mut bb = [
                f64::INFINITY,
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::NEG_INFINITY,
            ];
            for p in rings.iter().flatten() {
                bb = [
                    bb[0].min(p[0]),
                    bb[1].min(p[1]),
                    bb[2].max(p[0]),
                    bb[3].max(p[1]),
                ];
            }
            let mut loops = Loops::default();
            for (piece, b) in piece_boxes.iter().enumerate() {
                if b[0] <= bb[2] && b[2] >= bb[0] && b[1] <= bb[3] && b[3] >= bb[1] {
                    let id = u32::try_from(piece).expect("fewer than 2^32 pieces");
                    for r in self.clipped.rings.of(piece) {
                        loops.push(id, r);
                    }
                }
            }
            let n0 = self.points.len();
            let result = clip::clip(&mut self.points, &loops, self.pieces.len(), &rings);
            let cut = match result {
                Ok(cut) => cut,
                Err(piece) => {
                    self.points.truncate(n0);
                    return Err(Error::Topology { piece });
                }
            };
            let mut total = 0.0;
            for (piece, area) in cut.area.iter().enumerate() {
                if *area <= 0.0 {
                    continue;
                }
                total += area;
                let eff = if self.effective[piece] > 0.0 {
                    let pos = self.pieces[piece].position as usize;
                    area_within(
                        cut.rings.of(piece),
                        &self.points,
                        self.positions[pos],
                        effective_radius,
                    )
                } else {
                    0.0
                };
                self.piece_regions[piece].push(RegionShare {
                    region: r16,
                    area: *area,
                    effective: eff,
                });
            }
            self.points.truncate(n0);
            for (site, &pos) in self.position_of_site.iter().enumerate() {
                let p = self.positions[pos as usize];
                if self.site_region[site].is_none()
                    && p[0] >= bb[0]
                    && p[0] <= bb[2]
                    && p[1] >= bb[1]
                    && p[1] <= bb[3]
                {
                    let crossings = rings
                        .iter()
                        .filter(|ring| planar::contains(ring.iter().copied(), p))
                        .count();
                    if crossings % 2 == 1 {
                        self.site_region[site] = Some(r16);
                    }
                }
            }
            self.regions.push((region.id.clone(), total));
        }
        Ok(self)
    }
}
