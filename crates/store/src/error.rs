use std::path::PathBuf;

/// What can go wrong in a store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The database file could not be opened or created.
    #[error("cannot open database {path}")]
    Open {
        /// The database file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: rusqlite::Error,
    },
    /// The database was written by a newer Frontline.
    #[error(
        "database schema version {found} is newer than this frontline understands ({supported})"
    )]
    SchemaTooNew {
        /// The version found in the file.
        found: i64,
        /// The newest version this build knows.
        supported: i64,
    },
    /// The database has no conflict yet: run `frontline init`.
    #[error("the database holds no conflict yet; run `frontline init` first")]
    NoConflict,
    /// A different conflict is already stored.
    #[error("the database already holds conflict {existing:?}; a database holds one conflict")]
    ConflictExists {
        /// The conflict stored.
        existing: String,
    },
    /// An observation id is already used by an observation that says something else.
    #[error(
        "observation id {id:?} is already used by a different observation; corrections need a new id and `supersedes`"
    )]
    ObservationIdTaken {
        /// The id.
        id: String,
    },
    /// An event id is already used by an event that says something else.
    #[error("event id {id:?} is already used by a different event")]
    EventIdTaken {
        /// The id.
        id: String,
    },
    /// A presence id is already used by a presence record that says something else.
    #[error(
        "presence id {id:?} is already used by a different presence record; corrections need a new id and `supersedes`"
    )]
    PresenceIdTaken {
        /// The id.
        id: String,
    },
    /// An observation without a source reached the store (callers check sources first).
    #[error("observation {id:?} has no source")]
    NoSource {
        /// The observation's id.
        id: String,
    },
    /// A value read back from the database does not parse (the file was altered).
    #[error("corrupt {what} in the database: {value:?}")]
    Corrupt {
        /// What was being read.
        what: &'static str,
        /// The offending value.
        value: String,
    },
    /// An SQLite operation failed.
    #[error("sqlite: {context}")]
    Sqlite {
        /// What was being done.
        context: &'static str,
        /// The cause.
        #[source]
        source: rusqlite::Error,
    },
}

/// A `Result` whose error is this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

pub(crate) trait Context<T> {
    fn context(self, context: &'static str) -> Result<T>;
}

impl<T> Context<T> for rusqlite::Result<T> {
    fn context(self, context: &'static str) -> Result<T> {
        self.map_err(|source| Error::Sqlite { context, source })
    }
}
