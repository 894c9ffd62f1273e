//! The XSS corpus (issue 12 item 7): markup and script put through every text field that
//! reaches the print maps and charts (the conflict's name, party, place, region and area
//! names, milestone names, source titles, notes) comes out of `frontline map` and `frontline
//! chart` as escaped text, never as markup, and the JSON answers carry it as the same inert
//! text. (The viewer's side is tested in Chromium: viewer/test/viewer.test.mjs, "a place
//! named <script> shows as text".)

use crate::db::{Db, fixture};

/// Hostile strings, each of which would run or inject something if pasted into SVG or HTML.
const CORPUS: &[&str] = &[
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(2)>",
    "javascript:alert(3)",
    "</text><script>alert(4)</script><text>",
    "' onmouseover='alert(5)",
    "<![CDATA[<svg onload=alert(6)>]]>",
    "&lt;b&gt;&amp;",
    "<a href=\"javascript:alert(8)\">x</a>",
];

/// A CSV cell holding `text` (quoted, quotes doubled).
fn cell(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// The synthetic conflict with a hostile string in every text field.
fn hostile() -> Db {
    let db = Db::empty();
    db.ok(&[
        "init",
        "--name",
        CORPUS[0],
        "--boundary",
        fixture("boundary.geojson").to_str().expect("utf-8"),
        "--start",
        "2011-03-15",
    ]);
    let parties = db.write(
        "parties.csv",
        format!(
            "id,name,colour,kind,valid_from\nred,{},#e31a1c,state,2011-01-01\nblue,{},#1f78b4,non-state,2011-01-01\n",
            cell(CORPUS[1]),
            cell(CORPUS[3]),
        ),
    );
    let places = db.write(
        "places.csv",
        format!(
            "id,name,lon,lat,kind,population\nalpha,{},10.5,10.5,city,500000\nbravo,{},11.5,10.5,town,40000\ncharlie,{},11.5,11.5,city,90000\n",
            cell(CORPUS[3]),
            cell(CORPUS[4]),
            cell(CORPUS[7]),
        ),
    );
    let obs = |place: &str, date: &str, party: &str, i: usize| {
        format!(
            "{place},{date},controlled,{party},{},{},https://example.org/{i},{date},{}\n",
            cell(CORPUS[i % CORPUS.len()]),
            cell(CORPUS[(i + 1) % CORPUS.len()]),
            cell(CORPUS[(i + 2) % CORPUS.len()]),
        )
    };
    let observations = db.write(
        "observations.csv",
        format!(
            "place,date,status,party,source_publisher,source_title,source_url,source_date,note\n{}{}{}{}{}",
            obs("alpha", "2012-01-01", "red", 0),
            obs("bravo", "2012-01-01", "red", 1),
            obs("charlie", "2012-01-01", "blue", 2),
            obs("alpha", "2014-01-01", "blue", 3),
            obs("zone", "2014-06-01", "red", 4),
        ),
    );
    let milestones = db.write(
        "milestones.csv",
        format!(
            "id,name,start,series\nm1,{},2013-01-01,talks\nm2,{},2015-01-01,talks\n",
            cell(CORPUS[5]),
            cell(CORPUS[6]),
        ),
    );
    let regions = db.write(
        "regions.geojson",
        serde_json::json!({"type": "FeatureCollection", "features": [
            {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[10.1, 10.1], [10.9, 10.1], [10.9, 10.9], [10.1, 10.9], [10.1, 10.1]]]},
             "properties": {"id": "R1", "name": CORPUS[2], "level": 1}}
        ]})
        .to_string(),
    );
    let areas = db.write(
        "areas.geojson",
        serde_json::json!({"type": "FeatureCollection", "features": [
            {"type": "Feature", "geometry": null,
             "properties": {"frontline:kind": "area", "id": "zone", "name": CORPUS[1], "drawn": CORPUS[0], "places": "bravo;charlie"}}
        ]})
        .to_string(),
    );
    db.ok(&[
        "import",
        regions.to_str().expect("utf-8"),
        parties.to_str().expect("utf-8"),
        places.to_str().expect("utf-8"),
    ]);
    db.ok(&[
        "import",
        areas.to_str().expect("utf-8"),
        observations.to_str().expect("utf-8"),
        milestones.to_str().expect("utf-8"),
    ]);
    db
}

