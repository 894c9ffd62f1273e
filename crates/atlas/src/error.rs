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
    /// The stored boundary is not a valid polygon (a database made before geometry was
    /// checked on the way in): nothing can be derived over it.
    #[error("the stored boundary is invalid; import a corrected conflict")]
    BadBoundary {
        /// What is wrong with it.
        #[source]
        source: frontline_model::GeometryError,
    },
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
    /// No round of talks (milestone) has the id asked for.
    #[error("no round of talks has the id {id:?}; the rounds are: {known}")]
    UnknownRound {
        /// The id asked for.
        id: String,
        /// The ids there are, comma-separated.
        known: String,
    },
}

/// A `Result` whose error is this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What kind of failure an [`Error`] is, from the asker's side: what a server answers and
/// what the asker can do about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The question names a period that ends before it starts: ask for another period.
    InvalidPeriod,
    /// The question asks for more than is answered at once: ask for less.
    TooLarge,
    /// The question names something the data does not hold (a round of talks): ask for one
    /// of those listed.
    NotFound,
    /// No place had evidence recorded by the question's record time: ask with a later one.
    NoEvidence,
    /// Not the question's fault (the store, the data or a bug): the detail belongs in a log.
    Internal,
}

impl Error {
    /// What kind of failure this is, so that callers answering someone (the server) need
    /// not look into the causes.
    #[must_use]
    pub fn kind(&self) -> ErrorKind {
        match self {
            Self::Period { .. } => ErrorKind::InvalidPeriod,
            Self::SeriesTooLong { .. } => ErrorKind::TooLarge,
            Self::UnknownRound { .. } => ErrorKind::NotFound,
            Self::Infer(frontline_infer::Error::NoSites) => ErrorKind::NoEvidence,
            Self::Store(_) | Self::NoConflict | Self::Infer(_) | Self::BadBoundary { .. } => {
                ErrorKind::Internal
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_classified_by_what_the_asker_can_do() {
        let day = |d| chrono::NaiveDate::from_ymd_opt(2015, 1, d).expect("a day");
        let period = Error::Period {
            from: day(2),
            to: day(1),
        };
        assert_eq!(period.kind(), ErrorKind::InvalidPeriod);
        let long = Error::SeriesTooLong { points: 10, max: 5 };
        assert_eq!(long.kind(), ErrorKind::TooLarge);
        assert_eq!(
            Error::Infer(frontline_infer::Error::NoSites).kind(),
            ErrorKind::NoEvidence
        );
        assert_eq!(Error::NoConflict.kind(), ErrorKind::Internal);
        assert_eq!(
            Error::Infer(frontline_infer::Error::EmptyBoundary).kind(),
            ErrorKind::Internal
        );
    }
}
