"""Enum values set by name: the timers really get second precision, bad names are refused."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from micromoments_tray.core.clock import FakeClock
from micromoments_tray.qt_machinery import set_enum_property
from micromoments_tray.services.scheduler import qt_timer_factory
from micromoments_tray.services.week_end import WeekEndState, WeekEndTimer


def test_the_schedulers_timers_are_very_coarse() -> None:
    parent = QObject()
    timer = qt_timer_factory(parent, "reminder-deadline")
    assert isinstance(timer, QTimer)
    assert timer.timerType() == Qt.TimerType.VeryCoarseTimer


def test_the_week_end_timer_is_very_coarse(tmp_path: Path) -> None:
    clock = FakeClock(datetime(2026, 11, 26, 10, 0, tzinfo=UTC))
    timer = WeekEndTimer(clock, WeekEndState(tmp_path / "week_end.json"))
    assert timer.timer.timerType() == Qt.TimerType.VeryCoarseTimer


def test_flags_and_plain_values_by_name(qtbot: QtBot) -> None:
    button = QPushButton("x")
    qtbot.addWidget(button)
    set_enum_property(button, "focusPolicy", "NoFocus")
    assert button.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_a_name_qt_does_not_know_is_refused(qtbot: QtBot) -> None:
    button = QPushButton("x")
    qtbot.addWidget(button)
    with pytest.raises(ValueError, match="focusPolicy does not take 'Sometimes'"):
        set_enum_property(button, "focusPolicy", "Sometimes")
    with pytest.raises(ValueError, match="noSuchThing"):
        set_enum_property(button, "noSuchThing", "NoFocus")
