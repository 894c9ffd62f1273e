//! Fuzz targets, one per reader, on the stable toolchain: valid seed files mutated at
//! random (bytes inserted, deleted, replaced, repeated; tokens of the formats' syntax
//! inserted; the file cut) and read. The property: the reader returns records or a clean
//! error, never panics, never hangs (each read within a time limit).
//!
//! A short run in CI (`FRONTLINE_FUZZ_CASES`, default 1,000 mutants per target); a long one
//! with `FRONTLINE_FUZZ_SECONDS` per target (scripts/bench/fuzz.sh). Inputs that fail are
//! saved under tests/fuzz-found when `FRONTLINE_FUZZ_SAVE=1`, and every file there is
//! replayed by `inputs_found_by_fuzzing_are_read_without_panic`. Each target prints how
//! many mutants it read (seen with `--nocapture`).

#![allow(clippy::print_stderr)]

use std::io::Cursor;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{TimeZone as _, Utc};
use frontline_formats::{
    CsvRecords, Defaults, GedEvents, MarkMapping, ModuleContext, read_boundary_str,
    read_geojson_str, read_module_str,
};
use frontline_model::{Confidence, PartialDate, Source, Stance};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

/// Longer than any read of a small file takes, even unoptimised: beyond it, a hang.
const TOO_LONG: Duration = Duration::from_secs(5);

const PARTIES: &str = "id,name,name_ar,colour,kind,parent,valid_from,note\n\
    red,Red Force,القوة الحمراء,#e31a1c,state,,2011-01-01,synthetic\n\
    blue,Blue Front,,#1f78b4,non-state,red,2012-01,\"a \"\"quoted\"\" note\"\n";
const PLACES: &str = "id,name,lon,lat,kind,population,population_year,names\n\
    alpha,Alpha,10.5,10.5,city,500000,2004,ar=ألفا;fr=Alpha\n\
    bravo,\"Bravo, Old\",11.5,10.5,town,,,\n";
const OBSERVATIONS: &str = "place,date,status,party,party2,source_publisher,source_title,source_url,source_date,source_stance,confidence,supersedes,note\n\
    alpha,2012-03-01,controlled,red,,Wire,Red holds Alpha,https://example.org/1,2012-03-02,neutral,high,,x\n\
    bravo,2013,contested,red,blue,Media,Fighting,https://example.org/3,2013-05-01,aligned:blue,low,obs-1;obs-2,\n";
const MILESTONES: &str = "id,name,start,end,series,source_publisher,source_title,source_url\n\
    m1,Round 1,2016-01-29,2016-02-03,Talks,Wire,Round 1,https://example.org/m\n";
const FIGURES: &str = "figure,value,date,source_publisher,source_title,source_url\n\
    displaced,\"12,000\",2016-03,Wire,Figures,https://example.org/f\n";
const EVENTS: &str = "event,date_start,date_end,lon,lat,type_of_violence,side_a,side_b,deaths_best,source_publisher,source_title,source_url\n\
    e1,2016-03-01,2016-03-02,10.5,10.5,1,A,B,3,W,T,https://example.org/e\n";
