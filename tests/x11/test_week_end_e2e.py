"""The end-of-week summary opens by itself at its time, and not twice (real app, real X server).

The app runs in a helper process with a FakeClock (tests/x11/fake_clock_app.py); the test moves
its time and fires the week-end timer by hand, then looks for the window with xdotool.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.x11.fake_clock_app import FakeClockApp
from tests.x11.xdesktop import XDesktop, wait_for

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    data, config = tmp_path / "data", tmp_path / "config"
    config.mkdir()
    (config / "settings.json").write_text('{"week_start": "monday", "tray_wait_seconds": 0}')
    return data, config


def test_week_end_summary_opens_by_itself_once(
    xdesktop: XDesktop, folders: tuple[Path, Path]
) -> None:
    data, config = folders
    # Sunday 29 November 2026, 17:58 in Berlin: two minutes before the summary time.
    app = FakeClockApp(xdesktop, data, config, "2026-11-29T17:58:00")
    try:
        app.send("fire-week-end")  # the timer firing early changes nothing
        assert app.windows_named("Week") == []
        app.send("advance 120")
        app.send("fire-week-end")
        windows = wait_for(lambda: app.windows_named("Week"), what="the week's summary window")
        assert len(windows) == 1
        title = xdesktop.run("xdotool", "getwindowname", windows[0]).strip()
        assert title.startswith("Your Week, 23 – 29 November 2026")
        xdesktop.run("xdotool", "windowclose", windows[0])
        wait_for(lambda: app.windows_named("Week") == [], what="the window to close")
        app.send("advance 3600")
        app.send("fire-week-end")
        app.send("advance 86400")
        app.send("fire-week-end")
        assert app.windows_named("Week") == []  # never twice for the same week
    finally:
        app.stop()

    # A start later that evening does not open it again either.
    again = FakeClockApp(xdesktop, data, config, "2026-11-29T21:00:00")
    try:
        again.send("fire-week-end")
        assert again.windows_named("Week") == []
    finally:
        again.stop()


def test_missed_week_end_opens_at_the_next_start(
    xdesktop: XDesktop, folders: tuple[Path, Path]
) -> None:
    data, config = folders
    first = FakeClockApp(xdesktop, data, config, "2026-11-27T10:00:00")  # Friday: app installed
    first.stop()
    # Off over the weekend; started again on Monday evening, within three days.
    later = FakeClockApp(xdesktop, data, config, "2026-11-30T19:00:00")
    try:
        windows = wait_for(lambda: later.windows_named("Week"), what="the missed summary")
        title = xdesktop.run("xdotool", "getwindowname", windows[0]).strip()
        assert "23 – 29 November 2026" in title
    finally:
        later.stop()
