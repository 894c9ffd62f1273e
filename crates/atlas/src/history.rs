use frontline_model::{Observation, Source};
use serde::Serialize;

use crate::Atlas;

/// One observation of a place, with what it corrects and what corrected it: the JSON
/// contract of `frontline history --format json` and of the API.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistoryEntry {
    /// The observation's id.
    pub id: String,
    /// Its date.
    pub date: String,
    /// Until when it holds, if bounded.
    pub valid_until: Option<String>,
    /// Its status.
    pub status: String,
    /// Its parties.
    pub parties: Vec<String>,
    /// Its confidence.
    pub confidence: String,
    /// Its note.
    pub note: Option<String>,
    /// Its sources.
    pub sources: Vec<Source>,
    /// When it was recorded (RFC 3339).
    pub recorded_at: String,
    /// Who recorded it.
    pub recorded_by: String,
    /// The observations it corrects.
    pub supersedes: Vec<String>,
    /// The observations that correct it.
    pub superseded_by: Vec<String>,
    /// When the observation is about an area that covers the place: the area's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
}

impl Atlas {
    /// Every observation of the place `id` and of the areas that cover it, newest valid
    /// date first (then newest recorded first); `None` for an unknown place.
    #[must_use]
    pub fn history(&self, id: &str) -> Option<Vec<HistoryEntry>> {
        let index = self.places().iter().position(|p| p.id.as_str() == id)?;
        let mut list: Vec<&Observation> = self.timeline().evidence_of(index).rev().collect();
        list.sort_by_key(|o| std::cmp::Reverse(o.valid_from.holds_from()));
        Some(
            list.iter()
                .map(|o| HistoryEntry {
                    id: o.id.to_string(),
                    date: o.valid_from.to_string(),
                    valid_until: o.valid_until.map(|d| d.to_string()),
                    status: o.status.to_string(),
                    parties: o.parties.iter().map(ToString::to_string).collect(),
                    confidence: o.confidence.to_string(),
                    note: o.note.clone(),
                    sources: o.sources.clone(),
                    recorded_at: o
                        .recorded_at
                        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                    recorded_by: o.recorded_by.clone(),
                    supersedes: o.supersedes.iter().map(ToString::to_string).collect(),
                    superseded_by: list
                        .iter()
                        .filter(|c| c.supersedes.contains(&o.id))
                        .map(|c| c.id.to_string())
                        .collect(),
                    area: (o.place.as_str() != id).then(|| o.place.to_string()),
                })
                .collect(),
        )
    }
}
