//! The one error type of the render crate.

use std::path::PathBuf;

/// What can go wrong while rendering a map or a chart.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RenderError {
    /// A colour was not written as `#rrggbb`.
    #[error("invalid colour {value:?}: expected #rrggbb")]
    InvalidColour {
        /// The text that was given.
        value: String,
    },
    /// A page size was not `a4`, `a3` or `WIDTHxHEIGHT` within the supported range.
    #[error(
        "invalid page size {value:?}: expected a4, a3 or WIDTHxHEIGHT (each 64..=20000 pixels)"
    )]
    InvalidPageSize {
        /// The text that was given.
        value: String,
    },
    /// A language code was not `en` or `ar`.
    #[error("unknown language {value:?}: expected en or ar")]
    UnknownLanguage {
        /// The text that was given.
        value: String,
    },
    /// The output file's extension names no format this crate writes.
    #[error("cannot tell the output format of {path:?}: use .svg, .png or .pdf")]
    UnknownFormat {
        /// The output path whose extension was read.
        path: PathBuf,
    },
    /// The scene has no finite coordinate at all, so no map extent can be fitted.
    #[error("scene {title:?} has nothing with finite coordinates to draw")]
    NothingToDraw {
        /// The scene's title.
        title: String,
    },
    /// A chart was asked for without any dated value.
    #[error("chart {title:?} has no dated values")]
    EmptyChart {
        /// The chart's title.
        title: String,
    },
    /// The generated SVG could not be read back for rasterising (a bug in this crate).
    #[error("generated svg could not be parsed")]
    Svg {
        /// The parser's error.
        #[source]
        source: resvg::usvg::Error,
    },
    /// The raster image could not be allocated.
    #[error("cannot allocate a {width}x{height} raster")]
    Raster {
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
    },
    /// The PNG encoder failed.
    #[error("png encoding failed")]
    Png {
        /// The encoder's error.
        #[source]
        source: png::EncodingError,
    },
    /// The PDF conversion failed.
    #[error("pdf conversion failed: {cause}")]
    Pdf {
        /// The converter's error (it implements no `std::error::Error`, so it is kept as a field).
        cause: svg2pdf::ConversionError,
    },
}

/// The render crate's result.
pub type Result<T, E = RenderError> = std::result::Result<T, E>;
