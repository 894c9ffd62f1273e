//! Areas: stretches of land a source reports on as a whole ("the government took the whole
//! of Eastern Ghouta"), which observations can be about instead of a single place.

use geo::{BoundingRect, Contains};
use geo_types::{MultiPolygon, Point, Rect};
use serde::{Deserialize, Serialize};

use crate::{Names, Place, PlaceId, Region, RegionId};

/// What land an [`Area`] covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outline {
    /// A polygon or multipolygon in lon/lat (WGS 84), drawn from what the source names.
    Polygon(MultiPolygon<f64>),
    /// An admin region of the conflict, whole.
    Region(RegionId),
    /// A named set of places (the land their cells cover).
    Places(Vec<PlaceId>),
}

impl Outline {
    /// The outline's kind as a word: `polygon`, `region` or `places`.
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Polygon(_) => "polygon",
            Self::Region(_) => "region",
            Self::Places(_) => "places",
        }
    }
}

/// A stretch of land that observations can be about.
///
/// Areas share the id space of places: an observation's `place` names a place or an area,
/// and no area may take a place's id. Areas are versioned like places (a corrected outline
/// is a new version, from its record time on).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Area {
    /// Its id (distinct from every place's).
    pub id: PlaceId,
    /// Its names ("Eastern Ghouta").
    pub names: Names,
    /// The land it covers.
    pub outline: Outline,
    /// How the outline was drawn: the source's words, and the places, roads, rivers or
    /// regions used to draw it.
    pub drawn: String,
}

impl Area {
    /// The places (indices into `places`) the area covers: those inside its polygon or
    /// region (by their coordinates, or for a place without a point inside the region's
    /// geometry, its `region`), or those it names. A region the list does not hold covers
    /// the places that name it as their region.
    #[must_use]
    pub fn members(&self, places: &[Place], regions: &[Region]) -> Vec<usize> {
        match &self.outline {
            Outline::Polygon(mp) => inside(mp, places),
            Outline::Region(id) => {
                let mut out = regions
                    .iter()
                    .find(|r| &r.id == id)
                    .map(|r| inside(&r.geometry, places))
                    .unwrap_or_default();
                out.extend(
                    places
                        .iter()
                        .enumerate()
                        .filter(|(_, p)| p.region.as_ref() == Some(id))
                        .map(|(i, _)| i),
                );
                out.sort_unstable();
                out.dedup();
                out
            }
            Outline::Places(ids) => {
                let mut out: Vec<usize> = places
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| ids.contains(&p.id))
                    .map(|(i, _)| i)
                    .collect();
                out.sort_unstable();
                out
            }
        }
    }
}

/// The places whose point lies inside `mp` (on its edge counts as inside).
fn inside(mp: &MultiPolygon<f64>, places: &[Place]) -> Vec<usize> {
    let Some(rect): Option<Rect<f64>> = mp.bounding_rect() else {
        return Vec::new();
    };
    places
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            let c = geo_types::coord! { x: p.lon, y: p.lat };
            let (lo, hi) = (rect.min(), rect.max());
            c.x >= lo.x && c.x <= hi.x && c.y >= lo.y && c.y <= hi.y && {
                let pt = Point(c);
                mp.contains(&pt) || geo::Intersects::intersects(mp, &pt)
            }
        })
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PlaceKind;
    use geo_types::polygon;

    fn place(id: &str, lon: f64, lat: f64, region: Option<&str>) -> Place {
        Place {
            id: PlaceId::new(id).expect("valid"),
            names: Names::english(id),
            lon,
            lat,
            kind: PlaceKind::Village,
            population: None,
            region: region.map(|r| RegionId::new(r).expect("valid")),
            aliases: Vec::new(),
        }
    }

    #[test]
    fn members_are_the_places_inside_named_or_in_the_region() {
        let places = vec![
            place("a", 36.1, 33.1, None),
            place("b", 36.9, 33.9, Some("r")),
            place("c", 37.5, 33.5, None),
            place("d", 37.0, 33.5, None),
        ];
        let square = MultiPolygon(vec![polygon![
            (x: 36.0, y: 33.0), (x: 37.0, y: 33.0), (x: 37.0, y: 34.0), (x: 36.0, y: 34.0)
        ]]);
        let area = |outline| Area {
            id: PlaceId::new("area").expect("valid"),
            names: Names::english("Area"),
            outline,
            drawn: "test".into(),
        };
        // d lies on the edge: inside.
        assert_eq!(
            area(Outline::Polygon(square)).members(&places, &[]),
            [0, 1, 3]
        );
        assert_eq!(
            area(Outline::Region(RegionId::new("r").expect("valid"))).members(&places, &[]),
            [1]
        );
        let named = vec![
            PlaceId::new("c").expect("valid"),
            PlaceId::new("a").expect("valid"),
        ];
        assert_eq!(area(Outline::Places(named)).members(&places, &[]), [0, 2]);
    }
}
