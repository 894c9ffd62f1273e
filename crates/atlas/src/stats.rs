use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use frontline_infer::{Method, Row, Stats};
use serde::Serialize;

use crate::{AreaKind, At, Atlas, Day, Result};

/// The statistics for a date: the JSON contract of `frontline stats --format json` and of
/// the API. Every figure comes with the method and the denominators it was computed with.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatsReport {
    /// The valid date.
    pub date: NaiveDate,
    /// The record time.
    pub known_at: DateTime<Utc>,
    /// The method, with all its parameters.
    pub method: Method,
    /// The denominators of the percentages.
    pub denominator: Denominator,
    /// One row per party, contested or joint pair, and unknown (always present).
    pub parties: Vec<KeyStats>,
    /// The same per first-level admin region.
    pub regions: Vec<RegionReport>,
    /// What the answer leaves out and why (a stored region whose geometry is invalid);
    /// absent when nothing is.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// What the percentages are shares of.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Denominator {
    /// The conflict's area on the WGS 84 ellipsoid, km².
    pub area_km2: f64,
    /// All effective land (near populated places and key sites), km².
    pub effective_km2: f64,
    /// The population of all places.
    pub population: u64,
    /// Where the population figures come from and their years, with how many places each.
    pub population_sources: BTreeMap<String, usize>,
}

/// The land and people under one key.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyStats {
    /// `sdf`, `contested:government+isis`, `joint:government+sdf` or `unknown`.
    pub id: String,
    /// `party`, `contested`, `joint` or `unknown`.
    pub kind: AreaKind,
    /// A readable name (the party's name on the date).
    pub name: String,
    /// The parties' ids.
    pub parties: Vec<String>,
    /// The parties' colours on the date.
    pub colours: Vec<String>,
    /// Geodesic area, km².
    pub area_km2: f64,
    /// Share of the conflict's area, %.
    pub area_pct: f64,
    /// Effective area, km².
    pub effective_km2: f64,
    /// Share of all effective land, %.
    pub effective_pct: f64,
    /// People in the places under this key.
    pub population: u64,
    /// Share of all people in places, %.
    pub population_pct: f64,
    /// Of `area_km2`, land of places held under siege.
    pub besieged_km2: f64,
}

/// The statistics of one region.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegionReport {
    /// The region's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its area inside the boundary, km².
    pub area_km2: f64,
    /// Its rows; percentages are of the region's own totals.
    pub parties: Vec<KeyStats>,
}

impl Atlas {
    /// The statistics at `at`.
    ///
    /// # Errors
    /// When the method's geometry cannot be built.
    pub fn stats(&self, at: At) -> Result<StatsReport> {
        self.day(at)?.stats()
    }

    pub(crate) fn report(&self, at: At, stats: &Stats) -> StatsReport {
        let rows = |rows: &[Row]| -> Vec<KeyStats> {
            rows.iter()
                .map(|r| self.key_stats(r, at.on, at.known_at))
                .collect()
        };
        let mut population_sources = BTreeMap::new();
        for p in self.places_at(at.known_at).into_iter().flatten() {
            if let Some(pop) = &p.population {
                // Group by who counted (the text before any record number or note).
                let source = pop.source.as_deref().unwrap_or("unsourced");
                let source = source
                    .split(|c: char| c.is_ascii_digit() || c == '(')
                    .next()
                    .unwrap_or(source)
                    .trim()
                    .to_owned();
                let label = match pop.year {
                    Some(y) => format!("{source} ({y})"),
                    None => format!("{source} (year not stated)"),
                };
                *population_sources.entry(label).or_insert(0) += 1;
            }
        }
        StatsReport {
            date: at.on,
            known_at: at.known_at,
            method: at.method,
            denominator: Denominator {
                area_km2: stats.total_km2,
                effective_km2: stats.effective_total_km2,
                population: stats.population_total,
                population_sources,
            },
            parties: rows(&stats.rows),
            regions: stats
                .regions
                .iter()
                .map(|r| RegionReport {
                    id: r.id.clone(),
                    name: self
                        .regions()
                        .iter()
                        .find(|x| x.id.as_str() == r.id)
                        .map_or_else(|| r.id.clone(), |x| x.names.en.clone()),
                    area_km2: r.total_km2,
                    parties: rows(&r.rows),
                })
                .collect(),
            warnings: self.geometry_warnings(),
        }
    }

    fn key_stats(&self, r: &Row, day: NaiveDate, known_at: DateTime<Utc>) -> KeyStats {
        let info = self.key_info(r.key, day, known_at);
        KeyStats {
            id: info.id,
            kind: info.kind,
            name: info.name,
            parties: info.parties,
            colours: info.colours,
            area_km2: r.area_km2,
            area_pct: r.area_pct,
            effective_km2: r.effective_km2,
            effective_pct: r.effective_pct,
            population: r.population,
            population_pct: r.population_pct,
            besieged_km2: r.besieged_km2,
        }
    }
}

impl Day<'_> {
    /// The statistics of the day.
    ///
    /// # Errors
    /// When the labels do not fit the geometry (never for a day built by [`Atlas::day`]).
    pub fn stats(&self) -> Result<StatsReport> {
        let stats = self.cells.coverage.stats(&self.states)?;
        Ok(self.atlas.report(self.at, &stats))
    }
}
