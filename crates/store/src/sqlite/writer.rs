//! One import transaction against SQLite.

use std::borrow::Cow;

use frontline_model::{
    Area, AuditEntry, Conflict, Event, Figure, HashText, Milestone, Observation, ObservationId,
    Party, PartyId, Place, Presence, Recorded, Region, Stance, Versioned,
};
use rusqlite::{
    Connection, OptionalExtension, Statement, Transaction, TransactionBehavior, params,
};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;

use super::codec::{self, epoch_day, join};
use super::schema::{DROP_OBSERVATION_INDEXES, OBSERVATION_INDEXES};
use crate::error::Context as _;
use crate::{Error, Outcome, Result, Writer};

/// A transaction that adds at least this many observations, and at least as many as were
/// stored before it, is a bulk load (see [`Bulk`]).
const BULK_AFTER: u64 = 50_000;

pub(super) struct SqliteWriter<'c> {
    /// Adds an observation unless its id is stored (outside a bulk load).
    insert_new: Statement<'c>,
    /// Adds an observation (in a bulk load, whose ids are checked in memory).
    insert: Statement<'c>,
    tx: Transaction<'c>,
    recorded: Recorded,
    /// How many observations were stored when the transaction began.
    stored_before: u64,
    /// How many observations it has added.
    added: u64,
    bulk: Option<Bulk>,
}

/// A bulk load: the observation indexes are dropped once the load is found to be big and
/// built again at commit, which is much faster than updating them row by row (see
/// BENCHMARKS.md). Without the unique index, ids are checked here instead: against the
/// observations stored when the bulk load began (by id, with their content), and against
/// those added since (by a hash of the id; a hit is confirmed by reading the rows added
/// since, so a hash collision costs time, never a wrong answer). Building the unique index
/// at commit checks the whole table once more.
struct Bulk {
    /// Observations stored when the bulk load began: id → content id.
    stored: FxHashMap<String, String>,
    /// The largest `seq` when the bulk load began.
    last_seq: i64,
    /// Hashes of the ids added since.
    added: FxHashSet<u64>,
}

impl Bulk {
    fn begin(tx: &Transaction<'_>) -> Result<Self> {
        let last_seq: i64 = tx
            .query_row("SELECT coalesce(max(seq), 0) FROM observations", [], |r| {
                r.get(0)
            })
            .context("starting a bulk load")?;
        let mut stmt = tx
            .prepare("SELECT id, coalesce(content, id) FROM observations")
            .context("starting a bulk load")?;
        let stored = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .context("starting a bulk load")?
            .collect::<rusqlite::Result<_>>()
            .context("starting a bulk load")?;
        tx.execute_batch(DROP_OBSERVATION_INDEXES)
            .context("starting a bulk load")?;
        Ok(Self {
            stored,
            last_seq,
            added: FxHashSet::default(),
        })
    }

    /// The content id of the observation stored under `id`, if any.
    fn stored_content(&self, tx: &Transaction<'_>, id: &str) -> Result<Option<String>> {
        if let Some(content) = self.stored.get(id) {
            return Ok(Some(content.clone()));
        }
        if !self
            .added
            .contains(&xxhash_rust::xxh3::xxh3_64(id.as_bytes()))
        {
            return Ok(None);
        }
        tx.prepare_cached(
            "SELECT coalesce(content, id) FROM observations WHERE seq > ?1 AND id = ?2",
        )
        .context("reading an observation")?
        .query_row(params![self.last_seq, id], |r| r.get(0))
        .optional()
        .context("reading an observation")
    }

    fn note_added(&mut self, id: &str) {
        self.added.insert(xxhash_rust::xxh3::xxh3_64(id.as_bytes()));
    }
}

