//! The map page: title block, map frame, legend panel, change table and attribution.

mod change_table;
mod legend;
mod places;
mod scale_bar;

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::colour::Colour;
use crate::error::{RenderError, Result};
use crate::labels::Placer;

use crate::page::PageSize;
use crate::projection::{Extent, Projection, Rect};
use crate::scene::{Fill, Language, MapScene};
use crate::svg::{Anchor, Stripes, Svg, TextStyle, UNKNOWN_TONE};
use crate::text::{self, Words};
use scale_bar::ScaleBar;

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
    // An Arabic page reads from the right: the map frame and the panel swap sides.
    let side = Side {
        page_width: wf,
        rtl: scene.language == Language::Ar,
    };
    let frame = side.rect(Rect {
        x0: margin,
        y0: frame_top,
        x1: wf * 0.68,
        y1: hf - foot - 20.0 * u,
    });

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
    let _ = writeln!(
        svg.out,
        "<desc>{} {}</desc>",
        text::escape(&scene.method),
        text::escape(&scene.denominator)
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
    // Violent events: translucent dots whose area grows with deaths, under the places.
    for e in scene
        .events
        .iter()
        .filter(|e| e.lon.is_finite() && e.lat.is_finite())
    {
        let (x, y) = proj.project(e.lon, e.lat);
        let r = (f64::from(e.deaths.max(1))).sqrt() * 3.0 * u;
        svg.raw(&format!(
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\" fill=\"#7a0019\" fill-opacity=\"0.35\" stroke=\"#7a0019\" stroke-width=\"{:.1}\"/>\n",
            1.5 * u
        ));
    }
    let mut placer = Placer::new(frame, 30.0 * u);
    let projected: Vec<(f64, f64)> = scene
        .places
        .iter()
        .filter(|p| p.lon.is_finite() && p.lat.is_finite())
        .map(|p| proj.project(p.lon, p.lat))
        .collect();
    let bar = ScaleBar::fit(&proj, frame, u, &words, &projected);
    placer.claim(bar.area);
    places::places(&mut svg, &scene.places, &proj, frame, &mut placer, u);
    places::region_names(&mut svg, scene, &proj, &mut placer, u);
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
    bar.draw(&mut svg, &proj, &words);

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
        side,
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
        side.text(
            &mut svg,
            margin,
            base,
            TextStyle::new(size).colour(colour),
            &line,
        );
    }

    // Side panel.
    let panel = Rect {
        x0: panel_x0,
        y0: frame_top,
        x1: wf - margin,
        y1: frame.y1,
    };
    let y = legend::legend(
        &mut svg,
        side,
        &scene.legend,
        !scene.front_lines.0.is_empty(),
        panel,
        u,
        &words,
    );
    if let Some(change) = &scene.change {
        change_table::change_table(
            &mut svg,
            side,
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
        side.text(
            &mut svg,
            margin,
            y,
            TextStyle::new(size).colour(GREY),
            &line,
        );
        y += source_size * 1.35;
    }
    Ok(svg.finish())
}

/// Where the page's layout goes: as laid out for a left-to-right page, or mirrored across the
/// page for a right-to-left one, so that an Arabic page starts at its right edge. Only the
/// layout is mirrored (frame, panel, title, legend, tables): never the map inside the frame.
#[derive(Debug, Clone, Copy)]
struct Side {
    page_width: f64,
    rtl: bool,
}

impl Side {
    /// A left-to-right x on this page.
    fn x(self, x: f64) -> f64 {
        if self.rtl { self.page_width - x } else { x }
    }

    /// A left-to-right rectangle on this page.
    fn rect(self, r: Rect) -> Rect {
        if self.rtl {
            Rect {
                x0: self.page_width - r.x1,
                x1: self.page_width - r.x0,
                ..r
            }
        } else {
            r
        }
    }

    /// A rectangle drawn from its left-to-right corner `x` and width `w`.
    fn rect_at(self, svg: &mut Svg, x: f64, y: f64, w: f64, h: f64, attrs: &str) {
        let x = if self.rtl { self.page_width - x - w } else { x };
        svg.rect(x, y, w, h, attrs);
    }

    /// A line between left-to-right x positions.
    fn line(self, svg: &mut Svg, x0: f64, y0: f64, x1: f64, y1: f64, attrs: &str) {
        svg.line(self.x(x0), y0, self.x(x1), y1, attrs);
    }

    /// Text anchored at a left-to-right x: a start becomes an end when mirrored.
    fn text(self, svg: &mut Svg, x: f64, y: f64, style: TextStyle, content: &str) {
        let anchor = match (self.rtl, style.anchor) {
            (true, Anchor::Start) => Anchor::End,
            (true, Anchor::End) => Anchor::Start,
            (_, anchor) => anchor,
        };
        svg.text(self.x(x), y, style.anchor(anchor), content);
    }
}

/// Writes "TEXT DATE" from the left-to-right `x` (mirrored on a right-to-left page). Right-to-
/// left text gets the date as its own element with the text after it in reading order, so no
/// renderer's bidi handling can reorder its digits (resvg turns `2020-03-15` into
/// `15-03-2020` inside Arabic text).
fn text_then_date(
    svg: &mut Svg,
    side: Side,
    x: f64,
    y: f64,
    style: TextStyle,
    lead: &str,
    date: &str,
) {
    let gap = text::width(" ", style.size, style.bold);
    let (lead_w, date_w) = (
        text::width(lead, style.size, style.bold),
        text::width(date, style.size, style.bold),
    );
    // The left edge of the whole line.
    let left = if side.rtl {
        side.x(x) - (lead_w + gap + date_w)
    } else {
        x
    };
    if text::is_rtl(lead) {
        svg.text(left, y, style, date);
        svg.text(left + date_w + gap, y, style, lead);
    } else {
        svg.text(left, y, style, &format!("{lead} {date}"));
    }
}

fn fill_attr(fill: Fill) -> String {
    match fill {
        Fill::Solid(c) => format!("fill=\"{c}\""),
        Fill::Hatch(a, b) => format!("fill=\"url(#{})\"", Svg::hatch_id(Stripes::Contested, a, b)),
        Fill::Joint(a, b) => format!("fill=\"url(#{})\"", Svg::hatch_id(Stripes::Joint, a, b)),
        Fill::Unknown => format!("fill=\"{UNKNOWN_TONE}\""),
    }
}

/// Every stripe pattern the scene uses, each once.
fn defs(svg: &mut Svg, scene: &MapScene, u: f64) {
    svg.raw("<defs>\n");
    let hatches: BTreeSet<(Stripes, Colour, Colour)> = scene
        .areas
        .iter()
        .map(|a| a.fill)
        .chain(scene.legend.iter().map(|r| r.fill))
        .filter_map(|f| match f {
            Fill::Hatch(a, b) => Some((Stripes::Contested, a, b)),
            Fill::Joint(a, b) => Some((Stripes::Joint, a, b)),
            Fill::Solid(_) | Fill::Unknown => None,
        })
        .collect();
    for (kind, a, b) in hatches {
        svg.hatch_pattern(kind, a, b, 30.0 * u);
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
