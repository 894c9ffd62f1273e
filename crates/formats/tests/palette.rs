//! The built-in Syria palette (issue 15 item 5): every two parties that can hold land on
//! the same date, and every party and the unknown land, differ by at least 10 CIEDE2000
//! units in normal vision and under simulated protanopia, deuteranopia and tritanopia
//! (Machado et al. 2009).

use std::path::Path;

use frontline_formats::{CsvRecords, Defaults, Record};
use frontline_model::{Colour, PartialDate, Party, Vision};

/// The least difference a map needs between two fills seen side by side.
const LEAST: f64 = 10.0;

/// The tone the viewer and the print maps give unknown land (viewer/src/colours.js; the
/// print maps' lighter tone is checked too).
const UNKNOWN_TONES: [&str; 2] = ["#f3f1ec", "#e8e5de"];

fn syria_parties() -> Vec<Party> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/syria/parties.csv");
    let defaults = Defaults {
        recorded_at: chrono::Utc::now(),
        recorded_by: "test".into(),
    };
    CsvRecords::open(&path, defaults)
        .expect("opens data/syria/parties.csv")
        .map(|r| match r.expect("reads").record {
            Record::Party(p) => p,
            other => panic!("a party, not {other:?}"),
        })
        .collect()
}

/// Whether two parties' validity overlaps (either open-ended).
fn overlap(p: &Party, q: &Party) -> bool {
    let before = |from: Option<PartialDate>, until: Option<PartialDate>| match (from, until) {
        (Some(f), Some(u)) => f.first_day() < u.first_day(),
        _ => true,
    };
    before(p.valid_from, q.valid_until) && before(q.valid_from, p.valid_until)
}

#[test]
fn every_two_parties_of_a_date_differ_by_ten_units_in_every_vision() {
    let parties = syria_parties();
    assert!(parties.len() >= 13, "the Syria parties are read");
    let mut close = Vec::new();
    for (i, p) in parties.iter().enumerate() {
        for q in &parties[i + 1..] {
            if p.id == q.id || !overlap(p, q) {
                continue;
            }
            for vision in Vision::ALL {
                let d = p.colour.difference(q.colour, vision);
                if d < LEAST {
                    close.push(format!(
                        "{} {} / {} {}: {d:.1} in {vision}",
                        p.id, p.colour, q.id, q.colour
                    ));
                }
            }
        }
        for tone in UNKNOWN_TONES {
            let unknown = Colour::parse(tone).expect("a colour");
            for vision in Vision::ALL {
                let d = p.colour.difference(unknown, vision);
                if d < LEAST {
                    close.push(format!(
                        "{} {} / unknown {tone}: {d:.1} in {vision}",
                        p.id, p.colour
                    ));
                }
            }
        }
    }
    close.sort();
    close.dedup();
    assert!(
        close.is_empty(),
        "pairs closer than {LEAST}:\n{}",
        close.join("\n")
    );
}
