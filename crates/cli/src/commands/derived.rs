//! The verbs that derive areas from the evidence: `stats`, `series`, `diff`, `why`,
//! `areas` and `frontlines`. The answers come from [`Atlas`]; this module parses flags
//! and prints.

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;
use frontline_atlas::{Atlas, KeyStats, Method, StatsReport, Step};
use serde_json::json;

use crate::cli::{
    AreasArgs, By, ChartArgs, DiffArgs, Format, MapArgs, SeriesArgs, StatsArgs, StepArg, WhyArgs,
};
use crate::output;
use crate::settings::Settings;

pub(crate) fn load(settings: &Settings) -> Result<Atlas> {
    let store = super::open_existing(settings)?;
    Ok(Atlas::load(&store)?)
}

/// `day`, given as `--flag`, if it is within the conflict's days (from its start to a
/// year after today), as the server checks it.
pub(crate) fn asked(
    atlas: &Atlas,
    settings: &Settings,
    flag: &str,
    day: NaiveDate,
) -> Result<NaiveDate> {
    atlas
        .days(settings.today())
        .check(day)
        .with_context(|| format!("--{flag} {day}: not a day of the conflict"))
}

/// One line describing the method, printed with every figure.
pub(crate) fn method_line(m: &Method) -> String {
    format!(
        "method: {} (cap {}, contested band {} km, staleness limit {}, effective radius {} km); see docs/method.md",
        m.name(),
        m.cap_km().map_or_else(
            || "none: all land assigned".to_owned(),
            |c| format!("{c} km")
        ),
        m.band_km(),
        m.stale_days()
            .map_or_else(|| "none".to_owned(), |d| format!("{d} days")),
        m.effective_km()
    )
}

fn denominator_line(r: &StatsReport) -> String {
    let sources: Vec<String> = r
        .denominator
        .population_sources
        .iter()
        .map(|(s, n)| format!("{s}: {n} places"))
        .collect();
    format!(
        "denominator: {:.0} km² (geodesic, WGS 84); effective land {:.0} km²; {} people in places ({})",
        r.denominator.area_km2,
        r.denominator.effective_km2,
        r.denominator.population,
        sources.join("; ")
    )
}

fn key_cells(k: &KeyStats) -> Vec<String> {
    vec![
        k.id.clone(),
        k.name.clone(),
        format!("{:.0}", k.area_km2),
        format!("{:.1}", k.area_pct),
        format!("{:.1}", k.effective_pct),
        k.population.to_string(),
        format!("{:.1}", k.population_pct),
    ]
}

const KEY_HEADER: [&str; 7] = [
    "id",
    "name",
    "area_km2",
    "area_pct",
    "effective_pct",
    "population",
    "population_pct",
];

pub(crate) fn stats(settings: &Settings, args: &StatsArgs) -> Result<()> {
    let atlas = load(settings)?;
    let at = args
        .question
        .question(asked(&atlas, settings, "date", args.date)?)
        .at(settings.now);
    let mut report = atlas.stats(at)?;
    output::warnings(&report.warnings)?;
    if args.by != Some(By::Region) {
        report.regions.clear();
    }
    match args.format {
        Format::Json | Format::Geojson => output::json(&report),
        Format::Csv => {
            let mut rows: Vec<(String, &KeyStats)> =
                report.parties.iter().map(|k| (String::new(), k)).collect();
            for r in &report.regions {
                rows.extend(r.parties.iter().map(|k| (r.id.clone(), k)));
            }
            let header = [
                "date",
                "region",
                "id",
                "kind",
                "name",
                "area_km2",
                "area_pct",
                "effective_km2",
                "effective_pct",
                "population",
                "population_pct",
            ];
            output::emit(Format::Csv, &header, &rows, |(region, k)| {
                vec![
                    report.date.to_string(),
                    region.clone(),
                    k.id.clone(),
                    k.kind.to_string(),
                    k.name.clone(),
                    format!("{:.3}", k.area_km2),
                    format!("{:.4}", k.area_pct),
                    format!("{:.3}", k.effective_km2),
                    format!("{:.4}", k.effective_pct),
                    k.population.to_string(),
                    format!("{:.4}", k.population_pct),
                ]
            })
        }
        Format::Table => {
            let mut text = format!(
                "{} as of {} (as known at {})\n{}\n{}\n\n",
                atlas.conflict().names.en,
                report.date,
                report.known_at.format("%Y-%m-%d %H:%M UTC"),
                method_line(&report.method),
                denominator_line(&report)
            );
            let rows: Vec<Vec<String>> = report.parties.iter().map(key_cells).collect();
            let mut buf = Vec::new();
            output::write_table(&mut buf, &KEY_HEADER, &rows)?;
            text.push_str(&String::from_utf8_lossy(&buf));
            for r in &report.regions {
                text.push_str(&format!("\n{} ({}, {:.0} km²)\n", r.name, r.id, r.area_km2));
                let rows: Vec<Vec<String>> = r.parties.iter().map(key_cells).collect();
                let mut buf = Vec::new();
                output::write_table(&mut buf, &KEY_HEADER, &rows)?;
                text.push_str(&String::from_utf8_lossy(&buf));
            }
            output::lines(&text)
        }
    }
}

