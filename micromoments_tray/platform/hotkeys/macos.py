"""macOS: Carbon's RegisterEventHotKey through ctypes (needs no accessibility permission).

The Carbon calls sit behind `CarbonApi`, so everything else runs (and is tested) anywhere.
"""

from __future__ import annotations

import ctypes
import logging
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject

from micromoments_tray.platform.hotkeys.base import (
    BOUND,
    CONFLICT,
    UNAVAILABLE,
    HotkeyBackend,
    HotkeyStatus,
)
from micromoments_tray.platform.hotkeys.keys import HotkeyError, mac_hotkey, parse_sequence

log = logging.getLogger(__name__)

EVENT_HOTKEY_EXISTS = -9878  # eventHotKeyExistsErr
SIGNATURE = int.from_bytes(b"MMnt", "big")


class CarbonApi(Protocol):
    def register(self, keycode: int, modifiers: int, on_pressed: Callable[[], None]) -> int:
        """0 (noErr) when registered, else the OSStatus."""
        ...

    def unregister(self) -> None: ...


class Carbon:  # pragma: no cover - needs macOS
    K_EVENT_CLASS_KEYBOARD = int.from_bytes(b"keyb", "big")
    K_EVENT_HOTKEY_PRESSED = 5

    class EventTypeSpec(ctypes.Structure):
        _fields_ = (("eventClass", ctypes.c_uint32), ("eventKind", ctypes.c_uint32))

    class EventHotKeyID(ctypes.Structure):
        _fields_ = (("signature", ctypes.c_uint32), ("id", ctypes.c_uint32))

    HANDLER = ctypes.CFUNCTYPE(ctypes.c_int32, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p)

    def __init__(self) -> None:
        self._carbon = ctypes.CDLL("/System/Library/Frameworks/Carbon.framework/Carbon")
        self._carbon.GetApplicationEventTarget.restype = ctypes.c_void_p
        self._hotkey = ctypes.c_void_p()
        self._handler_ref = ctypes.c_void_p()
        self._callback: Any = None

    def register(self, keycode: int, modifiers: int, on_pressed: Callable[[], None]) -> int:
        target = self._carbon.GetApplicationEventTarget()
        if self._callback is None:

            def handler(_call: Any, _event: Any, _data: Any) -> int:
                on_pressed()
                return 0

            self._callback = self.HANDLER(handler)
            spec = self.EventTypeSpec(self.K_EVENT_CLASS_KEYBOARD, self.K_EVENT_HOTKEY_PRESSED)
            status = self._carbon.InstallEventHandler(
                ctypes.c_void_p(target),
                self._callback,
                1,
                ctypes.byref(spec),
                None,
                ctypes.byref(self._handler_ref),
            )
            if status:
                return int(status)
        hotkey_id = self.EventHotKeyID(SIGNATURE, 1)
        return int(
            self._carbon.RegisterEventHotKey(
                ctypes.c_uint32(keycode),
                ctypes.c_uint32(modifiers),
                hotkey_id,
                ctypes.c_void_p(target),
                ctypes.c_uint32(0),
                ctypes.byref(self._hotkey),
            )
        )

    def unregister(self) -> None:
        if self._hotkey.value:
            self._carbon.UnregisterEventHotKey(self._hotkey)
            self._hotkey = ctypes.c_void_p()


class MacHotkeys(HotkeyBackend):
    name = "macos"

    def __init__(self, api: CarbonApi | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._api = api
        self._registered = False

    def bind(self, shortcut: str) -> None:
        self._unregister()
        try:
            combo = parse_sequence(shortcut)
            modifiers, keycode = mac_hotkey(combo)
        except HotkeyError as exc:
            self._set_status(HotkeyStatus(UNAVAILABLE, shortcut, "", f"{exc}."))
            return
        if self._api is None:
            self._api = Carbon()
        pretty = combo.text()
        status = self._api.register(keycode, modifiers, lambda: self.activated.emit())
        if status == EVENT_HOTKEY_EXISTS:
            self._set_status(
                HotkeyStatus(
                    CONFLICT, pretty, "", f"{pretty} is used by another program — see Settings."
                )
            )
            return
        if status:
            self._set_status(
                HotkeyStatus(UNAVAILABLE, pretty, "", f"macOS refused {pretty} (error {status}).")
            )
            return
        self._registered = True
        log.info("hotkey %s registered (modifiers %#x, key code %#x)", pretty, modifiers, keycode)
        self._set_status(HotkeyStatus(BOUND, pretty, pretty, f"{pretty} opens the quick log."))

    def unbind(self) -> None:
        self._unregister()
        super().unbind()

    def _unregister(self) -> None:
        if self._registered and self._api is not None:
            self._api.unregister()
        self._registered = False
