"""Guards against Qt bindings that corrupt Python's reference counts.

PySide6 6.12.0 took a reference from None on every void call and from True on every emit made
from Python; a tray app that runs for days makes millions of such calls and would abort. The
pin in pyproject.toml excludes it; this test fails if a broken release slips back in.
"""

from __future__ import annotations

import subprocess
import sys

PROGRAM = """
import sys
from PySide6.QtCore import QObject, Signal

class Pinger(QObject):
    ping = Signal()

obj = Pinger()
none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
for _ in range(20_000):
    obj.setObjectName("x")
    obj.ping.emit()
print(none_before - sys.getrefcount(None), true_before - sys.getrefcount(True))
"""


def test_void_calls_and_emits_keep_reference_counts() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROGRAM], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr[-500:]
    lost_none, lost_true = (int(n) for n in result.stdout.split())
    assert abs(lost_none) < 100 and abs(lost_true) < 100
