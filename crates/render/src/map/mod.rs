//! The map page: title block, map frame, legend panel, change table and attribution.
//!
//! [`map_svg`] lays the page out ([`layout`]), fits the projection to everything drawn, then
//! writes the blocks in order: the head (title, description, patterns), the map frame
//! ([`layers`]), the title block, the side panel ([`legend`], [`presence`],
//! [`change_table`]) and the attribution.

mod change_table;
mod layers;
mod layout;
mod legend;
mod places;
mod presence;
mod scale_bar;

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::colour::Colour;
use crate::error::{RenderError, Result};
use crate::page::PageSize;
use crate::projection::{Extent, Projection, Rect};
use crate::scene::{Fill, MapScene};
use crate::svg::{Anchor, Stripes, Svg, TextStyle, UNKNOWN_TONE};
use crate::text::{self, Words};
use layout::Layout;

pub(crate) const INK: Colour = Colour::rgb(0x1a, 0x1a, 0x1a);
pub(crate) const GREY: Colour = Colour::rgb(0x55, 0x55, 0x55);

/// Renders a map scene as SVG text.
///
/// The SVG's view box is in pixels of the page (300 dpi for paper sizes), its `width` and
/// `height` carry the physical size, and every text names the embedded DejaVu Sans.
///
/// # Errors
/// [`RenderError::NothingToDraw`] when neither the boundary, the areas nor the places have a
/// finite coordinate.
pub fn map_svg(scene: &MapScene, page: PageSize) -> Result<String> {
    let words = Words::of(scene.language);
    let layout = Layout::of(scene, page, &words);
    let proj = Projection::fit(&extent(scene), layout.frame).ok_or_else(|| {
        RenderError::NothingToDraw {
            title: scene.title.clone(),
        }
    })?;
    let mut svg = Svg::new(
        layout.w,
        layout.h,
        page.paper_mm(),
        256 + scene.places.len() * 120,
    );
    head(&mut svg, scene, &layout, &words);
    layers::map_frame(&mut svg, scene, &proj, &layout, &words);
    title_block(&mut svg, scene, &layout, &words);
    side_panel(&mut svg, scene, &layout, &words);
    attribution(&mut svg, &layout);
    Ok(svg.finish())
}

/// The extent of everything drawn, so that nothing needs clipping to the frame (a clip path
/// would cost a page-sized layer when rasterising).
fn extent(scene: &MapScene) -> Extent {
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
    for s in &scene.presence {
        extent.add(s.lon, s.lat);
    }
    extent
}

/// The SVG's title and description, the white page, and the patterns the map uses.
fn head(svg: &mut Svg, scene: &MapScene, layout: &Layout, words: &Words) {
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
    svg.rect(0.0, 0.0, layout.wf, layout.hf, "fill=\"#ffffff\"");
    defs(svg, scene, layout.u);
}

/// The title with its date, then the method and denominator lines, each shrunk to the page.
fn title_block(svg: &mut Svg, scene: &MapScene, layout: &Layout, words: &Words) {
    let (side, margin) = (layout.side, layout.margin);
    let title = format!("{} — {}", scene.title, words.as_of);
    let line_room = layout.wf - 2.0 * margin;
    let title_style = TextStyle::new(text::shrink(
        &format!("{title} {}", scene.as_of),
        layout.title_size,
        true,
        line_room,
    ))
    .bold();
    text_then_date(
        svg,
        side,
        margin,
        layout.title_base,
        title_style,
        &title,
        &scene.as_of,
    );
    for (base, line, colour) in [
        (layout.method_base, &scene.method, INK),
        (layout.denominator_base, &scene.denominator, GREY),
    ] {
        let size = text::shrink(line, layout.line_size, false, line_room);
        let line = text::fit(line, size, false, line_room);
        side.text(
            svg,
            margin,
            base,
            TextStyle::new(size).colour(colour),
            &line,
        );
    }
}

/// The side panel: the legend, then the change table if the map shows a change.
fn side_panel(svg: &mut Svg, scene: &MapScene, layout: &Layout, words: &Words) {
    let u = layout.u;
    let panel = Rect {
        x0: layout.panel_x0,
        y0: layout.frame_top,
        x1: layout.wf - layout.margin,
        y1: layout.frame.y1,
    };
    let y = legend::legend(
        svg,
        layout.side,
        &scene.legend,
        !scene.front_lines.0.is_empty(),
        panel,
        u,
        words,
    );
    let y = presence::legend(svg, layout.side, scene, y, panel, u, words);
    if let Some(change) = &scene.change {
        change_table::change_table(
            svg,
            layout.side,
            change,
            Rect {
                y0: y + 50.0 * u,
                ..panel
            },
            u,
            words,
        );
    }
}

/// The attribution lines at the foot of the page.
fn attribution(svg: &mut Svg, layout: &Layout) {
    let (margin, source_size) = (layout.margin, layout.source_size);
    let room = layout.wf - 2.0 * margin;
    let mut y = layout.hf - layout.foot + source_size;
    for line in &layout.sources {
        let size = text::shrink(line, source_size, false, room);
        let line = text::fit(line, size, false, room);
        layout
            .side
            .text(svg, margin, y, TextStyle::new(size).colour(GREY), &line);
        y += source_size * 1.35;
    }
}

/// Where the page's layout goes: as laid out for a left-to-right page, or mirrored across the
/// page for a right-to-left one, so that an Arabic page starts at its right edge. Only the
/// layout is mirrored (frame, panel, title, legend, tables): never the map inside the frame.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Side {
    pub(crate) page_width: f64,
    pub(crate) rtl: bool,
}

impl Side {
    /// A left-to-right x on this page.
    pub(crate) fn x(self, x: f64) -> f64 {
        if self.rtl { self.page_width - x } else { x }
    }

    /// A left-to-right rectangle on this page.
    pub(crate) fn rect(self, r: Rect) -> Rect {
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
    pub(crate) fn rect_at(self, svg: &mut Svg, x: f64, y: f64, w: f64, h: f64, attrs: &str) {
        let x = if self.rtl { self.page_width - x - w } else { x };
        svg.rect(x, y, w, h, attrs);
    }

    /// A line between left-to-right x positions.
    pub(crate) fn line(self, svg: &mut Svg, x0: f64, y0: f64, x1: f64, y1: f64, attrs: &str) {
        svg.line(self.x(x0), y0, self.x(x1), y1, attrs);
    }

    /// Text anchored at a left-to-right x: a start becomes an end when mirrored.
    pub(crate) fn text(self, svg: &mut Svg, x: f64, y: f64, style: TextStyle, content: &str) {
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
