"""The summary window shows what it is given: a full week, an empty week; copy and save."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtGui import QGuiApplication, QImage
from pytestqt.qtbot import QtBot

from micromoments_tray.core.moments import Moment, make_moment
from micromoments_tray.core.summary import WeekSummary, summarise
from micromoments_tray.core.week import SummarySettings, Week
from micromoments_tray.ui.summary_window import SummaryWindow

BERLIN = ZoneInfo("Europe/Berlin")
W48 = Week(date(2026, 11, 23))
NOW = datetime(2026, 12, 1, tzinfo=UTC)


def _m(day: int, kind: str, note: str = "", feeling: int | None = None, **kw: object) -> Moment:
    return make_moment(
        kind=kind,
        occurred_at=datetime(2026, 11, day, 12, tzinfo=BERLIN),
        now=NOW,
        note=note,
        feeling=feeling,
        people=kw.get("people", ()),  # type: ignore[arg-type]
    )


def full_week() -> WeekSummary:
    moments = [
        _m(23, "smile"),
        _m(23, "thanks", "Thanked the baker for the warm bread", 5),
        _m(24, "greeting", people=("Noor",)),
        _m(25, "conversation", "Long walk and talk with Ana", 4, people=("Ana",)),
        _m(26, "message", "Sent Grandma a photo of the garden", 5, people=("Grandma",)),
        _m(27, "kindness"),
        _m(28, "check-in", people=("Ana",)),
    ]
    return summarise(moments, W48, SummarySettings(), [4, 6, 3, 5, 5])


@pytest.fixture
def window(qtbot: QtBot) -> SummaryWindow:
    widget = SummaryWindow()
    qtbot.addWidget(widget)
    return widget


def test_a_full_week(window: SummaryWindow) -> None:
    window.show_summary(full_week(), is_current=False)
    assert "Week" in window.windowTitle()
    assert window.heading.text() == "23 – 29 November 2026"
    assert window.count_label.text() == "7 moments of connection"
    assert "fuller week than usual" in window.comparison_label.text()
    assert not window.welcome_label.isVisibleTo(window)
    assert window.chart.isVisibleTo(window)
    assert window.people.body.text() == "Ana (2), Grandma, Noor"
    assert window.feeling.body.text() == "4.7 out of 5"
    assert window.highlights.body.text().startswith("• Thanked the baker")
    assert window.streak.isVisibleTo(window)
    assert window.reflection.body.text().endswith("?")
    assert window.next_button.isEnabled() and window.this_week_button.isEnabled()


def test_the_chart_has_a_text_alternative(window: SummaryWindow) -> None:
    window.show_summary(full_week(), is_current=False)
    description = window.chart.accessibleDescription()
    assert description.startswith("Monday 23: 2 (Smile 1, Thanks 1).")
    assert "Sunday 29: none." in description
    assert not window.day_table.isVisibleTo(window)
    window.table_toggle.setChecked(True)
    assert window.day_table.isVisibleTo(window)
    assert "Tuesday 24: 1 greeting" in window.day_table.text()


def test_an_empty_week_is_welcomed(window: SummaryWindow) -> None:
    window.show_summary(summarise([], W48), is_current=True, today=date(2026, 11, 26))
    assert window.welcome_label.isVisibleTo(window)
    assert "fresh page" in window.welcome_label.text()
    assert window.suggestion.isVisibleTo(window)
    assert not window.count_label.isVisibleTo(window)
    assert not window.chart.isVisibleTo(window)
    assert not window.next_button.isEnabled()  # no weeks in the future
    assert window.week_caption.text() == "This week · week 48"


def test_a_hidden_streak_is_not_shown(window: SummaryWindow) -> None:
    hidden = summarise([_m(24, "smile")], W48, SummarySettings(show_streak=False), [1, 1])
    window.show_summary(hidden, is_current=False)
    assert not window.streak.isVisibleTo(window)


def test_navigation_signals(qtbot: QtBot, window: SummaryWindow) -> None:
    window.show_summary(full_week(), is_current=False)
    for button, signal in (
        (window.previous_button, window.previous_requested),
        (window.next_button, window.next_requested),
        (window.this_week_button, window.this_week_requested),
    ):
        with qtbot.waitSignal(signal, timeout=1000):
            button.click()


def test_copy_as_markdown(window: SummaryWindow) -> None:
    window.show_summary(full_week(), is_current=False)
    window.copy_button.click()
    text = QGuiApplication.clipboard().text()
    assert text.startswith("## Your week: 23 – 29 November 2026")
    assert "**People:** Ana (2), Grandma, Noor" in text
    assert window.status_label.text() == "Copied as text."


def test_save_as_image_without_the_dialog(window: SummaryWindow, tmp_path: Path) -> None:
    window.show_summary(full_week(), is_current=False)
    window.resize(560, 800)
    assert window.save_image(tmp_path / "week")
    image = QImage(str(tmp_path / "week.png"))
    assert not image.isNull() and image.width() > 300 and image.height() > 300
    assert window.suggested_file_name() == "micromoments-2026-W48.png"
    assert not window.save_image(tmp_path / "missing-folder" / "x.png")
    assert window.status_label.text().startswith("Could not save")
