"""What the real app loads to start, on a real X server with a tray.

Start-up stays light when it skips two costs of PySide6 that nothing at start needs: the `Qt`
enum namespace (~100 enum types, ~15 ms, ~1.5 MB) and the source scan of every imported module
(~80 files kept in linecache, ~3 MB). These guard against a change bringing either back; the
timings themselves are measured by tests/perf/bench_startup.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.x11.xdesktop import XDesktop

PROGRAM = """
import json, linecache, sys
from micromoments_tray.cli.main import main
code = main(["--data-dir", sys.argv[1], "--config-dir", sys.argv[2], "run", "--smoke-test"])
core = sys.modules["PySide6.QtCore"]
ours = [name for name in sys.modules if name.startswith("micromoments_tray")]
print(json.dumps({
    "code": code,
    "qt_namespace_built": "Qt" in vars(core),
    "lines_cached": sorted(linecache.cache),
    "ours_loaded": len(ours),
    "never_at_start": sorted(set(ours) & {
        "micromoments_tray.ui.log_dialog", "micromoments_tray.ui.undo_toast",
        "micromoments_tray.ui.reminder_popup", "micromoments_tray.ui.settings_dialog",
        "micromoments_tray.core.summary",
    }),
}))
"""


def test_start_builds_no_qt_namespace_and_keeps_no_sources(
    xdesktop: XDesktop, tmp_path: Path
) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROGRAM, str(tmp_path / "data"), str(tmp_path / "config")],
        env=xdesktop.env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["code"] == 0
    assert result.stdout.splitlines()[0] == "ok"  # the tray icon was shown
    assert report["qt_namespace_built"] is False
    assert [name for name in report["lines_cached"] if "micromoments_tray" in name] == []
    assert report["never_at_start"] == []
    assert report["ours_loaded"] > 30  # the whole app was built
