"""The real app on a real X server: the reminder pop-up appears without taking the focus, and
no automatic reminder appears while a full-screen window has the focus."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.x11.test_tray_e2e import RunningApp
from tests.x11.xdesktop import XDesktop, wait_for

POPUP = "MicroMoments suggestion"
FULLSCREEN_HELPER = """
import sys
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
label = QLabel("presentation")
label.setWindowTitle("presentation-window")
label.showFullScreen()
label.activateWindow()
sys.exit(app.exec())
"""


@pytest.fixture
def app(xdesktop: XDesktop, tmp_path: Path) -> Iterator[RunningApp]:
    running = RunningApp(xdesktop, tmp_path)
    yield running
    running.stop()


def focused(desktop: XDesktop) -> str:
    return desktop.run("xdotool", "getwindowfocus").strip()


def popup_window(desktop: XDesktop) -> str | None:
    return desktop.find_window(POPUP)


def log_text(app: RunningApp) -> str:
    path = app.data / "logs" / "micromoments.log"
    return path.read_text() if path.exists() else ""


def reminder_due_at_start(app: RunningApp) -> None:
    """Settings and state that make an automatic reminder due as soon as the app starts."""
    app.config.mkdir(parents=True, exist_ok=True)
    app.config.joinpath("settings.json").write_text(
        json.dumps({"reminder_start": "00:00", "reminder_end": "24:00", "reminder_daily_cap": 12})
    )
    app.data.mkdir(parents=True, exist_ok=True)
    yesterday = (datetime.now(UTC) - timedelta(days=1)).isoformat()
    app.data.joinpath("reminders.json").write_text(
        json.dumps({"version": 1, "seed": 1, "counting_from": yesterday})
    )


def test_popup_appears_and_the_focused_window_keeps_the_focus(
    app: RunningApp, xdesktop: XDesktop, tmp_path: Path
) -> None:
    other = xdesktop.spawn(["xmessage", "-name", "typing-here", "I am typing here"], "xmessage")
    try:
        window = wait_for(lambda: xdesktop.find_window("typing-here"), what="xmessage")
        xdesktop.run("xdotool", "windowactivate", "--sync", window)
        wait_for(lambda: focused(xdesktop) == window, what="xmessage to have the focus")
        app.start()
        wait_for(app.tray_icon_window, timeout=20, what="the tray icon to dock in trayer")
        assert focused(xdesktop) == window
        result = app.cli("suggest")
        assert result.returncode == 0, result.stderr
        assert "on your screen" in result.stdout
        popup = wait_for(lambda: popup_window(xdesktop), what="the reminder pop-up")
        xdesktop.screenshot(tmp_path / "popup.png")
        # It sits in the tray's corner (trayer is at the top right) and left the focus alone.
        x, y, w, _h = xdesktop.geometry(popup)
        assert x + w > 1280 - 60 and y < 200
        assert focused(xdesktop) == window
        status = app.cli("status")
        assert status.returncode == 0 and "MicroMoments is running." in status.stdout
        assert "Next suggestion around" in status.stdout
        paused = app.cli("pause", "1h")
        assert paused.returncode == 0 and "Reminders paused until" in paused.stdout
        assert "paused until" in app.cli("status").stdout
        assert app.cli("resume").returncode == 0
        assert focused(xdesktop) == window
    finally:
        other.terminate()
        other.wait(timeout=5)


def test_an_automatic_reminder_shows_by_itself_when_nothing_is_full_screen(
    app: RunningApp, xdesktop: XDesktop
) -> None:
    reminder_due_at_start(app)
    app.start()
    wait_for(lambda: popup_window(xdesktop), timeout=20, what="the automatic pop-up")
    assert "suggesting" in log_text(app)


def test_no_popup_while_a_full_screen_window_has_the_focus(
    app: RunningApp, xdesktop: XDesktop
) -> None:
    helper = subprocess.Popen(
        [sys.executable, "-c", FULLSCREEN_HELPER], env=xdesktop.env, stdout=subprocess.DEVNULL
    )
    try:
        window = wait_for(
            lambda: xdesktop.find_window("presentation-window"), what="the full-screen window"
        )
        wait_for(
            lambda: "FULLSCREEN" in xdesktop.run("xprop", "-id", window, "_NET_WM_STATE"),
            what="_NET_WM_STATE_FULLSCREEN",
        )
        xdesktop.run("xdotool", "windowactivate", "--sync", window)
        wait_for(lambda: focused(xdesktop) == window, what="the full-screen window's focus")
        reminder_due_at_start(app)
        app.start()
        wait_for(
            lambda: "reminder deferred: fullscreen" in log_text(app),
            timeout=20,
            what="the reminder to be deferred",
        )
        assert popup_window(xdesktop) is None
        assert "suggesting" not in log_text(app)
        assert focused(xdesktop) == window
    finally:
        helper.terminate()
        helper.wait(timeout=5)
