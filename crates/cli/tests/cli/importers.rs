//! Issue 7's importers and the toll, end to end through the `frontline` binary: Wikipedia
//! detailed-map modules, UCDP GED events, published figures and `frontline toll`.
//!
//! Modules and GED files written here are small and synthetic. Tests of the real data
//! read it through FRONTLINE_SHARED_DATA and print that they were skipped when it is unset.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::db::Db;

use proptest::prelude::*;

/// What the importer tests ask of a database.
impl Db {
    fn export(&self) -> String {
        self.ok(&["export", "--format", "geojson"])
    }

    fn import_module(&self, path: &Path, date: &str, extra: &[&str]) -> Output {
        let mut args = vec![
            "import",
            "--format",
            "wikipedia-module",
            path.to_str().expect("utf-8"),
            "--date",
            date,
        ];
        args.extend(extra);
        self.run(&args)
    }

    /// The toll of 2016 by month, as JSON text.
    fn toll_2016_by_month(&self) -> String {
        self.ok(&[
            "toll",
            "--from",
            "2016-01-01",
            "--to",
            "2016-12-31",
            "--by",
            "month",
            "--format",
            "json",
        ])
    }

    /// Imports GED rows (see [`ged_row`]) under UCDP's header; returns what it printed.
    fn import_ged(&self, rows: &[String]) -> String {
        let path = self.write("ged.csv", format!("{GED_HEADER}{}", rows.concat()));
        self.ok(&[
            "import",
            "--format",
            "ucdp-ged",
            path.to_str().expect("utf-8"),
        ])
    }

    /// The state on `date`, by place id: (status, parties).
    fn states(&self, date: &str) -> HashMap<String, (String, Vec<String>)> {
        let rows = self.json(&["state", "--date", date, "--format", "json"]);
        rows.as_array()
            .expect("an array")
            .iter()
            .map(|r| {
                let parties = r["parties"]
                    .as_array()
                    .expect("parties")
                    .iter()
                    .map(|p| p.as_str().expect("id").to_owned())
                    .collect();
                (
                    r["place"].as_str().expect("id").to_owned(),
                    (r["status"].as_str().expect("status").to_owned(), parties),
                )
            })
            .collect()
    }

    /// Place kinds by id.
    fn kinds(&self) -> HashMap<String, String> {
        let rows = self.json(&["places", "--format", "json"]);
        rows.as_array()
            .expect("an array")
            .iter()
            .map(|p| {
                (
                    p["id"].as_str().expect("id").to_owned(),
                    p["kind"].as_str().expect("kind").to_owned(),
                )
            })
            .collect()
    }
}

/// The shared data folder, or `None` after printing why the test is skipped.
fn shared_data(test: &str) -> Option<PathBuf> {
    match std::env::var_os("FRONTLINE_SHARED_DATA") {
        Some(dir) => Some(PathBuf::from(dir)),
        None => {
            // Written to stderr directly, past the test harness's capture, so that a
            // skipped test is seen as skipped and not taken for a pass.
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED {test}: FRONTLINE_SHARED_DATA is not set (CI sets it to ../shared/data)"
            );
            None
        }
    }
}

/// The place id each mark line went to, from an import report.
fn places_by_line(report: &str) -> HashMap<u64, String> {
    let mut out = HashMap::new();
    for line in report.lines() {
        let (head, rest) = match line.split_once(": ") {
            Some(pair) => pair,
            None => continue,
        };
        let number = |prefix: &str| {
            head.strip_prefix(prefix)
                .and_then(|n| n.parse::<u64>().ok())
        };
        if let Some(n) = number("created line ") {
            out.insert(n, rest.trim().to_owned());
        } else if let Some(n) = number("matched line ") {
            let id = rest
                .split(" -> ")
                .nth(1)
                .and_then(|r| r.split(' ').next())
                .expect("an id");
            out.insert(n, id.to_owned());
        }
    }
    out
}

