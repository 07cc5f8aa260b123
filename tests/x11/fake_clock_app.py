"""Test helper: the real MicroMomentsApp under X11 with a FakeClock the test drives by stdin.

Run as a program, the app reads commands, one per line: `advance SECONDS` (time passes),
`fire-week-end` or `fire-reminder` (that timer fires, as it would at its deadline), `quit`.
Each command answers `ok <command>` on stdout. `FakeClockApp` starts and drives it.
Usage: python -m tests.x11.fake_clock_app DATA_DIR CONFIG_DIR ISO_START_TIME (Berlin time)
"""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from tests.x11.xdesktop import XDesktop

ROOT = Path(__file__).resolve().parents[2]


class FakeClockApp:
    """The helper process, seen from a test."""

    def __init__(self, desktop: XDesktop, data: Path, config: Path, start: str) -> None:
        self.desktop = desktop
        self.data = data
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.x11.fake_clock_app", str(data), str(config), start],
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

    def windows_named(self, part: str) -> list[str]:
        """Visible windows of the app whose title holds `part` (case-sensitive)."""
        out = self.desktop.run(
            "xdotool",
            "search",
            "--onlyvisible",
            "--pid",
            str(self.proc.pid),
            "--name",
            part,
            check=False,
        )
        names = {
            w: self.desktop.run("xdotool", "getwindowname", w, check=False) for w in out.split()
        }
        return [w for w, name in names.items() if part in name]

    def log_text(self) -> str:
        path = self.data / "logs" / "micromoments.log"
        return path.read_text() if path.exists() else ""

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


def main() -> int:
    import logging

    from PySide6.QtCore import QSocketNotifier
    from PySide6.QtWidgets import QApplication

    from micromoments_tray.app.root import MicroMomentsApp, setup_logging
    from micromoments_tray.core.clock import FakeClock
    from micromoments_tray.storage.paths import AppPaths

    data, config, start = sys.argv[1:4]
    clock = FakeClock(datetime.fromisoformat(start).replace(tzinfo=ZoneInfo("Europe/Berlin")))
    paths = AppPaths(Path(data), Path(config), Path(data) / "logs")
    setup_logging(paths)
    qt_app = QApplication(["micromoments"])
    qt_app.setQuitOnLastWindowClosed(False)
    app = MicroMomentsApp(paths, clock, qt_app)
    if app.start() is not None:
        return 1

    def on_line() -> None:
        line = sys.stdin.readline().strip()
        if line.startswith("advance "):
            clock.advance(timedelta(seconds=float(line.split()[1])))
        elif line == "fire-week-end":
            app.week_end.timer.timeout.emit()
        elif line == "fire-reminder":
            app.reminders.scheduler.deadline_timer.timeout.emit()  # type: ignore[attr-defined]
        elif line in ("quit", ""):
            qt_app.quit()
        logging.getLogger("micromoments").info("test clock: %s", line)
        print(f"ok {line}", flush=True)

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(on_line)
    print("ready", flush=True)
    try:
        return qt_app.exec()
    finally:
        app.shutdown()


if __name__ == "__main__":
    sys.exit(main())
