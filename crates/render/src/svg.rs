//! A small SVG writer: numbers, paths from geometry, text elements, hatch patterns.

use std::fmt::Write as _;

use geo_types::{LineString, MultiLineString, MultiPolygon};

use crate::colour::Colour;
use crate::projection::Projection;
use crate::text::{FONT_FAMILY, escape, is_rtl, width};

/// The neutral light tone of land whose control is unknown.
pub(crate) const UNKNOWN_TONE: Colour = Colour::rgb(0xe8, 0xe5, 0xde);

/// SVG text being written.
pub(crate) struct Svg {
    pub(crate) out: String,
}

/// The two striped fills: contested land and joint control.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Stripes {
    Contested,
    Joint,
}

/// How a text element is anchored horizontally.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    Start,
    Middle,
    End,
}

/// A text element's style.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TextStyle {
    pub(crate) size: f64,
    pub(crate) bold: bool,
    pub(crate) anchor: Anchor,
    pub(crate) colour: Colour,
    /// A white outline under the glyphs, for labels over busy ground.
    pub(crate) halo: Option<f64>,
}

impl TextStyle {
    pub(crate) fn new(size: f64) -> Self {
        Self {
            size,
            bold: false,
            anchor: Anchor::Start,
            colour: Colour::rgb(0x1a, 0x1a, 0x1a),
            halo: None,
        }
    }
    pub(crate) fn bold(mut self) -> Self {
        self.bold = true;
        self
    }
    pub(crate) fn anchor(mut self, anchor: Anchor) -> Self {
        self.anchor = anchor;
        self
    }
    pub(crate) fn colour(mut self, colour: Colour) -> Self {
        self.colour = colour;
        self
    }
    pub(crate) fn halo(mut self, width: f64) -> Self {
        self.halo = Some(width);
        self
    }
}

