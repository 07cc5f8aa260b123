"""Fixtures for widget tests: a fixed 'now' and the dialogs under test, registered with qtbot."""

from __future__ import annotations

from datetime import datetime

import pytest
from pytestqt.qtbot import QtBot

from micromoments_tray.core.clock import FakeClock
from micromoments_tray.core.kinds import KINDS
from micromoments_tray.ui.log_dialog import LogDialog


@pytest.fixture
def now(clock: FakeClock) -> datetime:
    return clock.now()


@pytest.fixture
def log_dialog(qtbot: QtBot, now: datetime) -> LogDialog:
    dialog = LogDialog(KINDS)
    qtbot.addWidget(dialog)
    dialog.prepare(now, ["Sam", "Samira", "Lee"])
    return dialog
