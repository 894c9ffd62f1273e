//! Frontline's print-quality maps and charts.
//!
//! A map is held up in a room and reprinted in newspapers, so it must carry its date, its
//! method and its sources, and stay legible in greyscale and to readers with colour-vision
//! deficiency. This crate draws such maps, and the chart of shares over time, from a
//! description the caller has already decided: it knows nothing of observations or inference
//! and does no I/O. It writes SVG text, rasterises it to PNG (resvg) and converts it to PDF
//! (svg2pdf), with Latin and Arabic fonts (DejaVu Sans) embedded at build time.
//!
//! # Map of the crate
//! - [`MapScene`]: what a map shows: [`AreaLayer`]s painted with a [`Fill`] (a party's colour;
//!   diagonal stripes of two colours for contested land, upright ones for joint control, each
//!   with dark rules so they survive greyscale; or the unknown tone), front lines,
//!   the boundary and [`Region`]s, [`PlaceMark`]s, [`LegendRow`]s with area and population
//!   shares, attribution, and an optional [`ChangeOverlay`] of [`Gain`]s and [`ChangeRow`]s.
//! - [`ChartSpec`]: [`ChartSeries`] of shares over time and [`ChartEvent`]s to mark.
//! - [`PageSize`]: A4 or A3 landscape at 300 dpi, or pixels; [`Colour`]; [`Language`].
//! - [`render_map`] and [`render_chart`] give the bytes of a file in the [`OutputFormat`] named
//!   by its extension ([`OutputFormat::from_path`]); underneath, [`map_svg`] and [`chart_svg`]
//!   write SVG and [`encode`] turns it into PNG ([`svg_to_png`]) or PDF ([`svg_to_pdf`]).
//! - [`BriefScene`]: a briefing of several pages, its maps then its [`BriefSection`]s of
//!   paragraphs and [`BriefTable`]s; [`brief_pdf`] writes one PDF of all its pages
//!   ([`brief_pages`] then [`pages_to_pdf`]), [`brief_html`] the same as a printable page.
//! - [`PageSize`] and [`Language`] parse the CLI's `--size a4|a3|WxH` and `--lang en|ar`.
//!
//! The projection is equirectangular with its standard parallel at the centre of the map
//! (stated on every map), which for a country the size of Syria keeps scale within 5%.
//! Labels are placed greedily, larger places first, never over another label; right-to-left
//! text is shaped (rustybuzz) to measure it and anchored at its middle, which every renderer
//! reads alike. An Arabic page is laid out from the right (title, panel, legend and tables
//! mirrored; the map itself never). resvg and svg2pdf share one usvg, so SVG, PNG and PDF
//! come from one parse.
//!
//! ```
//! use frontline_render::{render_map, Colour, Fill, LegendRow, MapScene, OutputFormat, PageSize, PlaceMark};
//!
//! let scene = MapScene {
//!     title: "Example (synthetic)".into(),
//!     as_of: "2020-01-01".into(),
//!     places: vec![PlaceMark { lon: 36.2, lat: 33.5, label: "Town".into(), population: Some(5_000) }],
//!     legend: vec![LegendRow { label: "Party A".into(), fill: Fill::Solid(Colour::rgb(200, 30, 30)), area_pct: 100.0, population_pct: None }],
//!     ..MapScene::default()
//! };
//! let page: PageSize = "640x452".parse()?;
//! let format = OutputFormat::from_path("map.svg".as_ref())?;
//! let bytes = render_map(&scene, page, format)?; // write these to the file
//! assert!(bytes.starts_with(b"<svg"));
//! # Ok::<(), frontline_render::RenderError>(())
//! ```

mod brief;
mod chart;
mod colour;
mod error;
mod labels;
mod map;
mod output;
mod page;
mod projection;
mod scene;
mod svg;
mod text;

pub use brief::{
    BriefBlock, BriefScene, BriefSection, BriefTable, brief_html, brief_pages, brief_pdf,
    pages_to_pdf,
};
pub use chart::{ChartEvent, ChartSeries, ChartSpec, chart_svg};
pub use colour::Colour;
pub use error::{RenderError, Result};
pub use map::map_svg;
pub use output::{OutputFormat, encode, render_chart, render_map, svg_to_pdf, svg_to_png};
pub use page::PageSize;
pub use scene::{
    AreaLayer, ChangeOverlay, ChangeRow, EventMark, Fill, Gain, Language, LegendRow, MapScene,
    PlaceMark, Region, SiteMark,
};
pub use text::{escape as escape_xml, font_covers};