pub(crate) fn series(settings: &Settings, args: &SeriesArgs) -> Result<()> {
    let atlas = load(settings)?;
    let from = asked(&atlas, settings, "from", args.from)?;
    let to = asked(&atlas, settings, "to", args.to)?;
    let step = step(args.step);
    let at = args.question.question(from).at(settings.now);
    let points = atlas.series(from, to, step, at)?;
    match args.format {
        Format::Json | Format::Geojson => output::json(
            &json!({ "from": from, "to": to, "known_at": at.known_at, "method": at.method, "points": points }),
        ),
        Format::Csv | Format::Table => {
            let rows: Vec<(
                NaiveDate,
                frontline_atlas::Toll,
                &frontline_atlas::SeriesRow,
            )> = points
                .iter()
                .flat_map(|p| p.parties.iter().map(move |r| (p.date, p.toll, r)))
                .collect();
            let header = [
                "date",
                "id",
                "area_km2",
                "area_pct",
                "effective_pct",
                "population",
                "population_pct",
                "events",
                "deaths_best",
                "deaths_low",
                "deaths_high",
            ];
            output::emit(args.format, &header, &rows, |(date, toll, r)| {
                vec![
                    date.to_string(),
                    r.id.clone(),
                    format!("{:.3}", r.area_km2),
                    format!("{:.4}", r.area_pct),
                    format!("{:.4}", r.effective_pct),
                    r.population.to_string(),
                    format!("{:.4}", r.population_pct),
                    toll.events.to_string(),
                    toll.deaths_best.to_string(),
                    toll.deaths_low.to_string(),
                    toll.deaths_high.to_string(),
                ]
            })
        }
    }
}

/// A date, or the start date of a milestone (a round of talks) by id.
pub(crate) fn date_or_milestone(
    atlas: &Atlas,
    settings: &Settings,
    flag: &str,
    text: &str,
) -> Result<NaiveDate> {
    if let Some(m) = atlas.milestones().iter().find(|m| m.id == text) {
        return Ok(m.start.first_day());
    }
    let day = frontline_atlas::parse_day(text).with_context(|| {
        format!(
            "--{flag} {text:?}: neither a date (YYYY-MM-DD) nor a milestone id (see data/syria/talks.csv)"
        )
    })?;
    asked(atlas, settings, flag, day)
}

