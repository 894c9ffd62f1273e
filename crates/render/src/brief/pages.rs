//! The briefing's pages as SVG: each map on its own page, then the text set page by page.

use crate::error::Result;
use crate::map::{GREY, INK, Side, map_svg};
use crate::page::PageSize;
use crate::scene::Language;
use crate::svg::{Svg, TextStyle};
use crate::text;

use super::{BriefBlock, BriefScene, BriefTable};

/// The pages of a briefing as SVG documents made for `page`: the maps first, one per page,
/// then the sections over as many pages as they need, each page numbered.
///
/// # Errors
/// As [`map_svg`], for each map.
pub fn brief_pages(scene: &BriefScene, page: PageSize) -> Result<Vec<String>> {
    let mut pages: Vec<String> = Vec::with_capacity(scene.maps.len() + 4);
    for map in &scene.maps {
        pages.push(map_svg(map, page)?);
    }
    let mut writer = TextPages::new(scene, page);
    for section in &scene.sections {
        writer.heading(&section.heading);
        for block in &section.blocks {
            match block {
                BriefBlock::Paragraph(p) => writer.paragraph(p),
                BriefBlock::Table(t) => writer.table(t),
            }
        }
    }
    pages.extend(writer.finish());
    Ok(pages)
}

/// Text being set on pages, top to bottom.
struct TextPages<'a> {
    scene: &'a BriefScene,
    page: PageSize,
    w: u32,
    h: u32,
    u: f64,
    side: Side,
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    pages: Vec<Svg>,
    y: f64,
}

impl<'a> TextPages<'a> {
    fn new(scene: &'a BriefScene, page: PageSize) -> Self {
        let (w, h) = page.size_px();
        let (wf, hf) = (f64::from(w), f64::from(h));
        let u = (wf / 3508.0).min(hf / 2480.0);
        let margin = 150.0 * u;
        Self {
            scene,
            page,
            w,
            h,
            u,
            side: Side {
                page_width: wf,
                rtl: scene.language == Language::Ar,
            },
            left: margin,
            right: wf - margin,
            top: margin + 200.0 * u,
            bottom: hf - margin - 60.0 * u,
            pages: Vec::new(),
            y: f64::INFINITY,
        }
    }

    fn body_size(&self) -> f64 {
        32.0 * self.u
    }

    /// Starts a page: white ground, the title and subtitle.
    fn new_page(&mut self) {
        let (wf, hf) = (f64::from(self.w), f64::from(self.h));
        let mut svg = Svg::new(self.w, self.h, self.page.paper_mm(), 64 * 1024);
        svg.rect(0.0, 0.0, wf, hf, "fill=\"#ffffff\"");
        let u = self.u;
        let room = self.right - self.left;
        let title_size = text::shrink(&self.scene.title, 64.0 * u, true, room);
        self.side.text(
            &mut svg,
            self.left,
            self.left + 64.0 * u,
            TextStyle::new(title_size).bold(),
            &text::fit(&self.scene.title, title_size, true, room),
        );
        let sub_size = text::shrink(&self.scene.subtitle, 34.0 * u, false, room);
        self.side.text(
            &mut svg,
            self.left,
            self.left + 120.0 * u,
            TextStyle::new(sub_size).colour(GREY),
            &text::fit(&self.scene.subtitle, sub_size, false, room),
        );
        self.side.line(
            &mut svg,
            self.left,
            self.left + 150.0 * u,
            self.right,
            self.left + 150.0 * u,
            &format!("stroke=\"#999999\" stroke-width=\"{:.1}\"", 2.0 * u),
        );
        self.pages.push(svg);
        self.y = self.top;
    }

    /// Makes room for `height` below the current line, on a new page if need be; returns
    /// whether a page was started.
    fn room_for(&mut self, height: f64) -> bool {
        if self.y + height > self.bottom || self.pages.is_empty() {
            self.new_page();
            true
        } else {
            false
        }
    }

    fn svg(&mut self) -> &mut Svg {
        self.pages
            .last_mut()
            .expect("a page is started before anything is set")
    }

