use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{Colour, Names, PartialDate, PartyId};

crate::word::word_enum! {
    /// What kind of actor a [`Party`] is.
    PartyKind, "party kind" {
        /// A state's own forces (the government of the country at war).
        State = "state",
        /// A non-state armed group or coalition.
        NonState = "non-state",
        /// A foreign state's forces.
        Foreign = "foreign",
    }
}

/// A party to the conflict, as one version of its name and colour.
///
/// Colour and name are data and change over time: a party is a sequence of versions
/// sharing an `id`, the first with `since: None`, later ones from their `since` date.
/// Use [`Party::style_on`] through a list of versions to pick the one for a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Party {
    /// Its id.
    pub id: PartyId,
    /// Its names in this version.
    pub names: Names,
    /// Its map colour in this version.
    pub colour: Colour,
    /// What kind of actor it is.
    pub kind: PartyKind,
    /// The coalition or parent party it belongs to.
    pub parent: Option<PartyId>,
    /// The parties it succeeded or merged from (at its `valid_from`).
    pub successor_of: Vec<PartyId>,
    /// When it came into being; observations naming it before are refused.
    pub valid_from: Option<PartialDate>,
    /// When it ceased to exist; observations naming it after are refused.
    pub valid_until: Option<PartialDate>,
    /// From when this version's name and colour apply; `None` for the first version.
    pub since: Option<PartialDate>,
    /// A free note.
    pub note: Option<String>,
}

impl Party {
    /// Whether the party existed at some point of the period `date` stands for.
    #[must_use]
    pub fn exists_during(&self, date: PartialDate) -> bool {
        let starts_in_time = self
            .valid_from
            .is_none_or(|from| from.first_day() <= date.last_day());
        let not_yet_ended = self
            .valid_until
            .is_none_or(|until| date.first_day() <= until.last_day());
        starts_in_time && not_yet_ended
    }

    /// Of the `versions` of one party, the one whose name and colour apply on `day`:
    /// the latest whose `since` is on or before `day`, else the first version.
    #[must_use]
    pub fn style_on<'a>(versions: &[&'a Self], day: NaiveDate) -> Option<&'a Self> {
        versions
            .iter()
            .copied()
            .filter(|v| v.since.is_none_or(|s| s.first_day() <= day))
            .max_by_key(|v| v.since)
            .or_else(|| versions.iter().copied().min_by_key(|v| v.since))
    }
}
