//! Record time: when Frontline learned something, and from whom.

use chrono::{DateTime, Utc};

/// Who recorded something, and when (record time, as opposed to the valid time a record
/// speaks of).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    /// The record time.
    pub at: DateTime<Utc>,
    /// Who recorded it.
    pub by: String,
}

/// One version of a versioned record (a place, a party) and when it was recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct Versioned<T> {
    /// The version.
    pub value: T,
    /// When and by whom it was recorded.
    pub recorded: Recorded,
}
