from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from micromoments_tray.storage.files import set_aside, write_private_atomically

NOW = datetime(2026, 11, 26, 17, 30, tzinfo=UTC)


def test_atomic_write_replaces_whole_file_privately(tmp_path: Path) -> None:
    target = tmp_path / "state.json"
    target.write_text("old")
    write_private_atomically(target, "new\n")
    assert target.read_text() == "new\n"
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]  # no temp file left


def test_failed_write_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "state.json"
    target.write_text("old")

    def boom(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(OSError):
        write_private_atomically(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]


def test_a_taken_temporary_name_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "state.json"
    taken = tmp_path / f".state.json-{'ab' * 6}.tmp"
    taken.write_text("someone else's")
    names = iter([bytes.fromhex("ab" * 6), bytes.fromhex("cd" * 6)])
    monkeypatch.setattr(os, "urandom", lambda n: next(names))
    write_private_atomically(target, "mine")
    assert target.read_text() == "mine"
    assert taken.read_text() == "someone else's"
    assert sorted(p.name for p in tmp_path.iterdir()) == [taken.name, "state.json"]


def test_set_aside_never_overwrites_an_earlier_copy(tmp_path: Path) -> None:
    target = tmp_path / "settings.json"
    kept = []
    for content in ("first", "second"):
        target.write_text(content)
        kept.append(set_aside(target, NOW))
    assert not target.exists()
    assert [p.read_text() for p in kept] == ["first", "second"]
    assert kept[0].name == "settings.json.unreadable-20261126T173000Z"
    assert kept[1].name == "settings.json.unreadable-20261126T173000Z-2"