impl Svg {
    /// Opens the document: `width`/`height` carry the physical size, the view box is in pixels.
    pub(crate) fn new(
        width_px: u32,
        height_px: u32,
        physical: Option<(f64, f64)>,
        capacity: usize,
    ) -> Self {
        let mut out = String::with_capacity(capacity);
        let (w, h) = match physical {
            Some((wmm, hmm)) => (format!("{wmm}mm"), format!("{hmm}mm")),
            None => (width_px.to_string(), height_px.to_string()),
        };
        let _ = writeln!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" \
             viewBox=\"0 0 {width_px} {height_px}\" font-family=\"{FONT_FAMILY}, sans-serif\">"
        );
        Self { out }
    }

    pub(crate) fn finish(mut self) -> String {
        self.out.push_str("</svg>\n");
        self.out
    }

    /// Writes a number rounded to a tenth, without a trailing `.0`.
    pub(crate) fn num(&mut self, v: f64) {
        push_num(&mut self.out, v);
    }

    pub(crate) fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }

    /// A text element; right-to-left text is marked so renderers set it right-to-left.
    ///
    /// Renderers disagree on what `start` and `end` mean for right-to-left text (browsers
    /// follow the text's direction, resvg does not), so right-to-left text is always anchored
    /// at its middle, placed from its measured width.
    pub(crate) fn text(&mut self, x: f64, y: f64, style: TextStyle, content: &str) {
        let rtl = is_rtl(content);
        let (x, anchor) = match (rtl, style.anchor) {
            (true, Anchor::Start) => (
                x + width(content, style.size, style.bold) / 2.0,
                Anchor::Middle,
            ),
            (true, Anchor::End) => (
                x - width(content, style.size, style.bold) / 2.0,
                Anchor::Middle,
            ),
            (_, anchor) => (x, anchor),
        };
        self.out.push_str("<text x=\"");
        self.num(x);
        self.out.push_str("\" y=\"");
        self.num(y);
        self.out.push_str("\" font-size=\"");
        self.num(style.size);
        self.out.push('"');
        if style.bold {
            self.out.push_str(" font-weight=\"bold\"");
        }
        match anchor {
            Anchor::Start => {}
            Anchor::Middle => self.out.push_str(" text-anchor=\"middle\""),
            Anchor::End => self.out.push_str(" text-anchor=\"end\""),
        }
        if rtl {
            self.out.push_str(" direction=\"rtl\"");
        }
        let _ = write!(self.out, " fill=\"{}\"", style.colour);
        if let Some(w) = style.halo {
            self.out.push_str(" stroke=\"#ffffff\" stroke-width=\"");
            self.num(w);
            self.out
                .push_str("\" stroke-linejoin=\"round\" paint-order=\"stroke\"");
        }
        self.out.push('>');
        self.out.push_str(&escape(content));
        self.out.push_str("</text>\n");
    }

    pub(crate) fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, attrs: &str) {
        self.out.push_str("<rect x=\"");
        self.num(x);
        self.out.push_str("\" y=\"");
        self.num(y);
        self.out.push_str("\" width=\"");
        self.num(w);
        self.out.push_str("\" height=\"");
        self.num(h);
        let _ = writeln!(self.out, "\" {attrs}/>");
    }

    pub(crate) fn line(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, attrs: &str) {
        self.out.push_str("<path d=\"M");
        self.num(x0);
        self.out.push(' ');
        self.num(y0);
        self.out.push('L');
        self.num(x1);
        self.out.push(' ');
        self.num(y1);
        let _ = writeln!(self.out, "\" {attrs}/>");
    }

    /// A path of polygons (holes by the even-odd rule); nothing when the geometry is empty.
    pub(crate) fn polygons(&mut self, mp: &MultiPolygon<f64>, proj: &Projection, attrs: &str) {
        if mp.0.is_empty() {
            return;
        }
        let start = self.out.len();
        self.out.push_str("<path d=\"");
        let body = self.out.len();
        for p in &mp.0 {
            self.ring(p.exterior(), proj, true);
            for hole in p.interiors() {
                self.ring(hole, proj, true);
            }
        }
        if self.out.len() == body {
            self.out.truncate(start);
            return;
        }
        let _ = writeln!(self.out, "\" fill-rule=\"evenodd\" {attrs}/>");
    }

    /// A path of lines; nothing when the geometry is empty.
    pub(crate) fn lines(&mut self, ml: &MultiLineString<f64>, proj: &Projection, attrs: &str) {
        if ml.0.is_empty() {
            return;
        }
        let start = self.out.len();
        self.out.push_str("<path d=\"");
        let body = self.out.len();
        for l in &ml.0 {
            self.ring(l, proj, false);
        }
        if self.out.len() == body {
            self.out.truncate(start);
            return;
        }
        let _ = writeln!(self.out, "\" fill=\"none\" {attrs}/>");
    }

    /// One ring or line, dropping points that round to the previous one.
    fn ring(&mut self, ls: &LineString<f64>, proj: &Projection, close: bool) {
        let mut last: Option<(i64, i64)> = None;
        let mut count = 0;
        let mark = self.out.len();
        for c in &ls.0 {
            if !(c.x.is_finite() && c.y.is_finite()) {
                continue;
            }
            let (x, y) = proj.project(c.x, c.y);
            let key = (tenths(x), tenths(y));
            if last == Some(key) {
                continue;
            }
            self.out.push(match (last, count) {
                (None, _) => 'M',
                (_, 1) => 'L',
                _ => ' ',
            });
            push_tenths(&mut self.out, key.0);
            self.out.push(' ');
            push_tenths(&mut self.out, key.1);
            last = Some(key);
            count += 1;
        }
        if count < 2 {
            self.out.truncate(mark);
        } else if close {
            self.out.push('Z');
        }
    }

    /// The id of the stripe pattern for a contested or joint pair.
    pub(crate) fn hatch_id(kind: Stripes, a: Colour, b: Colour) -> String {
        let prefix = match kind {
            Stripes::Contested => "hatch",
            Stripes::Joint => "joint",
        };
        format!("{prefix}-{}-{}", a.hex_digits(), b.hex_digits())
    }

    /// The id of the gain pattern (gainer's squares on the loser's ground).
    pub(crate) fn gain_id(gainer: Colour, loser: Colour) -> String {
        format!("gain-{}-{}", gainer.hex_digits(), loser.hex_digits())
    }

    /// Two equal stripes (at 45° for contested land, upright for joint control), with a thin
    /// dark rule between them so they stay apart in greyscale even when the colours have the
    /// same lightness.
    pub(crate) fn hatch_pattern(&mut self, kind: Stripes, a: Colour, b: Colour, period: f64) {
        let id = Self::hatch_id(kind, a, b);
        let angle = match kind {
            Stripes::Contested => 45,
            Stripes::Joint => 0,
        };
        let half = period / 2.0;
        let rule = (period / 7.0).max(0.8);
        let _ = write!(
            self.out,
            "<pattern id=\"{id}\" patternUnits=\"userSpaceOnUse\" width=\""
        );
        self.num(period);
        self.out.push_str("\" height=\"");
        self.num(period);
        let _ = write!(self.out, "\" patternTransform=\"rotate({angle})\">");
        self.rect(0.0, 0.0, half, period, &format!("fill=\"{a}\""));
        self.rect(half, 0.0, half, period, &format!("fill=\"{b}\""));
        self.rect(
            0.0,
            0.0,
            rule,
            period,
            "fill=\"#000000\" fill-opacity=\"0.45\"",
        );
        self.rect(
            half,
            0.0,
            rule,
            period,
            "fill=\"#000000\" fill-opacity=\"0.45\"",
        );
        self.out.push_str("</pattern>\n");
    }

    /// A checkerboard of the gainer's squares on the loser's ground, each square ringed with
    /// a dark rule: no stripes, so that gained land never reads as contested (diagonal
    /// stripes) or joint (upright stripes), in colour or in greyscale.
    pub(crate) fn gain_pattern(&mut self, gainer: Colour, loser: Colour, period: f64) {
        let id = Self::gain_id(gainer, loser);
        let _ = write!(
            self.out,
            "<pattern id=\"{id}\" patternUnits=\"userSpaceOnUse\" width=\""
        );
        self.num(period);
        self.out.push_str("\" height=\"");
        self.num(period);
        self.out.push_str("\">");
        self.rect(0.0, 0.0, period, period, &format!("fill=\"{loser}\""));
        let half = period / 2.0;
        let rule = (period / 16.0).max(0.5);
        for (x, y) in [(0.0, 0.0), (half, half)] {
            self.rect(
                x + rule / 2.0,
                y + rule / 2.0,
                half - rule,
                half - rule,
                &format!(
                    "fill=\"{gainer}\" stroke=\"#000000\" stroke-opacity=\"0.6\" stroke-width=\"{:.1}\"",
                    rule
                ),
            );
        }
        self.out.push_str("</pattern>\n");
    }
}

fn tenths(v: f64) -> i64 {
    #[allow(clippy::cast_possible_truncation)]
    let t = (v * 10.0).round() as i64;
    t
}

/// Writes tenths as a decimal number, by hand: this runs for every coordinate of every map.
fn push_tenths(out: &mut String, t: i64) {
    if t < 0 {
        out.push('-');
    }
    let a = t.unsigned_abs();
    let mut digits = [0_u8; 20];
    let mut n = a / 10;
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + u8::try_from(n % 10).expect("a digit");
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(&digits[i..]).expect("ascii digits"));
    if a % 10 != 0 {
        out.push('.');
        out.push(char::from(b'0' + u8::try_from(a % 10).expect("a digit")));
    }
}

pub(crate) fn push_num(out: &mut String, v: f64) {
    push_tenths(out, tenths(v));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_to_a_tenth_without_trailing_zeros() {
        let mut s = String::new();
        for v in [0.0, 1.0, -1.25, 12.34, -0.04, 100.96] {
            push_num(&mut s, v);
            s.push(' ');
        }
        assert_eq!(s, "0 1 -1.3 12.3 0 101 ");
    }
}
