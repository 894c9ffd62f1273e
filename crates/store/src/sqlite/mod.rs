//! The embedded SQLite backend: one file, WAL journal, versioned migrations.

mod codec;
mod schema;
mod writer;

use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use frontline_model::{
    Area, AuditEntry, Conflict, Event, Figure, Milestone, Observation, ObservationId, Party, Place,
    PlaceId, Presence, Region,
};
use rusqlite::{Connection, OpenFlags, params};

use crate::error::Context as _;
use crate::{Counts, Error, Result, Store, Writer};
use frontline_model::{Recorded, Versioned};

/// The SQLite store.
#[derive(Debug)]
pub struct SqliteStore {
    conn: Connection,
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `path` and brings its schema up to
    /// date.
    ///
    /// # Errors
    /// [`Error::Open`] when the file cannot be opened; [`Error::SchemaTooNew`] when a
    /// newer Frontline wrote it.
    pub fn open(path: &Path) -> Result<Self> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|source| Error::Open {
            path: path.to_owned(),
            source,
        })?;
        // 16 KiB pages for a new database (an existing one keeps its own): fewer pages to
        // balance and log per row, so bulk loads are faster than with the 4 KiB default
        // (BENCHMARKS.md).
        conn.pragma_update(None, "page_size", 16384)
            .map_err(|source| Error::Open {
                path: path.to_owned(),
                source,
            })?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(|source| Error::Open {
                path: path.to_owned(),
                source,
            })?;
        Self::setup(conn)
    }

    /// Opens a private in-memory database (for tests and scratch work).
    ///
    /// # Errors
    /// When SQLite cannot allocate it.
    pub fn in_memory() -> Result<Self> {
        Self::setup(Connection::open_in_memory().context("opening an in-memory database")?)
    }

    fn setup(mut conn: Connection) -> Result<Self> {
        conn.pragma_update(None, "synchronous", "NORMAL")
            .context("setting synchronous")?;
        conn.pragma_update(None, "cache_size", -32768)
            .context("setting the cache size")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .context("setting the busy timeout")?;
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .context("reading the schema version")?;
        let supported = i64::try_from(schema::MIGRATIONS.len()).expect("a handful of migrations");
        if version > supported {
            return Err(Error::SchemaTooNew {
                found: version,
                supported,
            });
        }
        for (i, step) in schema::MIGRATIONS
            .iter()
            .enumerate()
            .skip(usize::try_from(version).unwrap_or(0))
        {
            let tx = conn.transaction().context("starting a migration")?;
            tx.execute_batch(step).context("migrating the schema")?;
            tx.pragma_update(
                None,
                "user_version",
                i64::try_from(i + 1).unwrap_or(i64::MAX),
            )
            .context("recording the schema version")?;
            tx.commit().context("committing a migration")?;
        }
        Ok(Self { conn })
    }

    /// The schema version of the open database.
    ///
    /// # Errors
    /// When SQLite fails.
    pub fn schema_version(&self) -> Result<i64> {
        self.conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .context("reading the schema version")
    }

    /// The underlying connection, for read-only SQL (benchmarks compare against plain
    /// SQL through it).
    #[must_use]
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    fn latest<T: serde::de::DeserializeOwned>(&self, kind: &'static str) -> Result<Vec<T>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT body FROM records r WHERE kind = ?1 \
                 AND seq = (SELECT seq FROM records WHERE kind = ?1 AND key = r.key \
                            ORDER BY recorded_at DESC, seq DESC LIMIT 1) ORDER BY key",
            )
            .context("reading records")?;
        let rows = stmt
            .query_map(params![kind], |r| r.get::<_, String>(0))
            .context("reading records")?;
        let mut out = Vec::new();
        for body in rows {
            let body = body.context("reading records")?;
            out.push(serde_json::from_str(&body).map_err(|_| Error::Corrupt {
                what: kind,
                value: body,
            })?);
        }
        Ok(out)
    }

    /// Every version of every record of `kind`, by record time (then record order).
    fn versions<T: serde::de::DeserializeOwned>(
        &self,
        kind: &'static str,
    ) -> Result<Vec<Versioned<T>>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT body, recorded_at, recorded_by FROM records WHERE kind = ?1 ORDER BY recorded_at, seq",
            )
            .context("reading versions")?;
        let rows = stmt
            .query_map(params![kind], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })
            .context("reading versions")?;
        let mut out = Vec::new();
        for row in rows {
            let (body, micros, by) = row.context("reading versions")?;
            let at =
                DateTime::<Utc>::from_timestamp_micros(micros).ok_or_else(|| Error::Corrupt {
                    what: "recorded_at",
                    value: micros.to_string(),
                })?;
            let value = serde_json::from_str(&body).map_err(|_| Error::Corrupt {
                what: kind,
                value: body,
            })?;
            out.push(Versioned {
                value,
                recorded: Recorded { at, by },
            });
        }
        Ok(out)
    }

    fn read_observations(&self, place: Option<&PlaceId>) -> Result<Vec<Observation>> {
        let sql = if place.is_some() {
            format!(
                "SELECT {} FROM observations WHERE place = ?1 ORDER BY holds_from DESC, seq DESC",
                codec::OBSERVATION_COLUMNS
            )
        } else {
            format!(
                "SELECT {} FROM observations WHERE ?1 IS NULL ORDER BY seq",
                codec::OBSERVATION_COLUMNS
            )
        };
        let mut stmt = self
            .conn
            .prepare_cached(&sql)
            .context("reading observations")?;
        let mut rows = stmt
            .query(params![place.map(PlaceId::as_str)])
            .context("reading observations")?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().context("reading observations")? {
            out.push(codec::observation_from_row(row)?);
        }
        Ok(out)
    }
}