pub(crate) fn diff(settings: &Settings, args: &DiffArgs) -> Result<()> {
    let atlas = load(settings)?;
    let from = date_or_milestone(&atlas, settings, "from", &args.from)?;
    let to = date_or_milestone(&atlas, settings, "to", &args.to)?;
    let at = args.question.question(to).at(settings.now);
    let report = atlas.diff(from, to, at)?;
    match args.format {
        Format::Json | Format::Csv => output::json(&report),
        Format::Geojson => {
            let features: Vec<_> = report
                .places
                .iter()
                .filter_map(|c| {
                    let place = atlas.places().iter().find(|p| p.id.as_str() == c.place)?;
                    Some(json!({ "type": "Feature", "geometry": { "type": "Point", "coordinates": [place.lon, place.lat] }, "properties": c }))
                })
                .collect();
            output::json(
                &json!({ "type": "FeatureCollection", "from": from, "to": to, "features": features }),
            )
        }
        Format::Table => {
            let mut text = format!(
                "{}: what changed from {from} to {to}\n{}\n\n",
                atlas.conflict().names.en,
                method_line(&report.method)
            );
            let rows: Vec<Vec<String>> = report
                .places
                .iter()
                .map(|c| {
                    let last = c.evidence.last();
                    vec![
                        c.place.clone(),
                        c.name.clone(),
                        format!("{} {}", c.before.status, c.before.parties.join("+"))
                            .trim()
                            .to_owned(),
                        format!("{} {}", c.after.status, c.after.parties.join("+"))
                            .trim()
                            .to_owned(),
                        last.map(|e| e.date.clone()).unwrap_or_default(),
                        last.and_then(|e| e.sources.first())
                            .map(|s| s.publisher.clone())
                            .unwrap_or_default(),
                    ]
                })
                .collect();
            let mut buf = Vec::new();
            output::write_table(
                &mut buf,
                &["place", "name", "before", "after", "date", "source"],
                &rows,
            )?;
            text.push_str(&format!("{} places changed hands\n", report.places.len()));
            text.push_str(&String::from_utf8_lossy(&buf));
            if !report.reorganised.is_empty() {
                let mut pairs: Vec<String> = report
                    .reorganised
                    .iter()
                    .map(|c| {
                        format!(
                            "{} became {}",
                            c.before.parties.join("+"),
                            c.after.parties.join("+")
                        )
                    })
                    .collect();
                pairs.sort();
                pairs.dedup();
                text.push_str(&format!(
                    "\nreorganised, not changes of hands: {} places ({}): {}\n",
                    report.reorganised.len(),
                    pairs.join("; "),
                    report
                        .reorganised
                        .iter()
                        .map(|c| c.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            if !report.first_reported.is_empty() || !report.no_longer_reported.is_empty() {
                text.push_str(&format!(
                    "\nnot changes of hands: {} places first reported (no holder on the earlier date), {} no longer reported (none on the later)\n",
                    report.first_reported.len(),
                    report.no_longer_reported.len()
                ));
            }
            text.push_str("\nnet change\n");
            let rows: Vec<Vec<String>> = report
                .balance
                .iter()
                .map(|b| {
                    vec![
                        b.id.clone(),
                        b.name.clone(),
                        format!("{:+.0}", b.area_km2),
                        format!("{:+}", b.population),
                    ]
                })
                .collect();
            let mut buf = Vec::new();
            output::write_table(&mut buf, &["id", "name", "area_km2", "population"], &rows)?;
            text.push_str(&String::from_utf8_lossy(&buf));
            if !report.churn.is_empty() {
                text.push_str("\nchanged hands two or more times\n");
                for c in &report.churn {
                    let seq: Vec<String> = c
                        .sequence
                        .iter()
                        .map(|(d, h)| format!("{d} {} {}", h.status, h.parties.join("+")))
                        .collect();
                    text.push_str(&format!(
                        "{} ({}): {}\n",
                        c.name,
                        c.changes,
                        seq.join(" -> ")
                    ));
                }
            }
            output::lines(&text)
        }
    }
}

pub(crate) fn why(settings: &Settings, args: &WhyArgs) -> Result<()> {
    let atlas = load(settings)?;
    let (lon, lat) = parse_point(&args.at)?;
    let at = args
        .question
        .question(asked(&atlas, settings, "date", args.date)?)
        .at(settings.now);
    let Some(report) = atlas.why(lon, lat, at)? else {
        bail!(
            "--at {}: the point lies outside the conflict's boundary",
            args.at
        );
    };
    if args.format == Format::Table {
        let mut text = format!(
            "({lon}, {lat}) on {}: {}\nbecause {}\n{}\n",
            report.date,
            report.name,
            report.explanation,
            method_line(&report.method)
        );
        if let Some(e) = &report.evidence {
            text.push_str(&format!(
                "deciding observation {} dated {}: {} {} (confidence {}), {} days before\n",
                e.id,
                e.date,
                e.status,
                e.parties.join("+"),
                e.confidence,
                report.stale_days.unwrap_or(0)
            ));
            for s in &e.sources {
                text.push_str(&format!(
                    "  source: {}, {:?}{}\n",
                    s.publisher,
                    s.title,
                    s.url
                        .as_ref()
                        .map(|u| format!(" <{u}>"))
                        .unwrap_or_default()
                ));
            }
        }
        text.push_str(&presence_near(&report.presence));
        output::lines(&text)
    } else {
        output::json(&report)
    }
}

/// `why`'s section on foreign forces near the point, apart from the colour's explanation
/// (empty when none is near).
fn presence_near(near: &[frontline_atlas::NearbyPresence]) -> String {
    if near.is_empty() {
        return String::new();
    }
    let mut text = format!(
        "\nforeign forces present within {} km (presence, not control: this decided nothing above)\n",
        frontline_atlas::PRESENCE_NEAR_KM
    );
    for n in near {
        let s = &n.site;
        text.push_str(&format!(
            "{}: {} ({}), {:.1} km, from {}{}\n",
            s.force_name,
            s.site,
            s.kind.replace('_', " "),
            n.distance_km,
            s.valid_from,
            s.valid_until
                .as_ref()
                .map(|u| format!(" until {u}"))
                .unwrap_or_default()
        ));
        for src in &s.sources {
            text.push_str(&format!(
                "  source: {}, {:?}{}\n",
                src.publisher,
                src.title,
                src.url
                    .as_ref()
                    .map(|u| format!(" <{u}>"))
                    .unwrap_or_default()
            ));
        }
    }
    text
}

fn parse_point(text: &str) -> Result<(f64, f64)> {
    let (lon, lat) = text
        .split_once(',')
        .with_context(|| format!("--at {text:?}: expected LON,LAT"))?;
    let lon: f64 = lon
        .trim()
        .parse()
        .with_context(|| format!("--at {text:?}: longitude is not a number"))?;
    let lat: f64 = lat
        .trim()
        .parse()
        .with_context(|| format!("--at {text:?}: latitude is not a number"))?;
    if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
        bail!("--at {text:?}: not a longitude and latitude");
    }
    Ok((lon, lat))
}

pub(crate) fn areas(settings: &Settings, args: &AreasArgs, front_lines: bool) -> Result<()> {
    if args.format != Format::Geojson {
        bail!("--format: areas and front lines are written as geojson");
    }
    let atlas = load(settings)?;
    let at = args
        .question
        .question(asked(&atlas, settings, "date", args.date)?)
        .at(settings.now);
    let value = if front_lines {
        atlas.front_lines(at)?
    } else {
        atlas.areas(at)?
    };
    output::json(&value)
}

/// A page size: `a4`, `a3` or `WIDTHxHEIGHT` pixels.
pub(crate) fn page(text: &str) -> Result<frontline_render::PageSize> {
    match text.to_ascii_lowercase().as_str() {
        "a4" => Ok(frontline_render::PageSize::A4),
        "a3" => Ok(frontline_render::PageSize::A3),
        other => {
            let (w, h) = other
                .split_once('x')
                .with_context(|| format!("--size {text:?}: expected a4, a3 or WIDTHxHEIGHT"))?;
            let w: u32 = w
                .parse()
                .with_context(|| format!("--size {text:?}: width is not a number"))?;
            let h: u32 = h
                .parse()
                .with_context(|| format!("--size {text:?}: height is not a number"))?;
            Ok(frontline_render::PageSize::pixels(w, h)?)
        }
    }
}

fn step(s: StepArg) -> Step {
    match s {
        StepArg::Day => Step::Day,
        StepArg::Week => Step::Week,
        StepArg::Month => Step::Month,
    }
}

pub(crate) fn write_file(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))
}

pub(crate) fn map(settings: &Settings, args: &MapArgs) -> Result<()> {
    let format = frontline_render::OutputFormat::from_path(&args.out)?;
    let size = page(&args.size)?;
    let language: frontline_render::Language = args.lang.parse()?;
    let atlas = load(settings)?;
    let at = args
        .question
        .question(asked(&atlas, settings, "date", args.date)?)
        .at(settings.now);
    let compare = args
        .compare
        .as_deref()
        .map(|c| date_or_milestone(&atlas, settings, "compare", c))
        .transpose()?;
    let events_since = args
        .events_since
        .as_deref()
        .map(|c| date_or_milestone(&atlas, settings, "events-since", c))
        .transpose()?;
    let scene = atlas.map_scene(at, language, compare, events_since)?;
    write_file(
        &args.out,
        &frontline_render::render_map(&scene, size, format)?,
    )?;
    output::lines(&format!("wrote {}", args.out.display()))
}

pub(crate) fn chart(settings: &Settings, args: &ChartArgs) -> Result<()> {
    let format = frontline_render::OutputFormat::from_path(&args.out)?;
    let size = page(&args.size)?;
    let atlas = load(settings)?;
    let from = asked(&atlas, settings, "from", args.from)?;
    let to = asked(&atlas, settings, "to", args.to)?;
    let at = args.question.question(from).at(settings.now);
    let spec = atlas.chart_spec(from, to, step(args.step), at, args.population, &args.events)?;
    write_file(
        &args.out,
        &frontline_render::render_chart(&spec, size, format)?,
    )?;
    output::lines(&format!("wrote {}", args.out.display()))
}
