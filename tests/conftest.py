"""Shared fixtures: every test gets its own data and config folders and never sees the user's."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

# Widget tests draw offscreen; the X11 tests start their own server and pass DISPLAY explicitly.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from micromoments_tray.core.clock import FakeClock
from micromoments_tray.storage.paths import AppPaths


@pytest.fixture(autouse=True)
def _isolated_env(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Point platformdirs-style folders at a temporary home so no test touches real user data."""
    home = tmp_path_factory.mktemp("home")
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    for var in ("MICROMOMENTS_DATA_DIR", "MICROMOMENTS_CONFIG_DIR", "MICROMOMENTS_LOG_DIR"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def app_paths(tmp_path: Path) -> AppPaths:
    return AppPaths(
        data_dir=tmp_path / "data", config_dir=tmp_path / "config", log_dir=tmp_path / "logs"
    )


@pytest.fixture
def clock() -> Iterator[FakeClock]:
    # A Thursday evening in late November 2026, Berlin time.
    yield FakeClock(datetime(2026, 11, 26, 18, 30, tzinfo=ZoneInfo("Europe/Berlin")))