    fn heading(&mut self, heading: &str) {
        let u = self.u;
        let size = 46.0 * u;
        // A heading keeps at least three lines of its section with it.
        let started = self.room_for(size * 2.0 + self.body_size() * 4.5);
        if !started {
            self.y += size * 0.9;
        }
        self.y += size;
        let (side, left, right, y) = (self.side, self.left, self.right, self.y);
        let line = text::fit(heading, size, true, right - left);
        side.text(self.svg(), left, y, TextStyle::new(size).bold(), &line);
        self.y += size * 0.6;
    }

    fn paragraph(&mut self, paragraph: &str) {
        let size = self.body_size();
        let line_h = size * 1.4;
        let lines = text::wrap(paragraph, size, false, self.right - self.left, 1000);
        for line in lines {
            self.room_for(line_h);
            self.y += line_h;
            let (side, left, y) = (self.side, self.left, self.y);
            side.text(self.svg(), left, y, TextStyle::new(size).colour(INK), &line);
        }
        self.y += size * 0.6;
    }

    fn table(&mut self, table: &BriefTable) {
        let u = self.u;
        let size = 26.0 * u;
        let line_h = size * 1.3;
        let pad = 24.0 * u;
        let widths = column_widths(table, size, pad, self.right - self.left);
        let mut xs = Vec::with_capacity(widths.len());
        let mut x = self.left;
        for w in &widths {
            xs.push(x);
            x += w;
        }
        let cells = |row: &[String], bold: bool| -> Vec<Vec<String>> {
            row.iter()
                .zip(&widths)
                .map(|(c, w)| text::wrap(c, size, bold, (w - pad).max(size), 8))
                .collect()
        };
        let header = cells(&table.header, true);
        let header_h = row_height(&header, line_h);
        self.room_for(header_h + line_h * 2.0);
        self.y += size * 0.4;
        self.row(&header, &xs, line_h, true);
        for row in &table.rows {
            let row = cells(row, false);
            let h = row_height(&row, line_h);
            if self.room_for(h) {
                self.row(&header, &xs, line_h, true);
            }
            self.row(&row, &xs, line_h, false);
        }
        self.y += size;
    }

    /// One row of wrapped cells, with a rule under it.
    fn row(&mut self, cells: &[Vec<String>], xs: &[f64], line_h: f64, bold: bool) {
        let u = self.u;
        let size = 26.0 * u;
        let top = self.y;
        let (side, left, right) = (self.side, self.left, self.right);
        let style = if bold {
            TextStyle::new(size).bold()
        } else {
            TextStyle::new(size)
        };
        let svg = self.svg();
        for (lines, &x) in cells.iter().zip(xs) {
            for (i, line) in lines.iter().enumerate() {
                #[allow(clippy::cast_precision_loss)]
                let y = top + line_h * (i as f64 + 1.0);
                side.text(svg, x, y, style, line);
            }
        }
        let bottom = top + row_height(cells, line_h);
        side.line(
            svg,
            left,
            bottom,
            right,
            bottom,
            &format!(
                "stroke=\"{}\" stroke-width=\"{:.1}\"",
                if bold { "#555555" } else { "#cccccc" },
                if bold { 2.5 * u } else { 1.2 * u }
            ),
        );
        self.y = bottom;
    }

    /// The pages, each numbered "n / N" at its foot (N counts the map pages before them).
    fn finish(self) -> Vec<String> {
        let total = self.scene.maps.len() + self.pages.len();
        let first = self.scene.maps.len() + 1;
        let (side, left, u, hf) = (self.side, self.left, self.u, f64::from(self.h));
        self.pages
            .into_iter()
            .enumerate()
            .map(|(i, mut svg)| {
                let foot = format!("{} / {total}", first + i);
                side.text(
                    &mut svg,
                    left,
                    hf - 90.0 * u,
                    TextStyle::new(26.0 * u).colour(GREY),
                    &foot,
                );
                svg.finish()
            })
            .collect()
    }
}

/// The height of a row of wrapped cells.
fn row_height(cells: &[Vec<String>], line_h: f64) -> f64 {
    let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
    #[allow(clippy::cast_precision_loss)]
    let h = lines as f64 * line_h + line_h * 0.45;
    h
}

