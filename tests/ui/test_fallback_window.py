"""The window shown where there is no tray: same actions, same signals, and a way to a tray."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from micromoments_tray.core.kinds import KINDS
from micromoments_tray.ui.fallback_window import FallbackWindow
from micromoments_tray.ui.wording import plain


@pytest.fixture
def window(qtbot: QtBot) -> FallbackWindow:
    widget = FallbackWindow()
    qtbot.addWidget(widget)
    return widget


def test_title_hint_and_buttons(window: FallbackWindow) -> None:
    assert window.windowTitle() == "MicroMoments"
    assert "No system tray was found" in window.hint_label.text()
    assert "AppIndicator" in window.hint_label.text()
    assert "Closing this window quits" in window.hint_label.text()
    assert plain(window.log_button.text()) == "Log a moment…"
    assert [plain(b.text()) for b in window.kind_buttons.values()] == [k.label for k in KINDS]
    assert window.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)


def test_buttons_emit_the_tray_signals(qtbot: QtBot, window: FallbackWindow) -> None:
    with qtbot.waitSignal(window.log_dialog_requested):
        window.log_button.click()
    with qtbot.waitSignal(window.kind_chosen) as blocker:
        window.kind_buttons["check-in"].click()
    assert blocker.args == ["check-in"]
    with qtbot.waitSignal(window.settings_requested):
        window.settings_button.click()
    with qtbot.waitSignal(window.quit_requested):
        window.quit_button.click()


def test_closing_the_window_asks_to_quit(qtbot: QtBot, window: FallbackWindow) -> None:
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.quit_requested):
        window.close()
    assert not window.isVisible()


def test_hiding_does_not_quit(qtbot: QtBot, window: FallbackWindow) -> None:
    window.show()
    with qtbot.assertNotEmitted(window.quit_requested):
        window.hide()


@pytest.mark.parametrize(
    ("count", "text"),
    [(0, "No moments yet this week"), (1, "1 moment this week"), (4, "4 moments this week")],
)
def test_week_count(window: FallbackWindow, count: int, text: str) -> None:
    window.set_week_count(count)
    assert window.count_label.text() == text
    assert window.count_label.isVisibleTo(window)


def test_no_count_hides_the_line(window: FallbackWindow) -> None:
    window.set_week_count(3)
    window.set_week_count(None)
    assert not window.count_label.isVisibleTo(window)


def test_undo_button_only_while_on_offer(qtbot: QtBot, window: FallbackWindow) -> None:
    assert not window.undo_button.isVisibleTo(window)
    window.set_undo_available(True, "Smile")
    assert window.undo_button.isVisibleTo(window)
    assert plain(window.undo_button.text()) == "Undo last moment (Smile)"
    with qtbot.waitSignal(window.undo_requested):
        window.undo_button.click()
    window.set_undo_available(False)
    assert not window.undo_button.isVisibleTo(window)
