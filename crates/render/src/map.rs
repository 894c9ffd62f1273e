//! The map page: title block, map frame, legend panel, change table and attribution.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::colour::Colour;
use crate::error::{RenderError, Result};
use crate::labels::{LabelRequest, Placer};
use crate::page::PageSize;
use crate::projection::{Extent, Projection, Rect};
use crate::scene::{ChangeOverlay, Fill, LegendRow, MapScene, PlaceMark};
use crate::svg::{Anchor, Svg, TextStyle, UNKNOWN_TONE};
use crate::text::{self, Words};

const INK: Colour = Colour::rgb(0x1a, 0x1a, 0x1a);
const GREY: Colour = Colour::rgb(0x55, 0x55, 0x55);

/// Renders a map scene as SVG text.
///
/// The SVG's view box is in pixels of the page (300 dpi for paper sizes), its `width` and
/// `height` carry the physical size, and every text names the embedded DejaVu Sans.
///
/// # Errors
/// [`RenderError::NothingToDraw`] when neither the boundary, the areas nor the places have a
/// finite coordinate.
pub fn map_svg(scene: &MapScene, page: PageSize) -> Result<String> {
    let (w, h) = page.size_px();
    let (wf, hf) = (f64::from(w), f64::from(h));
    let u = (wf / 3508.0).min(hf / 2480.0);
    let words = Words::of(scene.language);
    let margin = 90.0 * u;

    // Title block.
    let title_size = 92.0 * u;
    let line_size = 38.0 * u;
    let title_base = margin + title_size;
    let method_base = title_base + line_size * 1.7;
    let denominator_base = method_base + line_size * 1.35;
    let frame_top = denominator_base + line_size * 0.9;

    // Attribution block at the foot of the page.
    let source_size = 28.0 * u;
    let sources = text::attribution(&scene.attribution, &words, source_size, wf - 2.0 * margin);
    #[allow(clippy::cast_precision_loss)]
    let foot = margin + sources.len() as f64 * source_size * 1.35;
    let panel_x0 = wf * 0.68 + 50.0 * u;
    let frame = Rect {
        x0: margin,
        y0: frame_top,
        x1: wf * 0.68,
        y1: hf - foot - 20.0 * u,
    };

    // The extent holds everything drawn, so nothing needs clipping to the frame (a clip path
    // would cost a page-sized layer when rasterising).
    let mut extent = Extent::default();
    extent.add_polygons(&scene.boundary);
    for a in &scene.areas {
        extent.add_polygons(&a.geometry);
    }
    for r in &scene.regions {
        extent.add_polygons(&r.geometry);
    }
    for l in &scene.front_lines.0 {
        for c in &l.0 {
            extent.add(c.x, c.y);
        }
    }
    if let Some(change) = &scene.change {
        for g in &change.gains {
            extent.add_polygons(&g.geometry);
        }
    }
    for p in &scene.places {
        extent.add(p.lon, p.lat);
    }
    let proj = Projection::fit(&extent, frame).ok_or_else(|| RenderError::NothingToDraw {
        title: scene.title.clone(),
    })?;

    let mut svg = Svg::new(w, h, page.paper_mm(), 256 + scene.places.len() * 120);
    let _ = writeln!(
        svg.out,
        "<title>{} — {} {}</title>",
        text::escape(&scene.title),
        words.as_of,
        text::escape(&scene.as_of)
    );
    svg.rect(0.0, 0.0, wf, hf, "fill=\"#ffffff\"");
    defs(&mut svg, scene, u);

    // The map frame.
    svg.raw("<g>\n");
    svg.polygons(&scene.boundary, &proj, &format!("fill=\"{UNKNOWN_TONE}\""));
    for area in &scene.areas {
        svg.polygons(&area.geometry, &proj, &fill_attr(area.fill));
    }
    if let Some(change) = &scene.change {
        for g in &change.gains {
            let id = Svg::gain_id(g.gainer, g.loser);
            let stroke = 3.0 * u;
            svg.polygons(
                &g.geometry,
                &proj,
                &format!("fill=\"url(#{id})\" stroke=\"#000000\" stroke-width=\"{stroke:.1}\""),
            );
        }
    }
    for region in &scene.regions {
        svg.polygons(
            &region.geometry,
            &proj,
            &format!(
                "fill=\"none\" stroke=\"#6e6e6e\" stroke-width=\"{:.1}\" stroke-dasharray=\"{:.1} {:.1}\"",
                2.5 * u,
                14.0 * u,
                7.0 * u
            ),
        );
    }
    svg.polygons(
        &scene.boundary,
        &proj,
        &format!(
            "fill=\"none\" stroke=\"#222222\" stroke-width=\"{:.1}\" stroke-linejoin=\"round\"",
            6.0 * u
        ),
    );
    svg.lines(
        &scene.front_lines,
        &proj,
        &format!("stroke=\"#ffffff\" stroke-width=\"{:.1}\" stroke-linejoin=\"round\" stroke-linecap=\"round\"", 12.0 * u),
    );
    svg.lines(
        &scene.front_lines,
        &proj,
        &format!("stroke=\"#111111\" stroke-width=\"{:.1}\" stroke-linejoin=\"round\" stroke-linecap=\"round\"", 7.0 * u),
    );
    let mut placer = Placer::new(frame, 30.0 * u);
    places(&mut svg, &scene.places, &proj, frame, &mut placer, u);
    region_names(&mut svg, scene, &proj, &mut placer, u);
    svg.raw("</g>\n");
    svg.rect(
        frame.x0,
        frame.y0,
        frame.width(),
        frame.height(),
        &format!(
            "fill=\"none\" stroke=\"#222222\" stroke-width=\"{:.1}\"",
            3.0 * u
        ),
    );
    scale_bar(&mut svg, &proj, frame, u, &words);

    // Title block.
    let title = format!("{} — {}", scene.title, words.as_of);
    let line_room = wf - 2.0 * margin;
    let title_style = TextStyle::new(text::shrink(
        &format!("{title} {}", scene.as_of),
        title_size,
        true,
        line_room,
    ))
    .bold();
    text_then_date(
        &mut svg,
        margin,
        title_base,
        title_style,
        &title,
        &scene.as_of,
    );
    for (base, line, colour) in [
        (method_base, &scene.method, INK),
        (denominator_base, &scene.denominator, GREY),
    ] {
        let size = text::shrink(line, line_size, false, line_room);
        let line = text::fit(line, size, false, line_room);
        svg.text(margin, base, TextStyle::new(size).colour(colour), &line);
    }

    // Side panel.
    let panel = Rect {
        x0: panel_x0,
        y0: frame_top,
        x1: wf - margin,
        y1: frame.y1,
    };
    let y = legend(
        &mut svg,
        &scene.legend,
        !scene.front_lines.0.is_empty(),
        panel,
        u,
        &words,
    );
    if let Some(change) = &scene.change {
        change_table(
            &mut svg,
            change,
            Rect {
                y0: y + 50.0 * u,
                ..panel
            },
            u,
            &words,
        );
    }

    // Attribution.
    let mut y = hf - foot + source_size;
    for line in &sources {
        let size = text::shrink(line, source_size, false, wf - 2.0 * margin);
        let line = text::fit(line, size, false, wf - 2.0 * margin);
        svg.text(margin, y, TextStyle::new(size).colour(GREY), &line);
        y += source_size * 1.35;
    }
    Ok(svg.finish())
}

