//! The series chart: each party's share of area (and of people) over time, with events marked.

use chrono::{Datelike, Months, NaiveDate};

use crate::colour::Colour;
use crate::error::{RenderError, Result};
use crate::page::PageSize;
use crate::projection::Rect;
use crate::scene::Language;
use crate::svg::{Anchor, Svg, TextStyle};
use crate::text::{self, Words};

/// One party's share over time.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartSeries {
    /// The party's name.
    pub label: String,
    /// The party's colour.
    pub colour: Colour,
    /// Dated shares in percent (0–100), in any order.
    pub points: Vec<(NaiveDate, f64)>,
}

/// A dated event marked on the chart, such as a round of talks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartEvent {
    /// When it happened.
    pub date: NaiveDate,
    /// What it was.
    pub label: String,
}

/// A whole chart.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChartSpec {
    /// The chart's title, e.g. "Syria: share of territory by party".
    pub title: String,
    /// The method and denominator line.
    pub method: String,
    /// Each party's share of area.
    pub area: Vec<ChartSeries>,
    /// Each party's share of population, drawn as a second panel when given.
    pub population: Option<Vec<ChartSeries>>,
    /// Events to mark.
    pub events: Vec<ChartEvent>,
    /// Every data source used.
    pub attribution: Vec<String>,
    /// The language of the fixed words.
    pub language: Language,
}

/// Dash patterns so that lines differ without colour (in units of the page scale).
const DASHES: [&[f64]; 5] = [
    &[],
    &[18.0, 8.0],
    &[5.0, 7.0],
    &[18.0, 6.0, 5.0, 6.0],
    &[30.0, 10.0],
];

/// Renders a chart as SVG text.
///
/// # Errors
/// [`RenderError::EmptyChart`] when no series has a point.
pub fn chart_svg(spec: &ChartSpec, page: PageSize) -> Result<String> {
    let dates = spec
        .area
        .iter()
        .chain(spec.population.iter().flatten())
        .flat_map(|s| s.points.iter().map(|p| p.0));
    let (Some(first), Some(last)) = (dates.clone().min(), dates.max()) else {
        return Err(RenderError::EmptyChart {
            title: spec.title.clone(),
        });
    };
    let last = if last == first {
        first + chrono::Days::new(1)
    } else {
        last
    };
    let (w, h) = page.size_px();
    let (wf, hf) = (f64::from(w), f64::from(h));
    let u = (wf / 3508.0).min(hf / 2480.0);
    let words = Words::of(spec.language);
    let margin = 110.0 * u;
    let mut svg = Svg::new(w, h, page.paper_mm(), 64 * 1024);
    svg.rect(0.0, 0.0, wf, hf, "fill=\"#ffffff\"");

    let title_size = 80.0 * u;
    svg.text(
        margin,
        margin + title_size,
        TextStyle::new(title_size).bold(),
        &spec.title,
    );
    let line = 36.0 * u;
    svg.text(
        margin,
        margin + title_size + line * 1.7,
        TextStyle::new(line),
        &spec.method,
    );

    let source_size = 26.0 * u;
    let sources = text::attribution(&spec.attribution, &words, source_size, wf - 2.0 * margin);
    #[allow(clippy::cast_precision_loss)]
    let foot = margin + sources.len() as f64 * source_size * 1.35;

    // A band for event labels above the first panel, when there are events.
    let event_band = if spec.events.is_empty() {
        0.0
    } else {
        f64::from(EVENT_ROWS) * EVENT_SIZE * u * 1.3 + 20.0 * u
    };
    let top = margin + title_size + line * 3.0 + 70.0 * u + event_band;
    let bottom = hf - foot - 80.0 * u;
    let plot_x0 = margin + 110.0 * u;
    let plot_x1 = wf * 0.80;
    let panels: Vec<(&str, &[ChartSeries])> =
        std::iter::once((words.share_of_area, spec.area.as_slice()))
            .chain(
                spec.population
                    .as_deref()
                    .map(|p| (words.share_of_population, p)),
            )
            .collect();
    #[allow(clippy::cast_precision_loss)]
    let n = panels.len() as f64;
    let gap = 110.0 * u;
    let panel_h = (bottom - top - gap * (n - 1.0)) / n;
    let span = (last - first).num_days() as f64;
    let x_of = |d: NaiveDate| plot_x0 + (d - first).num_days() as f64 / span * (plot_x1 - plot_x0);

    let mut y0 = top;
    for (heading, series) in &panels {
        let rect = Rect {
            x0: plot_x0,
            y0,
            x1: plot_x1,
            y1: y0 + panel_h,
        };
        panel(&mut svg, heading, series, rect, u, &x_of);
        y0 += panel_h + gap;
    }
    let plot = Rect {
        x0: plot_x0,
        y0: top,
        x1: plot_x1,
        y1: y0 - gap,
    };
    date_axis(&mut svg, first, last, plot, u, &x_of);
    events(
        &mut svg,
        &spec.events,
        first,
        last,
        plot,
        wf - margin,
        u,
        &x_of,
    );

    let mut y = hf - foot + source_size;
    for s in &sources {
        svg.text(
            margin,
            y,
            TextStyle::new(source_size).colour(Colour::rgb(0x55, 0x55, 0x55)),
            s,
        );
        y += source_size * 1.35;
    }
    Ok(svg.finish())
}

