"""Opening the moments database: private file, WAL, busy timeout, checked schema, migrations."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path

from micromoments_tray.core.moments import fold
from micromoments_tray.storage.errors import DatabaseDamaged, DatabaseTooNew
from micromoments_tray.storage.migrations import MIGRATIONS, SCHEMA_VERSION
from micromoments_tray.storage.paths import ensure_private_dir

# Writers wait this long for each other instead of failing with "database is locked".
BUSY_TIMEOUT_S = 30.0
_OUR_TABLES = {"moments", "people", "moment_people"}


def _create_private_file(path: Path) -> None:
    flags = os.O_CREAT | os.O_WRONLY | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, 0o600)
    os.close(fd)


def _fold(value: str | None) -> str | None:
    return None if value is None else fold(value)


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) and migrate the database at `path`.

    Raises DatabaseDamaged or DatabaseTooNew; the file is never deleted or rewritten to recover.
    """
    ensure_private_dir(path.parent)
    if path.exists() and not path.is_file():
        raise DatabaseDamaged(path, "it is not a regular file")
    if not path.exists():
        _create_private_file(path)
    try:
        conn = sqlite3.connect(
            str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
        )
    except sqlite3.Error as exc:
        raise DatabaseDamaged(path, str(exc)) from exc
    try:
        conn.create_function("mm_fold", 1, _fold, deterministic=True)
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        version, tables = _read_schema(conn)
        if version > SCHEMA_VERSION:
            raise DatabaseTooNew(path, version, SCHEMA_VERSION)
        if version == 0 and tables - {"sqlite_sequence"}:
            raise DatabaseDamaged(path, "it is an SQLite file, but not one of MicroMoments")
        if version > 0 and not tables >= _OUR_TABLES:
            raise DatabaseDamaged(path, "tables are missing")
        _enable_wal(conn)
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        if version < SCHEMA_VERSION:
            _migrate(conn, path, version)
    except sqlite3.DatabaseError as exc:
        conn.close()
        if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
            raise
        raise DatabaseDamaged(path, str(exc)) from exc
    except BaseException:
        conn.close()
        raise
    return conn


def _enable_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL (persistent in the file) unless it already is.

    Switching needs a moment of exclusive access, and SQLite reports "database is locked" at
    once, without its busy handler, while another process reads the new file. That only happens
    when several processes open a brand-new file together, so retry briefly instead of failing.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    delay = 0.002
    while True:
        try:
            if str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
                return
            # A file system without shared memory may keep the old mode: that still works.
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
        if time.monotonic() > deadline:
            raise sqlite3.OperationalError("database is locked (switching to WAL mode)")
        time.sleep(delay)
        delay = min(delay * 2, 0.05)


def _read_schema(conn: sqlite3.Connection) -> tuple[int, set[str]]:
    """Version and table names read in one transaction: another process creating the schema
    at the same moment must not make us see version 0 together with its new tables."""
    conn.execute("BEGIN")
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return version, {str(r[0]) for r in rows}


def backup_path(path: Path, version: int, now: datetime) -> Path:
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return path.with_name(f"{path.stem}.v{version}-backup-{stamp}{path.suffix}")


def _migrate(conn: sqlite3.Connection, path: Path, found: int) -> None:
    if found > 0:
        target = backup_path(path, found, datetime.now(UTC))
        _create_private_file(target)
        with contextlib.closing(sqlite3.connect(str(target))) as dest:
            conn.backup(dest)
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Another process may have migrated while we waited for the write lock.
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        for step in range(version, SCHEMA_VERSION):
            for statement in MIGRATIONS[step].split(";"):
                if statement.strip():
                    conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def set_aside(path: Path, now: datetime) -> Path:
    """Rename a damaged database (and its WAL files) out of the way; return the new name."""
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
    path.rename(target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    return target
