//! The shared table of a question's inputs (`frontline_atlas::cases`) through the binary:
//! days well formed but outside the conflict's (before its start, more than a year after
//! today) are refused by every command that asks about a day, as the API refuses them.

use frontline_atlas::cases::{CASES, Expect};

use crate::db::Db;

#[test]
fn days_outside_the_conflict_are_refused_alike_by_every_command() {
    let db = Db::seeded();
    let out_of_range: Vec<&str> = CASES
        .iter()
        .filter(|c| c.0 == "date" && c.2 == Expect::OutOfRange)
        .map(|c| c.1)
        .chain(["2011-03-14"])
        .collect();
    for day in out_of_range {
        for args in [
            vec!["state", "--date", day],
            vec!["stats", "--date", day],
            vec!["why", "--date", day, "--at", "10.5,10.5"],
            vec!["series", "--from", "2012-01-01", "--to", day],
            vec!["diff", day, "2015-01-01"],
        ] {
            let err = db.fails(&args);
            assert!(
                err.contains(&format!(" {day}: not a day of the conflict")),
                "{args:?}: {err}"
            );
            let reason = if day < "2011-03-15" {
                "before the conflict's start (2011-03-15)"
            } else {
                "more than a year after today"
            };
            assert!(err.contains(reason), "{args:?}: {err}");
        }
    }
    // The first day is the conflict's start.
    db.ok(&["state", "--date", "2011-03-15"]);
}
