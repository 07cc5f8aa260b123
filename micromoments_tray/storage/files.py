"""Small private files written safely: whole-or-nothing writes, and keeping bad files aside."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path


def write_private_atomically(path: Path, text: str) -> None:
    """Write `text` to a new file readable only by the user, then move it over `path` in one step.

    A crash mid-write leaves the old file as it was, never half a file. The folder must exist.
    """
    fd, tmp = _new_private_file(path)
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


def _new_private_file(path: Path) -> tuple[int, Path]:
    """A new, empty file beside `path`, only the user's (as tempfile.mkstemp makes, without
    importing tempfile and what it pulls in: the tray app writes its small files at start)."""
    flags = os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = path.with_name(f".{path.name}-{os.urandom(6).hex()}.tmp")
        try:
            return os.open(tmp, flags, 0o600), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {path}")


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
