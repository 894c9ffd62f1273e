//! `frontline toll`: deaths (best estimate, with low and high) and events in a period,
//! per party, region or month, beside the published figures known by the period's end.
//! The toll reads the events layer only; it never touches control.

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;
use frontline_store::Store;

use crate::cli::{Format, TollArgs, TollBy};
use crate::output;
use crate::settings::Settings;

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
    let from = args
        .from
        .context("--from is required (or --between-milestones)")?;
    let to = args.to.context("--to is required with --from")?;
    if to < from {
        bail!("--to {to} is before --from {from}");
    }
    Ok((from, to))
}

pub(crate) fn run(settings: &Settings, args: &TollArgs) -> Result<()> {
    let store = super::open_existing(settings)?;
    let (from, to) = period(&store, args)?;
    let by = args.by.map(|b| match b {
        TollBy::Party => frontline_atlas::TollBy::Party,
        TollBy::Region => frontline_atlas::TollBy::Region,
        TollBy::Month => frontline_atlas::TollBy::Month,
    });
    let result = frontline_atlas::Atlas::load(&store)?.toll(from, to, by);
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
                    let period = f.since.map_or_else(
                        || format!("as of {}", f.date),
                        |s| format!("{s} to {}", f.date),
                    );
                    out.push_str(&format!(
                        "  {}: {} ({period}; {}, {}{})\n",
                        f.described(),
                        number(f.value),
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

fn cells(r: &frontline_atlas::TollRow, by: Option<TollBy>) -> Vec<String> {
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