impl Store for SqliteStore {
    fn conflict(&self) -> Result<Option<Conflict>> {
        Ok(self.latest(codec::CONFLICT)?.into_iter().next())
    }

    fn regions(&self) -> Result<Vec<Region>> {
        self.latest(codec::REGION)
    }

    fn parties(&self) -> Result<Vec<Party>> {
        let mut parties: Vec<Party> = self.latest(codec::PARTY)?;
        parties.sort_by(|a, b| a.id.cmp(&b.id).then(a.since.cmp(&b.since)));
        Ok(parties)
    }

    fn places(&self) -> Result<Vec<Place>> {
        self.latest(codec::PLACE)
    }

    fn place_versions(&self) -> Result<Vec<Versioned<Place>>> {
        self.versions(codec::PLACE)
    }

    fn audit(&self) -> Result<Vec<AuditEntry>> {
        Ok(self
            .versions::<AuditEntry>(codec::AUDIT)?
            .into_iter()
            .map(|v| v.value)
            .collect())
    }

    fn area_versions(&self) -> Result<Vec<Versioned<Area>>> {
        self.versions(codec::AREA)
    }

    fn party_versions(&self) -> Result<Vec<Versioned<Party>>> {
        self.versions(codec::PARTY)
    }

    fn observations(&self) -> Result<Vec<Observation>> {
        self.read_observations(None)
    }

