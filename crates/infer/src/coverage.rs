//! The coverage: the places' cells, cut by cap and band, clipped exactly to the boundary.

use std::collections::HashMap;

use geo::{Geodesic, GeodesicArea, InterpolatePoint};
use geo_types::{Coord, LineString, MultiPolygon, Point, Polygon};

use crate::clip::{self, Clipped};
use crate::effective::area_within;
use crate::error::{Error, Result};
use crate::lending::Reach;
use crate::method::Method;
use crate::planar;
use crate::projection::{Laea, Xy};
use crate::rings::{self, IdPolygon};
use crate::sites::Sites;
use crate::subdivision::{self, Params, Piece, PieceKind};

/// The geometry of inference for one set of places, one boundary and one method's cap and band.
///
/// Built once; every date only relabels its pieces (see [`crate::Tally`]). Each place's Voronoi
/// cell (computed with spade in a Lambert azimuthal equal-area projection centred on the
/// boundary) is split into pieces: the part farther than the cap from the place, the strips
/// along each neighbour's edge within half the band width, and the rest; land within the cap
/// farther from the place than the first of the rings (an eighth of the cap) is cut further
/// into rings and sectors, so that a borrowed state reaches the part of a wide cell that lies
/// within its lender's cap (ADR 0007). The pieces are clipped
/// exactly to the boundary and share their vertices, so they form a coverage of it.
#[derive(Debug)]
pub struct Coverage {
    pub(crate) method: Method,
    pub(crate) laea: Laea,
    pub(crate) site_count: usize,
    pub(crate) population: Vec<u64>,
    /// Position (distinct location) of each site.
    pub(crate) position_of_site: Vec<u32>,
    /// Sites at each position, in index order.
    pub(crate) sites_at: Vec<Vec<u32>>,
    pub(crate) positions: Vec<Xy>,
    pub(crate) points: Vec<Xy>,
    boundary_lonlat: HashMap<u32, (f64, f64)>,
    pub(crate) pieces: Vec<Piece>,
    pub(crate) clipped: Clipped,
    /// Effective area of each piece, m².
    pub(crate) effective: Vec<f64>,
    /// Pieces of each position.
    pub(crate) pieces_of: Vec<Vec<u32>>,
    /// Band pieces facing each position from its neighbours: (piece).
    pub(crate) facing: Vec<Vec<u32>>,
    area_m2: f64,
    geodesic_km2: f64,
    /// Admin regions: id and area in m².
    pub(crate) regions: Vec<(String, f64)>,
    /// Per piece: its shares of admin regions.
    pub(crate) piece_regions: Vec<Vec<RegionShare>>,
    /// Per site: its admin region.
    pub(crate) site_region: Vec<Option<u16>>,
    /// How far each site may borrow its land's state (see [`crate::Lending`]).
    pub(crate) reach: Reach,
}

/// An oriented boundary ring: projected points and their input coordinates.
type Ring = Vec<(Xy, (f64, f64))>;

fn project_ring(laea: &Laea, ls: &LineString<f64>, polygon: usize, ring: usize) -> Result<Ring> {
    let mut out: Ring = Vec::with_capacity(ls.0.len());
    for c in &ls.0 {
        if !c.x.is_finite() || !c.y.is_finite() {
            return Err(Error::BoundaryCoordinates { polygon, ring });
        }
        let xy = laea.forward(c.x, c.y);
        if out
            .last()
            .is_none_or(|l: &(Xy, (f64, f64))| l.1 != (c.x, c.y))
        {
            out.push((xy, (c.x, c.y)));
        }
    }
    while out.len() > 1 && out.first().map(|f| f.1) == out.last().map(|l| l.1) {
        out.pop();
    }
    Ok(densify(laea, &out))
}

/// Longest boundary edge kept as a straight line in the projection, in metres; longer edges
/// get points along their geodesic, so that areas match geodesic areas.
const MAX_BOUNDARY_EDGE_M: f64 = 2_000.0;

