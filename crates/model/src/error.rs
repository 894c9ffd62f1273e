/// What can go wrong when building Frontline's domain values from raw text.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// An identifier is empty or contains characters outside `[A-Za-z0-9._:-]`.
    #[error("invalid {what} id {value:?}: use letters, digits, '.', '_', ':' or '-'")]
    InvalidId {
        /// What kind of id it was meant to be.
        what: &'static str,
        /// The rejected text.
        value: String,
    },
    /// A date is not ISO 8601 `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or names no real day.
    #[error("invalid date {value:?}: expected YYYY, YYYY-MM or YYYY-MM-DD")]
    InvalidDate {
        /// The rejected text.
        value: String,
    },
    /// A colour is not `#rrggbb`.
    #[error("invalid colour {value:?}: expected #rrggbb")]
    InvalidColour {
        /// The rejected text.
        value: String,
    },
    /// A word is not one of the values a field accepts.
    #[error("invalid {what} {value:?}: expected one of {expected}")]
    InvalidValue {
        /// The field's name.
        what: &'static str,
        /// The rejected text.
        value: String,
        /// The accepted values, comma-separated.
        expected: String,
    },
}

/// A `Result` whose error is this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
