//! The human toll of a period, from the events layer (never from control): events and
//! deaths per month, region or side, beside the published figures known by the period's end.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use frontline_model::{Event, Figure};
use serde::Serialize;

use crate::Atlas;

/// How to group a toll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TollBy {
    /// Each side as the dataset names it (an event counts for both its sides).
    Party,
    /// The first-level admin region as the dataset names it.
    Region,
    /// The month the event began.
    Month,
}

impl TollBy {
    fn name(by: Option<Self>) -> &'static str {
        match by {
            None => "all",
            Some(Self::Party) => "party",
            Some(Self::Region) => "region",
            Some(Self::Month) => "month",
        }
    }
}

/// UCDP GED actor names that are one of the built-in Syria parties.
const GED_PARTIES: &[(&str, &str)] = &[
    ("Government of Syria", "government"),
    ("Syrian insurgents", "opposition"),
    ("SDF", "sdf"),
    ("PYD", "ypg"),
    ("IS", "isis"),
    ("HTS", "hts"),
    ("Jabhat Fateh al-Sham", "nusra"),
    ("Jabhat al-Nusra", "nusra"),
    ("SNA", "sna"),
    ("Government of Turkey", "turkey"),
    ("Government of United States of America", "coalition"),
];

/// One group's toll.
#[derive(Debug, Default, Clone, Serialize, PartialEq, Eq)]
pub struct TollRow {
    /// The group: a month (`2016-01`), a region as the dataset names it, a side, or `all`.
    pub group: String,
    /// The built-in party id of a side, when the dataset's name is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
    /// Events.
    pub events: u64,
    /// Deaths, best estimate.
    pub deaths_best: u64,
    /// Deaths, low estimate.
    pub deaths_low: u64,
    /// Deaths, high estimate.
    pub deaths_high: u64,
    /// Civilian deaths (best estimate).
    pub deaths_civilians: u64,
    /// By party: deaths among the side itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deaths_of_side: Option<u64>,
}

impl TollRow {
    fn add(&mut self, e: &Event) {
        self.events += 1;
        self.deaths_best += u64::from(e.deaths.best);
        self.deaths_low += u64::from(e.deaths.low);
        self.deaths_high += u64::from(e.deaths.high);
        self.deaths_civilians += u64::from(e.deaths.civilians);
    }
}

/// The toll of a period: the JSON contract of `frontline toll` and the API.
#[derive(Debug, Clone, Serialize)]
pub struct TollReport {
    /// The first day.
    pub from: NaiveDate,
    /// The last day.
    pub to: NaiveDate,
    /// The grouping: `all`, `party`, `region` or `month`.
    pub by: &'static str,
    /// One row per group.
    pub rows: Vec<TollRow>,
    /// All events of the period once (rows by party overlap: an event counts for both
    /// sides).
    pub total: TollRow,
    /// The latest published figure of each kind as of the period's end.
    pub figures: Vec<Figure>,
}

/// Groups `events` by `by`.
fn group(events: &[Event], by: Option<TollBy>) -> (Vec<TollRow>, TollRow) {
    let mut groups: BTreeMap<String, TollRow> = BTreeMap::new();
    let mut total = TollRow {
        group: "total".to_owned(),
        ..TollRow::default()
    };
    for e in events {
        total.add(e);
        let mut bump = |key: String, own: Option<u32>| {
            let row = groups.entry(key.clone()).or_insert_with(|| TollRow {
                group: key,
                ..TollRow::default()
            });
            row.add(e);
            if let Some(own) = own {
                *row.deaths_of_side.get_or_insert(0) += u64::from(own);
            }
        };
        match by {
            None => bump("all".to_owned(), None),
            Some(TollBy::Month) => bump(e.date_start.format("%Y-%m").to_string(), None),
            Some(TollBy::Region) => bump(
                e.adm_1
                    .clone()
                    .unwrap_or_else(|| "(no region given)".to_owned()),
                None,
            ),
            Some(TollBy::Party) => {
                bump(e.side_a.clone(), Some(e.deaths.side_a));
                if e.side_b != e.side_a {
                    bump(e.side_b.clone(), Some(e.deaths.side_b));
                }
            }
        }
    }
    let mut rows: Vec<TollRow> = groups.into_values().collect();
    if by == Some(TollBy::Party) {
        for r in &mut rows {
            r.party = GED_PARTIES
                .iter()
                .find(|(n, _)| *n == r.group)
                .map(|(_, id)| (*id).to_owned());
        }
        rows.sort_by(|a, b| {
            b.deaths_best
                .cmp(&a.deaths_best)
                .then_with(|| a.group.cmp(&b.group))
        });
    }
    (rows, total)
}