fn densify(laea: &Laea, ring: &Ring) -> Ring {
    let n = ring.len();
    let mut out = Ring::with_capacity(n);
    for i in 0..n {
        let (p, a) = ring[i];
        let (q, b) = ring[(i + 1) % n];
        out.push((p, a));
        let len = (q[0] - p[0]).hypot(q[1] - p[1]);
        if len > MAX_BOUNDARY_EDGE_M && n > 1 {
            let k = (len / MAX_BOUNDARY_EDGE_M).ceil();
            let (pa, pb) = (Point::new(a.0, a.1), Point::new(b.0, b.1));
            let mut m = 1.0;
            while m < k {
                let c = Geodesic.point_at_ratio_between(pa, pb, m / k);
                out.push((laea.forward(c.x(), c.y()), (c.x(), c.y())));
                m += 1.0;
            }
        }
    }
    out
}

/// Projects and orients a multipolygon: exteriors counter-clockwise, holes clockwise, long
/// edges densified along their geodesic. Returns the rings and the oriented lon/lat polygons.
fn orient(laea: &Laea, mp: &MultiPolygon<f64>) -> Result<(Vec<Ring>, Vec<Polygon<f64>>)> {
    let mut rings_in: Vec<Ring> = Vec::new();
    let mut oriented = Vec::new();
    for (pi, poly) in mp.0.iter().enumerate() {
        let mut ext = project_ring(laea, poly.exterior(), pi, 0)?;
        let area = planar::signed_area(ext.iter().map(|&(p, _)| p));
        if ext.len() < 3 || area == 0.0 {
            continue;
        }
        if area < 0.0 {
            ext.reverse();
        }
        let mut holes = Vec::new();
        for (hi, h) in poly.interiors().iter().enumerate() {
            let mut r = project_ring(laea, h, pi, hi + 1)?;
            let area = planar::signed_area(r.iter().map(|&(p, _)| p));
            if r.len() < 3 || area == 0.0 {
                continue;
            }
            if area > 0.0 {
                r.reverse();
            }
            holes.push(r);
        }
        let to_ls = |r: &Ring| {
            let mut cs: Vec<Coord<f64>> = r.iter().map(|&(_, (x, y))| Coord { x, y }).collect();
            cs.push(cs[0]);
            LineString(cs)
        };
        oriented.push(Polygon::new(to_ls(&ext), holes.iter().map(to_ls).collect()));
        rings_in.push(ext);
        rings_in.extend(holes);
    }
    Ok((rings_in, oriented))
}

/// One piece's share of one admin region.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct RegionShare {
    pub(crate) region: u16,
    pub(crate) area: f64,
    pub(crate) effective: f64,
}

impl Coverage {
    /// The projected, oriented rings of a multipolygon.
    pub(crate) fn oriented_rings(&self, mp: &MultiPolygon<f64>) -> Result<Vec<Vec<Xy>>> {
        let (rings, _) = orient(&self.laea, mp)?;
        Ok(rings
            .iter()
            .map(|r| r.iter().map(|p| p.0).collect())
            .collect())
    }

