//! The change overlay's legend and the table of the largest changes.

use crate::colour::Colour;
use crate::projection::Rect;
use crate::scene::{ChangeOverlay, ChangeRow};
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
    // Names (place, from, to) wrap onto up to three lines rather than being cut.
    let line_gap = size * 1.15;
    let cells_of = |row: &ChangeRow| -> Vec<Vec<String>> {
        let cells = [&row.place, &row.from, &row.to, &row.date, &row.source];
        cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if i < 3 {
                    text::wrap(c, size, false, room(i), 3)
                } else {
                    vec![text::fit(c, size, false, room(i))]
                }
            })
            .collect()
    };
    #[allow(clippy::cast_precision_loss)]
    let height = |cells: &[Vec<String>]| {
        row_h + (cells.iter().map(Vec::len).max().unwrap_or(1) - 1) as f64 * line_gap
    };
    let mut laid: Vec<(f64, Vec<Vec<String>>)> = Vec::new();
    let mut bottom = y;
    for (i, row) in change.rows.iter().enumerate() {
        let cells = cells_of(row);
        let h = height(&cells);
        // The last row that fits leaves room for the "and more" line if rows remain.
        let reserve = if i + 1 < change.rows.len() {
            row_h
        } else {
            0.0
        };
        if bottom + h + reserve > panel.y1 {
            break;
        }
        bottom += h;
        laid.push((bottom - h + row_h, cells));
    }
    let shown = laid.len();
    for (base, cells) in laid {
        for (i, lines) in cells.iter().enumerate() {
            for (k, line) in lines.iter().enumerate() {
                #[allow(clippy::cast_precision_loss)]
                let line_y = base + k as f64 * line_gap;
                side.text(svg, cols[i], line_y, TextStyle::new(size), line);
            }
        }
    }
    y = bottom;
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
