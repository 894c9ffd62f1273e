/// What can go wrong when building Frontline's domain values from raw text.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// An identifier is empty or contains characters outside `[A-Za-z0-9._:-]`.
    #[error("invalid {what} id {}: use letters, digits, '.', '_', ':' or '-'", crate::shown(.value))]
    InvalidId {
        /// What kind of id it was meant to be.
        what: &'static str,
        /// The rejected text.
        value: String,
    },
    /// A date is not ISO 8601 `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or names no real day.
    #[error("invalid date {}: expected YYYY, YYYY-MM or YYYY-MM-DD", crate::shown(.value))]
    InvalidDate {
        /// The rejected text.
        value: String,
    },
    /// A colour is not `#rrggbb`.
    #[error("invalid colour {}: expected #rrggbb", crate::shown(.value))]
    InvalidColour {
        /// The rejected text.
        value: String,
    },
    /// A word is not one of the values a field accepts.
    #[error("invalid {what} {}: expected one of {expected}", crate::shown(.value))]
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
