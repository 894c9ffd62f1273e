//! The briefing as one PDF of several pages, read back with poppler (pdfinfo, pdftotext,
//! pdftoppm: Debian's poppler-utils, which `.ci/run` installs).

use std::path::Path;
use std::process::Command;

use frontline_render::{
    BriefBlock, BriefScene, BriefSection, BriefTable, Language, PageSize, brief_pdf,
};

use crate::fixtures;

/// Runs a poppler tool on `pdf`, returning its standard output.
fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(pdf)
        .output()
        .unwrap_or_else(|e| panic!("{tool} runs (install Debian's poppler-utils): {e}"));
    assert!(
        out.status.success(),
        "{tool} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// The number of pages pdfinfo reports.
fn pages(pdf: &Path) -> usize {
    poppler("pdfinfo", &[], pdf)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo reports the pages")
}

/// The text of the PDF in the order it is drawn, runs of white space made one space.
fn text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs (install Debian's poppler-utils)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("UTF-8 text")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn scene(rows: usize, language: Language) -> BriefScene {
    BriefScene {
        title: "Briefing: Synthetic talks".into(),
        subtitle: "From 2019-12-31 to 2020-03-01".into(),
        language,
        maps: vec![fixtures::synthetic_scene(), fixtures::synthetic_change_scene()],
        sections: vec![
            BriefSection {
                heading: "The round".into(),
                blocks: vec![BriefBlock::Paragraph(
                    "Synthetic talks, Nowhere. Compared with the previous round.".into(),
                )],
            },
            BriefSection {
                heading: "Changed hands".into(),
                blocks: vec![BriefBlock::Table(BriefTable {
                    header: vec!["Place".into(), "Before".into(), "After".into(), "Source".into()],
                    rows: (0..rows)
                        .map(|i| {
                            vec![
                                format!("Village{i}"),
                                "Yellow Party".into(),
                                "Red Party".into(),
                                format!("Gazette{i}: a report long enough to wrap onto another line of its column, and then some more words"),
                            ]
                        })
                        .collect(),
                })],
            },
        ],
    }
}

#[test]
fn a_briefing_is_one_pdf_whose_pages_hold_every_row() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let pdf = dir.path().join("brief.pdf");
    std::fs::write(
        &pdf,
        brief_pdf(&scene(90, Language::En), PageSize::A4).expect("renders"),
    )
    .expect("writes");
    let n = pages(&pdf);
    assert!(n >= 4, "two map pages and the rows over two or more: {n}");
    let text = text(&pdf);
    assert!(text.contains("Briefing: Synthetic talks"), "{text}");
    assert!(
        text.contains("Changed hands since 2019-12-31"),
        "the change map"
    );
    for i in 0..90 {
        assert!(text.contains(&format!("Village{i} ")), "row {i} is printed");
        assert!(
            text.contains(&format!("Gazette{i}: a report")),
            "its source"
        );
    }
    assert!(
        text.contains(&format!("{n} / {n}")),
        "the last page is numbered"
    );
    // Every page renders, and none is blank.
    let out = Command::new("pdftoppm")
        .args(["-r", "12", "-gray", "-png"])
        .arg(&pdf)
        .arg(dir.path().join("page"))
        .status()
        .expect("pdftoppm runs");
    assert!(out.success());
    let mut rendered: Vec<_> = std::fs::read_dir(dir.path())
        .expect("lists")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("page"))
        .map(|e| std::fs::read(e.path()).expect("reads"))
        .collect();
    rendered.sort();
    assert_eq!(rendered.len(), n, "pdftoppm renders every page");
    for png in rendered {
        let decoder = png::Decoder::new(std::io::Cursor::new(png));
        let mut reader = decoder.read_info().expect("a png");
        let mut buf = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut buf).expect("a frame");
        buf.truncate(info.buffer_size());
        let dark = buf.iter().filter(|&&v| v < 128).count();
        assert!(dark > 10, "a page has ink");
    }
}

#[test]
fn an_arabic_briefing_keeps_its_pages_and_its_arabic_text() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let pdf = dir.path().join("brief.pdf");
    let mut scene = scene(5, Language::Ar);
    scene.title = "إحاطة: محادثات".into();
    scene.maps = vec![fixtures::arabic_scene()];
    std::fs::write(&pdf, brief_pdf(&scene, PageSize::A4).expect("renders")).expect("writes");
    assert_eq!(pages(&pdf), 2, "the map, then one page of text");
    let text = text(&pdf);
    assert!(
        text.chars()
            .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)
                || ('\u{FE70}'..='\u{FEFF}').contains(&c)),
        "Arabic text is extractable: {text}"
    );
    assert!(text.contains("Village4"), "{text}");
}
