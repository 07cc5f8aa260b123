"""Forward-only schema migrations, numbered by `PRAGMA user_version`."""

from __future__ import annotations

# Each entry upgrades from version i to i + 1. Never edit a released entry: append a new one.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE moments (
        id           TEXT PRIMARY KEY,
        occurred_utc TEXT NOT NULL,              -- 'YYYY-MM-DDTHH:MM:SSZ', sorts as text
        utc_offset   INTEGER NOT NULL,           -- minutes east of UTC where it happened
        kind         TEXT NOT NULL,
        note         TEXT NOT NULL DEFAULT '',
        feeling      INTEGER CHECK (feeling IS NULL OR feeling BETWEEN 1 AND 5),
        created_utc  TEXT NOT NULL,
        updated_utc  TEXT NOT NULL,
        deleted_utc  TEXT
    );
    CREATE INDEX moments_by_time ON moments (occurred_utc);
    CREATE TABLE people (
        id   INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        key  TEXT NOT NULL UNIQUE                -- casefolded name: matching ignores case
    );
    CREATE TABLE moment_people (
        moment_id TEXT NOT NULL REFERENCES moments (id) ON DELETE CASCADE,
        person_id INTEGER NOT NULL REFERENCES people (id),
        position  INTEGER NOT NULL,
        PRIMARY KEY (moment_id, person_id)
    );
    CREATE INDEX moment_people_by_person ON moment_people (person_id);
    """,
    # 2: keep in touch about every N days (NULL: no rhythm); indexes for history sorted by kind
    # and for counting live moments without reading deleted ones.
    """
    ALTER TABLE people ADD COLUMN keep_in_touch_days INTEGER
        CHECK (keep_in_touch_days IS NULL OR keep_in_touch_days BETWEEN 1 AND 365);
    CREATE INDEX moments_live_by_time ON moments (occurred_utc) WHERE deleted_utc IS NULL;
    CREATE INDEX moments_by_kind ON moments (kind, occurred_utc);
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
