//! The briefing as one HTML page, printable: the maps as inline SVG, the text as headings,
//! paragraphs and tables; an Arabic briefing is a right-to-left document.

use std::fmt::Write as _;

use crate::error::Result;
use crate::map::map_svg;
use crate::page::PageSize;
use crate::scene::Language;
use crate::text::escape;

use super::{BriefBlock, BriefScene};

/// The page's style: A4 landscape when printed, each map on a page of its own.
const STYLE: &str = "body{font-family:'DejaVu Sans',sans-serif;margin:2rem auto;max-width:70rem;color:#1a1a1a;line-height:1.4}\
h1{font-size:1.8rem;margin:0}.subtitle{color:#555;margin:.2rem 0 1.5rem}\
figure{margin:0 0 2rem}figure svg{width:100%;height:auto;border:1px solid #ccc}\
h2{font-size:1.3rem;border-bottom:1px solid #999;margin-top:2rem}\
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.5rem 0 1rem}\
th,td{border-bottom:1px solid #ccc;padding:.25rem .5rem;text-align:start;vertical-align:top}\
th{border-bottom:2px solid #555}\
@page{size:A4 landscape;margin:12mm}\
@media print{body{margin:0;max-width:none}figure{break-after:page}figure svg{border:none;max-height:180mm}\
thead{display:table-header-group}tr{break-inside:avoid}h2{break-after:avoid}}";

/// The briefing as a whole HTML document (UTF-8), its maps drawn for `page`.
///
/// # Errors
/// As [`map_svg`], for each map.
pub fn brief_html(scene: &BriefScene, page: PageSize) -> Result<String> {
    let (lang, dir) = match scene.language {
        Language::En => ("en", "ltr"),
        Language::Ar => ("ar", "rtl"),
    };
    let mut out = String::with_capacity(512 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\" dir=\"{dir}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<header>\n<h1>{}</h1>\n\
         <p class=\"subtitle\">{}</p>\n</header>\n",
        escape(&scene.title),
        escape(&scene.title),
        escape(&scene.subtitle)
    );
    for map in &scene.maps {
        let svg = map_svg(map, page)?;
        // The SVG's physical size is for print files; in a page it scales to the column.
        let svg = svg.replacen("<svg ", "<svg role=\"img\" ", 1);
        let _ = write!(out, "<figure>\n{svg}</figure>\n");
    }
    for section in &scene.sections {
        let _ = write!(out, "<section>\n<h2>{}</h2>\n", escape(&section.heading));
        for block in &section.blocks {
            match block {
                BriefBlock::Paragraph(p) => {
                    let _ = writeln!(out, "<p>{}</p>", escape(p));
                }
                BriefBlock::Table(t) => {
                    out.push_str("<table>\n<thead><tr>");
                    for h in &t.header {
                        let _ = write!(out, "<th>{}</th>", escape(h));
                    }
                    out.push_str("</tr></thead>\n<tbody>\n");
                    for row in &t.rows {
                        out.push_str("<tr>");
                        for c in row {
                            let _ = write!(out, "<td>{}</td>", escape(c));
                        }
                        out.push_str("</tr>\n");
                    }
                    out.push_str("</tbody>\n</table>\n");
                }
            }
        }
        out.push_str("</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::brief::{BriefSection, BriefTable};

    #[test]
    fn an_arabic_briefing_is_a_right_to_left_document_with_escaped_text() {
        let scene = BriefScene {
            title: "إحاطة <1>".into(),
            subtitle: "a & b".into(),
            language: Language::Ar,
            sections: vec![BriefSection {
                heading: "H".into(),
                blocks: vec![BriefBlock::Table(BriefTable {
                    header: vec!["x".into()],
                    rows: vec![vec!["<script>".into()]],
                })],
            }],
            ..BriefScene::default()
        };
        let html = brief_html(&scene, PageSize::A4).expect("renders");
        assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"));
        assert!(html.contains("<h1>إحاطة &lt;1&gt;</h1>"));
        assert!(html.contains("<td>&lt;script&gt;</td>"));
        assert!(!html.contains("<script>"));
    }
}
