"""The end-of-week summary opens by itself at its time, and not twice (real app, real X server).

The app runs in a helper process with a FakeClock (tests/x11/week_end_app.py); the test moves
its time and fires the week-end timer by hand, then looks for the window with xdotool.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.x11.xdesktop import XDesktop, wait_for

ROOT = Path(__file__).resolve().parents[2]


class FakeTimeApp:
    def __init__(self, desktop: XDesktop, data: Path, config: Path, start: str) -> None:
        self.desktop = desktop
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.x11.week_end_app", str(data), str(config), start],
            cwd=ROOT,
            env=desktop.env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        assert self._read_until("ready")

    def _read_until(self, word: str) -> bool:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            if line.strip() == word or line.strip().startswith(word):
                return True
        return False

    def send(self, command: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        assert self._read_until(f"ok {command}"), f"no answer to {command}"

    def week_windows(self) -> list[str]:
        """Visible windows of the app whose title holds "Week" (xdotool matches any case)."""
        out = self.desktop.run(
            "xdotool",
            "search",
            "--onlyvisible",
            "--pid",
            str(self.proc.pid),
            "--name",
            "Week",
            check=False,
        )
        names = {
            w: self.desktop.run("xdotool", "getwindowname", w, check=False) for w in out.split()
        }
        return [w for w, name in names.items() if "Week" in name]

    def stop(self) -> None:
        if self.proc.poll() is None:
            try:
                self.send("quit")
                self.proc.wait(timeout=10)
            except (AssertionError, BrokenPipeError, subprocess.TimeoutExpired):
                self.proc.terminate()
                self.proc.wait(timeout=10)
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                stream.close()


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
    app = FakeTimeApp(xdesktop, data, config, "2026-11-29T17:58:00")
    try:
        app.send("fire")  # the timer firing early changes nothing
        assert app.week_windows() == []
        app.send("advance 120")
        app.send("fire")
        windows = wait_for(app.week_windows, what="the week's summary window")
        assert len(windows) == 1
        title = xdesktop.run("xdotool", "getwindowname", windows[0]).strip()
        assert title.startswith("Your Week, 23 – 29 November 2026")
        xdesktop.run("xdotool", "windowclose", windows[0])
        wait_for(lambda: app.week_windows() == [], what="the window to close")
        app.send("advance 3600")
        app.send("fire")
        app.send("advance 86400")
        app.send("fire")
        assert app.week_windows() == []  # never twice for the same week
    finally:
        app.stop()

    # A start later that evening does not open it again either.
    again = FakeTimeApp(xdesktop, data, config, "2026-11-29T21:00:00")
    try:
        again.send("fire")
        assert again.week_windows() == []
    finally:
        again.stop()


def test_missed_week_end_opens_at_the_next_start(
    xdesktop: XDesktop, folders: tuple[Path, Path]
) -> None:
    data, config = folders
    first = FakeTimeApp(xdesktop, data, config, "2026-11-27T10:00:00")  # Friday: app installed
    first.stop()
    # Off over the weekend; started again on Monday evening, within three days.
    later = FakeTimeApp(xdesktop, data, config, "2026-11-30T19:00:00")
    try:
        windows = wait_for(later.week_windows, what="the missed summary")
        title = xdesktop.run("xdotool", "getwindowname", windows[0]).strip()
        assert "23 – 29 November 2026" in title
    finally:
        later.stop()