/// Writes "TEXT DATE" starting at `x`. Right-to-left text gets the date as its own element at
/// `x` with the text to its right, so the date ends the line in reading order and no renderer's
/// bidi handling can reorder its digits (resvg turns `2020-03-15` into `15-03-2020` inside
/// Arabic text).
fn text_then_date(svg: &mut Svg, x: f64, y: f64, style: TextStyle, lead: &str, date: &str) {
    if text::is_rtl(lead) {
        svg.text(x, y, style, date);
        let gap = text::width(" ", style.size, style.bold);
        svg.text(
            x + text::width(date, style.size, style.bold) + gap,
            y,
            style,
            lead,
        );
    } else {
        svg.text(x, y, style, &format!("{lead} {date}"));
    }
}

fn fill_attr(fill: Fill) -> String {
    match fill {
        Fill::Solid(c) => format!("fill=\"{c}\""),
        Fill::Hatch(a, b) => format!("fill=\"url(#{})\"", Svg::hatch_id(a, b)),
        Fill::Unknown => format!("fill=\"{UNKNOWN_TONE}\""),
    }
}

/// Every stripe pattern the scene uses, each once.
fn defs(svg: &mut Svg, scene: &MapScene, u: f64) {
    svg.raw("<defs>\n");
    let hatches: BTreeSet<(Colour, Colour)> = scene
        .areas
        .iter()
        .map(|a| a.fill)
        .chain(scene.legend.iter().map(|r| r.fill))
        .filter_map(|f| match f {
            Fill::Hatch(a, b) => Some((a, b)),
            _ => None,
        })
        .collect();
    for (a, b) in hatches {
        svg.hatch_pattern(a, b, 30.0 * u);
    }
    if let Some(change) = &scene.change {
        let gains: BTreeSet<(Colour, Colour)> =
            change.gains.iter().map(|g| (g.gainer, g.loser)).collect();
        for (g, l) in gains {
            svg.gain_pattern(g, l, 26.0 * u);
        }
    }
    svg.raw("</defs>\n");
}

