//! What the KML and GeoPackage exports share: each place's states as periods (a state
//! holds from the day it begins until the day the next one begins), the days the areas
//! change, and the parties' colours.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use frontline_atlas::Atlas;
use frontline_model::{Place, StateQuery};

/// One state of one place over a period.
pub(super) struct Span<'a> {
    /// The place (as known at the record time).
    pub(super) place: &'a Place,
    /// The status: `held`, `contested`, `joint`, `unknown`, ...
    pub(super) status: String,
    /// The parties holding it (empty when unknown).
    pub(super) parties: Vec<String>,
    /// The first day of the state.
    pub(super) from: NaiveDate,
    /// The day the next state begins (`None`: it still holds).
    pub(super) until: Option<NaiveDate>,
    /// The observation that decided it.
    pub(super) observation: Option<String>,
}

/// The states of place `i` as known at `known_at`, in time order, consecutive states
/// differing (none for a place not known then). A state begins on a day the place's
/// deciding observation changes ([`frontline_model::Timeline::transitions`]) and is as
/// [`Atlas::resolve`] gives it on that day.
pub(super) fn place_spans(atlas: &Atlas, i: usize, known_at: DateTime<Utc>) -> Vec<Span<'_>> {
    let Some(place) = atlas.place_at(i, known_at) else {
        return Vec::new();
    };
    let mut spans: Vec<Span<'_>> = Vec::new();
    for (day, _) in atlas.timeline().transitions(i, known_at) {
        let state = atlas
            .timeline()
            .resolve_place(i, StateQuery { on: day, known_at });
        let status = state.status.to_string();
        let parties: Vec<String> = state.parties().iter().map(ToString::to_string).collect();
        if spans
            .last()
            .is_some_and(|s| s.status == status && s.parties == parties)
        {
            continue;
        }
        if let Some(last) = spans.last_mut() {
            last.until = Some(day);
        }
        spans.push(Span {
            place,
            status,
            parties,
            from: day,
            until: None,
            observation: state.deciding.map(|o| o.id.to_string()),
        });
    }
    spans
}

/// The days on or before `last` that any place's state changes, as known at `known_at`:
/// the days [`Atlas::areas`] is recomputed on for "every change".
pub(super) fn change_days(
    atlas: &Atlas,
    known_at: DateTime<Utc>,
    last: NaiveDate,
) -> Vec<NaiveDate> {
    let mut days = BTreeSet::new();
    for i in 0..atlas.places().len() {
        for s in place_spans(atlas, i, known_at) {
            days.insert(s.from);
        }
    }
    days.into_iter().filter(|d| *d <= last).collect()
}

/// Each party's colour (`#rrggbb`, its latest version's) and English name, by id.
pub(super) fn party_styles(atlas: &Atlas) -> HashMap<String, (String, String)> {
    atlas
        .parties()
        .iter()
        .map(|p| (p.id.to_string(), (p.colour.to_string(), p.names.en.clone())))
        .collect()
}

/// The colour of a place held by `parties`: the party's, or the mean of theirs (contested
/// or joint); grey when unknown.
pub(super) fn colour_of(parties: &[String], styles: &HashMap<String, (String, String)>) -> [u8; 3] {
    let colours: Vec<&str> = parties
        .iter()
        .filter_map(|p| styles.get(p))
        .map(|(c, _)| c.as_str())
        .collect();
    mean_colour(&colours)
}

/// The colour of an area: the mean of its parties' colours on its date; grey when it has
/// none (unknown land).
pub(super) fn shape_colour(shape: &frontline_atlas::AreaShape) -> [u8; 3] {
    let colours: Vec<&str> = shape.colours.iter().map(String::as_str).collect();
    mean_colour(&colours)
}

/// The mean of some `#rrggbb` colours; grey for none.
pub(super) fn mean_colour(colours: &[&str]) -> [u8; 3] {
    let colours: Vec<[u8; 3]> = colours.iter().filter_map(|c| rgb(c)).collect();
    if colours.is_empty() {
        return [0x80, 0x80, 0x80];
    }
    let n = colours.len() as u32;
    let mean = |k: usize| (colours.iter().map(|c| u32::from(c[k])).sum::<u32>() / n) as u8;
    [mean(0), mean(1), mean(2)]
}

/// `#rrggbb` as bytes.
fn rgb(hex: &str) -> Option<[u8; 3]> {
    let h = hex.strip_prefix('#')?;
    let byte = |i: usize| u8::from_str_radix(h.get(i..i + 2)?, 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contested_colours_are_the_mean_and_unknown_is_grey() {
        let styles: HashMap<String, (String, String)> = [
            ("a".to_owned(), ("#ff0000".to_owned(), "A".to_owned())),
            ("b".to_owned(), ("#0000ff".to_owned(), "B".to_owned())),
        ]
        .into();
        assert_eq!(colour_of(&["a".to_owned()], &styles), [255, 0, 0]);
        assert_eq!(
            colour_of(&["a".to_owned(), "b".to_owned()], &styles),
            [127, 0, 127]
        );
        assert_eq!(colour_of(&[], &styles), [128, 128, 128]);
    }
}
