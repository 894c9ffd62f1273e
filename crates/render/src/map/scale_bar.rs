//! The scale bar, with the projection stated under it, in the emptiest corner of the frame.

use crate::projection::{Projection, Rect};
use crate::svg::{Anchor, Svg, TextStyle};
use crate::text::{self, Words};

use super::GREY;

/// A scale bar of a round length, about a fifth of the frame wide, and the box it needs.
pub(super) struct ScaleBar {
    /// The white box under the bar and its text; labels keep out of it.
    pub(super) area: Rect,
    km: f64,
    len: f64,
    u: f64,
}

impl ScaleBar {
    /// Sizes the bar and puts it in the corner of the frame with the fewest places
    /// (bottom-left on ties).
    pub(super) fn fit(
        proj: &Projection,
        frame: Rect,
        u: f64,
        words: &Words,
        places: &[(f64, f64)],
    ) -> Self {
        let kmpp = proj.km_per_px();
        let target_km = frame.width() * 0.2 * kmpp;
        let magnitude = 10f64.powf(target_km.log10().floor());
        let km = [5.0, 2.0, 1.0]
            .iter()
            .map(|f| f * magnitude)
            .find(|&k| k <= target_km)
            .unwrap_or(magnitude);
        let len = km / kmpp;
        let size = 28.0 * u;
        let note_w = text::width(&note(proj, words), size * 0.8, false);
        let w = (len + size * 2.5).max(note_w) + 32.0 * u;
        let h = size * 2.7 + 12.0 * u + 40.0 * u;
        let inset = 24.0 * u;
        let corners = [
            (frame.x0 + inset, frame.y1 - inset - h),
            (frame.x1 - inset - w, frame.y1 - inset - h),
            (frame.x1 - inset - w, frame.y0 + inset),
            (frame.x0 + inset, frame.y0 + inset),
        ]
        .map(|(x0, y0)| Rect {
            x0,
            y0,
            x1: x0 + w,
            y1: y0 + h,
        });
        let crowd = |r: &Rect| {
            places
                .iter()
                .filter(|&&(x, y)| x >= r.x0 && x <= r.x1 && y >= r.y0 && y <= r.y1)
                .count()
        };
        let area = corners
            .iter()
            .min_by_key(|r| crowd(r))
            .copied()
            .unwrap_or(corners[0]);
        Self { area, km, len, u }
    }

    pub(super) fn draw(&self, svg: &mut Svg, proj: &Projection, words: &Words) {
        let u = self.u;
        let size = 28.0 * u;
        let bar_h = 12.0 * u;
        let x0 = self.area.x0 + 16.0 * u;
        let y0 = self.area.y0 + size + 24.0 * u;
        svg.rect(
            self.area.x0,
            self.area.y0,
            self.area.width(),
            self.area.height(),
            "fill=\"#ffffff\" fill-opacity=\"0.85\"",
        );
        let seg = self.len / 4.0;
        for i in 0..4 {
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
            x0 + self.len,
            y0 - 10.0 * u,
            style,
            &format!("{} {}", self.km, words.km),
        );
        svg.text(
            x0,
            y0 + bar_h + size * 1.2,
            TextStyle::new(size * 0.8).colour(GREY),
            &note(proj, words),
        );
    }
}

fn note(proj: &Projection, words: &Words) -> String {
    format!("{} {:.1}°", words.projection, proj.standard_parallel())
}
