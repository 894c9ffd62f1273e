//! Record time: when Frontline learned something, and from whom.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

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

/// One entry of the audit log: something done to the database as a whole that its records
/// alone would not show (a restore that kept the record times of an export).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// When it was done (the store's clock).
    pub at: DateTime<Utc>,
    /// Who did it.
    pub by: String,
    /// What was done, one word: `restore`.
    pub action: String,
    /// In words: the files, and what was kept.
    pub detail: String,
}
