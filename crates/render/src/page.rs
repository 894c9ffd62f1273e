//! Page sizes: paper (landscape, 300 dpi) or an exact pixel size.

use std::str::FromStr;

use crate::error::{RenderError, Result};

/// Dots per inch of paper sizes.
pub(crate) const PRINT_DPI: f64 = 300.0;

/// The size of the output page.
///
/// Paper sizes are landscape and rasterised at 300 dpi; SVG and PDF keep their physical size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageSize {
    /// ISO A4 landscape, 297 × 210 mm (3508 × 2480 pixels at 300 dpi).
    A4,
    /// ISO A3 landscape, 420 × 297 mm (4961 × 3508 pixels at 300 dpi).
    A3,
    /// An exact size in pixels, taken to be at 300 dpi for PDF.
    Pixels(u32, u32),
}

impl PageSize {
    /// The smallest and largest side accepted for [`PageSize::Pixels`].
    const SIDE: std::ops::RangeInclusive<u32> = 64..=20_000;

    /// A pixel page, checked.
    ///
    /// # Errors
    /// [`RenderError::InvalidPageSize`] when a side is outside 64..=20000 pixels.
    pub fn pixels(width: u32, height: u32) -> Result<Self> {
        if Self::SIDE.contains(&width) && Self::SIDE.contains(&height) {
            Ok(Self::Pixels(width, height))
        } else {
            Err(RenderError::InvalidPageSize {
                value: format!("{width}x{height}"),
            })
        }
    }

    /// Width and height in mm, if this is a paper size.
    #[must_use]
    pub fn paper_mm(self) -> Option<(f64, f64)> {
        match self {
            Self::A4 => Some((297.0, 210.0)),
            Self::A3 => Some((420.0, 297.0)),
            Self::Pixels(..) => None,
        }
    }

    /// Width and height in pixels (paper at 300 dpi).
    #[must_use]
    pub fn size_px(self) -> (u32, u32) {
        match self {
            Self::Pixels(w, h) => (w, h),
            paper => {
                let (w, h) = paper.paper_mm().expect("paper sizes have a size in mm");
                let px = |mm: f64| {
                    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                    let px = (mm / 25.4 * PRINT_DPI).round() as u32;
                    px
                };
                (px(w), px(h))
            }
        }
    }
}

impl FromStr for PageSize {
    type Err = RenderError;

    /// Parses `a4`, `a3` or `WIDTHxHEIGHT` in pixels.
    fn from_str(s: &str) -> Result<Self> {
        let invalid = || RenderError::InvalidPageSize {
            value: s.to_owned(),
        };
        match s.to_ascii_lowercase().as_str() {
            "a4" => Ok(Self::A4),
            "a3" => Ok(Self::A3),
            other => {
                let (w, h) = other.split_once('x').ok_or_else(invalid)?;
                let w = w.trim().parse().map_err(|_| invalid())?;
                let h = h.trim().parse().map_err(|_| invalid())?;
                Self::pixels(w, h).map_err(|_| invalid())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("a4", PageSize::A4, (3508, 2480))]
    #[case("A3", PageSize::A3, (4961, 3508))]
    #[case("800x600", PageSize::Pixels(800, 600), (800, 600))]
    fn page_sizes_parse_to_landscape_pixels_at_300_dpi(
        #[case] text: &str,
        #[case] page: PageSize,
        #[case] px: (u32, u32),
    ) {
        let parsed: PageSize = text.parse().expect("valid size");
        assert_eq!(parsed, page);
        assert_eq!(parsed.size_px(), px);
    }

    #[rstest]
    #[case("a5")]
    #[case("10x10")]
    #[case("800x")]
    #[case("99999x600")]
    fn unusable_page_sizes_are_rejected(#[case] text: &str) {
        assert!(text.parse::<PageSize>().is_err());
    }
}