const GEOJSON: &str = r##"{"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"Point","coordinates":[10.5,10.5]},"properties":{"id":"alpha","name":"Alpha","kind":"city","population":500000}},
{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[10.1,10.1],[10.9,10.1],[10.9,10.9],[10.1,10.9],[10.1,10.1]],[[10.3,10.3],[10.4,10.3],[10.4,10.4],[10.3,10.3]]]},"properties":{"id":"R1","name":"One","level":1}},
{"type":"Feature","geometry":null,"properties":{"frontline:kind":"area","id":"zone","name":"Zone","drawn":"synthetic","places":"alpha;bravo"}},
{"type":"Feature","geometry":null,"properties":{"frontline:kind":"party","id":"red","name":"Red","colour":"#e31a1c"}},
{"type":"Feature","geometry":{"type":"Point","coordinates":[10.5,10.5]},"properties":{"place":"alpha","date":"2014-06","status":"controlled","party":"red","source_publisher":"W","source_title":"T","source_url":"https://example.org/2","source_date":"2014-07-01"}}
]}"##;
const BOUNDARY: &str = r#"{"type":"Feature","properties":{},"geometry":{"type":"MultiPolygon","coordinates":[[[[10.0,10.0],[12.0,10.0],[12.0,12.0],[10.0,12.0],[10.0,10.0]],[[10.5,10.5],[10.6,10.5],[10.6,10.6],[10.5,10.5]]],[[[13,13],[14,13],[14,14],[13,13]]]]}}"#;
const MODULE: &str = r#"local m = mw.loadData('Module:Middle East conflicts map marks') return {
   marks = {
       { lat = 34.3, long = 39.1, mark = "Synthetic minimap.svg", marksize = 184 },
       { lat = 34.5624, long = 38.2840, mark = m.gov, marksize = 10, label = "[[Palmyra]]", link = "Palmyra" },
       --{ lat = 34.70, long = 37.10, mark = m.IS, label = "[[Commented out]]" },
       --[=[ { lat = 34.71, long = 37.11, mark = m.IS, label = "[[Also out]]" },
       ]=]
       { lat = 34.20, long = 38.90, mark = m.gov_IS, marksize = 6, label = "'''[[Synthetic|Contested\tVillage]]'''\65\066" },
       { lat= 34.25, long = 38.95, mark = m.IS_siege, marksize= 5, label = 'Besieged<br>Hamlet' },
       { lat = 34.35, long = 39.05, mark = m.pass_N, marksize = 18 },
   },
   containerArgs = { caption = [=[ a caption ]=] },
}
"#;
const GED: &str = "id,year,active_year,type_of_violence,conflict_new_id,conflict_name,dyad_new_id,dyad_name,side_a_new_id,side_a,side_b_new_id,gwnob,side_b,number_of_sources,source_article,source_office,source_date,source_headline,source_original,where_prec,where_coordinates,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,low,best,high\n\
    7.0,2016,1,1,1,X,1,A - B,1,A,2,,B,1,\"synthetic\",Wire;Agency,2016-03-05;2016-03-06,Headline;Other,Synthetic,1,Town,Adm1,Adm2,34.8,36.7,POINT (36.7 34.8),1,Syria,652,Middle East,1,1,2016-03-05,2016-03-05,1.0,0,0,0,0,1,3\n";

/// Pieces of the formats' syntax a mutation inserts.
const TOKENS: &[&str] = &[
    ",",
    "\"",
    "\n",
    "\r\n",
    "{",
    "}",
    "[",
    "]",
    ":",
    "=",
    "\\",
    "\\9",
    "\\999",
    "'",
    "--",
    "--[[",
    "]]",
    "[=[",
    "\u{1b}[31m",
    "\u{feff}",
    "\u{0}",
    "NaN",
    "-1",
    "1e999",
    "%",
    "null",
    "true",
    "\"type\":\"Polygon\"",
    "\"coordinates\":[[]]",
    "m.",
    ";",
    "é",
    "\u{202e}",
];

fn defaults() -> Defaults {
    Defaults {
        recorded_at: Utc
            .with_ymd_and_hms(2030, 1, 1, 0, 0, 0)
            .single()
            .expect("a valid time"),
        recorded_by: "fuzz".into(),
    }
}

/// One change to a file's bytes.
#[derive(Debug, Clone)]
enum Mutation {
    Insert(Index, u8),
    Token(Index, Index),
    Delete(Index, usize),
    Replace(Index, u8),
    Repeat(Index, usize, usize),
    Cut(Index),
}

