"""The settings file: defaults, validation, atomic private writes, unreadable files kept aside."""

from __future__ import annotations

import json
import os
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from micromoments_tray.storage.settings import SETTINGS, Settings, SettingsStore

NOW = datetime(2026, 11, 26, 17, 30, tzinfo=UTC)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "config" / "settings.json"


def test_defaults_without_a_file(path: Path) -> None:
    settings = SettingsStore(path).load()
    assert settings.problems == []
    for spec in SETTINGS:
        assert settings[spec.name] == spec.default
    assert settings.get_int("undo_seconds") == 8
    assert settings.get_bool("tooltip_week_count") is True
    assert not path.exists()  # loading creates nothing


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (500, "undo_seconds must be at most 60; using the default (8)"),
        (1, "undo_seconds must be at least 3; using the default (8)"),
        ("ten", "undo_seconds must be a whole number; using the default (8)"),
        (True, "undo_seconds must be a whole number; using the default (8)"),
    ],
)
def test_invalid_value_is_reported_and_the_default_used(
    path: Path, value: object, problem: str
) -> None:
    path.parent.mkdir()
    path.write_text(json.dumps({"undo_seconds": value, "tray_wait_seconds": 20}))
    settings = SettingsStore(path).load()
    assert settings.problems == [problem]
    assert settings["undo_seconds"] == 8
    assert settings["tray_wait_seconds"] == 20  # the valid neighbour is still read


@pytest.mark.parametrize("text", ["{not json", "[1, 2]", "\x00\x01"])
def test_unreadable_file_is_kept_aside_on_save_never_overwritten(path: Path, text: str) -> None:
    path.parent.mkdir()
    path.write_text(text)
    store = SettingsStore(path)
    settings = store.load()
    assert settings.problems and str(path) in settings.problems[0]
    assert settings["undo_seconds"] == 8
    store.save(settings.with_changes({"undo_seconds": 12}), now=NOW)
    aside = path.with_name("settings.json.unreadable-20261126T173000Z")
    assert aside.read_text() == text
    assert json.loads(path.read_text()) == {"undo_seconds": 12}


def test_unreadable_file_is_kept_aside_even_when_saving_without_loading(path: Path) -> None:
    path.parent.mkdir()
    path.write_text("{broken")
    SettingsStore(path).save(Settings({"ask_details": True}), now=NOW)
    path.write_text("{broken again")
    SettingsStore(path).save(Settings({"ask_details": True}), now=NOW)  # same second
    kept = sorted(p.name for p in path.parent.glob("settings.json.unreadable-*"))
    assert kept == [
        "settings.json.unreadable-20261126T173000Z",
        "settings.json.unreadable-20261126T173000Z-2",
    ]
    assert {(path.parent / k).read_text() for k in kept} == {"{broken", "{broken again"}


def test_save_is_atomic_private_and_readable_back(path: Path) -> None:
    store = SettingsStore(path)
    store.save(Settings().with_changes({"undo_seconds": 15, "ask_details": True}))
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]  # no temp file left
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    again = SettingsStore(path).load()
    assert again.problems == []
    assert (again["undo_seconds"], again["ask_details"]) == (15, True)


def test_unknown_keys_from_a_newer_version_survive_a_save(path: Path) -> None:
    path.parent.mkdir()
    path.write_text(json.dumps({"future_feature": {"on": True}, "undo_seconds": 10}))
    store = SettingsStore(path)
    settings = store.load()
    assert settings.problems == []
    store.save(settings.with_changes({"undo_seconds": 20}))
    assert json.loads(path.read_text()) == {"future_feature": {"on": True}, "undo_seconds": 20}


def test_with_changes_validates(path: Path) -> None:
    with pytest.raises(ValueError, match="there is no setting called volume"):
        Settings().with_changes({"volume": 3})
    with pytest.raises(ValueError, match="ask_details must be true or false"):
        Settings().with_changes({"ask_details": "yes"})
