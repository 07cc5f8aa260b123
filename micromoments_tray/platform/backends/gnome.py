"""GNOME's do-not-disturb: the `show-banners` key of org.gnome.desktop.notifications.

GSettings has no D-Bus read API (dconf reads a memory-mapped file), so this asks the `gsettings`
command, with a short timeout, only when a reminder is due on a GNOME desktop. The command runs
behind a seam (`Runner`) so the parsing is tested without GNOME.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject

from micromoments_tray.platform.availability import DO_NOT_DISTURB, Availability

log = logging.getLogger(__name__)

SCHEMA = "org.gnome.desktop.notifications"
KEY = "show-banners"
TIMEOUT_S = 0.3
# Runs `gsettings get SCHEMA KEY` and returns its output, or None when it failed.
Runner = Callable[[], str | None]


def gsettings_runner(executable: str, timeout_s: float = TIMEOUT_S) -> Runner:
    def run() -> str | None:
        import subprocess  # only on GNOME, when a reminder asks: not at every start

        try:
            result = subprocess.run(
                [executable, "get", SCHEMA, KEY],
                capture_output=True,
                text=True,
                timeout=timeout_s,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            log.debug("gsettings: %s", exc)
            return None
        return result.stdout if result.returncode == 0 else None

    return run


def banners_hidden(output: str | None) -> bool:
    """True when gsettings printed `false` (banners off: GNOME's do-not-disturb)."""
    return output is not None and output.strip() == "false"


class GnomeBannersAvailability(Availability):
    def __init__(self, runner: Runner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner

    def busy_reason(self) -> str | None:
        return DO_NOT_DISTURB if banners_hidden(self._runner()) else None
