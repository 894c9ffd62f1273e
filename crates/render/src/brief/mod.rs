//! The briefing: several pages in one document, as PDF or as printable HTML.
//!
//! A [`BriefScene`] is a briefing the caller has already decided: its maps as [`MapScene`]s
//! (each a page of its own) and its text as [`BriefSection`]s of paragraphs and tables,
//! which [`brief_pages`] sets on as many pages as they need (tables continue on the next
//! page under their header repeated). [`brief_pdf`] writes the pages into one PDF;
//! [`brief_html`] writes the same document as one HTML page to print from a browser.

mod html;
mod pages;
mod pdf;

pub use html::brief_html;
pub use pages::brief_pages;
pub use pdf::pages_to_pdf;

use crate::error::Result;
use crate::page::PageSize;
use crate::scene::{Language, MapScene};

/// A whole briefing: a title, its maps, then its text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BriefScene {
    /// The title on every page, e.g. "Briefing: Geneva VIII talks".
    pub title: String,
    /// The line under the title, e.g. the period it covers.
    pub subtitle: String,
    /// The language of the document; Arabic pages are laid out from the right.
    pub language: Language,
    /// Maps, one page each, in order.
    pub maps: Vec<MapScene>,
    /// The text, in order, after the maps.
    pub sections: Vec<BriefSection>,
}

/// A heading and what follows it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BriefSection {
    /// The heading.
    pub heading: String,
    /// Paragraphs and tables, in order.
    pub blocks: Vec<BriefBlock>,
}

/// A paragraph or a table.
#[derive(Debug, Clone, PartialEq)]
pub enum BriefBlock {
    /// A paragraph, wrapped to the page.
    Paragraph(String),
    /// A table, every row printed (over several pages when needed).
    Table(BriefTable),
}

/// A table: a header and rows of as many cells.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BriefTable {
    /// The column names.
    pub header: Vec<String>,
    /// The rows; a cell too wide for its column wraps.
    pub rows: Vec<Vec<String>>,
}

/// Renders a briefing as one PDF: each map on a page, then the text pages.
///
/// # Errors
/// As [`brief_pages`] and [`pages_to_pdf`].
pub fn brief_pdf(scene: &BriefScene, page: PageSize) -> Result<Vec<u8>> {
    pages_to_pdf(&brief_pages(scene, page)?, page)
}
