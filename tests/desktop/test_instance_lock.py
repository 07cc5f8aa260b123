from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from micromoments_tray.platform.instance_lock import InstanceLock


def test_second_lock_on_same_file_is_refused(tmp_path: Path) -> None:
    first = InstanceLock(tmp_path / "app.lock")
    second = InstanceLock(tmp_path / "app.lock")
    assert first.acquire()
    assert not second.acquire()
    first.release()
    assert second.acquire()
    second.release()


def test_lock_of_a_dead_process_is_free(tmp_path: Path) -> None:
    lock_file = tmp_path / "app.lock"
    code = (
        "import os, sys; from pathlib import Path;"
        "from micromoments_tray.platform.instance_lock import InstanceLock;"
        f"assert InstanceLock(Path({str(lock_file)!r})).acquire(); os._exit(0)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    lock = InstanceLock(lock_file)
    assert lock.acquire()
    assert lock_file.read_text() != ""
    lock.release()
