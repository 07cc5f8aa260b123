"""The tray's reminder items: Suggest a moment, the Pause submenu, the status line, the icon."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from micromoments_tray.core.kinds import KINDS
from micromoments_tray.ui.fallback_window import FallbackWindow
from micromoments_tray.ui.icons import app_icon, paused_icon
from micromoments_tray.ui.tray import TrayIcon
from micromoments_tray.ui.wording import plain


@pytest.fixture
def tray(qtbot: QtBot) -> TrayIcon:
    return TrayIcon(app_icon(), KINDS)


def test_pause_submenu_order_and_mnemonics(tray: TrayIcon) -> None:
    texts = ["---" if a.isSeparator() else plain(a.text()) for a in tray.pause_menu.actions()]
    assert texts == [
        "30 minutes",
        "1 hour",
        "3 hours",
        "Until tomorrow",
        "Until I resume",
        "---",
        "Resume",
    ]
    letters = [
        a.text()[a.text().index("&") + 1].lower()
        for a in tray.pause_menu.actions()
        if not a.isSeparator()
    ]
    assert len(set(letters)) == len(letters)


def test_actions_emit_their_signals(qtbot: QtBot, tray: TrayIcon) -> None:
    with qtbot.waitSignal(tray.suggest_requested, timeout=100):
        tray.suggest_action.trigger()
    for key in ("30m", "1h", "3h", "tomorrow", "resumed"):
        with qtbot.waitSignal(tray.pause_requested, timeout=100) as blocker:
            tray.pause_actions[key].trigger()
        assert blocker.args == [key]
    tray.set_reminder_status("Reminders paused until 15:30", paused=True)
    with qtbot.waitSignal(tray.resume_requested, timeout=100):
        tray.resume_action.trigger()


def test_tooltip_shows_the_count_and_the_reminder_status(tray: TrayIcon) -> None:
    tray.set_tooltip_count(3)
    tray.set_reminder_status("Next suggestion around 16:10", paused=False)
    assert tray.tooltip() == "MicroMoments — 3 moments this week\nNext suggestion around 16:10"
    assert not tray.resume_action.isEnabled()
    tray.set_reminder_status("Reminders paused until 15:30", paused=True)
    tray.set_tooltip_count(None)
    assert tray.tooltip() == "MicroMoments\nReminders paused until 15:30"
    assert tray.resume_action.isEnabled()


def test_paused_icon_differs_from_the_app_icon(qtbot: QtBot) -> None:
    normal = app_icon().pixmap(32, 32).toImage()
    paused = paused_icon().pixmap(32, 32).toImage()
    assert not paused.isNull()
    assert normal != paused


def test_fallback_window_offers_the_same_actions(qtbot: QtBot) -> None:
    window = FallbackWindow(KINDS)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.suggest_requested, timeout=100):
        window.suggest_button.click()
    actions: list[QAction] = [a for a in window.pause_menu.actions() if not a.isSeparator()]
    assert [plain(a.text()) for a in actions] == [
        "30 minutes",
        "1 hour",
        "3 hours",
        "Until tomorrow",
        "Until I resume",
        "Resume",
    ]
    with qtbot.waitSignal(window.pause_requested, timeout=100) as blocker:
        actions[1].trigger()
    assert blocker.args == ["1h"]
    window.set_reminder_status("Reminders paused until 15:30", paused=True)
    assert window.reminder_label.text() == "Reminders paused until 15:30"
    with qtbot.waitSignal(window.resume_requested, timeout=100):
        actions[-1].trigger()
