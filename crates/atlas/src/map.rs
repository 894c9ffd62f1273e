//! The print map and the share chart: the render crate's scene, filled from the atlas.

use chrono::NaiveDate;
use frontline_infer::AreaKey;
use frontline_render::{
    AreaLayer, ChangeOverlay, ChangeRow, ChartEvent, ChartSeries, ChartSpec, Colour, EventMark,
    Fill, Gain, Language, LegendRow, MapScene, PlaceMark, Region, SiteMark,
};
use geo_types::MultiLineString;

use crate::diff::DiffReport;
use crate::stats::{Denominator, KeyStats};
use crate::{AreaKind, At, Atlas, Result, Step};

/// The neutral grey for a party without a usable colour.
const GREY: Colour = Colour::rgb(128, 128, 128);

fn colour(hex: &str) -> Colour {
    Colour::from_hex(hex).unwrap_or(GREY)
}

fn fill(k: &KeyStats) -> Fill {
    let c = |i: usize| k.colours.get(i).map_or(GREY, |h| colour(h));
    match k.kind {
        AreaKind::Party => Fill::Solid(c(0)),
        AreaKind::Contested => Fill::Hatch(c(0), c(1)),
        AreaKind::Joint => Fill::Joint(c(0), c(1)),
        AreaKind::Unknown => Fill::Unknown,
    }
}

/// The method line printed on maps and charts.
#[must_use]
pub fn method_text(m: &frontline_infer::Method) -> String {
    format!(
        "Method: nearest observed place (Voronoi cells, equal-area projection); land beyond {} unknown; contested band {} km; staleness limit {}.",
        m.cap_km().map_or_else(
            || "no distance".to_owned(),
            |c| format!("{c} km of a place is")
        ),
        m.band_km(),
        m.stale_days()
            .map_or_else(|| "none".to_owned(), |d| format!("{d} days"))
    )
}

fn denominator_text(d: &Denominator) -> String {
    format!(
        "Shares of {:.0} km² (geodesic, whole boundary) and of {} people in the places with a population figure.",
        d.area_km2, d.population
    )
}

