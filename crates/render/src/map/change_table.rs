//! The change overlay's legend and the table of the largest changes.

use crate::colour::Colour;
use crate::projection::Rect;
use crate::scene::ChangeOverlay;
use crate::svg::{Svg, TextStyle};
use crate::text::{self, Words};

use super::{Side, text_then_date};

/// The change legend and the table of the largest changes, as many rows as fit.
pub(super) fn change_table(
    svg: &mut Svg,
    side: Side,
    change: &ChangeOverlay,
    panel: Rect,
    u: f64,
    words: &Words,
) {
    let head = 36.0 * u;
    let size = 24.0 * u;
    let row_h = size * 1.6;
    let mut y = panel.y0 + head;
    text_then_date(
        svg,
        side,
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
        side.rect_at(
            svg,
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
        side.text(
            svg,
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
        side.text(svg, cols[i], y, bold, &text::fit(h, size, true, room(i)));
    }
    y += size * 0.5;
    side.line(
        svg,
        panel.x0,
        y,
        panel.x1,
        y,
        &format!("stroke=\"#999999\" stroke-width=\"{:.1}\"", 2.0 * u),
    );
    // As many rows as fit; when some do not, the last line says how many are left out.
    let fit = ((panel.y1 - y) / row_h).floor().max(0.0) as usize;
    let shown = if change.rows.len() > fit {
        fit.saturating_sub(1)
    } else {
        change.rows.len()
    };
    for row in &change.rows[..shown] {
        y += row_h;
        let cells = [&row.place, &row.from, &row.to, &row.date, &row.source];
        for (i, c) in cells.iter().enumerate() {
            side.text(
                svg,
                cols[i],
                y,
                TextStyle::new(size),
                &text::fit(c, size, false, room(i)),
            );
        }
    }
    let more = change.rows.len() - shown;
    if more > 0 {
        y += row_h;
        let line = words.and_more.replace("{n}", &more.to_string());
        side.text(
            svg,
            cols[0],
            y,
            TextStyle::new(size).bold(),
            &text::fit(&line, size, true, panel.width()),
        );
    }
}
