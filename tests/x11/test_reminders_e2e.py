"""The real app on a real X server: the reminder pop-up appears without taking the focus; an
overdue reminder waits ten minutes after start, then shows by itself, but not while a
full-screen window has the focus (those run on a fake clock: tests/x11/fake_clock_app.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.x11.fake_clock_app import FakeClockApp
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


# Thursday 26 November 2026, 10:00 in Berlin (09:00 UTC), for the app on a fake clock.
START = "2026-11-26T10:00:00"


def overdue_reminder_app(desktop: XDesktop, tmp_path: Path) -> FakeClockApp:
    """The app on a fake clock, started a day after its reminder count began: long overdue."""
    data, config = tmp_path / "clock-data", tmp_path / "clock-config"
    config.mkdir()
    config.joinpath("settings.json").write_text(
        json.dumps({"reminder_start": "00:00", "reminder_end": "24:00", "reminder_daily_cap": 12})
    )
    data.mkdir()
    data.joinpath("reminders.json").write_text(
        json.dumps({"version": 1, "seed": 1, "counting_from": "2026-11-25T09:00:00+00:00"})
    )
    app = FakeClockApp(desktop, data, config, START)
    # Not at once: the first minutes after start belong to what the user sat down to do.
    assert "next reminder: 2026-11-26T09:10:00+00:00" in app.log_text()
    assert popup_window(desktop) is None
    app.send("advance 600")
    return app


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
    xdesktop: XDesktop, tmp_path: Path
) -> None:
    app = overdue_reminder_app(xdesktop, tmp_path)
    try:
        app.send("fire-reminder")  # ten minutes after start, as the timer would
        wait_for(lambda: popup_window(xdesktop), timeout=20, what="the automatic pop-up")
        assert "suggesting" in app.log_text()
    finally:
        app.stop()


def test_no_popup_while_a_full_screen_window_has_the_focus(
    xdesktop: XDesktop, tmp_path: Path
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
        app = overdue_reminder_app(xdesktop, tmp_path)
        try:
            app.send("fire-reminder")
            wait_for(
                lambda: "reminder deferred: fullscreen" in app.log_text(),
                timeout=20,
                what="the reminder to be deferred",
            )
            assert popup_window(xdesktop) is None
            assert "suggesting" not in app.log_text()
            assert focused(xdesktop) == window
        finally:
            app.stop()
    finally:
        helper.terminate()
        helper.wait(timeout=5)
