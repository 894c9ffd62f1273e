//! `frontline toll`: deaths (best estimate, with low and high) and events in a period,
//! per party, region or month, beside the published figures known by the period's end.
//! The toll reads the events layer only; it never touches control.

use std::collections::BTreeMap;

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;
use frontline_model::{Event, Figure};
use frontline_store::Store;
use serde::Serialize;

use crate::cli::{Format, TollArgs, TollBy};
use crate::output;
use crate::settings::Settings;

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
pub(crate) struct TollRow {
    /// The group: a month (`2016-01`), a region as the dataset names it, a side, or `all`.
    pub(crate) group: String,
    /// The built-in party id of a side, when the dataset's name is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) party: Option<String>,
    pub(crate) events: u64,
    pub(crate) deaths_best: u64,
    pub(crate) deaths_low: u64,
    pub(crate) deaths_high: u64,
    pub(crate) deaths_civilians: u64,
    /// By party: deaths among the side itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) deaths_of_side: Option<u64>,
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

/// The toll of a period.
#[derive(Debug, Serialize)]
pub(crate) struct Toll {
    pub(crate) from: NaiveDate,
    pub(crate) to: NaiveDate,
    pub(crate) by: &'static str,
    pub(crate) rows: Vec<TollRow>,
    /// All events of the period once (rows by party overlap: an event counts for both
    /// sides).
    pub(crate) total: TollRow,
    /// The latest published figure of each kind as of the period's end.
    pub(crate) figures: Vec<Figure>,
}

/// Groups `events` by `by`.
pub(crate) fn toll(events: &[Event], by: Option<TollBy>) -> (Vec<TollRow>, TollRow) {
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

/// The period asked for: `--from`/`--to`, or the days between two milestones (from the
/// day after the first ends to the day before the second begins).
fn period(store: &dyn Store, args: &TollArgs) -> Result<(NaiveDate, NaiveDate)> {
    if let Some(ids) = &args.between_milestones {
        let [first, second] = ids.as_slice() else {
            bail!("--between-milestones takes two milestone ids");
        };
        let milestones = store.milestones()?;
        let find = |id: &str| {
            milestones.iter().find(|m| m.id == id).with_context(|| {
                let known: Vec<&str> = milestones.iter().map(|m| m.id.as_str()).collect();
                format!("unknown milestone {id:?}; known: {}", known.join(", "))
            })
        };
        let (a, b) = (find(first)?, find(second)?);
        let from = a
            .end
            .unwrap_or(a.start)
            .last_day()
            .succ_opt()
            .context("a day after the first milestone")?;
        let to = b
            .start
            .first_day()
            .pred_opt()
            .context("a day before the second milestone")?;
        if to < from {
            bail!(
                "milestone {second:?} ({}) does not begin after {first:?} ends",
                b.start
            );
        }
        return Ok((from, to));
    }
    let from = super::parse_day(
        "from",
        args.from
            .as_deref()
            .context("--from is required (or --between-milestones)")?,
    )?;
    let to = super::parse_day(
        "to",
        args.to.as_deref().context("--to is required with --from")?,
    )?;
    if to < from {
        bail!("--to {to} is before --from {from}");
    }
    Ok((from, to))
}

/// The latest figure of each kind (and publisher) dated by `to`.
fn figures_by(figures: Vec<Figure>, to: NaiveDate) -> Vec<Figure> {
    let mut latest: BTreeMap<(String, String), Figure> = BTreeMap::new();
    for f in figures.into_iter().filter(|f| f.date.first_day() <= to) {
        let key = (f.figure.clone(), f.source.publisher.clone());
        if latest.get(&key).is_none_or(|old| old.date < f.date) {
            latest.insert(key, f);
        }
    }
    latest.into_values().collect()
}

pub(crate) fn run(settings: &Settings, args: &TollArgs) -> Result<()> {
    let store = super::open_existing(settings)?;
    let (from, to) = period(&store, args)?;
    let events = store.events(from, to)?;
    let (rows, total) = toll(&events, args.by);
    let by = match args.by {
        None => "all",
        Some(TollBy::Party) => "party",
        Some(TollBy::Region) => "region",
        Some(TollBy::Month) => "month",
    };
    let result = Toll {
        from,
        to,
        by,
        rows,
        total,
        figures: figures_by(store.figures()?, to),
    };
    match args.format {
        Format::Json | Format::Geojson => output::json(&result),
        Format::Csv => output::emit(Format::Csv, &header(args.by), &result.rows, |r| {
            cells(r, args.by)
        }),
        Format::Table => {
            let mut rows = result.rows.clone();
            if args.by.is_some() {
                rows.push(result.total.clone());
            }
            let mut text = Vec::new();
            // Long coalitions of sides are cut for the table (CSV and JSON keep them whole).
            let body: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    let mut c = cells(r, args.by);
                    if c[0].chars().count() > 48 {
                        c[0] = c[0].chars().take(47).collect::<String>() + "…";
                    }
                    c
                })
                .collect();
            output::write_table(&mut text, &header(args.by), &body)?;
            let mut out = format!(
                "toll from {from} to {to} (UCDP GED events; deaths: best estimate, low-high)\n"
            );
            out.push_str(&String::from_utf8(text).context("table text")?);
            if args.by == Some(TollBy::Party) {
                out.push_str("(an event counts for both its sides, so the rows add up to more than the total)\n");
            }
            if !result.figures.is_empty() {
                out.push_str(&format!("\npublished figures as of {to}:\n"));
                for f in &result.figures {
                    out.push_str(&format!(
                        "  {}: {} (as of {}; {}, {}{})\n",
                        f.figure,
                        number(f.value),
                        f.date,
                        f.source.publisher,
                        f.source.title,
                        f.source
                            .url
                            .as_deref()
                            .map(|u| format!(", {u}"))
                            .unwrap_or_default()
                    ));
                }
            }
            output::lines(&out)
        }
    }
}

fn header(by: Option<TollBy>) -> Vec<&'static str> {
    let mut h = vec![
        "group",
        "events",
        "deaths_best",
        "deaths_low",
        "deaths_high",
        "deaths_civilians",
    ];
    if by == Some(TollBy::Party) {
        h.insert(1, "party");
        h.push("deaths_of_side");
    }
    h
}

fn cells(r: &TollRow, by: Option<TollBy>) -> Vec<String> {
    let mut c = vec![
        r.group.clone(),
        r.events.to_string(),
        r.deaths_best.to_string(),
        r.deaths_low.to_string(),
        r.deaths_high.to_string(),
        r.deaths_civilians.to_string(),
    ];
    if by == Some(TollBy::Party) {
        c.insert(1, r.party.clone().unwrap_or_default());
        c.push(r.deaths_of_side.map(|d| d.to_string()).unwrap_or_default());
    }
    c
}

/// A figure's value: whole numbers without decimals.
fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        v.to_string()
    }
}
