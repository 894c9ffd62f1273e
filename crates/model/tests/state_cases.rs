//! The state rule, one table of cases for two readers: the timeline (Rust) and the build's
//! facts check (`scripts/syria/state_cases.py`, which reads the same `state_cases.csv` with
//! `scripts/syria/build.py`'s `state_with_areas`). Synthetic data only.
//!
//! Each case is about one place `p`. Its rows are the place's own observations (`own`), the
//! observations of areas covering it (`area`, with how many places the area covers), and the
//! questions (`ask`: the date asked and the expected status and parties).

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use frontline_model::{
    AreaCover, Confidence, Observation, ObservationId, PartialDate, PartyId, PlaceId, Source,
    Stance, StateQuery, Status, Timeline,
};

fn table() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/state_cases.csv")
}

#[derive(Debug)]
struct Row {
    case: String,
    row: String,
    date: String,
    status: String,
    parties: Vec<String>,
    confidence: String,
    valid_until: String,
    area_places: String,
    stances: Vec<String>,
}

fn rows() -> Vec<Row> {
    let text = std::fs::read_to_string(table()).expect("the table of cases is there");
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            // No cell of the table holds a comma or a quote: split on commas.
            let c: Vec<&str> = line.split(',').collect();
            assert_eq!(c.len(), 10, "a row of 10 cells: {line}");
            let list = |s: &str| -> Vec<String> {
                s.split(';')
                    .filter(|x| !x.is_empty())
                    .map(str::to_owned)
                    .collect()
            };
            Row {
                case: c[0].into(),
                row: c[1].into(),
                date: c[2].into(),
                status: c[3].into(),
                parties: list(c[4]),
                confidence: c[5].into(),
                valid_until: c[6].into(),
                area_places: c[7].into(),
                stances: list(c[8]),
            }
        })
        .collect()
}

fn recorded() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
        .single()
        .expect("valid")
}

fn observation(subject: &PlaceId, r: &Row) -> Observation {
    let mut o = Observation {
        id: ObservationId::new("tmp").expect("valid"),
        place: subject.clone(),
        status: r.status.parse::<Status>().expect("a status"),
        parties: r
            .parties
            .iter()
            .map(|p| PartyId::new(p.as_str()).expect("valid"))
            .collect(),
        valid_from: PartialDate::parse(&r.date).expect("valid date"),
        valid_until: (!r.valid_until.is_empty())
            .then(|| PartialDate::parse(&r.valid_until).expect("valid date")),
        sources: r
            .stances
            .iter()
            .map(|s| Source {
                publisher: "Synthetic test source".into(),
                title: format!("{} {}", r.case, r.date),
                url: None,
                published: None,
                stance: Stance::parse(s).expect("a stance"),
            })
            .collect(),
        confidence: r.confidence.parse::<Confidence>().expect("a confidence"),
        note: None,
        recorded_at: recorded(),
        recorded_by: "test".into(),
        supersedes: vec![],
    };
    o.id = o.content_id();
    o
}

#[test]
fn the_timeline_gives_every_case_of_the_shared_table() {
    let rows = rows();
    let mut cases: Vec<&str> = rows.iter().map(|r| r.case.as_str()).collect();
    cases.dedup();
    let mut asked = 0;
    for case in cases {
        let of_case: Vec<&Row> = rows.iter().filter(|r| r.case == case).collect();
        let place = PlaceId::new("p").expect("valid");
        let mut observations = Vec::new();
        let mut covers = Vec::new();
        let mut others = Vec::new();
        for (i, r) in of_case.iter().enumerate() {
            match r.row.as_str() {
                "own" => observations.push(observation(&place, r)),
                "area" => {
                    // An area of `area_places` places: `p` and as many others.
                    let area = PlaceId::new(format!("area-{i}")).expect("valid");
                    let size: usize = r.area_places.parse().expect("a count");
                    let mut members = vec![place.clone()];
                    for k in 1..size {
                        let other = PlaceId::new(format!("q{k}")).expect("valid");
                        members.push(other.clone());
                        others.push(other);
                    }
                    observations.push(observation(&area, r));
                    covers.push(AreaCover {
                        area,
                        members,
                        from: recorded(),
                        until: None,
                    });
                }
                _ => {}
            }
        }
        others.sort();
        others.dedup();
        let places = std::iter::once(place.clone()).chain(others);
        let timeline = Timeline::with_areas(places, observations, &covers);
        for r in of_case.iter().filter(|r| r.row == "ask") {
            let on = NaiveDate::parse_from_str(&r.date, "%Y-%m-%d").expect("a day");
            let state = timeline.resolve_place(
                0,
                StateQuery {
                    on,
                    known_at: recorded(),
                },
            );
            let parties: Vec<String> = state.parties().iter().map(ToString::to_string).collect();
            assert_eq!(
                (state.status.to_string(), parties),
                (r.status.clone(), r.parties.clone()),
                "case {case}, asked on {on}"
            );
            asked += 1;
        }
    }
    assert!(asked >= 20, "the table asks {asked} questions");
}

/// The build's Python reading of the rule (the facts check of scripts/syria/build.py) gives
/// the same answers for the same table.
#[test]
fn the_build_script_gives_every_case_of_the_shared_table() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let script = root.join("scripts/syria/state_cases.py");
    let out = Command::new("python3")
        .arg(&script)
        .arg(table())
        .output()
        .expect("python3 runs (CPython 3.11 is part of the machine; see README)");
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("questions, all as expected"), "{said}");
}