impl<'c> SqliteWriter<'c> {
    pub(super) fn begin(conn: &'c mut Connection, recorded: Recorded) -> Result<Self> {
        // Shared from here: the transaction and the statements prepared once for it both
        // borrow the connection (the store lends it mutably, so nothing else uses it).
        let conn: &'c Connection = conn;
        let tx = Transaction::new_unchecked(conn, TransactionBehavior::Deferred)
            .context("starting a transaction")?;
        let insert_new = conn
            .prepare(INSERT_NEW_OBSERVATION)
            .context("preparing to add observations")?;
        let insert = conn
            .prepare(INSERT_OBSERVATION)
            .context("preparing to add observations")?;
        // Rows are never deleted, so the largest seq is the count (and cheap to read).
        let stored_before: i64 = tx
            .query_row("SELECT coalesce(max(seq), 0) FROM observations", [], |r| {
                r.get(0)
            })
            .context("starting a transaction")?;
        Ok(Self {
            insert_new,
            insert,
            tx,
            recorded,
            stored_before: u64::try_from(stored_before).unwrap_or(0),
            added: 0,
            bulk: None,
        })
    }

    /// Appends a version recorded before, with its own record time, unless that version
    /// with that record time is stored.
    fn restore_record<T: Serialize>(
        &mut self,
        kind: &'static str,
        key: &str,
        version: &Versioned<T>,
    ) -> Result<Outcome> {
        let body = serde_json::to_string(&version.value).expect("model values serialise to JSON");
        let micros = version.recorded.at.timestamp_micros();
        let stored: Option<i64> = self
            .tx
            .prepare_cached(
                "SELECT seq FROM records WHERE kind = ?1 AND key = ?2 AND recorded_at = ?3 AND body = ?4",
            )
            .context("reading a record")?
            .query_row(params![kind, key, micros, body], |r| r.get(0))
            .optional()
            .context("reading a record")?;
        if stored.is_some() {
            return Ok(Outcome::Unchanged);
        }
        self.tx
            .prepare_cached(INSERT_RECORD)
            .context("adding a record")?
            .execute(params![kind, key, body, micros, version.recorded.by])
            .context("adding a record")?;
        Ok(Outcome::Added)
    }

    /// Appends a version of a record unless the latest version of the same key is equal.
    fn add_record<T: Serialize>(
        &mut self,
        kind: &'static str,
        key: &str,
        value: &T,
    ) -> Result<Outcome> {
        let body = serde_json::to_string(value).expect("model values serialise to JSON");
        let latest: Option<String> = self
            .tx
            .prepare_cached(
                "SELECT body FROM records WHERE kind = ?1 AND key = ?2 ORDER BY recorded_at DESC, seq DESC LIMIT 1",
            )
            .context("reading a record")?
            .query_row(params![kind, key], |r| r.get(0))
            .optional()
            .context("reading a record")?;
        if latest.as_deref() == Some(body.as_str()) {
            return Ok(Outcome::Unchanged);
        }
        self.tx
            .prepare_cached(INSERT_RECORD)
            .context("adding a record")?
            .execute(params![
                kind,
                key,
                body,
                self.recorded.at.timestamp_micros(),
                self.recorded.by
            ])
            .context("adding a record")?;
        Ok(Outcome::Added)
    }
}