/// Region names, small and grey, at the centre of each region's box, where no place label is.
fn region_names(svg: &mut Svg, scene: &MapScene, proj: &Projection, placer: &mut Placer, u: f64) {
    let style = TextStyle::new(26.0 * u)
        .anchor(Anchor::Middle)
        .colour(Colour::rgb(0x70, 0x70, 0x70))
        .halo(5.0 * u);
    for region in &scene.regions {
        let mut extent: Option<(f64, f64, f64, f64)> = None;
        for c in region.geometry.0.iter().flat_map(|p| p.exterior().0.iter()) {
            if !(c.x.is_finite() && c.y.is_finite()) {
                continue;
            }
            let (x, y) = proj.project(c.x, c.y);
            extent = Some(extent.map_or((x, y, x, y), |(a, b, cx, d)| {
                (a.min(x), b.min(y), cx.max(x), d.max(y))
            }));
        }
        if let Some((x0, y0, x1, y1)) = extent {
            let label_w = text::width(&region.name, style.size, false);
            let (cx, cy) = (f64::midpoint(x0, x1), f64::midpoint(y0, y1));
            let room = Rect {
                x0: cx - label_w / 2.0,
                y0: cy - style.size,
                x1: cx + label_w / 2.0,
                y1: cy + style.size * 0.3,
            };
            if label_w < (x1 - x0) * 0.8 && placer.claim(room) {
                svg.text(cx, cy, style, &region.name);
            }
        }
    }
}

/// Dot radius in pixels: logarithmic in population, from 100 people to 10 million.
fn dot_radius(population: Option<u64>, u: f64) -> f64 {
    match population {
        None => 4.0 * u,
        Some(p) => {
            #[allow(clippy::cast_precision_loss)]
            let l = (p.max(100) as f64).log10().min(7.0);
            u * (4.0 + 14.0 * (l - 2.0) / 5.0)
        }
    }
}

fn label_size(population: Option<u64>, u: f64) -> f64 {
    match population {
        Some(p) if p >= 1_000_000 => 44.0 * u,
        Some(p) if p >= 100_000 => 36.0 * u,
        Some(p) if p >= 10_000 => 30.0 * u,
        _ => 26.0 * u,
    }
}

/// Dots may cover at most this share of the map frame; denser maps get smaller dots, so the
/// colours of control stay visible between them.
const MAX_DOT_COVER: f64 = 0.03;

fn places(
    svg: &mut Svg,
    marks: &[PlaceMark],
    proj: &Projection,
    frame: Rect,
    placer: &mut Placer,
    u: f64,
) {
    let mut order: Vec<usize> = (0..marks.len())
        .filter(|&i| marks[i].lon.is_finite() && marks[i].lat.is_finite())
        .collect();
    order.sort_by(|&a, &b| {
        marks[b]
            .population
            .cmp(&marks[a].population)
            .then_with(|| marks[a].label.cmp(&marks[b].label))
    });
    let cover: f64 = order
        .iter()
        .map(|&i| std::f64::consts::PI * dot_radius(marks[i].population, u).powi(2))
        .sum::<f64>()
        / (frame.width() * frame.height());
    let shrink = if cover > MAX_DOT_COVER {
        (MAX_DOT_COVER / cover).sqrt().max(0.3)
    } else {
        1.0
    };
    let requests: Vec<LabelRequest> = order
        .iter()
        .map(|&i| {
            let m = &marks[i];
            let (x, y) = proj.project(m.lon, m.lat);
            let size = label_size(m.population, u);
            LabelRequest {
                x,
                y,
                radius: dot_radius(m.population, u) * shrink,
                width: text::width(&m.label, size, false),
                size,
            }
        })
        .collect();
    let placed: Vec<_> = requests.iter().map(|r| placer.place(r)).collect();
    // Dots as two paths, a dark disc under a white one, rather than thousands of stroked
    // circles: overlapping dots merge into one outlined shape, and rasterising is many times
    // faster.
    let ring = 2.2 * u * shrink.sqrt();
    for (colour, grow) in [("#111111", ring / 2.0), ("#ffffff", -ring / 2.0)] {
        svg.raw("<path fill=\"");
        svg.raw(colour);
        svg.raw("\" d=\"");
        for r in &requests {
            let radius = (r.radius + grow).max(0.5);
            svg.raw("M");
            svg.num(r.x - radius);
            svg.raw(" ");
            svg.num(r.y);
            svg.raw("a");
            svg.num(radius);
            svg.raw(" ");
            svg.num(radius);
            svg.raw(" 0 1 0 ");
            svg.num(2.0 * radius);
            svg.raw(" 0a");
            svg.num(radius);
            svg.raw(" ");
            svg.num(radius);
            svg.raw(" 0 1 0 ");
            svg.num(-2.0 * radius);
            svg.raw(" 0");
        }
        svg.raw("\"/>\n");
    }
    for ((&i, r), p) in order.iter().zip(&requests).zip(&placed) {
        if let Some(p) = p {
            let style = TextStyle::new(r.size)
                .anchor(Anchor::Middle)
                .halo(r.size * 0.22);
            svg.text(p.x, p.baseline, style, &marks[i].label);
        }
    }
}

