//! Matching marks to known places: first by name (the same normalised name within
//! 5 km), then by distance (the nearest place within 1 km). Each known place takes at
//! most one mark, the nearest first, so that the marks of a city's quarters are not all
//! piled onto the city.

use frontline_model::Place;

use super::MatchRule;
use super::label::normalised;

/// How far a same-named place may be.
const NAME_KM: f64 = 5.0;
/// How far the nearest place may be when names differ.
const NEAREST_KM: f64 = 1.0;

/// A mark to match: its shown name and point.
pub(super) struct Point<'a> {
    pub(super) name: &'a str,
    pub(super) lat: f64,
    pub(super) lon: f64,
}

/// Great-circle distance in km (haversine, mean Earth radius).
pub(super) fn km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0088 * a.sqrt().min(1.0).asin()
}

/// A grid of 0.05° cells over the known places, for nearby look-ups.
struct Grid {
    cells: std::collections::HashMap<(i32, i32), Vec<usize>>,
}

const CELL: f64 = 0.05;

fn cell(lat: f64, lon: f64) -> (i32, i32) {
    #[allow(clippy::cast_possible_truncation)]
    ((lat / CELL).floor() as i32, (lon / CELL).floor() as i32)
}

impl Grid {
    fn new(places: &[Place]) -> Self {
        let mut cells: std::collections::HashMap<(i32, i32), Vec<usize>> =
            std::collections::HashMap::new();
        for (i, p) in places.iter().enumerate() {
            cells.entry(cell(p.lat, p.lon)).or_default().push(i);
        }
        Self { cells }
    }

    /// Places in the cells around a point: all those within `reach` cells.
    fn near(&self, lat: f64, lon: f64, reach: i32) -> impl Iterator<Item = usize> + '_ {
        let (r, c) = cell(lat, lon);
        (-reach..=reach)
            .flat_map(move |dr| (-reach..=reach).map(move |dc| (r + dr, c + dc)))
            .filter_map(|k| self.cells.get(&k))
            .flatten()
            .copied()
    }
}

/// For each point, the known place it matches (index into `places`), by which rule and
/// how far.
pub(super) fn assign(
    points: &[Point<'_>],
    places: &[Place],
) -> Vec<Option<(usize, MatchRule, f64)>> {
    let grid = Grid::new(places);
    let names: Vec<String> = places.iter().map(|p| normalised(&p.names.en)).collect();
    let mut out = vec![None; points.len()];
    let mut taken = vec![false; places.len()];
    // 5 km is under 0.05° of latitude, and under 0.06° of longitude at Syria's
    // latitudes: two cells either way cover it.
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (i, p) in points.iter().enumerate() {
        let name = normalised(p.name);
        if name.is_empty() {
            continue;
        }
        for j in grid.near(p.lat, p.lon, 2) {
            if names[j] == name {
                let d = km(p.lat, p.lon, places[j].lat, places[j].lon);
                if d <= NAME_KM {
                    pairs.push((d, i, j));
                }
            }
        }
    }
    greedy(&mut pairs, &mut out, &mut taken, MatchRule::Name);
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (i, p) in points.iter().enumerate() {
        if out[i].is_some() {
            continue;
        }
        let nearest = grid
            .near(p.lat, p.lon, 1)
            .filter(|j| !taken[*j])
            .map(|j| (km(p.lat, p.lon, places[j].lat, places[j].lon), j))
            .min_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((d, j)) = nearest.filter(|(d, _)| *d <= NEAREST_KM) {
            pairs.push((d, i, j));
        }
    }
    greedy(&mut pairs, &mut out, &mut taken, MatchRule::Distance);
    out
}

/// Assigns pairs nearest first, each point and each place once.
fn greedy(
    pairs: &mut [(f64, usize, usize)],
    out: &mut [Option<(usize, MatchRule, f64)>],
    taken: &mut [bool],
    rule: MatchRule,
) {
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    for &(d, i, j) in pairs.iter() {
        if out[i].is_none() && !taken[j] {
            out[i] = Some((j, rule, d));
            taken[j] = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use frontline_model::{Names, PlaceId, PlaceKind};

    use super::*;

    fn place(id: &str, name: &str, lat: f64, lon: f64) -> Place {
        Place {
            id: PlaceId::new(id).expect("valid"),
            names: Names::english(name),
            lon,
            lat,
            kind: PlaceKind::Town,
            population: None,
            region: None,
            aliases: Vec::new(),
        }
    }

    #[test]
    fn names_match_within_5_km_and_others_the_nearest_within_1_km() {
        let places = [
            place("bab", "Al-Bab", 36.37, 37.52),
            place("x", "Somewhere", 36.0, 37.0),
        ];
        let points = [
            Point {
                name: "al Bab",
                lat: 36.40,
                lon: 37.52,
            }, // 3.3 km, same name
            Point {
                name: "Other",
                lat: 36.005,
                lon: 37.0,
            }, // 0.56 km, other name
            Point {
                name: "Far",
                lat: 36.02,
                lon: 37.0,
            }, // 2.2 km: no match
        ];
        let found = assign(&points, &places);
        assert_eq!(found[0].map(|f| (f.0, f.1)), Some((0, MatchRule::Name)));
        assert_eq!(found[1].map(|f| (f.0, f.1)), Some((1, MatchRule::Distance)));
        assert_eq!(found[2], None);
    }

    #[test]
    fn a_known_place_takes_one_mark_the_nearest() {
        let places = [place("c", "City", 36.0, 37.0)];
        let points = [
            Point {
                name: "Quarter A",
                lat: 36.006,
                lon: 37.0,
            },
            Point {
                name: "Quarter B",
                lat: 36.002,
                lon: 37.0,
            },
        ];
        let found = assign(&points, &places);
        assert_eq!(found[0], None);
        assert_eq!(found[1].map(|f| f.0), Some(0));
    }
}
