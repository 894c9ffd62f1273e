//! Where the blocks of the map page go: title block, map frame, side panel and attribution.

use super::Side;
use crate::page::PageSize;
use crate::projection::Rect;
use crate::scene::{Language, MapScene};
use crate::text::{self, Words};

/// The page's blocks, in pixels of the page. Sizes scale with the page by `u` (1 on A4
/// landscape at 300 dpi).
pub(super) struct Layout {
    /// Page width and height in pixels.
    pub(super) w: u32,
    pub(super) h: u32,
    /// The same as floats.
    pub(super) wf: f64,
    pub(super) hf: f64,
    /// The page's scale unit.
    pub(super) u: f64,
    /// The page margin.
    pub(super) margin: f64,
    /// Font size of the title and of the method and denominator lines.
    pub(super) title_size: f64,
    pub(super) line_size: f64,
    /// Baselines of the title, method and denominator lines.
    pub(super) title_base: f64,
    pub(super) method_base: f64,
    pub(super) denominator_base: f64,
    /// The top of the map frame and of the side panel.
    pub(super) frame_top: f64,
    /// Font size of the attribution, and its lines.
    pub(super) source_size: f64,
    pub(super) sources: Vec<String>,
    /// The height of the attribution block at the foot of the page.
    pub(super) foot: f64,
    /// The left edge of the side panel on a left-to-right page.
    pub(super) panel_x0: f64,
    /// Which way the page reads.
    pub(super) side: Side,
    /// The map frame.
    pub(super) frame: Rect,
}

impl Layout {
    /// The layout of `scene` on a page of size `page`.
    pub(super) fn of(scene: &MapScene, page: PageSize, words: &Words) -> Self {
        let (w, h) = page.size_px();
        let (wf, hf) = (f64::from(w), f64::from(h));
        let u = (wf / 3508.0).min(hf / 2480.0);
        let margin = 90.0 * u;

        // Title block.
        let title_size = 92.0 * u;
        let line_size = 38.0 * u;
        let title_base = margin + title_size;
        let method_base = title_base + line_size * 1.7;
        let denominator_base = method_base + line_size * 1.35;
        let frame_top = denominator_base + line_size * 0.9;

        // Attribution block at the foot of the page.
        let source_size = 28.0 * u;
        let sources = text::attribution(&scene.attribution, words, source_size, wf - 2.0 * margin);
        #[allow(clippy::cast_precision_loss)]
        let foot = margin + sources.len() as f64 * source_size * 1.35;
        let panel_x0 = wf * 0.68 + 50.0 * u;
        // An Arabic page reads from the right: the map frame and the panel swap sides.
        let side = Side {
            page_width: wf,
            rtl: scene.language == Language::Ar,
        };
        let frame = side.rect(Rect {
            x0: margin,
            y0: frame_top,
            x1: wf * 0.68,
            y1: hf - foot - 20.0 * u,
        });
        Self {
            w,
            h,
            wf,
            hf,
            u,
            margin,
            title_size,
            line_size,
            title_base,
            method_base,
            denominator_base,
            frame_top,
            source_size,
            sources,
            foot,
            panel_x0,
            side,
            frame,
        }
    }
}