/// Markup in an SVG document that did not come from the renderer, if any: since escaped
/// text holds no `<`, every `<` opens a tag, which must be one the renderer writes, with no
/// event-handler attribute and no `javascript:` link.
fn injected(svg: &str) -> Option<String> {
    const ELEMENTS: &[&str] = &[
        "?xml",
        "!--",
        "svg",
        "g",
        "path",
        "text",
        "tspan",
        "rect",
        "circle",
        "line",
        "polyline",
        "polygon",
        "defs",
        "clipPath",
        "pattern",
        "title",
        "desc",
        "style",
        "linearGradient",
        "stop",
        "use",
        "mask",
        "ellipse",
        "marker",
        "symbol",
    ];
    for tag in svg.split('<').skip(1) {
        let body = tag.split('>').next().unwrap_or_default();
        let name = body
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or_default();
        if !ELEMENTS.contains(&name) {
            return Some(format!("the element <{body}>"));
        }
        let lower = body.to_ascii_lowercase();
        let handler = lower
            .split_whitespace()
            .any(|attribute| attribute.starts_with("on") && attribute.contains('='));
        if handler || lower.contains("javascript:") {
            return Some(format!("the attribute in <{body}>"));
        }
    }
    None
}

#[test]
fn hostile_text_in_every_field_is_escaped_in_print_maps_and_charts_and_inert_in_json() {
    let db = hostile();
    let svg_of = |args: &[&str], name: &str| {
        let out = db.path(name);
        let mut all = args.to_vec();
        all.extend(["--out", out.to_str().expect("utf-8")]);
        db.ok(&all);
        std::fs::read_to_string(out).expect("the SVG is written")
    };
    let maps = [
        svg_of(&["map", "--date", "2014-07-01"], "map.svg"),
        svg_of(
            &["map", "--date", "2014-07-01", "--compare", "m1"],
            "change.svg",
        ),
        svg_of(
            &["map", "--date", "2014-07-01", "--lang", "ar"],
            "map-ar.svg",
        ),
        svg_of(
            &[
                "chart",
                "--from",
                "2012-01-01",
                "--to",
                "2015-06-01",
                "--population",
            ],
            "chart.svg",
        ),
    ];
    for (i, svg) in maps.iter().enumerate() {
        assert!(
            svg.starts_with("<?xml") || svg.starts_with("<svg"),
            "output {i} is SVG"
        );
        if let Some(bad) = injected(svg) {
            panic!("output {i} holds markup: {bad}");
        }
    }
    // The names are drawn, escaped: the legend's party, a place's label, the title.
    let map = &maps[0];
    for drawn in [
        "&quot;&gt;&lt;img src=x onerror=alert",
        "&lt;/text&gt;&lt;script&gt;alert(4)&lt;/script&gt;&lt;text&gt;",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
    ] {
        assert!(map.contains(drawn), "the map shows {drawn:?}");
    }
    assert!(
        maps[3].contains("&amp;lt;b&amp;gt;&amp;amp;") || maps[3].contains("&lt;![CDATA["),
        "the chart marks the milestones, escaped"
    );

    // JSON carries the strings as they were written: text, for the client to show as text.
    let history = db.json(&["history", "alpha", "--format", "json"]);
    let texts = history.to_string();
    for s in &CORPUS[..4] {
        assert!(
            texts.contains(&serde_json::to_string(s).expect("a JSON string")[1..s.len()]),
            "history carries {s:?}"
        );
    }
    let state = db.json(&["state", "--date", "2014-07-01", "--format", "json"]);
    let names: Vec<&str> = state
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(|r| r["name"].as_str())
        .collect();
    assert!(names.contains(&CORPUS[3]), "{names:?}");
}

#[test]
fn the_markup_check_finds_what_escaping_would_have_prevented() {
    assert_eq!(
        injected("<svg><text>&lt;script&gt;alert(1)&lt;/script&gt; onerror=x</text></svg>"),
        None
    );
    for bad in [
        "<svg><text></text><script>alert(1)</script></svg>",
        "<svg><text x=\"1\"></text><img src=x onerror=alert(2)></svg>",
        "<svg><text x=\"\" onmouseover=\"alert(5)\">x</text></svg>",
        "<svg><a href=\"javascript:alert(8)\">x</a></svg>",
    ] {
        assert!(injected(bad).is_some(), "{bad}");
    }
}