/// The latest figure of each kind, publisher and definition dated by `to` (a count over
/// a period keeps its own period: it is shown with its dates, never spread over another).
fn figures_by(figures: Vec<Figure>, to: NaiveDate) -> Vec<Figure> {
    let mut latest: BTreeMap<(String, String, Option<String>), Figure> = BTreeMap::new();
    for f in figures.into_iter().filter(|f| f.date.first_day() <= to) {
        let key = (
            f.figure.clone(),
            f.source.publisher.clone(),
            f.definition.clone(),
        );
        if latest.get(&key).is_none_or(|old| old.date < f.date) {
            latest.insert(key, f);
        }
    }
    let mut list: Vec<Figure> = latest.into_values().collect();
    // By what they count, the latest first.
    list.sort_by(|a, b| a.figure.cmp(&b.figure).then(b.date.cmp(&a.date)));
    list
}

/// The published figures that speak of a period, as the briefing gives them: never added
/// up, never spread over another period, each with its own dates, publisher and definition.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PeriodFigures {
    /// Counts over a period of their own (a year, a month) that overlaps the period, each
    /// for its whole period as published.
    pub counts: Vec<Figure>,
    /// Totals since the conflict began and stocks (refugees, displaced on a day): those
    /// dated in the period, and, for each kind with none there, the latest before it.
    pub totals: Vec<Figure>,
}

/// How close to the conflict's start a count must begin to be a total since the start
/// (publishers date it 2011-03-01, -15 or -18 for Syria): 31 days.
const SINCE_START_DAYS: i64 = 31;

/// The published figures of `figures` that speak of `from` to `to`, for a conflict that
/// began on `start` (see [`PeriodFigures`]), each list by kind, then date.
fn period_figures(
    figures: &[Figure],
    start: NaiveDate,
    from: NaiveDate,
    to: NaiveDate,
) -> PeriodFigures {
    let overlaps = |first: NaiveDate, last: NaiveDate| first <= to && last >= from;
    let (counts, totals): (Vec<&Figure>, Vec<&Figure>) = figures.iter().partition(|f| {
        f.since
            .is_some_and(|s| (s.first_day() - start).num_days() > SINCE_START_DAYS)
    });
    let mut counts: Vec<Figure> = counts
        .into_iter()
        .filter(|f| {
            f.since
                .is_some_and(|s| overlaps(s.first_day(), f.date.last_day()))
        })
        .cloned()
        .collect();
    let mut in_period: Vec<Figure> = totals
        .iter()
        .filter(|f| overlaps(f.date.first_day(), f.date.last_day()))
        .map(|&f| f.clone())
        .collect();
    let mut latest_before: BTreeMap<&str, &Figure> = BTreeMap::new();
    for &f in totals.iter().filter(|f| f.date.last_day() < from) {
        if latest_before
            .get(f.figure.as_str())
            .is_none_or(|old| old.date < f.date)
        {
            latest_before.insert(f.figure.as_str(), f);
        }
    }
    for (kind, f) in latest_before {
        if !in_period.iter().any(|g| g.figure == kind) {
            in_period.push(f.clone());
        }
    }
    let order = |a: &Figure, b: &Figure| a.figure.cmp(&b.figure).then(a.date.cmp(&b.date));
    counts.sort_by(order);
    in_period.sort_by(order);
    PeriodFigures {
        counts,
        totals: in_period,
    }
}

impl Atlas {
    /// The published figures that speak of the period from `from` to `to` (see
    /// [`PeriodFigures`]).
    #[must_use]
    pub fn period_figures(&self, from: NaiveDate, to: NaiveDate) -> PeriodFigures {
        period_figures(self.figures(), self.conflict().start, from, to)
    }

    /// The first and last days on which loaded events began, if any are loaded.
    #[must_use]
    pub fn events_span(&self) -> Option<(NaiveDate, NaiveDate)> {
        let all = self.events(NaiveDate::MIN, NaiveDate::MAX);
        Some((all.first()?.date_start, all.last()?.date_start))
    }

    /// The toll of the events that began from `from` to `to` (both included), grouped by
    /// `by`, with the latest published figures dated by `to`.
    #[must_use]
    pub fn toll(&self, from: NaiveDate, to: NaiveDate, by: Option<TollBy>) -> TollReport {
        let (rows, total) = group(self.events(from, to), by);
        TollReport {
            from,
            to,
            by: TollBy::name(by),
            rows,
            total,
            figures: figures_by(self.figures().to_vec(), to),
        }
    }
}
