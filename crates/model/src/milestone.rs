use serde::{Deserialize, Serialize};

use crate::{PartialDate, Source};

/// A dated event users compare control between, such as a round of talks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Milestone {
    /// Its id, e.g. `geneva-8`.
    pub id: String,
    /// Its name, e.g. `Geneva VIII`.
    pub name: String,
    /// When it began.
    pub start: PartialDate,
    /// When it ended, if it lasted more than the start period.
    pub end: Option<PartialDate>,
    /// Where it took place.
    pub location: Option<String>,
    /// The series it belongs to, e.g. `geneva`, `astana`.
    pub series: Option<String>,
    /// Where the dates come from.
    pub sources: Vec<Source>,
}