fn panel(
    svg: &mut Svg,
    heading: &str,
    series: &[ChartSeries],
    r: Rect,
    u: f64,
    x_of: &dyn Fn(NaiveDate) -> f64,
) {
    let max = series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.1))
        .filter(|v| v.is_finite())
        .fold(0.0_f64, f64::max);
    let y_max = ((max / 10.0).ceil() * 10.0).clamp(10.0, 100.0);
    let y_of = |v: f64| r.y1 - v.clamp(0.0, y_max) / y_max * r.height();
    let size = 30.0 * u;
    svg.text(
        r.x0,
        r.y0 - 24.0 * u,
        TextStyle::new(size * 1.2).bold(),
        heading,
    );
    let step = if y_max > 50.0 { 20.0 } else { 10.0 };
    let mut v = 0.0;
    while v <= y_max + 1e-9 {
        let y = y_of(v);
        svg.line(
            r.x0,
            y,
            r.x1,
            y,
            &format!("stroke=\"#d0d0d0\" stroke-width=\"{:.1}\"", 1.5 * u),
        );
        svg.text(
            r.x0 - 16.0 * u,
            y + size * 0.35,
            TextStyle::new(size).anchor(Anchor::End),
            &format!("{v}"),
        );
        v += step;
    }
    svg.rect(
        r.x0,
        r.y0,
        r.width(),
        r.height(),
        &format!(
            "fill=\"none\" stroke=\"#444444\" stroke-width=\"{:.1}\"",
            2.0 * u
        ),
    );
    let mut ends: Vec<(f64, usize)> = Vec::new();
    for (i, s) in series.iter().enumerate() {
        let mut pts: Vec<(NaiveDate, f64)> = s
            .points
            .iter()
            .copied()
            .filter(|p| p.1.is_finite())
            .collect();
        pts.sort_by_key(|p| p.0);
        let Some(&(_, last)) = pts.last() else {
            continue;
        };
        let dash = DASHES[i % DASHES.len()]
            .iter()
            .map(|d| format!("{:.1}", d * u))
            .collect::<Vec<_>>()
            .join(" ");
        svg.raw("<path d=\"");
        for (j, &(d, v)) in pts.iter().enumerate() {
            svg.raw(if j == 0 { "M" } else { "L" });
            svg.num(x_of(d));
            svg.raw(" ");
            svg.num(y_of(v));
        }
        let dash_attr = if dash.is_empty() {
            String::new()
        } else {
            format!(" stroke-dasharray=\"{dash}\"")
        };
        svg.raw(&format!(
            "\" fill=\"none\" stroke=\"{}\" stroke-width=\"{:.1}\" stroke-linejoin=\"round\"{dash_attr}/>\n",
            s.colour,
            6.0 * u
        ));
        ends.push((y_of(last), i));
    }
    // Direct labels at the right end, pushed apart so they never overlap and kept beside the
    // panel: first pushed down, then, if the last went past the bottom, pulled back up.
    ends.sort_by(|a, b| a.0.total_cmp(&b.0));
    let min_gap = size * 1.3;
    let mut ys: Vec<f64> = Vec::with_capacity(ends.len());
    for &(y, _) in &ends {
        let y = ys.last().map_or(y, |&prev| y.max(prev + min_gap));
        ys.push(y);
    }
    let mut limit = r.y1;
    for y in ys.iter_mut().rev() {
        *y = y.min(limit);
        limit = *y - min_gap;
    }
    for (&y, &(_, i)) in ys.iter().zip(&ends) {
        let s = &series[i];
        let x = r.x1 + 20.0 * u;
        svg.rect(
            x,
            y - size * 0.45,
            size * 0.9,
            size * 0.9,
            &format!("fill=\"{}\"", s.colour),
        );
        let label = text::fit(&s.label, size, false, 600.0 * u);
        svg.text(
            x + size * 1.3,
            y + size * 0.35,
            TextStyle::new(size),
            &label,
        );
    }
}