/// Each column's width: as wide as its widest cell when all fit; otherwise narrow columns
/// keep their width and the wide ones share the rest equally (their cells wrap).
fn column_widths(table: &BriefTable, size: f64, pad: f64, room: f64) -> Vec<f64> {
    let n = table
        .header
        .len()
        .max(table.rows.iter().map(Vec::len).max().unwrap_or(0));
    if n == 0 {
        return Vec::new();
    }
    let mut natural = vec![0.0_f64; n];
    for (i, h) in table.header.iter().enumerate() {
        natural[i] = natural[i].max(text::width(h, size, true) + pad);
    }
    for row in &table.rows {
        for (i, c) in row.iter().enumerate().take(n) {
            natural[i] = natural[i].max(text::width(c, size, false) + pad);
        }
    }
    let sum: f64 = natural.iter().sum();
    if sum <= room {
        // Spare room goes to the columns in proportion to their width.
        return natural.iter().map(|w| w * room / sum).collect();
    }
    let mut widths = vec![0.0; n];
    let mut open: Vec<usize> = (0..n).collect();
    let mut left = room;
    while !open.is_empty() {
        #[allow(clippy::cast_precision_loss)]
        let share = left / open.len() as f64;
        let (small, big): (Vec<usize>, Vec<usize>) =
            open.iter().copied().partition(|&i| natural[i] <= share);
        if small.is_empty() {
            for i in big {
                widths[i] = share;
            }
            break;
        }
        for i in small {
            widths[i] = natural[i];
            left -= natural[i];
        }
        open = big;
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::brief::{BriefScene, BriefSection};

    fn table(rows: usize) -> BriefTable {
        BriefTable {
            header: vec!["Place".into(), "From".into(), "To".into(), "Source".into()],
            rows: (0..rows)
                .map(|i| {
                    vec![
                        format!("Place {i}"),
                        "Syrian Democratic Forces and allied Arab tribes of the Euphrates valley"
                            .into(),
                        "Syrian government".into(),
                        "Syrian Observatory for Human Rights, report of the day".into(),
                    ]
                })
                .collect(),
        }
    }

    #[test]
    fn wide_columns_share_the_room_and_narrow_ones_keep_their_width() {
        let t = table(3);
        let widths = column_widths(&t, 26.0, 24.0, 2000.0);
        assert!((widths.iter().sum::<f64>() - 2000.0).abs() < 1e-6);
        let place = text::width("Place 0", 26.0, false) + 24.0;
        assert!((widths[0] - place).abs() < 1e-6, "{widths:?}");
        assert!(widths[1] > widths[2], "{widths:?}");
    }

    #[test]
    fn a_long_table_continues_on_more_pages_with_every_row() {
        let scene = BriefScene {
            title: "Briefing".into(),
            subtitle: "synthetic".into(),
            sections: vec![BriefSection {
                heading: "Changed hands".into(),
                blocks: vec![BriefBlock::Table(table(120))],
            }],
            ..BriefScene::default()
        };
        let pages = brief_pages(&scene, PageSize::A4).expect("renders");
        assert!(pages.len() >= 3, "{} pages", pages.len());
        let text: String = pages.concat();
        for i in 0..120 {
            assert!(text.contains(&format!(">Place {i}<")), "row {i} is printed");
        }
        let total = pages.len();
        assert!(pages[total - 1].contains(&format!(">{total} / {total}<")));
    }

    #[test]
    fn an_arabic_page_starts_at_its_right_edge() {
        let scene = BriefScene {
            title: "إحاطة".into(),
            subtitle: "Geneva".into(),
            language: Language::Ar,
            sections: vec![BriefSection {
                heading: "Shares".into(),
                blocks: vec![BriefBlock::Paragraph("Latin text on an Arabic page".into())],
            }],
            ..BriefScene::default()
        };
        let page = brief_pages(&scene, PageSize::A4)
            .expect("renders")
            .remove(0);
        // Latin text is anchored at its end, at the right margin.
        assert!(
            page.contains("text-anchor=\"end\"") && page.contains(">Shares<"),
            "{page}"
        );
        let shares = page.find(">Shares<").expect("the heading");
        let element = &page[page[..shares].rfind("<text").expect("its element")..shares];
        assert!(element.contains("x=\"3358\""), "{element}");
    }
}
