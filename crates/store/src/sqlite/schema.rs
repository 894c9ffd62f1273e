//! Versioned migrations. `PRAGMA user_version` holds the number applied; each step runs
//! once, in its own transaction, in order. Never edit a released step: add a new one.

/// The migrations, in order; the schema version is their count.
pub(super) const MIGRATIONS: &[&str] = &[
    // 1: the append-only evidence store.
    r"
    -- Versioned records: the conflict, regions, parties, places and milestones. A change
    -- is a new row; the latest row per (kind, key) is current.
    CREATE TABLE records (
        seq         INTEGER PRIMARY KEY,
        kind        TEXT NOT NULL,
        key         TEXT NOT NULL,
        body        TEXT NOT NULL,
        recorded_at INTEGER NOT NULL,
        recorded_by TEXT NOT NULL
    );
    CREATE INDEX records_by_key ON records (kind, key, seq);

    -- Observations: dated, sourced reports of who held a place.
    CREATE TABLE observations (
        seq         INTEGER PRIMARY KEY,
        id          TEXT NOT NULL UNIQUE,
        content     TEXT NOT NULL,
        place       TEXT NOT NULL,
        status      TEXT NOT NULL,
        parties     TEXT NOT NULL,      -- party ids joined by ','
        valid_from  TEXT NOT NULL,      -- ISO 8601 with precision
        holds_from  INTEGER NOT NULL,   -- days from 1970-01-01 of the period's last day
        valid_until TEXT,
        until_day   INTEGER,            -- days from 1970-01-01 of valid_until's first day
        source_publisher TEXT NOT NULL, -- the first source, inline: most cite one
        source_title     TEXT NOT NULL,
        source_url       TEXT,
        source_date      TEXT,
        source_stance    TEXT NOT NULL,
        more_sources     TEXT,          -- further sources as a JSON array, if any
        confidence  TEXT NOT NULL,
        note        TEXT,
        supersedes  TEXT NOT NULL,      -- observation ids joined by ','
        recorded_at INTEGER NOT NULL,   -- microseconds from 1970-01-01T00:00:00Z
        recorded_by TEXT NOT NULL
    );
    CREATE INDEX observations_by_place ON observations (place, holds_from);

    -- Corrections, one row per superseded observation, for queries at a record time.
    CREATE TABLE supersessions (
        superseded  TEXT NOT NULL,
        by          TEXT NOT NULL,
        recorded_at INTEGER NOT NULL
    );
    CREATE INDEX supersessions_by_superseded ON supersessions (superseded, recorded_at);

    -- Append-only: nothing is ever updated or deleted.
    CREATE TRIGGER records_no_update BEFORE UPDATE ON records BEGIN SELECT RAISE(ABORT, 'append-only: records are never updated'); END;
    CREATE TRIGGER records_no_delete BEFORE DELETE ON records BEGIN SELECT RAISE(ABORT, 'append-only: records are never deleted'); END;
    CREATE TRIGGER observations_no_update BEFORE UPDATE ON observations BEGIN SELECT RAISE(ABORT, 'append-only: observations are never updated'); END;
    CREATE TRIGGER observations_no_delete BEFORE DELETE ON observations BEGIN SELECT RAISE(ABORT, 'append-only: observations are never deleted'); END;
    CREATE TRIGGER supersessions_no_update BEFORE UPDATE ON supersessions BEGIN SELECT RAISE(ABORT, 'append-only: supersessions are never updated'); END;
    CREATE TRIGGER supersessions_no_delete BEFORE DELETE ON supersessions BEGIN SELECT RAISE(ABORT, 'append-only: supersessions are never deleted'); END;
    ",
    // 2: the events layer (issue 7), kept apart from control: violent events as a dataset
    // such as UCDP GED records them. Nothing that resolves control reads this table.
    r"
    CREATE TABLE events (
        seq         INTEGER PRIMARY KEY,
        id          TEXT NOT NULL UNIQUE,   -- dataset-prefixed, e.g. ucdp-ged:214797
        start_day   INTEGER NOT NULL,       -- days from 1970-01-01 of date_start
        end_day     INTEGER NOT NULL,       -- days from 1970-01-01 of date_end
        body        TEXT NOT NULL,          -- the event as JSON
        recorded_at INTEGER NOT NULL,       -- microseconds from 1970-01-01T00:00:00Z
        recorded_by TEXT NOT NULL
    );
    CREATE INDEX events_by_start ON events (start_day);

    CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'append-only: events are never updated'); END;
    CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'append-only: events are never deleted'); END;
    ",
    // 3: observation ids unique through a named index rather than a column constraint, so
    // that a bulk load can build its indexes once at the end (see `writer.rs`); the content
    // id kept only where it differs from the id. Every row is copied with its `seq`;
    // nothing is lost.
    r"
    CREATE TABLE observations_v3 (
        seq         INTEGER PRIMARY KEY,
        id          TEXT NOT NULL,
        content     TEXT,               -- the content id, when the id is not it (NULL: it is)
        place       TEXT NOT NULL,
        status      TEXT NOT NULL,
        parties     TEXT NOT NULL,
        valid_from  TEXT NOT NULL,
        holds_from  INTEGER NOT NULL,
        valid_until TEXT,
        until_day   INTEGER,
        source_publisher TEXT NOT NULL,
        source_title     TEXT NOT NULL,
        source_url       TEXT,
        source_date      TEXT,
        source_stance    TEXT NOT NULL,
        more_sources     TEXT,
        confidence  TEXT NOT NULL,
        note        TEXT,
        supersedes  TEXT NOT NULL,
        recorded_at INTEGER NOT NULL,
        recorded_by TEXT NOT NULL
    );
    INSERT INTO observations_v3 SELECT seq, id, nullif(content, id), place, status, parties, valid_from, holds_from,
        valid_until, until_day, source_publisher, source_title, source_url, source_date, source_stance,
        more_sources, confidence, note, supersedes, recorded_at, recorded_by FROM observations;
    DROP TABLE observations;
    ALTER TABLE observations_v3 RENAME TO observations;
    CREATE UNIQUE INDEX observations_by_id ON observations (id);
    CREATE INDEX observations_by_place ON observations (place, holds_from);
    CREATE TRIGGER observations_no_update BEFORE UPDATE ON observations BEGIN SELECT RAISE(ABORT, 'append-only: observations are never updated'); END;
    CREATE TRIGGER observations_no_delete BEFORE DELETE ON observations BEGIN SELECT RAISE(ABORT, 'append-only: observations are never deleted'); END;
    ",
    // 4: no index on (place, holds_from): every answer reads the observations whole (the
    // atlas indexes them in memory), so the index only slowed every import.
    "DROP INDEX observations_by_place;",
    // 5: the presence layer (issue 19), kept apart from control: foreign forces' sites,
    // with valid time and record time and corrections, as observations have. Nothing that
    // resolves control reads this table.
    r"
    CREATE TABLE presence (
        seq         INTEGER PRIMARY KEY,
        id          TEXT NOT NULL UNIQUE,
        content     TEXT NOT NULL,          -- the content id (equal to id unless a file gave one)
        body        TEXT NOT NULL,          -- the record as JSON
        recorded_at INTEGER NOT NULL,       -- microseconds from 1970-01-01T00:00:00Z
        recorded_by TEXT NOT NULL
    );

    CREATE TRIGGER presence_no_update BEFORE UPDATE ON presence BEGIN SELECT RAISE(ABORT, 'append-only: presence records are never updated'); END;
    CREATE TRIGGER presence_no_delete BEFORE DELETE ON presence BEGIN SELECT RAISE(ABORT, 'append-only: presence records are never deleted'); END;
    ",
];

/// The observation index (as migrations 3 and 4 leave it), built again after a bulk load.
pub(super) const OBSERVATION_INDEXES: &str =
    "CREATE UNIQUE INDEX observations_by_id ON observations (id);";

/// Drops [`OBSERVATION_INDEXES`] for a bulk load.
pub(super) const DROP_OBSERVATION_INDEXES: &str = "DROP INDEX observations_by_id;";