    fn observation_ids(&self) -> Result<Vec<ObservationId>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM observations")
            .context("reading observation ids")?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .context("reading observation ids")?;
        let mut out = Vec::new();
        for id in rows {
            let id = id.context("reading observation ids")?;
            out.push(ObservationId::new(id.clone()).map_err(|_| Error::Corrupt {
                what: "observation id",
                value: id,
            })?);
        }
        Ok(out)
    }

    fn place_history(&self, place: &PlaceId) -> Result<Vec<Observation>> {
        self.read_observations(Some(place))
    }

    fn milestones(&self) -> Result<Vec<Milestone>> {
        let mut list: Vec<Milestone> = self.latest(codec::MILESTONE)?;
        list.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.id.cmp(&b.id)));
        Ok(list)
    }

    fn counts(&self) -> Result<Counts> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT kind, count(DISTINCT key) FROM records GROUP BY kind")
            .context("counting records")?;
        let by_kind: HashMap<String, u64> = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
            .context("counting records")?
            .map(|r| r.map(|(k, n)| (k, u64::try_from(n).unwrap_or(0))))
            .collect::<rusqlite::Result<_>>()
            .context("counting records")?;
        let observations: i64 = self
            .conn
            .query_row("SELECT count(*) FROM observations", [], |r| r.get(0))
            .context("counting observations")?;
        let get = |k: &str| by_kind.get(k).copied().unwrap_or(0);
        Ok(Counts {
            regions: get(codec::REGION),
            parties: get(codec::PARTY),
            places: get(codec::PLACE),
            observations: u64::try_from(observations).unwrap_or(0),
            milestones: get(codec::MILESTONE),
        })
    }

    fn events(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Event>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT body FROM events WHERE start_day BETWEEN ?1 AND ?2 ORDER BY start_day, id",
            )
            .context("reading events")?;
        let rows = stmt
            .query_map(params![codec::epoch_day(from), codec::epoch_day(to)], |r| {
                r.get::<_, String>(0)
            })
            .context("reading events")?;
        let mut out = Vec::new();
        for body in rows {
            let body = body.context("reading events")?;
            out.push(serde_json::from_str(&body).map_err(|_| Error::Corrupt {
                what: "event",
                value: body,
            })?);
        }
        Ok(out)
    }

    fn presence(&self) -> Result<Vec<Presence>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT body FROM presence ORDER BY seq")
            .context("reading presence")?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .context("reading presence")?;
        let mut out = Vec::new();
        for body in rows {
            let body = body.context("reading presence")?;
            out.push(serde_json::from_str(&body).map_err(|_| Error::Corrupt {
                what: "presence record",
                value: body,
            })?);
        }
        Ok(out)
    }

    fn figures(&self) -> Result<Vec<Figure>> {
        let mut list: Vec<Figure> = self.latest(codec::FIGURE)?;
        list.sort_by(|a, b| {
            a.figure
                .cmp(&b.figure)
                .then(a.date.cmp(&b.date))
                .then_with(|| a.source.publisher.cmp(&b.source.publisher))
        });
        Ok(list)
    }

    fn writer(&mut self, recorded: Recorded) -> Result<Box<dyn Writer + '_>> {
        Ok(Box::new(writer::SqliteWriter::begin(
            &mut self.conn,
            recorded,
        )?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Migration 3 rebuilds the observations table (and 4 drops its place index): every row
    /// keeps its seq and content, ids stay unique, and the table stays append-only.
    #[test]
    fn migration_3_keeps_every_observation() {
        let conn = Connection::open_in_memory().expect("opens");
        for step in &schema::MIGRATIONS[..2] {
            conn.execute_batch(step).expect("migrates");
        }
        conn.pragma_update(None, "user_version", 2)
            .expect("versions");
        conn.execute_batch(
            "INSERT INTO observations (seq, id, content, place, status, parties, valid_from, holds_from,
                 source_publisher, source_title, source_stance, confidence, supersedes, recorded_at, recorded_by)
             VALUES (7, 'a', 'a', 'p', 'controlled', 'x', '2015', 16800, 'Synthetic', 'T', 'neutral', 'high', '', 1, 'test'),
                    (9, 'b', 'c', 'p', 'controlled', 'y', '2016', 17166, 'Synthetic', 'T', 'neutral', 'high', 'a', 2, 'test');",
        )
        .expect("inserts");
        let store = SqliteStore::setup(conn).expect("migrates");
        assert_eq!(
            store.schema_version().expect("version"),
            i64::try_from(schema::MIGRATIONS.len()).expect("a few migrations")
        );
        let rows: Vec<(i64, String, Option<String>, String)> = store
            .conn
            .prepare("SELECT seq, id, content, parties FROM observations ORDER BY seq")
            .expect("prepares")
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .expect("queries")
            .collect::<rusqlite::Result<_>>()
            .expect("reads");
        // The content id is kept only where it differs from the id.
        assert_eq!(
            rows,
            [
                (7, "a".into(), None, "x".into()),
                (9, "b".into(), Some("c".into()), "y".into())
            ]
        );
        let duplicate = store.conn.execute_batch(
            "INSERT INTO observations (id, content, place, status, parties, valid_from, holds_from,
                 source_publisher, source_title, source_stance, confidence, supersedes, recorded_at, recorded_by)
             VALUES ('a', 'a', 'p', 'controlled', 'x', '2015', 16800, 'S', 'T', 'neutral', 'high', '', 1, 'test')",
        );
        assert!(duplicate.is_err(), "ids stay unique");
        let update = store
            .conn
            .execute("UPDATE observations SET status = 'unknown'", []);
        assert!(
            update
                .expect_err("refused")
                .to_string()
                .contains("append-only")
        );
    }
}
