"""Small private files written safely: whole-or-nothing writes, and keeping bad files aside."""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path


def write_private_atomically(path: Path, text: str) -> None:
    """Write `text` to a new file readable only by the user, then move it over `path` in one step.

    A crash mid-write leaves the old file as it was, never half a file. The folder must exist.
    """
    folder = path.parent if str(path.parent) else Path()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if os.name == "posix":
            os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def set_aside(path: Path, now: datetime, label: str = "unreadable") -> Path:
    """Rename `path` to `<name>.<label>-<UTC stamp>` under a name no earlier copy uses."""
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    base = path.with_name(f"{path.name}.{label}-{stamp}")
    target, n = base, 1
    while target.exists():
        n += 1
        target = base.with_name(f"{base.name}-{n}")
    path.rename(target)
    return target