fn date_axis(
    svg: &mut Svg,
    first: NaiveDate,
    last: NaiveDate,
    plot: Rect,
    u: f64,
    x_of: &dyn Fn(NaiveDate) -> f64,
) {
    let days = (last - first).num_days();
    let size = 28.0 * u;
    let ticks = ticks(first, last, days);
    for (d, label) in ticks {
        let x = x_of(d);
        svg.line(
            x,
            plot.y1,
            x,
            plot.y1 + 14.0 * u,
            &format!("stroke=\"#444444\" stroke-width=\"{:.1}\"", 2.0 * u),
        );
        svg.text(
            x,
            plot.y1 + 14.0 * u + size * 1.1,
            TextStyle::new(size).anchor(Anchor::Middle),
            &label,
        );
    }
}

/// Round dates between `first` and `last`, at most about ten.
fn ticks(first: NaiveDate, last: NaiveDate, days: i64) -> Vec<(NaiveDate, String)> {
    let mut out = Vec::new();
    if days <= 70 {
        let step = if days <= 10 { 1 } else { 7 };
        let mut d = first;
        while d <= last {
            out.push((d, d.format("%Y-%m-%d").to_string()));
            d = d + chrono::Days::new(step);
        }
        return out;
    }
    let months = days / 30;
    let step: u32 = match months {
        0..=10 => 1,
        11..=30 => 3,
        31..=60 => 6,
        61..=120 => 12,
        121..=240 => 24,
        _ => 60,
    };
    let mut d = NaiveDate::from_ymd_opt(first.year(), first.month(), 1)
        .expect("the first of a month exists");
    while d <= last {
        let on_step = if step >= 12 {
            d.month() == 1
                && d.year()
                    .rem_euclid(i32::try_from(step / 12).expect("small step"))
                    == 0
        } else {
            (d.month() - 1) % step == 0
        };
        if d >= first && on_step {
            let label = if step >= 12 {
                d.format("%Y").to_string()
            } else {
                d.format("%Y-%m").to_string()
            };
            out.push((d, label));
        }
        d = d
            .checked_add_months(Months::new(1))
            .unwrap_or(last + chrono::Days::new(1));
    }
    out
}

/// Rows of event labels above the plot, and their font size (page units).
const EVENT_ROWS: u8 = 3;
const EVENT_SIZE: f64 = 24.0;

#[allow(clippy::too_many_arguments)]
fn events(
    svg: &mut Svg,
    events: &[ChartEvent],
    first: NaiveDate,
    last: NaiveDate,
    plot: Rect,
    page_right: f64,
    u: f64,
    x_of: &dyn Fn(NaiveDate) -> f64,
) {
    let size = EVENT_SIZE * u;
    let mut rows_end = [f64::NEG_INFINITY; EVENT_ROWS as usize];
    let mut sorted: Vec<&ChartEvent> = events
        .iter()
        .filter(|e| e.date >= first && e.date <= last)
        .collect();
    sorted.sort_by_key(|e| e.date);
    let band_bottom = plot.y0 - 70.0 * u;
    for e in sorted {
        let x = x_of(e.date);
        svg.line(
            x,
            plot.y0,
            x,
            plot.y1,
            &format!(
                "stroke=\"#333333\" stroke-width=\"{:.1}\" stroke-dasharray=\"{:.1} {:.1}\"",
                2.0 * u,
                8.0 * u,
                6.0 * u
            ),
        );
        // The label goes in the lowest row with room; an event with no room keeps its line.
        let w = text::width(&e.label, size, false);
        let Some(row) = rows_end.iter().position(|&end| end < x - 8.0 * u) else {
            continue;
        };
        if x + w > page_right {
            continue;
        }
        rows_end[row] = x + w;
        let y = band_bottom - f64::from(u8::try_from(row).expect("three rows")) * size * 1.3;
        svg.line(
            x,
            y + 6.0 * u,
            x,
            plot.y0,
            &format!("stroke=\"#999999\" stroke-width=\"{:.1}\"", 1.5 * u),
        );
        svg.text(x, y, TextStyle::new(size).halo(size * 0.2), &e.label);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    #[test]
    fn a_decade_gets_yearly_or_biennial_ticks() {
        let t = ticks(
            day(2014, 3, 5),
            day(2024, 12, 1),
            (day(2024, 12, 1) - day(2014, 3, 5)).num_days(),
        );
        assert!(t.len() >= 5 && t.len() <= 11, "{t:?}");
        assert!(t.iter().all(|(d, _)| d.month() == 1 && d.day() == 1));
    }

    #[test]
    fn a_few_days_get_daily_ticks() {
        let t = ticks(day(2020, 3, 1), day(2020, 3, 5), 4);
        assert_eq!(t.len(), 5);
        assert_eq!(t[0].1, "2020-03-01");
    }
}
