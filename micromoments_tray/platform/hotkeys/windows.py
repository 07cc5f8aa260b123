"""Windows: RegisterHotKey with MOD_NOREPEAT, and a native event filter for WM_HOTKEY.

The two user32 calls sit behind `Win32Api`, so everything else runs (and is tested) anywhere.
"""

from __future__ import annotations

import ctypes
import logging
from typing import Any, Protocol

from PySide6.QtCore import QAbstractNativeEventFilter, QByteArray, QCoreApplication, QObject

from micromoments_tray.platform.hotkeys.base import (
    BOUND,
    CONFLICT,
    UNAVAILABLE,
    HotkeyBackend,
    HotkeyStatus,
)
from micromoments_tray.platform.hotkeys.keys import HotkeyError, parse_sequence, windows_hotkey

log = logging.getLogger(__name__)

WM_HOTKEY = 0x0312
ERROR_HOTKEY_ALREADY_REGISTERED = 1409
HOTKEY_ID = 0x4D4D  # "MM"; ids 0x0000-0xBFFF are the application's own


class Win32Api(Protocol):
    def register(self, hotkey_id: int, modifiers: int, vk: int) -> int:
        """0 when registered, else the Windows error code."""
        ...

    def unregister(self, hotkey_id: int) -> None: ...


class User32:  # pragma: no cover - needs Windows
    """RegisterHotKey on the GUI thread's queue (no window): WM_HOTKEY arrives as a thread
    message, which Qt's event dispatcher passes to native event filters."""

    def __init__(self) -> None:
        self._user32 = ctypes.WinDLL("user32", use_last_error=True)  # type: ignore[attr-defined]

    def register(self, hotkey_id: int, modifiers: int, vk: int) -> int:
        if self._user32.RegisterHotKey(None, hotkey_id, modifiers, vk):
            return 0
        return int(ctypes.get_last_error())  # type: ignore[attr-defined]

    def unregister(self, hotkey_id: int) -> None:
        self._user32.UnregisterHotKey(None, hotkey_id)


class MSG(ctypes.Structure):
    """The start of a Win32 MSG: enough to read message and wParam."""

    _fields_ = (
        ("hwnd", ctypes.c_void_p),
        ("message", ctypes.c_uint),
        ("wParam", ctypes.c_size_t),
        ("lParam", ctypes.c_ssize_t),
    )


def is_hotkey_message(message_address: int, hotkey_id: int) -> bool:
    msg = MSG.from_address(message_address)
    return bool(msg.message == WM_HOTKEY and msg.wParam == hotkey_id)


class _HotkeyFilter(QAbstractNativeEventFilter):
    def __init__(self, backend: WindowsHotkeys) -> None:
        super().__init__()
        self._backend = backend

    def nativeEventFilter(
        self, event_type: QByteArray | bytes | bytearray | memoryview, message: Any
    ) -> Any:
        name = event_type.data() if isinstance(event_type, QByteArray) else bytes(event_type)
        if name == b"windows_generic_MSG" and is_hotkey_message(int(message), HOTKEY_ID):
            self._backend.activated.emit()
            return True, 0
        return False, 0


class WindowsHotkeys(HotkeyBackend):
    name = "windows"

    def __init__(self, api: Win32Api | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._api = api
        self._registered = False
        self.filter = _HotkeyFilter(self)
        self._filter_installed = False

    def bind(self, shortcut: str) -> None:
        self._unregister()
        try:
            combo = parse_sequence(shortcut)
        except HotkeyError as exc:
            self._set_status(HotkeyStatus(UNAVAILABLE, shortcut, "", f"{exc}."))
            return
        if self._api is None:
            self._api = User32()
        modifiers, vk = windows_hotkey(combo)
        pretty = combo.text()
        error = self._api.register(HOTKEY_ID, modifiers, vk)
        if error == ERROR_HOTKEY_ALREADY_REGISTERED:
            self._set_status(
                HotkeyStatus(
                    CONFLICT, pretty, "", f"{pretty} is used by another program — see Settings."
                )
            )
            return
        if error:
            self._set_status(
                HotkeyStatus(UNAVAILABLE, pretty, "", f"Windows refused {pretty} (error {error}).")
            )
            return
        self._registered = True
        app = QCoreApplication.instance()
        if app is not None and not self._filter_installed:
            app.installNativeEventFilter(self.filter)
            self._filter_installed = True
        log.info("hotkey %s registered (modifiers %#x, vk %#x)", pretty, modifiers, vk)
        self._set_status(HotkeyStatus(BOUND, pretty, pretty, f"{pretty} opens the quick log."))

    def unbind(self) -> None:
        self._unregister()
        super().unbind()

    def _unregister(self) -> None:
        if self._registered and self._api is not None:
            self._api.unregister(HOTKEY_ID)
        self._registered = False