impl Atlas {
    /// The map of `at` in `language`; with `compare`, the changes since that date are
    /// drawn over it and listed.
    ///
    /// # Errors
    /// When the method's geometry cannot be built.
    pub fn map_scene(
        &self,
        at: At,
        language: Language,
        compare: Option<NaiveDate>,
        events_since: Option<NaiveDate>,
    ) -> Result<MapScene> {
        let day = self.day(at)?;
        let report = day.stats()?;
        let lang = if language == Language::Ar { "ar" } else { "en" };
        let areas = day
            .area_shapes()?
            .into_iter()
            .filter(|a| a.kind != AreaKind::Unknown)
            .map(|a| {
                let k = report.parties.iter().find(|k| k.id == a.key);
                AreaLayer {
                    geometry: a.geometry,
                    fill: k.map_or(Fill::Unknown, fill),
                }
            })
            .collect();
        let front_lines = MultiLineString(
            day.front_line_shapes()?
                .into_iter()
                .flat_map(|f| f.geometry.0)
                .collect(),
        );
        let legend = report
            .parties
            .iter()
            .filter(|k| k.area_pct >= 0.05 || k.kind == AreaKind::Unknown)
            .map(|k| LegendRow {
                label: match (k.kind, language) {
                    (AreaKind::Party, Language::Ar) => k
                        .parties
                        .first()
                        .and_then(|p| self.parties().iter().find(|x| x.id.as_str() == p))
                        .and_then(|p| p.names.ar.clone())
                        .unwrap_or_else(|| k.name.clone()),
                    _ => crate::atlas::short_name(&k.name),
                },
                fill: fill(k),
                area_pct: k.area_pct,
                population_pct: Some(k.population_pct),
            })
            .collect();
        let places = day
            .cells
            .sites
            .iter()
            .map(|&i| self.place_as_of(i, at.known_at))
            .filter(|p| p.population.is_some() || p.kind.is_key_site())
            .map(|p| PlaceMark {
                lon: p.lon,
                lat: p.lat,
                label: p.names.in_language(lang).to_owned(),
                population: p.population.as_ref().map(|x| x.value),
            })
            .collect();
        let change = match compare {
            Some(since) => Some(self.change_overlay(&self.diff(since, at.on, at)?, at)?),
            None => None,
        };
        let mut attribution = self.conflict().attribution.clone();
        if attribution.is_empty() {
            attribution.push(
                "Evidence: the sources cited by each observation (frontline history PLACE)"
                    .to_owned(),
            );
        }
        let events: Vec<EventMark> = events_since
            .map(|since| self.events(since, at.on))
            .unwrap_or_default()
            .iter()
            .map(|e| EventMark {
                lon: e.lon,
                lat: e.lat,
                deaths: e.deaths.best,
            })
            .collect();
        if let Some(since) = events_since {
            let toll = crate::Toll::of(self.events(since, at.on));
            attribution.push(format!(
                "Dots: {} violent events from {since} to {}, {} deaths (best estimate; {}–{}); events are not control. UCDP GED (CC BY 4.0)",
                toll.events, at.on, toll.deaths_best, toll.deaths_low, toll.deaths_high
            ));
        }
        let presence: Vec<SiteMark> = self
            .presence(at.on, at.known_at)
            .sites
            .into_iter()
            .map(|s| SiteMark {
                lon: s.lon,
                lat: s.lat,
                force: match (language, s.force_name_ar) {
                    (Language::Ar, Some(ar)) => ar,
                    _ => crate::atlas::short_name(&s.force_name),
                },
                colour: colour(&s.colour),
            })
            .collect();
        if !presence.is_empty() {
            attribution.push(format!(
                "Symbols: {} sites of foreign forces on {} as sources report them (frontline presence); presence is not control and colours no land",
                presence.len(),
                at.on
            ));
        }
        attribution.push("Made with Frontline".to_owned());
        Ok(MapScene {
            title: self.conflict().names.in_language(lang).to_owned(),
            as_of: at.on.format("%Y-%m-%d").to_string(),
            method: method_text(&at.method),
            denominator: denominator_text(&report.denominator),
            areas,
            front_lines,
            boundary: self.conflict().boundary.clone(),
            regions: self
                .regions()
                .iter()
                .filter(|r| r.level == 1)
                .map(|r| Region {
                    name: r.names.in_language(lang).to_owned(),
                    geometry: r.geometry.clone(),
                })
                .collect(),
            places,
            legend,
            attribution,
            language,
            change,
            events,
            presence,
        })
    }