impl Mutation {
    fn apply(&self, bytes: &mut Vec<u8>) {
        let at = |i: &Index, len: usize| if len == 0 { 0 } else { i.index(len + 1) };
        match self {
            Self::Insert(i, b) => {
                let p = at(i, bytes.len());
                bytes.insert(p, *b);
            }
            Self::Token(i, t) => {
                let p = at(i, bytes.len());
                let token = TOKENS[t.index(TOKENS.len())].as_bytes();
                bytes.splice(p..p, token.iter().copied());
            }
            Self::Delete(i, n) => {
                let p = at(i, bytes.len()).min(bytes.len());
                let end = (p + n).min(bytes.len());
                bytes.drain(p..end);
            }
            Self::Replace(i, b) => {
                if !bytes.is_empty() {
                    let p = i.index(bytes.len());
                    bytes[p] = *b;
                }
            }
            Self::Repeat(i, n, times) => {
                let p = at(i, bytes.len()).min(bytes.len());
                let end = (p + n).min(bytes.len());
                let piece = bytes[p..end].repeat(*times);
                bytes.splice(end..end, piece);
            }
            Self::Cut(i) => {
                let p = at(i, bytes.len()).min(bytes.len());
                bytes.truncate(p);
            }
        }
    }
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Mutation::Insert(i, b)),
        4 => (any::<Index>(), any::<Index>()).prop_map(|(i, t)| Mutation::Token(i, t)),
        2 => (any::<Index>(), 1..40usize).prop_map(|(i, n)| Mutation::Delete(i, n)),
        3 => (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Mutation::Replace(i, b)),
        1 => (any::<Index>(), 1..40usize, 1..200usize).prop_map(|(i, n, t)| Mutation::Repeat(i, n, t)),
        1 => any::<Index>().prop_map(Mutation::Cut),
    ]
}

/// A seed, mutated 1 to 8 times.
fn mutant(seeds: &'static [&'static str]) -> impl Strategy<Value = Vec<u8>> {
    (0..seeds.len(), prop::collection::vec(mutation(), 1..8)).prop_map(move |(i, mutations)| {
        let mut bytes = seeds[i].as_bytes().to_vec();
        for m in &mutations {
            m.apply(&mut bytes);
        }
        bytes
    })
}

/// A fuzz target: what it is called and how it reads bytes.
struct Target {
    name: &'static str,
    seeds: &'static [&'static str],
    read: fn(&[u8]),
}

fn read_csv(bytes: &[u8]) {
    let reader = Box::new(Cursor::new(bytes.to_vec()));
    if let Ok(records) = CsvRecords::from_reader(Path::new("fuzz.csv"), reader, defaults()) {
        for record in records {
            let _ = record;
        }
    }
}

fn read_geojson(bytes: &[u8]) {
    let _ = read_geojson_str(
        Path::new("fuzz.geojson"),
        &String::from_utf8_lossy(bytes),
        &defaults(),
    );
}

fn read_boundary(bytes: &[u8]) {
    let _ = read_boundary_str(Path::new("fuzz.geojson"), &String::from_utf8_lossy(bytes));
}

fn read_module(bytes: &[u8]) {
    let mapping = MarkMapping::syria();
    let context = ModuleContext {
        date: PartialDate::parse("2017-07-15").expect("a date"),
        source: Source {
            publisher: "Wikipedia".into(),
            title: "fuzz".into(),
            url: Some("https://example.org/fuzz".into()),
            published: None,
            stance: Stance::Neutral,
        },
        confidence: Confidence::Low,
        defaults: defaults(),
        places: &[],
        exists: &|_, _| true,
        check_place: &|_| Ok(()),
    };
    let _ = read_module_str(
        Path::new("fuzz.lua"),
        &String::from_utf8_lossy(bytes),
        &mapping,
        &context,
    );
}

fn read_ged(bytes: &[u8]) {
    let reader = Box::new(Cursor::new(bytes.to_vec()));
    if let Ok(events) = GedEvents::from_reader(Path::new("fuzz.csv"), reader) {
        for event in events {
            let _ = event;
        }
    }
}

