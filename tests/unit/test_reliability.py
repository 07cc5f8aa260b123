"""The moments file under stress: several writers at once, and a writer killed mid-stream."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from micromoments_tray.storage.db import connect
from micromoments_tray.storage.repository import MomentQuery, MomentRepository

# One connection per process; every add is its own transaction; each id is printed after commit.
WRITER = """
import itertools, sys
from datetime import UTC, datetime
from pathlib import Path
from micromoments_tray.core.moments import make_moment
from micromoments_tray.storage.db import connect
from micromoments_tray.storage.repository import MomentRepository

path, count, tag = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
print("ready", flush=True)
sys.stdin.readline()  # wait for "go", so all writers start together
repo = MomentRepository(connect(path))
now = datetime.now(UTC)
for i in itertools.count() if count < 0 else range(count):
    moment = make_moment(kind="smile", occurred_at=now, now=now, note=f"{tag} {i}")
    repo.add(moment)
    print(moment.id, flush=True)
repo.close()
"""


@pytest.fixture
def started() -> Iterator[list[subprocess.Popen[str]]]:
    """Writers a test starts; any still running when it ends (a failure) are killed."""
    procs: list[subprocess.Popen[str]] = []
    yield procs
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
        proc.communicate(timeout=60)


def _start_writer(
    started: list[subprocess.Popen[str]], path: Path, count: int, tag: str
) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(count), tag],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    started.append(proc)
    assert proc.stdout is not None
    assert proc.stdout.readline() == "ready\n"
    return proc


def _go(proc: subprocess.Popen[str]) -> None:
    assert proc.stdin is not None
    proc.stdin.write("go\n")
    proc.stdin.flush()  # communicate() closes it


@pytest.mark.slow
def test_four_processes_writing_at_once_lose_nothing(
    tmp_path: Path, started: list[subprocess.Popen[str]]
) -> None:
    path = tmp_path / "data" / "moments.sqlite3"  # a fresh file: they also race to create it
    writers = [_start_writer(started, path, 250, f"w{n}") for n in range(4)]
    for proc in writers:
        _go(proc)
    printed: list[str] = []
    for proc in writers:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert "locked" not in err and err == ""
        ids = out.split()
        assert len(ids) == 250
        printed += ids

    repo = MomentRepository(connect(path))
    try:
        stored = repo.query(MomentQuery())
        assert len(stored) == 1000
        assert {m.id for m in stored} == set(printed)
        notes = {m.note for m in stored}
        assert notes == {f"w{n} {i}" for n in range(4) for i in range(250)}
    finally:
        repo.close()


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_writer_killed_mid_stream_leaves_a_sound_file_with_every_committed_moment(
    tmp_path: Path, started: list[subprocess.Popen[str]]
) -> None:
    path = tmp_path / "data" / "moments.sqlite3"
    proc = _start_writer(started, path, -1, "doomed")
    _go(proc)
    assert proc.stdout is not None
    committed = [proc.stdout.readline().strip() for _ in range(50)]
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(timeout=60) == -signal.SIGKILL
    rest = proc.stdout.read()  # through the same buffer the first lines came from
    committed += [line for line in rest.splitlines() if len(line) == 36]  # whole ids only
    assert len(committed) >= 50

    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    raw.close()
    repo = MomentRepository(connect(path))
    try:
        stored = {m.id for m in repo.query(MomentQuery())}
    finally:
        repo.close()
    assert set(committed) <= stored
    assert len(stored) - len(committed) <= 1  # at most the one committed as the kill landed
