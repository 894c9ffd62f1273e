//! What a module's marks mean: a CSV table from mark names to statuses, parties and place
//! kinds. The Syria table ships in this folder (`syria_marks.csv`); users give their own
//! for other modules (`--mapping FILE`, same columns).
//!
//! Columns: `mark,status,party,party2,kind,note`. A `mark` is one of
//! - a side or a whole mark name, exactly (`gov`, `truce_gov_opp`);
//! - a prefix rule `stable_*` or a suffix rule `*_siege`: the rest of the name is resolved
//!   again, then the rule's status and kind (when given) replace what the rest said;
//! - `file:NAME.svg`: a raw file name used as a mark (compared without blanks or `_`).
//!
//! A name no row matches is split on `_` into sides, each an exact row: two or more sides
//! are `contested` between their parties (`gov_IS`), one side is that side's row.
//! A `party` cell may list alternatives, `nusra/hts`: the first that exists on the
//! module's date is taken. Status `site` marks an icon that only tells the kind of the
//! place at the same point (a border post); its control is a separate mark.

use std::io::Read;
use std::path::Path;

use frontline_model::{PartialDate, PartyId, PlaceKind, Status};
use serde::Deserialize;

use crate::{Error, Location, Result};

const SYRIA: &str = include_str!("syria_marks.csv");

/// One row of a mapping table.
#[derive(Debug, Clone, Deserialize)]
struct Row {
    mark: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    party: String,
    #[serde(default)]
    party2: String,
    #[serde(default)]
    kind: String,
}

/// A checked row: status (`None`: keep what the rest says), party alternatives, kind.
#[derive(Debug, Clone)]
struct Rule {
    status: Option<RuleStatus>,
    parties: Vec<Vec<PartyId>>,
    kind: Option<PlaceKind>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RuleStatus {
    Control(Status),
    Site,
}

/// What one mark means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Meaning {
    /// A control mark: a status, its parties and, for site icons, the place's kind.
    Control {
        /// The status.
        status: Status,
        /// The parties, holder first.
        parties: Vec<PartyId>,
        /// The kind of place the icon shows (an airport, an oil field), if any.
        kind: Option<PlaceKind>,
    },
    /// An icon that only tells the kind of the place it sits on (a border post).
    Site(PlaceKind),
    /// A file used as decoration (a minimap, a road overlay): not a control mark.
    NotAMark,
}

/// A mark table: see the module docs for its columns and rules.
#[derive(Debug, Clone)]
pub struct MarkMapping {
    exact: Vec<(String, Rule)>,
    prefixes: Vec<(String, Rule)>,
    suffixes: Vec<(String, Rule)>,
    files: Vec<(String, Rule)>,
}

fn file_key(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, ' ' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
}

impl MarkMapping {
    /// The table for Wikipedia's "Syrian Civil War detailed map" module (and the other
    /// modules that use "Module:Middle East conflicts map marks"), with Frontline's
    /// built-in Syria party ids.
    #[must_use]
    pub fn syria() -> Self {
        Self::from_reader(Path::new("syria_marks.csv"), SYRIA.as_bytes())
            .expect("the shipped mark table is valid")
    }