/// A synthetic module (written for these tests, not taken from Wikipedia) with the
/// quirks real modules have. Points lie in central Syria; "Palmyra" is a built-in place.
const MODULE: &str = r#"local m = mw.loadData('Module:Middle East conflicts map marks') return {
   secondaryModules = { "[[Module:Other map]]", },
   marks = {
       { lat = 34.3, long = 39.1, mark = "Synthetic minimap.svg", marksize = 184 },
       { lat = 34.5624, long = 38.2840, mark = m.gov, marksize = 10, label = "[[Palmyra]]", link = "Palmyra" },
       --{ lat = 34.70, long = 37.10, mark = m.IS, label = "[[Commented out]]" },
       --[=[ { lat = 34.71, long = 37.11, mark = m.IS, label = "[[Also out]]" },
       ]=]
       { lat = 34.20, long = 38.90, mark = m.gov_IS, marksize = 6, label = "'''[[Synthetic Contested|Contested Village]]'''" },
       { lat= 34.25, long = 38.95, mark = m.IS_siege, marksize= 5, label = 'Besieged<br>Hamlet' },
       { lat = 34.30, long = 39.00, mark = m.gov_air, marksize = 9, label = "[[Synthetic Air Base]]", "a positional link" },
       { lat = 34.35, long = 39.05, mark = m.pass_N, marksize = 18 },
       { lat = 34.35, long = 39.05, mark = m.opp, marksize = 5, label = "[[Synthetic Crossing]]" },
       { lat = 34.40, long = 39.10, mark = m.stable_gov_SDF, marksize = 5, label = "[[Mixed Town]]" },
   },
   containerArgs = { caption = [=[ a caption ]=] },
}
"#;

