//! Foreign forces' sites: a symbol per force over the areas, and the legend's rows for them.
//!
//! Presence is never control, so it never paints land: each site is a small shape in the
//! force's colour with a dark outline inside a white halo, a shape of its own per force
//! (diamond, triangle, square, ...) so that forces differ in greyscale and no symbol reads
//! as a patch of a party's land.

use std::f64::consts::PI;
use std::fmt::Write as _;

use crate::colour::Colour;
use crate::labels::Placer;
use crate::projection::{Projection, Rect};
use crate::scene::{MapScene, SiteMark};
use crate::svg::{Svg, TextStyle};
use crate::text::{self, Words};

use super::Side;

/// The shapes given to forces in the order they first appear, then again.
const SHAPES: [Shape; 6] = [
    Shape::Diamond,
    Shape::TriangleUp,
    Shape::Square,
    Shape::TriangleDown,
    Shape::Pentagon,
    Shape::Hexagon,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Diamond,
    TriangleUp,
    Square,
    TriangleDown,
    Pentagon,
    Hexagon,
}

impl Shape {
    /// The corners of the shape of radius `r` around (`x`, `y`).
    fn corners(self, x: f64, y: f64, r: f64) -> Vec<(f64, f64)> {
        let regular = |n: u32, start: f64, r: f64| -> Vec<(f64, f64)> {
            (0..n)
                .map(|i| {
                    let a = start + 2.0 * PI * f64::from(i) / f64::from(n);
                    (x + r * a.cos(), y + r * a.sin())
                })
                .collect()
        };
        match self {
            Self::Diamond => regular(4, -PI / 2.0, r * 1.15),
            Self::TriangleUp => regular(3, -PI / 2.0, r * 1.25),
            Self::Square => regular(4, PI / 4.0, r * 1.1),
            Self::TriangleDown => regular(3, PI / 2.0, r * 1.25),
            Self::Pentagon => regular(5, -PI / 2.0, r * 1.1),
            Self::Hexagon => regular(6, 0.0, r * 1.05),
        }
    }
}

/// The forces of the scene's sites, each once, in the order they first appear: the legend's
/// rows and the index of each force's shape.
fn forces(sites: &[SiteMark]) -> Vec<(&str, Colour)> {
    let mut forces: Vec<(&str, Colour)> = Vec::new();
    for s in sites {
        if !forces.iter().any(|(name, _)| *name == s.force) {
            forces.push((&s.force, s.colour));
        }
    }
    forces
}

/// One symbol: a white halo, then the shape in the force's colour outlined in near-black.
fn symbol(svg: &mut Svg, shape: Shape, x: f64, y: f64, r: f64, colour: Colour, u: f64) {
    let mut d = String::new();
    for (i, (px, py)) in shape.corners(x, y, r).into_iter().enumerate() {
        let _ = write!(d, "{}{px:.1} {py:.1}", if i == 0 { "M" } else { "L" });
    }
    d.push('Z');
    let _ = writeln!(
        svg.out,
        "<path d=\"{d}\" fill=\"{colour}\" stroke=\"#ffffff\" stroke-width=\"{:.1}\" stroke-linejoin=\"round\" paint-order=\"stroke\"/>\n<path d=\"{d}\" fill=\"none\" stroke=\"#111111\" stroke-width=\"{:.1}\" stroke-linejoin=\"round\"/>",
        7.0 * u,
        2.5 * u
    );
}

/// The radius of a site's symbol on the map.
fn radius(u: f64) -> f64 {
    17.0 * u
}

/// Keeps labels off the sites' symbols (called before the places are labelled).
pub(super) fn reserve(scene: &MapScene, proj: &Projection, placer: &mut Placer, u: f64) {
    let r = radius(u) * 1.3;
    for s in scene
        .presence
        .iter()
        .filter(|s| s.lon.is_finite() && s.lat.is_finite())
    {
        let (x, y) = proj.project(s.lon, s.lat);
        placer.block(Rect {
            x0: x - r,
            y0: y - r,
            x1: x + r,
            y1: y + r,
        });
    }
}

/// The sites' symbols, over the areas and the places.
pub(super) fn symbols(svg: &mut Svg, scene: &MapScene, proj: &Projection, u: f64) {
    if scene.presence.is_empty() {
        return;
    }
    let forces = forces(&scene.presence);
    svg.raw("<g class=\"presence\">\n");
    for s in scene
        .presence
        .iter()
        .filter(|s| s.lon.is_finite() && s.lat.is_finite())
    {
        let i = forces
            .iter()
            .position(|(name, _)| *name == s.force)
            .expect("every site's force is among the forces");
        let (x, y) = proj.project(s.lon, s.lat);
        symbol(svg, SHAPES[i % SHAPES.len()], x, y, radius(u), s.colour, u);
    }
    svg.raw("</g>\n");
}

/// The legend's section on foreign forces, from `y` down: a heading that says presence is
/// not control, then a row per force with its symbol. Returns the y below it (`y` itself
/// when the map shows no site).
pub(super) fn legend(
    svg: &mut Svg,
    side: Side,
    scene: &MapScene,
    y: f64,
    panel: Rect,
    u: f64,
    words: &Words,
) -> f64 {
    let forces = forces(&scene.presence);
    if forces.is_empty() {
        return y;
    }
    let size = 28.0 * u;
    let row_h = size * 1.8;
    let r = size * 0.55;
    let label_x = panel.x0 + size * 1.3 + 20.0 * u;
    let room = panel.width() - (label_x - panel.x0);
    let mut y = y + row_h * 0.9;
    svg.raw("<g class=\"presence-legend\">\n");
    for line in text::wrap(words.presence, size, true, panel.width(), 2) {
        side.text(svg, panel.x0, y, TextStyle::new(size).bold(), &line);
        y += size * 1.2;
    }
    for (i, (name, colour)) in forces.iter().enumerate() {
        let mid = y + row_h / 2.0 - size * 0.3;
        let x = side.x(panel.x0 + size * 0.65);
        symbol(svg, SHAPES[i % SHAPES.len()], x, mid, r, *colour, u * 0.6);
        let label = text::fit(name, size, false, room);
        side.text(
            svg,
            label_x,
            mid + size * 0.35,
            TextStyle::new(size),
            &label,
        );
        y += row_h;
    }
    svg.raw("</g>\n");
    y
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(force: &str) -> SiteMark {
        SiteMark {
            lon: 36.0,
            lat: 35.0,
            force: force.into(),
            colour: Colour::rgb(1, 2, 3),
        }
    }

    #[test]
    fn each_force_is_listed_once_in_the_order_it_first_appears() {
        let sites = [site("Russia"), site("Turkey"), site("Russia"), site("Iran")];
        let names: Vec<&str> = forces(&sites).into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["Russia", "Turkey", "Iran"]);
    }

    #[test]
    fn every_shape_is_closed_around_its_centre() {
        for shape in SHAPES {
            let corners = shape.corners(10.0, 20.0, 5.0);
            assert!(corners.len() >= 3, "{shape:?}");
            for (x, y) in corners {
                let d = ((x - 10.0).powi(2) + (y - 20.0).powi(2)).sqrt();
                assert!(d > 4.0 && d < 7.0, "{shape:?}: {d}");
            }
        }
    }
}