    /// Every party the table names, each once, in id order.
    #[must_use]
    pub fn parties(&self) -> Vec<PartyId> {
        let mut out: Vec<PartyId> = [&self.exact, &self.prefixes, &self.suffixes, &self.files]
            .into_iter()
            .flatten()
            .flat_map(|(_, rule)| rule.parties.iter().flatten().cloned())
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Reads a mark table from a CSV file.
    ///
    /// # Errors
    /// [`Error::Read`] when the file cannot be opened; [`Error::Field`] naming the line
    /// and column of a bad row.
    pub fn from_file(path: &Path) -> Result<Self> {
        let file = std::fs::File::open(path).map_err(|source| Error::Read {
            file: path.to_owned(),
            source,
        })?;
        Self::from_reader(path, file)
    }

    fn from_reader(name: &Path, reader: impl Read) -> Result<Self> {
        let mut csv = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(reader);
        let mut table = Self {
            exact: Vec::new(),
            prefixes: Vec::new(),
            suffixes: Vec::new(),
            files: Vec::new(),
        };
        for row in csv.deserialize::<Row>() {
            let row = row.map_err(|source| {
                let at = source
                    .position()
                    .map_or(Location::File, |p| Location::Line(p.line()));
                Error::Csv {
                    file: name.to_owned(),
                    at,
                    source,
                }
            })?;
            let line = u64::try_from(table.len() + 2).unwrap_or(u64::MAX);
            let field = |field: &str, reason: String| Error::Field {
                file: name.to_owned(),
                at: Location::Line(line),
                field: field.to_owned(),
                reason,
            };
            let status = match row.status.as_str() {
                "" => None,
                "site" => Some(RuleStatus::Site),
                s => Some(RuleStatus::Control(
                    Status::parse(s).map_err(|e| field("status", e.to_string()))?,
                )),
            };
            let mut parties = Vec::new();
            for (column, cell) in [("party", &row.party), ("party2", &row.party2)] {
                if cell.is_empty() {
                    continue;
                }
                let alternatives = cell
                    .split('/')
                    .map(|p| PartyId::new(p.trim()).map_err(|e| field(column, e.to_string())))
                    .collect::<Result<Vec<_>>>()?;
                parties.push(alternatives);
            }
            let kind = match row.kind.as_str() {
                "" => None,
                k => Some(PlaceKind::parse(k).map_err(|e| field("kind", e.to_string()))?),
            };
            let rule = Rule {
                status,
                parties,
                kind,
            };
            let mark = row.mark;
            if let Some(file) = mark.strip_prefix("file:") {
                table.files.push((file_key(file), rule));
            } else if let Some(prefix) = mark.strip_suffix('*') {
                table.prefixes.push((prefix.to_owned(), rule));
            } else if let Some(suffix) = mark.strip_prefix('*') {
                table.suffixes.push((suffix.to_owned(), rule));
            } else if mark.is_empty() {
                return Err(field("mark", "a value is required".to_owned()));
            } else {
                table.exact.push((mark, rule));
            }
        }
        Ok(table)
    }

    fn len(&self) -> usize {
        self.exact.len() + self.prefixes.len() + self.suffixes.len() + self.files.len()
    }

    /// What the mark named `m.<name>` means on `date`; `exists` tells whether a party
    /// exists on a date (to choose among alternatives such as `nusra/hts`).
    ///
    /// # Errors
    /// A reason in words when no row gives the mark a meaning.
    pub fn named(
        &self,
        name: &str,
        date: PartialDate,
        exists: &dyn Fn(&PartyId, PartialDate) -> bool,
    ) -> Result<Meaning, String> {
        let (status, parties, kind) = self.resolve(name, date, exists, 0)?;
        Ok(match status {
            RuleStatus::Site => Meaning::Site(kind.unwrap_or(PlaceKind::Other)),
            RuleStatus::Control(status) => Meaning::Control {
                status,
                parties,
                kind,
            },
        })
    }

    /// What a raw file name used as a mark means: a control mark when the table lists
    /// it, else decoration.
    ///
    /// # Errors
    /// A reason in words when a listed file's party does not exist on `date`.
    pub fn file(
        &self,
        file: &str,
        date: PartialDate,
        exists: &dyn Fn(&PartyId, PartialDate) -> bool,
    ) -> Result<Meaning, String> {
        let key = file_key(file);
        let Some((_, rule)) = self.files.iter().find(|(k, _)| *k == key) else {
            return Ok(Meaning::NotAMark);
        };
        let parties = choose(&rule.parties, date, exists, file)?;
        Ok(match rule.status {
            Some(RuleStatus::Site) => Meaning::Site(rule.kind.unwrap_or(PlaceKind::Other)),
            Some(RuleStatus::Control(status)) => Meaning::Control {
                status,
                parties,
                kind: rule.kind,
            },
            None => Meaning::Control {
                status: Status::Controlled,
                parties,
                kind: rule.kind,
            },
        })
    }

    fn resolve(
        &self,
        name: &str,
        date: PartialDate,
        exists: &dyn Fn(&PartyId, PartialDate) -> bool,
        depth: usize,
    ) -> Result<(RuleStatus, Vec<PartyId>, Option<PlaceKind>), String> {
        if depth > 4 {
            return Err(format!(
                "mark {} nests too many rules",
                frontline_model::shown(name)
            ));
        }
        if let Some((_, rule)) = self.exact.iter().find(|(k, _)| k == name) {
            let parties = choose(&rule.parties, date, exists, name)?;
            return Ok((
                rule.status
                    .unwrap_or(RuleStatus::Control(Status::Controlled)),
                parties,
                rule.kind,
            ));
        }
        let prefixed = self.prefixes.iter().find_map(|(p, r)| {
            name.strip_prefix(p.as_str())
                .filter(|s| !s.is_empty())
                .map(|s| (s, r))
        });
        let suffixed = || {
            self.suffixes.iter().find_map(|(p, r)| {
                name.strip_suffix(p.as_str())
                    .filter(|s| !s.is_empty())
                    .map(|s| (s, r))
            })
        };
        if let Some((rest, rule)) = prefixed.or_else(suffixed) {
            if rule.status == Some(RuleStatus::Site) {
                return Ok((RuleStatus::Site, Vec::new(), rule.kind));
            }
            let (status, parties, kind) = self.resolve(rest, date, exists, depth + 1)?;
            let status = rule.status.unwrap_or(status);
            return Ok((status, parties, rule.kind.or(kind)));
        }
        let sides: Vec<&str> = name.split('_').collect();
        if sides.len() < 2 {
            return Err(format!(
                "unknown mark {}: the mapping table has no row for it",
                frontline_model::shown(name)
            ));
        }
        let mut parties = Vec::new();
        for side in sides {
            let Some((_, rule)) = self.exact.iter().find(|(k, _)| k == side) else {
                return Err(format!(
                    "unknown mark {}: no row for its side {}",
                    frontline_model::shown(name),
                    frontline_model::shown(side)
                ));
            };
            let chosen = choose(&rule.parties, date, exists, side)?;
            if chosen.is_empty() {
                return Err(format!(
                    "mark {}: the side {} names no party, so the mark cannot be shared",
                    frontline_model::shown(name),
                    frontline_model::shown(side)
                ));
            }
            parties.extend(chosen);
        }
        Ok((RuleStatus::Control(Status::Contested), parties, None))
    }
}

/// The first existing alternative of each party cell.
fn choose(
    cells: &[Vec<PartyId>],
    date: PartialDate,
    exists: &dyn Fn(&PartyId, PartialDate) -> bool,
    mark: &str,
) -> Result<Vec<PartyId>, String> {
    cells
        .iter()
        .map(|alternatives| {
            alternatives
                .iter()
                .find(|p| exists(p, date))
                .cloned()
                .ok_or_else(|| {
                    let names: Vec<&str> = alternatives.iter().map(PartyId::as_str).collect();
                    format!(
                        "mark {}: none of its parties ({}) exists on {date}",
                        frontline_model::shown(mark),
                        names.join(", ")
                    )
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    fn always(_: &PartyId, _: PartialDate) -> bool {
        true
    }

    fn ids(list: &[&str]) -> Vec<PartyId> {
        list.iter()
            .map(|p| PartyId::new(*p).expect("valid"))
            .collect()
    }

    fn date(text: &str) -> PartialDate {
        PartialDate::parse(text).expect("valid")
    }

    #[rstest]
    #[case("gov", Status::Controlled, &["government"], None)]
    #[case("gov_IS", Status::Contested, &["government", "isis"], None)]
    #[case("stable_gov_SDF", Status::Joint, &["government", "sdf"], None)]
    #[case("stable_opp_JaN", Status::Joint, &["opposition", "nusra"], None)]
    #[case("gov_siege", Status::Besieged, &["government"], None)]
    #[case("gov_air", Status::Controlled, &["government"], Some(PlaceKind::Airport))]
    #[case("IS_oil", Status::Controlled, &["isis"], Some(PlaceKind::OilGasField))]
    #[case("SDF_base", Status::Controlled, &["sdf"], Some(PlaceKind::Base))]
    #[case("truce_gov_opp", Status::Joint, &["government", "opposition"], None)]
    #[case("opp_NE", Status::Controlled, &["opposition"], None)]
    fn syria_marks_mean_what_the_legend_says(
        #[case] mark: &str,
        #[case] status: Status,
        #[case] parties: &[&str],
        #[case] kind: Option<PlaceKind>,
    ) {
        let meaning = MarkMapping::syria()
            .named(mark, date("2017-07-01"), &always)
            .expect("maps");
        assert_eq!(
            meaning,
            Meaning::Control {
                status,
                parties: ids(parties),
                kind
            }
        );
    }

    #[test]
    fn alternatives_follow_the_parties_that_exist_on_the_date() {
        let hts_era = |p: &PartyId, d: PartialDate| p.as_str() != "nusra" || d < date("2017-01-28");
        let m = MarkMapping::syria();
        let later = m.named("JaN", date("2017-07-01"), &hts_era).expect("maps");
        assert_eq!(
            later,
            Meaning::Control {
                status: Status::Controlled,
                parties: ids(&["hts"]),
                kind: None
            }
        );
        let earlier = m.named("JaN", date("2016-07-01"), &hts_era).expect("maps");
        assert_eq!(
            earlier,
            Meaning::Control {
                status: Status::Controlled,
                parties: ids(&["nusra"]),
                kind: None
            }
        );
    }

    #[test]
    fn border_posts_are_sites_and_decoration_is_not_a_mark() {
        let m = MarkMapping::syria();
        assert_eq!(
            m.named("pass_N", date("2017-07-01"), &always),
            Ok(Meaning::Site(PlaceKind::BorderCrossing))
        );
        assert_eq!(
            m.file("Rif_Aleppo2.svg", date("2017-07-01"), &always),
            Ok(Meaning::NotAMark)
        );
        assert_eq!(
            m.file("Location_dot_red.svg", date("2017-07-01"), &always),
            Ok(Meaning::Control {
                status: Status::Controlled,
                parties: ids(&["government"]),
                kind: None
            })
        );
        let err = m
            .named("xyz", date("2017-07-01"), &always)
            .expect_err("unknown");
        assert!(err.contains("unknown mark"), "{err}");
    }
}