impl Writer for SqliteWriter<'_> {
    fn set_conflict(&mut self, conflict: &Conflict) -> Result<Outcome> {
        let existing: Option<String> = self
            .tx
            .query_row(
                "SELECT key FROM records WHERE kind = ?1 LIMIT 1",
                params![codec::CONFLICT],
                |r| r.get(0),
            )
            .optional()
            .context("reading the conflict")?;
        if let Some(existing) = existing.filter(|e| e != &conflict.id) {
            return Err(Error::ConflictExists { existing });
        }
        self.add_record(codec::CONFLICT, &conflict.id, conflict)
    }

    fn add_region(&mut self, region: &Region) -> Result<Outcome> {
        self.add_record(codec::REGION, region.id.as_str(), region)
    }

    fn add_party(&mut self, party: &Party) -> Result<Outcome> {
        self.add_record(codec::PARTY, &party_key(party), party)
    }

    fn add_place(&mut self, place: &Place) -> Result<Outcome> {
        self.add_record(codec::PLACE, place.id.as_str(), place)
    }

    fn add_audit(&mut self, entry: &AuditEntry) -> Result<Outcome> {
        let key = entry
            .at
            .to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
        self.add_record(codec::AUDIT, &key, entry)
    }

    fn add_area(&mut self, area: &Area) -> Result<Outcome> {
        self.add_record(codec::AREA, area.id.as_str(), area)
    }

    fn restore_area(&mut self, version: &Versioned<Area>) -> Result<Outcome> {
        self.restore_record(codec::AREA, version.value.id.as_str(), version)
    }

    fn restore_place(&mut self, version: &Versioned<Place>) -> Result<Outcome> {
        self.restore_record(codec::PLACE, version.value.id.as_str(), version)
    }

    fn restore_party(&mut self, version: &Versioned<Party>) -> Result<Outcome> {
        self.restore_record(codec::PARTY, &party_key(&version.value), version)
    }

    fn add_milestone(&mut self, milestone: &Milestone) -> Result<Outcome> {
        self.add_record(codec::MILESTONE, &milestone.id, milestone)
    }

    fn add_observation(&mut self, o: &Observation) -> Result<Outcome> {
        if self.bulk.is_none() && self.added >= BULK_AFTER.max(self.stored_before) {
            self.bulk = Some(Bulk::begin(&self.tx)?);
        }
        let content = HashText::new(o.content_hash());
        let first = o.sources.first().ok_or_else(|| Error::NoSource {
            id: o.id.to_string(),
        })?;
        if let Some(bulk) = &self.bulk {
            if let Some(stored) = bulk.stored_content(&self.tx, o.id.as_str())? {
                return same_or_taken(&stored, o, &content);
            }
        }
        let more = (o.sources.len() > 1)
            .then(|| serde_json::to_string(&o.sources[1..]).expect("sources serialise to JSON"));
        let micros = o.recorded_at.timestamp_micros();
        // Outside a bulk load the unique index finds a stored id.
        let insert = if self.bulk.is_some() {
            &mut self.insert
        } else {
            &mut self.insert_new
        };
        let inserted = insert
            .execute(params![
                o.id.as_str(),
                (content.as_str() != o.id.as_str()).then_some(content.as_str()),
                o.place.as_str(),
                o.status.as_str(),
                joined(&o.parties, PartyId::as_str),
                o.valid_from.to_string(),
                epoch_day(o.valid_from.holds_from()),
                o.valid_until.map(|u| u.to_string()),
                o.valid_until.map(|u| epoch_day(u.first_day())),
                o.confidence.as_str(),
                o.note,
                joined(&o.supersedes, ObservationId::as_str),
                micros,
                o.recorded_by,
                first.publisher,
                first.title,
                first.url,
                first.published.map(|d| d.to_string()),
                match &first.stance {
                    Stance::Neutral => Cow::Borrowed("neutral"),
                    aligned => Cow::Owned(aligned.to_string()),
                },
                more,
            ])
            .context("adding an observation")?;
        if inserted == 0 {
            let stored: String = self
                .tx
                .prepare_cached("SELECT coalesce(content, id) FROM observations WHERE id = ?1")
                .context("reading an observation")?
                .query_row(params![o.id.as_str()], |r| r.get(0))
                .context("reading an observation")?;
            return same_or_taken(&stored, o, &content);
        }
        if let Some(bulk) = &mut self.bulk {
            bulk.note_added(o.id.as_str());
        }
        self.added += 1;
        if !o.supersedes.is_empty() {
            let mut stmt = self
                .tx
                .prepare_cached(
                    "INSERT INTO supersessions (superseded, by, recorded_at) VALUES (?1, ?2, ?3)",
                )
                .context("adding a correction")?;
            for s in &o.supersedes {
                stmt.execute(params![s.as_str(), o.id.as_str(), micros])
                    .context("adding a correction")?;
            }
        }
        Ok(Outcome::Added)
    }

    fn add_event(&mut self, event: &Event) -> Result<Outcome> {
        let body = serde_json::to_string(event).expect("events serialise to JSON");
        let inserted = self
            .tx
            .prepare_cached(
                "INSERT INTO events (id, start_day, end_day, body, recorded_at, recorded_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
                 ON CONFLICT (id) DO NOTHING",
            )
            .context("adding an event")?
            .execute(params![
                event.id,
                epoch_day(event.date_start),
                epoch_day(event.date_end),
                body,
                self.recorded.at.timestamp_micros(),
                self.recorded.by
            ])
            .context("adding an event")?;
        if inserted == 1 {
            return Ok(Outcome::Added);
        }
        let stored: String = self
            .tx
            .prepare_cached("SELECT body FROM events WHERE id = ?1")
            .context("reading an event")?
            .query_row(params![event.id], |r| r.get(0))
            .context("reading an event")?;
        if stored == body {
            Ok(Outcome::Unchanged)
        } else {
            Err(Error::EventIdTaken {
                id: event.id.clone(),
            })
        }
    }

    fn add_figure(&mut self, figure: &Figure) -> Result<Outcome> {
        self.add_record(codec::FIGURE, &figure.key(), figure)
    }

    fn add_presence(&mut self, presence: &Presence) -> Result<Outcome> {
        let body = serde_json::to_string(presence).expect("presence records serialise to JSON");
        let content = presence.content_id();
        let inserted = self
            .tx
            .prepare_cached(
                "INSERT INTO presence (id, content, body, recorded_at, recorded_by) VALUES (?1, ?2, ?3, ?4, ?5) \
                 ON CONFLICT (id) DO NOTHING",
            )
            .context("adding a presence record")?
            .execute(params![
                presence.id.as_str(),
                content.as_str(),
                body,
                presence.recorded_at.timestamp_micros(),
                presence.recorded_by
            ])
            .context("adding a presence record")?;
        if inserted == 1 {
            return Ok(Outcome::Added);
        }
        let stored: String = self
            .tx
            .prepare_cached("SELECT content FROM presence WHERE id = ?1")
            .context("reading a presence record")?
            .query_row(params![presence.id.as_str()], |r| r.get(0))
            .context("reading a presence record")?;
        if stored == content.as_str() {
            Ok(Outcome::Unchanged)
        } else {
            Err(Error::PresenceIdTaken {
                id: presence.id.to_string(),
            })
        }
    }

    fn commit(self: Box<Self>) -> Result<()> {
        if self.bulk.is_some() {
            // One helper thread sorts while the connection's thread builds the index (the
            // import's reader thread is done by now, so its core is free).
            self.tx
                .pragma_update(None, "threads", 1)
                .context("indexing the observations")?;
            self.tx
                .execute_batch(OBSERVATION_INDEXES)
                .context("indexing the observations")?;
            self.tx
                .pragma_update(None, "threads", 0)
                .context("indexing the observations")?;
        }
        self.tx.commit().context("committing")
    }
}

