//! Benchmark (issue 17): the envoy's briefing of a round of talks on the built-in Syria
//! data, the whole `frontline brief` process (load, derive, render, write), beside the one
//! page of it that existed before, the print change map (`frontline map --compare`), and
//! beside the sum of its parts run as separate commands (the two maps, the diff, the diff of
//! the 12 months for churn, the toll by side, governorate and month).
//!
//! Run: `cargo bench -p frontline --bench brief` (builds the release binary).

#![allow(clippy::print_stdout, clippy::unwrap_used)]

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::{median, p};

const RUNS: usize = 5;

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let db = dir.join("syria.db");
    run(&db, &["init"]);
    let out = |name: &str| dir.join(name);
    let map = median(RUNS, || {
        run(
            &db,
            &[
                "map",
                "--date",
                "2017-11-28",
                "--compare",
                "geneva-7",
                "--out",
                p(&out("change.pdf")),
            ],
        );
    });
    let parts: Vec<Vec<String>> = [
        vec!["map", "--date", "2017-11-28", "--out", p(&out("open.pdf"))],
        vec![
            "map",
            "--date",
            "2017-11-28",
            "--compare",
            "geneva-7",
            "--out",
            p(&out("change.pdf")),
        ],
        vec!["diff", "geneva-7", "geneva-8"],
        vec!["diff", "2016-11-28", "2017-11-28"],
        vec![
            "toll",
            "--from",
            "2017-07-10",
            "--to",
            "2017-11-28",
            "--by",
            "party",
        ],
        vec![
            "toll",
            "--from",
            "2017-07-10",
            "--to",
            "2017-11-28",
            "--by",
            "region",
        ],
        vec![
            "toll",
            "--from",
            "2017-07-10",
            "--to",
            "2017-11-28",
            "--by",
            "month",
        ],
    ]
    .iter()
    .map(|a| a.iter().map(|s| (*s).to_owned()).collect())
    .collect();
    let sum = median(RUNS, || {
        for a in &parts {
            let a: Vec<&str> = a.iter().map(String::as_str).collect();
            run(&db, &a);
        }
    });
    println!("# The briefing of Geneva VIII (built-in Syria data, median of {RUNS} runs)");
    println!();
    println!(
        "Its parts as {} separate commands (two maps, two diffs, three tolls): {:.2} s",
        parts.len(),
        sum.as_secs_f64()
    );
    println!();
    println!(
        "| work | time | reference: the print change map (one page) | ratio | ratio to its parts run apart | target |"
    );
    println!("|---|---|---|---|---|---|");
    for (work, args) in [
        (
            "brief geneva-8 (PDF)",
            vec!["brief", "geneva-8", "--out", p(&out("b.pdf"))],
        ),
        (
            "brief geneva-8 --lang ar (PDF)",
            vec![
                "brief",
                "geneva-8",
                "--lang",
                "ar",
                "--out",
                p(&out("ar.pdf")),
            ],
        ),
        (
            "brief geneva-8 (HTML)",
            vec!["brief", "geneva-8", "--out", p(&out("b.html"))],
        ),
    ] {
        let t = median(RUNS, || run(&db, &args));
        row(work, t, map, sum, "< 2 s");
    }
    let size = std::fs::metadata(out("b.pdf")).unwrap().len();
    println!();
    println!("PDF size: {:.1} MB", size as f64 / 1e6);
}

fn row(work: &str, t: Duration, reference: Duration, parts: Duration, target: &str) {
    println!(
        "| {work} | {:.2} s | {:.2} s | {:.2} | {:.2} | {target}: {} |",
        t.as_secs_f64(),
        reference.as_secs_f64(),
        t.as_secs_f64() / reference.as_secs_f64(),
        t.as_secs_f64() / parts.as_secs_f64(),
        if t < Duration::from_secs(2) {
            "met"
        } else {
            "not met"
        }
    );
}

fn run(db: &Path, args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_frontline"))
        .args(args)
        .env("FRONTLINE_DB", db)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