    /// The changes of `diff` (from its `from` to `at.on`) drawn over a map and listed.
    pub(crate) fn change_overlay(&self, diff: &DiffReport, at: At) -> Result<ChangeOverlay> {
        let since = diff.from;
        let cells = self.cells(at)?;
        let party_colour = |ids: &[String], day: NaiveDate| -> Colour {
            ids.first()
                .and_then(|id| frontline_model::PartyId::new(id.as_str()).ok())
                .and_then(|id| {
                    self.party_on(&id, day, at.known_at)
                        .map(|p| colour(&p.colour.to_string()))
                })
                .unwrap_or(GREY)
        };
        // The land each changed place claims under the method (within the cap): label
        // every changed site with a key of its own, all others unknown, and dissolve.
        let changed: Vec<(usize, &crate::diff::PlaceChange)> = diff
            .places
            .iter()
            .filter(|c| !c.after.parties.is_empty() && c.after.parties != c.before.parties)
            .filter_map(|c| {
                cells
                    .sites
                    .iter()
                    .position(|&i| self.places()[i].id.as_str() == c.place)
                    .map(|s| (s, c))
            })
            .take(usize::from(u16::MAX))
            .collect();
        let mut labels = vec![frontline_infer::SiteState::default(); cells.sites.len()];
        for (k, (site, _)) in changed.iter().enumerate() {
            let key =
                frontline_infer::PartyKey::new(u16::try_from(k).expect("at most u16::MAX changes"));
            labels[*site] = frontline_infer::SiteState::fresh(frontline_infer::Label::held(key));
        }
        let mut gains = Vec::new();
        for area in cells.coverage.areas(&labels)? {
            if let AreaKey::Party { party } = area.key {
                let (_, c) = changed[usize::from(party.index())];
                gains.push(Gain {
                    geometry: area.geometry,
                    gainer: party_colour(&c.after.parties, at.on),
                    loser: party_colour(&c.before.parties, since),
                });
            }
        }
        let name = |ids: &[String], status: &str, day: NaiveDate| {
            let names: Vec<String> = ids
                .iter()
                .map(|id| {
                    frontline_model::PartyId::new(id.as_str())
                        .ok()
                        .and_then(|p| self.party_on(&p, day, at.known_at))
                        .map_or_else(|| id.clone(), |p| crate::atlas::short_name(&p.names.en))
                })
                .collect();
            match (status, names.is_empty()) {
                (_, true) => status.to_owned(),
                ("controlled", false) => names.join(" + "),
                (_, false) => format!("{} ({status})", names.join(" + ")),
            }
        };
        let rows = diff
            .places
            .iter()
            .map(|c| {
                let last = c.evidence.last();
                ChangeRow {
                    place: c.name.clone(),
                    from: name(&c.before.parties, &c.before.status, since),
                    to: name(&c.after.parties, &c.after.status, at.on),
                    date: last.map(|e| e.date.clone()).unwrap_or_default(),
                    source: last
                        .and_then(|e| e.sources.first())
                        .map(|s| s.publisher.clone())
                        .unwrap_or_default(),
                }
            })
            .collect();
        Ok(ChangeOverlay {
            since: since.format("%Y-%m-%d").to_string(),
            gains,
            rows,
        })
    }

    /// The chart of each party's share of area (and, with `population`, of people) from
    /// `from` to `to`, marking the milestones in that period whose series is in `events`
    /// (all milestones when `events` is empty).
    ///
    /// # Errors
    /// As [`Atlas::series`].
    pub fn chart_spec(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        step: Step,
        at: At,
        population: bool,
        events: &[String],
    ) -> Result<ChartSpec> {
        let points = self.series(from, to, step, at)?;
        let mut ids: Vec<String> = points
            .iter()
            .flat_map(|p| p.parties.iter().map(|r| r.id.clone()))
            .collect();
        ids.sort();
        ids.dedup();
        let series = |pick: fn(&crate::SeriesRow) -> f64| -> Vec<ChartSeries> {
            ids.iter()
                .filter(|id| !id.contains(':') && id.as_str() != "unknown")
                .map(|id| {
                    let party = frontline_model::PartyId::new(id.as_str())
                        .ok()
                        .and_then(|p| self.party_on(&p, to, at.known_at));
                    ChartSeries {
                        label: party.map_or_else(|| id.clone(), |p| p.names.en.clone()),
                        colour: party.map_or(GREY, |p| colour(&p.colour.to_string())),
                        points: points
                            .iter()
                            .map(|p| {
                                (
                                    p.date,
                                    p.parties.iter().find(|r| &r.id == id).map_or(0.0, pick),
                                )
                            })
                            .collect(),
                    }
                })
                .collect()
        };
        Ok(ChartSpec {
            title: format!("{}: share of territory by party", self.conflict().names.en),
            method: method_text(&at.method),
            area: series(|r| r.area_pct),
            population: population.then(|| series(|r| r.population_pct)),
            events: self
                .milestones()
                .iter()
                .filter(|m| m.start.first_day() >= from && m.start.first_day() <= to)
                .filter(|m| {
                    events.is_empty() || m.series.as_ref().is_some_and(|s| events.contains(s))
                })
                .map(|m| ChartEvent {
                    date: m.start.first_day(),
                    label: m.name.clone(),
                })
                .collect(),
            attribution: self.conflict().attribution.clone(),
            language: Language::En,
        })
    }
}