    /// Builds the coverage of `boundary` (lon/lat, either winding) by the cells of `sites`
    /// under `method`'s cap and band.
    ///
    /// # Errors
    /// [`Error::EmptyBoundary`] or [`Error::BoundaryCoordinates`] for a boundary without area or
    /// with non-finite coordinates; [`Error::Triangulation`] if spade fails;
    /// [`Error::Topology`] if a numerical degeneracy keeps a piece from closing.
    pub fn build(sites: &Sites, boundary: &MultiPolygon<f64>, method: Method) -> Result<Self> {
        // Centre the projection on the boundary's bounding box.
        let mut lo = [f64::INFINITY; 2];
        let mut hi = [f64::NEG_INFINITY; 2];
        for c in boundary.0.iter().flat_map(|p| p.exterior().0.iter()) {
            if c.x.is_finite() && c.y.is_finite() {
                lo = [lo[0].min(c.x), lo[1].min(c.y)];
                hi = [hi[0].max(c.x), hi[1].max(c.y)];
            }
        }
        if !lo[0].is_finite() {
            return Err(Error::EmptyBoundary);
        }
        let laea = Laea::new((lo[0] + hi[0]) / 2.0, (lo[1] + hi[1]) / 2.0);

        let (rings_in, oriented) = orient(&laea, boundary)?;
        let geodesic_km2 = MultiPolygon(oriented).geodesic_area_signed() / 1e6;

        // Distinct positions.
        let projected: Vec<Xy> = sites
            .as_slice()
            .iter()
            .map(|s| laea.forward(s.lon(), s.lat()))
            .collect();
        let mut order: Vec<usize> = (0..projected.len()).collect();
        order.sort_by(|&a, &b| {
            let (p, q) = (projected[a], projected[b]);
            (p[0].to_bits(), p[1].to_bits(), a).cmp(&(q[0].to_bits(), q[1].to_bits(), b))
        });
        let mut position_of_site = vec![0u32; projected.len()];
        let mut first_site_of: Vec<usize> = Vec::new();
        let mut last: Option<Xy> = None;
        for &i in &order {
            if last != Some(projected[i]) {
                first_site_of.push(i);
                last = Some(projected[i]);
            }
            position_of_site[i] =
                u32::try_from(first_site_of.len() - 1).expect("fewer than 2^32 places");
        }
        // Number positions by their first site, so that output order follows input order.
        let mut renumber: Vec<(usize, u32)> = first_site_of
            .iter()
            .enumerate()
            .map(|(p, &s)| (s, u32::try_from(p).expect("fewer than 2^32 places")))
            .collect();
        renumber.sort_unstable();
        let mut new_of_old = vec![0u32; renumber.len()];
        for (new, &(_, old)) in renumber.iter().enumerate() {
            new_of_old[old as usize] = u32::try_from(new).expect("fewer than 2^32 places");
        }
        for p in &mut position_of_site {
            *p = new_of_old[*p as usize];
        }
        let positions: Vec<Xy> = renumber.iter().map(|&(s, _)| projected[s]).collect();
        let mut sites_at: Vec<Vec<u32>> = vec![Vec::new(); positions.len()];
        for (s, &p) in position_of_site.iter().enumerate() {
            sites_at[p as usize].push(u32::try_from(s).expect("fewer than 2^32 places"));
        }

        // A square holding the boundary and every place.
        let mut blo = [f64::INFINITY; 2];
        let mut bhi = [f64::NEG_INFINITY; 2];
        for p in rings_in
            .iter()
            .flatten()
            .map(|r| r.0)
            .chain(positions.iter().copied())
        {
            blo = [blo[0].min(p[0]), blo[1].min(p[1])];
            bhi = [bhi[0].max(p[0]), bhi[1].max(p[1])];
        }
        let centre = [(blo[0] + bhi[0]) / 2.0, (blo[1] + bhi[1]) / 2.0];
        let half = ((bhi[0] - blo[0]).max(bhi[1] - blo[1]) / 2.0).max(1.0);

        let params = Params {
            cap: method.cap_km().map(|c| c * 1000.0),
            band: method.band_km() * 1000.0,
        };
        let sub = subdivision::build(&positions, (centre, half), params)?;
        let mut points = sub.points;
        let boundary_xy: Vec<Vec<Xy>> = rings_in
            .iter()
            .map(|r| r.iter().map(|p| p.0).collect())
            .collect();
        let clipped = clip::clip(&mut points, &sub.loops, sub.pieces.len(), &boundary_xy)
            .map_err(|piece| Error::Topology { piece })?;
        let input_lonlat: Vec<(f64, f64)> = rings_in.iter().flatten().map(|p| p.1).collect();
        let boundary_lonlat = clipped
            .boundary_points
            .iter()
            .map(|&(id, i)| (id, input_lonlat[i]))
            .collect();

        let effective_position: Vec<bool> = sites_at
            .iter()
            .map(|ss| ss.iter().any(|&s| sites.as_slice()[s as usize].effective()))
            .collect();
        let radius = method.effective_km() * 1000.0;
        let effective: Vec<f64> = sub
            .pieces
            .iter()
            .enumerate()
            .map(|(i, piece)| {
                let pos = piece.position as usize;
                if effective_position[pos] {
                    area_within(clipped.rings.of(i), &points, positions[pos], radius)
                } else {
                    0.0
                }
            })
            .collect();
        let mut pieces_of = vec![Vec::new(); positions.len()];
        let mut facing = vec![Vec::new(); positions.len()];
        for (i, piece) in sub.pieces.iter().enumerate() {
            let id = u32::try_from(i).expect("fewer than 2^32 pieces");
            pieces_of[piece.position as usize].push(id);
            if let PieceKind::Band { neighbour } = piece.kind {
                facing[neighbour as usize].push(id);
            }
        }
        let area_m2 = clipped.area.iter().sum();
        let mut coverage = Self {
            method,
            laea,
            site_count: sites.len(),
            population: sites.as_slice().iter().map(|s| s.population()).collect(),
            position_of_site,
            sites_at,
            positions,
            points,
            boundary_lonlat,
            pieces: sub.pieces,
            clipped,
            effective,
            pieces_of,
            facing,
            area_m2,
            geodesic_km2,
            regions: Vec::new(),
            piece_regions: Vec::new(),
            site_region: Vec::new(),
            reach: Reach::default(),
        };
        coverage.reach = Reach::new(&coverage);
        Ok(coverage)
    }

