//! The map inside the frame, layer by layer: fills, outlines and front lines, violent events,
//! then places, region names, foreign forces' sites and the scale bar.

use super::layout::Layout;
use super::scale_bar::ScaleBar;
use super::{fill_attr, places, presence};
use crate::labels::Placer;
use crate::projection::{Projection, Rect};
use crate::scene::MapScene;
use crate::svg::{Svg, UNKNOWN_TONE};
use crate::text::Words;

/// Draws the map frame: its layers (within the extent, so that nothing needs clipping), then
/// its border and the scale bar.
pub(super) fn map_frame(
    svg: &mut Svg,
    scene: &MapScene,
    proj: &Projection,
    layout: &Layout,
    words: &Words,
) {
    let (u, frame) = (layout.u, layout.frame);
    svg.raw("<g>\n");
    fills(svg, scene, proj, u);
    outlines(svg, scene, proj, u);
    events(svg, scene, proj, u);
    let bar = places_and_names(svg, scene, proj, frame, u, words);
    presence::symbols(svg, scene, proj, u);
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
    bar.draw(svg, proj, words);
}

/// The boundary in the unknown tone, each area in its fill, and the hatched gains of a change.
fn fills(svg: &mut Svg, scene: &MapScene, proj: &Projection, u: f64) {
    svg.polygons(&scene.boundary, proj, &format!("fill=\"{UNKNOWN_TONE}\""));
    for area in &scene.areas {
        svg.polygons(&area.geometry, proj, &fill_attr(area.fill));
    }
    if let Some(change) = &scene.change {
        for g in &change.gains {
            let id = Svg::gain_id(g.gainer, g.loser);
            let stroke = 3.0 * u;
            svg.polygons(
                &g.geometry,
                proj,
                &format!("fill=\"url(#{id})\" stroke=\"#000000\" stroke-width=\"{stroke:.1}\""),
            );
        }
    }
}

/// Region borders (dashed), the boundary's outline, and the front lines (black on white).
fn outlines(svg: &mut Svg, scene: &MapScene, proj: &Projection, u: f64) {
    for region in &scene.regions {
        svg.polygons(
            &region.geometry,
            proj,
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
        proj,
        &format!(
            "fill=\"none\" stroke=\"#222222\" stroke-width=\"{:.1}\" stroke-linejoin=\"round\"",
            6.0 * u
        ),
    );
    svg.lines(
        &scene.front_lines,
        proj,
        &format!("stroke=\"#ffffff\" stroke-width=\"{:.1}\" stroke-linejoin=\"round\" stroke-linecap=\"round\"", 12.0 * u),
    );
    svg.lines(
        &scene.front_lines,
        proj,
        &format!("stroke=\"#111111\" stroke-width=\"{:.1}\" stroke-linejoin=\"round\" stroke-linecap=\"round\"", 7.0 * u),
    );
}

/// Violent events: translucent dots whose area grows with deaths, under the places.
fn events(svg: &mut Svg, scene: &MapScene, proj: &Projection, u: f64) {
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
}

/// Places and region names, labelled where they fit around the scale bar's corner; returns
/// the scale bar, to be drawn over the frame's border.
fn places_and_names(
    svg: &mut Svg,
    scene: &MapScene,
    proj: &Projection,
    frame: Rect,
    u: f64,
    words: &Words,
) -> ScaleBar {
    let mut placer = Placer::new(frame, 30.0 * u);
    let projected: Vec<(f64, f64)> = scene
        .places
        .iter()
        .filter(|p| p.lon.is_finite() && p.lat.is_finite())
        .map(|p| proj.project(p.lon, p.lat))
        .collect();
    let bar = ScaleBar::fit(proj, frame, u, words, &projected);
    placer.claim(bar.area);
    presence::reserve(scene, proj, &mut placer, u);
    places::places(svg, &scene.places, proj, frame, &mut placer, u);
    places::region_names(svg, scene, proj, &mut placer, u);
    bar
}
