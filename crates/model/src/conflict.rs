use chrono::NaiveDate;
use geo_types::MultiPolygon;
use serde::{Deserialize, Serialize};

use crate::{Names, RegionId};

/// The conflict one Frontline database describes: where and since when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// A short slug, e.g. `syria`.
    pub id: String,
    /// Its names.
    pub names: Names,
    /// The day the conflict began; evidence dated before it is refused.
    pub start: NaiveDate,
    /// The territory, in lon/lat (WGS 84). Places must lie inside it.
    pub boundary: MultiPolygon<f64>,
    /// The data sources to credit on every map, one line each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attribution: Vec<String>,
}

/// An administrative region of the conflict's territory (a governorate, a district).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Region {
    /// Its id, e.g. `SY-RA`.
    pub id: RegionId,
    /// Its names.
    pub names: Names,
    /// 1 for the first administrative level (governorates), 2 for the second, and so on.
    pub level: u8,
    /// The region this one lies in, if any.
    pub parent: Option<RegionId>,
    /// Its territory, in lon/lat.
    pub geometry: MultiPolygon<f64>,
}
