"""X11: a passive key grab on the root window, on a connection of our own (libX11 via ctypes).

The grab is made for the combination with every CapsLock/NumLock/ScrollLock variant (the
NumLock and ScrollLock bits read from the server's modifier map), so the shortcut works whatever
lock is on. Another client holding the combination makes the server answer BadAccess; that is
reported, not hidden. The connection's socket is watched by a QSocketNotifier: no thread, no
polling, and the server sends us only the key presses of our own grab.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier

from micromoments_tray.platform.hotkeys.base import (
    BOUND,
    CONFLICT,
    UNAVAILABLE,
    HotkeyBackend,
    HotkeyStatus,
)
from micromoments_tray.platform.hotkeys.keys import (
    HotkeyError,
    XModifiers,
    parse_sequence,
    x_ignored_mask,
    x_keysym,
    x_lock_variants,
    x_mask,
    x_modifiers,
)
from micromoments_tray.platform.hotkeys.xlib_ctypes import KEY_PRESS, KEY_RELEASE, XConnection

log = logging.getLogger(__name__)


class X11Hotkeys(HotkeyBackend):
    name = "x11"

    def __init__(
        self,
        display_name: str | None,
        parent: QObject | None = None,
        open_display: Callable[[str | None], XConnection] = XConnection,
    ) -> None:
        super().__init__(parent)
        self._display_name = display_name
        self._open_display = open_display
        self._display: XConnection | None = None
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
            self._display.close()
            self._display = None

    def _connection(self) -> XConnection | None:
        if self._display is not None:
            return self._display
        try:
            display = self._open_display(self._display_name)
        except OSError as exc:
            log.warning("no X connection for hotkeys: %s", exc)
            return None
        self._display = display
        self._notifier = QSocketNotifier(display.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        return display

    @staticmethod
    def _read_modifiers(display: XConnection) -> XModifiers:
        return x_modifiers(display.modifier_keysyms())

    def _grab(self, display: XConnection, keycode: int, masks: list[int]) -> list[int]:
        """Grab every variant; the masks another client already holds (BadAccess)."""
        taken = display.grab(keycode, masks)
        self._keycode = keycode
        self._grabbed = [mask for mask in masks if mask not in taken]
        return taken

    def _ungrab(self) -> None:
        if self._display is not None and self._grabbed:
            self._display.ungrab(self._keycode, self._grabbed)
        self._grabbed = []

    # -- events ----------------------------------------------------------------------------------

    def _drain(self) -> None:
        """Read every event the server has sent (called when the socket is readable)."""
        if self._display is None:
            return
        for event in self._display.key_events():
            if event.type == KEY_RELEASE and event.keycode == self._keycode:
                self._last_release_time = event.time
            elif event.type == KEY_PRESS and self._is_ours(event.keycode, event.state):
                if event.time == self._last_release_time:
                    continue  # auto-repeat while the keys are held: one press is enough
                self.activated.emit()

    def _is_ours(self, keycode: int, state: int) -> bool:
        return (
            bool(self._grabbed)
            and keycode == self._keycode
            and (state & ~self._ignored & 0xFF) == self._mask
        )
