"""The moments database: private files, WAL, schema checks, migrations, queries, soft delete."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from micromoments_tray.core.clock import FakeClock
from micromoments_tray.storage import db as db_module
from micromoments_tray.storage.db import connect
from micromoments_tray.storage.errors import (
    AmbiguousId,
    DatabaseDamaged,
    DatabaseTooNew,
    MomentNotFound,
)
from micromoments_tray.storage.migrations import MIGRATIONS, SCHEMA_VERSION
from micromoments_tray.storage.repository import MomentQuery, MomentRepository

from .conftest import MakeMoment

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def _user_version(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])


def test_fresh_database_has_the_current_schema_and_wal(db_path: Path) -> None:
    conn = connect(db_path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 30_000
    finally:
        conn.close()
    # Opening again is a no-op on an up-to-date file.
    connect(db_path).close()
    assert _user_version(db_path) == SCHEMA_VERSION


@posix_only
def test_new_folder_and_file_are_private(db_path: Path) -> None:
    connect(db_path).close()
    assert stat.S_IMODE(db_path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


def test_damaged_file_is_refused_and_left_byte_for_byte(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    garbage = b"these are not the bytes of an SQLite database\n" * 200
    db_path.write_bytes(garbage)
    with pytest.raises(DatabaseDamaged) as info:
        connect(db_path)
    assert str(db_path) in str(info.value)
    assert "It has not been changed" in str(info.value)
    assert db_path.read_bytes() == garbage
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]


def test_foreign_sqlite_file_is_refused_and_left_unchanged(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    with sqlite3.connect(db_path) as other:
        other.execute("CREATE TABLE recipes (name TEXT)")
        other.execute("INSERT INTO recipes VALUES ('soup')")
    other.close()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseDamaged, match="not one of MicroMoments"):
        connect(db_path)
    assert db_path.read_bytes() == before


def test_our_file_with_tables_missing_is_refused(db_path: Path) -> None:
    connect(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute("DROP TABLE moment_people")
    conn.close()
    with pytest.raises(DatabaseDamaged, match="tables are missing"):
        connect(db_path)


def test_newer_schema_is_refused_and_left_unchanged(db_path: Path) -> None:
    connect(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseTooNew) as info:
        connect(db_path)
    assert (info.value.found, info.value.supported) == (SCHEMA_VERSION + 1, SCHEMA_VERSION)
    assert "Update MicroMoments" in str(info.value)
    assert db_path.read_bytes() == before


def test_a_folder_where_the_file_should_be_is_refused(db_path: Path) -> None:
    db_path.mkdir(parents=True)
    with pytest.raises(DatabaseDamaged, match="not a regular file"):
        connect(db_path)


TWO_STEPS = (MIGRATIONS[0], "ALTER TABLE moments ADD COLUMN mood_colour TEXT")


def test_migration_from_an_older_version_backs_up_first(
    db_path: Path, make: MakeMoment, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db_module, "MIGRATIONS", TWO_STEPS[:1])
    monkeypatch.setattr(db_module, "SCHEMA_VERSION", 1)
    repo = MomentRepository(connect(db_path))
    kept = repo.add(make(1, note="before the upgrade"))
    repo.close()

    monkeypatch.setattr(db_module, "MIGRATIONS", TWO_STEPS)
    monkeypatch.setattr(db_module, "SCHEMA_VERSION", 2)
    repo = MomentRepository(connect(db_path))
    try:
        columns = {r[1] for r in repo.connection.execute("PRAGMA table_info(moments)")}
        assert "mood_colour" in columns
        assert repo.get(kept.id).note == "before the upgrade"
    finally:
        repo.close()
    assert _user_version(db_path) == 2

    backups = sorted(db_path.parent.glob("moments.v1-backup-*.sqlite3"))
    assert len(backups) == 1
    assert _user_version(backups[0]) == 1
    with sqlite3.connect(backups[0]) as conn:
        assert conn.execute("SELECT note FROM moments").fetchall() == [("before the upgrade",)]
    conn.close()
    if os.name == "posix":
        assert stat.S_IMODE(backups[0].stat().st_mode) == 0o600


def test_failed_migration_rolls_back_and_keeps_the_backup(
    db_path: Path, make: MakeMoment, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db_module, "MIGRATIONS", TWO_STEPS[:1])
    monkeypatch.setattr(db_module, "SCHEMA_VERSION", 1)
    repo = MomentRepository(connect(db_path))
    repo.add(make(1))
    repo.close()
    monkeypatch.setattr(db_module, "MIGRATIONS", (TWO_STEPS[0], "ALTER TABLE nowhere ADD x"))
    monkeypatch.setattr(db_module, "SCHEMA_VERSION", 2)
    with pytest.raises(DatabaseDamaged, match="no such table"):
        connect(db_path)
    assert _user_version(db_path) == 1
    assert len(list(db_path.parent.glob("moments.v1-backup-*"))) == 1


def test_first_creation_makes_no_backup(db_path: Path) -> None:
    connect(db_path).close()
    assert not list(db_path.parent.glob("*backup*"))


# -- the repository ------------------------------------------------------------------------------


def test_add_and_get_keep_every_field_and_the_offset(
    repo: MomentRepository, make: MakeMoment
) -> None:
    moment = make(2, kind="thanks", note="line one\nline two", people=("Sam", "Zoë"), feeling=4)
    repo.add(moment)
    got = repo.get(moment.id)
    assert got == moment
    assert got.occurred_at.utcoffset() == timedelta(hours=1)
    assert got.occurred_at.isoformat() == moment.occurred_at.isoformat()
    with pytest.raises(MomentNotFound, match="No moment has the id"):
        repo.get("00000000-0000-4000-8000-000000000000")


def test_query_filters_by_day_kind_person_and_search(
    repo: MomentRepository, make: MakeMoment, clock: FakeClock
) -> None:
    old = repo.add(make(72, kind="greeting", people=("Ann",), note="Morning hello"))
    mid = repo.add(make(26, kind="thanks", people=("Zoë",), note="Coffee from Zoë"))
    new = repo.add(make(1, kind="thanks", people=("ZOË", "Sam"), note="TEA WITH ZOË"))
    ids = lambda q: [m.id for m in repo.query(q)]  # noqa: E731

    now = clock.now()
    assert ids(MomentQuery()) == [old.id, mid.id, new.id]
    assert ids(MomentQuery(newest_first=True)) == [new.id, mid.id, old.id]
    assert ids(MomentQuery(since=now - timedelta(hours=30))) == [mid.id, new.id]
    assert ids(MomentQuery(until=now - timedelta(hours=26))) == [old.id]  # until is exclusive
    assert ids(MomentQuery(kind="thanks")) == [mid.id, new.id]
    assert ids(MomentQuery(person="zoë")) == [mid.id, new.id]  # 'Zoë' and 'ZOË' are one person
    assert ids(MomentQuery(person="  ann ")) == [old.id]
    assert ids(MomentQuery(search="zoë")) == [mid.id, new.id]
    assert ids(MomentQuery(search="Tea")) == [new.id]
    assert ids(MomentQuery(search="sam")) == [new.id]  # names are searched too
    assert ids(MomentQuery(search="nobody")) == []
    assert ids(MomentQuery(limit=1, offset=1)) == [mid.id]
    assert repo.count(MomentQuery(kind="thanks")) == 2


def test_people_share_one_record_whatever_the_case(
    repo: MomentRepository, make: MakeMoment
) -> None:
    repo.add(make(3, people=("Zoë",)))
    repo.add(make(2, people=("ZOË",)))
    assert repo.connection.execute("SELECT count(*) FROM people").fetchone()[0] == 1


def test_search_matches_decomposed_unicode(repo: MomentRepository, make: MakeMoment) -> None:
    import unicodedata

    moment = repo.add(make(1, note="Crêpes with Zoë"))
    assert [
        m.id for m in repo.query(MomentQuery(search=unicodedata.normalize("NFD", "CRÊPES")))
    ] == [moment.id]


def test_soft_delete_hides_and_restore_brings_back(
    repo: MomentRepository, make: MakeMoment, clock: FakeClock
) -> None:
    moment = repo.add(make(1, people=("Sam",)))
    deleted = repo.delete(moment.id, clock.now())
    assert deleted.is_deleted
    assert repo.query() == []
    assert repo.count() == 0
    assert [m.id for m in repo.query(MomentQuery(include_deleted=True))] == [moment.id]
    assert repo.people_names() == []
    restored = repo.restore(moment.id, clock.now())
    assert not restored.is_deleted
    assert [m.id for m in repo.query()] == [moment.id]
    with pytest.raises(MomentNotFound):
        repo.delete("00000000-0000-4000-8000-000000000000", clock.now())


def test_update_replaces_fields_and_people(
    repo: MomentRepository, make: MakeMoment, clock: FakeClock
) -> None:
    moment = repo.add(make(1, people=("Sam", "Ann")))
    clock.advance(timedelta(minutes=5))
    updated = repo.update(moment._replace(note="edited", people=("Ann",)), clock.now())
    got = repo.get(moment.id)
    assert (got.note, got.people) == ("edited", ("Ann",))
    assert got.updated_at == updated.updated_at > moment.updated_at
    with pytest.raises(MomentNotFound):
        repo.update(moment._replace(id="00000000-0000-4000-8000-000000000000"), clock.now())


def test_people_names_most_recent_first(repo: MomentRepository, make: MakeMoment) -> None:
    repo.add(make(50, people=("Ann", "Sam")))
    repo.add(make(5, people=("Zoë",)))
    repo.add(make(20, people=("Sam",)))
    assert repo.people_names() == ["Zoë", "Sam", "Ann"]


def test_resolve_id_by_prefix(repo: MomentRepository, make: MakeMoment) -> None:
    a = repo.add(make(3, moment_id="abcd1111-0000-4000-8000-000000000000"))
    repo.add(make(2, moment_id="abcd2222-0000-4000-8000-000000000000"))
    assert repo.resolve_id("ABCD1") == a.id
    assert repo.resolve_id(a.id.upper()) == a.id
    with pytest.raises(AmbiguousId, match="More than one moment has an id starting with abcd"):
        repo.resolve_id("abcd")
    for bad in ("abc", "zzzz", "ffff", "not-a-uuid-but-thirty-six-characters"):
        with pytest.raises(MomentNotFound):
            repo.resolve_id(bad)


def test_times_are_stored_in_utc_with_the_offset(repo: MomentRepository, make: MakeMoment) -> None:
    from datetime import timezone

    at = datetime(2026, 11, 20, 23, 30, tzinfo=timezone(timedelta(hours=-5)))
    moment = repo.add(make(at=at))
    row = repo.connection.execute(
        "SELECT occurred_utc, utc_offset FROM moments WHERE id=?", (moment.id,)
    ).fetchone()
    assert row == ("2026-11-21T04:30:00Z", -300)
