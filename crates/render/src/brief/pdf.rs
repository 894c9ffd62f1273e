//! Several SVG pages in one PDF: each page converted by svg2pdf into a chunk of its own,
//! renumbered into one pdf-writer document.

use std::collections::HashMap;

use pdf_writer::{Content, Finish as _, Name, Pdf, Rect, Ref};

use crate::error::{RenderError, Result};
use crate::output::tree;
use crate::page::PageSize;

/// Writes SVG pages made for `page` into one PDF of that page size, in order.
///
/// # Errors
/// [`RenderError::Svg`] if a page does not parse, [`RenderError::Pdf`] if one cannot be
/// converted.
pub fn pages_to_pdf(pages: &[String], page: PageSize) -> Result<Vec<u8>> {
    let mut alloc = Ref::new(1);
    let catalog = alloc.bump();
    let tree_ref = alloc.bump();
    let page_refs: Vec<Ref> = pages.iter().map(|_| alloc.bump()).collect();
    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree_ref);
    pdf.pages(tree_ref)
        .kids(page_refs.iter().copied())
        .count(i32::try_from(pages.len()).unwrap_or(i32::MAX));
    // A paper page is in millimetres; a pixel page is meant at 300 dpi.
    let (w_pt, h_pt) = match page.paper_mm() {
        Some((w, h)) => (w / 25.4 * 72.0, h / 25.4 * 72.0),
        None => {
            let (w, h) = page.size_px();
            (f64::from(w) / 300.0 * 72.0, f64::from(h) / 300.0 * 72.0)
        }
    };
    #[allow(clippy::cast_possible_truncation)]
    let (w_pt, h_pt) = (w_pt as f32, h_pt as f32);
    let name = Name(b"S1");
    for (svg, &page_ref) in pages.iter().zip(&page_refs) {
        let tree = tree(svg)?;
        let (chunk, svg_ref) = svg2pdf::to_chunk(&tree, svg2pdf::ConversionOptions::default())
            .map_err(|cause| RenderError::Pdf { cause })?;
        let mut map = HashMap::new();
        let chunk = chunk.renumber(|old| *map.entry(old).or_insert_with(|| alloc.bump()));
        let svg_ref = *map.get(&svg_ref).expect("the chunk holds its own XObject");
        let content_ref = alloc.bump();
        let mut p = pdf.page(page_ref);
        p.media_box(Rect::new(0.0, 0.0, w_pt, h_pt));
        p.parent(tree_ref);
        p.contents(content_ref);
        p.resources().x_objects().pair(name, svg_ref);
        p.finish();
        // The XObject is one point square: scale it to the page.
        let mut content = Content::new();
        content
            .transform([w_pt, 0.0, 0.0, h_pt, 0.0, 0.0])
            .x_object(name);
        pdf.stream(content_ref, &content.finish());
        pdf.extend(&chunk);
    }
    Ok(pdf.finish())
}
