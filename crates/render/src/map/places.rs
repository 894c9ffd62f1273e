//! Places: dots sized by population, labels placed greedily, and region names where room is left.

use crate::colour::Colour;
use crate::labels::{LabelRequest, Placer};
use crate::projection::{Projection, Rect};
use crate::scene::{MapScene, PlaceMark};
use crate::svg::{Anchor, Svg, TextStyle};
use crate::text;

/// Region names, small and grey, at the centre of each region's box, where no place label is.
pub(super) fn region_names(
    svg: &mut Svg,
    scene: &MapScene,
    proj: &Projection,
    placer: &mut Placer,
    u: f64,
) {
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

pub(super) fn places(
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
                tall: text::is_rtl(&m.label),
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