/// Ids joined by `,` (borrowed when there is one).
fn joined<'a, T>(ids: &'a [T], text: fn(&T) -> &str) -> Cow<'a, str> {
    match ids {
        [] => Cow::Borrowed(""),
        [one] => Cow::Borrowed(text(one)),
        many => Cow::Owned(join(many.iter().map(text))),
    }
}

/// The key of a party's records: its id, and the date its version starts from.
fn party_key(party: &Party) -> String {
    match party.since {
        Some(since) => format!("{}@{since}", party.id),
        None => party.id.to_string(),
    }
}

/// Adding an observation whose id is stored: unchanged if it says the same.
fn same_or_taken(stored: &str, o: &Observation, content: &HashText) -> Result<Outcome> {
    if stored == content.as_str() {
        Ok(Outcome::Unchanged)
    } else {
        Err(Error::ObservationIdTaken {
            id: o.id.to_string(),
        })
    }
}

const INSERT_RECORD: &str =
    "INSERT INTO records (kind, key, body, recorded_at, recorded_by) VALUES (?1, ?2, ?3, ?4, ?5)";

const INSERT_OBSERVATION: &str = "INSERT INTO observations (id, content, place, status, parties, valid_from, holds_from, valid_until, until_day, \
     confidence, note, supersedes, recorded_at, recorded_by, \
     source_publisher, source_title, source_url, source_date, source_stance, more_sources) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)";

const INSERT_NEW_OBSERVATION: &str = "INSERT INTO observations (id, content, place, status, parties, valid_from, holds_from, valid_until, until_day, \
     confidence, note, supersedes, recorded_at, recorded_by, \
     source_publisher, source_title, source_url, source_date, source_stance, more_sources) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20) \
     ON CONFLICT (id) DO NOTHING";
