"""Test helper: the real MicroMomentsApp under X11 with a FakeClock the test drives by stdin.

Commands, one per line: `advance SECONDS` (time passes), `fire` (the week-end timer fires, as
it would at its deadline), `quit`. Each command answers `ok <what>` on stdout.
Usage: python -m tests.x11.week_end_app DATA_DIR CONFIG_DIR ISO_START_TIME
"""

from __future__ import annotations

import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QSocketNotifier
from PySide6.QtWidgets import QApplication

from micromoments_tray.app import MicroMomentsApp
from micromoments_tray.clock import FakeClock
from micromoments_tray.paths import AppPaths


def main() -> int:
    data, config, start = sys.argv[1:4]
    clock = FakeClock(datetime.fromisoformat(start).replace(tzinfo=ZoneInfo("Europe/Berlin")))
    paths = AppPaths(Path(data), Path(config), Path(data) / "logs")
    qt_app = QApplication(["micromoments"])
    qt_app.setQuitOnLastWindowClosed(False)
    app = MicroMomentsApp(paths, clock, qt_app)
    if app.start() is not None:
        return 1

    def on_line() -> None:
        line = sys.stdin.readline().strip()
        if line.startswith("advance "):
            clock.advance(timedelta(seconds=float(line.split()[1])))
        elif line == "fire":
            app.week_end.timer.timeout.emit()
        elif line in ("quit", ""):
            qt_app.quit()
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