/// A scale bar of a round length, about a fifth of the frame wide, with the projection note.
fn scale_bar(svg: &mut Svg, proj: &Projection, frame: Rect, u: f64, words: &Words) {
    let kmpp = proj.km_per_px();
    let target_km = frame.width() * 0.2 * kmpp;
    let magnitude = 10f64.powf(target_km.log10().floor());
    let km = [5.0, 2.0, 1.0]
        .iter()
        .map(|f| f * magnitude)
        .find(|&k| k <= target_km)
        .unwrap_or(magnitude);
    let len = km / kmpp;
    let x0 = frame.x0 + 40.0 * u;
    let y0 = frame.y1 - 90.0 * u;
    let bar_h = 12.0 * u;
    let size = 28.0 * u;
    svg.rect(
        x0 - 16.0 * u,
        y0 - size - 24.0 * u,
        len + 32.0 * u + size * 2.5,
        size * 2.7 + bar_h + 40.0 * u,
        "fill=\"#ffffff\" fill-opacity=\"0.85\"",
    );
    for i in 0..4 {
        let seg = len / 4.0;
        let fill = if i % 2 == 0 { "#111111" } else { "#ffffff" };
        svg.rect(
            x0 + f64::from(i) * seg,
            y0,
            seg,
            bar_h,
            &format!(
                "fill=\"{fill}\" stroke=\"#111111\" stroke-width=\"{:.1}\"",
                1.5 * u
            ),
        );
    }
    let style = TextStyle::new(size).anchor(Anchor::Middle);
    svg.text(x0, y0 - 10.0 * u, style, "0");
    svg.text(
        x0 + len,
        y0 - 10.0 * u,
        style,
        &format!("{km} {}", words.km),
    );
    let note = format!("{} {:.1}°", words.projection, proj.standard_parallel());
    svg.text(
        x0,
        y0 + bar_h + size * 1.2,
        TextStyle::new(size * 0.8).colour(GREY),
        &note,
    );
}

