"""X11: idle time from the XScreenSaver extension, full screen from the active window's state.

Both share one Display connection of their own (python-xlib), opened the first time a reminder
asks and kept open; no events are selected on it, so the X server never wakes us up. If the
server goes away the connection is dropped and opened again next time.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject

from micromoments_tray.platform.availability import FULLSCREEN, IDLE, Availability

log = logging.getLogger(__name__)


def has_fullscreen_state(states: Sequence[int] | None, fullscreen_atom: int) -> bool:
    """True when a window's _NET_WM_STATE atoms include _NET_WM_STATE_FULLSCREEN."""
    return bool(states) and fullscreen_atom in (states or ())


def active_window_id(values: Sequence[int] | None) -> int | None:
    """The window in a _NET_ACTIVE_WINDOW property (None when unset or 0: nothing focused)."""
    if not values:
        return None
    return int(values[0]) or None


def _open_display(name: str | None) -> Any:
    from Xlib import display as xdisplay  # type: ignore[import-untyped]

    return xdisplay.Display(name)


class LazyDisplay:
    """One python-xlib Display, opened on first use; None when the server cannot be reached."""

    def __init__(self, name: str | None, opener: Callable[[str | None], Any] | None = None) -> None:
        self.name = name
        self._opener = opener or _open_display
        self._display: Any = None
        self._failed = False

    def get(self) -> Any:
        if self._display is None and not self._failed:
            try:
                self._display = self._opener(self.name)
            except Exception as exc:  # Xlib raises several unrelated types here
                log.info("no X11 connection to %s: %s", self.name, exc)
                self._failed = True
        return self._display

    def reset(self) -> None:
        """Forget a connection that failed; the next `get()` opens a new one."""
        if self._display is not None:
            try:
                self._display.close()
            except Exception:
                log.debug("closing a broken X11 connection", exc_info=True)
        self._display = None

    def close(self) -> None:
        self.reset()
        self._failed = False


class X11IdleAvailability(Availability):
    """'idle' when the XScreenSaver extension counts `idle_threshold_s` or more without input."""

    def __init__(
        self, display: LazyDisplay, idle_threshold_s: int, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.display = display
        self.idle_threshold_ms = idle_threshold_s * 1000
        self._supported: bool | None = None

    def idle_ms(self) -> int | None:
        """Milliseconds since the last keyboard or mouse input, or None when unknown."""
        dpy = self.display.get()
        if dpy is None:
            return None
        try:
            if self._supported is None:
                self._supported = bool(dpy.has_extension("MIT-SCREEN-SAVER"))
                if not self._supported:
                    log.info("the X server has no MIT-SCREEN-SAVER extension: no idle time")
            if not self._supported:
                return None
            return int(dpy.screen().root.screensaver_query_info().idle)
        except Exception:
            log.warning("XScreenSaver query failed", exc_info=True)
            self.display.reset()
            return None

    def busy_reason(self) -> str | None:
        idle = self.idle_ms()
        return IDLE if idle is not None and idle >= self.idle_threshold_ms else None


class X11FullscreenAvailability(Availability):
    """'fullscreen' when the window in _NET_ACTIVE_WINDOW has _NET_WM_STATE_FULLSCREEN."""

    def __init__(self, display: LazyDisplay, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.display = display

    def fullscreen_window(self) -> int | None:
        """The active window's id if it is full screen, else None."""
        dpy = self.display.get()
        if dpy is None:
            return None
        from Xlib import X, Xatom
        from Xlib.error import BadWindow  # type: ignore[import-untyped]

        try:
            root = dpy.screen().root
            active = root.get_full_property(
                dpy.intern_atom("_NET_ACTIVE_WINDOW"), X.AnyPropertyType
            )
            window_id = active_window_id(active.value if active is not None else None)
            if window_id is None:
                return None
            window = dpy.create_resource_object("window", window_id)
            try:
                state = window.get_full_property(dpy.intern_atom("_NET_WM_STATE"), Xatom.ATOM)
            except BadWindow:  # it closed between the two questions
                return None
            fullscreen = dpy.intern_atom("_NET_WM_STATE_FULLSCREEN")
            values = list(state.value) if state is not None else None
            return window_id if has_fullscreen_state(values, fullscreen) else None
        except Exception:
            log.warning("full-screen check failed", exc_info=True)
            self.display.reset()
            return None

    def busy_reason(self) -> str | None:
        return FULLSCREEN if self.fullscreen_window() is not None else None
