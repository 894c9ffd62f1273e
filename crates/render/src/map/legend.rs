//! The legend: each party's swatch with its share of area and of population.

use crate::projection::Rect;
use crate::scene::LegendRow;
use crate::svg::{Anchor, Svg, TextStyle};
use crate::text::{self, Words};

use super::{GREY, Side, fill_attr};

/// The legend: a row per party with its swatch and shares; returns the y below it.
pub(super) fn legend(
    svg: &mut Svg,
    side: Side,
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
    side.text(svg, panel.x0, y, TextStyle::new(head).bold(), words.legend);
    let small = TextStyle::new(size * 0.85).colour(GREY).anchor(Anchor::End);
    side.text(svg, col_area, y, small, &format!("{} %", words.area));
    side.text(svg, col_pop, y, small, &format!("{} %", words.population));
    y += head * 0.6;
    side.line(
        svg,
        panel.x0,
        y,
        panel.x1,
        y,
        &format!("stroke=\"#999999\" stroke-width=\"{:.1}\"", 2.0 * u),
    );
    y += row_h * 0.2;
    if rows.is_empty() {
        y += row_h * 0.7;
        side.text(
            svg,
            panel.x0,
            y,
            TextStyle::new(size).colour(GREY),
            words.no_party,
        );
        y += row_h * 0.3;
    }
    let label_room = col_area - 120.0 * u - label_x;
    for row in rows {
        let lines = text::wrap(&row.label, size, false, label_room, 2);
        let top = y + (row_h - swatch) / 2.0;
        side.rect_at(
            svg,
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
        for (i, line) in lines.iter().enumerate() {
            #[allow(clippy::cast_precision_loss)]
            let line_y = base + i as f64 * size * 1.15;
            side.text(svg, label_x, line_y, TextStyle::new(size), line);
        }
        side.text(
            svg,
            col_area,
            base,
            TextStyle::new(size).anchor(Anchor::End),
            &percent(Some(row.area_pct)),
        );
        let pop = percent(row.population_pct);
        side.text(
            svg,
            col_pop,
            base,
            TextStyle::new(size).anchor(Anchor::End),
            &pop,
        );
        #[allow(clippy::cast_precision_loss)]
        let extra = (lines.len() - 1) as f64 * size * 1.15;
        y += row_h + extra;
    }
    if front {
        let mid = y + row_h / 2.0;
        side.line(
            svg,
            panel.x0,
            mid,
            panel.x0 + swatch,
            mid,
            &format!("stroke=\"#111111\" stroke-width=\"{:.1}\"", 6.0 * u),
        );
        side.text(
            svg,
            label_x,
            mid + size * 0.35,
            TextStyle::new(size),
            words.front_line,
        );
        y += row_h;
    }
    y
}

/// A share to one decimal, or a dash when there is none (or it is not a number).
fn percent(share: Option<f64>) -> String {
    match share {
        Some(p) if p.is_finite() => format!("{p:.1}"),
        _ => "—".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_print_to_one_decimal_and_missing_ones_as_a_dash() {
        assert_eq!(percent(Some(38.25)), "38.2");
        assert_eq!(percent(Some(f64::NAN)), "—");
        assert_eq!(percent(None), "—");
    }
}