#[test]
fn a_module_becomes_low_confidence_wikipedia_observations_of_matched_and_new_places() {
    let db = Db::syria();
    let module = db.write("synthetic_module.lua", MODULE);
    let out = db.import_module(
        &module,
        "2017-07-15",
        &["--source-url", "https://example.org/synthetic-revision"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = String::from_utf8(out.stdout).expect("utf-8");
    assert!(report.contains("6 observations, 5 places"), "{report}");
    assert!(
        report.contains("1 matched to known places (1 by name, 0 by distance), 5 new places"),
        "{report}"
    );
    assert!(
        report.contains("matched line 5: \"Palmyra\" -> palmyra (by name"),
        "{report}"
    );
    assert!(
        report.contains("ignored line 4: \"Synthetic minimap.svg\" is not a control mark"),
        "{report}"
    );
    assert!(
        report.contains(
            "ignored line 12: border_crossing icon: sets the kind of the mark at line 13"
        ),
        "{report}"
    );
    let ids = places_by_line(&report);
    let states = db.states("2017-07-15");
    let kinds = db.kinds();
    let expect = |line: u64, status: &str, parties: &[&str], kind: &str| {
        let id = ids
            .get(&line)
            .unwrap_or_else(|| panic!("line {line} has a place: {report}"));
        let (s, p) = &states[id];
        assert_eq!(
            (s.as_str(), p.iter().map(String::as_str).collect::<Vec<_>>()),
            (status, parties.to_vec()),
            "line {line}"
        );
        assert_eq!(kinds[id], kind, "line {line}");
    };
    expect(5, "controlled", &["government"], "town");
    expect(9, "contested", &["government", "isis"], "village");
    expect(10, "besieged", &["isis"], "village");
    expect(11, "controlled", &["government"], "airport");
    expect(13, "controlled", &["opposition"], "border_crossing");
    expect(14, "joint", &["government", "sdf"], "village");
    let names: Vec<String> = db
        .json(&["places", "--format", "json"])
        .as_array()
        .expect("array")
        .iter()
        .map(|p| p["name"].as_str().expect("name").to_owned())
        .collect();
    assert!(
        names.contains(&"Contested Village".to_owned())
            && names.contains(&"Besieged Hamlet".to_owned()),
        "labels are cleaned"
    );
    let history = db.json(&["history", &ids[&9], "--format", "json"]);
    let obs = &history.as_array().expect("array")[0];
    assert_eq!(obs["confidence"], "low");
    let text = obs.to_string();
    assert!(
        text.contains("Wikipedia") && text.contains("https://example.org/synthetic-revision"),
        "{text}"
    );
}

#[test]
fn a_module_with_a_broken_entry_names_its_line_and_imports_nothing_unless_told_to_skip() {
    let db = Db::syria();
    let broken = MODULE.replace(
        "{ lat = 34.40, long = 39.10, mark = m.stable_gov_SDF",
        "{ lat = 34.40, long = 39.10, mark = m.gov, label = \"[[Unclosed]],\n label_size = 0 },\n       { lat = 34.41, long = 39.11, mark = m.stable_gov_SDF",
    );
    let path = db.write("broken.lua", broken);
    let before = db.export();
    let out = db.import_module(&path, "2017-07-15", &[]);
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert!(
        err.contains("broken.lua") && err.contains("line 14: ") && err.contains("nothing imported"),
        "{err}"
    );
    assert_eq!(before, db.export(), "a refused module stores nothing");

    let out = db.import_module(&path, "2017-07-15", &["--skip-bad"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        report.contains("skipped line 14: a line break inside a quoted string"),
        "{report}"
    );
    assert!(
        report.contains("1 skipped") && report.contains("6 observations"),
        "{report}"
    );
}

#[test]
fn unknown_marks_and_points_outside_the_boundary_are_broken_entries() {
    let db = Db::syria();
    let module = MODULE
        .replace("mark = m.stable_gov_SDF", "mark = m.martian")
        .replace("lat= 34.25, long = 38.95", "lat= 48.85, long = 2.35");
    let path = db.write("odd.lua", module);
    let err = String::from_utf8(db.import_module(&path, "2017-07-15", &[]).stderr).expect("utf-8");
    assert!(
        err.contains("line 10: lon:") && err.contains("outside the conflict's boundary"),
        "{err}"
    );
    assert!(err.contains("line 14: unknown mark \"martian\""), "{err}");
}

#[test]
fn a_user_mapping_gives_other_modules_their_meaning() {
    let db = Db::syria();
    let mapping = db.write("marks.csv", "mark,status,party,party2,kind,note\nred,controlled,government,,,synthetic\nblack,controlled,isis,,,synthetic\n*_camp,,,,base,synthetic\n");
    let module = db.write(
        "other.lua",
        "return { marks = {\n { lat = 34.2, long = 38.9, mark = m.red, label = \"Red Village\" },\n { lat = 34.3, long = 39.0, mark = m.black_camp, label = \"Black Camp\" },\n { lat = 34.4, long = 39.1, mark = m.red_black, label = \"Both\" },\n} }\n",
    );
    let out = db.import_module(
        &module,
        "2017-07-15",
        &["--mapping", mapping.to_str().expect("utf-8")],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ids = places_by_line(&String::from_utf8(out.stdout).expect("utf-8"));
    let states = db.states("2017-07-15");
    assert_eq!(states[&ids[&3]].1, vec!["isis"]);
    assert_eq!(db.kinds()[&ids[&3]], "base");
    assert_eq!(states[&ids[&4]].0, "contested");
}

/// One generated mark: a point in central Syria, a mark and a label.
fn arb_mark() -> impl Strategy<Value = (u32, u32, usize, usize)> {
    (0u32..200, 0u32..200, 0usize..6, 0usize..5)
}

fn module_text(marks: &[(u32, u32, usize, usize)]) -> String {
    let icons = [
        "m.gov",
        "m.opp",
        "m.IS",
        "m.SDF_IS",
        "m.gov_oil",
        "m.stable_opp_JaN",
    ];
    let labels = [
        "[[Alpha]]",
        "[[Bravo|Bravo Town]]",
        "'''Charlie'''",
        "Delta<br>East",
        "[[Echo (village)|Echo]]",
    ];
    let mut text = String::from("return { marks = {\n");
    for (dx, dy, icon, label) in marks {
        let lat = 34.5 + f64::from(*dy) * 0.005;
        let lon = 37.0 + f64::from(*dx) * 0.005;
        text.push_str(&format!(
            "  {{ lat = {lat:.3}, long = {lon:.3}, mark = {}, marksize = 5, label = \"{}\" }},\n",
            icons[*icon], labels[*label]
        ));
    }
    text.push_str("} }\n");
    text
}

/// Two marks on one spot that say different things about the same place are refused,
/// naming both lines; agreeing ones are one observation.
#[test]
fn two_marks_of_one_place_that_disagree_are_refused() {
    let db = Db::syria();
    let disagree = db.write(
        "disagree.lua",
        module_text(&[(10, 10, 0, 0), (10, 10, 1, 0)]),
    );
    let out = db.import_module(&disagree, "2017-07-15", &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "refused");
    assert!(
        err.contains("line 3: line 2 marks the same place") && err.contains("otherwise"),
        "{err}"
    );
    let agree = db.write("agree.lua", module_text(&[(10, 10, 0, 0), (10, 10, 0, 0)]));
    let out = db.import_module(&agree, "2017-07-15", &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    /// Importing a module, exporting, and importing the export again changes nothing;
    /// importing the module again changes nothing either.
    #[test]
    fn module_import_then_export_and_reimport_changes_nothing(marks in prop::collection::vec(arb_mark(), 1..25)) {
        // Two marks on one spot that say different things are refused (a test of its own):
        // one mark per spot here.
        let mut spots = std::collections::HashSet::new();
        let marks: Vec<_> = marks.into_iter().filter(|m| spots.insert((m.0, m.1))).collect();
        // The built-in places without their evidence and events: each case exports the
        // whole history three times.
        let db = Db::syria_places();
        let module = db.write("generated.lua", module_text(&marks));
        let out = db.import_module(&module, "2017-07-15", &[]);
        prop_assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let first = db.export();
        let again = db.import_module(&module, "2017-07-15", &[]);
        let again = String::from_utf8(again.stdout).expect("utf-8");
        prop_assert!(again.contains("imported 0 new records"), "{}", again);
        prop_assert_eq!(&first, &db.export());
        let exported = db.write("history.geojson", &first);
        let reimported = db.ok(&["import", exported.to_str().expect("utf-8")]);
        prop_assert!(reimported.contains("imported 0 new records"), "{}", reimported);
        prop_assert_eq!(&first, &db.export());
    }
}

/// Marks of the mid-2017 snapshot checked against the module's text: (line, the label
/// as written, status, parties, kind). Kinds of places matched to built-in places are
/// the built-in ones.
const SPOT_CHECKS: &[(u64, &str, &str, &[&str], &str)] = &[
    (
        10,
        "Aleppo International Airport & Nayrab Airbase",
        "controlled",
        &["government"],
        "airport",
    ),
    (12, "Tall Shahim", "controlled", &["government"], "other"),
    (16, "Zumlat al Mharr hill", "controlled", &["isis"], "other"),
    (
        22,
        "Khirbat Ma‘rata",
        "joint",
        &["opposition", "hts"],
        "village",
    ),
    (23, "Baflûnê", "controlled", &["sdf"], "village"),
    (
        24,
        "Amarinah Tahtaniyah",
        "controlled",
        &["opposition"],
        "village",
    ),
    (
        33,
        "Al Hattaniyah",
        "controlled",
        &["government"],
        "village",
    ),
    (
        47,
        "Al-Assad Hospital",
        "controlled",
        &["government"],
        "base",
    ),
    (53, "Zuwair", "controlled", &["isis"], "village"),
    (
        69,
        "Mazrur Oil Field",
        "controlled",
        &["government"],
        "oil_gas_field",
    ),
    (
        109,
        "Al-Rashidin 4 Sector",
        "controlled",
        &["hts"],
        "village",
    ),
    (
        137,
        "Zurbah Power Plant",
        "controlled",
        &["opposition"],
        "other",
    ),
    (
        340,
        "Khan al Hallabat",
        "controlled",
        &["opposition"],
        "base",
    ),
    (389, "Septe Airbase", "controlled", &["sdf"], "airport"),
    (
        412,
        "Jabal Laylun (Girê Mişka)",
        "controlled",
        &["sdf"],
        "other",
    ),
    (424, "Halisah", "joint", &["government", "sdf"], "village"),
    (
        663,
        "Turkish Military Base - Zilif",
        "controlled",
        &["turkey"],
        "base",
    ),
    (
        936,
        "Kharta oil facility",
        "controlled",
        &["isis"],
        "oil_gas_field",
    ),
    (
        941,
        "Maliha oil field",
        "controlled",
        &["sdf"],
        "oil_gas_field",
    ),
    (
        1035,
        "Bab al-Salame",
        "controlled",
        &["opposition"],
        "border_crossing",
    ),
    (
        1273,
        "Saint Simeon Citadel(Qalat Semaan)",
        "controlled",
        &["hts"],
        "base",
    ),
    (
        2233,
        "Qabr As Sitt Air Base",
        "controlled",
        &["government"],
        "airport",
    ),
    (
        2302,
        "Hawsh Salihiyah",
        "contested",
        &["government", "opposition"],
        "village",
    ),
    (
        2867,
        "Abandoned Mayadin Airport",
        "controlled",
        &["isis"],
        "airport",
    ),
    (
        5888,
        "ar-Rafiqah district",
        "contested",
        &["sdf", "isis"],
        "village",
    ),
];

#[test]
fn the_mid_2017_snapshot_gives_the_documented_places_and_parties_and_its_marks_check_out() {
    let Some(shared) = shared_data(
        "the_mid_2017_snapshot_gives_the_documented_places_and_parties_and_its_marks_check_out",
    ) else {
        return;
    };
    let path = shared.join("control/wikipedia_syria_detailed_map_mid2017.lua");
    let text = std::fs::read_to_string(&path).expect("the snapshot is readable");
    // Into the Syria conflict without its built-in places (which already hold this
    // snapshot), so that every mark is matched or created by the importer itself.
    let db = Db::syria_without_evidence();
    let refused = db.import_module(&path, "2017-07-15", &[]);
    assert!(!refused.status.success(), "the snapshot has broken entries");
    let out = db.import_module(&path, "2017-07-15", &["--skip-bad"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = String::from_utf8(out.stdout).expect("utf-8");
    // The figures stated in docs/importers.md, into a conflict with no places: every
    // control mark inside the boundary creates its place (marks on one spot share it).
    let head = &report[..report.find("\nmatched").unwrap_or(report.len()).min(600)];
    assert!(head.contains("(6020 observations, 6020 places)"), "{head}");
    let counts = head.lines().nth(1).expect("a counts line");
    let number_before = |word: &str| -> u64 {
        let at = counts
            .find(word)
            .unwrap_or_else(|| panic!("{word:?} in {counts}"));
        counts[..at]
            .split_whitespace()
            .last()
            .expect("a number")
            .parse()
            .expect("a number")
    };
    let matched = number_before(" matched to known places");
    let created = number_before(" new places");
    assert_eq!((matched, created), (0, 6020), "{counts}");
    assert!(
        counts.ends_with("65 not control marks, 94 skipped"),
        "{counts}"
    );
    assert!(
        head.contains("parties: government, hts, isis, opposition, sdf, turkey"),
        "{head}"
    );
    for line in [1384, 2785, 5910] {
        assert!(
            report.contains(&format!("skipped line {line}: ")),
            "line {line} is listed as skipped"
        );
    }
    // Kobanî's mark lies just north of Natural Earth's border line: with no built-in
    // place to match it to, it is skipped.
    assert!(
        report.contains(
            "skipped line 1023: lon: (38.354, 36.89) lies outside the conflict's boundary"
        ),
        "Kobanî is listed as outside"
    );
    // Ports on the coast lie outside the built-in (Natural Earth 1:10m) boundary.
    assert!(
        report.contains(
            "skipped line 5425: lon: (35.766, 35.515) lies outside the conflict's boundary"
        )
    );
    let lines: Vec<&str> = text.lines().collect();
    let ids = places_by_line(&report);
    let states = db.states("2017-07-15");
    let kinds = db.kinds();
    for (line, label, status, parties, kind) in SPOT_CHECKS {
        let written = lines[usize::try_from(*line).expect("small") - 1];
        assert!(
            written.contains(label),
            "line {line} of the module reads {written}"
        );
        let id = ids
            .get(line)
            .unwrap_or_else(|| panic!("line {line} ({label}) became a place"));
        let (s, p) = &states[id];
        assert_eq!(
            (s.as_str(), p.iter().map(String::as_str).collect::<Vec<_>>()),
            (*status, parties.to_vec()),
            "line {line} ({label})"
        );
        assert_eq!(&kinds[id], kind, "line {line} ({label})");
    }
}

const GED_HEADER: &str = "id,year,active_year,type_of_violence,conflict_new_id,conflict_name,dyad_new_id,dyad_name,side_a_new_id,side_a,side_b_new_id,gwnob,side_b,number_of_sources,source_article,source_office,source_date,source_headline,source_original,where_prec,where_coordinates,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,low,best,high\n";

/// A synthetic GED row (made-up numbers) with UCDP's column layout.
fn ged_row(
    id: u32,
    date: &str,
    side_a: &str,
    side_b: &str,
    deaths: [u32; 4],
    adm_1: &str,
) -> String {
    let best: u32 = deaths.iter().sum();
    format!(
        "{id}.0,2017.0,1.0,1.0,299.0,Syria: Government,1.0,A - B,1.0,{side_a},2.0,,{side_b},1.0,\"synthetic\",Synthetic Wire,{date},Synthetic headline,Synthetic,1.0,Synthetic town,{adm_1},Some district,34.8,36.7,POINT (36.7 34.8),1.0,Syria,652.0,Middle East,1.0,1.0,{date},{date},{}.0,{}.0,{}.0,{}.0,{}.0,{best}.0,{}.0\n",
        deaths[0],
        deaths[1],
        deaths[2],
        deaths[3],
        best.saturating_sub(1),
        best + 2
    )
}

#[test]
fn ged_events_give_the_toll_by_month_party_and_region_and_between_talks() {
    let db = Db::syria();
    let csv = format!(
        "{GED_HEADER}{}{}{}{}",
        ged_row(
            1,
            "2021-03-05",
            "Government of Syria",
            "Syrian insurgents",
            [2, 3, 1, 0],
            "Homs Governorate"
        ),
        ged_row(
            2,
            "2021-03-20",
            "IS",
            "SDF",
            [4, 1, 0, 1],
            "Ar Raqqah Governorate"
        ),
        ged_row(
            3,
            "2021-04-02",
            "Government of Syria",
            "IS",
            [1, 1, 0, 0],
            "Homs Governorate"
        ),
        ged_row(
            4,
            "2021-02-10",
            "Government of Syria",
            "Syrian insurgents",
            [9, 9, 9, 9],
            "Idlib Governorate"
        ),
    );
    let path = db.write("ged.csv", csv);
    let before = db.ok(&["state", "--date", "2017-03-31", "--format", "json"]);
    let out = db.ok(&[
        "import",
        "--format",
        "ucdp-ged",
        path.to_str().expect("utf-8"),
    ]);
    assert!(out.contains("imported 4 new events"), "{out}");
    assert_eq!(
        before,
        db.ok(&["state", "--date", "2017-03-31", "--format", "json"]),
        "events never change control"
    );
    assert!(
        db.ok(&[
            "import",
            "--format",
            "ucdp-ged",
            path.to_str().expect("utf-8")
        ])
        .contains("imported 0 new events (4 already stored)")
    );

    let toll = db.json(&[
        "toll",
        "--from",
        "2021-03-01",
        "--to",
        "2021-04-30",
        "--by",
        "month",
        "--format",
        "json",
    ]);
    assert_eq!(toll["total"]["events"], 3);
    assert_eq!(toll["total"]["deaths_best"], 6 + 6 + 2);
    assert_eq!(toll["total"]["deaths_low"], 5 + 5 + 1);
    assert_eq!(toll["total"]["deaths_high"], 8 + 8 + 4);
    assert_eq!(toll["rows"][0]["group"], "2021-03");
    assert_eq!(toll["rows"][0]["deaths_best"], 12);

    let by_party = db.json(&[
        "toll",
        "--from",
        "2021-03-01",
        "--to",
        "2021-04-30",
        "--by",
        "party",
        "--format",
        "json",
    ]);
    let gov = by_party["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["group"] == "Government of Syria")
        .expect("a row");
    assert_eq!(
        (
            gov["party"].as_str(),
            gov["events"].as_u64(),
            gov["deaths_of_side"].as_u64()
        ),
        (Some("government"), Some(2), Some(3))
    );
    let by_region = db.ok(&[
        "toll",
        "--from",
        "2021-03-01",
        "--to",
        "2021-04-30",
        "--by",
        "region",
        "--format",
        "csv",
    ]);
    assert!(
        by_region.contains("Homs Governorate,2,8,6,12,1"),
        "{by_region}"
    );

    // Astana 15 ended on 2021-02-17 and Astana 16 began on 2021-07-07 (data/syria/talks.csv).
    let between = db.json(&[
        "toll",
        "--between-milestones",
        "astana-15",
        "astana-16",
        "--format",
        "json",
    ]);
    assert_eq!(
        (between["from"].as_str(), between["to"].as_str()),
        (Some("2021-02-18"), Some("2021-07-06"))
    );
    assert_eq!(between["total"]["events"], 3);
}

#[test]
fn published_figures_import_like_other_csvs_and_print_with_the_toll() {
    let db = Db::syria();
    let figures = db.write(
        "figures.csv",
        "figure,value,date,source_publisher,source_title,source_url\ndisplaced,12000000,2016-03,Synthetic Agency,Synthetic displacement report,https://example.org/displaced\nkilled,400000,2016-04-22,Synthetic Envoy,Synthetic briefing,https://example.org/killed\nkilled,1,2030-01-01,Too Late,Not yet,https://example.org/later\n",
    );
    let out = db.fails(&["import", figures.to_str().expect("utf-8")]);
    assert!(
        out.contains("line 4") && out.contains("after today"),
        "a figure dated in the future is refused: {out}"
    );
    let figures = db.write(
        "figures.csv",
        "figure,value,date,source_publisher,source_title,source_url\ndisplaced,12000000,2016-03,Synthetic Agency,Synthetic displacement report,https://example.org/displaced\nkilled,400000,2016-04-22,Synthetic Envoy,Synthetic briefing,https://example.org/killed\n",
    );
    assert!(
        db.ok(&["import", figures.to_str().expect("utf-8")])
            .contains("2 figures")
    );
    let table = db.ok(&["toll", "--from", "2016-01-01", "--to", "2016-12-31"]);
    assert!(
        table.contains("displaced: 12000000 (as of 2016-03; Synthetic Agency"),
        "{table}"
    );
    let early = db.json(&[
        "toll",
        "--from",
        "2016-01-01",
        "--to",
        "2016-04-01",
        "--format",
        "json",
    ]);
    let synthetic: Vec<&serde_json::Value> = early["figures"]
        .as_array()
        .expect("figures")
        .iter()
        .filter(|f| {
            f["source"]["publisher"]
                .as_str()
                .is_some_and(|p| p.starts_with("Synthetic"))
        })
        .collect();
    assert_eq!(synthetic.len(), 1, "a figure shows from its date on");
}

#[test]
fn a_ged_file_with_a_missing_column_or_an_impossible_date_is_refused_with_line_and_column() {
    let db = Db::syria();
    let missing = db.write(
        "missing.csv",
        GED_HEADER.replace(",deaths_civilians", "") + "1\n",
    );
    let err = db.fails(&[
        "import",
        "--format",
        "ucdp-ged",
        missing.to_str().expect("utf-8"),
    ]);
    assert!(
        err.contains("missing.csv: line 1: missing column \"deaths_civilians\""),
        "{err}"
    );
    let good = ged_row(1, "2021-03-05", "A", "B", [1, 0, 0, 0], "X");
    let impossible = ged_row(2, "2017-02-30", "A", "B", [1, 0, 0, 0], "X");
    let bad = db.write("bad.csv", format!("{GED_HEADER}{good}{impossible}"));
    let err = db.fails(&[
        "import",
        "--format",
        "ucdp-ged",
        bad.to_str().expect("utf-8"),
    ]);
    assert!(
        err.contains("bad.csv: line 3: field \"date_start\": \"2017-02-30\" is not a date"),
        "{err}"
    );
    let toll = db.json(&[
        "toll",
        "--from",
        "2021-01-01",
        "--to",
        "2021-12-31",
        "--format",
        "json",
    ]);
    assert_eq!(toll["total"]["events"], 0, "a refused file stores nothing");
}

#[test]
fn the_shared_ged_totals_for_2016_equal_a_plain_sum_over_the_csv() {
    let Some(shared) = shared_data("the_shared_ged_totals_for_2016_equal_a_plain_sum_over_the_csv")
    else {
        return;
    };
    let path = shared.join("events/ucdp_ged_syria_2016-01_2019-11_full.csv.gz");
    // The plain sum, straight from the file.
    let file = std::fs::File::open(&path).expect("the GED file opens");
    let mut csv = csv::Reader::from_reader(flate2::read::MultiGzDecoder::new(file));
    let header = csv.headers().expect("a header").clone();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .expect("the column exists")
    };
    let (start, low, best, high) = (col("date_start"), col("low"), col("best"), col("high"));
    let mut sums = [0u64; 4];
    let mut all = 0u64;
    for row in csv.records() {
        let row = row.expect("a row");
        all += 1;
        if row[start].starts_with("2016-") {
            sums[0] += 1;
            for (i, c) in [low, best, high].into_iter().enumerate() {
                sums[i + 1] += row[c].parse::<f64>().expect("a number") as u64;
            }
        }
    }
    assert_eq!(all, 16_566);
    // The built-in data holds these events (data/syria, derived by scripts/syria/build.py):
    // importing the file adds none.
    let db = Db::syria();
    let out = db.ok(&[
        "import",
        "--format",
        "ucdp-ged",
        path.to_str().expect("utf-8"),
    ]);
    assert!(
        out.contains("imported 0 new events (16566 already stored)"),
        "{out}"
    );
    let toll: serde_json::Value =
        serde_json::from_str(&db.toll_2016_by_month()).expect("valid JSON");
    let total = &toll["total"];
    let got = [
        &total["events"],
        &total["deaths_low"],
        &total["deaths_best"],
        &total["deaths_high"],
    ]
    .map(|v| v.as_u64().expect("a count"));
    assert_eq!(got, sums);
    let months: u64 = toll["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["deaths_best"].as_u64().expect("a count"))
        .sum();
    assert_eq!(months, sums[2], "the months add up to the year");
}

#[test]
fn events_show_on_the_map_and_deaths_per_month_in_the_series() {
    let db = Db::syria();
    db.import_ged(&[
        ged_row(
            1,
            "2021-03-05",
            "Government of Syria",
            "Syrian insurgents",
            [2, 3, 1, 0],
            "Homs Governorate",
        ),
        ged_row(
            2,
            "2021-03-20",
            "IS",
            "SDF",
            [4, 1, 0, 1],
            "Ar Raqqah Governorate",
        ),
        ged_row(
            3,
            "2021-04-02",
            "Government of Syria",
            "IS",
            [1, 1, 0, 0],
            "Homs Governorate",
        ),
    ]);
    let series: serde_json::Value = serde_json::from_str(&db.ok(&[
        "series",
        "--from",
        "2021-02-28",
        "--to",
        "2021-04-28",
        "--step",
        "month",
        "--format",
        "json",
    ]))
    .expect("JSON");
    let tolls: Vec<(u64, u64)> = series["points"]
        .as_array()
        .expect("points")
        .iter()
        .map(|p| {
            (
                p["toll"]["events"].as_u64().expect("n"),
                p["toll"]["deaths_best"].as_u64().expect("n"),
            )
        })
        .collect();
    // Points on 02-28, 03-28 and 04-28: March has events 1 and 2 (6 + 6 deaths), April event 3.
    assert_eq!(tolls, vec![(0, 0), (2, 12), (1, 2)]);
    let out = db.dir.path().join("events.svg");
    db.ok(&[
        "map",
        "--date",
        "2021-03-31",
        "--events-since",
        "2021-03-01",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    let svg = std::fs::read_to_string(&out).expect("written");
    assert_eq!(
        svg.matches("fill=\"#7a0019\"").count(),
        2,
        "two events in March"
    );
    assert!(svg.contains("2 violent events"), "the toll is stated");
}

/// Events are part of the history: `export` writes them (GeoJSON `event` features,
/// `events.csv`) and importing the export gives the same events and the same toll.
#[test]
fn events_are_exported_with_the_history_and_import_back() {
    let db = Db::seeded();
    db.import_ged(&[
        ged_row(
            7,
            "2016-03-05",
            "Government of Syria",
            "Syrian insurgents",
            [2, 3, 1, 0],
            "Homs Governorate",
        ),
        ged_row(
            8,
            "2016-04-20",
            "IS",
            "SDF",
            [4, 1, 0, 1],
            "Ar Raqqah Governorate",
        ),
    ]);
    let toll = Db::toll_2016_by_month;
    let history = db.export();
    assert_eq!(history.matches(r#""frontline:kind":"event""#).count(), 2);

    let copy = Db::empty();
    let file = copy.write("history.geojson", &history);
    let out = copy.ok(&["restore", file.to_str().expect("utf-8")]);
    assert!(out.contains("2 events"), "{out}");
    assert_eq!(copy.export(), history);
    assert_eq!(toll(&copy), toll(&db));
    let again = copy.ok(&["import", file.to_str().expect("utf-8")]);
    assert!(again.contains("imported 0 new records"), "{again}");

    let from_csv = db.copy_through_csv();
    assert_eq!(from_csv.export(), history);
    assert_eq!(toll(&from_csv), toll(&db));
}

/// An events file (as `export` writes them) with a bad row is refused, naming the line
/// and the field, and nothing is stored.
#[test]
fn a_bad_events_row_is_refused_with_its_line_and_field() {
    let db = Db::seeded();
    let header = "event,date_start,date_end,lon,lat,type_of_violence,side_a,side_b,deaths_best\n";
    for (row, field) in [
        ("e1,2016-13-01,2016-03-02,36.1,34.1,1,A,B,3", "date_start"),
        ("e1,2016-03-05,2016-03-02,36.1,34.1,1,A,B,3", "date_end"),
        ("e1,2016-03-01,2016-03-02,236.1,34.1,1,A,B,3", "lon"),
        (
            "e1,2016-03-01,2016-03-02,36.1,34.1,one,A,B,3",
            "type_of_violence",
        ),
        ("e1,2016-03-01,2016-03-02,36.1,34.1,1,A,B,-3", "deaths_best"),
        ("e1,2099-03-01,2099-03-02,36.1,34.1,1,A,B,3", "date_start"),
    ] {
        db.refuses(
            "events.csv",
            format!("{header}{row}\n"),
            &["line 2", &format!("\"{field}\"")],
        );
    }
    assert!(!db.export().contains(r#""frontline:kind":"event""#));
}

#[test]
fn a_module_whose_parties_the_database_lacks_fails_and_says_which_to_create() {
    let db = Db::empty();
    let boundary = db.write(
        "boundary.geojson",
        r#"{"type":"Polygon","coordinates":[[[37.5,33.5],[40.0,33.5],[40.0,35.5],[37.5,35.5],[37.5,33.5]]]}"#,
    );
    db.ok(&[
        "init",
        "--name",
        "Synthetic conflict without parties",
        "--boundary",
        boundary.to_str().expect("utf-8"),
        "--start",
        "2011-03-15",
    ]);
    let path = db.write("module.lua", MODULE);
    let before = db.export();
    let out = db.import_module(&path, "2017-07-15", &["--skip-bad"]);
    assert!(!out.status.success(), "an import of nothing must fail");
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert!(
        err.contains("none of the module's")
            && err.contains("parties this database does not have (")
            && err.contains("government")
            && err.contains("nothing imported"),
        "{err}"
    );
    assert_eq!(before, db.export());
}
