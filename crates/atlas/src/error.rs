/// What can go wrong answering a question.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading the store failed.
    #[error("reading the store")]
    Store(#[from] frontline_store::Error),
    /// The database holds no conflict.
    #[error("the database holds no conflict yet; run `frontline init` first")]
    NoConflict,
    /// The inference failed (a method parameter, degenerate geometry).
    #[error("inference")]
    Infer(#[from] frontline_infer::Error),
    /// A date range is empty or reversed.
    #[error("invalid period: {from} is after {to}")]
    Period {
        /// The start.
        from: chrono::NaiveDate,
        /// The end.
        to: chrono::NaiveDate,
    },
    /// A series would have too many points.
    #[error("a series of {points} points is too long (at most {max}); use a longer step")]
    SeriesTooLong {
        /// Points asked for.
        points: usize,
        /// The limit.
        max: usize,
    },
}

/// A `Result` whose error is this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