/// The legend: a row per party with its swatch and shares; returns the y below it.
fn legend(
    svg: &mut Svg,
    rows: &[LegendRow],
    front: bool,
    panel: Rect,
    u: f64,
    words: &Words,
) -> f64 {
    let head = 40.0 * u;
    // Many rows get smaller type so that the legend fits beside the map.
    #[allow(clippy::cast_precision_loss)]
    let room_per_row = (panel.height() * 0.6 - head * 2.0) / (rows.len() + 1) as f64;
    let size = (32.0 * u).min(room_per_row / 1.9).max(14.0 * u);
    let row_h = size * 1.9;
    let swatch = size * 1.3;
    let col_pop = panel.x1;
    let col_area = panel.x1 - 190.0 * u;
    let label_x = panel.x0 + swatch + 20.0 * u;
    let mut y = panel.y0 + head;
    svg.text(panel.x0, y, TextStyle::new(head).bold(), words.legend);
    let small = TextStyle::new(size * 0.85).colour(GREY).anchor(Anchor::End);
    svg.text(col_area, y, small, &format!("{} %", words.area));
    svg.text(col_pop, y, small, &format!("{} %", words.population));
    y += head * 0.6;
    svg.line(
        panel.x0,
        y,
        panel.x1,
        y,
        &format!("stroke=\"#999999\" stroke-width=\"{:.1}\"", 2.0 * u),
    );
    y += row_h * 0.2;
    if rows.is_empty() {
        y += row_h * 0.7;
        svg.text(
            panel.x0,
            y,
            TextStyle::new(size).colour(GREY),
            words.no_party,
        );
        y += row_h * 0.3;
    }
    let label_room = col_area - 170.0 * u - label_x;
    for row in rows {
        let top = y + (row_h - swatch) / 2.0;
        svg.rect(
            panel.x0,
            top,
            swatch,
            swatch,
            &format!(
                "{} stroke=\"#333333\" stroke-width=\"{:.1}\"",
                fill_attr(row.fill),
                1.5 * u
            ),
        );
        let base = top + swatch * 0.8;
        let label = text::fit(&row.label, size, false, label_room);
        svg.text(label_x, base, TextStyle::new(size), &label);
        svg.text(
            col_area,
            base,
            TextStyle::new(size).anchor(Anchor::End),
            &format!("{:.1}", row.area_pct),
        );
        let pop = row
            .population_pct
            .map_or_else(|| "—".to_owned(), |p| format!("{p:.1}"));
        svg.text(
            col_pop,
            base,
            TextStyle::new(size).anchor(Anchor::End),
            &pop,
        );
        y += row_h;
    }
    if front {
        let mid = y + row_h / 2.0;
        svg.line(
            panel.x0,
            mid,
            panel.x0 + swatch,
            mid,
            &format!("stroke=\"#111111\" stroke-width=\"{:.1}\"", 6.0 * u),
        );
        svg.text(
            label_x,
            mid + size * 0.35,
            TextStyle::new(size),
            words.front_line,
        );
        y += row_h;
    }
    y
}

/// The change legend and the table of the largest changes, as many rows as fit.
fn change_table(svg: &mut Svg, change: &ChangeOverlay, panel: Rect, u: f64, words: &Words) {
    let head = 36.0 * u;
    let size = 24.0 * u;
    let row_h = size * 1.6;
    let mut y = panel.y0 + head;
    text_then_date(
        svg,
        panel.x0,
        y,
        TextStyle::new(head).bold(),
        words.changes_since,
        &change.since,
    );
    y += head * 0.8;
    let mut swatches: Vec<(Colour, Colour)> =
        change.gains.iter().map(|g| (g.gainer, g.loser)).collect();
    swatches.sort();
    swatches.dedup();
    if let Some(&(g, l)) = swatches.first() {
        let sw = size * 1.4;
        svg.rect(
            panel.x0,
            y,
            sw,
            sw,
            &format!(
                "fill=\"url(#{})\" stroke=\"#000000\" stroke-width=\"{:.1}\"",
                Svg::gain_id(g, l),
                2.0 * u
            ),
        );
        svg.text(
            panel.x0 + sw + 16.0 * u,
            y + sw * 0.8,
            TextStyle::new(size),
            words.gained,
        );
        y += sw + row_h * 1.2;
    }
    let width = panel.width();
    let cols = [0.0, 0.27, 0.45, 0.63, 0.8].map(|f| panel.x0 + f * width);
    let room = |i: usize| {
        if i + 1 < cols.len() {
            cols[i + 1] - cols[i] - 10.0 * u
        } else {
            panel.x1 - cols[i]
        }
    };
    let header = [words.place, words.from, words.to, words.date, words.source];
    let bold = TextStyle::new(size).bold();
    for (i, h) in header.iter().enumerate() {
        svg.text(cols[i], y, bold, &text::fit(h, size, true, room(i)));
    }
    y += size * 0.5;
    svg.line(
        panel.x0,
        y,
        panel.x1,
        y,
        &format!("stroke=\"#999999\" stroke-width=\"{:.1}\"", 2.0 * u),
    );
    for row in &change.rows {
        if y + row_h > panel.y1 {
            break;
        }
        y += row_h;
        let cells = [&row.place, &row.from, &row.to, &row.date, &row.source];
        for (i, c) in cells.iter().enumerate() {
            svg.text(
                cols[i],
                y,
                TextStyle::new(size),
                &text::fit(c, size, false, room(i)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dots_grow_with_population_and_unknown_population_gets_the_smallest() {
        let sizes: Vec<f64> = [None, Some(50), Some(1_000), Some(100_000), Some(5_000_000)]
            .into_iter()
            .map(|p| dot_radius(p, 1.0))
            .collect();
        assert!(sizes.windows(2).skip(1).all(|w| w[0] < w[1]), "{sizes:?}");
        assert!(sizes[0] <= sizes[1]);
        assert!(dot_radius(Some(u64::MAX), 1.0) <= 18.0 + 1e-9);
    }
}