    /// The method whose cap and band this coverage was built with.
    #[must_use]
    pub const fn method(&self) -> &Method {
        &self.method
    }

    /// The number of places.
    #[must_use]
    pub const fn site_count(&self) -> usize {
        self.site_count
    }

    /// The boundary's area in km² as the sum of the pieces (ellipsoidal, equal-area
    /// projection): the denominator of every percentage.
    #[must_use]
    pub fn area_km2(&self) -> f64 {
        self.area_m2 / 1e6
    }

    /// The boundary's geodesic area in km² on the WGS 84 ellipsoid (geographiclib), for checks.
    #[must_use]
    pub const fn geodesic_area_km2(&self) -> f64 {
        self.geodesic_km2
    }

    /// The number of pieces the cells are cut into.
    #[must_use]
    pub fn piece_count(&self) -> usize {
        self.pieces.len()
    }

    /// The cell of each place clipped to the boundary, in lon/lat (RFC 7946 winding); places
    /// sharing a location share one cell, given to the first of them; the others get an empty
    /// cell.
    #[must_use]
    pub fn cells(&self) -> Vec<MultiPolygon<f64>> {
        let mut out = vec![MultiPolygon(Vec::new()); self.site_count];
        let mut edges: Vec<Vec<(u32, u32)>> = vec![Vec::new(); self.positions.len()];
        for s in &self.clipped.segments {
            let l = self.position_of_piece(s.left);
            let r = self.position_of_piece(s.right);
            if l != r {
                if let Some(l) = l {
                    edges[l as usize].push((s.from, s.to));
                }
                if let Some(r) = r {
                    edges[r as usize].push((s.to, s.from));
                }
            }
        }
        for (pos, es) in edges.iter().enumerate() {
            let site = self.sites_at[pos][0] as usize;
            out[site] = self.multipolygon(es);
        }
        out
    }

    fn position_of_piece(&self, piece: u32) -> Option<u32> {
        (piece != clip::NONE).then(|| self.pieces[piece as usize].position)
    }

    /// Closes directed edges into a lon/lat multipolygon.
    pub(crate) fn multipolygon(&self, edges: &[(u32, u32)]) -> MultiPolygon<f64> {
        let rings = rings::trace(edges, &self.points).unwrap_or_default();
        let polys = rings::polygons(rings, &self.points);
        MultiPolygon(polys.iter().map(|p| self.polygon(p)).collect())
    }

    fn polygon(&self, p: &IdPolygon) -> Polygon<f64> {
        let ls = |r: &Vec<u32>| {
            let mut cs: Vec<Coord<f64>> = r.iter().map(|&i| self.lonlat(i)).collect();
            cs.push(cs[0]);
            LineString(cs)
        };
        Polygon::new(ls(&p[0]), p[1..].iter().map(ls).collect())
    }

    /// The lon/lat of a point: boundary vertices keep their input coordinates exactly.
    pub(crate) fn lonlat(&self, id: u32) -> Coord<f64> {
        let (x, y) = self
            .boundary_lonlat
            .get(&id)
            .copied()
            .unwrap_or_else(|| self.laea.inverse(self.points[id as usize]));
        Coord { x, y }
    }

    /// Projects lon/lat to the coverage's plane.
    pub(crate) fn project(&self, lon: f64, lat: f64) -> Xy {
        self.laea.forward(lon, lat)
    }
}
