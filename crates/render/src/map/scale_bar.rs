//! The scale bar, with the projection stated under it.

use crate::projection::{Projection, Rect};
use crate::svg::{Anchor, Svg, TextStyle};
use crate::text::Words;

use super::GREY;

/// A scale bar of a round length, about a fifth of the frame wide, with the projection note.
pub(super) fn scale_bar(svg: &mut Svg, proj: &Projection, frame: Rect, u: f64, words: &Words) {
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
