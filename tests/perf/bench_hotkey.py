"""Hotkey-to-palette benchmark: time from the backend's `activated` signal to the palette being
exposed on screen, against showing a bare pre-built QWidget in the same run.

Both windows are built before timing (as the app builds its palette at start-up); each round
hides them, then measures signal/show → the window's first Expose event. Rounds alternate so
machine noise hits both alike. Target: median ratio <= 1.5x.

Runs on Xvfb + openbox when they are installed (as in CI), else on the offscreen platform.
Usage: python tests/perf/bench_hotkey.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=60)
    args = parser.parse_args()

    desktop = None
    from tests.x11.xdesktop import XDesktop, missing_tools

    if not missing_tools():
        desktop = XDesktop(Path(tempfile.mkdtemp(prefix="bench-hotkey-")))
        desktop.start()
        os.environ.update({"DISPLAY": desktop.display, "QT_QPA_PLATFORM": "xcb"})
    else:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    try:
        return run(args.runs, "xcb (Xvfb + openbox)" if desktop else "offscreen")
    finally:
        if desktop is not None:
            desktop.stop()


def run(runs: int, where: str) -> int:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from micromoments_tray.core.clock import SystemClock
    from micromoments_tray.core.quick_entry import parse_quick_entry
    from micromoments_tray.platform.hotkeys.base import HotkeyBackend
    from micromoments_tray.ui.quick_entry import QuickEntryPalette

    app = QApplication(["bench"])
    clock = SystemClock()

    class Backend(HotkeyBackend):
        def bind(self, shortcut: str) -> None:
            pass

    backend = Backend()
    palette = QuickEntryPalette(lambda text: parse_quick_entry(text, clock))
    backend.activated.connect(palette.popup)  # as app.py wires it
    bare = QWidget()
    bare.setWindowTitle("bare")
    bare.resize(palette.sizeHint())

    class ExposeWatch(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.exposed_at = 0.0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Expose and self.exposed_at == 0.0:
                window = watched
                if getattr(window, "isExposed", lambda: True)():
                    self.exposed_at = time.perf_counter()
            return False

    def measure(start: object, window: QWidget) -> float:
        window.hide()
        app.processEvents()
        window.winId()
        handle = window.windowHandle()
        assert handle is not None
        watch = ExposeWatch()
        handle.installEventFilter(watch)
        began = time.perf_counter()
        assert callable(start)
        start()
        deadline = began + 5
        while watch.exposed_at == 0.0 and time.perf_counter() < deadline:
            app.processEvents()
        handle.removeEventFilter(watch)
        if watch.exposed_at == 0.0:
            raise RuntimeError(f"{window.windowTitle()} was never exposed")
        return watch.exposed_at - began

    # Warm both (first show maps and decorates the windows).
    for _ in range(3):
        measure(lambda: backend.activated.emit(), palette)
        measure(bare.show, bare)
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(runs):
        ours.append(measure(lambda: backend.activated.emit(), palette))
        theirs.append(measure(bare.show, bare))
    palette.hide()
    bare.hide()
    QTimer.singleShot(0, app.quit)
    app.exec()
    m_ours, m_base = statistics.median(ours), statistics.median(theirs)
    ratio = m_ours / m_base
    print(f"platform: {where}; {runs} rounds each, {datetime.now():%Y-%m-%d %H:%M}")
    print(
        f"hotkey signal -> palette exposed: median {m_ours * 1000:.2f} ms "
        f"vs bare pre-built QWidget show -> exposed: median {m_base * 1000:.2f} ms "
        f"-> ratio {ratio:.2f}x (target <= 1.5x)"
    )
    return 0 if ratio <= 1.5 else 1


if __name__ == "__main__":
    raise SystemExit(main())
