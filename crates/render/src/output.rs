//! Output formats: SVG as it is, PNG by resvg, PDF by svg2pdf, with the embedded fonts.

use std::path::Path;

use resvg::{tiny_skia, usvg};

use crate::chart::{ChartSpec, chart_svg};
use crate::error::{RenderError, Result};
use crate::map::map_svg;
use crate::page::PageSize;
use crate::scene::MapScene;
use crate::text::{FONT_DB, FONT_FAMILY};

/// The file format of a rendered map or chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// SVG text.
    Svg,
    /// A raster image at the page's pixel size.
    Png,
    /// A vector PDF at the page's physical size, fonts embedded.
    Pdf,
}

impl OutputFormat {
    /// The format named by a path's extension (`.svg`, `.png`, `.pdf`, any case).
    ///
    /// # Errors
    /// [`RenderError::UnknownFormat`] for any other extension or none.
    pub fn from_path(path: &Path) -> Result<Self> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("svg") => Ok(Self::Svg),
            Some("png") => Ok(Self::Png),
            Some("pdf") => Ok(Self::Pdf),
            _ => Err(RenderError::UnknownFormat {
                path: path.to_owned(),
            }),
        }
    }
}

/// Encodes SVG text produced by this crate in the given format.
///
/// # Errors
/// See [`svg_to_png`] and [`svg_to_pdf`]; SVG itself cannot fail.
pub fn encode(svg: &str, format: OutputFormat, page: PageSize) -> Result<Vec<u8>> {
    match format {
        OutputFormat::Svg => Ok(svg.as_bytes().to_vec()),
        OutputFormat::Png => svg_to_png(svg, page),
        OutputFormat::Pdf => svg_to_pdf(svg, page),
    }
}

/// Renders a map in the given format: [`map_svg`] then [`encode`].
///
/// # Errors
/// As [`map_svg`] and [`encode`].
pub fn render_map(scene: &MapScene, page: PageSize, format: OutputFormat) -> Result<Vec<u8>> {
    encode(&map_svg(scene, page)?, format, page)
}

/// Renders a chart in the given format: [`chart_svg`] then [`encode`].
///
/// # Errors
/// As [`chart_svg`] and [`encode`].
pub fn render_chart(spec: &ChartSpec, page: PageSize, format: OutputFormat) -> Result<Vec<u8>> {
    encode(&chart_svg(spec, page)?, format, page)
}

pub(crate) fn tree(svg: &str) -> Result<usvg::Tree> {
    let options = usvg::Options {
        font_family: FONT_FAMILY.to_owned(),
        fontdb: FONT_DB.clone(),
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &options).map_err(|source| RenderError::Svg { source })
}

/// Rasterises SVG text at the page's pixel size on white, and encodes it as PNG.
///
/// # Errors
/// [`RenderError::Svg`] if the SVG does not parse, [`RenderError::Raster`] if the raster
/// cannot be allocated, [`RenderError::Png`] if encoding fails.
pub fn svg_to_png(svg: &str, page: PageSize) -> Result<Vec<u8>> {
    let pixmap = rasterise(svg, page)?;
    let mut out = Vec::with_capacity(pixmap.data().len() / 8);
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    encoder.set_filter(png::FilterType::Up);
    let png_error = |source| RenderError::Png { source };
    let mut writer = encoder.write_header().map_err(png_error)?;
    // The page is painted white first, so every pixel is opaque: premultiplied equals straight.
    writer.write_image_data(pixmap.data()).map_err(png_error)?;
    writer.finish().map_err(png_error)?;
    Ok(out)
}

/// Rasterises SVG text at the page's pixel size on white.
///
/// (Rendering horizontal bands on two threads was tried and measured no faster here: every
/// band walks the whole tree, and the machine's second core is usually busy.)
pub(crate) fn rasterise(svg: &str, page: PageSize) -> Result<tiny_skia::Pixmap> {
    let tree = tree(svg)?;
    let (w, h) = page.size_px();
    let mut pixmap = tiny_skia::Pixmap::new(w, h).ok_or(RenderError::Raster {
        width: w,
        height: h,
    })?;
    pixmap.fill(tiny_skia::Color::WHITE);
    let size = tree.size();
    let transform = tiny_skia::Transform::from_scale(
        f64_to_f32(f64::from(w) / f64::from(size.width())),
        f64_to_f32(f64::from(h) / f64::from(size.height())),
    );
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    Ok(pixmap)
}

#[allow(clippy::cast_possible_truncation)]
fn f64_to_f32(v: f64) -> f32 {
    v as f32
}

/// Converts SVG text made for `page` to a one-page PDF of the page's physical size (a pixel
/// page at 300 dpi), text as embedded fonts.
///
/// # Errors
/// [`RenderError::Svg`] if the SVG does not parse, [`RenderError::Pdf`] if conversion fails.
pub fn svg_to_pdf(svg: &str, page: PageSize) -> Result<Vec<u8>> {
    let tree = tree(svg)?;
    // usvg reads a paper page's `width="297mm"` as pixels at 96 per inch; a pixel page is
    // meant at 300 dpi.
    let dpi = if page.paper_mm().is_some() {
        96.0
    } else {
        300.0
    };
    svg2pdf::to_pdf(
        &tree,
        svg2pdf::ConversionOptions::default(),
        svg2pdf::PageOptions { dpi },
    )
    .map_err(|cause| RenderError::Pdf { cause })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text;

    /// The ink extent of a text drawn alone, as (left, right) in pixels.
    fn ink_extent(content: &str, attrs: &str) -> (u32, u32) {
        let svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"800\" height=\"100\" viewBox=\"0 0 800 100\" font-family=\"DejaVu Sans\"><text x=\"400\" y=\"60\" font-size=\"40\" {attrs}>{content}</text></svg>"
        );
        let page = PageSize::pixels(800, 100).expect("valid page");
        let pixmap = rasterise(&svg, page).expect("renders");
        let dark: Vec<u32> = pixmap
            .pixels()
            .iter()
            .enumerate()
            .filter(|(_, p)| p.red() < 128)
            .map(|(i, _)| u32::try_from(i % 800).expect("small"))
            .collect();
        (
            dark.iter().copied().min().unwrap_or(0),
            dark.iter().copied().max().unwrap_or(0),
        )
    }

    #[test]
    fn measured_widths_match_the_rendered_ink() {
        for (content, attrs) in [
            ("Tartus Homs", "text-anchor=\"middle\""),
            ("طرطوس", "text-anchor=\"middle\" direction=\"rtl\""),
            ("كاف الجاع", "text-anchor=\"middle\" direction=\"rtl\""),
        ] {
            let (l, r) = ink_extent(content, attrs);
            let measured = text::width(content, 40.0, false);
            let centre = f64::from(l + r) / 2.0;
            let ink = f64::from(r - l);
            eprintln!("{content}: ink {l}..{r} ({ink}), measured {measured:.1}, centre {centre}");
            assert!(
                (ink - measured).abs() < measured * 0.15 + 6.0,
                "{content}: ink {ink} vs measured {measured}"
            );
            assert!(
                (centre - 400.0).abs() < 8.0,
                "{content}: centred at {centre}"
            );
        }
    }
}
