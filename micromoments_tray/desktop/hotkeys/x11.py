"""X11: a passive key grab on the root window, on a connection of our own.

The grab is made for the combination with every CapsLock/NumLock/ScrollLock variant (the
NumLock and ScrollLock bits read from the server's modifier map), so the shortcut works whatever
lock is on. Another client holding the combination makes the server answer BadAccess; that is
reported, not hidden. The connection's socket is watched by a QSocketNotifier: no thread, no
polling, and the server sends us only the key presses of our own grab.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier

from micromoments_tray.desktop.hotkeys.base import (
    BOUND,
    CONFLICT,
    UNAVAILABLE,
    HotkeyBackend,
    HotkeyStatus,
)
from micromoments_tray.desktop.hotkeys.keys import (
    HotkeyError,
    XModifiers,
    parse_sequence,
    x_ignored_mask,
    x_keysym,
    x_lock_variants,
    x_mask,
    x_modifiers,
)

log = logging.getLogger(__name__)


def _open_display(name: str | None) -> Any:
    from Xlib import display  # type: ignore[import-untyped]

    return display.Display(name)


class X11Hotkeys(HotkeyBackend):
    name = "x11"

    def __init__(
        self,
        display_name: str | None,
        parent: QObject | None = None,
        open_display: Callable[[str | None], Any] = _open_display,
    ) -> None:
        super().__init__(parent)
        self._display_name = display_name
        self._open_display = open_display
        self._display: Any = None
        self._notifier: QSocketNotifier | None = None
        self._keycode = 0
        self._mask = 0
        self._ignored = 0
        self._grabbed: list[int] = []
        self._last_release_time = -1

    # -- binding -------------------------------------------------------------------------------

    def bind(self, shortcut: str) -> None:
        self._ungrab()
        try:
            combo = parse_sequence(shortcut)
        except HotkeyError as exc:
            self._set_status(HotkeyStatus(UNAVAILABLE, shortcut, "", f"{exc}."))
            return
        display = self._connection()
        if display is None:
            self._set_status(
                HotkeyStatus(
                    UNAVAILABLE,
                    shortcut,
                    "",
                    f"Could not reach the X display {self._display_name or ''} for shortcuts.",
                )
            )
            return
        mods = self._read_modifiers(display)
        keycode = display.keysym_to_keycode(x_keysym(combo))
        if not keycode:
            self._set_status(
                HotkeyStatus(UNAVAILABLE, shortcut, "", f"This keyboard has no {combo.key} key.")
            )
            return
        mask = x_mask(combo, mods)
        taken = self._grab(display, keycode, x_lock_variants(mask, mods))
        pretty = combo.text()
        if taken:
            self._ungrab()
            log.warning(
                "hotkey %s is grabbed by another program (BadAccess for modifier masks %s)",
                pretty,
                ", ".join(hex(m) for m in taken),
            )
            self._set_status(
                HotkeyStatus(
                    CONFLICT,
                    pretty,
                    "",
                    f"{pretty} is used by another program. Choose another shortcut in "
                    "Settings, or bind “micromoments quick-log” in your desktop's settings.",
                )
            )
            return
        self._keycode, self._mask, self._ignored = keycode, mask, x_ignored_mask(mods)
        log.info(
            "hotkey %s grabbed on X11 (keycode %d, mask %#x, %d lock variants, NumLock %#x)",
            pretty,
            keycode,
            mask,
            len(self._grabbed),
            mods.num_lock,
        )
        self._set_status(HotkeyStatus(BOUND, pretty, pretty, f"{pretty} opens the quick log."))
        self._drain()

    def unbind(self) -> None:
        self._ungrab()
        super().unbind()

    def close(self) -> None:
        self._ungrab()
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._display is not None:
            try:
                self._display.close()
            except Exception:  # the server may already be gone
                log.debug("closing the X connection failed", exc_info=True)
            self._display = None

    def _connection(self) -> Any:
        if self._display is not None:
            return self._display
        try:
            display = self._open_display(self._display_name)
        except Exception as exc:  # Xlib raises several unrelated types for "cannot connect"
            log.warning("no X connection for hotkeys: %s", exc)
            return None
        self._display = display
        self._notifier = QSocketNotifier(display.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        return display

    @staticmethod
    def _read_modifiers(display: Any) -> XModifiers:
        rows = display.get_modifier_mapping()
        keysyms = [[display.keycode_to_keysym(code, 0) for code in row if code] for row in rows]
        return x_modifiers(keysyms)

    def _grab(self, display: Any, keycode: int, masks: list[int]) -> list[int]:
        """Grab every variant; the masks another client already holds (BadAccess)."""
        from Xlib import X, error

        root = display.screen().root
        catchers: list[tuple[int, Any]] = []
        for mask in masks:
            catcher = error.CatchError(error.BadAccess)
            root.grab_key(keycode, mask, True, X.GrabModeAsync, X.GrabModeAsync, onerror=catcher)
            catchers.append((mask, catcher))
        display.sync()  # the server answers every grab before this returns
        taken = [mask for mask, catcher in catchers if catcher.get_error() is not None]
        self._keycode = keycode
        self._grabbed = [mask for mask, _ in catchers if mask not in taken]
        return taken

    def _ungrab(self) -> None:
        if self._display is None or not self._grabbed:
            self._grabbed = []
            return
        root = self._display.screen().root
        for mask in self._grabbed:
            root.ungrab_key(self._keycode, mask)
        self._grabbed = []
        try:
            self._display.flush()
        except Exception:
            log.debug("flushing the X connection failed", exc_info=True)

    # -- events ----------------------------------------------------------------------------------

    def _drain(self) -> None:
        """Read every event the server has sent (called when the socket is readable)."""
        from Xlib import X
        from Xlib.error import ConnectionClosedError  # type: ignore[import-untyped]

        display = self._display
        if display is None:
            return
        try:
            while display.pending_events():
                event = display.next_event()
                if event.type == X.KeyRelease and event.detail == self._keycode:
                    self._last_release_time = event.time
                elif event.type == X.KeyPress and self._is_ours(event.detail, event.state):
                    if event.time == self._last_release_time:
                        continue  # auto-repeat while the keys are held: one press is enough
                    self.activated.emit()
        except ConnectionClosedError:
            log.warning("the X connection for hotkeys closed")
            if self._notifier is not None:
                self._notifier.setEnabled(False)
            self._display = None
            self._grabbed = []
            self._set_status(
                HotkeyStatus(UNAVAILABLE, self._status.shortcut, "", "The X display went away.")
            )

    def _is_ours(self, keycode: int, state: int) -> bool:
        return (
            bool(self._grabbed)
            and keycode == self._keycode
            and (state & ~self._ignored & 0xFF) == self._mask
        )
