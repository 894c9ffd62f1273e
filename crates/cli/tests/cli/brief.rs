//! `frontline brief`: the envoy's briefing for a round of talks on the built-in Syria data,
//! read back from the PDF with poppler (pdfinfo, pdftotext, pdftoppm: Debian's
//! poppler-utils, which `.ci/run` installs).

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::db::Db;

/// Runs a poppler tool; its standard output.
fn poppler(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} runs (install Debian's poppler-utils): {e}"));
    assert!(
        out.status.success(),
        "{tool} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// The pieces of `name` that text extraction keeps intact: a letter with a combining mark
/// comes back from pdftotext doubled ("Tall Z̧alfa" as "Tall ZZ̧alfa"), so it is cut out
/// and the pieces around it are compared.
fn pieces(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let combining = |c: char| ('\u{0300}'..='\u{036F}').contains(&c);
    let mut out = vec![String::new()];
    for (i, &c) in chars.iter().enumerate() {
        let marked = chars.get(i + 1).is_some_and(|&n| combining(n));
        if combining(c) || marked {
            out.push(String::new());
        } else if let Some(last) = out.last_mut() {
            last.push(c);
        }
    }
    out.into_iter().filter(|p| p.trim().len() >= 2).collect()
}

/// The pages pdfinfo counts.
fn pages(pdf: &Path) -> usize {
    poppler("pdfinfo", &[pdf.to_str().expect("UTF-8")])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo counts the pages")
}

/// `text` without combining marks (pdftotext gives "Tall Z̧alfa" back with its cedilla
/// elsewhere), for comparing names.
fn bare(text: &str) -> String {
    text.chars()
        .filter(|c| !('\u{0300}'..='\u{036F}').contains(c))
        .collect()
}

/// The PDF's text in drawing order, runs of white space made one space, without combining
/// marks.
fn text(pdf: &Path) -> String {
    bare(&poppler(
        "pdftotext",
        &["-raw", "-enc", "UTF-8", pdf.to_str().expect("UTF-8"), "-"],
    ))
    .split_whitespace()
    .collect::<Vec<_>>()
    .join(" ")
}

/// Writes the briefing with `args` into the database's folder; its path.
fn brief(db: &Db, name: &str, args: &[&str]) -> std::path::PathBuf {
    let out = db.path(name);
    let mut all = vec!["brief"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--out", out.to_str().expect("UTF-8")]);
    let printed = db.ok(&all);
    assert!(printed.contains("wrote"), "{printed}");
    out
}

/// The first source's publisher of the deciding (last) observation of a changed place.
fn publisher(change: &Value) -> &str {
    change["evidence"]
        .as_array()
        .and_then(|e| e.last())
        .and_then(|e| e["sources"][0]["publisher"].as_str())
        .unwrap_or_default()
}

#[test]
fn brief_geneva_8_is_one_pdf_of_its_maps_shares_and_every_change_with_its_source() {
    let db = Db::syria();
    let pdf = brief(&db, "geneva-8.pdf", &["geneva-8"]);
    let n = pages(&pdf);
    assert!(
        n >= 4,
        "the opening map, the change map and the text: {n} pages"
    );
    let text = text(&pdf);
    assert!(text.contains("Briefing: Geneva VIII talks"), "{text}");
    assert!(text.contains(
        "Compared with the previous round, Geneva VII talks, which opened on 2017-07-10."
    ));
    assert!(
        text.contains("Changed hands since 2017-07-10"),
        "the change map"
    );
    // The shares at the opening, as `diff` computes them.
    let diff = db.json(&["diff", "geneva-7", "geneva-8", "--format", "json"]);
    let body = &text[text
        .find("Who held what at the opening, 2017-11-28")
        .expect("the shares section")..];
    for k in diff["after"]["parties"].as_array().expect("rows") {
        let row = format!(
            "{:.0} {:.1} {:.1} {} {:.1}",
            k["area_km2"].as_f64().expect("area"),
            k["area_pct"].as_f64().expect("share"),
            k["effective_pct"].as_f64().expect("effective"),
            k["population"],
            k["population_pct"].as_f64().expect("people"),
        );
        assert!(body.contains(&row), "the shares of {}: {row}", k["id"]);
    }
    // Every place that changed hands, each with its source, in the text pages.
    let changes = diff["places"].as_array().expect("changes");
    assert!(changes.len() > 20, "{} changes", changes.len());
    let section = &body[body
        .find("Changed hands from 2017-07-10 to 2017-11-28")
        .expect("the changes section")
        ..body
            .find("Reorganised, not changes of hands")
            .expect("the reorganisations")];
    assert!(section.contains(&format!("{} places changed hands", changes.len())));
    for c in changes {
        let name = c["name"].as_str().expect("a name");
        for piece in pieces(name) {
            assert!(section.contains(piece.trim()), "{name} is listed");
        }
        assert!(
            section.contains(&bare(publisher(c))),
            "{name}'s source {}",
            publisher(c)
        );
    }
    assert!(body.contains("Gains are temporary: the 12 months to 2017-11-28"));
    assert!(body.contains("The toll from 2017-07-10 to 2017-11-28"));
    // The built-in data holds UCDP GED's events of 2016-2019 and published figures.
    assert!(
        body.contains("violent events") && !body.contains("No toll figures are loaded"),
        "the toll of the period is given from the built-in events"
    );
    assert!(body.contains("Method, sources and licences"));
    // Every page renders with ink on it.
    let prefix = db.path("page");
    poppler(
        "pdftoppm",
        &[
            "-r",
            "10",
            "-gray",
            "-png",
            pdf.to_str().expect("UTF-8"),
            prefix.to_str().expect("UTF-8"),
        ],
    );
    let rendered = std::fs::read_dir(db.dir.path())
        .expect("lists")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("page"))
        .count();
    assert_eq!(rendered, n, "pdftoppm renders every page");
}

#[test]
fn a_succession_is_listed_apart_in_the_brief_of_geneva_9() {
    let db = Db::syria();
    let pdf = brief(&db, "geneva-9.pdf", &["geneva-9"]);
    let text = text(&pdf);
    let diff = db.json(&["diff", "geneva-8", "geneva-9", "--format", "json"]);
    let changed = text
        .find("Changed hands from 2017-11-28 to 2018-01-25")
        .expect("the changes section");
    let apart = text
        .find("Reorganised, not changes of hands")
        .expect("the reorganisations");
    let net = text.find("Net change per party").expect("the balance");
    let reorganised = diff["reorganised"].as_array().expect("array");
    assert!(reorganised.len() >= 4, "the SNA: {reorganised:?}");
    for c in reorganised {
        let name = c["name"].as_str().expect("a name");
        let piece = pieces(name)
            .into_iter()
            .max_by_key(String::len)
            .expect("a name");
        let piece = piece.trim();
        assert!(
            !text[changed..apart].contains(piece),
            "{name} is no change of hands"
        );
        assert!(text[apart..net].contains(piece), "{name} is listed apart");
    }
    assert!(
        text[apart..net].contains("became Syrian National Army"),
        "{}",
        &text[apart..net]
    );
}

#[test]
fn an_arabic_brief_is_the_whole_document_in_arabic() {
    // As HTML: the same scene as the PDF (the render crate reads an Arabic PDF back), one
    // derivation fewer for CI.
    let db = Db::syria();
    let html = brief(&db, "geneva-8-ar.html", &["geneva-8", "--lang", "ar"]);
    let html = std::fs::read_to_string(html).expect("reads");
    assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"));
    for heading in [
        "إحاطة: Geneva VIII talks",
        "تغيّرت السيطرة من 2017-07-10 إلى 2017-11-28",
        "المنهج والمصادر والتراخيص",
    ] {
        assert!(html.contains(heading), "{heading}");
    }
    assert!(
        html.contains("حلب") || html.contains("دير الزور"),
        "places by their Arabic names"
    );
}

#[test]
fn brief_refuses_an_unknown_round_listing_the_rounds_and_compares_the_first_with_the_start() {
    let db = Db::syria();
    let err = db.fails(&["brief", "geneva-99"]);
    assert!(
        err.contains(
            "no round of talks has the id \"geneva-99\"; the rounds are: geneva-1, geneva-2"
        ),
        "{err}"
    );
    assert!(err.contains("geneva-9"), "{err}");
    let err = db.fails(&["brief", "geneva-8", "--out", "brief.png"]);
    assert!(
        err.contains("a briefing is written as .pdf or .html"),
        "{err}"
    );
    let err = db.fails(&[
        "brief",
        "--from",
        "2018-01-01",
        "--to",
        "2017-01-01",
        "--out",
        "x.html",
    ]);
    assert!(err.contains("2018-01-01 is after 2017-01-01"), "{err}");
    let err = db.fails(&["brief"]);
    assert!(err.contains("<ROUND>") || err.contains("--from"), "{err}");
    // The first round has none before it: the start of the conflict, or --since.
    let html = brief(&db, "geneva-1.html", &["geneva-1"]);
    let html = std::fs::read_to_string(html).expect("reads");
    assert!(
        html.contains("No earlier round: compared with the start of the conflict, 2011-03-15."),
        "{html}"
    );
    assert!(html.contains("Changed hands from 2011-03-15 to 2012-06-30"));
    // --since (and the period's checks) are tested on the server's synthetic data, quicker.
}