const TARGETS: &[Target] = &[
    Target {
        name: "csv",
        seeds: &[PARTIES, PLACES, OBSERVATIONS, MILESTONES, FIGURES, EVENTS],
        read: read_csv,
    },
    Target {
        name: "geojson",
        seeds: &[GEOJSON, BOUNDARY],
        read: read_geojson,
    },
    Target {
        name: "boundary",
        seeds: &[BOUNDARY, GEOJSON],
        read: read_boundary,
    },
    Target {
        name: "module",
        seeds: &[MODULE],
        read: read_module,
    },
    Target {
        name: "ged",
        seeds: &[GED],
        read: read_ged,
    },
];

fn found() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-found")
}

/// Reads `bytes` with `target`; an error if the reader panics or takes too long, the
/// input then saved under tests/fuzz-found when asked.
fn check(target: &Target, bytes: &[u8]) -> Result<(), TestCaseError> {
    let started = Instant::now();
    let outcome = catch_unwind(AssertUnwindSafe(|| (target.read)(bytes)));
    let took = started.elapsed();
    let fault = match outcome {
        Err(_) => Some("panicked".to_owned()),
        Ok(()) if took > TOO_LONG => Some(format!("took {took:?}")),
        Ok(()) => None,
    };
    let Some(fault) = fault else {
        return Ok(());
    };
    if std::env::var("FRONTLINE_FUZZ_SAVE").is_ok_and(|v| v == "1") {
        use std::hash::{Hash as _, Hasher as _};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut hasher);
        let path = found().join(format!("{}-{:016x}.bin", target.name, hasher.finish()));
        std::fs::write(&path, bytes).expect("the found input is saved");
    }
    Err(TestCaseError::fail(format!(
        "the {} reader {fault} on {} bytes",
        target.name,
        bytes.len()
    )))
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

#[test]
fn every_reader_returns_records_or_an_error_on_mutated_files() {
    let cases =
        env_number("FRONTLINE_FUZZ_CASES").map_or(1000, |n| u32::try_from(n).unwrap_or(u32::MAX));
    let seconds = env_number("FRONTLINE_FUZZ_SECONDS");
    for target in TARGETS {
        let started = Instant::now();
        let mut mutants = 0u64;
        loop {
            let mut runner = TestRunner::new(Config {
                cases,
                failure_persistence: None,
                ..Config::default()
            });
            if let Err(e) = runner.run(&mutant(target.seeds), |bytes| check(target, &bytes)) {
                panic!("fuzz target {}: {e}", target.name);
            }
            mutants += u64::from(cases);
            if seconds.is_none_or(|s| started.elapsed() >= Duration::from_secs(s)) {
                break;
            }
        }
        eprintln!(
            "fuzz target {}: {mutants} mutants in {:.1?}",
            target.name,
            started.elapsed()
        );
    }
}

#[test]
fn the_seeds_are_valid_files() {
    let reader = |text: &'static str| Box::new(Cursor::new(text.as_bytes()));
    for seed in [PARTIES, PLACES, OBSERVATIONS, MILESTONES, FIGURES, EVENTS] {
        let records = CsvRecords::from_reader(Path::new("seed.csv"), reader(seed), defaults())
            .expect("the header is read");
        for r in records {
            r.expect("the seed's rows are read");
        }
    }
    read_geojson_str(Path::new("seed.geojson"), GEOJSON, &defaults()).expect("the seed is read");
    read_boundary_str(Path::new("seed.geojson"), BOUNDARY).expect("the seed is read");
    for e in GedEvents::from_reader(Path::new("seed.csv"), reader(GED)).expect("the header") {
        e.expect("the seed's rows are read");
    }
}

#[test]
fn inputs_found_by_fuzzing_are_read_without_panic() {
    let mut replayed = 0;
    for entry in std::fs::read_dir(found()).expect("the folder of found inputs") {
        let path = entry.expect("lists").path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(target) = TARGETS
            .iter()
            .find(|t| name.starts_with(&format!("{}-", t.name)))
        else {
            continue;
        };
        let bytes = std::fs::read(&path).expect("reads");
        if let Err(e) = check(target, &bytes) {
            panic!("{name}: {e}");
        }
        replayed += 1;
    }
    eprintln!("replayed {replayed} found inputs");
}
